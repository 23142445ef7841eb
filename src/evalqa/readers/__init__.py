"""Readers: turn a file into a `Document` (lines of cells with their positions) for the parser.

`text.py` reads extracted text (tabs between cells), `pdf.py` born-digital PDFs (pdfplumber) and
`excel.py` the Excel form (openpyxl); all give the same `Line` records, with a page (PDF) or cell
references (Excel), so one parser reads every format.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..normalize import ideographs
from .base import Document, Line
from .excel import read_xlsx
from .pdf import read_pdf
from .text import read_text

# Suffixes a corpus folder is scanned for.
SUFFIXES = {".txt", ".pdf", ".xlsx"}

_READERS: dict[str, Callable[[str | Path], Document]] = {".txt": read_text, ".pdf": read_pdf, ".xlsx": read_xlsx}


def read_document(path: str | Path) -> Document:
    """Read one sheet file by its suffix (.txt, .pdf, .xlsx). A file of any other suffix is read as text,
    which names the problem (「is a PDF …」, 「binary data」) when it is not sheet text."""
    reader = _READERS.get(Path(path).suffix.lower(), read_text)
    doc = reader(path)
    # Every format may carry radicals for ideographs (a PDF's font, text extracted from one): read them as written.
    doc.text = ideographs(doc.text)
    for line in doc.lines:
        line.cells = [ideographs(c) for c in line.cells]
    return doc


__all__ = ["SUFFIXES", "Document", "Line", "read_document"]
