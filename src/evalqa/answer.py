"""The records answering produces: an `Answer`, and the `Frame` a conversation carries to its next turn."""
from __future__ import annotations

from dataclasses import dataclass, field

from .figure import Figure
from .limits import MAX_QUESTION_CHARS, length_problem
from .subject import Subject


@dataclass
class Frame:
    """What a conversation turn was about; a follow-up inherits it and replaces what it names."""

    subject: Subject | None = None
    years: list[int] = field(default_factory=list)
    family: str | None = None
    series: str | None = None
    trend: bool = False
    inherited_family: bool = False  # the kind of value came from the previous turn, not from this question
    against_target: bool = False  # the turn compared a year's 実績 with its target: 「その前の年は？」 does again
    fact: Figure | None = None  # a number a sentence states, answered with no subject: its sheet stays in focus
    before: Frame | None = None  # the turn before's frame (「両方足すと」 adds the two), itself without a before


@dataclass
class Answer:
    """One answer: its text, whether the corpus held it, the figures it states and the passages behind it."""

    question: str
    text: str
    found: bool
    figures: list[Figure] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    kind: str = "numeric"  # numeric | stated | trend | comparison | ranking | count | list | prose | metadata | refusal
    frame: Frame | None = None
    # Figures whose passages are the sources (the stated values, not their companions); not in to_dict.
    cited: list[Figure] = field(default_factory=list, repr=False)

    def to_dict(self) -> dict:
        return {"question": self.question, "answer": self.text, "found": self.found,
                "figures": [f.to_dict() for f in self.figures], "sources": self.sources, "kind": self.kind}


def refusal(question: str, text: str, frame: Frame | None = None) -> Answer:
    """An answer that says the corpus does not hold what was asked (no figures, ever)."""
    return Answer(question, text, False, [], [], "refusal", frame)


def question_refusal(question: object) -> Answer | None:
    """The refusal for a question over the length cap (kind `limit`, no work done), else None."""
    problem = length_problem(question)
    if problem is None:
        return None
    assert isinstance(question, str)
    return Answer(question[:MAX_QUESTION_CHARS] + "…", problem, False, [], [], "limit")
