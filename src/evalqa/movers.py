"""The categories of a breakdown that rose or fell from one year to the next: 「令和4年度に前年度より減った飛行場は
どこ？」 lists the rows whose value is lower than the year before's, each with both values and the change."""
from __future__ import annotations

import re

from . import wording
from .answer import Answer, Frame, refusal
from .breakdown import TOTALS
from .figure import Figure
from .fiscal_year import to_label
from .question import QuestionAnalysis
from .subject import Subject

# 「前年度より減った…は」「前の年から増えた区分」: a direction asked of each category, against the year before
_MOVED_RE = re.compile(r"(?:前年度?|前の年度?|昨年度?|前年同期)(?:より|から|と比べて|に比べて|比で?)[^、。?？]{0,6}?"
                       r"(減っ|減少|少なく|下が|低下|増え|増加|多く|上が|上昇)")


# 「令和4年度から5年度にかけて増えた税目は」: a direction between two years in a row
_DIRECTION_RE = re.compile(r"(減っ|減少|少なく|下が|低下|増え|増加|多く|上が|上昇)")


def _moved(a: QuestionAnalysis) -> re.Match[str] | None:
    years = sorted(a.years)
    return _MOVED_RE.search(a.normalized) or (
        _DIRECTION_RE.search(a.normalized) if len(years) == 2 and years[1] == years[0] + 1 else None)


def asks_movers(a: QuestionAnalysis) -> bool:
    """Does the question ask which categories rose or fell against the year before?"""
    return _moved(a) is not None


def movers_answer(a: QuestionAnalysis, s: Subject, sheet_label: str) -> Answer | None:
    """The rows of the breakdown `s` whose value of the year asked (else its latest) is below (or above) the year
    before's; None when the subject is no breakdown with two years to compare."""
    m = _moved(a)
    if m is None or not s.series:
        return None
    down = re.match(r"減|少|下|低", m.group(1)) is not None
    values: dict[tuple[str, int], Figure] = {}
    for f in s.figures:
        if f.series and f.fiscal_year is not None and isinstance(f.value, (int, float)) and f.measure == "実績値":
            values[(f.series, f.fiscal_year)] = f
    years = sorted({y for _, y in values})
    year = max(a.years) if a.years else (years[-1] if years else None)
    if year is None or year - 1 not in years or year not in years:
        return None
    rows = []
    for ser in dict.fromkeys(x for x, _ in values):
        if re.sub(r"[(（].*$", "", ser) in TOTALS or (ser, year) not in values or (ser, year - 1) not in values:
            continue
        now, before = values[(ser, year)], values[(ser, year - 1)]
        diff = now.value - before.value  # type: ignore[operator]
        if (diff < 0) if down else (diff > 0):
            rows.append((ser, before, now, diff))
    way = "減った" if down else "増えた"
    if not rows:
        return refusal(a.question, f"「{s.name}」で{to_label(year)}に前年度より{way}区分はありません。")
    text = (f"「{s.name}」で、{to_label(year)}に前年度（{to_label(year - 1)}）より{way}区分は{len(rows)}件です。\n"
            + "\n".join(f"- {ser}: {wording.value(b)} → {wording.value(n)}" for ser, b, n, _ in rows) + "\n\n"
            + wording.table(["区分", to_label(year - 1), to_label(year), "増減（計算値）"],
                            [(ser, wording.value(b), wording.value(n), f"{d:+,g}") for ser, b, n, d in rows])
            + "\n" + wording.cite(rows[0][2], sheet_label))
    figures = [f for _, b, n, _ in rows for f in (n, b)]
    return Answer(a.question, text, True, figures, [], "list", Frame(subject=s), cited=figures[:1])
