"""The Excel reader: the ministry's .xlsx form → the lines the text reader gives, with cell references.

Each worksheet is read in order, one Line per row. A row whose only text is one unbordered cell (often
merged across the page) is prose: one cell. Any other row is a table row:
its cells up to the last bordered or filled column, a merged cell's text in its first cell and the
cells it covers empty (as the text extraction has it), line breaks inside a cell joined. Numbers are
written as their number format shows them (「598,665」, 「△14」, 「70%」). Every Line keeps the worksheet
cell of each cell (「事前分析表!F12」). Encrypted, old (.xls) and corrupt files raise `SheetError`.
"""
from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
from pathlib import Path
from typing import Any

from ..errors import SheetError
from .base import Document, Line, join_wrapped, read_bytes
from .stacked import unnamed_rows

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_xlsx(path: str | Path) -> Document:
    """Read every worksheet of an .xlsx workbook into one Document."""
    import openpyxl

    p = Path(path)
    _check_file(p)
    try:
        # Not read_only: merged ranges (which decide prose vs. table rows) are only known to full worksheets.
        with warnings.catch_warnings():  # a header/footer openpyxl cannot parse is no reason to stop
            warnings.simplefilter("ignore", UserWarning)
            wb = openpyxl.load_workbook(p, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as e:
        raise SheetError(p, f"is a corrupt or unreadable Excel file ({type(e).__name__}: {e})") from None
    lines: list[Line] = []
    try:
        for ws in wb.worksheets:
            if lines and not lines[-1].blank:
                lines.append(Line(len(lines) + 1, [""]))
            start = len(lines)
            _read_sheet(ws, lines)
            first = next((ln for ln in lines[start:] if not ln.blank), None)
            if start and first is not None and first.is_row and not re.fullmatch(r"(?i)sheet\d*", ws.title.strip()):
                # A worksheet that opens with a table (「目標達成度合いの測定結果 | …」) is headed by its tab's
                # name (評価結果): else its rows would stand under the previous worksheet's last heading.
                # (in 【】, as a form writes a part's heading: a tab's name, 「評価」, is rarely a heading's word)
                lines.insert(start, Line(0, [f"【{ws.title.strip()}】"]))
                for k, ln in enumerate(lines[start:], start + 1):
                    ln.number = k
    finally:
        wb.close()
    if not any(not ln.blank for ln in lines):
        raise SheetError(p, "is an Excel file with no text in any worksheet")
    text = "\n".join(ln.text for ln in lines) + "\n"
    return Document(path=str(p), text=text, lines=unnamed_rows(lines))


def _check_file(p: Path) -> None:
    head = read_bytes(p, 1 << 16)
    if not head:
        raise SheetError(p, "file is empty")
    if head.startswith(_OLE_MAGIC):
        # A password-protected .xlsx is an OLE container holding EncryptionInfo; otherwise it is an old .xls.
        if "EncryptionInfo".encode("utf-16-le") in head or b"EncryptedPackage" in head:
            raise SheetError(p, "is encrypted (password-protected Excel file): save it without a password first")
        raise SheetError(p, "is an old Excel 97-2003 (.xls) workbook, not .xlsx: save it as .xlsx")
    if not head.startswith(b"PK"):
        raise SheetError(p, "is not an .xlsx workbook (not a zip file): a corrupt file or another format")


def _read_sheet(ws: Any, lines: list[Line]) -> None:
    width = ws.max_column
    # Where each merged range starts, and how far right it reaches.
    merged_right = {(m.min_row, m.min_col): m.max_col for m in ws.merged_cells.ranges}
    ref = f"{ws.title}!"
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=width):
        texts = [_display(c) for c in row]
        filled = [i for i, t in enumerate(texts) if t]
        if not filled:
            lines.append(Line(len(lines) + 1, [""]))
            continue
        r = row[0].row
        first = filled[0]
        bordered = [i for i, c in enumerate(row) if _has_border(c)]
        lone = len(filled) == 1
        # A lone unbordered cell is prose; a lone bordered one is a row of a table (「①一般の部」 over its values).
        if lone and not bordered:
            lines.append(Line(len(lines) + 1, [texts[first]], cell_refs=[ref + row[first].coordinate]))
            continue
        end = max(filled + bordered + [merged_right.get((r, i + 1), i + 1) - 1 for i in filled]) + 1
        lines.append(Line(len(lines) + 1, texts[:end], cell_refs=[ref + c.coordinate for c in row[:end]]))


def _has_border(cell: Any) -> bool:
    b = getattr(cell, "border", None)
    return b is not None and any(getattr(b, side).style for side in ("left", "right", "top", "bottom")
                                 if getattr(b, side, None) is not None)


def _display(cell: Any) -> str:
    """A cell's text as the sheet shows it."""
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, int | float):
        return format_number(v, cell.number_format or "General")
    if isinstance(v, dt.datetime | dt.date):
        return v.strftime("%Y/%m/%d")
    return join_wrapped(str(v).replace("\r", "").split("\n"))


def format_number(v: float, fmt: str) -> str:
    """A number as an Excel number format writes it: 「#,##0」, 「0.0%」, 「#,##0;"△"#,##0」 (sections pos;neg;zero)."""
    sections = _split_sections(fmt)
    sec = sections[0]
    sign = ""
    if v < 0:
        if len(sections) >= 2:
            sec = sections[1]
        else:
            sign = "-"
        v = -v
    elif v == 0 and len(sections) >= 3:
        sec = sections[2]
    if sec.strip().lower() in ("general", "@", ""):
        return sign + (str(int(v)) if float(v).is_integer() else f"{v:.15g}")
    # Quoted and escaped literals masked (same length), so the number's digits are found outside them.
    literal = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', lambda m: "\0" * len(m.group(0)), sec)
    pct = "%" in literal
    numeric = re.search(r"[#0?,.]+", literal)
    if numeric is None:  # a format of text only
        return re.sub(r'"([^"]*)"', r"\1", sec)
    body = numeric.group(0)
    decimals = len(m.group(1)) if (m := re.search(r"\.([0#?]+)", body)) else 0
    x = v * 100 if pct else v
    num = f"{x:,.{decimals}f}" if "," in body else f"{x:.{decimals}f}"
    prefix, suffix = _literal(sec[:numeric.start()]), _literal(sec[numeric.end():])
    return sign + prefix + num + suffix


def _split_sections(fmt: str) -> list[str]:
    out, cur, quoted = [], "", False
    for ch in fmt:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    return out + [cur]


def _literal(part: str) -> str:
    """The characters a format part writes: quoted text, escaped characters, %, and plain symbols."""
    part = re.sub(r"\[[^\]]*\]", "", part)  # [Red], [$-411]
    out = re.sub(r'"([^"]*)"', r"\1", part)
    out = re.sub(r"\\(.)", r"\1", out)
    return re.sub(r"[_*].", "", out)
