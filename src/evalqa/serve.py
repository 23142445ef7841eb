"""Serving the app to a team: `python app.py` / `make run`.

Exposure is chosen, not defaulted: loopback needs nothing; any other interface needs credentials (from
EVALQA_AUTH or --auth-file, never from code) or an explicit --no-auth, which warns. --read-only leaves the
upload out of the page and of the API.
"""
from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from pathlib import Path

from . import oplog
from .build import build_index, sheet_files
from .corpus import suffix_list
from .upload import MAX_BYTES

AUTH_ENV = "EVALQA_AUTH"  # 「user:password」 pairs, separated by commas or newlines


class AuthError(ValueError):
    """Credentials that cannot be used, with where they came from."""


def parse_credentials(text: str, source: str) -> list[tuple[str, str]]:
    """「user:password」 pairs, one per line or comma; blank lines and 「#」 comments are skipped."""
    pairs = []
    for n, item in enumerate(text.replace(",", "\n").splitlines(), 1):
        item = item.strip()
        if not item or item.startswith("#"):
            continue
        user, sep, password = item.partition(":")
        if not sep or not user.strip() or not password:
            raise AuthError(f"{source}: entry {n} is not 「user:password」")
        pairs.append((user.strip(), password))
    if not pairs:
        raise AuthError(f"{source}: no 「user:password」 entries")
    return pairs


def credentials(auth_file: Path | None) -> list[tuple[str, str]] | None:
    """The logins from --auth-file or EVALQA_AUTH (the file wins), or None when neither is given."""
    if auth_file is not None:
        try:
            text = auth_file.read_text(encoding="utf-8")
        except OSError as e:
            raise AuthError(f"{auth_file}: cannot read the credentials file ({e.strerror})") from None
        return parse_credentials(text, str(auth_file))
    env = os.environ.get(AUTH_ENV)
    return parse_credentials(env, AUTH_ENV) if env else None


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def ensure_index(corpus_dir: Path, index_dir: Path, model: str | None = None) -> None:
    """Build `index/` from `corpus/` when missing or stale (incremental, with a progress bar)."""
    print(f"evalqa: checking the index {index_dir} against {corpus_dir} …", flush=True)
    report = build_index(corpus_dir, index_dir, model, progress=True, log=lambda m: print(m, file=sys.stderr))
    print("\n".join(report.lines()), flush=True)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="app.py", description="Serve the evalqa chat UI.")
    p.add_argument("--host", default=os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"),
                   help="interface to listen on (default 127.0.0.1); any other needs credentials or --no-auth")
    p.add_argument("--port", type=int, default=int(os.environ.get("GRADIO_SERVER_PORT", "7860")))
    p.add_argument("--corpus", type=Path, default=Path("corpus"))
    p.add_argument("--index", type=Path, default=Path("index"))
    p.add_argument("--model", default=None)
    p.add_argument("--auth-file", type=Path, default=None,
                   help=f"file of 「user:password」 lines (else the {AUTH_ENV} environment variable)")
    p.add_argument("--no-auth", action="store_true", help="serve a non-loopback interface without a login (warns)")
    p.add_argument("--read-only", action="store_true", help="no uploads: hidden in the page, refused by the API")
    p.add_argument("--log-questions", action="store_true",
                   help="write question texts into the log (off by default: questions may be sensitive)")
    p.add_argument("--concurrency", type=int, default=8, help="questions answered at the same time (default 8)")
    return p


def main(argv: list[str] | None = None) -> None:
    args = parser().parse_args(argv)
    oplog.setup()
    try:
        logins = credentials(args.auth_file)
    except AuthError as e:
        sys.exit(f"evalqa: error: {e}")
    if logins is None and not is_loopback(args.host):
        if not args.no_auth:
            sys.exit(f"evalqa: error: --host {args.host} exposes the app beyond this machine; give logins "
                     f"({AUTH_ENV}=user:password or --auth-file FILE) or pass --no-auth deliberately")
        print(f"evalqa: WARNING: serving {args.host}:{args.port} with no login (--no-auth): anyone who can reach "
              "the port can read every sheet" + ("" if args.read_only else " and add sheets"), file=sys.stderr)
    if not args.corpus.is_dir() or not sheet_files(args.corpus):
        sys.exit(f"evalqa: error: {args.corpus}: no sheet files ({suffix_list()}) to index")
    if args.concurrency < 1:
        sys.exit("evalqa: error: --concurrency must be at least 1")
    ensure_index(args.corpus, args.index, args.model)

    from .ui import CSS, create_app  # gradio is imported only when serving

    demo = create_app(args.index, args.corpus, read_only=args.read_only, log_questions=args.log_questions)
    # Questions run side by side (the index and SQLite are read from many threads; each native model is
    # used by one thread at a time); uploads run one at a time.
    demo.queue(default_concurrency_limit=args.concurrency)
    oplog.log.info("serving http://%s:%s/ login=%s read_only=%s", args.host, args.port,
                   "yes" if logins else "no", args.read_only)
    demo.launch(server_name=args.host, server_port=args.port, show_error=False, css=CSS, auth=logins,
                allowed_paths=[], footer_links=["api"], max_file_size=MAX_BYTES)
