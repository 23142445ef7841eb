"""Numbers with a counter in a sentence: 「4回」「約1万8千人」「4,400人」「三か国」「2 隻」 → (start, end, value, unit).

A number is read only when a counter or unit follows it, so years, dates, 指標 numbers and 第N条 never are.
"""
from __future__ import annotations

import re

from .normalize import nfkc

# Width only, one character for one, so that offsets in the analysed text are offsets in the sentence.
# (full-width letters too: 「ＮＩＳＡ口座数」 is one noun with its name; one character for one, offsets kept)
WIDTH = str.maketrans("０１２３４５６７８９，．％（）" + "".join(chr(c) for c in range(0xFF21, 0xFF3B))
                      + "".join(chr(c) for c in range(0xFF41, 0xFF5B)),
                      "0123456789,.%()ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
# The counters and units a counted number may carry.
UNIT = (r"(?:兆|億|千万|百万|万|千)?円|(?:億|万)?ドル|ユーロ|万人泊|人泊|万人|千人|人日|人|万名|名|者|万件|件|回|基"
        r"|万口座|口座"
        r"|万通|通(?![知報信常行])|[かカヶヵケ箇]国(?:・地域)?"
        r"|%|ポイント|団体|校|社|機関|都市|自治体|[かカヶヵケ箇]所|隻|種類|品目|講座|事業場|事業者|事業(?![場者所主体])"
        # Measures and counters of places, households and things (面積, 重量, 距離, 施設数 …).
        r"|ヘクタール|ha(?![A-Za-z])|(?:万|千)?トン|キロメートル|km(?![A-Za-z])|台|施設|世帯|戸|棟|冊|編|店舗|拠点|地区"
        r"|都道府県|市区町村|市町村|病院|事業所|企業|地域|隊|頭|分|個(?![人別所体性])"
        # A duration (「計142日間」; 「2日」 alone is a date) and stations (「312局」, not 局長).
        r"|日間|局(?![長内])"
        # Signatures, things counted by 本 (videos, projects), and ages (not 「20歳未満の」, a name's bound)
        r"|筆|本(?![部省庁文年来日人当])|歳(?!未満|以上|以下|代|児|以降|から|まで|の|[～〜~\-])"
        # Routes and berths of ports and lines (「計6航路」「14バース」): a word in katakana right after a number
        # is the counter it is counted in
        r"|航路|路線|[ァ-ヴ][ァ-ヴー]{1,5}(?![ァ-ヴー])")
# A unit alone, as a bracket writes it after a name: 「(万ha)」「(百万円)」「(件)」.
UNIT_ALONE_RE = re.compile(rf"(?:万|千|百万|億)?(?:{UNIT})")
# 「2 隻」: PDFs and ministries' text often set a space between a number and its counter.
_NUMBER_RE = re.compile(rf"(?<![\d.,A-Za-z\-+/第兆億万])(?<!第 )(\d{{1,3}}(?:,\d{{3}})+|\d+)(\.\d+)?"
                        rf"[ \u3000]?({UNIT})")
# 「1万2,000人」: a count written with 万 inside.
_MAN_RE = re.compile(r"(?<![\d.,A-Za-z第兆億])(\d+)万(\d{1,3},\d{3}|\d{1,4})(人|件|円)")
# 「約412万回」「約42万筆」: 万 before any counter that has no 万 form of its own (万人, 万件 … are units)
_MAN_ANY_RE = re.compile(rf"(?<![\d.,A-Za-z\-+/第兆億万])(\d{{1,3}}(?:,\d{{3}})+|\d+)(\.\d+)?万({UNIT})")
# 「1億2,300万円」: an amount in 円, as its words say (「1.2億円」 alone stays in 億円, as tables write it).
_OKU_RE = re.compile(r"(?<![\d.,A-Za-z第兆])(\d+)億(?:(\d)千|(\d{1,3},\d{3}|\d{1,4}))万円")  # (「18億5千万円」)
# 「約3兆2千億円」「1兆2,000億円」: the same, a step up
_CHO_RE = re.compile(r"(?<![\d.,A-Za-z第])(\d+)兆(?:(\d)千|(\d{1,3},\d{3}|\d{1,4}))億円")
# 「約1万8千人」「8千件」: 千 inside a count of people or cases (「5千円」 stays out: 千円 is a unit of its own).
# (any counter or unit but 円: 「約11万1千km」「約13万6千戸」)
_SEN_RE = re.compile(rf"(?<![\d.,A-Za-z第兆億])(?:(\d+)万)?(\d)千(?!円|万)({UNIT})")
# Places and bodies counted by their noun (one vocabulary for the readers below and the counter asked).
_BODIES = "地方公共団体|市区町村|市町村|都道府県|自治体|団体|施設|事業所|企業|機関|病院|学校|国・地域"
# 「…がいる市区町村は231で」: places and bodies counted with the noun before the number, not after it.
_TOPIC_COUNT_RE = re.compile(rf"({_BODIES})(?:数)?(?:は|が)"
                             r"(\d{1,3}(?:,\d{3})+|\d+)(?=で|と|、|。|であ|に(?:上|達|増|減))")
# 「支援日数は延べ384日」: days counted, not a date (「4月1日」), where the sentence says so (日数, 延べ).
_DAYS_RE = re.compile(r"(?<![\d.,月])(\d{1,3}(?:,\d{3})+|\d+)日(?![本間曜時付目])")
# 「計101の地方公共団体において」: places and bodies counted with の before their noun.
_NO_COUNT_RE = re.compile(rf"(?<![\d.,A-Za-z第])(\d{{1,3}}(?:,\d{{3}})+|\d+)の({_BODIES})")
_KANSUJI = "二三四五六七八九"
# 漢数字 only 二〜九十九 before a short counter list: 一 is in too many words (一人ひとり, 一件落着, 一回り).
_KANJI_NUMBER_RE = re.compile(
    rf"(?<![第一二三四五六七八九十百千万数何幾])([{_KANSUJI}]?十[{_KANSUJI}一]?|[{_KANSUJI}])"
    r"(回|件|[かカヶヵケ]国|名|人|校|団体|社)(?![一二三四五六七八九十])")
# A counter followed by these is another word or an ordinal: 3回目, 1人当たり, 200回答, 人材, 人口.
# (人権, 人事, 人工, 人生, 人気, 人道 after a number are words of their own, not 人 counted: 「指標1人権相談…」)
_NOT_COUNT = re.compile(r"目|当たり|あたり|答|収|復|転|線|路|称|簿|忌|口|材|間|号|権|格|事|工|生|形|気|道|種")



# The katakana units the list names (any other word in katakana counts only right after its number)
_KATAKANA_UNITS = frozenset({"ドル", "ユーロ", "ポイント", "ヘクタール", "トン", "キロメートル"})


def counted_numbers(a: str) -> list[tuple[int, int, int | float, str]]:
    """(start, end, value, unit) of each number with a counter, in order."""
    quoted = [m.span() for m in re.finditer(r"「[^」]*」|『[^』]*』", a)]
    out: list[tuple[int, int, int | float, str]] = []
    for m in _NUMBER_RE.finditer(a):
        digits, frac, unit = m.group(1), m.group(2) or "", m.group(3)
        value: int | float = float(digits.replace(",", "") + frac) if frac else int(digits.replace(",", ""))
        out.append((m.start(), m.end(), value, unit))
    for m in _MAN_ANY_RE.finditer(a):
        unit = m.group(3)
        if unit not in _MAN_FORMS and not re.match(r"[兆億千百万円]|ドル", unit):
            out.append((m.start(), m.end(), round(float(m.group(1).replace(",", "") + (m.group(2) or "")) * 10000),
                        unit))
    for m in _MAN_RE.finditer(a):
        out.append((m.start(), m.end(), int(m.group(1)) * 10000 + int(m.group(2).replace(",", "")), m.group(3)))
    for m in _OKU_RE.finditer(a):
        man = int(m.group(2)) * 1000 if m.group(2) else int(m.group(3).replace(",", ""))
        out.append((m.start(), m.end(), int(m.group(1)) * 10**8 + man * 10**4, "円"))
    for m in _CHO_RE.finditer(a):
        oku = int(m.group(2)) * 1000 if m.group(2) else int(m.group(3).replace(",", ""))
        out.append((m.start(), m.end(), int(m.group(1)) * 10**12 + oku * 10**8, "円"))
    for m in _SEN_RE.finditer(a):
        out.append((m.start(), m.end(), int(m.group(1) or 0) * 10000 + int(m.group(2)) * 1000, m.group(3)))
    for m in _TOPIC_COUNT_RE.finditer(a):
        out.append((m.start(2), m.end(2), int(m.group(2).replace(",", "")), m.group(1)))
    for m in _NO_COUNT_RE.finditer(a):
        out.append((m.start(), m.end(), int(m.group(1).replace(",", "")), m.group(2)))
    for m in _DAYS_RE.finditer(a):
        if "日数" in a[:m.start()] or re.search(r"(?:延べ|のべ)$", a[:m.start()]):
            out.append((m.start(), m.end(), int(m.group(1).replace(",", "")), "日"))
    for m in _KANJI_NUMBER_RE.finditer(a):
        out.append((m.start(), m.end(), kansuji(m.group(1)), m.group(2)))
    keep = []
    for s, e, v, u in sorted(out):
        if any(qs < s < qe for qs, qe in quoted) or _NOT_COUNT.match(a, e):
            continue  # a name (「2+2」「TPP11」) or another word (3回目, 人材)
        if re.fullmatch(r"[ァ-ヴ][ァ-ヴー]*", u) and u not in _KATAKANA_UNITS \
                and (re.search(r"\s", a[s:e]) or re.search(r"[ァ-ヴー]$", a[:s])):
            continue  # 「指標3　フロン類」「ゾーン30プラス」: a number of a name, not one counted in katakana
        if u == "%" and re.match(r"[\u30a1-\u30fa]", a[e:e + 1]):
            continue  # 「30%クラブ」: a percentage that is part of a name
        if not re.sub(r"^(?:\s|-|・|●|○|◆|\(注\)|注\)|※|\d+[.)]?)*", "", a[:s]):
            continue  # an item number at the start of a sentence (「2 日米…」 tidied to 「2日米…」)
        if u in _SCALED:  # 「約191万人」 is 1,910,000人, as 「1万2千人」 is 12,000人 (the sentence keeps the words)
            scaled = round(v * _SCALED[u], 6)
            v, u = (int(scaled) if float(scaled).is_integer() else scaled), u[1:]
        keep.append((s, e, v, re.sub(r"^[かカヶヵケ箇](?=[国所])", "か", u)))
    return keep


# What a unit's prefix multiplies its base unit by.
UNIT_SCALE = {"兆円": 10**12, "億円": 10**8, "千万円": 10**7, "百万円": 10**6, "万円": 10**4, "千円": 10**3,
              "万人": 10**4, "千人": 10**3, "万名": 10**4, "万件": 10**4, "万口座": 10**4, "万トン": 10**4,
              "千トン": 10**3, "万通": 10**4, "万人泊": 10**4}


def base_amount(value: float, unit: str) -> tuple[str, float]:
    """A value in its unit's base, and that base: 101.2 万人 → (人, 1,012,000), 1.2 億円 → (円, 120,000,000)."""
    scale = UNIT_SCALE.get(unit)
    return (re.sub(r"^(?:兆|億|千万|百万|万|千)", "", unit), value * scale) if scale else (unit, value)


# Counters with a 万 form of their own (万人, 万件 …): 「3万人」 is read as that unit, not as 万 before 人
_MAN_FORMS = {u[1:] for u in UNIT_SCALE if u.startswith("万")}
# Counts written with 万 or 千 before their counter; amounts in 億円 or 百万円 stay in the sheets' units.
_SCALED = {u: UNIT_SCALE[u] for u in ("万人", "千人", "万名", "万件", "万円", "万口座", "万通", "万人泊")}


def kansuji(t: str) -> int:
    d = {c: i for i, c in enumerate("一二三四五六七八九", 1)}
    if "十" not in t:
        return d[t]
    tens, _, ones = t.partition("十")
    return d.get(tens, 1) * 10 + d.get(ones, 0)


# --- the counter a question asks in ------------------------------------------------------------------
# 「何人」「何か国」「いくら」: the unit a question implies (the first cue found)
_COUNTER_CUES = [(re.compile(r"第何回|何回目|何度目"), "回目"),
                 # 「（千トン）で」: the unit the answer is wanted in
                 (re.compile(r"[(（](万トン|千トン|トン|ha|km|万人|千人)[)）]"), "BRACKET"),
                 (re.compile(r"百万円"), "百万円"), (re.compile(r"千円"), "千円"), (re.compile(r"億円"), "億円"),
                 (re.compile(r"何人|人数|何名|参加者|受講者|人は|者数"
                  r"|(?:した|する|している|された)(?:人|者)(?!の?(?:割合|率|比率))"), "人"),
                 (re.compile(r"何か国|何カ国|国数|何ヶ国"), "か国"),
                 (re.compile(r"何回|回数|会談数"), "回"), (re.compile(r"何件|件数"), "件"),
                 (re.compile(r"いくら|金額|予算|円"), "円"),
                 (re.compile(r"割合|(?<!執行)(?<!達成)率|何%|何％|パーセント"), "%"),
                 # (a noun in 額 asked, 「…の取得額は」, is money; after 率: 「少額訴訟の利用率」 is a %; not the
                 # kinds of value, 執行額, 予算額, 要求額, 補正額, 繰越額: their family says what they are)
                 (re.compile(r"(?<=[\u4e00-\u9fff])(?<![行算求正越])額(?=は|が|を|、|って|で|の(?:推移|差)|[?？]|$)"),
                  "円")]
# 「何隻」「約何ヘクタール」: a count in a counter the cues above do not name; the counter is what is asked.
ASKED_COUNTER_RE = re.compile(r"何(?:万|千|億|百万)?(年(?!度)|周年|隻|ヘクタール|ha(?![A-Za-z])|km(?![A-Za-z])|人泊"
                               r"|kg|kWh|kW|kl"
                               r"|トン|キロメートル|台|施設|世帯"
                               r"|戸|棟|冊|編|店舗|拠点|地区"
                               r"|基|隊|頭"
                               r"|校|社|団体|機関|地域|市町村|自治体|事業所|病院|企業"
                               r"|都市|種類|講座|か所|カ所|箇所|個|日|通|本|枚|隻|局|館|件|回"
                               r"|分(?!の)|秒|時間|機|航路|路線"
                               r"|(?!パーセント|ポイント)[ァ-ヴ][ァ-ヴー]{1,5})")  # (「何分」 asks a time, not 機)
# 「支援日数」「交付通数」「出動隻数」: a counter (a closed class of words) before 数 names what is counted
_BEFORE_COUNT = ("日", "通", "台", "隻", "頭", "棟", "戸", "冊", "基", "本", "枚", "校", "社")
_COUNTERS = "|".join(_BEFORE_COUNT)
_COUNTER_NUMBER_RE = re.compile(rf"(?<=[一-龥])({_COUNTERS})数(?![値字量])")
# The counters of things, as a count's name ends in them (「救急出動件数」「相談員人数」): not what is counted.
COUNTERS = frozenset(_BEFORE_COUNT + ("件", "人", "回", "個", "機", "か所", "箇所", "カ所"))
# Units that measure an amount (money, a share, a duration, a distance, a weight): 「いくつ」 of them is no count.
MEASURES = ("円", "%", "日", "日間", "時間", "分", "秒", "倍", "ポイント", "km", "トン")


# 「…の滞納残高はいくら」「何件の勧告が」: the noun whose value is asked, next to the question word
# (「…給与（月額）は令和6年度でいくら」: an aside and a year between the noun and what is asked of it)
_ASKED_NOUN_RE = re.compile(r"([一-龥ァ-ヴー]{2,})(?:[(（][^()（）]{1,8}[)）])?(?:は|を|が)"
                            r"(?:(?:令和|平成|昭和)?[元\d]{1,4}年度?(?:で|に|には|は)?)?"
                            r"(何(?:件|人|回|か所|カ所|箇所|社|団体|校|台)|いくら|何"
                            r"|どのくらい|どれくらい|いくつ)"
                            r"|何(?:件|人|回|か所|カ所|箇所|社|団体|校|隻|台)の([一-龥ァ-ヴー]{2,})(?:が|を|は|に|で)")


def asked_noun(q: str, counting: bool = False) -> str | None:
    """The words before a question's 「は何」「はいくら」 (or after its 「何件の」); with `counting`, only those a count
    asks of (「…支援員は何人」, 「…はいくつ」), not an amount's."""
    for m in _ASKED_NOUN_RE.finditer(q):
        if not counting:
            return m.group(1) or m.group(3)
        # (a count asked across a year, 「…は令和3年度に何件」, is left to the other readings: only an amount's noun
        # is found across one)
        if m.group(1) and (m.group(2) == "いくつ" or len(m.group(2)) > 1 and m.group(2).startswith("何")) \
                and not re.search(r"(?:\d|元)年", m.group(0)):
            return m.group(1)
    return None


def counter_word(word: str) -> str | None:
    """The counter a word 「…数」 names (通数 → 通, 件数 → 件, 人数 → 人), else None."""
    m = re.fullmatch(rf"({_COUNTERS}|件|人|回)数", word)
    return m.group(1) if m else None


def asked_counter(n: str) -> str | None:
    """The unit a question counts in: one asked with 何 (「移送された者は何か国から」 counts countries) before one the
    question only implies (された人, 人数)."""
    cues = [((cue.group(1) if unit == "BRACKET" else unit), cue.group(0)) for pat, unit in _COUNTER_CUES
            if (cue := pat.search(n))]
    named = ASKED_COUNTER_RE.search(n)
    counted = _COUNTER_NUMBER_RE.search(n)
    # 「いくつの市町村に」: asked with いくつ, the noun after it is the counter
    named = named or re.search(rf"いくつの({_BODIES}|地域|国)", n) \
        or re.search(rf"({_BODIES})の数(?=は|を|が|って|、|$)", n)  # 「登録事業所の数」: 事業所 counted
    return next((u for u, said in cues if "何" in said), None) or (named.group(1) if named else None) \
        or next((u for u, _ in cues), None) or (counted.group(1) if counted else None)


def same_counter(unit: str, counter: str) -> bool:
    """「名」「者」 count people as 「人」 does, 「百万円」 is an amount in 「円」, 「か国・地域」 counts 「か国」."""
    def plain(u: str) -> str:
        return re.sub(r"^[カヶヵケ箇]", "か", nfkc(u)).removesuffix("・地域")  # (「％」 is 「%」)
    unit = "人" if unit in ("名", "人", "者") else plain(unit)
    return unit.endswith(plain(counter)) or plain(counter) in _COUNTED_AS.get(unit, ())


# Bodies a table counts in 団体 (「地方公共団体の数」 of a column in 団体), companies in 社
_COUNTED_AS = {"団体": ("地方公共団体", "自治体", "市区町村", "市町村", "都道府県"), "社": ("企業", "事業者")}
