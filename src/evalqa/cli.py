"""Command line: a thin layer over the library (every command has a Python API twin)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__


def _figures(args: argparse.Namespace) -> int:
    from .figures import to_csv, to_jsonl, to_table
    from .sheet import SheetError, load_sheet

    status = 0
    out = []
    for path in args.paths:
        try:
            sheet = load_sheet(path)
        except SheetError as e:
            print(f"evalqa: error: {e}", file=sys.stderr)
            status = 1
            continue
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
