"""Reading one sentence's counts and amounts: the words around each number (see `facts`).

「日米は首脳間で4回(全て電話会談)、外相間で6回(うち電話会談が4回)会談を行う」 gives three facts, each a
`Figure` with measure 「本文記載」 and the whole sentence as `raw`. The shape of the words around a number:

- `subject`: the counted noun — 会談, 電話会談, サンプル, 参加者 (「4,400人が参加」), 就職率.
- `series`: the words that tell numbers of one sentence apart, in reading order, joined by 「・」: the
  topic (「日米は」, 「「一般」とは」) and the case-marked qualifier (「首脳間で」, 「青少年交流事業に」).
  So 「首脳間で4回」 → series 日米・首脳間, 「外相間で6回」 → series 日米・外相間.
- `note`: how the sheet qualifies the number, joined by 「、」: the markers before and after it (約, 計, 延べ,
  総額, うち, 以上, 未満 …) and a bracket right after it as written (「(全て電話会談)」).

A number is read only when a counter or unit follows it (回, 人, 件, か国, %, 円 …), so years, dates,
指標 numbers and 第N条 never are. 「第7回日米サイバー対話」 is read as which round (unit 回目) of the noun
after it. When the counted noun cannot be read, the number is skipped.
"""
from __future__ import annotations

import re

from .counts import UNIT, WIDTH, counted_numbers, kansuji
from .fact_years import DEADLINE_RE, KANJI, YEAR_PHRASE_RE, YEAR_RE, year_before
from .fiscal_year import to_label

_NOUN_CHARS = rf"{KANJI}\u30a1-\u30fa\u30fcA-Za-z0-9・&"
_NOUN_CH = rf"[{_NOUN_CHARS}]"
# A noun phrase: kanji / katakana / latin, with an abbreviation in brackets inside (「パートナーシップ(JUSEP)会合」).
# An okurigana kana inside or at the end of a noun (立入り, 取組み, 見直し) before a kanji or a particle.
_OKURI = rf"(?:(?<=[{KANJI}])[りれしみきいちえけ](?=[{KANJI}]|[をがはのでにも]))"  # (差押え, 建替え, 荷主向け too)
# 「24時間死者数」: a number and 時間 or 歳 open a noun.
# Nouns whose kana a noun reader would cut (「呼びかけ」 is not 「呼」).
_KANA_NOUN = ("(?:呼びかけ|働きかけ|問い合わせ|問合せ|申し込み|申込み|取り組み|受け入れ|打ち合わせ|聞き取り"
              "|見守り|声かけ)")
_NOUN = (rf"(?:(?:(?<![\d.,・])\d{{1,3}}(?:・\d{{1,3}})*(?=時間|歳))?(?![0-9・])(?:{_KANA_NOUN}|{_NOUN_CH})+"
         rf"(?:(?:\([A-Za-z0-9・]{{1,20}}\)|{_OKURI})(?:{_KANA_NOUN}|{_NOUN_CH})*)*)")
_ORDINAL_RE = re.compile(rf"第(\d{{1,3}}|[一二三四五六七八九十]{{1,3}})回(?:目)?(?:の|となる|目の)?({_NOUN})")
# Words right before a number that say how to read it; they go to the note, not the subject.
_PRE_MARKS = ("約", "およそ", "概ね", "計", "合計", "総計", "累計", "総額", "延べ", "のべ", "うち", "最大", "最低",
              "少なくとも", "新たに", "新規に", "前年度比", "前年比", "対前年度比", "前年末比", "前年同期比", "年間",
              "月間", "毎年", "毎月", "各")
# 「前年から」「前年度末と比べて」: a change on the year before, its marker at the end of the words before a number
_SINCE = r"(?:[前昨]年度?末?|前回)(?:から|より|と比べて?|に比べて?|比で)"
SINCE_RE = re.compile(_SINCE + "$")
_POST_MARK_RE = re.compile(r"以上|以下|未満|超|余り|余|程度|強|弱|前後|近く|ほど|増加|減少|増|減|上昇|低下")
_CHANGE_OF_IT_RE = re.compile(r"(?:前年度?|前回|昨年度?)比約?[\d.]+(?:割|%|％|倍|ポイント)(?:の)?"
                              r"(?:増|減|増加|減少|上昇|低下)の$")
# A rate or a span changes what the number means: 「1人当たり3万円」, 「5年間で100人」. Kept in the note.
_PER_RE = re.compile(r"(?:\d+|一)?(?:人|件|回|日|か月|年|校|社)?(?:当たり|あたり|につき|ごとに|毎に)$")
_SCOPE_PHRASE_RE = re.compile(r"[^、,。]*を中心(?:に|として)(?:して)?$")
_SPAN_RE = re.compile(r"\d+(?:年間|か月間?|カ月間?|ヶ月間?|日間|週間)(?:で|に)?")
# Words that name a scope, not a thing: 「全国47か所」 is 47 places across the country.
_SCOPES = {"全国", "国内", "海外", "県内", "各地", "世界", "全体", "地域", "各国"}
# What a counter that names its thing counts, when the words before it are a scope (「アジア10か国」).
_COUNTER_NOUNS = {"か国": "国", "か国・地域": "国・地域", "か所": "箇所", "校": "学校", "団体": "団体", "社": "企業",
                  "都市": "都市", "自治体": "自治体", "機関": "機関", "施設": "施設", "世帯": "世帯", "店舗": "店舗",
                  "拠点": "拠点", "地区": "地区", "市町村": "市町村", "市区町村": "市区町村", "病院": "病院",
                  "事業所": "事業所", "企業": "企業", "地域": "地域", "都道府県": "都道府県"}
# Brackets that say how a number stands, not what its noun is called: (速報値), (概数), (LED化等), (注2)
_REMARK_RE = re.compile(r"値|概数|推計|見込|概算|暫定|注|等|など|含む|除く|化")
# 「獣種別ではシカが65億円」「内訳は…」: parts of the previous sentence's count too
# Sections that report the year before the document's: 施策の進捗状況（実績）, 評価結果, 施策の分析
_PEOPLE = {"人", "名", "者", "万人", "千人"}
# 「28,774人としていたが」「29,106人に改めた」: a value before a correction, and after it
_BEFORE_RE = re.compile(r"[)）]?(?:と(?:して|され|記載して)いた|を記載していた)")
_AFTER_RE = re.compile(r"[)）]?(?:に|へ)(?:改め|修正|訂正|改定)")


def read_sentence(sentence: str, era: str) -> list[dict]:
    """The facts of one sentence as field dicts (`at`: the number's offset in the sentence)."""
    a = sentence.translate(WIDTH)
    nums = counted_numbers(a)
    facts: list[dict] = []
    for s, e, value, unit in nums:
        depth_open = _open_bracket(a, s)
        clause_start = max(a.rfind(c, 0, s) for c in "、,。") + 1
        clause_start = max(clause_start, depth_open + 1)
        left, pre = _strip_pre(a[clause_start:s])
        # 「重傷者数(速報値)は」「改良(LED化等)を」: a remark between the noun and its particle, kept in the note.
        alias = None
        if m := re.search(r"(\([^()]*\))((?:とは|は|が|を|も)?)$", left):
            left, pre = left[:m.start()] + m.group(2), [m.group(1)] + pre
            # 「事例(見逃し)は8回」: a plain name in the bracket is what the noun is called, a qualifier too
            if re.fullmatch(r"\([^\d()、。,]{1,10}\)", m.group(1)) and not _REMARK_RE.search(m.group(1)):
                alias = m.group(1)[1:-1]
        # 「輸出額が前年比約3割減の約473億円」: how it changed on the year before, said of this count (no count of
        # the year before), kept in the note
        if m := _CHANGE_OF_IT_RE.search(left):
            left, pre = left[:m.start()], pre + [m.group(0).removesuffix("の")]
        # 「令和4年度までに70%」: a deadline, kept in the note; other years are the fact's year, not words.
        pre += [m.group(0) for m in DEADLINE_RE.finditer(left)]
        left = YEAR_PHRASE_RE.sub("", DEADLINE_RE.sub("", left))
        # 「終結した71件のうち29件は」「…51件のうち、和解による終結は20件」: a part of the count said before it
        # (the うち was read off as a marker: what is left before it is the whole's count)
        if "うち" in pre and re.search(rf"\d(?:{UNIT})の$", left):
            left = ""
        elif "うち" not in pre and re.search(rf"\d(?:{UNIT})のうち[、,]$", a[:clause_start]):
            pre.insert(0, "うち")
        elif left.startswith("うち"):
            pre.insert(0, "うち")
            left = left[2:]
        elif re.match(r"(?:この|その)うち", left):  # 「このうち…によるものが12,427人」: a part of the number before
            pre.insert(0, "うち")
            left = left[4:]
        # 「相談員数は前年から27人減少」: a change on the year before, the amount of it (not the year before's count)
        if (m := SINCE_RE.search(left)) and _POST_MARK_RE.match(a, e) and re.match(r"増|減|上昇|低下", a[e:]):
            left, pre = left[:m.start()], pre + [m.group(0)]
        # 「令和3年度に…73,739件で、前年度（81,557件）から」: the count before it, a year earlier, when the sentence
        # names its year; otherwise (「(前年度2,980件)」「前年（確定値951人）」) a year we may not state
        if depth_open > 0 and (prior := re.fullmatch(r"前年度?", left.strip() or a[a.rfind("、", 0, depth_open) + 1:
                                                                                   depth_open])) \
                and facts and facts[-1]["unit"] == unit and facts[-1]["subject"] and (now := year_before(a, s, era)):
            label = to_label(now[1] - 1)
            # (of the count outside brackets: 「5,720件（民間4,133件、行政機関等1,587件）と、前年度（1,018件）の」)
            whole = next((f for f in reversed(facts) if f["unit"] == unit and f["subject"]
                          and _open_bracket(a, f["at"]) < 0), facts[-1])
            facts.append({**whole, "at": s, "value": value, "note": prior.group(0), "how": "prior",
                          "year": (label if now[0].endswith("年度") else label[:-1], now[1] - 1)})
            continue
        # 「前回の評価書では28,774人としていたが、…29,106人に改めた」: the value before a correction, and after it
        revised = "修正前" if _BEFORE_RE.match(a, e) else "修正後" if _AFTER_RE.match(a, e) else None
        if revised is None and re.search(r"[前昨翌次来]年度?|前回", left) or (
                depth_open > 0 and re.search(r"(?:[前昨翌次来]年度?|前回)$", a[:depth_open])):
            continue
        # 「(前年度比1.8%減)」: a change on the year before, of the count before it
        change = next((mk for mk in pre if mk.endswith("比")), None)
        post, pos, remark = [], e, None
        if m := _POST_MARK_RE.match(a, pos):
            post.append(m.group(0))
            pos = m.end()
        if m := re.compile(r"\([^()]*\)").match(a, pos):
            remark, pos = sentence[pos:m.end()], m.end()
        rest = a[pos:]
        # 「「転倒」が35,295人」: the name quoted is what is counted
        if m := re.search(r"「([^「」]{1,20})」(?:とは|は|が|を|も)?$", left):
            subject, how = m.group(1), "quoted"
        else:
            subject, how = _subject(left, rest, unit, "うち" in pre)
            if subject and (m := re.search(rf"(?<![\d.,])(\d{{1,3}}){re.escape(subject)}(?:とは|は|が|を|も)?$", left)):
                subject = m.group(1) + subject  # 「60代は320人」「2歳児が…」: the digits are of the name
        if subject is None and depth_open >= 0 and not left.strip() and (
                m := re.search(rf"((?:{_NOUN}の)?{_NOUN})$", a[:depth_open])):
            subject, how = _clean(m.group(1)), "bracket"  # 「北部訓練場の過半（約4,000ヘクタール）」
            if re.fullmatch(UNIT, m.group(1)):  # 「758人（74.6%）」: the share of the count before it
                subject = f"{facts[-1]['subject']}の{change or '割合'}" if unit == "%" and facts and facts[-1][
                    "subject"] else None
        if subject is None and change and unit == "%" and facts and facts[-1]["subject"]:
            subject, how = f"{facts[-1]['subject']}の{change}", "change"  # 「…1,803万口座で、前年末比6.0%増」
        if subject is None and revised and (m := re.search(r"の(実績値|目標値|基準値)は", a[:s])):
            subject, how = m.group(1), "topic"  # 「指標3の令和4年度の実績値は、…」
        qualifiers = _qualifiers(left, subject) + ([revised] if revised else [])
        # 「20歳未満の運転者は」「標識の更新を」: the noun that qualifies the counted one with の
        if subject and how == "left" and (m := re.search(
                rf"(?<![{_NOUN_CHARS}])({_NOUN})の{re.escape(subject)}(?:とは|は|が|を|も)?$", left)):
            qualifiers.insert(0, m.group(1))
        if depth_open >= 0:  # inside 「(うち電話会談が4回)」: the clause around the bracket qualifies too
            outer = a[max(a.rfind(c, 0, depth_open) for c in "、,。") + 1:depth_open]
            qualifiers = _qualifiers(re.sub(rf"\d[\d,.]*(?:{UNIT}).*$", "", outer), None) + qualifiers
            # 「調整事件は33件（あっせん29件、…）」: the items of the count the bracket follows are parts of it
            whole = next((f for f in reversed(facts) if f["unit"] == unit and f["subject"] and re.fullmatch(
                rf"[\d,.]+{re.escape(unit)}", a[f["at"]:depth_open])), None)
            if whole is not None and subject != whole["subject"] and "うち" not in pre:
                qualifiers.insert(0, whole["subject"])
                pre = ["うち", *pre]
        if "うち" in pre and depth_open < 0 and facts and facts[-1]["unit"] == unit \
                and facts[-1]["subject"] not in (None, subject):
            qualifiers.append(facts[-1]["subject"])  # 「参加した120人のうち、98人が修了」: 修了者 of the 参加者
        topic = _topic(a[:s])
        # Nothing but qualifiers between the clause start and the number: the number borrows its noun.
        # (「食品ロス量は推計で523万トン」: a quantity's name as the topic may open the clause; 「日米は首脳間で」
        # is not a quantity: its count borrows the noun of the sentence's other counts)
        after_topic = re.sub(rf"^{re.escape(topic)}(?:は|では)", "", left) \
            if topic and re.search(r"(?:量|数|額|率|高)$", topic) else left
        bare = not re.sub(rf"{_NOUN}(?:で|では|でも|において|に|には)?", "", after_topic)
        parallel = not re.sub(rf"{_NOUN}(?:で|では|でも|において|に|には|は)?", "", left)  # 「日米は首脳間で」
        if subject is None and topic and bare:
            subject, how, topic = topic, "topic", None
        if how == "counter":  # 「7か国から受け入れ」「23か国・地域に輸出」: who is counted so, and what was done
            qualifiers += [x for x in (_counted_by(facts, a[:s]), _verb_after(rest)) if x]
        series = [q for q in ([topic] if topic else []) + qualifiers + ([alias] if alias else []) if q and q != subject]
        facts.append({"at": s, "value": value, "unit": unit, "subject": subject, "how": how,
                      "series": "・".join(dict.fromkeys(series)) or None,
                      "note": "、".join(pre + post + ([remark] if remark else [])) or None,
                      "year": year_before(a, s, era), "parallel": parallel, "end": rest[:1]})
    _borrow(facts)
    # 「第7回日米サイバー対話」: which round, a number of its own (unit 回目), of the noun it names.
    for m in _ORDINAL_RE.finditer(a):
        n = m.group(1)
        value = int(n) if n.isdigit() else kansuji(n)
        facts.append({"at": m.start(), "value": value, "unit": "回目", "subject": _clean(m.group(2)),
                      "series": None, "note": f"第{n}回", "year": year_before(a, m.start(), era)})
    out = []
    for f in facts:
        if f["subject"] is None:
            continue  # the counted thing is unclear: no guessed fact
        for k in ("how", "parallel", "end"):
            f.pop(k, None)
        out.append(f)
    return out


def _open_bracket(a: str, pos: int) -> int:
    """Offset of the bracket still open at pos, else -1."""
    stack = []
    for i, c in enumerate(a[:pos]):
        if c == "(":
            stack.append(i)
        elif c == ")" and stack:
            stack.pop()
    return stack[-1] if stack else -1


def _strip_pre(left: str) -> tuple[str, list[str]]:
    marks: list[str] = [m.group(0) for m in _SPAN_RE.finditer(left)]
    left = _SPAN_RE.sub("", left)
    if m := _SCOPE_PHRASE_RE.search(left):  # 「アジア地域を中心に24か国」: where, not what is counted
        marks.append(m.group(0))
        left = left[:m.start()]
    changed = True
    while changed:
        changed = False
        if m := _PER_RE.search(left):
            marks.insert(0, m.group(0))
            left, changed = left[:m.start()], True
        for mk in sorted(_PRE_MARKS, key=len, reverse=True):
            if left.endswith(mk) and not (mk == "計" and re.search(rf"[{KANJI}]計$", left)):
                marks.insert(0, "延べ" if mk == "のべ" else mk)
                left, changed = left[:-len(mk)], True
                break
    return left, marks


def _subject(left: str, right: str, unit: str, part: bool = False) -> tuple[str | None, str]:
    """The counted noun, and where it was read: before the number, after it, or from the verb."""
    # 「JUSEP会合を計2回」「就職率は…32.8%」「電話会談が4回」「在沖縄海兵隊約9,000人」
    if m := re.search(rf"({_NOUN})(?:とは|は|が|を|も)$", left):
        # 「送還された者は」「送還を忌避する者は」: who, by what was done to them or what they do
        done = re.search(rf"([{KANJI}]{{2,}})(?:された|した|している|する|される){m.group(1)}", left)
        if m.group(1) in ("者", "人") and done:
            return done.group(1) + "者", "left"
        # 「元島民の数は」: a bare 数 or 額 is the count of the noun before it
        if m.group(1) in ("数", "額", "量") \
                and (of := re.search(rf"({_NOUN})の{m.group(1)}(?:とは|は|が|を|も)$", left)):
            return _clean(f"{of.group(1)}の{m.group(1)}"), "left"  # (as written: 元島民数 would read 元島+民数)
        return _clean(m.group(1)), "left"
    # 「このうちほたてがいが約911億円」: a name in kana, after うち or a comma
    if m := re.search(r"(?:^|[、,\s]|うち)([ぁ-ゖ]{2,8})(?:とは|は|が)$", left):
        return m.group(1), "left"
    # 「（あっせん29件、調停3件…）」: a name in kana right before its number, as a list item
    if (m := re.fullmatch(r"([ぁ-ゖ]{3,8})", left.strip())) and not re.search(r"[にでがはをともの]$|まで|から|より",
                                                                            m.group(1)):
        return m.group(1), "left"  # (「までに」 is no name)
    # 「終結した71件」「参加した120人」: the count of what the verb before it did
    if m := re.search(rf"(?:^|[^{_NOUN_CHARS}])([{KANJI}]{{2,}})(?:した|された|している|されている)$", left):
        return m.group(1) + ("者" if unit in _PEOPLE and not m.group(1).endswith("者") else ""), "verb"
    if m := re.search(rf"({_NOUN})$", left):
        if unit in _COUNTER_NOUNS:  # 「アジア10か国」「全国47か所」: the words before are a scope
            return _COUNTER_NOUNS[unit], "counter"
        if m.group(1) not in _SCOPES:
            return _clean(m.group(1)), "left"
    # 「感染症へのり患によるものが12,427人」: what 「もの」 stands for is the noun of its clause.
    # (「勧告を行ったものは5件」: what was done)
    # (「…等の自然災害に起因するもの」: the noun right before the verb first)
    if m := re.search(rf"({_NOUN})(?:に起因する|に起因した|を原因とする|が原因の)もの(?:が|は|を|も)$", left):
        return _clean(m.group(1)), "left"
    # (「漁船が関係するものが118件」: who takes part in it)
    # (「損害賠償を命じたもの」: what was done)
    if m := re.search(rf"({_NOUN})(?:[^、,。()]{{0,10}}?(?:による|に係る|に起因する|に起因した|を原因とする|が原因の"
                      rf"|の)|を(?:{_NOUN}(?:に|へ|で))?[一-龥]{{0,4}}[ぁ-ゖ]{{1,3}}た"  # (「相談者を窓口に案内した」)
                      rf"|(?:が|に)(?:関係|関連|関与|該当)(?:する|した|している))もの"
                      r"(?:が|は|を|も)$", left):
        return _clean(m.group(1)), "left"
    # 「会談を首脳間で4回」: the object, then only qualifiers up to the number.
    if m := re.search(rf"({_NOUN})(?:を|が)((?:{_NOUN}(?:で|では|でも|において|に|には))+)$", left):
        return _clean(m.group(1)), "left"
    # 「計128人の子供の貧困対策支援員を配置」: the head of the noun chain the number opens (支援員, not 子供)
    if m := re.match(rf"の((?:{_NOUN}の){{1,3}}{_NOUN})(?=を|が|は|に|と|、)", right):
        return _clean(re.split("の", m.group(1))[-1]), "right"
    # 「延べ120隻で、このうち85隻は外国船籍であった」: a part of the whole, named by what it is
    # (「このうち」's うち is read off before: この at most is left of the clause before the number)
    # (「このうち29件は和解により終結した」: the part is named by how it ended)
    if left.strip() in ("", "この", "その") \
            and (m := re.match(rf"は({_NOUN})(?:であっ|であり|である|だっ|です|となっ|により|による|によって"
                               rf"|で(?=[{KANJI}]))", right)):
        return _clean(m.group(1)), "right"
    # 「事件15件のうち10件が解決し」: the part is what befell it (the whole's noun is its qualifier)
    if part and not left.strip() and unit not in _PEOPLE and (m := re.match(rf"が([{KANJI}]{{2,}})(?:し|され)", right)):
        return m.group(1), "right"
    # 「148件について国庫への帰属を承認した」: the count of those the verb was done for (承認)
    if m := re.match(rf"について(?:[^、。]{{0,20}}?(?:を|に))?([{KANJI}]{{2,}})(?:した|し|された|され)", right):
        return m.group(1), "verb"
    # 「約1,000人のサンプル」「3回の電話会談」「6回会談を行う」
    if m := re.match(rf"の({_NOUN})", right) or re.match(rf"({_NOUN})(?:を|が|は)", right):
        return _clean(m.group(1)), "right"
    # 「4,400人が参加する」 → 参加者, 「100人を育成する」 → 育成人数, 「3億円を拠出した」 → 拠出額
    if m := re.match(rf"(が|を|は)?([{KANJI}]{{2,}})(?:する|した|し|され|して)", right):
        if unit in _PEOPLE:
            return m.group(2) + ("人数" if m.group(1) == "を" else "者"), "verb"
        if unit.endswith(("円", "ドル", "ユーロ")):
            return m.group(2) + "額", "verb"
    # 「被災した230世帯に」「全国で45施設を」: no noun around, but the counter names what it counts.
    if unit in _COUNTER_NOUNS:
        return _COUNTER_NOUNS[unit], "counter"
    return None, ""


def _counted_by(facts: list[dict], before: str) -> str | None:
    """The noun a counter count belongs to: the sentence's count before it (「技能実習生が約280人となり、7か国から」),
    else the topic or subject word before it (「ほたてがいが…、23か国・地域に」)."""
    if facts and facts[-1]["subject"]:
        return str(facts[-1]["subject"])
    m = re.search(rf"(?:^|[、,。\s]|うち)({_NOUN}|[ぁ-ゖ]{{2,8}})(?:が|は|を)(?![ぁ-ゖ])", before)
    return m.group(1) if m else None


def _verb_after(rest: str) -> str | None:
    """The verb's noun after a counter count: 「に輸出された」 → 輸出, 「から受け入れた」 → 受け入れ."""
    m = re.match(rf"(?:に|から|で|を)?({_KANA_NOUN}|[{KANJI}]{{2,}})(?:し|され|する|した|して|れ|る|た|て)", rest) \
        or re.match(rf"の({_NOUN})", rest)  # 「24か国・地域の競争当局から」: whose they are
    return m.group(1) if m else None


def _clean(noun: str) -> str | None:
    noun = re.sub(r"(?:等|など)$", "", noun).strip("・")
    if not re.search(rf"[{KANJI}\u30a1-\u30fa]", noun) or len(noun) > 40:
        return None
    return noun


def _qualifiers(left: str, subject: str | None) -> list[str]:
    """「首脳間で」「オンラインで」「米国において」, and 「Xに」 right before the number (「事業に4,400人」)."""
    out = [m.group(1) for m in re.finditer(
        rf"(?<![{_NOUN_CHARS}])({_NOUN})(?:で(?:は|も)?|において(?:は|も)?|として)(?!の)", left)]
    # 「アルコール関連問題に関する相談は」「高齢者についての」: what the counted noun is about; 「和解による」: by what
    # (「京都御所の通年公開による」: a noun of a noun)
    out += [m.group(1) for m in re.finditer(
        rf"(?<![{_NOUN_CHARS}ぁ-ゖ])((?:{_NOUN}の)?{_NOUN})(?:に関する|についての|に係る|による|によって)", left)]
    # 「北海道からの派遣は」「県外への転出者は」: where they come from or go to; 「飼料としての利用が」: as what
    out += [m.group(1) for m in re.finditer(rf"(?<![{_NOUN_CHARS}])({_NOUN})(?:から|へ|として)の", left)]
    # 「不正利用が疑われる通報は」「夜間に発生した事故は」: a clause that says which of the counted things
    if subject and (m := re.search(rf"(?<![{_NOUN_CHARS}])({_NOUN})(?:が|を|に|で|と|から)[一-龥]{{1,3}}[ぁ-ん]{{0,5}}"
                                   rf"[るたい]{re.escape(subject)}", left)):
        out.append(m.group(1))
    # 「防災訓練での利用は」: where the counted thing was
    if subject and (m := re.search(rf"(?<![{_NOUN_CHARS}])({_NOUN})での{re.escape(subject)}", left)):
        out.append(m.group(1))
    # Right before the number: 「事業に4,400人」, and a scope 「全国47か所」.
    if m := re.search(rf"(?<![{_NOUN_CHARS}])({_NOUN})(?:に|には)?$", left):
        out.append(m.group(1))
    # (「次いでプレジャーボートが」: 次いで orders the counts, it qualifies none)
    return [q for q in out if q != subject and q not in _CONNECTIVES]


_CONNECTIVES = frozenset({"次い", "続い", "加え"})


def _topic(before: str) -> str | None:
    """The nearest 「Xは、」/「「X」とは、」/「Xについては、」 that opens a clause before the number."""
    before = re.sub(r"^(?:\s|-|・|\(注\)|注\)|※)+", "", before)
    found = None
    # (「先行技術文献調査の外注は、R4年度に…」: a noun qualified by another with の is one topic)
    for m in re.finditer(rf"(?:^|[、,\s]|注\))(?:「([^」]+)」|(?:({_NOUN})の)?({_NOUN}))"
                         rf"(?:とは|については|に関しては|は)", before):
        t = m.group(1) or (m.group(3) if m.group(2) is None or re.search(r"\d", m.group(2))
                           else f"{m.group(2)}の{m.group(3)}")  # (「4月1日時点の」 dates it, it does not name it)
        if not YEAR_RE.fullmatch(t) and not re.fullmatch(r"[本今昨前次来当同各]年度?", t):  # years, not topics
            found = t
    return found


def _borrow(facts: list[dict]) -> None:
    """Coordinated counts share the counted noun: 「首脳間で4回、外相間で6回会談を行う」, 「令和2年度に約1,500人、
    令和3年度に約1,800人が参加した」, 「会談を首脳間で4回、外相間で6回行った」."""
    for i, f in enumerate(facts):
        if f["subject"] is not None or not f["parallel"]:
            continue
        later = [g for g in facts[i + 1:] if g["unit"] == f["unit"] and g["parallel"] and g["how"] in ("right", "verb")]
        earlier = [g for g in facts[:i] if g["unit"] == f["unit"] and g["subject"] and g["how"] == "left"]
        if f["end"] and f["end"] in "、," and later:
            f["subject"] = later[0]["subject"]
        elif earlier:
            f["subject"] = earlier[-1]["subject"]
