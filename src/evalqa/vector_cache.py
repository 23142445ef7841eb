"""The embedding cache: each passage's vector under a hash of (embedder id, the exact passage text).

It lives in `index/cache/vectors.sqlite`, beside the generations, and outlives them. A build looks every
passage up first and embeds only what is missing, committing each batch as it goes, so:
- a killed build (Ctrl-C, `kill -9`, power) resumes where it stopped;
- re-chunking re-embeds only the chunks whose text changed;
- switching `--model` back and forth re-uses both models' vectors.

SQLite in WAL mode makes each batch atomic under `kill -9`; each row also carries a CRC32 of its vector,
so a damaged row is re-embedded, not served. A file SQLite cannot read (truncated, overwritten) is moved
aside and started afresh: the cache only ever costs time, never correctness.
"""
from __future__ import annotations

import contextlib
import hashlib
import sqlite3
import time
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

CACHE_DIR, CACHE_FILE = "cache", "vectors.sqlite"
MAX_BYTES = 2 * 1024**3  # past this, a build drops the least recently used vectors of passages not live
CHECK_BYTES = 256 * 1024**2  # files up to this size get a full quick_check when opened

_SCHEMA = """
CREATE TABLE IF NOT EXISTS vectors (
    key BLOB PRIMARY KEY,          -- sha256(embedder id, NUL, passage text)
    embedder TEXT NOT NULL,
    dim INTEGER NOT NULL,
    vector BLOB NOT NULL,          -- float32, little-endian
    crc INTEGER NOT NULL,          -- CRC32 of vector
    used REAL NOT NULL             -- last build that used it (unix time)
) WITHOUT ROWID;
"""


def damaged(error: sqlite3.DatabaseError) -> bool:
    """Whether an SQLite error means a damaged file (start afresh), not a busy or full one (raise)."""
    name = getattr(error, "sqlite_errorname", "") or ""
    return name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or any(
        w in str(error) for w in ("malformed", "not a database", "file is not a database"))


def passage_key(embedder_id: str, text: str) -> bytes:
    return hashlib.sha256(embedder_id.encode() + b"\0" + text.encode("utf-8")).digest()


class VectorCache:
    """Vectors by (embedder id, passage text); `open` it for an index folder."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.recovered: str | None = None  # what was wrong with a file that had to be started afresh
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = self._open()
        except sqlite3.DatabaseError as e:
            if not damaged(e):
                raise
            self._start_afresh(e)

    def _start_afresh(self, error: Exception) -> None:
        """Keep an unreadable file for inspection (the latest one only) and start an empty cache."""
        with contextlib.suppress(Exception):
            self.con.close()
        for old in self.path.parent.glob(f"{self.path.name}.damaged-*"):
            old.unlink(missing_ok=True)
        aside = self.path.with_name(f"{self.path.name}.damaged-{time.time_ns()}")
        for suffix in ("", "-wal", "-shm"):
            src = Path(str(self.path) + suffix)
            if src.exists():
                src.replace(Path(str(aside) + suffix))
        self.recovered = f"{self.path}: unreadable ({error}); moved to {aside.name}, started an empty cache"
        self.con = self._open()

    @classmethod
    def open(cls, index_dir: str | Path) -> VectorCache:
        return cls(Path(index_dir) / CACHE_DIR / CACHE_FILE)

    def _open(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=30)
        try:
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a commit survives kill -9 of this process
            con.executescript(_SCHEMA)
            # A full check reads the whole file: done while that is cheap. A larger file's damage shows as a
            # corruption error when a page is read, which `get` and `put` recover from.
            if self.path.stat().st_size <= CHECK_BYTES:
                ok = con.execute("PRAGMA quick_check").fetchone()[0]
                if ok != "ok":
                    raise sqlite3.DatabaseError(f"database disk image is malformed (quick_check: {ok})")
        except sqlite3.DatabaseError:
            con.close()
            raise
        return con

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> VectorCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading and writing -------------------------------------------------------------------
    def get(self, embedder_id: str, dim: int, texts: Sequence[str]) -> dict[int, np.ndarray]:
        """Cached vectors by position in `texts` (a row whose checksum fails is left out, so re-embedded).
        A file that turns out damaged is started afresh (see `recovered`): nothing is cached then."""
        try:
            return self._get(embedder_id, dim, texts)
        except sqlite3.DatabaseError as e:
            if not damaged(e):
                raise
            self._start_afresh(e)
            return {}

    def _get(self, embedder_id: str, dim: int, texts: Sequence[str]) -> dict[int, np.ndarray]:
        keys = [passage_key(embedder_id, t) for t in texts]
        by_key: dict[bytes, np.ndarray] = {}
        for i in range(0, len(keys), 500):  # SQLite's bound on host parameters
            part = keys[i:i + 500]
            marks = ",".join("?" * len(part))
            for key, d, blob, crc in self.con.execute(
                    f"SELECT key, dim, vector, crc FROM vectors WHERE key IN ({marks})", part):
                if d == dim and len(blob) == 4 * dim and zlib.crc32(blob) == crc:
                    by_key[key] = np.frombuffer(blob, dtype="<f4")
        now = time.time()
        with self.con:
            self.con.executemany("UPDATE vectors SET used = ? WHERE key = ?", [(now, k) for k in by_key])
        return {i: by_key[k] for i, k in enumerate(keys) if k in by_key}

    def put(self, embedder_id: str, texts: Sequence[str], matrix: np.ndarray) -> None:
        """Store one batch of vectors, committed at once (a build killed after this keeps them)."""
        try:
            self._put(embedder_id, texts, matrix)
        except sqlite3.DatabaseError as e:
            if not damaged(e):
                raise
            self._start_afresh(e)
            self._put(embedder_id, texts, matrix)

    def _put(self, embedder_id: str, texts: Sequence[str], matrix: np.ndarray) -> None:
        now = time.time()
        rows = []
        for text, vec in zip(texts, matrix, strict=True):
            blob = np.ascontiguousarray(vec, dtype="<f4").tobytes()
            rows.append((passage_key(embedder_id, text), embedder_id, len(vec), blob, zlib.crc32(blob), now))
        with self.con:
            self.con.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?, ?, ?)", rows)

    # --- size and collection ---------------------------------------------------------------------
    def stats(self) -> dict:
        """Vectors per embedder and bytes on disk."""
        per = dict(self.con.execute("SELECT embedder, count(*) FROM vectors GROUP BY embedder"))
        return {"path": str(self.path), "vectors": sum(per.values()), "by_embedder": per, "bytes": self.size()}

    def size(self) -> int:
        return sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*") if p.is_file()
                   and ".damaged-" not in p.name)

    def collect(self, keep: Iterable[bytes], max_bytes: int | None = None) -> int:
        """Drop vectors not in `keep`: all of them (max_bytes None), or the least recently used until the
        payload is under `max_bytes`. Returns how many were dropped."""
        keep = set(keep)
        rows = self.con.execute("SELECT key, length(vector) FROM vectors ORDER BY used").fetchall()
        payload = sum(n for _, n in rows)
        drop = []
        for key, n in rows:
            if max_bytes is not None and payload <= max_bytes:
                break
            if key not in keep:
                drop.append((key,))
                payload -= n
        with self.con:
            self.con.executemany("DELETE FROM vectors WHERE key = ?", drop)
        if drop:
            with contextlib.suppress(sqlite3.OperationalError):  # another reader: reclaimed next time
                self.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self.con.execute("VACUUM")
        return len(drop)
