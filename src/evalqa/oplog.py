"""The operator's log: one line per question (time, latency, found, kind), the question's text only when
asked for, since questions may be sensitive; errors with their traceback. The UI and the MCP server write
it to stderr through the `evalqa.serve` logger."""
from __future__ import annotations

import json
import logging
import sys

from .answer import Answer

log = logging.getLogger("evalqa.serve")


def setup(level: int = logging.INFO) -> None:
    """Send the operator's log to stderr (once), in a format `grep` and `awk` read."""
    if not any(getattr(h, "_evalqa", False) for h in log.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        handler._evalqa = True  # type: ignore[attr-defined]
        log.addHandler(handler)
    log.setLevel(level)
    log.propagate = False


def question(ans: Answer, seconds: float, text: str | None = None, *, via: str = "ui") -> None:
    """One line for one answered question; `text` (the question) is written only when given."""
    line = (f"ask via={via} latency_ms={seconds * 1000:.0f} found={str(ans.found).lower()} kind={ans.kind} "
            f"figures={len(ans.figures)}")
    if text is not None:
        line += f" question={json.dumps(text[:500], ensure_ascii=False)}"
    log.info(line)


def failure(what: str) -> None:
    """An error while answering or uploading, with its traceback (call inside `except`)."""
    log.exception("error %s", what)
