"""Answers that are passages: the sentences of the sheets that answer a question asked in words (「…の取組は？」
「なぜ目標に届かなかった？」), quoted with their place; the number a quoted passage states when a count is asked."""
from __future__ import annotations

from collections.abc import Sequence

from . import wording
from .answer import Answer, Frame, refusal
from .prose import best_quotes
from .question import QuestionAnalysis, subject_words
from .search import Hit, hit_source
from .stated import fact_in_passage, stated_answer
from .subjects import SubjectCatalogue


def passage_answer(a: QuestionAnalysis, hits: Sequence[Hit], cat: SubjectCatalogue) -> tuple[Answer, list[Hit]]:
    """The best passages of the hits, quoted and cited (or the number one states, 「何名参加した？」), and the hits
    the answer was drawn from (a 施策 named: its own passages only)."""
    if a.sheets:  # (judged by the words that are not the 施策's name)
        hits = [h for h in hits if h.sheet in a.sheets]
    words = (subject_words(a) or a.content) if a.sheets else a.content
    quotes = best_quotes(words, hits, cat.idf, cat.titles, question=a.normalized, indicators=cat.indicator_names)
    if not quotes:
        return refusal(a.question, wording.NO_PASSAGE), list(hits)
    if (a.counter is not None or a.numeric_cue) and not a.reason:
        # (the passage found is the answer; the number it states, in the unit asked, its figure)
        q = quotes[0]
        there = [f for f in cat.facts if f.sheet == q.hit.sheet and f.section == q.hit.section]
        if (fact := fact_in_passage(a, there, q.text, cat.idf)) is not None:
            return stated_answer(a, fact, cat.sheet_label), list(hits)
    text = "シートには次のように書かれています。\n" + "\n".join(
        f"「{q.text}」\n{wording.cite_hit(q.hit, cat.sheet_label(q.hit.sheet))}" for q in quotes)
    used = list(dict.fromkeys(id(q.hit) for q in quotes))
    sources = [hit_source(h) for h in hits if id(h) in used]
    sources += [hit_source(h) for h in hits[:3] if id(h) not in used]
    return Answer(a.question, text, True, [], sources, "prose", Frame()), list(hits)
