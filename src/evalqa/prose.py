"""Passage answers: the sentences of the search hits that cover the question's words, quoted with their place."""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .question import STOP
from .search import Hit
from .terms import terms

MIN_COVER = 0.5  # share of the question's (IDF-weighted) words a quoted window must carry


@dataclass
class Quote:
    text: str
    hit: Hit
    cover: float


def best_quotes(content: Sequence[str], hits: Sequence[Hit], idf: Callable[[str], float],
                titles: dict[str, str], top: int = 5) -> list[Quote]:
    """Up to two two-sentence windows from the top hits, best first; [] when none covers enough of the question.

    A window is judged with its list heading, its section path and its sheet title, since a sentence
    often leaves its subject to the heading it stands under.
    """
    content = [t for t in content if t not in STOP]
    if not hits or not content:
        return []
    total = sum(idf(t) for t in content)
    scored: list[tuple[float, float, str, Hit]] = []
    for rank, h in enumerate(hits[:top]):
        heading = ""
        place = set(terms(" ".join(h.section))) | set(terms(titles.get(h.sheet) or ""))
        for para in h.text.split("\n"):
            sents = [x.strip() for x in re.split(r"(?<=[。])", para) if x.strip()]
            for i, sent in enumerate(sents):
                if len(sent) < 8 or " | " in sent:
                    continue
                if not sent.endswith("。") and len(sent) <= 40:
                    heading = sent  # a list heading such as 「2 日本人学生等のインターンシップ支援事業」
                    continue
                # Quote (and judge) the sentence with the one after it: the answer often follows its subject.
                quote = sent + (sents[i + 1] if i + 1 < len(sents) and len(sent) < 200 else "")
                st = set(terms(quote)) | set(terms(heading)) | place
                cover = sum(idf(t) for t in content if t in st or any(len(t) >= 2 and t in x for x in st)) / total
                scored.append((cover + 0.15 / (rank + 1), cover, quote, h))
    scored.sort(key=lambda x: -x[0])
    if not scored or scored[0][1] < MIN_COVER:
        return []
    return [Quote(q, h, c) for _, c, q, h in scored[:3] if c >= 0.5 * scored[0][1]][:2]
