"""Facts from prose: counts and amounts a sheet states in sentences rather than in tables.

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
from dataclasses import dataclass, field

from .cells import parse_cell
from .counts import UNIT, WIDTH, counted_numbers, kansuji
from .figure import Figure
from .fiscal_year import era_year
from .normalize import tidy
from .sheet import Section, Sheet

MEASURE = "本文記載"

_KANJI = r"\u4e00-\u9fff々〆ヶ"
_NOUN_CHARS = rf"{_KANJI}\u30a1-\u30fa\u30fcA-Za-z0-9・&"
_NOUN_CH = rf"[{_NOUN_CHARS}]"
# A noun phrase: kanji / katakana / latin, with an abbreviation in brackets inside (「パートナーシップ(JUSEP)会合」).
# An okurigana kana inside or at the end of a noun (立入り, 取組み, 見直し) before a kanji or a particle.
_OKURI = rf"(?:(?<=[{_KANJI}])[りれしみきいち](?=[{_KANJI}]|[をがはのでにも]))"
# 「24時間死者数」: a number and 時間 or 歳 open a noun.
_NOUN = (rf"(?:(?:(?<![\d.,・])\d{{1,3}}(?:・\d{{1,3}})*(?=時間|歳))?(?![0-9・]){_NOUN_CH}+"
         rf"(?:(?:\([A-Za-z0-9・]{{1,20}}\)|{_OKURI}){_NOUN_CH}*)*)")
_ORDINAL_RE = re.compile(rf"第(\d{{1,3}}|[一二三四五六七八九十]{{1,3}})回(?:目)?(?:の|となる|目の)?({_NOUN})")
# Words right before a number that say how to read it; they go to the note, not the subject.
_PRE_MARKS = ("約", "およそ", "概ね", "計", "合計", "総計", "累計", "総額", "延べ", "のべ", "うち", "最大", "最低",
              "少なくとも", "前年度比", "前年比", "対前年度比", "年間", "月間", "毎年", "毎月", "各")
_POST_MARK_RE = re.compile(r"以上|以下|未満|超|余り|余|程度|強|弱|前後|近く|ほど|増加|減少|増|減|上昇|低下")
# A rate or a span changes what the number means: 「1人当たり3万円」, 「5年間で100人」. Kept in the note.
_PER_RE = re.compile(r"(?:\d+|一)?(?:人|件|回|日|か月|年|校|社)?(?:当たり|あたり|につき|ごとに|毎に)$")
_SPAN_RE = re.compile(r"\d+(?:年間|か月間?|カ月間?|ヶ月間?|日間|週間)(?:で|に)?")
# Words that name a scope, not a thing: 「全国47か所」 is 47 places across the country.
_SCOPES = {"全国", "国内", "海外", "県内", "各地", "世界", "全体", "地域", "各国"}
# What a counter that names its thing counts, when the words before it are a scope (「アジア10か国」).
_COUNTER_NOUNS = {"か国": "国", "か国・地域": "国・地域", "か所": "箇所", "校": "学校", "団体": "団体", "社": "企業",
                  "都市": "都市", "自治体": "自治体", "機関": "機関", "施設": "施設", "世帯": "世帯", "店舗": "店舗",
                  "拠点": "拠点", "地区": "地区", "市町村": "市町村", "市区町村": "市区町村", "病院": "病院",
                  "事業所": "事業所", "企業": "企業", "地域": "地域"}
_YEAR = (rf"(?:(?P<era>令和|平成|昭和)(?P<en>\d{{1,2}}|元)|(?P<west>(?:19|20)\d{{2}}))(?:年度|年)"
         rf"|(?<![\d元{_KANJI}])(?P<bare>\d{{1,2}}|元)年度")
_YEAR_RE = re.compile(_YEAR)
# A year and its particle are left out of the words before a number: 「就職率は平成29年度に32.8%」.
_DEADLINE_RE = re.compile(rf"(?:{_YEAR})(?:末)?まで(?:に)?")
_OPENING_YEAR_RE = re.compile(rf"^(?:{_YEAR})(?:中|度中)?(?:は|には|の|、)")
_YEAR_PHRASE_RE = re.compile(rf"(?:{_YEAR})(?:中|度中|末)?(?:には|に|は|では|で|も|の)?"
                             # 「4月1日現在」「3月末時点で」: the date of the count, not a word of it
                             r"|\d{1,2}月(?:\d{1,2}日)?(?:現在|時点|末)*(?:で|に|には|の)?")
# A year that is a date, a span or a range is not the year of a count: 令和3年1月, 平成18年以降, 2020年代.
_NOT_A_YEAR = re.compile(r"\d{1,2}月|以降|以来|から|まで|代|間|前|後|ぶり|連続|[〜~～\-]")
_PART_OF_BEFORE_RE = re.compile(r"^(?:この|その)うち")
_PEOPLE = {"人", "名", "者", "万人", "千人"}
_MONTH_RE = re.compile(r"\s?(1[0-2]|[1-9])\s?月(?!間)")


@dataclass
class _Piece:
    """A run of prose (a paragraph or a text cell) and the line each part of it came from."""

    text: str
    starts: list[tuple[int, int]] = field(default_factory=list)  # (offset, line), ascending

    def line_at(self, offset: int) -> int:
        return [ln for off, ln in self.starts if off <= offset][-1]


def extract_facts(sheet: Sheet) -> list[Figure]:
    """Every count or amount stated in a sentence of the sheet's prose, as `Figure`s (measure 本文記載)."""
    out: list[Figure] = []
    for section in sheet.sections:
        year = _section_year(section)
        for piece in _pieces(section):
            carried = None  # 「令和4年中の…。死者のうち…」: a paragraph's opening year holds for its sentences
            before: list[Figure] = []  # the previous sentence's facts
            for start, sentence in _sentences(piece.text):
                if _OPENING_YEAR_RE.match(sentence.strip()):
                    carried = _year_before(sentence.strip(), 20, sheet.era) or carried
                # 「このうち1・2歳児が2,360人」: a part of the previous sentence's count, of its year
                whole = next((f for f in before if _PART_OF_BEFORE_RE.match(sentence.strip())), None)
                now: list[Figure] = []
                for fact in _read_sentence(sentence, sheet.era):
                    label, fy = fact.pop("year", None) or carried or (
                        (whole.year_label, whole.fiscal_year) if whole is not None and whole.unit == fact["unit"]
                        else year)
                    series, note = fact["series"], fact["note"]
                    if whole is not None and whole.unit == fact["unit"] and whole.subject != fact["subject"]:
                        series = "・".join(x for x in (whole.subject, series) if x)
                        note = note if "うち" in (note or "") else "、".join(x for x in ("うち", note) if x)
                    now.append(Figure(
                        sheet=sheet.id, section=section.path, subject=fact["subject"], series=series,
                        measure=MEASURE, fiscal_year=fy, year_label=label, value=fact["value"],
                        unit=fact["unit"], raw=sentence.strip(), line=piece.line_at(start + fact["at"]),
                        note=note))
                out.extend(now)
                before = now
    out.sort(key=lambda f: f.line or 0)
    return out


# --- where the prose is -------------------------------------------------------------------------------


def _section_year(section: Section) -> tuple[str | None, int | None]:
    """The year a section is about: a 年度目標 names it; a 施策の進捗状況・実績 reports the 年度目標 just before it."""
    s: Section | None = section
    while s is not None and s.kind != "root":
        if s.fiscal_year is not None:
            return _label_of(s.title, s.fiscal_year), s.fiscal_year
        if s.kind == "progress" and s.parent is not None:
            sibs = s.parent.children
            before = sibs[:sibs.index(s)]
            if before and before[-1].kind == "year_target" and before[-1].fiscal_year is not None:
                return _label_of(before[-1].title, before[-1].fiscal_year), before[-1].fiscal_year
        s = s.parent
    return None, None


def _label_of(title: str, fiscal_year: int) -> str:
    m = _YEAR_RE.search(tidy(title).translate(WIDTH))
    return m.group(0) if m else f"{fiscal_year}年度"


def _pieces(section: Section) -> list[_Piece]:
    """The section's paragraphs (lines that are not table rows, joined as `Section.blocks` joins them) and
    the text cells of its table rows that are sentences (value cells are table figures already)."""
    out: list[_Piece] = []
    for first, last, text, is_table in section.blocks():
        own = [(ln, t) for ln, t in section.lines if first <= ln <= last]
        if not is_table:
            piece = _Piece("")
            for ln, t in own:
                if "\t" not in t and (t := tidy(t)):
                    piece.starts.append((len(piece.text), ln))
                    piece.text += t
            # Should the paragraph's joining ever change, the first line is still a true line of it.
            out.append(piece if piece.text == text else _Piece(text, [(0, first)]))
            continue
        for ln, row in own:
            for cell in row.split("\t"):
                c = tidy(cell)
                if len(c) >= 8 and re.search(r"[\u3041-\u309f]", c) and parse_cell(c) is None:
                    out.append(_Piece(c, [(0, ln)]))
    return out


def _sentences(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in re.finditer(r"[^。]+。?", text) if m.group(0).strip()]


# --- reading a sentence -------------------------------------------------------------------------------


def _read_sentence(sentence: str, era: str) -> list[dict]:
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
        if m := re.search(r"(\([^()]*\))((?:とは|は|が|を|も)?)$", left):
            left, pre = left[:m.start()] + m.group(2), [m.group(1)] + pre
        # 「令和4年度までに70%」: a deadline, kept in the note; other years are the fact's year, not words.
        pre += [m.group(0) for m in _DEADLINE_RE.finditer(left)]
        left = _YEAR_PHRASE_RE.sub("", _DEADLINE_RE.sub("", left))
        if left.startswith("うち"):
            pre.insert(0, "うち")
            left = left[2:]
        elif re.match(r"(?:この|その)うち", left):  # 「このうち…によるものが12,427人」: a part of the number before
            pre.insert(0, "うち")
            left = left[4:]
        # 「(前年度2,980件)」「前年（確定値951人）」: its year is the sentence's year minus one, not a year we may state
        if re.search(r"[前昨翌次来]年度?|前回", left) or (
                depth_open > 0 and re.search(r"(?:[前昨翌次来]年度?|前回)$", a[:depth_open])):
            continue
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
            subject, how = _subject(left, rest, unit)
        if subject is None and depth_open >= 0 and not left.strip() and (
                m := re.search(rf"((?:{_NOUN}の)?{_NOUN})$", a[:depth_open])):
            subject, how = _clean(m.group(1)), "bracket"  # 「北部訓練場の過半（約4,000ヘクタール）」
            if re.fullmatch(UNIT, m.group(1)):  # 「758人（74.6%）」: the share of the count before it
                subject = f"{facts[-1]['subject']}の割合" if unit == "%" and facts and facts[-1]["subject"] else None
        qualifiers = _qualifiers(left, subject)
        # 「20歳未満の運転者は」「標識の更新を」: the noun that qualifies the counted one with の
        if subject and how == "left" and (m := re.search(
                rf"(?<![{_NOUN_CHARS}])({_NOUN})の{re.escape(subject)}(?:とは|は|が|を|も)?$", left)):
            qualifiers.insert(0, m.group(1))
        if depth_open >= 0:  # inside 「(うち電話会談が4回)」: the clause around the bracket qualifies too
            outer = a[max(a.rfind(c, 0, depth_open) for c in "、,。") + 1:depth_open]
            qualifiers = _qualifiers(re.sub(rf"\d[\d,.]*(?:{UNIT}).*$", "", outer), None) + qualifiers
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
        series = [q for q in ([topic] if topic else []) + qualifiers if q and q != subject]
        facts.append({"at": s, "value": value, "unit": unit, "subject": subject, "how": how,
                      "series": "・".join(dict.fromkeys(series)) or None,
                      "note": "、".join(pre + post + ([remark] if remark else [])) or None,
                      "year": _year_before(a, s, era), "parallel": parallel, "end": rest[:1]})
    _borrow(facts)
    # 「第7回日米サイバー対話」: which round, a number of its own (unit 回目), of the noun it names.
    for m in _ORDINAL_RE.finditer(a):
        n = m.group(1)
        value = int(n) if n.isdigit() else kansuji(n)
        facts.append({"at": m.start(), "value": value, "unit": "回目", "subject": _clean(m.group(2)),
                      "series": None, "note": f"第{n}回", "year": _year_before(a, m.start(), era)})
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
    changed = True
    while changed:
        changed = False
        if m := _PER_RE.search(left):
            marks.insert(0, m.group(0))
            left, changed = left[:m.start()], True
        for mk in sorted(_PRE_MARKS, key=len, reverse=True):
            if left.endswith(mk) and not (mk == "計" and re.search(rf"[{_KANJI}]計$", left)):
                marks.insert(0, "延べ" if mk == "のべ" else mk)
                left, changed = left[:-len(mk)], True
                break
    return left, marks


def _subject(left: str, right: str, unit: str) -> tuple[str | None, str]:
    """The counted noun, and where it was read: before the number, after it, or from the verb."""
    # 「JUSEP会合を計2回」「就職率は…32.8%」「電話会談が4回」「在沖縄海兵隊約9,000人」
    if m := re.search(rf"({_NOUN})(?:とは|は|が|を|も)$", left):
        return _clean(m.group(1)), "left"
    if m := re.search(rf"({_NOUN})$", left):
        if unit in _COUNTER_NOUNS:  # 「アジア10か国」「全国47か所」: the words before are a scope
            return _COUNTER_NOUNS[unit], "counter"
        if m.group(1) not in _SCOPES:
            return _clean(m.group(1)), "left"
    # 「感染症へのり患によるものが12,427人」: what 「もの」 stands for is the noun of its clause.
    if m := re.search(rf"({_NOUN})[^、,。()]{{0,10}}?(?:による|に係る|の)もの(?:が|は|を|も)$", left):
        return _clean(m.group(1)), "left"
    # 「会談を首脳間で4回」: the object, then only qualifiers up to the number.
    if m := re.search(rf"({_NOUN})(?:を|が)((?:{_NOUN}(?:で|では|でも|において|に|には))+)$", left):
        return _clean(m.group(1)), "left"
    # 「約1,000人のサンプル」「3回の電話会談」「6回会談を行う」
    if m := re.match(rf"の({_NOUN})", right) or re.match(rf"({_NOUN})(?:を|が|は)", right):
        return _clean(m.group(1)), "right"
    # 「4,400人が参加する」 → 参加者, 「100人を育成する」 → 育成人数, 「3億円を拠出した」 → 拠出額
    if m := re.match(rf"(が|を|は)?([{_KANJI}]{{2,}})(?:する|した|し|され|して)", right):
        if unit in _PEOPLE:
            return m.group(2) + ("人数" if m.group(1) == "を" else "者"), "verb"
        if unit.endswith(("円", "ドル", "ユーロ")):
            return m.group(2) + "額", "verb"
    # 「被災した230世帯に」「全国で45施設を」: no noun around, but the counter names what it counts.
    if unit in _COUNTER_NOUNS:
        return _COUNTER_NOUNS[unit], "counter"
    return None, ""


def _clean(noun: str) -> str | None:
    noun = re.sub(r"(?:等|など)$", "", noun).strip("・")
    if not re.search(rf"[{_KANJI}\u30a1-\u30fa]", noun) or len(noun) > 40:
        return None
    return noun


def _qualifiers(left: str, subject: str | None) -> list[str]:
    """「首脳間で」「オンラインで」「米国において」, and 「Xに」 right before the number (「事業に4,400人」)."""
    out = [m.group(1) for m in re.finditer(
        rf"(?<![{_NOUN_CHARS}])({_NOUN})(?:で(?:は|も)?|において(?:は|も)?|として)(?!の)", left)]
    # 「アルコール関連問題に関する相談は」「高齢者についての」: what the counted noun is about
    out += [m.group(1) for m in re.finditer(rf"(?<![{_NOUN_CHARS}])({_NOUN})(?:に関する|についての|に係る)", left)]
    # Right before the number: 「事業に4,400人」, and a scope 「全国47か所」.
    if m := re.search(rf"(?<![{_NOUN_CHARS}])({_NOUN})(?:に|には)?$", left):
        out.append(m.group(1))
    return [q for q in out if q != subject]


def _topic(before: str) -> str | None:
    """The nearest 「Xは、」/「「X」とは、」 that opens a clause before the number."""
    before = re.sub(r"^(?:\s|-|・|\(注\)|注\)|※)+", "", before)
    found = None
    for m in re.finditer(rf"(?:^|[、,\s]|注\))(?:「([^」]+)」|({_NOUN}))(?:とは|は)", before):
        t = m.group(1) or m.group(2)
        if not _YEAR_RE.fullmatch(t) and not re.fullmatch(r"[本今昨前次来当同各]年度?", t):  # years, not topics
            found = t
    return found


def _year_before(a: str, pos: int, era: str) -> tuple[str, int] | None:
    """The year the sentence ties the number to: the nearest year before it, else the only one after it."""
    years = []
    # 「（令和3年3月29日…決定）」: a date in brackets cites a decision; it is not the year of a count.
    cited = [m.span() for m in re.finditer(r"[（(][^（）()]*[）)]", a) if not m.start() < pos < m.end()
             and re.search(r"\d\s?月|日|決定|閣議|策定", m.group(0))]
    for m in _YEAR_RE.finditer(a):
        if any(s <= m.start() < e for s, e in cited):
            continue
        month = _MONTH_RE.match(a, m.end()) if m.group(0).endswith("年") and not m.group(0).endswith("年度") else None
        if (_NOT_A_YEAR.match(a, m.end()) and not month) or (m.start() and a[m.start() - 1] in "〜~～-"):
            continue
        if m.group("west"):
            fy = int(m.group("west"))
        else:
            try:
                fy = era_year(m.group("era") or era, m.group("en") or m.group("bare"))
            except ValueError:
                continue
        if month:  # a date: 令和元年10月 is in 令和元年度, 令和3年1月 in 令和2年度 (the year starts in April)
            fy -= int(month.group(1)) < 4
        years.append((m.start(), m.group(0) + (month.group(0) if month else ""), fy))
    before = [y for y in years if y[0] < pos]
    if before:
        return before[-1][1], before[-1][2]
    if len({y[2] for y in years}) == 1:
        return years[0][1], years[0][2]
    return None


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
