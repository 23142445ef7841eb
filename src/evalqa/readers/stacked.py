"""Tables copied from a web page one cell to a line (「区分」「令和2年度」「令和3年度」「当初予算（a）」「3,512,406」…):
the lines of each table put back into rows of cells.

A table is found where short lines run on: a header of cells that are no values, then rows of the same width
whose first cell names the row and whose other cells are all values (numbers, 「－」, a grade, indicator numbers
「1、5」). Of the widths that fit, the one that takes in the most lines; lines that make no table stay as they are,
but for a header field's label over its value (「施策名」「人権の擁護（…）」), which make one row.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from .base import YEAR_CELL, Line

# A value cell: a number with its unit, bound and note (「67.0以内」「63.9（速報値）」「60日以内」), a dash, a grade, or
# the numbers of related indicators (「1、5」); not a year (「2020年度」 heads a column)
_VALUE_RE = re.compile(r"(?!(?:19|20)\d{2}年)[△▲\-−]?\d[\d,]*(?:\.\d+)?\s*(?:%|％|[^\d\s（）()、。：:]{1,4})?"
                       r"(?:以下|以上|以内|未満|超)?(?:[（(][^（）()]{1,10}[)）])?"
                       r"|[－―\-‐—]|\d{1,2}(?:[、,・]\d{1,2})+"
                       r"|達成|未達成|一部達成|概ね達成|集計中|調査中|[○×△◎◯✕]|[A-Ea-eSs](?:-\d)?")
_MAX_WIDTH = 12
# (a row's name may be long, 「⑤インターネット上の人権侵害対策推進事業（令和2年度）」; a sentence is no cell)
_MAX_CELL = 60


def _value(cell: str) -> bool:
    return _VALUE_RE.fullmatch(cell.strip()) is not None


def _name(cell: str, longest: int = _MAX_CELL) -> bool:
    c = cell.strip()
    return bool(c) and len(c) <= longest and "。" not in c and not _value(c)


def _table_at(cells: list[str], i: int) -> tuple[int, int] | None:
    """(width, lines taken) of the table whose header starts at cells[i], the widest take first; None if none."""
    best: tuple[int, int] | None = None
    for w in range(2, _MAX_WIDTH + 1):
        if i + 2 * w > len(cells) or not all(_name(c, 30) for c in cells[i:i + w]):
            continue
        j = i + w
        while j + w <= len(cells) and _name(cells[j]) and all(_value(c) for c in cells[j + 1:j + w]):
            j += w
        rows = (j - i) // w - 1
        digits = sum(bool(re.search(r"\d", c)) for c in cells[i + w:j])
        # (two rows at least of a two-column table; most value cells hold a number)
        if rows >= (1 if w >= 3 else 2) and digits * 2 >= rows * (w - 1) and (best is None or j - i > best[1]):
            best = (w, j - i)
    return best


# The labels of a sheet's header fields, each on a line of its own over its value (「施策名」「人権の擁護（…）」)
FIELD_LABELS = (r"施策名|政策名|施策目標|政策目標|基本政策|基本目標|評価方式|評価実施時期|評価対象期間"
                r"|担当部局名?|作成責任者名?|(?:次回の)?政策評価実施予定時期|達成すべき目標")
_FIELD_LABEL_RE = re.compile(rf"(?:{FIELD_LABELS})")


def _field_labels(cell: str) -> list[str]:
    """The header-field labels a line is made of (「施策名」, 「◇施策名」, 「【担当部局名】」,
    「担当部局名／作成責任者名」), else none."""
    bare = re.sub(r"^[◇◆■□●○・【\[]\s*|\s*[】\]]$", "", cell.strip())
    labels = re.split(r"\s*[／/]\s*", bare)
    return labels if all(_FIELD_LABEL_RE.fullmatch(x) for x in labels) else []


def restack(lines: list[Line]) -> list[Line]:
    """The document's lines with each run of one-cell lines that forms a table put back into its rows (each row
    numbered by the line of its first cell)."""
    out: list[Line] = []
    run: list[Line] = []

    def flush() -> None:
        cells = [ln.cells[0] for ln in run]
        i = 0
        while i < len(run):
            found = _table_at(cells, i)
            if found is None:
                # (a header field's label on a line of its own, its value on the next: one row of both)
                # (a web page marks it, 「◇施策名」; two labels apart by a slash head two values so apart:
                # 「◇担当部局名／作成責任者名」 over 「事務局総務企画部企画課／企画課長　長谷部　修」)
                labels = _field_labels(cells[i])
                value = cells[i + 1].strip() if i + 1 < len(run) else ""
                values = re.split(r"\s*[／/]\s*", value) if len(labels) > 1 else [value]
                if labels and value and len(values) == len(labels) and _table_at(cells, i + 1) is None \
                        and not _field_labels(value):
                    out.extend(Line(run[i].number, [a, b], run[i].page) for a, b in zip(labels, values, strict=True))
                    i += 2
                    continue
                out.append(run[i])
                i += 1
                continue
            w, n = found
            out.extend(Line(run[k].number, [c.strip() for c in cells[k:k + w]], run[k].page)
                       for k in range(i, i + n, w))
            i += n
        run.clear()

    for ln in lines:
        if len(ln.cells) == 1 and ln.cells[0].strip() and len(ln.cells[0].strip()) <= _MAX_CELL \
                and "。" not in ln.cells[0]:
            run.append(ln)
        else:
            flush()
            out.append(ln)
    flush()
    return out


# A breakdown's caption: 「参考指標3 地域別の援護件数（令和5年度）」「…件数の内訳」「…の構成」 (what it counts, by what)
_BY_CAPTION_RE = re.compile(r"[^。]{0,30}別の?[^。]{1,40}|[^。]{2,40}の(?:内訳|構成)[^。]{0,20}")
HEADER_GIVEN = ["区分", "値"]  # (the header given to rows under a caption that have none)


def headed(lines: list[Line]) -> list[Line]:
    """The lines with a header row given to a run of three label-and-value rows or more that follows a breakdown's
    caption with no header of its own (「地域別の邦人援護件数（…）」, then 「アジア | 8,214」 …): the caption names
    the quantity, the rows its categories. The header takes the first row's number."""
    out: list[Line] = []
    for k, ln in enumerate(lines):
        if k > 0 and _pair(ln) and not _pair(lines[k - 1]) and _caption(lines[k - 1]) \
                and sum(1 for _ in _pairs_from(lines, k)) >= 3:
            out.append(Line(ln.number, list(HEADER_GIVEN), ln.page, None))
        out.append(ln)
    return out


def _caption(ln: Line) -> bool:
    cells = [c for c in ln.cells if c.strip()]
    return len(cells) == 1 and _BY_CAPTION_RE.fullmatch(cells[0].strip()) is not None


def _pair(ln: Line) -> bool:
    cells = [c for c in ln.cells if c.strip()]
    return len(cells) == 2 and _name(cells[0], 30) and _value(cells[1].rstrip("※*＊")) \
        and re.search(r"\d", cells[1]) is not None


def _pairs_from(lines: list[Line], k: int) -> Iterator[Line]:
    while k < len(lines) and _pair(lines[k]):
        yield lines[k]
        k += 1


# A caption that names a table (「参考指標２ 認証を取得した処理加工施設数（施設）」「表3 地域別の…」)
_NUMBERED_CAPTION_RE = re.compile(r"(?:参考指標|参考表|参考|表|図表)\s*[0-9０-９一二三四五六七八九十]{1,2}"
                                  r"[\s　:：.．]*\S.{2,}")


def captions_apart(lines: list[Line]) -> list[Line]:
    """A table's caption and header on one line (a PDF sets them on one baseline: 「参考指標２ …施設数（施設）」 then
    「令和3年度」「令和4年度」): the caption on a line of its own, the header after it, its first cell 「区分」."""
    out: list[Line] = []
    for ln in lines:
        first = ln.cells[0].strip() if ln.cells else ""
        rest = [c for c in ln.cells[1:] if c.strip()]
        if rest and _NUMBERED_CAPTION_RE.fullmatch(first) and all(_name(c, 30) for c in rest):
            out.append(Line(ln.number, [first], ln.page, ln.cell_refs[:1] if ln.cell_refs else None))
            out.append(Line(ln.number, [HEADER_GIVEN[0], *ln.cells[1:]], ln.page, ln.cell_refs))
        else:
            out.append(ln)
    return out


_YEAR_HEAD_RE = re.compile(YEAR_CELL)


def unnamed_rows(lines: list[Line]) -> list[Line]:
    """A caption, a header of years only, then one row of values with no name (「参考指標2　商標登録出願件数（件）」,
    「令和2年度 | 令和3年度 | …」, 「181072 | 184631 | …」): the row is the caption's, named by it, and the header
    gets a first cell 「区分」 over that name."""
    out: list[Line] = []
    for k, ln in enumerate(lines):
        head = [c.strip() for c in lines[k - 1].cells if c.strip()] if k >= 1 else []
        cells = [c.strip() for c in ln.cells if c.strip()]
        caption = [c.strip() for c in lines[k - 2].cells if c.strip()] if k >= 2 else []
        if len(head) >= 2 and all(_YEAR_HEAD_RE.fullmatch(c) for c in head) and len(cells) == len(head) \
                and all(_value(c) for c in cells) and len(caption) == 1 and _name(caption[0]) \
                and not _YEAR_HEAD_RE.fullmatch(caption[0]):
            out[-1] = Line(lines[k - 1].number, [HEADER_GIVEN[0], *head], lines[k - 1].page, None)
            out.append(Line(ln.number, [re.sub(r"^[・○◯●◆◇■□]\s*", "", caption[0]), *cells], ln.page, None))
        else:
            out.append(ln)
    return out
