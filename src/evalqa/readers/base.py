"""What a reader hands to the parser: a document as lines of cells, each with its position.

A text sheet gives one Line per line of the file, its cells split at tabs. A PDF or Excel reader will
give the same records with a page or a cell reference, so that the parser does not care where a
line came from.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SheetError

# A cell that names one year, as table headers and inline records write it: 「令和4年度」「2022年度」「R4」.
YEAR_CELL = r"(?:令和|平成)(?:\d{1,2}|元)年度?|(?:19|20)\d{2}年度?|[RH]\d{1,2}年?度?"


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The file's bytes (the first `limit` of them), or one SheetError that names the file and the problem."""
    try:
        with open(path, "rb") as f:
            data = f.read() if limit is None else f.read(limit)
    except FileNotFoundError:
        raise SheetError(path, "file not found") from None
    except IsADirectoryError:
        raise SheetError(path, "is a directory, not a sheet file") from None
    except OSError as e:
        raise SheetError(path, f"cannot be read ({e.strerror})") from None
    return data


@dataclass
class Line:
    """One line of a document: its 1-based number and its cells (one cell for a line of prose)."""

    number: int
    cells: list[str]
    page: int | None = None  # PDF page (1-based), when read from a PDF
    cell_refs: list[str] | None = None  # worksheet cell of each cell (「事前分析表!F12」), when read from Excel

    @property
    def text(self) -> str:
        """The line as written, cells joined by tabs."""
        return "\t".join(self.cells)

    @property
    def is_row(self) -> bool:
        """A table row: more than one cell (the text reader saw a tab)."""
        return len(self.cells) > 1

    @property
    def blank(self) -> bool:
        return not any(c.strip() for c in self.cells)


@dataclass
class Document:
    """A file as read: where it came from, its full text and its lines."""

    path: str
    text: str
    lines: list[Line] = field(default_factory=list)


def join_wrapped(parts: Iterable[str]) -> str:
    """The lines of a wrapped cell or paragraph as one line: Japanese joins directly (「予」「算」→「予算」,
    a vertical header written one character per line), two ASCII ends keep a space (「65」「(56)」→「65 (56)」)."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and out[-1].isascii() and part[0].isascii():
            out += " "
        out += part
    return out
