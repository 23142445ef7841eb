"""The text reader: a sheet as extracted from the ministry's PDF (tab-separated cells, one row a line).

Decodes UTF-8 (with or without BOM) or CP932/Shift_JIS; refuses empty, binary and PDF files with a
`SheetError` that names the file.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..errors import SheetError
from .base import YEAR_CELL, Document, Line, read_bytes
from .inline import inline_tables
from .stacked import FIELD_LABELS, captions_apart, headed, restack, unnamed_rows


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


# Text laid out as a PDF prints it: cells apart by full-width spaces or runs of spaces (「当初予算（a）　　1,128,450」)
_GAP_RE = re.compile(r"[ \u3000]*\u3000[ \u3000]*| {2,}")
# 「基準値：5.3（令和元年）」: a short label, a colon and a value (with its year in brackets)
_FIELD_RE = re.compile(r"([^\d：:（）()]{2,8})[：:]\s*([△▲\-−]?\d[\d,.]*[^\s：:]{0,20})")
# A cell that is a value, a mark or a year: what a table's row holds and a sentence does not
_YEAR_CELL_RE = re.compile(YEAR_CELL)
_TABULAR_RE = re.compile(r"[△▲\-−－]?[\d,.]+(?:%|％)?(?:以下|以上|未満|超)?(?:[(（][△▲\-−]?[\d,.]+[)）])?|[－―\-○×△◎]"
                         rf"|{_YEAR_CELL_RE.pattern}")


# 「指標1　再審査事件の平均処理日数（日）　※小さいほど良好」: an indicator's caption, set out with spaces, is no row
_CAPTION_LABEL_RE = re.compile(r"(?:測定|参考)?指標\s*\d{1,2}(?:[-－]\d{1,2})?")


# What a tight column holds beside its neighbours, one space apart (`pdftotext -layout`): a value, a year, a year in
# brackets (「（H30年度）」「（毎年度）」), a kind of value or a grade
_ATOM_RE = re.compile(rf"{_TABULAR_RE.pattern}|[(（](?:[^()（）\s]{{0,6}}年度?|毎年度?)[)）]"
                      r"|目標値|実績値|基準値|年度目標値?|達成率|区分|判定|集計中|調査中")


def _tight(cells: list[str]) -> list[str]:
    """Cells one space apart split too, where every piece is a value, a year or a kind of value (「120 150以上 目標値」)
    or the line is a header of short words and years (「測定指標 基準値 目標値 区分 令和元年度 令和2年度」)."""
    out: list[str] = []
    for c in cells:
        parts = c.split(" ")
        if len(parts) > 1 and all(_ATOM_RE.fullmatch(x) for x in parts):
            out += parts
        else:
            out.append(c)
    if len(out) == 1 and len(parts := out[0].split(" ")) >= 4 and all(len(x) <= 8 for x in parts) \
            and sum(bool(_YEAR_CELL_RE.fullmatch(x)) for x in parts) >= 2:
        return parts
    return out


_HEADER_FIELD_RE = re.compile(rf"(?:{FIELD_LABELS})[：:]")


def aligned_cells(line: str) -> list[str]:
    """A line's cells when it is a table row set out with spaces (three or more cells, two of them values or years,
    or four or more short cells, as a header), or fields with their values (「基準値：5.3（令和元年）　目標値：10
    （令和7年）」 → label, value, label, value); else the line whole, as prose and titles are."""
    cells = _tight([c for c in _GAP_RE.split(line.strip()) if c])
    if cells and _CAPTION_LABEL_RE.fullmatch(cells[0]):
        return [line]
    if any(_HEADER_FIELD_RE.match(c) for c in cells):
        # 「担当部局名：…　　作成責任者名：領事局政策課長　藤本　和宏」: a line of header fields, whose values may hold
        # a full-width space (a person's name); read by its labels, not as a table's cells
        return [line]
    fields = [_FIELD_RE.fullmatch(c) for c in cells]
    if len(cells) >= 2 and all(fields):
        return [x for m in fields if m for x in (m.group(1), m.group(2))]
    if len(cells) >= 3 and (sum(bool(_TABULAR_RE.fullmatch(c)) for c in cells) >= 2 or (
            len(cells) >= 4 and all(len(c) <= 30 and "。" not in c for c in cells))):
        return cells
    return [line]


# Tables drawn with box characters (「┌──┬──┐」「│区分│令和３年度│」) or pipes (「| 区分 | 令和3年度 |」, 「|---|---|」)
_BOX = "┌┬┐├┼┤└┴┘─━┏┳┓┣╋┫┗┻┛┠┨┯┷┿╂┝┥┰┸"
_BORDER_RE = re.compile(rf"[{_BOX}│┃\s\u3000]*[{_BOX}][{_BOX}│┃\s\u3000]*|\|?(?:\s*:?-{{3,}}:?\s*\|)+\s*:?-*:?\s*")
_BAR_ROW_RE = re.compile(r"[│┃|].*[│┃|].*[│┃|]")


def _drawn_cells(line: str) -> list[str] | None:
    """A row of a drawn table as its cells; a border line as one empty cell (inside a table, as a blank line
    is); None for any other line."""
    s = line.strip()
    if not s:
        return None
    if _BORDER_RE.fullmatch(s):
        return [""]
    if s[0] in "│┃|" and _BAR_ROW_RE.fullmatch(s):
        return [c.strip(" \u3000") for c in re.split(r"[│┃|]", s)[1:-1 if s[-1] in "│┃|" else None]]
    return None


# A row of a table whose cells a web page's copy sets apart with pipes and no outer bars: 「区分 | 令和3年度 | …」,
# 「 | 実績値 | 198.6 | …」 (a first cell left empty), 「アジア | 8,214」 among such rows
# (or with full-width bars, spaced or not: 「年度｜目標｜実績」)
_PIPE_RE = re.compile(r"\s\|\s|^\s*\|\s|｜")


def _piped_cells(rows: list[str], i: int) -> list[str] | None:
    """The cells of row i of a table set apart with spaced pipes: two pipes or more, or one among rows that
    have them; None for any other line (a pipe in prose is no table)."""
    r = rows[i]
    found = len(_PIPE_RE.findall(r))
    if found == 0 or found == 1 and not any(
            0 <= j < len(rows) and _PIPE_RE.search(rows[j]) for j in (i - 1, i + 1)):
        return None
    return [c.strip(" \u3000") for c in re.split(r"[|｜]", r.strip("\r\n"))]


def text_document(text: str, path: str = "<text>") -> Document:
    """A document from sheet text: one Line per line, cells split at tabs (or, in text with no tab at all, at the
    spaces that set a table's columns apart); tables drawn with box characters or pipes, at their bars (or, copied
    from a web page, between spaced pipes); tables copied one cell to a line, put back into rows."""
    rows = text.lstrip("\ufeff").splitlines()
    aligned = not any("\t" in r for r in rows)
    lines = [Line(i, drawn if (drawn := _drawn_cells(r)) is not None
                  else piped if (piped := _piped_cells(rows, i - 1)) is not None
                  else aligned_cells(r) if aligned else r.split("\t")) for i, r in enumerate(rows, 1)]
    return Document(path=path, text=text, lines=unnamed_rows(headed(captions_apart(restack(inline_tables(lines))))))


def read_text(path: str | Path) -> Document:
    """Read a text sheet file into a Document."""
    p = Path(path)
    return text_document(decode(p), str(p))
