"""Which way an indicator is better, and whether its 実績値 met a target: the sheet's own grade (○ / ×, 達成 /
未達成) where it gives one, else the direction its targets, name or baseline say."""
from __future__ import annotations

import re

from .figure import Figure
from .measures import GRADE_HEADS, grade_word
from .subject import TARGETS, Subject

# Words saying lower is better; not 削減量/削減率 (an amount cut, which is better higher).
_SAID_DIRECTION_RE = re.compile(r"(小さい|低い|少ない|大きい|高い|多い)ほど(?:良好|良い|よい|望ましい)")
_LOWER_BETTER_RE = re.compile(r"(?:減少|削減|低減|縮減)(?!量|率|効果|額)|抑制|以下|防止|低下|減らす")


def lower_is_better(s: Subject) -> bool | None:
    """True when the targets (below the baseline) or, when they are silent, the indicator's own name say lower
    is better; None when nothing says either way."""
    # 「2,000以下」「12.0以下」: a target written as a bound says which way is better.
    bounds = {m.group(0) for f in s.figures if f.measure in TARGETS + ("中期目標値",)
              and (m := re.search(r"以下|以内|未満|以上|超", f.raw or ""))}
    if bounds and bounds <= {"以下", "以内", "未満"}:
        return True
    if bounds and bounds <= {"以上", "超"}:
        return False
    # 「評価の向き: 小さいほど良好」: a column of the table says which way is better
    said = {m.group(1) in ("小さい", "低い", "少ない") for f in s.figures
            if f.note and (m := _SAID_DIRECTION_RE.search(f.note))}
    if len(said) == 1:
        return said.pop()
    if (graded := _graded_direction(s)) is not None:
        return graded
    base = next((f.value for f in s.figures if f.measure == "基準値" and f.value is not None), None)
    targets = [f.value for f in s.figures if f.measure in TARGETS + ("中期目標値",) and f.value is not None]
    if base is not None and targets:
        below = [t < base for t in targets]
        if all(below) or not any(below):
            return all(below)
    return True if _LOWER_BETTER_RE.search(s.name + (s.section[-1] if s.section else "")) else None


def _graded_direction(s: Subject) -> bool | None:
    """The direction the sheet's own grades show: 実績 71 graded 達成 against a target of 60 is better higher
    (a target below the baseline, 60 against 64, may only ask to keep it up). None unless every graded year
    that differs from its target says the same."""
    votes = set()
    for f in s.figures:
        if f.measure != "実績値" or f.value is None or (grade := sheet_grade(f)) is None:
            continue
        target = next((t.value for t in s.figures if t.measure in TARGETS and t.fiscal_year == f.fiscal_year
                       and t.series == f.series and t.value is not None), None)
        if target is not None and target != f.value:
            votes.add((grade == "達成") == (f.value < target))
    return votes.pop() if len(votes) == 1 else None


_GRADE_NOTE_RE = re.compile(rf"(?:{'|'.join(GRADE_HEADS)}|達成)[:：]\s*(\S+?)(?:、|$)")


def sheet_grade(actual: Figure) -> str | None:
    """The grade the sheet gives the 実績値 (a 達成 column read as its note), in words: ○ → 達成, × → 未達成."""
    # 「評価: A、達成状況: ○」: a letter grade says no verdict; the mark after it does
    return next((w for m in _GRADE_NOTE_RE.finditer(actual.note or "") if (w := grade_word(m.group(1)))), None)


def met_target(s: Subject, actual: Figure, target: Figure) -> bool:
    """Did the 実績値 meet the target: as the sheet grades it (its ○ / × column) where it does, else by the
    indicator's direction (`lower_is_better`; higher when nothing says)."""
    if (grade := sheet_grade(actual)) is not None and actual.fiscal_year == target.fiscal_year:
        return grade == "達成"
    lower = lower_is_better(s)
    return actual.value <= target.value if lower else actual.value >= target.value  # type: ignore[operator]
