"""Readers: turn a file into a `Document` (lines of cells with their positions) for the parser.

Only text sheets are read today; PDF (`pdf.py`) and Excel (`excel.py`) readers go beside `text.py`
and register their suffixes here.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .base import Document, Line
from .text import read_text

# Suffixes a corpus folder is scanned for.
SUFFIXES = {".txt"}

_READERS: dict[str, Callable[[str | Path], Document]] = {".txt": read_text}


def read_document(path: str | Path) -> Document:
    """Read one sheet file. A file of any other suffix is read as text, which names the problem
    (「is a PDF …」, 「binary data」) when it is not sheet text."""
    reader = _READERS.get(Path(path).suffix.lower(), read_text)
    return reader(path)


__all__ = ["SUFFIXES", "Document", "Line", "read_document"]
