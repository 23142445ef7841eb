"""An opened index generation: every read query of the schema (`evalqa.storage` writes it), and hybrid search.

Search and answering call these methods and write no SQL. Builds are in `evalqa.build`.
"""
from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .ann import read_approximate
from .build import BuildReport, Log, build_index
from .embedding import Embedder, load_embedder
from .figure import Figure
from .search import CANDIDATES, Hit, check_request, fuse, keyword_gate, keyword_terms, top
from .storage import DB, FORMAT_VERSION, VECTORS, IndexFailure, current, index_size, read_manifest
from .terms import terms

__all__ = ["BuildReport", "Index", "IndexFailure", "StoredChunk", "index_size"]

FREQUENCY_CACHE = 200_000  # keyword terms whose chunk counts are remembered (a corpus's vocabulary and more)
# Query embeddings kept (EVALQA_QUERY_CACHE=0 turns the cache off, e.g. to measure cold answers).
QUERY_CACHE = int(os.environ.get("EVALQA_QUERY_CACHE", "2048"))
MAX_POOL = 16  # idle read connections kept
_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="evalqa-keyword")


@dataclass(frozen=True)
class StoredChunk:
    """A chunk as stored: where it is and its text (the embedded document adds title and figures)."""

    id: int
    sheet: str
    section: list[str]
    text: str
    first_line: int | None
    last_line: int | None
    page: int | None = None  # PDF page of the first line

    @property
    def breadcrumb(self) -> str:
        return " › ".join(self.section)


def _phrase(term: str) -> str:
    """An FTS5 query matching one term exactly."""
    return '"' + term.replace('"', '""') + '"'


def _like(word: str) -> str:
    """A LIKE pattern for a substring (LIKE's wildcards in the word are dropped, not escaped)."""
    return "%" + word.replace("%", "").replace("_", "") + "%"


def _connect(generation: Path) -> sqlite3.Connection:
    """Read-only connection, plus a temp view of the FTS vocabulary (document frequency per term)."""
    con = sqlite3.connect(f"file:{generation / DB}?mode=ro", uri=True, check_same_thread=False)
    con.execute("CREATE VIRTUAL TABLE temp.chunk_vocab USING fts5vocab(main, chunk_terms, row)")
    return con


class Index:
    """An opened index generation. `Index.build(corpus, index)` builds then opens; `Index.open(index)` opens."""

    def __init__(self, path: Path, generation: Path, manifest: dict, model: str | None = None):
        import faiss

        # FAISS's OpenMP workers spin after a search and slow the next query embedding (measured: a
        # 10 ms embedding became 20 ms); a flat search over these indexes takes microseconds on one thread.
        faiss.omp_set_num_threads(1)

        self.path = path
        self.generation = generation
        self.manifest = manifest
        self._model = model
        self._embedder: Embedder | None = None
        self._lock = threading.Lock()  # guards the swap of generation, the connection list and the cache
        self._query_cache: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        # Chunks per keyword term, of this generation: fts5vocab counts a term by walking its postings
        # (0.5 ms for a term in 4,000 chunks), and questions repeat their terms.
        self._frequencies: dict[str, int] = {}
        # Read-only SQLite connections, checked out per query from a pool of the live generation: the
        # server's threads read side by side, and the pool holds no more connections than ever ran at once
        # (worker threads come and go; a connection per thread would leak). The anchor, opened now, keeps
        # the generation readable after a build deletes its folder: then queries go through it, one at a time.
        self._anchor = _connect(generation)
        self._anchor_lock = threading.Lock()
        self._pool: list[sqlite3.Connection] = []
        self._refreshing = threading.Lock()
        self._looked = 0.0  # when `refresh` last read the CURRENT pointer (monotonic seconds)
        self.vectors = faiss.read_index(str(generation / VECTORS))
        self.approximate = read_approximate(generation)  # HNSW for large indexes (see evalqa.ann), else None
        self.last_build: BuildReport | None = None

    # --- opening and building ------------------------------------------------------------------
    @classmethod
    def open(cls, index_dir: str | Path = "index", model: str | None = None) -> Index:
        """Open the live generation. With `model`, it must be the model the index was built with."""
        index_dir = Path(index_dir)
        gen = current(index_dir)
        if gen is None:
            raise IndexFailure(f"{index_dir}: no index here; build one with `evalqa build --index {index_dir}`")
        manifest = read_manifest(gen)
        if manifest.get("format") != FORMAT_VERSION:
            raise IndexFailure(f"{index_dir}: index format {manifest.get('format')} is not {FORMAT_VERSION}; "
                               "rebuild it with `evalqa build`")
        idx = cls(index_dir, gen, manifest, model)
        if model is not None:
            want = manifest["embedder"]["id"]
            got = idx.embedder.id
            if got != want:
                idx.close()
                raise IndexFailure(
                    f"{index_dir} was built with embedder {want!r}; it cannot be searched with {got!r}. "
                    f"Open it without a model, or rebuild it: evalqa build --model {model}")
        return idx

    @classmethod
    def build(cls, corpus: str | Path = "corpus", index_dir: str | Path = "index", model: str | None = None,
              *, progress: bool = True, log: Log | None = None) -> Index:
        report = build_index(corpus, index_dir, model, progress=progress, log=log)
        idx = cls.open(index_dir)
        idx.last_build = report
        return idx

    def refresh(self, max_age: float = 0.0) -> bool:
        """Switch to a newer generation if a build has made one; True if switched. With `max_age`, the
        CURRENT pointer is read again only when the last look is older than that many seconds."""
        now = time.monotonic()
        if max_age and now - self._looked < max_age:
            return False
        self._looked = now
        gen = current(self.path)
        if gen is None or gen == self.generation:
            return False
        with self._refreshing:  # one thread opens the new generation; the others find it done
            if current(self.path) == self.generation:
                return False
            fresh = Index.open(self.path)
            with self._lock, self._anchor_lock:
                old_anchor, old_pool = self._anchor, self._pool
                self.generation, self.manifest, self.vectors = fresh.generation, fresh.manifest, fresh.vectors
                self.approximate, self._anchor, self._pool = fresh.approximate, fresh._anchor, []
                self._frequencies = {}
                if self._embedder is not None and self._embedder.id != self.manifest["embedder"]["id"]:
                    self._embedder = None
                old_anchor.close()
            for con in old_pool:
                con.close()
        return True

    def close(self) -> None:
        with self._lock, self._anchor_lock:
            for con in self._pool:
                con.close()
            self._pool.clear()
            self._anchor.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- sheets and figures ---------------------------------------------------------------------
    @property
    def embedder(self) -> Embedder:
        """The embedder the index was built with (loaded on first use)."""
        if self._embedder is None:
            with self._refreshing:  # concurrent first questions load one model, not one each
                if self._embedder is None:
                    self._embedder = load_embedder(self._model or self.manifest["embedder"]["name"])
        return self._embedder

    def _rows(self, sql: str, params: tuple | list = ()) -> list[Any]:
        generation = self.generation
        with self._lock:
            con = self._pool.pop() if self._pool else None
        if con is None:
            try:
                con = _connect(generation)
            except sqlite3.OperationalError:  # the generation's folder is gone: read through the anchor
                with self._anchor_lock:
                    return self._anchor.execute(sql, params).fetchall()
        try:
            return con.execute(sql, params).fetchall()
        finally:
            with self._lock:
                # Back to the pool only if no refresh switched generations meanwhile (refresh empties it).
                if generation == self.generation and len(self._pool) < MAX_POOL:
                    self._pool.append(con)
                    con = None
            if con is not None:
                con.close()

    def passage_keys(self) -> set[bytes]:
        """The embedding-cache keys of every chunk. Raises IndexFailure when some chunk has none (it was
        indexed before the cache existed), since collecting then would drop live vectors."""
        try:
            keys = {k for (k,) in self._rows("SELECT key FROM passages")}
        except sqlite3.OperationalError:
            keys = set()
        chunks = self._rows("SELECT count(*) FROM chunks")[0][0]
        if len(keys) < chunks:
            raise IndexFailure(f"{self.path}: {chunks - len(keys)} chunks were indexed before the embedding cache "
                               "existed; rebuild them (remove index/ and run `evalqa build`) before collecting")
        return keys

    def stats(self) -> dict:
        return {**self.manifest["counts"], "generation": self.generation.name,
                "embedder": self.manifest["embedder"]["id"]}

    def table_counts(self) -> dict[str, int]:
        """Rows per table (chunk_terms as "fts"), to check that SQLite, FTS and FAISS agree."""
        tables = {"sheets": "sheets", "chunks": "chunks", "figures": "figures", "chunk_figures": "chunk_figures",
                  "fts": "chunk_terms"}
        return {name: self._rows(f"SELECT count(*) FROM {table}")[0][0] for name, table in tables.items()}

    def sheets(self) -> list[dict]:
        rows = self._rows("SELECT id, path, sha256, metadata, n_figures, n_chunks, warnings, indexed_at "
                          "FROM sheets ORDER BY id")
        return [{"id": r[0], "path": r[1], "sha256": r[2], "metadata": json.loads(r[3]), "figures": r[4],
                 "chunks": r[5], "warnings": json.loads(r[6]), "indexed_at": r[7]} for r in rows]

    def figures(self, sheet: str | None = None) -> list[Figure]:
        """All figures (of one sheet), in sheet order."""
        sql = "SELECT json FROM figures" + (" WHERE sheet = ?" if sheet else "") + " ORDER BY sheet, ord"
        return [Figure.from_dict(json.loads(r[0])) for r in self._rows(sql, (sheet,) if sheet else ())]

    def facts(self, sheet: str | None = None) -> list[Figure]:
        """Numbers stated in sentences (measure 本文記載), of one sheet or all, in sheet order."""
        sql = "SELECT json FROM facts" + (" WHERE sheet = ?" if sheet else "") + " ORDER BY sheet, ord"
        return [Figure.from_dict(json.loads(r[0])) for r in self._rows(sql, (sheet,) if sheet else ())]

    def chunk_figures(self, chunk_ids: list[int]) -> dict[int, list[Figure]]:
        """The figures whose cells lie in each chunk, in sheet order."""
        if not chunk_ids:
            return {}
        marks = ",".join("?" * len(chunk_ids))
        rows = self._rows(f"SELECT cf.chunk_id, f.json FROM chunk_figures cf JOIN figures f ON f.id = cf.figure_id "
                          f"WHERE cf.chunk_id IN ({marks}) ORDER BY f.ord", tuple(chunk_ids))
        out: dict[int, list[Figure]] = {i: [] for i in chunk_ids}
        for cid, js in rows:
            out[cid].append(Figure.from_dict(json.loads(js)))
        return out

    # --- chunks ---------------------------------------------------------------------------------
    def chunks(self, chunk_ids: list[int]) -> dict[int, StoredChunk]:
        """Chunk rows by id (ids not in the index are left out)."""
        if not chunk_ids:
            return {}
        marks = ",".join("?" * len(chunk_ids))
        rows = self._rows(f"SELECT id, sheet, section, text, first_line, last_line, page FROM chunks "
                          f"WHERE id IN ({marks})", tuple(chunk_ids))
        return {r[0]: StoredChunk(r[0], r[1], json.loads(r[2]), r[3], r[4], r[5], r[6]) for r in rows}

    def section_depths(self, chunk_ids: list[int]) -> dict[int, int]:
        """How deep each chunk's section is in its sheet's section tree (1 = top level)."""
        if not chunk_ids:
            return {}
        marks = ",".join("?" * len(chunk_ids))
        return dict(self._rows(f"SELECT id, json_array_length(section) FROM chunks WHERE id IN ({marks})",
                               tuple(chunk_ids)))

    def chunk_ids(self, sheet: str | None = None, fiscal_year: int | None = None) -> set[int]:
        """Ids of the chunks of a sheet and/or about a fiscal year: holding a figure of that year, in a
        section of that year, or naming it in prose (「令和2年度には…」). Two statements, whatever the size."""
        where, params = ("WHERE sheet = ?", (sheet,)) if sheet is not None else ("", ())
        ids = {cid for cid, years in self._rows(f"SELECT id, fiscal_years FROM chunks {where}", params)
               if fiscal_year is None or fiscal_year in json.loads(years)}
        if fiscal_year is not None:
            sql = "SELECT rowid FROM chunk_terms WHERE chunk_terms MATCH ?"
            if sheet is not None:
                sql += " AND rowid IN (SELECT id FROM chunks WHERE sheet = ?)"
            ids |= {r[0] for r in self._rows(sql, (_phrase(f"fy{fiscal_year}"),) + params)}
        return ids

    def chunk_at(self, sheet: str, section: list[str], line: int) -> tuple[int, str] | None:
        """(chunk id, text) of the chunk of exactly that section whose lines hold `line`, or None."""
        rows = self._rows("SELECT id, text FROM chunks WHERE sheet = ? AND section = ? AND first_line <= ? "
                          "AND last_line >= ? ORDER BY id LIMIT 1",
                          (sheet, json.dumps(section, ensure_ascii=False), line, line))
        return (rows[0][0], rows[0][1]) if rows else None

    # --- words ----------------------------------------------------------------------------------
    def mentions(self, term: str, whole: bool = False) -> bool:
        """Is the term anywhere in the corpus: a keyword term of some chunk, else (unless `whole`: 「フォー」 is
        not written in 「フォーラム」) a substring of a chunk's text or breadcrumb?"""
        if self._rows("SELECT 1 FROM chunk_terms WHERE chunk_terms MATCH ? LIMIT 1", (_phrase(term),)):
            return True
        if whole:
            return False
        like = _like(term)
        return bool(self._rows("SELECT 1 FROM chunks WHERE text LIKE ? OR breadcrumb LIKE ? LIMIT 1", (like, like)))

    def section_mentions(self, sheet: str, section: list[str], word: str) -> bool:
        """Is the word in the text or breadcrumb of a chunk of that section of the sheet or of its subsections?"""
        prefix = json.dumps(section, ensure_ascii=False)[:-1] + "%"  # '["a","b"' matches ["a","b"] and ["a","b",…]
        like = _like(word)
        return bool(self._rows("SELECT 1 FROM chunks WHERE sheet = ? AND section LIKE ? "
                               "AND (text LIKE ? OR breadcrumb LIKE ?) LIMIT 1", (sheet, prefix, like, like)))

    def document_frequencies(self, words: list[str]) -> dict[str, int]:
        """Number of chunks holding each keyword term (terms in no chunk are left out)."""
        if not words:
            return {}
        generation, known = self.generation, self._frequencies
        missing = [w for w in dict.fromkeys(words) if w not in known]
        found: dict[str, int] = {}
        if missing:
            marks = ",".join("?" * len(missing))
            found = dict(self._rows(f"SELECT term, doc FROM temp.chunk_vocab WHERE term IN ({marks})", tuple(missing)))
            with self._lock:
                # Only into this generation's counts: a refresh meanwhile started a new, empty dict.
                if self.generation == generation and self._frequencies is known:
                    if len(known) > FREQUENCY_CACHE:
                        self._frequencies = known = {}
                    known.update({w: found.get(w, 0) for w in missing})
        return {w: n for w in words if (n := found.get(w, known.get(w, 0))) > 0}

    # --- search ---------------------------------------------------------------------------------
    def keyword_ranking(self, query: str, n: int) -> list[int]:
        """Up to n chunk ids by BM25 over the query's MeCab terms (without terms common to most chunks)."""
        words = list(dict.fromkeys(terms(query)))
        frequencies = self.document_frequencies(words)
        words = keyword_terms(words, frequencies, self.vectors.ntotal or 1)
        if not words:
            return []
        gate = keyword_gate(words, frequencies)
        rest = [w for w in words if w not in gate]
        match = " OR ".join(_phrase(w) for w in gate)
        if rest:  # the gate's terms stand twice, so BM25 weighs them twice: the rare words lead the order
            match = f"({match}) AND ({match} OR {' OR '.join(_phrase(w) for w in rest)})"
        return [r[0] for r in self._rows(
            "SELECT rowid FROM chunk_terms WHERE chunk_terms MATCH ? ORDER BY bm25(chunk_terms) LIMIT ?", (match, n))]

    def dense_ranking(self, query: str, n: int, exact: bool = False) -> list[tuple[int, float]]:
        """Up to n (chunk id, cosine similarity) pairs, best first: the query embedding against the chunks'.
        A large index answers from its HNSW graph unless `exact` (a filtered search ranks everything)."""
        vectors = self.vectors if exact or self.approximate is None else self.approximate
        if vectors.ntotal == 0:
            return []
        q = self.query_vector(query)
        sims, ids = vectors.search(q, min(n, vectors.ntotal))
        return [(int(i), float(s)) for i, s in zip(ids[0], sims[0], strict=True) if i >= 0]

    def query_vector(self, query: str) -> np.ndarray:
        """The query's embedding, from a small LRU cache: embedding is nearly all of an answer's time (about
        25 ms of 30), and a team asks the same questions again (examples, re-asked turns, other users)."""
        embedder = self.embedder
        key = (embedder.id, query)
        with self._lock:
            hit = self._query_cache.get(key)
            if hit is not None:
                self._query_cache.move_to_end(key)
                return hit
        q = embedder.encode_queries([query])
        if QUERY_CACHE > 0:
            with self._lock:
                self._query_cache[key] = q
                while len(self._query_cache) > QUERY_CACHE:
                    self._query_cache.popitem(last=False)
        return q

    def search(self, query: str, k: int = 5, sheet: str | None = None, fiscal_year: int | None = None,
               candidates: int = CANDIDATES, keywords: str | None = None) -> list[Hit]:
        """Top-k chunks for a query: dense and MeCab keyword candidates fused with reciprocal rank fusion,
        optionally only of one sheet and/or about one fiscal year; `keywords`: the query in the sheets' words."""
        check_request(query, k)
        allowed = None if sheet is None and fiscal_year is None else self.chunk_ids(sheet, fiscal_year)
        # With a filter, rank everything so the filtered list is not starved.
        n = self.vectors.ntotal if allowed is not None else max(candidates, k)
        # Keyword search runs while the query is embedded (SQLite and the embedder both release the GIL).
        pending = _POOL.submit(self.keyword_ranking, keywords or query, n)
        ranked = [(i, s) for i, s in self.dense_ranking(query, n, exact=allowed is not None)
                  if allowed is None or i in allowed]
        dense, similarity = [i for i, _ in ranked], dict(ranked)
        keyword = [i for i in pending.result() if allowed is None or i in allowed]
        # (the sheets' words find the passages the other words' embedding misses: both rankings count)
        scores = fuse(dense, keyword, *([[i for i, _ in self.dense_ranking(keywords, n, exact=allowed is not None)
                                          if allowed is None or i in allowed]] if keywords else []))
        if not scores:
            return []
        # Depths only break ties at the cut, so only the chunks scoring at least the k-th are looked up.
        cut = sorted((round(v, 9) for v in scores.values()), reverse=True)[min(k, len(scores)) - 1]
        contenders = [c for c, v in scores.items() if round(v, 9) >= cut]
        best = top({c: scores[c] for c in contenders}, self.section_depths(contenders), k)
        rows, figs = self.chunks(best), self.chunk_figures(best)
        best = [c for c in best if c in rows]  # a refresh between the rankings and this read: drop strays
        d_rank = {c: r + 1 for r, c in enumerate(dense)}
        k_rank = {c: r + 1 for r, c in enumerate(keyword)}
        return [Hit(chunk_id=c, sheet=rows[c].sheet, section=rows[c].section, text=rows[c].text,
                    score=round(scores[c], 6), first_line=rows[c].first_line, last_line=rows[c].last_line,
                    page=rows[c].page, figures=figs.get(c, []), dense_rank=d_rank.get(c),
                    keyword_rank=k_rank.get(c), similarity=similarity.get(c)) for c in best]

