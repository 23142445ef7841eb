"""Sums the sheet does not print: a breakdown's categories added up (「年代別の人数を足し合わせると」), or
one value over several years (「令和2〜4年度の執行額の合計」). The total is computed and labelled so; every
figure added is listed in `figures`, in the order of the table shown."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from . import wording
from .aggregate import table
from .answer import Answer, Frame
from .breakdown import TOTALS
from .figure import Figure
from .question import FAMILIES, QuestionAnalysis

# 「合計すると」「足し合わせると」「総計は」「全部で」, 'in total', 'sum', 'combined'
SUM_RE = re.compile(r"合計(?:すると|して|で|は|値|を)|足(?:す|し)|総計|合算|合わせ(?:る|て|た)|全部で|全体で"
                    r"|\bsum\b|\bin total\b|\bcombined\b|\btotal\b", re.IGNORECASE)
# Values a sum of means nothing: rates and shares, averages
_NOT_ADDED_RE = re.compile(r"%|％|率|割合|平均|期間")


def asks_sum(a: QuestionAnalysis) -> bool:
    return SUM_RE.search(a.normalized) is not None


def sum_answer(a: QuestionAnalysis, frame: Frame, labels: Callable[[str], str]) -> Answer | None:
    """The categories of a year (or the years asked) of the frame's subject, added up; None when the subject
    prints its own total (合計, 予算額計) or its values are not to be added (rates, averages)."""
    s = frame.subject
    if s is None or not asks_sum(a):
        return None
    if any(f.measure in FAMILIES["total"] or f.series in TOTALS for f in s.figures):
        return None  # the sheet's own total answers (see numeric)
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
