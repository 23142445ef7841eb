"""Which of many values pass a bound the question sets: 「執行率が90％を下回った達成手段は？」, 「予算額が10億円以上の
もの」, 'bureaus with balances above 100 billion yen' — the values weighed as a ranking weighs them
(`aggregate.candidates`), the bound read in the values' own unit (10億円 is 1,000,000 of a table in 千円)."""
from __future__ import annotations

import re

from . import aggregate, wording
from .answer import Answer, Frame, refusal
from .fiscal_year import to_label
from .operations import Bound
from .question import FAMILY_LABEL, QuestionAnalysis
from .scope import Scope, scope_label
from .subject import Subject
from .subjects import SubjectCatalogue


def bounded(a: QuestionAnalysis, bound: Bound, scope: Scope, cat: SubjectCatalogue, best: Subject | None
            ) -> Answer | None:
    """The values in scope that pass the bound, listed with their values; None when there are none to weigh."""
    family = a.family or ("budget" if re.search(r"予算|budget", a.normalized) else "actual")
    got = aggregate.candidates(a, scope, cat, best, family)
    if isinstance(got, Answer):
        return got
    items, what, year = got
    if len(items) < 2:
        return None
    limits = [bound.in_unit(it.figures[0].unit or "") for it in items]
    if any(limit is None for limit in limits):
        return refusal(a.question, f"「{bound.said}」と同じ単位で比べられる値が、{what}の表にそろいません。")
    kept = [it for it, limit in zip(items, limits, strict=True) if limit is not None and bound.passes(it.value, limit)]
    metric = FAMILY_LABEL[family]
    when = f"{to_label(year)}の" if year else ""
    head = (f"{scope_label(scope, cat)}で、{when}{metric}が「{bound.said}」の{what}は{len(kept)}件です"
            f"（{len(items)}件のうち）。")
    if not kept:
        return Answer(a.question, head, True, [f for it in items for f in it.figures[:1]], [], "list", Frame(),
                      cited=items[0].figures[:1])
    rows = [(it.figures[0].series or it.label if what == "区分" else it.label, it.shown) for it in kept]
    text = head + "\n\n" + wording.table([what, metric], rows)
    figures = [f for it in kept for f in it.figures]
    return Answer(a.question, text, True, figures, [], "list", Frame(), cited=[it.figures[0] for it in kept])
