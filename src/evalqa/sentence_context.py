"""What the sentences around a stated number say of it: the paragraph before it (whose subject, said first, stands
for the sentences after it) and the other numbers of its sentence (a word that names one of them apart names no
other)."""
from __future__ import annotations

import re
from collections.abc import Sequence

from .facts import is_part
from .figure import Figure
from .matching import term_matches
from .question import QuestionAnalysis, subject_words
from .terms import terms


def paragraph_to(fact: Figure, facts: Sequence[Figure]) -> str:
    """The fact's sentence and the sentences with numbers before it in its paragraph (its line); `facts` in the
    order the sheet writes them."""
    said: list[str] = []
    for f in facts:
        if f.sheet == fact.sheet and f.line == fact.line:
            if f.raw not in said:
                said.append(f.raw)
            if f.raw == fact.raw:
                break
    return "".join(said)


def kana_names(a: QuestionAnalysis) -> list[str]:
    """Names the question writes in kana (「みちびき」): words asked, though a kana word may be a verb's (かかっ)."""
    return [t for t in subject_words(a) if re.fullmatch(r"[\u3041-\u309f]{4,}", t) and not t.endswith("っ")]


def unsaid(words: Sequence[str], kana: Sequence[str], fact: Figure, facts: Sequence[Figure]) -> bool:
    """Is a word asked that neither the fact's sentence nor the ones before it in its paragraph say?"""
    said = paragraph_to(fact, facts)
    context = set(terms(said))
    return any(len(t) >= 2 and not term_matches(t, context) for t in words) or any(t not in said for t in kana)


def named_apart(words: Sequence[str], fact: Figure, facts: Sequence[Figure]) -> list[str]:
    """The words asked that name a part the fact's sentence states (its counted noun or qualifier) and not this
    number: 「休日」 of 「…2,400件（平日1,650件、休日750件）と、前年度（2,010件）」 is not said of 2,010. (Other
    counts of the sentence, 「全国32か所の検疫所において…検査を計103,580件」, share its words: not parts of it.)"""
    own = set(terms(f"{fact.subject} {fact.series or ''}"))
    others = [set(terms(f"{f.subject} {f.series or ''}")) for f in facts
              if f.sheet == fact.sheet and f.raw == fact.raw and f is not fact and is_part(f)]
    return [w for w in words if len(w) >= 2 and not term_matches(w, own)
            and any(term_matches(w, other) for other in others)]
