"""Hybrid search: dense (FAISS inner product) and keyword (FTS5 BM25 over MeCab terms), fused by RRF."""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from .figures import Figure
from .terms import terms

RRF_K = 60
CANDIDATES = 50
COMMON = 0.5  # a term in more than half of the chunks does not rank them; leave it out of the query
_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="evalqa-keyword")


@dataclass
class Hit:
    chunk_id: int
    sheet: str
    section: list[str]
    text: str
    score: float
    first_line: int | None = None
    last_line: int | None = None
    figures: list[Figure] = field(default_factory=list)
    dense_rank: int | None = None
    keyword_rank: int | None = None

    @property
    def breadcrumb(self) -> str:
        return " › ".join(self.section)

    def to_dict(self) -> dict:
        return {"sheet": self.sheet, "section": self.section, "text": self.text, "score": self.score,
                "chunk_id": self.chunk_id, "lines": [self.first_line, self.last_line],
                "dense_rank": self.dense_rank, "keyword_rank": self.keyword_rank,
                "figures": [f.to_dict() for f in self.figures]}


def fts_query(text: str) -> str:
    """An FTS5 OR-query of the MeCab terms of a text ("" when it has none)."""
    seen = dict.fromkeys(t.replace('"', '""') for t in terms(text))
    return " OR ".join(f'"{t}"' for t in seen)


def _allowed(index, sheet: str | None, fiscal_year: int | None) -> set[int] | None:
    if sheet is None and fiscal_year is None:
        return None
    sql, params = "SELECT id, fiscal_years FROM chunks WHERE 1=1", []
    if sheet is not None:
        sql += " AND sheet = ?"
        params.append(sheet)
    ids = {cid for cid, years in index.query(sql, tuple(params))
           if fiscal_year is None or fiscal_year in json.loads(years)}
    if fiscal_year is not None:
        # Prose that names the year counts too (「令和2年度には…」).
        ids |= {r[0] for r in index.query("SELECT rowid FROM chunk_terms WHERE chunk_terms MATCH ?", (f'"fy{fiscal_year}"',))
                if sheet is None or r[0] in {c for c, in index.query("SELECT id FROM chunks WHERE sheet = ?", (sheet,))}}
    return ids


def dense_ranking(index, query: str, n: int) -> list[int]:
    if index.vectors.ntotal == 0:
        return []
    q = index.embedder.encode_queries([query])
    _, ids = index.vectors.search(q, min(n, index.vectors.ntotal))
    return [int(i) for i in ids[0] if i >= 0]


def keyword_ranking(index, query: str, n: int) -> list[int]:
    words = list(dict.fromkeys(terms(query)))
    if not words:
        return []
    total = index.vectors.ntotal or 1
    marks = ",".join("?" * len(words))
    df = dict(index.query(f"SELECT term, doc FROM temp.chunk_vocab WHERE term IN ({marks})", tuple(words)))
    rare = [w for w in words if df.get(w, 0) <= COMMON * total and df.get(w, 0) > 0]
    words = rare or [w for w in words if df.get(w, 0) > 0]
    if not words:
        return []
    match = " OR ".join('"' + w.replace('"', '""') + '"' for w in words)
    rows = index.query("SELECT rowid FROM chunk_terms WHERE chunk_terms MATCH ? ORDER BY bm25(chunk_terms) LIMIT ?",
                       (match, n))
    return [r[0] for r in rows]


def hybrid_search(index, query: str, k: int = 5, sheet: str | None = None, fiscal_year: int | None = None,
                  candidates: int = CANDIDATES) -> list[Hit]:
    """Top-k chunks for a query: dense and keyword candidates fused with reciprocal rank fusion."""
    if not isinstance(query, str) or not query.strip():
        raise ValueError("query must be a non-empty string")
    if not isinstance(k, int) or isinstance(k, bool) or k < 1:
        raise ValueError(f"k must be a positive integer, got {k!r}")
    allowed = _allowed(index, sheet, fiscal_year)
    # With a filter, rank everything so the filtered list is not starved.
    n = index.vectors.ntotal if allowed is not None else max(candidates, k)
    # Keyword search runs while the query is embedded (SQLite and the embedder both release the GIL).
    pending = _POOL.submit(keyword_ranking, index, query, n)
    dense = [i for i in dense_ranking(index, query, n) if allowed is None or i in allowed]
    keyword = [i for i in pending.result() if allowed is None or i in allowed]
    scores: dict[int, float] = {}
    for ranking in (dense, keyword):
        for rank, cid in enumerate(ranking):
            scores[cid] = scores.get(cid, 0.0) + 1.0 / (RRF_K + rank + 1)
    if not scores:
        return []
    marks = ",".join("?" * len(scores))
    depth = {r[0]: r[1] for r in index.query(
        f"SELECT id, json_array_length(section) FROM chunks WHERE id IN ({marks})", tuple(scores))}
    # Ties (one list ranks A first, the other B) go to the more general section: 測定指標1-4 itself
    # before its 選定理由 subsection.
    top = sorted(scores, key=lambda c: (-round(scores[c], 9), depth.get(c, 9)))[:k]
    marks = ",".join("?" * len(top))
    rows = {r[0]: r for r in index.query(
        f"SELECT id, sheet, section, text, first_line, last_line FROM chunks WHERE id IN ({marks})", tuple(top))}
    figs = index.chunk_figures(top)
    d_rank = {c: r + 1 for r, c in enumerate(dense)}
    k_rank = {c: r + 1 for r, c in enumerate(keyword)}
    return [Hit(chunk_id=c, sheet=rows[c][1], section=json.loads(rows[c][2]), text=rows[c][3], score=round(scores[c], 6),
                first_line=rows[c][4], last_line=rows[c][5], figures=figs.get(c, []),
                dense_rank=d_rank.get(c), keyword_rank=k_rank.get(c)) for c in top]
