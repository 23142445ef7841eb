"""Hybrid search ranking: dense (FAISS inner product) and keyword (FTS5 BM25 over MeCab terms) candidate
lists, fused by reciprocal rank fusion.

Pure functions: the candidate lists and chunk rows come from `Index` methods, and `Index.search`
composes them (this module does not import the index, so the two do not depend on each other).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .figure import Figure
from .limits import length_problem

RRF_K = 60
CANDIDATES = 50
COMMON = 0.5  # a term in more than half of the chunks does not rank them; leave it out of the query
POSTING_BUDGET = 2000  # chunks the gate's terms may hold together (see keyword_gate)
MAX_TERMS = 12  # query terms matched at most, the rarest


@dataclass
class Hit:
    chunk_id: int
    sheet: str
    section: list[str]
    text: str
    score: float
    first_line: int | None = None
    last_line: int | None = None
    page: int | None = None  # PDF page of the first line, when the sheet was read from a PDF
    figures: list[Figure] = field(default_factory=list)
    dense_rank: int | None = None
    keyword_rank: int | None = None
    similarity: float | None = None  # cosine of the query and chunk embeddings (when the dense search ranked it)

    @property
    def breadcrumb(self) -> str:
        return " › ".join(self.section)

    def to_dict(self) -> dict:
        return {"sheet": self.sheet, "section": self.section, "text": self.text, "score": self.score,
                "chunk_id": self.chunk_id, "lines": [self.first_line, self.last_line], "page": self.page,
                "dense_rank": self.dense_rank, "keyword_rank": self.keyword_rank, "similarity": self.similarity,
                "figures": [f.to_dict() for f in self.figures]}


def check_request(query: object, k: object) -> None:
    """ValueError for a query or k that cannot be searched."""
    if not isinstance(query, str) or not query.strip():
        raise ValueError("query must be a non-empty string")
    if (problem := length_problem(query)) is not None:
        raise ValueError(problem)
    if not isinstance(k, int) or isinstance(k, bool) or k < 1:
        raise ValueError(f"k must be a positive integer, got {k!r}")


def keyword_terms(words: Iterable[str], frequencies: Mapping[str, int], total: int) -> list[str]:
    """The query terms worth matching: those in the index, without terms common to most chunks (unless
    every term is common), at most MAX_TERMS of them, the rarest. `frequencies` is the number of chunks
    holding each term, of `total` chunks."""
    present = [w for w in dict.fromkeys(words) if frequencies.get(w, 0) > 0]
    rare = [w for w in present if frequencies[w] <= COMMON * total] or present
    if len(rare) > MAX_TERMS:
        keep = set(sorted(rare, key=frequencies.__getitem__)[:MAX_TERMS])
        rare = [w for w in rare if w in keep]
    return rare


def keyword_gate(words: Iterable[str], frequencies: Mapping[str, int]) -> list[str]:
    """The rarest terms whose chunks number at most POSTING_BUDGET together (at least the rarest term).

    FTS5 scores every row an OR query matches, so at 1,000 sheets a query with 事業 or 予算 scored
    10,000 rows (20 ms, as long as embedding the query). Only chunks holding a gate term are scored; the
    other terms still add to their BM25. A small corpus fits the budget whole and is ranked as before."""
    gate: list[str] = []
    held = 0
    for w in sorted(dict.fromkeys(words), key=lambda w: frequencies.get(w, 0)):
        if gate and held + frequencies.get(w, 0) > POSTING_BUDGET:
            break
        gate.append(w)
        held += frequencies.get(w, 0)
    return gate


def fuse(*rankings: list[int]) -> dict[int, float]:
    """Reciprocal rank fusion: chunk id → summed 1/(RRF_K + rank)."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, cid in enumerate(ranking):
            scores[cid] = scores.get(cid, 0.0) + 1.0 / (RRF_K + rank + 1)
    return scores


def top(scores: Mapping[int, float], depth: Mapping[int, int], k: int) -> list[int]:
    """The k best chunk ids. Ties (one list ranks A first, the other B) go to the more general section:
    測定指標1-4 itself before its 選定理由 subsection."""
    return sorted(scores, key=lambda c: (-round(scores[c], 9), depth.get(c, 9)))[:k]


def hit_source(h: Hit) -> dict:
    """What an answer cites of a hit (its sheet, section, text, score and page)."""
    return {"sheet": h.sheet, "section": h.section, "text": h.text, "score": h.score, "page": h.page}
