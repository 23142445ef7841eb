"""Sums the sheet does not print: a breakdown's categories added up (「年代別の人数を足し合わせると」), or
one value over several years (「令和2〜4年度の執行額の合計」). The total is computed and labelled so; every
figure added is listed in `figures`, in the order of the table shown."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from . import wording
from .answer import Answer, Frame, refusal
from .breakdown import TOTALS
from .english import gloss
from .figure import Figure
from .fiscal_year import find_fiscal_years
from .lexicon import singulars
from .normalize import norm
from .question import FAMILIES, QuestionAnalysis
from .terms import terms
from .wording import table

# 「合計すると」「足し合わせると」「総計は」「全部で」, 'in total', 'sum', 'combined'
SUM_RE = re.compile(r"合計(?:すると|して|で|は|値|を|いくら|何)|足(?:す|し)|総計|合算|合わせ(?:る|て|た)|全部で|全体で"
                    r"|(?<![a-z])(?:sum|summ(?:ing|ed)|add(?:ing|ed)? up|in total|combined|total)(?![a-z])",
                    re.IGNORECASE)  # (「total2023年度」)
# Values a sum of means nothing: rates and shares, averages
_NOT_ADDED_RE = re.compile(r"%|％|率|割合|平均|期間")


# 「申告所得税と源泉所得税を合わせると」「覚醒剤と大麻の摘発件数を合計すると」「「紛失」と「盗難」を合わせると」:
# named things joined, then a word of adding (after the noun they share, if any)
# (「…のうち、」 opens a clause: not a thing named)
_ITEM = (r"(?:(?<=及び)|(?<![^\s、。,，「『のはをがにでとも・]))(?!(?:この|その)?うち[、,])"
         r"[「『]?([^\s、。,，「」『』をはがのにでと及・]{1,16}?)[」』]?")
_JOIN = r"(?:と|及び|および|、|・)"
_ADDING = r"(?:合わせ(?:る|た|て(?:何|いくら|いくつ|[0-9]))|足す|足して|合計|合算|併せ(?:る|て))"
# (「国籍・地域別の」 is one name; 「…に合わせて見直す」 aligns, it does not add; 「漁船・貨物船が関係するものを
# 合わせると」: the things a clause of 「もの」 names)
_NAMED_SUM_RE = re.compile(rf"{_ITEM}(?:[、・]{_ITEM}){{0,3}}(?:と|及び|および|・){_ITEM}(?!別)"
                           rf"(?=(?:の[^、。?？]{{1,16}}?|が[^、。?？]{{1,12}}?もの)?を?(?:足し)?{_ADDING})")
ADDING_RE = re.compile(r"を?(?:(?:足し)?合わせ(?:る|て|た)と?|足すと|足して|合計(?:すると|して|は|を)?|合算(?:すると)?"
                        r"|併せ(?:る|て)と?)")


# 「北海道・東北・関東の3ブロックを合計すると」: the things listed, and how many they are
_COUNTED_LIST_RE = re.compile(r"(?<![^\s、,])((?:[^\s、,・との\d]{1,12}[・、と]){1,8}[^\s、,・との\d]{1,12}?)の?"
                              rf"([2-9二三四五六七八九])(?:つ)?の?[^\s、。?？を]{{0,6}}?を?{_ADDING}")


def _counted_list(q: str) -> list[tuple[str, str]] | None:
    """(name, question about it alone) when the question says how many things it lists to add, and lists that
    many (a list of 「・」 may also be one name: the count tells)."""
    m = _COUNTED_LIST_RE.search(q)
    if m is None:
        return None
    names = re.split(r"[・、と]", m.group(1))
    said = m.group(2)
    if len(names) != (int(said) if said.isdigit() else "二三四五六七八九".index(said) + 2):
        return None
    rest = ADDING_RE.sub("は", q[m.end(2):], count=1)
    rest = re.sub(r"^(?:つ)?の?[^\s、。?？を]{0,6}?(?=は|を)", "", rest)
    return [(n, q[:m.start(1)] + n + rest) for n in names]


def named_parts(question: str, mentioned: Callable[[str], bool] | None = None) -> list[tuple[str, str]] | None:
    """(name, question about it alone) for each of the things a question names to be added up: 「令和4年度の
    覚醒剤と大麻の摘発件数を合計すると何件？」 → [(覚醒剤, 令和4年度の覚醒剤の摘発件数は何件？), (大麻, …)].
    Names that hold 「の」 or 「・」 (「電子基準点網の運用・更新」) are taken whole first when `mentioned` (does a
    sheet print it?) accepts every one of them."""
    q = norm(question)
    # (the readings of a list, most telling first: one that says how many it lists, one whose parts sheets print)
    for read in (_counted_list, None if mentioned is None else lambda text: _printed_parts(text, mentioned),
                 _joined_parts):
        if read is not None and (parts := read(q)) is not None:
            return parts
    return None


def _joined_parts(q: str) -> list[tuple[str, str]] | None:
    """Things joined by と / 及び / 、 / ・ right before the word of adding (or the noun they share)."""
    m = _NAMED_SUM_RE.search(q)
    if m is None:
        return None
    spans = [(m.group(k), m.start(k)) for k in range(1, len(m.groups()) + 1) if m.group(k)]
    if m.start() > 0 and q[m.start() - 1] == "・":
        return None  # (the list began before: a part of a name)
    # (「2023年、神戸と広島の…」: a year before the things named says when, it is not one of them)
    while len(spans) > 2 and find_fiscal_years(spans[0][0]):
        spans = spans[1:]
    names = [n for n, _ in spans]
    if len(set(names)) < 2 or any(find_fiscal_years(n) for n in names) or names[-1].endswith("別"):
        return None  # (years added: see sum_answer; 「国籍・地域別の…の合計」: one breakdown, all its rows)
    rest = ADDING_RE.sub("は", q[m.end():], count=1)
    head = q[:spans[0][1]]
    quantity = re.compile(r"(?:数|額|量|率|面積|割合)$")
    if len(names) >= 3 and quantity.search(names[0]) and not any(quantity.search(n) for n in names[1:]):
        # 「間伐面積、北海道と東北を足すと」: what is counted, then the parts of it
        head, names = f"{head}{names[0]}の", names[1:]
    return [(n, head + n + rest) for n in names]


# 'Add up the FY2022 budgets of the A project and the B project at the agency': the kind of value, then two
# things joined by 'and' (each opening with 'the'), then where they are
_EN_PARTS_RE = re.compile(r"\b(?:add(?:ing)? up|sum(?:ming)?(?: up)?|total(?: of)?|combine)\s+"
                          r"(?P<what>the\s+.+?)\s+of\s+"
                          r"(?P<a>(?:the\s+|「)[^,;]+?)\s+and\s+(?P<b>(?:the\s+|「)[^,;?.]+?)"
                          r"(?P<tail>\s+(?:at|in|of|for|under|by)\s+[^,;?.]+?)?\s*[?.]?\s*$", re.IGNORECASE)


def english_parts(question: str) -> list[tuple[str, str]] | None:
    """(name, question about it alone) for the two things an English question adds up: 'Add up the FY2022
    budgets of the A project and the B project at the agency' → 'What was the FY2022 budgets of the A project at
    the agency?', and B's likewise."""
    m = _EN_PARTS_RE.search(question.strip())
    if m is None:
        return _english_named_parts(question.strip())
    tail = m.group("tail") or ""
    return [(m.group(k), f"What was {m.group('what')} of {m.group(k)}{tail}?") for k in ("a", "b")]


# 'the combined FY2022 visitor count of the Nara and Kyoto offices': what is counted, then two names (capitals,
# not a year) joined by 'and' and the kind of thing they are, in the plural
_EN_NAMED_RE = re.compile(r"\b(?:combined|total|sum of the)\s+(?P<what>[^,;?]+?)\s+(?P<prep>of|for|in|at)\s+"
                          r"(?:the\s+)?(?P<a>(?!FY\d)[A-Z][a-z][\w-]*(?:\s+[A-Z][\w-]*)*)\s+and\s+(?:the\s+)?"
                          r"(?P<b>(?!FY\d)[A-Z][a-z][\w-]*(?:\s+[A-Z][\w-]*)*)(?:\s+(?P<kind>[a-z]+s))?"
                          r"(?P<tail>(?:\s+(?:in|of|at|under)\s+[^,;?]+?)?)\s*[?.]?\s*$")


def _english_named_parts(question: str) -> list[tuple[str, str]] | None:
    """'In the X sheet, what is the combined FY2022 visitor count of the Nara and Kyoto offices?' → 'In the X
    sheet, what is the FY2022 visitor count of the Nara office?', and Kyoto's likewise."""
    m = _EN_NAMED_RE.search(question)
    if m is None:
        return None
    # ('blocks' → block: the one part named)
    kind = f" {(singulars(m.group('kind')) or [m.group('kind')])[0]}" if m.group("kind") else ""
    head = question[:m.start()]
    return [(m.group(k), f"{head}{m.group('what')} {m.group('prep')} the {m.group(k)}{kind}{m.group('tail')}?")
            for k in ("a", "b")]


# Words that say what is done to a thing (「…の開催」「…の推進」), not which thing
_ACTIONS = frozenset({"開催", "実施", "推進", "整備", "運営", "管理", "支援", "充実", "強化", "促進", "確保", "運用"})

# a clause of names joined: 「A_の_B と C_の_D」, the names as the sheets print them
_CLAUSE_JOIN_RE = re.compile(r"と|及び|および")


# 「入国者数、A国とB国を合わせると」: what is counted, a comma, then two of its categories joined
_HEADED_RE = re.compile(rf"{_ITEM}、{_ITEM}(?:と|及び|および){_ITEM}(?!別)(?=を?(?:足し)?{_ADDING})")


def headed_parts(question: str) -> list[tuple[str, str]] | None:
    """(category, question about it alone) when a question names what is counted, then the categories of it to
    add: 「令和4年の入国者数、A国とB国を合わせると何人？」 → [(A国, 令和4年の入国者数、A国は何人？), …].
    The caller keeps this reading only when each answer is the category of a breakdown (「A、BとC」 may also
    list three things)."""
    q = norm(question)
    m = _HEADED_RE.search(q)
    if m is None or len({m.group(2), m.group(3)}) < 2 or any(find_fiscal_years(n) for n in m.groups()):
        return None
    head = q[:m.start(2)]
    rest = ADDING_RE.sub("は", q[m.end():], count=1)
    return [(n, head + n + rest) for n in (m.group(2), m.group(3))]


def _printed_parts(q: str, mentioned: Callable[[str], bool]) -> list[tuple[str, str]] | None:
    """A clause before the word of adding whose parts, split at と / 及び, are each printed in a sheet; the
    first may follow words of the clause (「令和4年度の」), the last may be followed by them (「の執行額」)."""
    adding = ADDING_RE.search(q)
    if adding is None or not re.match(_ADDING, q[adding.start():].lstrip("を")):
        return None
    start = 0
    for clause in q[:adding.start()].split("、"):
        joins = list(_CLAUSE_JOIN_RE.finditer(clause))
        if joins:
            first = clause[:joins[0].start()]
            middle = [clause[a.end():b.start()] for a, b in zip(joins, joins[1:], strict=False)]
            last = clause[joins[-1].end():]
            # (the longest run of each end that a sheet prints, cut where 「の」 joins it to other words)
            head, at = next(((first[i:], i) for i in [0, *(k + 1 for k, c in enumerate(first) if c == "の")]
                             if _printed(first[i:], mentioned)), (None, 0))
            if head is None or head in _ACTIONS:  # 「学術フォーラムの開催」: what is done to it; the thing before
                head, at = max(((first[:k], 0) for k, c in enumerate(first) if c == "の" and first[k + 1:] in _ACTIONS
                                and _printed(first[:k], mentioned)), key=lambda h: len(h[0]), default=(head, at))
            tail = next((last[:k] for k in [len(last), *(k for k in range(len(last) - 1, 0, -1) if last[k] == "の")]
                         if _printed(last[:k], mentioned)), None)
            if head is not None and tail is not None and all(_printed(m, mentioned) for m in middle):
                names = [head, *middle, tail]
                before = q[:start + at]
                rest = ADDING_RE.sub("は", q[start + joins[-1].end() + len(tail):], count=1)
                if len(set(names)) == len(names):
                    return [(n.strip("「」『』"), before + n.strip("「」『』") + rest) for n in names]
        start += len(clause) + 1
    return None


def _printed(name: str, mentioned: Callable[[str], bool]) -> bool:
    """Does a sheet print the name, or (「勲章等の製造・購入」 of 「勲章・褒章等の製造・購入」) every word of it?"""
    bare = name.strip("「」『』")
    if len(bare) < 3 or find_fiscal_years(bare):
        return False
    words = [t for t in terms(bare) if len(t) >= 2]
    return mentioned(bare) or (len(words) >= 2 and "の" in bare and all(mentioned(t) for t in words))


def _own_name(f: Figure) -> str:
    """What a figure is of: a breakdown row's category, a sentence's counted noun and its qualifiers, a table row's
    name."""
    return f.series if f.series and f.measure != "本文記載" else f"{f.subject}{f.series or ''}"


def named_sum_answer(question: str, parts: list[tuple[str, Answer]], labels: Callable[[str], str]) -> Answer | None:
    """The values the answers to each part give, added up; None unless every part is answered by a value of
    one kind, unit and year (a rate or an average is not added)."""
    figs = [ans.figures[0] if ans.found and ans.figures else None for _, ans in parts]
    if any(f is None or not isinstance(f.value, (int, float)) for f in figs):
        return None
    got = [f for f in figs if f is not None]
    # (each part's figure names it: a misread list of parts, a clause taken for a part, adds what was not asked.
    # Named whole, or by a word of its own — one the other parts do not share — in the row that is the part:
    # 「押収されたヘロイン」 is the ヘロイン row, 「表彰事務（①）」 the 表彰事務 means; not a breakdown's total row)
    # (「…の2タイプと」「2つの…と」 name several things: one figure for them would be a wrong sum; so would a
    # breakdown's total added to one of its own categories)
    if re.search(r"[0-9一二三四五六七八九十]+(?:つ|種類?|タイプ|類型|区分|事業)の?(?!年)", norm(question)) \
            or len({f.subject for f in got}) == 1 and any(f.series in TOTALS for f in got) \
            or any(f.series in TOTALS and norm(n) not in TOTALS for (n, _), f in zip(parts, got, strict=True)):
        return None
    # (an English part in the sheets' words: 'the ferry subsidy project' → its glossed words)
    words = [{t for t in terms(re.sub(r"^うち", "", gloss(n) if n.isascii() else n)) if len(t) >= 2} for n, _ in parts]
    shared = set.intersection(*words) if words else set()
    if not all(norm(n) in norm(f"{f.subject}{f.series or ''}{f.raw or ''}")
               or any(t in norm(_own_name(f)) for t in (own - shared or own))
               for (n, _), f, own in zip(parts, got, words, strict=True)):
        return None
    places = {(f.sheet, f.subject, f.series, f.line, f.cell, f.value) for f in got}  # (one figure twice: no sum)
    if len({(f.unit, f.measure, f.fiscal_year) for f in got}) > 1 or len(places) < len(got) or any(
            _NOT_ADDED_RE.search(f"{_own_column(f)} {f.unit or ''}") for f in got):
        return None
    total = sum(f.value for f in got if isinstance(f.value, (int, float)))
    shown = wording.value(_with_value(got[0], total))
    # (an English part is shown by the name the sheet gives it)
    parts = [(f.series or f.subject if n.isascii() or "「" in n else n, ans)
             for (n, ans), f in zip(parts, got, strict=True)]
    names = "と".join(f"「{n}」" for n, _ in parts)
    if len({(f.sheet, f.subject) for f in got}) == 1 and all(f.series for f in got):
        names = f"「{got[0].subject}」の{names}"  # (categories of one breakdown: say of what)
    rows = [(n, wording.value(f)) for (n, _), f in zip(parts, got, strict=True)]
    year = f"{wording.year(got[0])}の" if got[0].fiscal_year else ""
    text = (f"{year}{names}を合計すると{shown}です（計算値）。\n\n"
            + table(["", got[0].measure or ""], [*rows, ("合計（計算値）", shown)]) + "\n"
            + "\n".join(dict.fromkeys(wording.cite(f, labels(f.sheet)) for f in got)))
    first = parts[0][1].frame
    return Answer(question, text, True, got, [], "sum", first, cited=got)


def parts_sum_answer(question: str, parts: list[tuple[str, Answer]], labels: Callable[[str], str]) -> Answer:
    """The parts' values added up (`named_sum_answer`), or a refusal that names the parts that cannot be."""
    return named_sum_answer(question, parts, labels) or refusal(question, wording.unsummed([n for n, _ in parts], []))


def _own_column(f: Figure) -> str:
    """What a figure counts: its column's name when its subject is its table's caption and a column (「…の期間等・
    審査請求件数」 counts 審査請求件数, not 期間)."""
    head, _, column = f.subject.rpartition("・")
    return column if head and f.table and norm(f.table).startswith(norm(head)) else f.subject


def asks_sum(a: QuestionAnalysis) -> bool:
    return SUM_RE.search(a.normalized) is not None


def sum_answer(a: QuestionAnalysis, frame: Frame, labels: Callable[[str], str]) -> Answer | None:
    """The categories of a year (or the years asked) of the frame's subject, added up; None when the subject
    prints its own total (合計, 予算額計) or its values are not to be added (rates, averages)."""
    s = frame.subject
    if s is None or not asks_sum(a):
        return None
    if len(frame.years) <= 1 and any(f.measure in FAMILIES["total"] or f.series in TOTALS for f in s.figures):
        return None  # the sheet's own total answers (see numeric); (a budget's 合計 row is each year's, not the span's)
    measure = _measure(frame, s.figures)
    figs = [f for f in s.figures if f.measure == measure and isinstance(f.value, (int, float))
            and (frame.series is None or f.series == frame.series)]
    if not figs or _NOT_ADDED_RE.search(s.name) or any(_NOT_ADDED_RE.search(f.unit or "") for f in figs):
        return None
    if len(frame.years) > 1:  # one value over the years asked
        parts = [f for y in sorted(frame.years) for f in figs if f.fiscal_year == y]
        if len(parts) != len(frame.years) or len({f.series for f in parts}) > 1:
            return None
        rows = [(wording.year(f), wording.value(f)) for f in parts]
        what = f"{wording.year(parts[0])}から{wording.year(parts[-1])}までの{measure}"
    else:
        year = frame.years[0] if frame.years else max((f.fiscal_year for f in figs if f.fiscal_year), default=None)
        parts = [f for f in figs if f.fiscal_year == year and f.series]
        if len(parts) < 2:
            return None
        rows = [(f.series or "", wording.value(f)) for f in parts]
        what = f"{wording.year(parts[0])}の{measure}（{len(parts)}区分）" if year else f"{measure}（{len(parts)}区分）"
    if len({f.unit for f in parts}) > 1:
        return None
    total = sum(f.value for f in parts if isinstance(f.value, (int, float)))
    shown = wording.value(_with_value(parts[0], total))
    text = (f"「{s.name}」の{what}を合計すると{shown}です（計算値）。\n\n"
            + table(["", measure or ""], [*rows, ("合計（計算値）", shown)])
            + f"\n{wording.cite(parts[0], labels(parts[0].sheet))}")
    return Answer(a.question, text, True, parts, [], "sum", Frame(subject=s, years=frame.years), cited=parts)


def _measure(frame: Frame, figures: list[Figure]) -> str | None:
    """The measure added: the family's asked, else 実績値, else the one the subject has most of."""
    present = [f.measure for f in figures]
    asked = FAMILIES.get(frame.family or "", []) if frame.family != "total" else []  # (合計 asks the sum itself)
    return next((m for m in [*asked, "実績値"] if m in present), max(set(present), key=present.count, default=None))


def _with_value(f: Figure, value: float) -> Figure:
    return replace(f, value=round(value, 6) if isinstance(value, float) else value)


# 「A地区からC地区までを足すと」: the categories of a breakdown from one to another, added
_CATEGORY = r"([^\s、。,，「」『』をはがのにでと及・]{1,16}?)"
_RANGE_RE = re.compile(rf"(?<![^\s、。,，「『のはをがにでとも・]){_CATEGORY}から{_CATEGORY}まで"
                       rf"(?:の[^、。?？]{{0,12}}?)?を?(?:足し)?{_ADDING}")


def range_parts(question: str) -> tuple[str, str, str] | None:
    """(first, last, question about the first alone) of a range of categories to add, else None; years are no
    categories (「令和2年度から4年度まで」: see sum_answer)."""
    q = norm(question)
    m = _RANGE_RE.search(q)
    if m is None or any(find_fiscal_years(n) for n in m.groups()) or m.group(1) == m.group(2):
        return None
    rest = ADDING_RE.sub("は", q[m.end(2) + 2:], count=1)
    return m.group(1), m.group(2), q[:m.start()] + m.group(1) + rest


def range_sum_answer(question: str, first: Answer, last: str, labels: Callable[[str], str]) -> Answer | None:
    """The rows of the breakdown that answered the first category, from it to `last` in the table's order, added;
    None unless both are its rows and the values between are of one kind, unit and year."""
    if not first.found or not first.figures or first.frame is None or first.frame.subject is None:
        return None
    f0 = first.figures[0]
    rows = [f for f in first.frame.subject.figures if f.measure == f0.measure and f.fiscal_year == f0.fiscal_year
            and f.series and isinstance(f.value, (int, float))]
    names = [norm(f.series or "") for f in rows]
    if norm(f0.series or "") not in names or norm(last) not in names:
        return None
    i, j = names.index(norm(f0.series or "")), names.index(norm(last))
    if j <= i or any(f.series in TOTALS for f in rows[i:j + 1]):
        return None
    parts = [(f.series or "", Answer(question, "", True, [f], [], "numeric", first.frame)) for f in rows[i:j + 1]]
    return named_sum_answer(question, parts, labels)


def parts_added(question: str, ask: Callable[[str], Answer], mentioned: Callable[[str], bool],
                labels: Callable[[str], str]) -> Answer | None:
    """The sum of the things a question names to add, each asked alone with `ask`: two categories after what they
    count (kept when each answer is that category's row), a range of categories, or things joined (a refusal
    saying which could not be added when not all are values of one kind); None when it names none."""
    if (headed := headed_parts(question)) is not None:
        answers = [(n, ask(sub)) for n, sub in headed]
        # (「東京国税局」 is the row 東京 of 国税局別の…: a category named with the word all its rows end in)
        if all(ans.found and ans.figures and (ser := norm(ans.figures[0].series or ""))
               and (norm(n) in ser or ser in norm(n)) for n, ans in answers) \
                and (added := named_sum_answer(question, answers, labels)) is not None:
            return added
    if (span := range_parts(question)) is not None \
            and (added := range_sum_answer(question, ask(span[2]), span[1], labels)) is not None:
        return added
    if (parts := named_parts(question, mentioned) or english_parts(question)) is not None:
        answers = [(n, ask(sub)) for n, sub in parts]
        missing = [n for n, ans in answers if not ans.found or not ans.figures]
        return named_sum_answer(question, answers, labels) or refusal(
            question, wording.unsummed([n for n, _ in parts], missing))
    return None
