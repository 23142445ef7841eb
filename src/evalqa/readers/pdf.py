"""The PDF reader: a born-digital PDF (as the ministries publish them) → the lines the text reader gives.

Ruled tables (pdfplumber's line strategy) become rows of cells: a wrapped cell is joined into one
line, a merged cell keeps its text in its first column with empty cells after it (as the text
extraction has it), a vertical header written one character per line is joined into its word, and a
table continued at the top of the next page goes on with its rows (a repeated header is dropped).
Text outside tables becomes one line per paragraph, in reading order; a line whose characters stand apart in
columns (a table without rules, as word processors print them) becomes a row of cells as a text sheet's is.
Page numbers in the margins are left out. Every Line keeps its page. Scans, encrypted and corrupt files raise
`SheetError`.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import SheetError
from ..measures import measure_of
from .base import Document, Line, join_wrapped, read_bytes
from .stacked import captions_apart
from .text import aligned_cells

# pdfminer warns once per glyph about fonts it can read anyway (「Could not get FontBBox」): hundreds of lines
# that say nothing about the sheet. Errors that stop a read still raise.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

# A line in the top or bottom margin that is only a page number: 「- 3 -」「3」「3/17」「p.3」.
_PAGE_NUMBER_RE = re.compile(r"[-－–—‐(（\s]*(?:p\.?\s*)?\d+(?:\s*/\s*\d+)?[-－–—‐)）\s]*", re.I)
_MARGIN = 0.08  # share of the page height at the top and at the bottom where page numbers stand
_CELL_GAP = 1.25  # a gap this many characters wide sets a line's columns apart (no sentence spaces so widely)
_SPACE = 3.0  # a smaller gap (in points) is a space between words, as pdfplumber reads it


@dataclass
class _Item:
    """A paragraph line or a table of one page, where it stands."""

    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    text: str = ""
    rows: list[list[str]] | None = None  # a table: its rows of cells
    cells: list[str] | None = None  # a line set out in columns without rules: its cells
    spans: list[tuple[float, float]] | None = None  # … and where each stands (x0, x1)
    columns: list[float] | None = None  # a table: the left edge of each column
    row_pages: list[int] | None = None  # a table cut by a page break and put back together: each row's page

    @property
    def height(self) -> float:
        return self.bottom - self.top


def read_pdf(path: str | Path) -> Document:
    """Read a born-digital PDF into a Document: table rows as cells, paragraphs as one-cell lines."""
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    p = Path(path)
    _check_file(p)
    items: list[_Item] = []
    chars = 0
    try:
        with pdfplumber.open(p) as pdf:
            for number, page in enumerate(pdf.pages, 1):
                chars += len(page.chars)
                items.extend(_page_items(page, number))
    except PdfminerException as e:
        raise SheetError(p, _pdfminer_reason(e.args[0] if e.args else e)) from None
    except SheetError:
        raise
    except Exception as e:  # pdfminer raises many kinds on a damaged file; all mean the same to a user
        raise SheetError(p, _corrupt(e)) from None
    if chars == 0:
        raise SheetError(p, "has no text layer (a scanned PDF?): OCR is needed before it can be read")
    return _document(str(p), items)


def _check_file(p: Path) -> None:
    head = read_bytes(p, 1024)
    if not head:
        raise SheetError(p, "file is empty")
    if b"%PDF-" not in head:
        raise SheetError(p, "is not a PDF (no %PDF- header): a corrupt file or another format named .pdf")


def _pdfminer_reason(e: BaseException) -> str:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    if isinstance(e, PDFPasswordIncorrect):
        return "is encrypted (password-protected PDF): save it without a password first"
    if isinstance(e, PDFEncryptionError):
        return f"is encrypted in a way that cannot be read ({e})"
    return _corrupt(e)


def _corrupt(e: BaseException) -> str:
    return f"cannot be read as a PDF: the file is corrupt or truncated ({type(e).__name__}: {e})"


# --- one page ---------------------------------------------------------------------------------


def _page_items(page: Any, number: int) -> list[_Item]:
    tables = page.find_tables()
    if open_ends := [y for t in tables for y in _open_ends(t)]:
        # A row cut by the page break has no rule on that side: without one its cells are not found and their
        # text would be lost; the table's own edge closes them.
        tables = page.find_tables(table_settings={"explicit_horizontal_lines": open_ends})
    boxes = [t.bbox for t in tables]
    items = [_Item(number, t.bbox[1], t.bbox[3], t.bbox[0], t.bbox[2], rows=_table_rows(t),
                   columns=sorted({c[0] for c in t.cells})) for t in tables]

    def outside(obj: dict) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside) if boxes else page
    for ln in text_page.extract_text_lines(return_chars=True):
        text = ln["text"].strip()
        in_margin = ln["top"] > page.height * (1 - _MARGIN) or ln["bottom"] < page.height * _MARGIN
        if not text or (in_margin and _PAGE_NUMBER_RE.fullmatch(text)):
            continue
        item = _Item(number, ln["top"], ln["bottom"], ln["x0"], ln["x1"], text=text)
        runs = _runs(ln["chars"])
        if len(runs) > 1 and len(cells := aligned_cells("\u3000\u3000".join(t for _, _, t in runs))) > 1:
            item.cells = cells
            item.spans = [(x0, x1) for x0, x1, _ in runs] if len(runs) == len(cells) else None
        items.append(item)
    items.sort(key=lambda it: (it.top, it.x0))
    return items


def _runs(chars: list[dict]) -> list[tuple[float, float, str]]:
    """A line's characters in runs set apart by gaps wider than `_CELL_GAP` characters: (x0, x1, text)."""
    shown = [c for c in chars if c["text"].strip()]  # (a space glyph is part of a gap, not of a cell)
    runs: list[list[dict]] = []
    for c in shown:
        if runs and c["x0"] - runs[-1][-1]["x1"] >= _CELL_GAP * max(c["size"], runs[-1][-1]["size"]):
            runs.append([c])
        elif runs:
            runs[-1].append(c)
        else:
            runs.append([c])
    return [(r[0]["x0"], r[-1]["x1"], r[0]["text"] + "".join(
        (" " if b["x0"] - a["x1"] > _SPACE else "") + b["text"] for a, b in zip(r, r[1:], strict=False))) for r in runs]


def _open_ends(table: Any) -> list[float]:
    """The table's top and bottom where some column's cells stop short of them (a row cut by a page break)."""
    x0, top, x1, bottom = table.bbox
    columns: dict[float, list[tuple[float, float]]] = {}
    for c in table.cells:
        columns.setdefault(round(c[0]), []).append((c[1], c[3]))
    out = []
    if any(min(t for t, _ in spans) > top + 1 for spans in columns.values()):
        out.append(top)
    if any(max(b for _, b in spans) < bottom - 1 for spans in columns.values()):
        out.append(bottom)
    return out


def _table_rows(table: Any) -> list[list[str]]:
    """The table's rows of cells; a merged cell's covered cells are empty, wrapped lines are joined."""
    rows = []
    for row in _extract(table):
        cells = [join_wrapped((c or "").split("\n")) for c in row]
        if any(cells):
            rows.append(cells)
    return rows


# --- the document -------------------------------------------------------------------------------


def _document(path: str, items: list[_Item]) -> Document:
    """Lines from the items of every page: paragraphs joined, continued tables without repeated headers."""
    texts = [it for it in items if it.rows is None]
    # The right edge of the text column: a line reaching it was wrapped, and the paragraph goes on.
    right = max([it.x1 for it in items] or [0.0])
    lines: list[Line] = []
    prev: _Item | None = None
    prev_table: _Item | None = None
    para: list[str] = []
    para_page = 0

    def flush() -> None:
        if para:
            lines.append(Line(len(lines) + 1, [join_wrapped(para)], page=para_page))
            para.clear()

    char = _median([it.height for it in texts]) or 10.0
    items = _rejoined(items)
    _corner_cells(items)
    for it in items:
        if it.cells is not None:  # a row of a table without rules
            flush()
            lines.append(Line(len(lines) + 1, it.cells, page=it.page))
            prev = it
            continue
        if it.rows is not None:
            flush()
            rows = it.rows
            if prev_table is not None and prev is prev_table and it.page == prev_table.page + 1:
                rows = _continued(lines, prev_table, it)
            pages = it.row_pages if it.row_pages and rows is it.rows else [it.page] * len(rows)
            for cells, page in zip(rows, pages, strict=True):
                lines.append(Line(len(lines) + 1, cells, page=page))
            prev = prev_table = it
            continue
        wrapped = (prev is not None and prev.rows is None and prev.cells is None and prev.page == it.page and para
                   and prev.x1 >= right - 2.5 * char and it.top - prev.bottom < 0.8 * char)
        if not wrapped:
            flush()
            para_page = it.page
        para.append(it.text)
        prev = it
    flush()
    text = "\n".join(ln.text for ln in lines) + "\n"
    return Document(path=path, text=text, lines=captions_apart(lines))


def _rejoined(items: list[_Item]) -> list[_Item]:
    """A table cut by a page break whose cut row is drawn without rules, below the table's first part or above
    its next part (「計）（万人）」, the end of a name, then 「実績値 3.9 7.2 …」; or a kind of value written down
    its cell one character a line, 「実」「績」「値」): that row's pieces go back into the table, each under the
    column where it stands; the next part then goes on with its rows."""
    out: list[_Item] = []
    for it in items:
        if it.rows is not None and it.columns and (a := next((x for x in reversed(out) if x.rows is not None), None)) \
                and a.page == it.page - 1 and a.rows and a.columns and len(a.columns) == len(it.columns):
            pieces = out[out.index(a) + 1:]
            if pieces and all(x.page == a.page and x.top >= a.bottom - 1 or x.page == it.page and x.bottom <= it.top + 1
                              for x in pieces) and (rows := _cut_row(pieces, a, it)) is not None:
                rest = _without_repeated_header(a.rows, it.rows)
                a.row_pages = [*(a.row_pages or [a.page] * len(a.rows)), *(p for _, p in rows),
                               *[it.page] * len(rest)]
                a.rows = [*a.rows, *(r for r, _ in rows), *rest]
                del out[out.index(a) + 1:]
                continue
        out.append(it)
    return out


def _cut_row(pieces: list[_Item], a: _Item, b: _Item) -> list[tuple[list[str], int]] | None:
    """The rows the pieces of a cut row make, each piece under the column it stands in (the columns of the part
    of the table on its page); a fragment of text goes onto the cell above it, and a row's first cell that is
    neither a value nor a kind of value onto the name of the last row before the break. None unless every piece
    is such a fragment or a row set out in columns, with a value among them; the table is changed only then."""
    rows: list[tuple[list[str], int]] = []  # (a row, the page it stands on)
    last = list((a.rows or [[]])[-1])  # (a copy: written back only when the pieces make a row)

    def column(x0: float, piece: _Item) -> int:
        edges = (a if piece.page == a.page else b).columns or []
        return max((i for i, c in enumerate(edges) if c <= x0 + 2), default=0)

    for x in pieces:
        if x.cells is not None and x.spans is not None:
            row = [""] * len(last)
            for (x0, _), cell in zip(x.spans, x.cells, strict=True):
                row[column(x0, x)] = cell
            if row[0] and last and last[0].strip() and not re.search(r"\d", row[0]) \
                    and measure_of(row[0], whole=True) is None:
                last[0], row[0] = join_wrapped([last[0], row[0]]), ""  # (the end of the name above)
            rows.append((row, x.page))
        elif x.cells is None and len(x.text) <= 20 and not re.search(r"。|続", x.text) and last \
                and (x.page == a.page or _without_repeated_header(a.rows or [], b.rows or []) == b.rows):
            # (a line over a next part that repeats the header is its caption: 「2．測定指標（続き）」)
            above = rows[-1][0] if rows else last
            k = column(x.x0, x)
            above[k] = join_wrapped([above[k], x.text])
        else:
            return None
    # (a value among the pieces, a cell that is only a number: a caption, 「測定指標（続き）」, or a row of years
    # is no piece of a row)
    if not any(re.fullmatch(r"[△▲−-]?[\d,.]+%?(?:[(（][^()（）]{1,6}[)）])?", c.strip()) for r, _ in rows for c in r):
        return None
    if a.rows:
        a.rows[-1] = last
    return rows


def _corner_cells(items: list[_Item]) -> None:
    """A header row of a table without rules whose corner is blank (「　令和元年度　令和2年度 …」 over 「目標値　41.5
    …」) gets an empty first cell, so that its years stand over their columns."""
    for a, b in zip(items, items[1:], strict=False):
        if a.cells and b.cells and a.spans and b.spans and a.page == b.page \
                and len(b.cells) == len(a.cells) + 1 and a.spans[0][0] > b.spans[0][1]:
            a.cells = ["", *a.cells]


def _continued(lines: list[Line], before: _Item, part: _Item) -> list[list[str]]:
    """The rows of a table continued at the top of the next page. A part whose merged cells hide some
    column edges (a lone header row) is spread over the other part's columns, so both have the same
    cells; a header the new page repeats is dropped."""
    a, b = before.columns or [], part.columns or []
    rows = part.rows or []
    if _covers(b, a) and len(b) > len(a):
        spread = [_spread(r, a, b) for r in before.rows or []]
        for ln, cells in zip(lines[len(lines) - len(spread):], spread, strict=True):
            ln.cells = cells
        before.rows, before.columns = spread, b
    elif _covers(a, b) and len(a) > len(b):
        rows = [_spread(r, b, a) for r in rows]
    rows = _without_repeated_header(before.rows or [], rows)
    last = lines[-1] if lines and before.rows else None
    if last is not None and rows and _cut(rows[0]) and len(rows[0]) == len(last.cells) and last.cells[0].strip():
        # the rest of the row the page break cut (「度）」「年度）」「値」 under 「1,016.4（令和元年」「年度目標」)
        last.cells = [join_wrapped([x, y]) for x, y in zip(last.cells, rows[0], strict=True)]
        rows = rows[1:]
    return rows


def _cut(cells: list[str]) -> bool:
    """Is a first row on the new page the rest of a cut row: no name of its own, only fragments, no value?"""
    rest = [c for c in cells[1:] if c.strip()]
    return not cells[0].strip() and bool(rest) and not any(re.fullmatch(r"[\d,.△▲−-]+%?", c.strip()) for c in rest)


def _covers(wide: list[float], narrow: list[float], tolerance: float = 3.0) -> bool:
    return bool(narrow) and all(any(abs(x - y) <= tolerance for y in wide) for x in narrow)


def _spread(cells: list[str], columns: list[float], to: list[float]) -> list[str]:
    out = [""] * len(to)
    for x, cell in zip(columns, cells, strict=False):
        out[min(range(len(to)), key=lambda i: abs(to[i] - x))] = cell
    return out


def _without_repeated_header(before: list[list[str]], rows: list[list[str]]) -> list[list[str]]:
    """The rows of a table continued on a new page, without the header rows it repeats from the part before."""
    k = 0
    while k < len(rows) and k < len(before) and rows[k] == before[k]:
        k += 1
    return rows[k:] if k < len(rows) else rows


def _median(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[len(xs) // 2] if xs else 0.0


def _extract(table: Any) -> list[list[str | None]]:
    """pdfplumber's cell texts, except where a text is drawn over a neighbour's (a merged cell's value overflowing
    into the column beside it: 「13.0以下（令和8年）」 across 「17.4」): each text the page draws goes whole to the
    cell that holds most of its characters, instead of each character to the cell under it."""
    x0, top, x1, bottom = table.bbox
    chars = [c for c in table.page.chars if x0 <= (c["x0"] + c["x1"]) / 2 <= x1
             and top <= (c["top"] + c["bottom"]) / 2 <= bottom]
    homes = _homes([c for c in chars if c["text"].strip()], list(table.cells))
    if not homes:
        return table.extract()
    from pdfplumber.utils import extract_text  # (pdfplumber is imported when a PDF is read)

    def point(c: dict) -> tuple[float, float]:
        return homes.get(id(c)) or ((c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2)

    def inside(c: dict, box: tuple[float, float, float, float]) -> bool:
        x, y = point(c)
        return box[0] <= x < box[2] and box[1] <= y < box[3]

    out: list[list[str | None]] = []
    for row in table.rows:
        out.append([None if cell is None else extract_text([c for c in chars if inside(c, cell)])
                    for cell in row.cells])
    return out


def _homes(chars: list[dict], cells: list[tuple[float, float, float, float]]) -> dict[int, tuple[float, float]]:
    """For the characters of each text drawn over another (by the order they are drawn in, a run goes on
    rightwards on one line), the centre of the cell holding most of that text: {} when nothing overlaps."""
    runs: list[list[dict]] = []
    for c in chars:  # (in the order the page draws them)
        last = runs[-1][-1] if runs else None
        if last is not None and abs(c["top"] - last["top"]) < 0.5 and -0.5 <= c["x0"] - last["x1"] < 0.3 * c["size"]:
            runs[-1].append(c)
        else:
            runs.append([c])
    spans = [(r[0]["top"], r[0]["x0"], r[-1]["x1"]) for r in runs]
    over = {i for i, (t, a0, a1) in enumerate(spans) for j, (u, b0, b1) in enumerate(spans)
            if i != j and abs(t - u) < 0.5 and min(a1, b1) - max(a0, b0) > 0.5 * runs[i][0]["size"]}
    homes: dict[int, tuple[float, float]] = {}
    for i in over:
        def held(box: tuple[float, float, float, float], run: list[dict] = runs[i]) -> int:
            return sum(box[0] <= (c["x0"] + c["x1"]) / 2 < box[2] and box[1] <= (c["top"] + c["bottom"]) / 2 < box[3]
                       for c in run)
        box = max(cells, key=held, default=None)
        if box is not None and held(box):
            homes.update({id(c): ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2) for c in runs[i]})
    return homes
