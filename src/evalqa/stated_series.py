"""Numbers sentences state over several years or rows: the change a sentence states (「前年度比1.9%増」), a
year per sheet's sentence (「R4年度とR5年度でどう変わった？」), and the rows of a breakdown only a sentence gives
(「業種別では、建設業が283人と最も多く…」)."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from .change import asks_amount
from .counts import same_counter
from .facts import is_change
from .figure import Figure
from .question import QuestionAnalysis
from .stated import MIN_FACT, best_fact


def stated_years(a: QuestionAnalysis, fact: Figure, facts: Sequence[Figure]) -> list[Figure]:
    """「…はR4年度とR5年度でどう変わった？」 where sentences alone state the values (one sheet a year): the fact of
    each year asked that counts what `fact` counts, in its unit, oldest first; [] unless every year has one."""
    if len(a.years) < 2 or fact.fiscal_year not in a.years:
        return []
    same = {f.fiscal_year: f for f in facts if (f.subject, f.series, f.unit) == (fact.subject, fact.series, fact.unit)
            and f.fiscal_year in a.years and f.value is not None and f.fiscal_year != fact.fiscal_year}
    same[fact.fiscal_year] = fact
    return [same[y] for y in sorted(a.years)] if set(same) == set(a.years) else []


def stated_change(a: QuestionAnalysis, facts: Sequence[Figure], idf: Callable[[str], float],
                  titles: Mapping[str, str]) -> Figure | None:
    """「前年度比で何％伸びた？」: the rate of change a sentence states (「…6,612億円で、前年度比1.9%増」), which
    answers before one computed from the table."""
    if a.operation != "compare":
        return None
    if a.counter == "%":
        rates = [f for f in facts if f.subject.endswith("比") and f.unit == "%"]
    elif asks_amount(a):  # 「昨年から何件増えた？」: 「…前年から12件増加」
        rates = [f for f in facts if is_change(f) and (a.counter is None or same_counter(f.unit or "", a.counter))]
    else:
        return None
    score, fact = best_fact(a, rates, idf, titles)
    return fact if score >= MIN_FACT else None


def stated_breakdown(by: str, facts: Sequence[Figure], years: Sequence[int]) -> list[Figure]:
    """「業種別では、建設業が283人と最も多く、次いで製造業が140人…」: the rows of a breakdown only a sentence
    states, the numbers it gives after 「…別」 (of one unit, of the year asked); [] unless two or more."""
    groups: dict[tuple[str, str, str | None], list[Figure]] = {}
    for f in facts:
        at = f.raw.find(by)
        if at < 0 or f.value is None or (years and f.fiscal_year not in years) or f.raw.find(f.subject, at) < 0:
            continue
        groups.setdefault((f.sheet, f.raw, f.unit), []).append(f)
    rows = max(groups.values(), key=len, default=[])
    return rows if len(rows) >= 2 else []
