"""The index on disk: generation folders, the CURRENT pointer, manifests, the build lock, and the SQL that
writes a generation (reading is `evalqa.index.Index`'s job).

Layout of an index folder::

    index/CURRENT              name of the live generation (replaced atomically)
    index/gen-000007/          evalqa.sqlite, vectors.faiss, manifest.json
    index/gen-000008.tmp/      a build in progress (ignored by readers, removed by the next build)
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .ann import APPROXIMATE, write_approximate
from .parts import file_id

FORMAT_VERSION = 3  # 2: chunks.page; 3: facts (numbers stated in sentences), sheet outline and fields
DB, VECTORS, MANIFEST, CURRENT, LOCK = "evalqa.sqlite", "vectors.faiss", "manifest.json", "CURRENT", ".build.lock"

SCHEMA = """
CREATE TABLE sheets(
    id TEXT PRIMARY KEY, path TEXT NOT NULL, sha256 TEXT NOT NULL, metadata TEXT NOT NULL,
    n_figures INTEGER NOT NULL, n_chunks INTEGER NOT NULL, warnings TEXT NOT NULL, indexed_at REAL NOT NULL);
CREATE TABLE chunks(
    id INTEGER PRIMARY KEY AUTOINCREMENT, sheet TEXT NOT NULL REFERENCES sheets(id), ord INTEGER NOT NULL,
    section TEXT NOT NULL, breadcrumb TEXT NOT NULL, text TEXT NOT NULL, first_line INTEGER, last_line INTEGER,
    tokens INTEGER NOT NULL, fiscal_years TEXT NOT NULL, page INTEGER);
CREATE INDEX chunks_sheet ON chunks(sheet);
CREATE TABLE figures(
    id INTEGER PRIMARY KEY AUTOINCREMENT, sheet TEXT NOT NULL REFERENCES sheets(id), ord INTEGER NOT NULL,
    section TEXT NOT NULL, subject TEXT NOT NULL, series TEXT, measure TEXT NOT NULL, fiscal_year INTEGER,
    year_label TEXT, value REAL, unit TEXT, raw TEXT NOT NULL, line INTEGER, json TEXT NOT NULL);
CREATE INDEX figures_sheet ON figures(sheet);
CREATE INDEX figures_subject ON figures(subject, measure, fiscal_year);
CREATE TABLE facts(
    id INTEGER PRIMARY KEY AUTOINCREMENT, sheet TEXT NOT NULL REFERENCES sheets(id), ord INTEGER NOT NULL,
    json TEXT NOT NULL);
CREATE INDEX facts_sheet ON facts(sheet);
CREATE TABLE chunk_figures(chunk_id INTEGER NOT NULL, figure_id INTEGER NOT NULL, PRIMARY KEY(chunk_id, figure_id));
CREATE VIRTUAL TABLE chunk_terms USING fts5(terms, tokenize = 'unicode61 remove_diacritics 0');
"""
# Each chunk's key in the embedding cache (evalqa.vector_cache), so `evalqa cache --gc` knows what is live.
# Added without a format change: a generation written before it has the table filled only for new chunks.
PASSAGES = "CREATE TABLE IF NOT EXISTS passages(chunk_id INTEGER PRIMARY KEY, key BLOB NOT NULL);"
TABLES = ("sheets", "chunks", "figures", "facts")


class IndexFailure(RuntimeError):
    """An index that cannot be opened or built as asked; the message says why and what to do."""


# --- layout ------------------------------------------------------------------------------------
def current(index_dir: Path) -> Path | None:
    """The live generation's folder, or None when there is no (complete) index."""
    try:
        name = (index_dir / CURRENT).read_text().strip()
    except FileNotFoundError:
        return None
    gen = index_dir / name
    return gen if (gen / MANIFEST).exists() else None


def read_manifest(gen: Path) -> dict:
    return json.loads((gen / MANIFEST).read_text())


def write_manifest(gen: Path, manifest: dict) -> None:
    (gen / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1))


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    with open(path, "rb") as f:
        os.fsync(f.fileno())


@contextlib.contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """One build at a time per index folder (readers never wait)."""
    with open(index_dir / LOCK, "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def remove_stale_builds(index_dir: Path) -> None:
    """Remove `gen-*.tmp` folders left by a build that died; call with the build lock held."""
    for p in index_dir.glob("gen-*.tmp"):
        shutil.rmtree(p, ignore_errors=True)


def new_generation_dir(index_dir: Path) -> Path:
    """A fresh, empty `gen-NNNNNN.tmp` folder numbered after every generation seen so far."""
    existing = [p.name for p in index_dir.glob("gen-*")]
    n = max([int(x[4:10]) for x in existing if x[4:10].isdigit()] + [0]) + 1
    tmp = index_dir / f"gen-{n:06d}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    return tmp


def publish(index_dir: Path, tmp: Path, keep: Path | None) -> str:
    """Make a written generation durable and live, then drop generations other than it and `keep`."""
    for name in (DB, VECTORS, MANIFEST) + ((APPROXIMATE,) if (tmp / APPROXIMATE).exists() else ()):
        fsync_file(tmp / name)
    final = tmp.with_name(tmp.name.removesuffix(".tmp"))
    os.rename(tmp, final)
    fsync_dir(index_dir)
    pointer = index_dir / (CURRENT + ".tmp")
    pointer.write_text(final.name + "\n")
    fsync_file(pointer)
    os.replace(pointer, index_dir / CURRENT)  # the switch: atomic
    fsync_dir(index_dir)
    # Keep the previous generation for readers that still have it open; drop older ones.
    names = {final.name} | ({keep.name} if keep else set())
    for p in index_dir.glob("gen-*"):
        if p.name not in names:
            shutil.rmtree(p, ignore_errors=True)
    return final.name


def sheet_hashes(gen: Path) -> dict[str, str]:
    """Content hash of every sheet indexed in a generation, by sheet id."""
    with contextlib.closing(sqlite3.connect(gen / DB)) as con:
        # (by file: the 施策 of one file, 「id#2」 …, share its hash)
        return {file_id(sid): sha for sid, sha in con.execute("SELECT id, sha256 FROM sheets")}


# --- writing a generation -----------------------------------------------------------------------
@dataclass
class SheetRecord:
    """One sheet as stored: its row, its figures (`Figure` objects) and its chunks with their terms."""

    id: str
    path: str
    sha256: str
    metadata: dict
    warnings: list
    figures: Sequence[Any]  # evalqa Figure: .section .subject … .to_dict()
    chunks: Sequence[Any]  # evalqa Chunk: .section .breadcrumb .text … .figures (indexes into `figures`)
    chunk_terms: Sequence[str]  # the keyword-index text of each chunk
    facts: Sequence[Any] = ()  # evalqa Figure with measure 本文記載: numbers stated in sentences


class GenerationWriter:
    """SQLite + FAISS of a generation being built in its `.tmp` folder."""

    def __init__(self, folder: Path, previous: Path | None, dim: int):
        import faiss

        self.folder = folder
        self.con = sqlite3.connect(folder / DB)
        self.vectors: Any  # faiss.IndexIDMap2
        if previous is None:
            self.con.executescript(SCHEMA)
            self.vectors = faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
        else:
            with contextlib.closing(sqlite3.connect(previous / DB)) as src:
                src.backup(self.con)
            self.vectors = faiss.read_index(str(previous / VECTORS))
        self.con.execute(PASSAGES)

    def remove_sheet(self, sheet: str) -> None:
        """Remove a file's sheets: the sheet, and the other 施策 read from its file (「id#2」 …)."""
        for sid in [r[0] for r in self.con.execute("SELECT id FROM sheets")]:
            if sid != sheet and file_id(sid) == sheet:
                self._remove_one(sid)
        self._remove_one(sheet)

    def _remove_one(self, sheet: str) -> None:
        ids = [r[0] for r in self.con.execute("SELECT id FROM chunks WHERE sheet = ?", (sheet,))]
        if ids:
            self.vectors.remove_ids(np.array(ids, dtype="int64"))
            self.con.executemany("DELETE FROM chunk_terms WHERE rowid = ?", [(i,) for i in ids])
            self.con.executemany("DELETE FROM chunk_figures WHERE chunk_id = ?", [(i,) for i in ids])
            self.con.executemany("DELETE FROM passages WHERE chunk_id = ?", [(i,) for i in ids])
        self.con.execute("DELETE FROM chunks WHERE sheet = ?", (sheet,))
        self.con.execute("DELETE FROM figures WHERE sheet = ?", (sheet,))
        self.con.execute("DELETE FROM facts WHERE sheet = ?", (sheet,))
        self.con.execute("DELETE FROM sheets WHERE id = ?", (sheet,))

    def add_sheet(self, rec: SheetRecord, first_ord: int) -> list[int]:
        """Insert a sheet, its figures and its chunks (numbered from `first_ord`); the new chunk ids."""
        self.con.execute("INSERT INTO sheets VALUES (?,?,?,?,?,?,?,?)",
                         (rec.id, rec.path, rec.sha256, json.dumps(rec.metadata, ensure_ascii=False),
                          len(rec.figures), len(rec.chunks), json.dumps(rec.warnings, ensure_ascii=False),
                          time.time()))
        figure_ids = []
        for i, f in enumerate(rec.figures):
            cur = self.con.execute(
                "INSERT INTO figures(sheet, ord, section, subject, series, measure, fiscal_year, year_label,"
                " value, unit, raw, line, json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (rec.id, i, json.dumps(f.section, ensure_ascii=False), f.subject, f.series, f.measure,
                 f.fiscal_year, f.year_label, f.value, f.unit, f.raw, f.line,
                 json.dumps(f.to_dict(), ensure_ascii=False)))
            figure_ids.append(cur.lastrowid)
        self.con.executemany("INSERT INTO facts(sheet, ord, json) VALUES (?,?,?)",
                             [(rec.id, i, json.dumps(f.to_dict(), ensure_ascii=False))
                              for i, f in enumerate(rec.facts)])
        chunk_ids = []
        for ordinal, (c, words) in enumerate(zip(rec.chunks, rec.chunk_terms, strict=True), first_ord):
            cur = self.con.execute(
                "INSERT INTO chunks(sheet, ord, section, breadcrumb, text, first_line, last_line, tokens,"
                " fiscal_years, page) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (rec.id, ordinal, json.dumps(c.section, ensure_ascii=False), c.breadcrumb, c.text, c.first_line,
                 c.last_line, c.tokens, json.dumps(c.fiscal_years), c.page))
            cid = cur.lastrowid
            assert cid is not None
            chunk_ids.append(cid)
            self.con.execute("INSERT INTO chunk_terms(rowid, terms) VALUES (?, ?)", (cid, words))
            self.con.executemany("INSERT INTO chunk_figures VALUES (?, ?)", [(cid, figure_ids[i]) for i in c.figures])
        return chunk_ids

    def add_vectors(self, chunk_ids: list[int], matrix: np.ndarray, keys: list[bytes] | None = None) -> None:
        """The chunks' vectors, and their embedding-cache keys when given."""
        if chunk_ids:
            self.vectors.add_with_ids(matrix, np.array(chunk_ids, dtype="int64"))
        if keys is not None:
            self.con.executemany("INSERT OR REPLACE INTO passages VALUES (?, ?)", zip(chunk_ids, keys, strict=True))

    def finish(self, manifest: dict) -> dict[str, int]:
        """Commit SQLite, write FAISS and the manifest (with the counts); the counts."""
        import faiss

        counts = {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        self.con.commit()
        self.con.close()
        if self.vectors.ntotal != counts["chunks"]:
            raise IndexFailure(f"{self.folder.parent}: internal error: {self.vectors.ntotal} vectors for "
                               f"{counts['chunks']} chunks; the previous index is untouched")
        faiss.write_index(self.vectors, str(self.folder / VECTORS))
        write_approximate(self.folder, self.vectors)
        write_manifest(self.folder, {**manifest, "counts": counts})
        return counts

    def discard(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.con.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def index_size(index_dir: str | Path) -> int:
    """Bytes on disk of the live generation."""
    gen = current(Path(index_dir))
    return sum(p.stat().st_size for p in gen.iterdir()) if gen else 0
