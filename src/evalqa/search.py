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
POSTING_CAP = 5000  # chunks a matched term may hold (while rarer terms are in the query)
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
    every term is common). `frequencies` is the number of chunks holding each term, of `total` chunks.

    Bounded for large corpora: FTS5 scores every row a term matches, so terms in more than POSTING_CAP
    chunks are left out while rarer ones remain, and at most MAX_TERMS terms are kept, the rarest first."""
    present = [w for w in dict.fromkeys(words) if frequencies.get(w, 0) > 0]
    rare = [w for w in present if frequencies[w] <= COMMON * total] or present
    bounded = [w for w in rare if frequencies[w] <= POSTING_CAP] or sorted(rare, key=frequencies.__getitem__)[:1]
    if len(bounded) > MAX_TERMS:
        keep = set(sorted(bounded, key=frequencies.__getitem__)[:MAX_TERMS])
        bounded = [w for w in bounded if w in keep]
    return bounded


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
