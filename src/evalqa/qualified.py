"""A qualifier the question puts on what the subject counts, which the subject does not carry (「運輸部門」 when the
table has 家庭部門 only, 「歩行中の負傷者数」 against all injured, 「総事業費」 of a 事業 whose table gives a year's
budget): the table's figure is of something else, so a sentence that says the qualifier answers, else a refusal
that says which."""
from __future__ import annotations

import re
from collections.abc import Sequence

from . import wording
from .answer import Answer, refusal
from .evidence import Evidence
from .figure import Figure
from .matching import states_asked
from .question import QuestionAnalysis, subject_words
from .stated import MIN_FACT, best_fact, stated_answer
from .subject import Subject
from .subjects import SubjectCatalogue

WHOLE_COST_RE = re.compile(r"総事業費|総工費|総費用")


def qualified_answer(a: QuestionAnalysis, subject: Subject, facts: Sequence[Figure], evidence: Evidence,
                     cat: SubjectCatalogue, near: Sequence[str]) -> Answer | None:
    """The sentence that states the qualified count, or a refusal; None when the question qualifies nothing the
    subject lacks."""
    qualifiers = evidence.qualifiers(a, subject_words(a), subject, MIN_FACT)
    # (a state asked, 「新しく」, is said in the sentence's words for it: 「新たに」)
    states = {w: pattern for w, pattern, _ in states_asked(a.normalized)}
    if subject.kind != "indicator" and (cost := WHOLE_COST_RE.search(a.normalized)) \
            and not WHOLE_COST_RE.search(subject.name):  # 「総事業費」: not a year's budget of the 事業
        qualifiers, states[cost.group(0)] = [*qualifiers, cost.group(0)], WHOLE_COST_RE.pattern
    if not qualifiers:
        return None
    # a sentence that counts what the table does not: one that says the qualifier
    score, fact = best_fact(a, [f for f in facts if all(re.search(states.get(q, re.escape(q)), f.raw)
                                                        for q in qualifiers)], cat.idf, cat.titles)
    if fact is not None and score >= MIN_FACT:
        return stated_answer(a, fact, cat.sheet_label)
    if all(w in states or evidence.mentioned(w) for w in qualifiers):
        return refusal(a.question, wording.not_distinguished(qualifiers, subject.name))
    return refusal(a.question, wording.unknown_nouns(qualifiers, near))
