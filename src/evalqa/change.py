"""How much a value changed, when that amount is what a question asks (「去年と比べて何件増えたか」「何億円減っ
た」「by how much did it rise」): the difference of two figures, as a figure of its own, labelled 計算値."""
from __future__ import annotations

import re
from dataclasses import replace

from .figure import Figure
from .question import QuestionAnalysis

MEASURES = ("増加（計算値）", "減少（計算値）", "変化なし（計算値）")  # (rose, fell; neither)
# An amount asked of a change (English arrives glossed: 「いくら … 増えた」)
_AMOUNT_RE = re.compile(r"(?:何|いくつ|いくら|どれ(?:だけ|くらい|ほど)|どの(?:くらい|程度))[^、。?？]{0,8}?"
                        r"(?:増え|減っ|増加し|減少し|伸び|上が|下が|上昇し|低下し|縮ま|広が)"
                        r"|(?:増加|減少|増減)(?:数|幅|量|額)は|差は")


def asks_amount(a: QuestionAnalysis) -> bool:
    """Does the question ask by how much a value changed (not only whether it rose)?"""
    return _AMOUNT_RE.search(a.normalized) is not None


def change_figure(old: Figure, new: Figure) -> Figure:
    """|new − old|, of new's subject and year, its measure saying whether it rose or fell (「何万トン減った」 asks
    31, not −31); a change of percentages is in points."""
    assert isinstance(old.value, (int, float)) and isinstance(new.value, (int, float))
    diff = new.value - old.value
    value = round(abs(diff), 6) if isinstance(diff, float) else abs(diff)
    return replace(new, measure=MEASURES[diff < 0] if diff else MEASURES[2], value=value,
                   unit="ポイント" if new.unit == "%" else new.unit,
                   year_label=f"{old.year_label}→{new.year_label}", raw=f"{new.raw} − {old.raw}")


def amount_first(a: QuestionAnalysis, old: Figure, new: Figure) -> list[Figure]:
    """The change asked, as a figure, when the question asks its amount; else nothing."""
    numbers = isinstance(old.value, (int, float)) and isinstance(new.value, (int, float))
    return [change_figure(old, new)] if numbers and asks_amount(a) and old.unit == new.unit else []
