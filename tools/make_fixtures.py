"""Lay text sheets out as the ministries' Excel form, and print that form to PDF with LibreOffice.

    .venv/bin/python tools/make_fixtures.py            # writes tests/fixtures/<stem>.xlsx and .pdf

Each line of the text sheet becomes one worksheet row, so that the Excel and the PDF hold the same
cells as the text (the golden tests compare their figures value by value). What makes it a form:
prose in a cell merged across the page width, tables with thin borders, header cells merged over the
empty cells after them, wrapped text, the 「予算の状況」 label merged down its rows and written one
character per line, fixed column widths, an A4 landscape page fitted to one page wide with a page
number in the footer. LibreOffice (`soffice --headless --convert-to pdf`) prints it as most ministries'
PDFs are made. The xlsx is written with fixed zip timestamps so that a re-run gives the same bytes.
"""
from __future__ import annotations

import io
import math
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from evalqa.cells import parse_cell  # noqa: E402
from evalqa.readers.text import decode  # noqa: E402

SOURCES = [ROOT / "corpus" / "mofa-r3-I-2-hokubei.txt", ROOT / "tests" / "sheets" / "mext-r1-II-3-kokusai.txt",
           ROOT / "tests" / "sheets" / "mhlw-h30-V-1-shuro.txt"]
OUT = ROOT / "tests" / "fixtures"
SHEET_NAME = "事前分析表"
FONT = Font(name="Noto Sans CJK JP", size=9)
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FIRST_WIDTH, WIDTH = 24.0, 12.0  # column widths in Excel units (about one half-width character each)
LINE_PT = 13.0  # height of one line of 9 pt Noto Sans CJK, with LibreOffice's spacing
FIXED_TIME = (2021, 4, 1, 0, 0, 0)
PAGE_PT = 520.0  # row height a page holds (A4 landscape, 0.6 in margins, fitted to width, room for the footer)


def text_width(text: str) -> int:
    """Half-width units: a Japanese character counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def lines_needed(text: str, width_units: float) -> int:
    # 0.8: wrapping breaks before a whole character and at spaces, so a line holds less; a line more for
    # text with spaces, which LibreOffice wraps at a space rather than mid-word (clipped text is lost text).
    per_line = max(1.0, width_units * 0.8)
    n = sum(max(1, math.ceil(text_width(part) / per_line)) for part in text.split("\n"))
    return n + 1 if n > 1 and " " in text else n


def as_number(text: str) -> tuple[float, str] | None:
    """A cell holding one plain number as Excel keeps it: the value and a number format that shows the text
    as written (「598,665」 #,##0, 「△14」 with a △ format, 「70%」 0%); codes such as 「0017」 stay text."""
    t = text.strip()
    m = re.fullmatch(r"(△)?(\d[\d,]*)(?:\.(\d+))?(%)?", t)
    if not m or re.fullmatch(r"0\d+", t):
        return None
    decimals = len(m.group(3) or "")
    body = ("#,##0" if "," in m.group(2) else "0") + ("." + "0" * decimals if decimals else "")
    value = float(t.strip("△%").replace(",", "")) if decimals else int(t.strip("△%").replace(",", ""))
    if m.group(4):
        return value / 100, body + "%"
    if m.group(1):
        return -value, f'{body};"△"{body}'
    return value, body


def blocks(lines: list[list[str]]) -> list[tuple[str, int, int]]:
    """(kind, first, end) runs of the text: 'table' (rows of cells, blank lines inside allowed), 'prose', 'blank'."""
    out: list[tuple[str, int, int]] = []
    i = 0
    while i < len(lines):
        cells = lines[i]
        if len(cells) > 1:
            j = i
            while j < len(lines) and (len(lines[j]) > 1 or not "".join(lines[j]).strip()):
                j += 1
            while j > i and not "".join(lines[j - 1]).strip():  # trailing blank lines are not the table's
                j -= 1
            out.append(("table", i, j))
            i = j
        else:
            out.append(("prose" if cells[0].strip() else "blank", i, i + 1))
            i += 1
    return out


def layout(ws: Worksheet, lines: list[list[str]]) -> None:
    ncols = max(len(c) for c in lines)
    widths = [FIRST_WIDTH] + [WIDTH] * (ncols - 1)
    for c, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    wrap = Alignment(wrap_text=True, vertical="top")
    row = 0
    for kind, first, end in blocks(lines):
        # The 事前分析表 (「施策 I - 2 …」) and the 【政策ごとの予算額】 調書 each start a page, as in the forms.
        head = lines[first][0].strip()
        if row > 3 and (re.match(r"施策\s*[IVX]", head) or head == "【政策ごとの予算額】"):
            ws.row_breaks.append(Break(id=row))
        if kind == "blank":
            row += 1
            ws.row_dimensions[row].height = 8
            continue
        if kind == "prose":
            row += 1
            text = lines[first][0]
            cell = ws.cell(row, 1, text)
            cell.font, cell.alignment = FONT, wrap
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
            ws.row_dimensions[row].height = lines_needed(text, sum(widths)) * LINE_PT + 3
            continue
        rows = [lines[k] for k in range(first, end) if "".join(lines[k]).strip()]
        width = max(len(r) for r in rows)
        top = row + 1
        for cells in rows:
            row += 1
            cells = cells + [""] * (width - len(cells))
            numeric = any(parse_cell(c) for c in cells[1:])
            spans: list[tuple[int, int]] = []  # (first column, last column), 0-based
            c = 0
            while c < width:
                e = c
                # Merge a label over the empty cells after it (header and name rows, not rows of values).
                if cells[c].strip() and not numeric:
                    while e + 1 < width and not cells[e + 1].strip():
                        e += 1
                spans.append((c, e))
                c = e + 1

            height = 1
            for s, e in spans:
                for k in range(s, e + 1):
                    ws.cell(row, k + 1).border = BOX
                cell = ws.cell(row, s + 1, cells[s].strip() or None)
                number = as_number(cells[s])
                if number is not None:
                    cell.value, cell.number_format = number
                cell.font = FONT
                cell.alignment = Alignment(wrap_text=True, vertical="center",
                                           horizontal="right" if parse_cell(cells[s]) else "left")
                if e > s:
                    ws.merge_cells(start_row=row, start_column=s + 1, end_row=row, end_column=e + 1)
                height = max(height, lines_needed(cells[s].strip(), sum(widths[s:e + 1])))
            ws.row_dimensions[row].height = height * LINE_PT + 3
        _vertical_label(ws, top, row)


def _vertical_label(ws: Worksheet, top: int, bottom: int) -> None:
    """「予算の状況」 and the 「(百万円)」 labels under it are one cell merged down the budget rows, its text
    stacked one character per line, as in the ministries' forms."""
    for r in range(top, bottom + 1):
        if ws.cell(r, 1).value != "予算の状況" or r + 4 > bottom:
            continue
        ws.cell(r, 1).value = "予算の状況(百万円)"
        for k in range(r + 1, r + 5):
            ws.cell(k, 1).value = None
        ws.merge_cells(start_row=r, start_column=1, end_row=r + 4, end_column=1)
        ws.cell(r, 1).alignment = Alignment(text_rotation=255, vertical="center", horizontal="center")
        need = (len("予算の状況(百万円)") * 13 + 8) / 5  # stacked characters need their full height
        for k in range(r, r + 5):
            ws.row_dimensions[k].height = max(ws.row_dimensions[k].height or 0, need)


def paginate(ws: Worksheet, budget: float = PAGE_PT) -> None:
    """Manual page breaks that never cut a merged cell (LibreOffice would split its text over two pages):
    each page holds at most `budget` points of rows, so LibreOffice adds no breaks of its own."""
    starts = {b.id + 1 for b in ws.row_breaks.brk}  # rows that already start a page
    inside = {r for m in ws.merged_cells.ranges for r in range(m.min_row + 1, m.max_row + 1)}
    used = 0.0
    for r in range(1, ws.max_row + 1):
        h = ws.row_dimensions[r].height or 15.0
        if r in starts:
            used = 0.0
        if used + h > budget and r > 1:
            first = r
            while first in inside:
                first -= 1
            ws.row_breaks.append(Break(id=first - 1))
            used = sum(ws.row_dimensions[k].height or 15.0 for k in range(first, r))
        used += h


def page_setup(ws: Worksheet, last_row: int, ncols: int) -> None:
    ws.print_area = f"A1:{get_column_letter(ncols)}{last_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddHeader.center.text = ""
    ws.oddFooter.center.text = "&P"


def workbook_bytes(text: str) -> bytes:
    lines = [ln.split("\t") for ln in text.lstrip("\ufeff").splitlines()]
    while lines and not "".join(lines[0]).strip():  # leading blank lines are not part of the form
        lines.pop(0)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET_NAME
    layout(ws, lines)
    paginate(ws)
    page_setup(ws, ws.max_row, max(len(c) for c in lines))
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed_zip(buf.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same workbook with fixed timestamps (zip entries and docProps), so a re-run gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2021-04-01T00:00:00Z", body)
            dst.writestr(zipfile.ZipInfo(info.filename, FIXED_TIME), body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def to_pdf(xlsx: Path, outdir: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice is needed to print the PDFs: apt-get install libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as tmp:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", tmp, str(xlsx)], check=True, capture_output=True, timeout=300)
        pdf = outdir / (xlsx.stem + ".pdf")
        shutil.move(str(Path(tmp) / pdf.name), pdf)
    return pdf


def main(argv: list[str]) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    sources = [Path(a) for a in argv] or SOURCES
    for src in sources:
        xlsx = OUT / (src.stem + ".xlsx")
        xlsx.write_bytes(workbook_bytes(decode(src)))
        pdf = to_pdf(xlsx, OUT)
        print(f"{src.relative_to(ROOT) if src.is_relative_to(ROOT) else src} → {xlsx.name}, {pdf.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
