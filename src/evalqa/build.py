"""Building an index generation: plan what changed, write the new generation, publish it.

A build copies the live generation into a new one, applies the changes (only added or changed sheets are
parsed, chunked and embedded), then switches CURRENT. A crash at any point leaves the previous generation
live and consistent; readers that opened it keep working while a new one is built. Every build, even one
with nothing to do, first removes the `gen-*.tmp` folders a crashed build left behind.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from . import ann, chunking
from .chunking import Chunk, chunk_sheet
from .corpus import scan_corpus
from .embedding import Embedder, load_embedder
from .errors import SheetError
from .parser import READING_VERSION, load_sheets
from .progress import EmbedProgress
from .sheet import GENERAL, Sheet
from .storage import (
    DB,
    FORMAT_VERSION,
    GenerationWriter,
    IndexFailure,
    SheetRecord,
    build_lock,
    current,
    new_generation_dir,
    publish,
    read_manifest,
    remove_stale_builds,
    sheet_hashes,
)
from .terms import dictionary_identity, terms
from .vector_cache import VectorCache, passage_key

CACHE_BATCH = 32  # chunks embedded, then committed to the cache, at a time: what a killed build can lose
CACHE_MAX_BYTES = int(os.environ.get("EVALQA_CACHE_MB", "2048")) * 2**20

Log = Callable[[str], object]


@dataclass
class BuildReport:
    """What a build did, sheet by sheet."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # sheet id → reason (previous version kept if any)
    failed_files: dict[str, str] = field(default_factory=dict)  # sheet id → file name, for the report
    general: dict[str, int] = field(default_factory=dict)  # not a 事前分析表: sheet id → figures of its tables
    text_only: list[str] = field(default_factory=list)  # not a 事前分析表 and no table recognised: text only
    ignored: dict[str, str] = field(default_factory=dict)  # corpus entry → why it is not read
    hidden: list[str] = field(default_factory=list)  # dotfiles, editor backups, lock files (counted)
    kept: list[str] = field(default_factory=list)  # failed sheets whose previously indexed version stays
    generation: str | None = None
    rebuilt: bool = False  # everything re-embedded (see rebuild_reason)
    rebuild_reason: str | None = None  # new index, format, embedder, chunking settings or MeCab dictionary
    graph_reason: str | None = None  # only the vector graph was written again (its settings changed)
    chunks_embedded: int = 0  # embedded by this build
    chunks_reused: int = 0  # taken from the embedding cache
    tokens_per_second: float = 0.0  # MeCab tokens of the chunks embedded, per second of embedding
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
        for sid, n in self.general.items():
            out.append(f"general     1  {sid}: not a 事前分析表, read by its own headings; {n} figures from its tables")
        out += [f"text only   1  {sid}: no tables recognised" for sid in self.text_only]
        for sid, reason in self.failed.items():
            kept = " (previous version kept)" if sid in self.kept else ""
            out.append(f"failed      1  {self.failed_files.get(sid, sid)}: {reason}{kept}")
        out += [f"ignored     1  {name}: {reason}" for name, reason in self.ignored.items()]
        if self.hidden:
            out.append(f"hidden    {len(self.hidden):3}  dotfiles, editor backups or lock files, not read")
        gen = self.generation or "(no change)"
        reused = f" ({self.chunks_reused} more from the embedding cache)" if self.chunks_reused else ""
        out.append(f"index     {gen}: {self.chunks_embedded} chunks embedded in {self.embed_seconds:.1f}s{reused}, "
                   f"build {self.seconds:.1f}s" + (" (full rebuild)" if self.rebuilt else "")
                   + (f" (vector graph rewritten: {self.graph_reason})" if self.graph_reason else ""))
        return out

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class BuildPlan:
    """What a build will do, decided from content hashes and the live generation's manifest."""

    corpus: Path
    index_dir: Path
    files: dict[str, Path]  # sheet id → file, every sheet in the corpus
    hashes: dict[str, str]  # sheet id → sha256 of the file
    previous: Path | None  # the live generation (None: no index yet)
    embedder: Embedder
    settings: dict  # what the new manifest records beside the counts
    rebuild_reason: str | None  # why everything is re-chunked and re-embedded (None: incremental)
    graph_reason: str | None = None  # why the vector graph alone is written again (its settings changed)
    add: list[str] = field(default_factory=list)  # new sheets to parse
    update: list[str] = field(default_factory=list)  # indexed sheets whose file changed (all of them on a rebuild)
    remove: list[str] = field(default_factory=list)  # indexed sheets whose file is gone
    keep: list[str] = field(default_factory=list)  # indexed sheets left as they are
    ignored: dict[str, str] = field(default_factory=dict)  # corpus entries that are not read, and why
    hidden: list[str] = field(default_factory=list)  # dotfiles, editor backups, lock files

    @property
    def full(self) -> bool:
        return self.rebuild_reason is not None

    @property
    def todo(self) -> list[str]:
        """Sheets to parse, chunk and embed."""
        return sorted(self.add + self.update)

    @property
    def changed(self) -> bool:
        return bool(self.add or self.update or self.remove or self.graph_reason)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def sheet_files(corpus: Path) -> dict[str, Path]:
    """Sheet files of a corpus folder by sheet id (file stem); `corpus.scan_corpus` says what else is there."""
    return scan_corpus(corpus).files


def _rebuild_reason(manifest: dict | None, settings: dict) -> str | None:
    if manifest is None:
        return "new index"
    if manifest.get("format") != settings["format"]:
        return f"index format {manifest.get('format')} → {settings['format']}"
    if manifest["embedder"]["id"] != settings["embedder"]["id"]:
        return f"embedder {manifest['embedder']['id']} → {settings['embedder']['id']}"
    for key, what in (("reading", "reading rules"), ("chunking", "chunking settings"), ("mecab", "MeCab dictionary")):
        if manifest.get(key) != settings[key]:
            return f"{what} {manifest.get(key)} → {settings[key]}"
    return None


def plan_build(corpus: Path, index_dir: Path, model: str | None = None) -> BuildPlan:
    """Compare the corpus with the live generation: what to add, update, remove and keep, and whether
    everything must be rebuilt (no index yet, or another format, reading rules, embedder, chunking or
    dictionary)."""
    previous = current(index_dir)
    manifest = read_manifest(previous) if previous else None
    embedder = load_embedder(model or (manifest["embedder"]["name"] if manifest else None))
    settings = {"format": FORMAT_VERSION, "reading": READING_VERSION,
                "embedder": {"id": embedder.id, "name": embedder.name, "dim": embedder.dim},
                "chunking": chunking.settings(), "mecab": dictionary_identity(), "ann": ann.settings()}
    scan = scan_corpus(corpus)
    files = scan.files
    hashes = {sid: sha256_file(p) for sid, p in files.items()}
    old = sheet_hashes(previous) if previous else {}
    plan = BuildPlan(corpus, index_dir, files, hashes, previous, embedder, settings,
                     _rebuild_reason(manifest, settings), ignored=scan.ignored, hidden=scan.hidden)
    if manifest is not None and plan.rebuild_reason is None and manifest.get("ann") != settings["ann"]:
        plan.graph_reason = f"{manifest.get('ann')} → {settings['ann']}"
    plan.remove = sorted(set(old) - set(hashes))
    for sid in sorted(hashes):
        if sid not in old:
            plan.add.append(sid)
        elif plan.full or old[sid] != hashes[sid]:
            plan.update.append(sid)
        else:
            plan.keep.append(sid)
    return plan


def write_generation(plan: BuildPlan, report: BuildReport, *, progress: bool = True,
                     log: Log | None = None) -> Path | None:
    """Parse, chunk and embed the plan's sheets into a new `gen-*.tmp` folder, starting from a copy of the
    live generation (or from nothing on a full rebuild). Fills the report's sheet lists; returns the folder,
    or None when nothing would change (every changed sheet failed to parse)."""
    indexed = set(plan.update) | set(plan.remove) | set(plan.keep)
    parsed: dict[str, Sheet] = {}  # by sheet id: a file of several 施策 gives several (「id#2」 …)
    owner: dict[str, str] = {}  # sheet id → the file's id
    for sid in plan.todo:
        try:
            for sheet in load_sheets(plan.files[sid], sheet_id=sid):
                parsed[sheet.id] = sheet
                owner[sheet.id] = sid
        except SheetError as e:
            report.failed[sid] = e.reason
            report.failed_files[sid] = plan.files[sid].name
            if sid in indexed and not plan.full:
                report.kept.append(sid)
            if log:
                log(f"evalqa: error: {e}" + (" (previous version kept)" if sid in report.kept else ""))
    for sid, sheet in parsed.items():
        if sid == owner[sid]:
            (report.updated if sid in indexed else report.added).append(sid)
        if sheet.form == GENERAL and sheet.figures:
            report.general[sid] = len(sheet.figures)
        elif sheet.form == GENERAL:
            report.text_only.append(sid)
    if not parsed and not plan.remove and not plan.full and not plan.graph_reason:
        return None

    writer = GenerationWriter(new_generation_dir(plan.index_dir), None if plan.full else plan.previous,
                              plan.embedder.dim)
    try:
        if not plan.full:  # a full rebuild starts from an empty generation
            for sid in sorted(set(plan.remove) | set(owner.values())):
                writer.remove_sheet(sid)  # (and the other 施策 of its file)
        budget, overlap = plan.settings["chunking"]["budget"], plan.settings["chunking"]["overlap"]
        chunks: dict[str, list[Chunk]] = {sid: chunk_sheet(s, budget, overlap) for sid, s in parsed.items()}
        t_embed = time.perf_counter()
        matrix = embed_chunks(plan, chunks, report, progress=progress, log=log)
        report.embed_seconds = time.perf_counter() - t_embed

        chunk_ids: list[int] = []
        for sid, sheet in parsed.items():
            keywords = [" ".join(terms(c.document, sheet.era)) for c in chunks[sid]]
            # The outline (every indicator, with or without figures) lets answers count and list them.
            metadata = {**sheet.metadata, "outline": sheet.outline, "fields": sheet.fields}
            rec = SheetRecord(sid, str(plan.files[owner[sid]]), plan.hashes[owner[sid]], metadata, sheet.warnings,
                              sheet.figures, chunks[sid], keywords, sheet.facts)
            chunk_ids += writer.add_sheet(rec, first_ord=len(chunk_ids))
        keys = [passage_key(plan.embedder.id, c.document) for sid in parsed for c in chunks[sid]]
        writer.add_vectors(chunk_ids, matrix, keys)
        writer.finish({**plan.settings, "built_at": time.time(), "corpus": str(plan.corpus)})
    except BaseException:
        writer.discard()
        raise
    return writer.folder


def embed_chunks(plan: BuildPlan, chunks: dict[str, list[Chunk]], report: BuildReport, *,
                 progress: bool = True, log: Log | None = None) -> np.ndarray:
    """Every chunk's vector, in order: from the embedding cache where it holds the passage, else embedded
    and cached batch by batch (so a build stopped here resumes from what it did). The missing chunks of
    all sheets are embedded together, shortest first, so batches are full and evenly long. Shows sheets
    done, tokens/s and an ETA; counts embedded and reused chunks in the report."""
    embedder = plan.embedder
    flat = [c for cs in chunks.values() for c in cs]
    owner = [n for n, cs in enumerate(chunks.values()) for _ in cs]
    texts = [c.document for c in flat]
    matrix = np.zeros((len(flat), embedder.dim), np.float32)
    cache = _open_cache(plan.index_dir, log)
    bar = EmbedProgress(len(chunks), sum(c.tokens for c in flat), progress)
    try:
        have = cache.get(embedder.id, embedder.dim, texts) if cache else {}
        if cache is not None:
            _report_recovery(cache, log)
        for i, v in have.items():
            matrix[i] = v
        bar.reused(sum(flat[i].tokens for i in have))
        missing = sorted((i for i in range(len(flat)) if i not in have), key=lambda i: len(texts[i]))
        left = [0] * len(chunks)  # chunks still to embed, per sheet
        for i in missing:
            left[owner[i]] += 1
        for _ in range(left.count(0)):
            bar.sheet_done()
        for b in range(0, len(missing), CACHE_BATCH):
            part = missing[b:b + CACHE_BATCH]
            vectors = embedder.encode_documents([texts[i] for i in part])
            matrix[part] = vectors
            if cache is not None:
                cache.put(embedder.id, [texts[i] for i in part], vectors)
                _report_recovery(cache, log)
            bar.embedded(sum(flat[i].tokens for i in part))
            for i in part:
                left[owner[i]] -= 1
                if left[owner[i]] == 0:
                    bar.sheet_done()
        report.chunks_embedded += len(missing)
        report.chunks_reused += len(have)
        if cache is not None and cache.size() > CACHE_MAX_BYTES:
            # Down to 80%, so that the next builds do not collect again at once.
            dropped = cache.collect(live_passage_keys(plan, chunks), int(CACHE_MAX_BYTES * 0.8))
            if log:
                log(f"evalqa: embedding cache over {CACHE_MAX_BYTES // 2**20} MB: dropped {dropped} old vectors")
    finally:
        bar.close()
        report.tokens_per_second = bar.rate()
        if cache is not None:
            cache.close()
    return matrix


def _open_cache(index_dir: Path, log: Log | None) -> VectorCache | None:
    """The index's embedding cache; None (the build embeds everything) when it cannot be opened at all."""
    try:
        cache = VectorCache.open(index_dir)
    except (OSError, sqlite3.Error) as e:
        if log:
            log(f"evalqa: warning: embedding cache not used: {e}")
        return None
    _report_recovery(cache, log)
    return cache


def _report_recovery(cache: VectorCache, log: Log | None) -> None:
    if cache.recovered and log:
        log(f"evalqa: warning: embedding cache {cache.recovered}")
    cache.recovered = None


def live_passage_keys(plan: BuildPlan, chunks: dict[str, list[Chunk]]) -> set[bytes]:
    """Cache keys of the passages this build indexes and of those the live generation holds (the sheets
    the build keeps): never collected while live."""
    keys = {passage_key(plan.embedder.id, c.document) for cs in chunks.values() for c in cs}
    if plan.previous is not None:
        with contextlib.suppress(sqlite3.Error), contextlib.closing(sqlite3.connect(
                f"file:{plan.previous / DB}?mode=ro", uri=True)) as con:
            keys |= {k for (k,) in con.execute("SELECT key FROM passages")}
    return keys


def publish_generation(plan: BuildPlan, folder: Path) -> str:
    """fsync the written generation, switch CURRENT to it atomically, drop all but it and the previous one."""
    return publish(plan.index_dir, folder, plan.previous)


def build_index(corpus: str | Path, index_dir: str | Path, model: str | None = None, *,
                progress: bool = True, log: Log | None = None) -> BuildReport:
    """Create or incrementally update the index in `index_dir` from the sheets in `corpus`.

    Content hashes decide: only added or changed sheets are parsed, chunked and embedded; removed
    sheets disappear from every table and from FAISS. A sheet that fails to parse is reported and
    skipped (its previously indexed version, if any, is kept). Nothing changes → no new generation.
    """
    t0 = time.perf_counter()
    corpus, index_dir = Path(corpus), Path(index_dir)
    if not corpus.is_dir():
        raise IndexFailure(f"{corpus}: corpus folder not found")
    index_dir.mkdir(parents=True, exist_ok=True)
    report = BuildReport()
    with build_lock(index_dir):
        remove_stale_builds(index_dir)
        plan = plan_build(corpus, index_dir, model)
        report.rebuilt, report.rebuild_reason, report.graph_reason = plan.full, plan.rebuild_reason, plan.graph_reason
        report.removed, report.unchanged = list(plan.remove), list(plan.keep)
        report.ignored, report.hidden = dict(plan.ignored), list(plan.hidden)
        if log:
            for name, reason in plan.ignored.items():
                log(f"evalqa: warning: {plan.corpus / name}: not indexed: {reason}")
        if plan.changed:
            folder = write_generation(plan, report, progress=progress, log=log)
            if folder is not None:
                report.generation = publish_generation(plan, folder)
    report.seconds = time.perf_counter() - t0
    return report
