"""Tables a block of rows holds more than one of: read apart, each with its own header.

A general document's block of rows (no blank line between) may hold a table under a caption set in its first
column, or a second table whose header row follows the first one's values (a PDF prints them one under the
other: 「ブロック | 献血者数（令和5年度）」 rows, then 「献血の種類 | 令和3年度 | 令和4年度」 rows).
"""
from __future__ import annotations

from .form_cells import read_value, year_cell
from .normalize import tidy
from .sheet import Sheet
from .tables import Row, Table, analyse_table


def tables_apart(table: Table, sheet: Sheet) -> list[Table]:
    """The tables a form table's rows hold: split at each header row after values, then at a caption."""
    return [part for t in _headers_apart(table, sheet) for part in _captioned_apart(t, sheet)]


def _is_header(row: Row, sheet: Sheet) -> bool:
    """A row that names what its rows are in its first cell (「献血の種類」) and no value, a year's column among its
    other cells (「令和3年度」); not the years under an indicator's values (「 | 平成28年度 | 令和5年度」)."""
    cells = [c for c in row.cells if c.strip()]
    return len(cells) >= 2 and bool(row.cell(0)) and year_cell(row.cell(0), sheet) is None \
        and not any(read_value(c, sheet) for c in cells) \
        and any(year_cell(c, sheet) for c in cells[1:])


def _headers_apart(table: Table, sheet: Sheet) -> list[Table]:
    """A form table whose rows, after some values, meet a header row followed by two rows of values at least:
    two tables, the second under that header."""
    rows = table.rows
    valued = [any(read_value(c, sheet) for c in r.cells[1:]) for r in rows]
    at = next((k for k in range(2, len(rows) - 2) if valued[k - 1] and not valued[k] and _is_header(rows[k], sheet)
               and valued[k + 1] and valued[k + 2]), None)
    if table.kind != "form" or at is None:
        return [table]
    parts = []
    for part_rows in (rows[:at], rows[at:]):
        part = Table(table.kind, table.title, part_rows, unit=table.unit)
        analyse_table(part, sheet.era, sheet.fiscal_year)
        parts.append(part)
    return [parts[0], *_headers_apart(parts[1], sheet)]


def _captioned_apart(table: Table, sheet: Sheet) -> list[Table]:
    """「参考指標（目標値なし） | 区分 | 令和3年」 over rows 「 | フィッシング報告件数（万件） | 52.7」: a caption in
    the first column of a header, over a column empty in every row after it, is a table of its own (at the head
    of the table read, or after its rows), titled by the caption, its rows starting after it."""
    rows = table.rows
    at = next((k for k, r in enumerate(rows) if len(r.cells) >= 3 and r.cell(0) and r.cell(1)
               and not any(read_value(c, sheet) for c in r.cells) and any(year_cell(c, sheet) for c in r.cells[2:])
               and len(rows) - k >= 2
               and all(not x.cell(0) and x.cell(1) for x in rows[k + 1:])), None)
    if table.kind != "form" or at is None:
        return [table]
    shifted = [Row(r.line, r.cells[1:], r.page, r.refs[1:] if r.refs else None) for r in rows[at:]]
    out = Table(table.kind, tidy(rows[at].cell(0)), shifted, unit=table.unit)
    analyse_table(out, sheet.era, sheet.fiscal_year)
    if not out.header:
        out.header, out.body = shifted[:1], shifted[1:]  # (「区分 | 令和3年」: one year's column is a header too)
    if at == 0:
        return [out]
    before = Table(table.kind, table.title, rows[:at], unit=table.unit)
    analyse_table(before, sheet.era, sheet.fiscal_year)
    return [before, out]
