"""The text reader: a sheet as extracted from the ministry's PDF (tab-separated cells, one row a line).

Decodes UTF-8 (with or without BOM) or CP932/Shift_JIS; refuses empty, binary and PDF files with a
`SheetError` that names the file.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

from ..errors import SheetError
from .base import Document, Line, read_bytes


def decode(path: str | Path, data: bytes | None = None) -> str:
    """UTF-8 (with or without BOM) or CP932/Shift_JIS → str; anything else → SheetError."""
    p = Path(path)
    if data is None:
        data = read_bytes(p)
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise SheetError(p, "file is empty")
    if b"\x00" in data[:8192] or data[:5] == b"%PDF-":
        if data[:5] == b"%PDF-":
            kind = "a PDF (name it .pdf to read it as one)"
        else:
            kind = "binary data"
        raise SheetError(p, f"is {kind}, not sheet text")
    for enc in ("utf-8-sig", "cp932"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise SheetError(
                p, f"is neither UTF-8 nor CP932/Shift_JIS text (undecodable byte at offset {e.start})") from None
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\r\n\f")
    if controls > max(8, len(text) // 100):
        raise SheetError(p, "looks like binary data, not sheet text (too many control characters)")
    return text


def text_document(text: str, path: str = "<text>") -> Document:
    """A document from sheet text: one Line per line, cells split at tabs."""
    lines = [Line(i, line.split("\t")) for i, line in enumerate(text.lstrip("\ufeff").splitlines(), 1)]
    return Document(path=path, text=text, lines=lines)


def read_text(path: str | Path) -> Document:
    """Read a text sheet file into a Document."""
    p = Path(path)
    return text_document(decode(p), str(p))
