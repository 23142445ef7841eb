"""How many categories a breakdown has, and which: 「違反の類型は何種類？」「苦情の種類はいくつある？」 count the
table's rows, its totals apart. A subtotal the question names (「沿岸の違反に含まれる種類」 of a row 「沿岸の違反 計」)
counts its own members: the rows above it, back to the table's start or the subtotal before."""
from __future__ import annotations

import re

from .answer import Answer, Frame
from .breakdown import TOTALS
from .figure import Figure
from .fiscal_year import to_label
from .normalize import norm
from .question import QuestionAnalysis
from .subject import Subject, category_suffix

# 「何種類」「いくつに分かれ」「種類はいくつ」「区分の数は」: the categories themselves are counted
_KINDS = r"種類|類型|区分|分類|項目|内訳|カテゴリー?"
_CATEGORIES_ASKED_RE = re.compile(
    rf"何(?:{_KINDS})|いくつに分(?:かれ|け)|(?:{_KINDS})(?:は|が|って|の数は)(?:全部で)?(?:いくつ|何[つ個件])"
    r"|how many (?:kinds|types|categories)", re.IGNORECASE)
# A row that may add up the rows above it: 「沿岸の違反 計」「小計」 (not 「一般会計」: its value tells, see _subtotals)
_SUBTOTAL_RE = re.compile(r"^(.*?)\s*(?:の)?(?:小計|計)$")


def asks_categories(a: QuestionAnalysis, s: Subject) -> bool:
    """Does the question count the categories of `s`, a breakdown? Either in words of kinds (何種類), or with
    いくつ after the word the categories end in (「管区はいくつ」)."""
    if len({x for x in s.series if x}) < 3:
        return False
    if _CATEGORIES_ASKED_RE.search(a.normalized):
        return True
    suffix = category_suffix(s)
    asked = re.search(rf"{suffix}(?:等)?(?:は|が|って)(?:全部で)?いくつ", a.normalized) if suffix else None
    return asked is not None


def categories_answer(a: QuestionAnalysis, s: Subject, sheet_label: str) -> Answer | None:
    """The categories of the breakdown `s` (of the year asked, else its latest), counted and listed; None when
    `s` has no year with three categories or more."""
    by_year: dict[int | None, list[Figure]] = {}
    measures = [f.measure for f in s.figures if f.series]
    measure = "実績値" if "実績値" in measures else max(set(measures), key=measures.count, default=None)
    for f in s.figures:
        if f.series and f.measure == measure:
            by_year.setdefault(f.fiscal_year, []).append(f)
    year = a.years[0] if a.years and a.years[0] in by_year else max(
        (y for y in by_year if y is not None), default=None)
    rows = list({f.series: f for f in by_year.get(year, [])}.values())  # (one figure per row: 件数 and 構成比 alike)
    names = [f.series or "" for f in rows]
    subtotals = _subtotals(rows)
    named = next(((own, parts) for own, parts in subtotals.values() if own and own in a.normalized), None)
    if named is None:
        members = [n for i, n in enumerate(names) if n not in TOTALS and i not in subtotals]
        what = f"「{s.name}」の区分"
    else:
        what, members = f"「{s.name}」のうち「{named[0]}」に入る区分", named[1]
    if len(members) < 2:
        return None
    when = f"（{to_label(year)}の表）" if year is not None else ""
    text = (f"{what}は{len(members)}つです{when}。\n" + "\n".join(f"- {n}" for n in members)
            + f"\n出典: {sheet_label} › {' › '.join(s.section)}")
    figures = [f for f in rows if f.series in members]
    return Answer(a.question, text, True, figures, [], "count", Frame(subject=s), cited=figures[:1])


def _subtotals(rows: list[Figure]) -> dict[int, tuple[str, list[str]]]:
    """Row index → (its own words, the rows it adds up) for each row named as a subtotal whose value is the sum
    of the rows above it, back to the table's start or the subtotal before."""
    out: dict[int, tuple[str, list[str]]] = {}
    start = 0
    for i, f in enumerate(rows):
        m = _SUBTOTAL_RE.match(f.series or "")
        if m is None or f.series in TOTALS or not isinstance(f.value, (int, float)):
            continue
        above = [r for r in rows[start:i] if r.series not in TOTALS]
        values = [r.value for r in above if isinstance(r.value, (int, float))]
        if len(values) == len(above) >= 2 and abs(sum(values) - f.value) <= 0.5 + 1e-9 * abs(f.value):
            out[i] = (norm(m.group(1)), [r.series or "" for r in above])
            start = i + 1
    return out
