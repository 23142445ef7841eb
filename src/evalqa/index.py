"""The index on disk: SQLite (sheets, chunks, figures, FTS5 over MeCab terms) + FAISS, per generation.

Layout of an index folder::

    index/CURRENT              name of the live generation (replaced atomically)
    index/gen-000007/          evalqa.sqlite, vectors.faiss, manifest.json
    index/gen-000008.tmp/      a build in progress (ignored by readers, removed by the next build)

A build copies the live generation into a new one, applies the changes (only added or changed sheets are
parsed, chunked and embedded), then switches CURRENT. A crash at any point leaves the previous
generation live and consistent; readers that opened it keep working while a new one is built.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import sqlite3
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterator

import numpy as np

from .chunking import chunk_sheet
from .embedding import Embedder, load_embedder
from .figures import Figure
from .sheet import Sheet, SheetError, load_sheet
from .terms import terms

FORMAT_VERSION = 1
DB, VECTORS, MANIFEST, CURRENT, LOCK = "evalqa.sqlite", "vectors.faiss", "manifest.json", "CURRENT", ".build.lock"
SHEET_SUFFIXES = {".txt"}

SCHEMA = """
CREATE TABLE sheets(
    id TEXT PRIMARY KEY, path TEXT NOT NULL, sha256 TEXT NOT NULL, metadata TEXT NOT NULL,
    n_figures INTEGER NOT NULL, n_chunks INTEGER NOT NULL, warnings TEXT NOT NULL, indexed_at REAL NOT NULL);
CREATE TABLE chunks(
    id INTEGER PRIMARY KEY AUTOINCREMENT, sheet TEXT NOT NULL REFERENCES sheets(id), ord INTEGER NOT NULL,
    section TEXT NOT NULL, breadcrumb TEXT NOT NULL, text TEXT NOT NULL, first_line INTEGER, last_line INTEGER,
    tokens INTEGER NOT NULL, fiscal_years TEXT NOT NULL);
CREATE INDEX chunks_sheet ON chunks(sheet);
CREATE TABLE figures(
    id INTEGER PRIMARY KEY AUTOINCREMENT, sheet TEXT NOT NULL REFERENCES sheets(id), ord INTEGER NOT NULL,
    section TEXT NOT NULL, subject TEXT NOT NULL, series TEXT, measure TEXT NOT NULL, fiscal_year INTEGER,
    year_label TEXT, value REAL, unit TEXT, raw TEXT NOT NULL, line INTEGER, json TEXT NOT NULL);
CREATE INDEX figures_sheet ON figures(sheet);
CREATE INDEX figures_subject ON figures(subject, measure, fiscal_year);
CREATE TABLE chunk_figures(chunk_id INTEGER NOT NULL, figure_id INTEGER NOT NULL, PRIMARY KEY(chunk_id, figure_id));
CREATE VIRTUAL TABLE chunk_terms USING fts5(terms, tokenize = 'unicode61 remove_diacritics 0');
"""


class IndexFailure(RuntimeError):
    """An index that cannot be opened or built as asked; the message says why and what to do."""


@dataclass
class BuildReport:
    """What a build did, sheet by sheet."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # sheet id → reason (previous version kept if any)
    kept: list[str] = field(default_factory=list)  # failed sheets whose previously indexed version stays
    generation: str | None = None
    rebuilt: bool = False  # everything re-embedded (new index, new model or new format)
    chunks_embedded: int = 0
    seconds: float = 0.0
    embed_seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def lines(self) -> list[str]:
        out = []
        for label, names in (("added", self.added), ("updated", self.updated), ("removed", self.removed),
                             ("unchanged", self.unchanged)):
            out.append(f"{label:9} {len(names):3}  {', '.join(names)}".rstrip())
        for sid, reason in self.failed.items():
            kept = " (previous version kept)" if sid in self.kept else ""
            out.append(f"failed      1  {sid}: {reason}{kept}")
        gen = self.generation or "(no change)"
        out.append(f"index     {gen}: {self.chunks_embedded} chunks embedded in {self.embed_seconds:.1f}s, "
                   f"build {self.seconds:.1f}s" + (" (full rebuild)" if self.rebuilt else ""))
        return out

    def to_dict(self) -> dict:
        return asdict(self)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def sheet_files(corpus: Path) -> dict[str, Path]:
    """Sheet files of a corpus folder by sheet id (file stem)."""
    out: dict[str, Path] = {}
    for p in sorted(corpus.iterdir()):
        if p.is_file() and p.suffix.lower() in SHEET_SUFFIXES and not p.name.startswith("."):
            out.setdefault(p.stem, p)
    return out


def _current(index_dir: Path) -> Path | None:
    try:
        name = (index_dir / CURRENT).read_text().strip()
    except FileNotFoundError:
        return None
    gen = index_dir / name
    return gen if (gen / MANIFEST).exists() else None


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as f:
        os.fsync(f.fileno())


@contextlib.contextmanager
def _build_lock(index_dir: Path) -> Iterator[None]:
    with open(index_dir / LOCK, "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def _read_manifest(gen: Path) -> dict:
    return json.loads((gen / MANIFEST).read_text())


def build_index(corpus: str | Path, index_dir: str | Path, model: str | None = None, *,
                progress: bool = True, log=None) -> BuildReport:
    """Create or incrementally update the index in `index_dir` from the sheets in `corpus`.

    Content hashes decide: only added or changed sheets are parsed, chunked and embedded; removed
    sheets disappear from every table and from FAISS. A sheet that fails to parse is reported and
    skipped (its previously indexed version, if any, is kept). Nothing changes → no new generation.
    """
    import faiss

    t0 = time.perf_counter()
    corpus, index_dir = Path(corpus), Path(index_dir)
    if not corpus.is_dir():
        raise IndexFailure(f"{corpus}: corpus folder not found")
    index_dir.mkdir(parents=True, exist_ok=True)
    report = BuildReport()
    with _build_lock(index_dir):
        prev = _current(index_dir)
        manifest = _read_manifest(prev) if prev else None
        embedder = load_embedder(model or (manifest["embedder"]["name"] if manifest else None))
        full = (manifest is None or manifest.get("format") != FORMAT_VERSION
                or manifest["embedder"]["id"] != embedder.id)
        report.rebuilt = full

        files = sheet_files(corpus)
        hashes = {sid: sha256_file(p) for sid, p in files.items()}
        old: dict[str, str] = {}
        if prev is not None:
            with contextlib.closing(sqlite3.connect(prev / DB)) as con:
                old = dict(con.execute("SELECT id, sha256 FROM sheets"))
        report.removed = sorted(set(old) - set(hashes))
        todo = sorted(hashes) if full else sorted(s for s in hashes if old.get(s) != hashes[s])
        report.unchanged = sorted(s for s in hashes if s not in todo)
        if not todo and not report.removed:
            report.seconds = time.perf_counter() - t0
            return report

        parsed: dict[str, Sheet] = {}
        for sid in todo:
            try:
                parsed[sid] = load_sheet(files[sid], sheet_id=sid)
            except SheetError as e:
                report.failed[sid] = e.reason
                if sid in old and not full:
                    report.kept.append(sid)
                if log:
                    log(f"evalqa: error: {e}" + (" (previous version kept)" if sid in report.kept else ""))
        for sid in parsed:
            (report.updated if sid in old else report.added).append(sid)
        if not parsed and not report.removed and not full:
            report.seconds = time.perf_counter() - t0
            return report

        existing = [p.name for p in index_dir.glob("gen-*")]
        n = max([int(x[4:10]) for x in existing if x[4:10].isdigit()] + [0]) + 1
        tmp = index_dir / f"gen-{n:06d}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        con = sqlite3.connect(tmp / DB)
        if full:
            con.executescript(SCHEMA)
            vectors = faiss.IndexIDMap2(faiss.IndexFlatIP(embedder.dim))
        else:
            with contextlib.closing(sqlite3.connect(prev / DB)) as src:
                src.backup(con)
            vectors = faiss.read_index(str(prev / VECTORS))

        drop = set(report.removed) | set(parsed) | (set(old) if full else set())
        for sid in sorted(drop):
            ids = [r[0] for r in con.execute("SELECT id FROM chunks WHERE sheet = ?", (sid,))]
            if ids:
                vectors.remove_ids(np.array(ids, dtype="int64"))
                con.executemany("DELETE FROM chunk_terms WHERE rowid = ?", [(i,) for i in ids])
                con.executemany("DELETE FROM chunk_figures WHERE chunk_id = ?", [(i,) for i in ids])
            for table in ("chunks", "figures", "sheets"):
                con.execute(f"DELETE FROM {table} WHERE {'id' if table == 'sheets' else 'sheet'} = ?", (sid,))

        chunks = [(sid, c) for sid in parsed for c in chunk_sheet(parsed[sid])]
        t_embed = time.perf_counter()
        matrix = embedder.encode_documents([c.document for _, c in chunks], progress=progress)
        report.embed_seconds = time.perf_counter() - t_embed
        report.chunks_embedded = len(chunks)

        now = time.time()
        figure_ids: dict[str, list[int]] = {}
        for sid, sheet in parsed.items():
            n_chunks = sum(1 for s, _ in chunks if s == sid)
            con.execute("INSERT INTO sheets VALUES (?,?,?,?,?,?,?,?)",
                        (sid, str(files[sid]), hashes[sid], json.dumps(sheet.metadata, ensure_ascii=False),
                         len(sheet.figures), n_chunks, json.dumps(sheet.warnings, ensure_ascii=False), now))
            ids = []
            for i, f in enumerate(sheet.figures):
                cur = con.execute(
                    "INSERT INTO figures(sheet, ord, section, subject, series, measure, fiscal_year, year_label,"
                    " value, unit, raw, line, json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (sid, i, json.dumps(f.section, ensure_ascii=False), f.subject, f.series, f.measure,
                     f.fiscal_year, f.year_label, f.value, f.unit, f.raw, f.line,
                     json.dumps(f.to_dict(), ensure_ascii=False)))
                ids.append(cur.lastrowid)
            figure_ids[sid] = ids
        chunk_ids = []
        for ordinal, (sid, c) in enumerate(chunks):
            era = parsed[sid].era
            cur = con.execute(
                "INSERT INTO chunks(sheet, ord, section, breadcrumb, text, first_line, last_line, tokens, fiscal_years)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                (sid, ordinal, json.dumps(c.section, ensure_ascii=False), c.breadcrumb, c.text, c.first_line,
                 c.last_line, c.tokens, json.dumps(c.fiscal_years)))
            cid = cur.lastrowid
            chunk_ids.append(cid)
            con.execute("INSERT INTO chunk_terms(rowid, terms) VALUES (?, ?)", (cid, " ".join(terms(c.document, era))))
            con.executemany("INSERT INTO chunk_figures VALUES (?, ?)", [(cid, figure_ids[sid][i]) for i in c.figures])
        if chunks:
            vectors.add_with_ids(matrix, np.array(chunk_ids, dtype="int64"))
        counts = dict(zip(("sheets", "chunks", "figures"),
                          (con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("sheets", "chunks", "figures"))))
        con.commit()
        con.close()
        if vectors.ntotal != counts["chunks"]:
            shutil.rmtree(tmp, ignore_errors=True)
            raise IndexFailure(f"{index_dir}: internal error: {vectors.ntotal} vectors for {counts['chunks']} chunks; "
                               "the previous index is untouched")
        faiss.write_index(vectors, str(tmp / VECTORS))
        (tmp / MANIFEST).write_text(json.dumps({
            "format": FORMAT_VERSION,
            "embedder": {"id": embedder.id, "name": embedder.name, "dim": embedder.dim},
            "counts": counts,
            "built_at": now,
            "corpus": str(corpus),
        }, ensure_ascii=False, indent=1))
        for f in (DB, VECTORS, MANIFEST):
            _fsync_file(tmp / f)
        final = index_dir / f"gen-{n:06d}"
        os.rename(tmp, final)
        _fsync_dir(index_dir)
        pointer = index_dir / (CURRENT + ".tmp")
        pointer.write_text(final.name + "\n")
        _fsync_file(pointer)
        os.replace(pointer, index_dir / CURRENT)  # the switch: atomic
        _fsync_dir(index_dir)
        report.generation = final.name
        # Keep the previous generation for readers that still have it open; drop older ones.
        keep = {final.name} | ({prev.name} if prev else set())
        for p in index_dir.glob("gen-*"):
            if p.name not in keep:
                shutil.rmtree(p, ignore_errors=True)
    report.seconds = time.perf_counter() - t0
    return report


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
        self._lock = threading.Lock()
        self._con = _connect(generation)
        self.vectors = faiss.read_index(str(generation / VECTORS))
        self.last_build: BuildReport | None = None

    # --- opening and building ------------------------------------------------------------------
    @classmethod
    def open(cls, index_dir: str | Path = "index", model: str | None = None) -> "Index":
        """Open the live generation. With `model`, it must be the model the index was built with."""
        index_dir = Path(index_dir)
        gen = _current(index_dir)
        if gen is None:
            raise IndexFailure(f"{index_dir}: no index here; build one with `evalqa build --index {index_dir}`")
        manifest = _read_manifest(gen)
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
              *, progress: bool = True, log=None) -> "Index":
        report = build_index(corpus, index_dir, model, progress=progress, log=log)
        idx = cls.open(index_dir)
        idx.last_build = report
        return idx

    def refresh(self) -> bool:
        """Switch to a newer generation if a build has made one; True if switched."""
        gen = _current(self.path)
        if gen is None or gen == self.generation:
            return False
        fresh = Index.open(self.path)
        with self._lock:
            old_con = self._con
            self.generation, self.manifest, self._con, self.vectors = fresh.generation, fresh.manifest, fresh._con, fresh.vectors
            if self._embedder is not None and self._embedder.id != self.manifest["embedder"]["id"]:
                self._embedder = None
        old_con.close()
        return True

    def close(self) -> None:
        with self._lock:
            self._con.close()

    def __enter__(self) -> "Index":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- reading --------------------------------------------------------------------------------
    @property
    def embedder(self) -> Embedder:
        """The embedder the index was built with (loaded on first use)."""
        if self._embedder is None:
            self._embedder = load_embedder(self._model or self.manifest["embedder"]["name"])
        return self._embedder

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._con.execute(sql, params).fetchall()

    def sheets(self) -> list[dict]:
        rows = self.query("SELECT id, path, sha256, metadata, n_figures, n_chunks, warnings, indexed_at FROM sheets ORDER BY id")
        return [{"id": r[0], "path": r[1], "sha256": r[2], **{"metadata": json.loads(r[3])}, "figures": r[4],
                 "chunks": r[5], "warnings": json.loads(r[6]), "indexed_at": r[7]} for r in rows]

    def figures(self, sheet: str | None = None) -> list[Figure]:
        """All figures (of one sheet), in sheet order."""
        sql = "SELECT json FROM figures" + (" WHERE sheet = ?" if sheet else "") + " ORDER BY sheet, ord"
        return [Figure.from_dict(json.loads(r[0])) for r in self.query(sql, (sheet,) if sheet else ())]

    def chunk_figures(self, chunk_ids: list[int]) -> dict[int, list[Figure]]:
        if not chunk_ids:
            return {}
        marks = ",".join("?" * len(chunk_ids))
        rows = self.query(f"SELECT cf.chunk_id, f.json FROM chunk_figures cf JOIN figures f ON f.id = cf.figure_id "
                          f"WHERE cf.chunk_id IN ({marks}) ORDER BY f.ord", tuple(chunk_ids))
        out: dict[int, list[Figure]] = {i: [] for i in chunk_ids}
        for cid, js in rows:
            out[cid].append(Figure.from_dict(json.loads(js)))
        return out

    def stats(self) -> dict:
        return {**self.manifest["counts"], "generation": self.generation.name, "embedder": self.manifest["embedder"]["id"]}

    def search(self, query: str, k: int = 5, sheet: str | None = None, fiscal_year: int | None = None):
        """Hybrid (dense + MeCab keyword, RRF-fused) search; see `evalqa.search.hybrid_search`."""
        from .search import hybrid_search

        return hybrid_search(self, query, k=k, sheet=sheet, fiscal_year=fiscal_year)


def index_size(index_dir: str | Path) -> int:
    """Bytes on disk of the live generation."""
    gen = _current(Path(index_dir))
    return sum(p.stat().st_size for p in gen.iterdir()) if gen else 0
