"""Benchmarks (`evalqa bench`): build, no-op rebuild, search and ask latency, index size.

Measured, not asserted: the numbers go into the README. `--scale 50 200` also builds corpora of
generated sheets (the seed with other titles, numbers and years) to show how cost grows.
"""
from __future__ import annotations

import random
import re
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from .build import build_index
from .index import Index, index_size

QUERIES = [
    "令和2年度の日加会談数は？",
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

_TITLES = ["欧州地域外交", "中東地域外交", "アジア大洋州地域外交", "中南米地域外交", "アフリカ地域外交",
           "国際経済外交", "国際協力", "広報文化外交", "領事業務", "国際法務"]


def p50(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def variant_sheet(seed_text: str, i: int) -> str:
    """The seed with another title, other numbers and an extra sentence: same form, other content."""
    rnd = random.Random(i)
    from .cells import parse_cell

    title = f"{_TITLES[i % len(_TITLES)]}{i // len(_TITLES) + 1}"

    def renumber(m: re.Match) -> str:
        n = int(m.group(0).replace(",", ""))
        v = max(0, int(n * rnd.uniform(0.5, 1.5)))
        return f"{v:,}" if "," in m.group(0) else str(v)

    lines = []
    for line in seed_text.splitlines():
        if "\t" in line:
            line = "\t".join(re.sub(r"\d[\d,]*", renumber, c) if parse_cell(c) and not re.fullmatch(r"0\d+", c.strip())
                             else c for c in line.split("\t"))
        lines.append(line.replace("北米地域外交", title).replace("施策 I - 2", f"施策 I - {i + 3}"))
    lines.append(f"\n本施策は第{i}次の計画に基づき、{title}の推進に取り組むものである。")
    return "\n".join(lines) + "\n"


def _time(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def bench_corpus(corpus: Path, index_dir: Path, model: str | None, repeat: int = 30, ask: bool = True) -> dict:
    """Full build, no-op rebuild, warm search/ask p50 and query-embedding p50 on one corpus."""
    shutil.rmtree(index_dir, ignore_errors=True)
    full = build_index(corpus, index_dir, model, progress=False)
    noop = build_index(corpus, index_dir, model, progress=False)
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
        "full_build_s": round(full.seconds, 2),
        "embed_s": round(full.embed_seconds, 2),
        "noop_rebuild_s": round(noop.seconds, 3),
        "noop_ratio": round(noop.seconds / full.seconds, 4) if full.seconds else None,
        "query_embed_p50_ms": round(1000 * p50(q_embed), 1),
        "search_p50_ms": round(1000 * p50(search), 1),
        "search_over_embed": round(p50(search) / p50(q_embed), 2),
        "index_mb": round(index_size(index_dir) / 1e6, 2),
    }
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
    return row


# The seed printed to PDF as ministries do (tools/make_fixtures.py), for the PDF reading time.
SEED_PDF = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "mofa-r3-I-2-hokubei.pdf"


def pdf_read(path: Path, repeat: int = 3) -> dict:
    """Reading one PDF into lines (pdfplumber: tables and paragraphs of every page): best of `repeat`."""
    from .readers.pdf import read_pdf

    seconds = _time(lambda: read_pdf(path), repeat)
    pages = max(ln.page or 0 for ln in read_pdf(path).lines)
    return {"corpus": f"PDF read: {path.name}", "pdf_pages": pages, "pdf_read_s": round(min(seconds), 2)}


def run(corpus: Path, model: str | None = None, scale: list[int] | None = None, scale_model: str | None = None,
        repeat: int = 30, workdir: Path | None = None) -> list[dict]:
    work = Path(workdir or tempfile.mkdtemp(prefix="evalqa-bench-"))
    rows = [{"corpus": str(corpus), **bench_corpus(corpus, work / "index-seed", model, repeat)}]
    pdfs = sorted(corpus.glob("*.pdf"))[:1] or ([SEED_PDF] if SEED_PDF.exists() else [])
    rows += [pdf_read(p) for p in pdfs]
    seed_files = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")
    seed_text = seed_files[0].read_text(encoding="utf-8-sig")
    for n in scale or []:
        gen = work / f"corpus-{n}"
        shutil.rmtree(gen, ignore_errors=True)
        gen.mkdir(parents=True)
        for i in range(n):
            (gen / f"gen-{i:04d}.txt").write_text(variant_sheet(seed_text, i), encoding="utf-8")
        rows.append({"corpus": f"{n} generated sheets",
                     **bench_corpus(gen, work / f"index-{n}", scale_model or model, repeat, ask=True)})
    return rows


def to_markdown(rows: list[dict]) -> str:
    cols = ["corpus", "sheets", "chunks", "embedder", "full_build_s", "embed_s", "noop_rebuild_s", "noop_ratio",
            "query_embed_p50_ms", "search_p50_ms", "search_over_embed", "ask_p50_ms", "ask_over_search", "index_mb",
            "pdf_pages", "pdf_read_s"]
    out = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for r in rows:
        out.append("| " + " | ".join(str(r.get(c, "")) for c in cols) + " |")
    return "\n".join(out)
