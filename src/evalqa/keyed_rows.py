"""Tables in long form: one row per indicator and year, the indicator given by its key (「番号 | 年度 | 年度目標値 |
実績値 | 判定 | 備考」, rows 「1 | 令和2年度 | 19.5 | 19.8 | ○」). The key is resolved by the sheet's list of
indicators (「番号 | 測定指標 | 単位 | …」), whose name and unit each row's values take."""
from __future__ import annotations

import re

from .cells import unit_of
from .figure import Figure
from .form_cells import read_value, year_cell
from .measures import grade_word, is_grade_head, measure_of
from .normalize import norm, tidy
from .sheet import Section, Sheet
from .tables import Table

_KEY_HEAD_RE = re.compile(r"番号|No\.?|指標番号|指標")
_NAME_HEAD_RE = re.compile(r"測定指標|指標名|成果指標|業績指標")


def _key(cell: str) -> str:
    """「1」「指標1」「①」 → 1 (one spelling of a key)."""
    n = norm(cell)
    circled = "①②③④⑤⑥⑦⑧⑨⑩"
    if n and n[-1] in circled:
        return str(circled.index(n[-1]) + 1)
    m = re.search(r"(\d{1,2})$", n)
    return m.group(1) if m else n


def _names(sheet: Sheet, skip: Table) -> dict[str, tuple[str, str | None]]:
    """Key → (indicator name, its unit) from the sheet's list of indicators."""
    out: dict[str, tuple[str, str | None]] = {}
    for section in sheet.sections:
        for table in section.tables:
            if table is skip or not table.rows:
                continue
            head = [norm(c) for c in table.rows[0].cells]
            if len(head) < 2 or not _KEY_HEAD_RE.fullmatch(head[0]) or not _NAME_HEAD_RE.search(head[1]):
                continue
            unit_col = next((i for i, h in enumerate(head) if h == "単位"), None)
            for row in table.rows[1:]:
                if len(row.cells) >= 2 and row.cells[0].strip() and row.cells[1].strip():
                    unit = tidy(row.cells[unit_col]) if unit_col is not None and unit_col < len(row.cells) else None
                    out[_key(row.cells[0])] = (tidy(row.cells[1]), unit.replace("％", "%") if unit else None)
    return out


def _columns(table: Table) -> tuple[dict[int, str], int | None] | None:
    """(column → measure, the grade column) when the header is 「key | 年度 | measures …」, else None."""
    if not table.rows:
        return None
    head = [norm(c) for c in table.rows[0].cells]
    if len(head) < 3 or not _KEY_HEAD_RE.fullmatch(head[0]) or not re.fullmatch(r"年度|年", head[1]):
        return None
    measures = {i: m for i, h in enumerate(head[2:], 2) if (m := measure_of(h, whole=True))}
    grade = next((i for i, h in enumerate(head) if is_grade_head(h)), None)
    return (measures, grade) if measures else None


def is_keyed(table: Table, sheet: Sheet) -> bool:
    """Is the table in long form, its keys resolved by the sheet's list of indicators?"""
    cols = _columns(table)
    if cols is None or len(table.rows) < 3:
        return False
    names = _names(sheet, table)
    body = [r for r in table.rows[1:] if any(c.strip() for c in r.cells)]
    return bool(body) and all(len(r.cells) > 1 and _key(r.cells[0]) in names and year_cell(r.cells[1], sheet)
                              for r in body)


def keyed_figures(sheet: Sheet, section: Section, table: Table) -> list[Figure]:
    cols = _columns(table)
    assert cols is not None
    measures, grade_col = cols
    names = _names(sheet, table)
    out: list[Figure] = []
    for row in table.rows[1:]:
        if len(row.cells) < 2 or _key(row.cells[0]) not in names:
            continue
        name, unit = names[_key(row.cells[0])]
        year = year_cell(row.cells[1], sheet)
        if year is None:
            continue
        mark = tidy(row.cells[grade_col]) if grade_col is not None and grade_col < len(row.cells) else ""
        word = grade_word(mark) if mark else None
        for c, measure in measures.items():
            if c >= len(row.cells):
                continue
            for v in read_value(row.cells[c], sheet) or []:
                note = f"達成状況: {word}" if word and measure == "実績値" else None
                out.append(Figure(
                    sheet=sheet.id, section=section.path, subject=name, series=None, measure=measure,
                    fiscal_year=year, year_label=tidy(row.cells[1]), value=v.value,
                    unit=v.unit or unit or unit_of(name), raw=row.cells[c].strip(), line=row.line, page=row.page,
                    cell=row.ref(c), table=name, note=note))
    return out
