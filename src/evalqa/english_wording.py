"""English answers to English questions: the figures restated in English, the sheet's Japanese names, quote and
citation kept as the sheet writes them."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from .counts import base_amount
from .fiscal_year import era_year

MEASURES_EN = {
    "実績値": "actual", "年度目標値": "annual target", "目標値": "target", "中期目標値": "mid-term target",
    "基準値": "baseline", "当初予算(a)": "initial budget", "補正予算(b)": "supplementary budget",
    "繰越し等(c)": "carry-over", "合計(a+b+c)": "total budget", "予算額計": "total budget", "執行額": "execution",
    "当初予算額": "initial budget", "概算要求額": "budget request", "本文記載": "stated in the text",
    "初期値": "initial value", "達成率": "achievement rate", "予算現額": "budget available",
    "不用額": "unused amount", "翌年度繰越額": "carried over to the next year", "繰越し等": "carry-over",
    "前年度繰越額": "carried over from the year before",
}
_KIND_LEAD = {
    "count": "Count, from the sheet's structure:", "list": "From the sheet's figures:",
    "ranking": "Ranking, from the sheet's figures:", "metadata": "From the sheet's header fields:",
    "stated": "A number stated in the sheet's text:", "prose": "The sheet says (quoted in Japanese):",
}


def measure_en(measure: str) -> str:
    """「実績値 (actual)」: the sheet's word, kept, with its English sense."""
    en = MEASURES_EN.get(measure)
    return f"{measure} ({en})" if en else measure


def render_english(kind: str, found: bool, figures: list[Any], text: str, fy_label: Callable[[Any], str],
                   value: Callable[[Any], str]) -> str:
    """The answer in English for an English question: the figures restated, the Japanese names, the quote and the
    citation kept as the sheet writes them (a translation of names would not be the sheet's)."""
    lines = text.split("\n")
    citation = "\n".join(line.replace("出典:", "Source:", 1) for line in lines if line.startswith("出典:"))
    if not found:
        return "Not answered from the indexed sheets. The assistant says (in Japanese):\n" + text
    if kind in ("numeric", "comparison", "trend") and figures:
        first = figures[0]
        head = (f"{fy_label(first)} — 「{first.subject}」" + (f" ({first.series})" if first.series else "")
                + f": {measure_en(first.measure)} = {value(first)}.")
        others = [f"{fy_label(f)}: {measure_en(f.measure)} = {value(f)}" for f in figures[1:8]]
        body = head + ("\nAlso: " + "; ".join(others) + "." if others else "")
        revision = next((f for f in figures if f.measure == "差（計算値）" and "→" in f.subject), None)
        if kind == "comparison" and revision is not None and isinstance(first.value, (int, float)) \
                and isinstance(figures[1].value, (int, float)):  # one value before and after a revision
            change = "increase" if figures[1].value > first.value else "decrease" \
                if figures[1].value < first.value else "no change"
            body += (f"\nChange ({revision.subject}): {change} of {value(revision)} "
                     f"({value(first)} → {value(figures[1])}).")
        elif kind == "comparison" and len(figures) >= 2 and first.subject == figures[1].subject \
                and first.measure == figures[1].measure and first.fiscal_year != figures[1].fiscal_year:
            a, b = figures[1], figures[0]
            if isinstance(a.value, (int, float)) and isinstance(b.value, (int, float)):
                change = "increase" if b.value > a.value else "decrease" if b.value < a.value else "no change"
                body += f"\nChange from {fy_label(a)} to {fy_label(b)}: {change} ({value(a)} → {value(b)})."
        elif kind == "comparison" and len(figures) >= 2 and (first.subject, first.series) != (
                figures[1].subject, figures[1].series) and first.measure == figures[1].measure \
                and isinstance(first.value, (int, float)) and isinstance(figures[1].value, (int, float)):
            # two subjects, one measure (101.2万人 is more than 16,276人)
            big, small = sorted(figures[:2], key=lambda f: base_amount(f.value, f.unit or "")[1], reverse=True)
            gap = _difference(big, small, value)
            body += (f"\nLarger: 「{big.series or big.subject}」 ({value(big)} against {value(small)}{gap})."
                     if big.value != small.value else "\nThey are the same.")
        elif kind == "comparison" and len(figures) >= 2 and first.subject == figures[1].subject \
                and isinstance(first.value, (int, float)) and isinstance(figures[1].value, (int, float)):
            other = figures[1]  # two kinds of value (a request against an initial budget)
            how = "higher than (above)" if first.value > other.value else "lower than (below)" \
                if first.value < other.value else "the same as"
            body += (f"\nThe {fy_label(first)} {measure_en(first.measure)} is {how} the {fy_label(other)} "
                     f"{measure_en(other.measure)} ({value(first)} against {value(other)}"
                     f"{_difference(first, other, value)}).")
        # (a trend from the baseline goes on with the 実績値 after it)
        measures = {first.measure, "実績値"} if first.measure == "基準値" else {first.measure}
        # (a year from last year's sheet of the 施策 may carry that sheet's wording of the name)
        # (one value a year: another sheet's writing of a year, named beside it, is no step of the trend)
        by_year: dict[int | None, Any] = {}
        for f in figures:
            if f.series == first.series and (f.subject == first.subject or f.sheet != first.sheet) \
                    and f.measure in measures and isinstance(f.value, (int, float)):
                by_year.setdefault(f.fiscal_year, f)
        row = sorted(by_year.values(), key=lambda f: f.fiscal_year or 0)
        if kind == "trend" and len(row) >= 2:
            a, b = row[0], row[-1]  # (in year order, as the answer lists them)
            way = "increase" if b.value > a.value else "decrease" if b.value < a.value else "no change"
            by = _amount(b, a, value)
            body += f"\nChange from {fy_label(a)} to {fy_label(b)}: {way} of {by} ({value(a)} → {value(b)})."
        computed = [line for line in lines if "計算値" in line]
        note = "\n(Japanese answer: " + lines[0] + ")" if computed or kind == "comparison" else ""
        return body + note + ("\n" + citation if citation else "")
    # The Japanese answer's first line (「…は3件です。」) stays on the lead's line: it is the answer.
    return _KIND_LEAD.get(kind, "Answer (in Japanese):") + " " + _ERA_YEAR_RE.sub(_with_fy, text)


_ERA_YEAR_RE = re.compile(r"(令和|平成)(\d{1,2}|元)年度")


def _amount(a: Any, b: Any, value: Callable[[Any], str]) -> str:
    """How far apart two values are, in a's unit (a percentage's in points)."""
    diff = round(abs(a.value - b.value), 6)
    return f"{value(replace(a, value=diff, unit=''))} points" if a.unit == "%" else value(replace(a, value=diff))


def _difference(a: Any, b: Any, value: Callable[[Any], str]) -> str:
    """「, a difference of 19件」 of two values in one unit, else nothing."""
    if (a.unit or "") != (b.unit or "") or a.value == b.value:
        return ""
    return f", a difference of {_amount(a, b, value)}"


def _with_fy(m: re.Match) -> str:
    """「平成30年度」 → 「FY2018 (平成30年度)」: the reader of an English answer gets the year as asked."""
    return f"FY{era_year(m.group(1), m.group(2))} ({m.group(0)})"
