"""Tables in long form: one row per indicator and year, the indicator given by its key (「番号 | 年度 | 年度目標値 |
実績値 | 判定 | 備考」, rows 「1 | 令和2年度 | 19.5 | 19.8 | ○」). The key is resolved by the sheet's list of
indicators (「番号 | 測定指標 | 単位 | …」), whose name and unit each row's values take."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .cells import unit_of
from .figure import Figure
from .form_cells import read_value, year_cell
from .measures import GRADE_HEADS, grade_word, is_grade_head, measure_of
from .normalize import norm, tidy
from .sheet import Section, Sheet
from .tables import Row, Table

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


@dataclass
class _Columns:
    """Where a long-form table keeps each thing: the year column, the name and unit a row may carry itself
    (「指標番号 | 測定指標 | 単位 | 基準値 | 目標（目標年度） | … | 年度 | 年度目標 | 実績 | 判定」), the measures
    of the row's year after it, the indicator's own values before it (基準値, 目標値, each with its year in the
    cell), the grade."""

    year: int
    measures: dict[int, str]
    constants: dict[int, str]
    name: int | None = None
    unit: int | None = None
    grade: int | None = None


def _measure(head: str) -> str | None:
    """「実績」「年度目標」「目標（目標年度）」: a measure, said in full or short."""
    h = re.sub(r"[(（][^()（）]*[)）]$", "", head)
    return measure_of(h, whole=True) or measure_of(h + "値", whole=True)


def _columns(table: Table) -> _Columns | None:
    """The columns when the header is 「key | (name | unit | …) 年度 | measures …」, else None."""
    if not table.rows:
        return None
    head = [norm(c) for c in table.rows[0].cells]
    if len(head) < 3 or not _KEY_HEAD_RE.fullmatch(head[0]):
        return None
    year = next((i for i, h in enumerate(head) if i >= 1 and re.fullmatch(r"年度|年", h)), None)
    if year is None:
        return None
    name = next((i for i in range(1, year) if _NAME_HEAD_RE.search(head[i])), None)
    if name is None and (head[0] == "指標" or _NAME_HEAD_RE.search(head[0])) and not any(
            re.fullmatch(r"\d{1,2}|[①-⑳]", norm(r.cells[0])) for r in table.rows[1:] if r.cells):
        name = 0  # 「指標 | 基準値 | 目標値 | 年度 | 目標 | 実績」 over rows of names, not of keys
    unit = next((i for i in range(1, year) if head[i] == "単位"), None)
    measures = {i: m for i, h in enumerate(head[year + 1:], year + 1) if (m := _measure(h))}
    constants = {i: m for i in range(1, year) if i not in (name, unit) and (m := _measure(head[i]))}
    grade = next((i for i, h in enumerate(head) if is_grade_head(h) or "判定" in h), None)
    return _Columns(year, measures, constants, name, unit, grade) if measures else None


def is_keyed(table: Table, sheet: Sheet) -> bool:
    """Is the table in long form, its keys resolved by the sheet's list of indicators?"""
    cols = _columns(table)
    if cols is None or len(table.rows) < 3:
        return False
    names = _names(sheet, table)
    body = [r for r in table.rows[1:] if any(c.strip() for c in r.cells)]
    # (a row under a named one, its name cell left empty, is of the same indicator: 「 | | | 2022年度 | 64 | 52.3」)
    return bool(body) and all(len(r.cells) > cols.year and year_cell(r.cells[cols.year], sheet)
                              and (_key(r.cells[0]) in names or (cols.name is not None and (
                                  r.cells[cols.name].strip() or k > 0 and cols.name == 0)))
                              for k, r in enumerate(body))


def keyed_figures(sheet: Sheet, section: Section, table: Table) -> list[Figure]:
    cols = _columns(table)
    assert cols is not None
    names = _names(sheet, table)
    out: list[Figure] = []
    seen: set[str] = set()  # the indicators whose own values (基準値, 目標値) are read already

    def cell(row: Row, c: int | None) -> str:
        return tidy(row.cells[c]) if c is not None and c < len(row.cells) else ""

    carried: tuple[str, str | None] | None = None  # the name of the rows above, when rows under it leave it empty
    for row in table.rows[1:]:
        key = _key(row.cells[0]) if row.cells else ""
        own = re.sub(r"^[①-⑳]\s*", "", cell(row, cols.name)) if cols.name == 0 else cell(row, cols.name)
        if own:
            carried = (own, cell(row, cols.unit).replace("％", "%") or None)
        elif key in names:
            carried = names[key]
        elif carried is None or cols.name != 0:
            continue
        name, unit = carried
        year = year_cell(row.cells[cols.year], sheet) if len(row.cells) > cols.year else None
        if year is None:
            continue
        mark = cell(row, cols.grade)
        # (a mark in words, 「達成状況: 未達成」; a letter as the column writes it, 「判定: b」: no verdict in itself)
        word = f"達成状況: {w}" if (w := grade_word(mark)) else None
        if word is None and cols.grade is not None and re.fullmatch(r"[A-Ea-e](?:-\d)?", mark):
            word = f"{_grade_label(table.rows[0].cells[cols.grade])}: {mark}"
        values: list[tuple[int, str, int | None, str | None]] = [
            (c, m, year, tidy(row.cells[cols.year])) for c, m in cols.measures.items()]
        if name not in seen:  # (the indicator's own values, repeated on each of its rows: once, of their own year)
            seen.add(name)
            values += [(c, m, None, None) for c, m in cols.constants.items()]
        for c, measure, fy, label in values:
            if c >= len(row.cells):
                continue
            for v in read_value(row.cells[c], sheet) or []:
                note = word if word and measure == "実績値" else None
                out.append(Figure(
                    sheet=sheet.id, section=section.path, subject=name, series=None, measure=measure,
                    fiscal_year=fy if fy is not None else v.year, year_label=label if fy is not None else v.year_label,
                    value=v.value, unit=v.unit or unit or unit_of(name), raw=row.cells[c].strip(), line=row.line,
                    page=row.page, cell=row.ref(c), table=name, note=note))
    return out


def _grade_label(head: str) -> str:
    """The grade column's label as a note says it: 「R6年度の判定・備考」 → 判定."""
    return next((w for w in GRADE_HEADS if w in norm(head)), "判定")
