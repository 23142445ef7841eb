"""Rows that pair each year with its value after the name: 「参考指標2　原状回復額（百万円） | 2019年度 | 5,748 |
2020年度 | 487 | …」, a layout with no header row. Each value is the 実績値 of its year (a target is written
under a header that says so, which this layout has not)."""
from __future__ import annotations

import re

from .cells import unit_of
from .figure import Figure
from .form_cells import read_value, year_cell
from .measures import measure_of
from .normalize import tidy
from .sheet import Section, Sheet
from .tables import Row, Table


def _pairs(row: Row, sheet: Sheet) -> list[tuple[int, str, int]] | None:
    """(year, label, column of the value) of each pair after the row's name, else None (two pairs at least)."""
    cells = list(row.cells)
    while cells and not cells[-1].strip():
        cells.pop()
    if len(cells) < 5 or len(cells) % 2 == 0 or measure_of(cells[0]) is not None:
        return None
    out = []
    for c in range(1, len(cells), 2):
        year = year_cell(cells[c], sheet)
        if year is None or not read_value(cells[c + 1], sheet):
            return None
        out.append((year, tidy(cells[c]), c + 1))
    return out


def is_year_pairs(table: Table, sheet: Sheet) -> bool:
    """Is every row of the table a name followed by (year, value) pairs?"""
    rows = [r for r in table.rows if any(c.strip() for c in r.cells)]
    return bool(rows) and all(_pairs(r, sheet) for r in rows)


# 「参考指標2　…」: a row that opens with a caption's label is a caption of its own, not part of the one above
_CAPTION_RE = re.compile(r"(?:参考指標|測定指標|成果指標|業績指標|指標|表)\s*\d")


def year_pair_figures(sheet: Sheet, section: Section, table: Table) -> list[Figure]:
    out: list[Figure] = []
    for row in table.rows:
        name = tidy(row.cells[0]) if row.cells else ""
        path = section.path
        if _CAPTION_RE.match(name) and path and _CAPTION_RE.match(path[-1]) and path[-1] != name:
            path = path[:-1] + [name]  # (the table sits under 「参考指標1 …」's heading in the text)
        for year, label, c in _pairs(row, sheet) or []:
            for v in read_value(row.cells[c], sheet) or []:
                out.append(Figure(
                    sheet=sheet.id, section=path, subject=name, series=None, measure="実績値",
                    fiscal_year=year, year_label=label, value=v.value, unit=v.unit or unit_of(name),
                    raw=row.cells[c].strip(), line=row.line, page=row.page, cell=row.ref(c), table=name))
    return out
