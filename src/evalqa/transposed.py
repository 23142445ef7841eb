"""Transposed indicator tables: years down the first column, one indicator per column.

「表1　実績値」 over 「年度 | A 避難者数（人） | B 応急仮設住宅の入居戸数（戸） …」 and 「2019年度 | 47,737 | 612 …」:
the caption says the measure (実績値, 年度ごとの目標値), the column header the indicator, the row the year. A later
table may head its columns with the indicators' letters only (「A（以下）」): the letter stands for the name an
earlier table gave it. A 「最終目標」 row holds each indicator's 目標値 with its year in the cell
(「20,000（2025年度）」); a 「2017年度（基準）」 row is that year's 実績値 and the 基準値. A table of 達成 / 未達成
by year (「表3　達成状況」) gives no figures: it grades the 実績値 of the same indicator and year, as a note.
"""
from __future__ import annotations

import re

from .breakdown import breakdown_caption
from .cells import unit_of
from .figure import Figure
from .fiscal_year import find_fiscal_years
from .form_cells import read_value, year_cell
from .measures import GRADE_HEADS, GRADE_MARKS, is_grade_head, measure_of
from .normalize import nfkc, norm, tidy
from .sheet import Section, Sheet
from .tables import Table

_CODE_RE = re.compile(r"^(?:指標)?([A-ZＡ-Ｚ]|[\d０-９]{1,2}|[①-⑳]|[ア-ン])(?:[\s\u3000.．:：]+(.+?))?"
                      r"\s*(?:[(（](以下|以上|未満|超)[)）])?$")
_GRADE_CAPTION_RE = re.compile("|".join(GRADE_HEADS))


def _row_year(cell: str, sheet: Sheet) -> tuple[int, str, bool] | None:
    """(year, label, is the baseline) of a first cell 「2019年度」「2017年度（基準）」, else None."""
    t = tidy(cell)
    if m := re.fullmatch(r"基準(?:値|年度?)?\s*[(（]([^()（）]+)[)）]", t):  # 「基準値（平成30年度）」
        y = year_cell(m.group(1), sheet)
        return (y, m.group(1), True) if y is not None else None
    base = bool(re.search(r"[(（]基準(?:値|年度?)?[)）]$", t))
    t = re.sub(r"\s*[(（][^()（）]*[)）]$", "", t)
    y = year_cell(t, sheet)
    return (y, t, base) if y is not None else None


_YEAR_HEADS = ("年度", "年", "年次", "区分")
# 「測定指標 | 指標1 … | | 指標2 …」 heads indicators too, when a row of measures (「年度 | 目標値 | 実績値 …」) follows
_NAME_HEADS = ("測定指標", "指標", "指標名", "項目")


def is_transposed(table: Table, sheet: Sheet) -> bool:
    """Is the first row 「年度 | indicator | indicator …」 over rows that start with years?"""
    head = [c.strip() for c in table.rows[0].cells]
    k = _measure_row_at(table, sheet)
    if len(head) < 2 or norm(head[0]) not in _YEAR_HEADS and not (norm(head[0]) in _NAME_HEADS and k):
        return False
    if any(measure_of(c) or measure_of(c, whole=True) for c in head[1:] if c):
        return False  # 「年度 | 年度目標値 | 実績値」「年度 | 目標 | 実績」: measures across (`form_tables`)
    years = [r for r in table.rows[(k or 0) + 1:] if r.cells and _row_year(r.cells[0], sheet)]
    return len(years) >= 2 and all(_CODE_RE.match(_spaced(c)) or len(norm(c)) <= 40 for c in head[1:] if c)


def _measure_row_at(table: Table, sheet: Sheet) -> int | None:
    """Where the header row of measures under the indicator names is (「 | 目標値 | 実績値 | 達成」, 「年度 | 目標値 |
    実績値 …」), after any rows of each indicator's 単位, 基準値 and 目標値; else None."""
    for k in range(1, min(len(table.rows) - 1, 8)):
        cells = table.rows[k].cells
        if cells and _row_year(cells[0], sheet):
            return None  # the years begin: no row of measures
        named = [c for c in cells[1:] if c.strip()]
        if (not cells or norm(cells[0]) in ("", *_YEAR_HEADS)) and len(named) >= 2 \
                and all(measure_of(c) or is_grade_head(c) for c in named):
            return k
    return None


def _indicator_rows(sheet: Sheet, section: Section, table: Table, spans: list[str], k: int,
                    names: dict[str, str]) -> tuple[list[Figure], dict[str, str]]:
    """The rows between the names and the measures (「単位 | ％ | | 件」「基準値（基準年度） | 99.8（平成30年度）」
    「目標値（目標年度） | 500（令和7年度）」): each indicator's 基準値 and 目標値 of the year its cell says, and its
    unit."""
    out: list[Figure] = []
    units: dict[str, str] = {}
    for row in table.rows[1:k]:
        label = norm(row.cells[0]) if row.cells else ""
        measure = measure_of(label) if re.match(r"基準|目標|最終目標", label) else None
        for c in range(1, min(len(spans), len(row.cells))):
            cell = row.cells[c].strip()
            if not cell or not spans[c].strip() or (c > 1 and spans[c] == spans[c - 1]):
                continue  # (a merged span's cells after its first)
            name = _column(spans[c], names)[0]
            if label == "単位":
                units[name] = nfkc(cell)
                continue
            vals = read_value(cell, sheet) if measure in ("基準値", "目標値") else None
            if not vals or vals[0].year is None:
                continue  # (「99.8以上（毎年度）」: each year's target is in its row)
            v = vals[0]
            out.append(Figure(sheet=sheet.id, section=section.path, subject=name, series=None, measure=str(measure),
                              fiscal_year=v.year, year_label=v.year_label, value=v.value,
                              unit=v.unit or units.get(name) or unit_of(name), raw=cell, line=row.line, page=row.page,
                              cell=row.ref(c), table=tidy(table.title)))
    return out, units


def _spans(head: list[str], width: int) -> list[str]:
    """Header cells with each name carried right over the empty cells its merged span leaves."""
    out, last = [], ""
    for c in range(width):
        cell = head[c] if c < len(head) else ""
        last = cell if cell.strip() else (last if c else "")
        out.append(last)
    return out


def _spaced(cell: str) -> str:
    # (`tidy` joins 「ア　一次審査…」 into one word; the space is what tells a letter from a name's first kana)
    return re.sub(r"\s+", " ", cell).strip()


def _names(sheet: Sheet) -> dict[str, str]:
    """Letter → indicator name, from every transposed header of the sheet that writes both."""
    names: dict[str, str] = {}
    for section in sheet.sections:
        for t in section.tables:
            for c in t.rows[0].cells[1:] if t.rows else []:
                if (m := _CODE_RE.match(_spaced(c))) and m.group(2):
                    names.setdefault(nfkc(m.group(1)), tidy(m.group(2)))
    return names


def _column(cell: str, names: dict[str, str]) -> tuple[str, str | None]:
    """(indicator name, bound) of a column header: 「A 避難者数（人）」, 「A（以下）」 → the name A stands for."""
    t = tidy(cell)
    if m := _CODE_RE.match(_spaced(cell)):
        code, name, bound = m.group(1), m.group(2), m.group(3)
        return tidy(name or names.get(nfkc(code)) or t), bound
    return t, None


def transposed_figures(sheet: Sheet, section: Section, table: Table) -> list[Figure]:
    """The figures of a transposed indicator table (see the module docstring)."""
    caption = breakdown_caption(section, table)
    if _GRADE_CAPTION_RE.search(norm(caption)) and measure_of(caption) is None:
        return []  # grades: notes of the 実績値 (see `grade_notes`)
    measure = measure_of(caption) or "実績値"
    names = _names(sheet)
    head = table.rows[0].cells
    # 「年度 | 指標1 … (merged) | 指標2 …」 over 「 | 目標値 | 実績値 | 達成 | 目標値 …」: each indicator spans its
    # measures, read column by column (a grade column notes the 実績値 beside it)
    k = _measure_row_at(table, sheet)
    sub = table.rows[k].cells if k else None
    spans = _spans(head, len(sub)) if sub else head
    out, units = _indicator_rows(sheet, section, table, spans, k, names) if k else ([], {})
    for row in table.rows[(k or 0) + 1:]:
        first = row.cells[0].strip() if row.cells else ""
        year = _row_year(first, sheet)
        if year is None and (grade := _GRADE_CAPTION_RE.search(norm(first))) and find_fiscal_years(first, sheet.era):
            # 「令和5年度の判定 | 達成 | | 未達成 …」: that year's grade of each indicator, a note of its 実績値
            fy = find_fiscal_years(first, sheet.era)[0].start
            for c in range(1, min(len(spans), len(row.cells))):
                if row.cells[c].strip() and spans[c].strip():
                    name = _column(spans[c], names)[0]
                    for f in out:
                        if f.subject == name and f.fiscal_year == fy and f.measure == "実績値":
                            f.note = "、".join(x for x in (f.note, f"{grade.group(0)}: {norm(row.cells[c])}") if x)
            continue
        target_row = year is None and "目標" in first
        if year is None and not target_row:
            continue
        # 「目標（令和5年度）」: the row's year, for cells that do not say their own
        row_years = find_fiscal_years(first, sheet.era) if target_row else []
        row_target: tuple[int, str] | None = (row_years[0].start, row_years[0].text) if len(row_years) == 1 \
            else None
        for c in range(1, min(len(spans), len(row.cells))):
            if sub and is_grade_head(sub[c]) and norm(row.cells[c]) in GRADE_MARKS:
                name = _column(spans[c], names)[0]
                for f in out:  # the 実績値 just read of the same indicator and row
                    if f.subject == name and f.line == row.line and f.measure == "実績値":
                        f.note = "、".join(x for x in (f.note, f"{norm(sub[c])}: {norm(row.cells[c])}") if x)
                continue
            if not spans[c].strip() or not (vals := read_value(row.cells[c], sheet)):
                continue
            if sub and not measure_of(sub[c]):
                continue
            name, bound = _column(spans[c], names)
            v = vals[0]
            if target_row:
                year_of = (v.year, v.year_label or tidy(str(v.year))) if v.year is not None else row_target
                if year_of is None:
                    continue  # a target without its year: no figure
                fy, label = year_of
                measures = ["目標値"]
            else:
                assert year is not None
                fy, label = year[0], year[1]
                m0 = measure_of(sub[c]) or measure if sub else measure
                measures = [m0] + (["基準値"] if year[2] and m0 == "実績値" else [])
            for m in measures:
                out.append(Figure(
                    sheet=sheet.id, section=section.path, subject=name, series=None, measure=m, fiscal_year=fy,
                    year_label=label, value=v.value,
                    unit=v.unit or units.get(name) or unit_of(name) or unit_of(head[c]),
                    # (the section's table name, one for all: 表1's 実績値 and 表2's 目標値 are one indicator's)
                    raw=row.cells[c].strip(), line=row.line, page=row.page, cell=row.ref(c), table=tidy(table.title),
                    note=f"{bound}の目標" if bound and m != "実績値" else None))
    return out


def grade_notes(sheet: Sheet, figures: list[Figure]) -> None:
    """Note each 実績値 with its year's grade from a transposed table of grades (「達成状況: 未達成」)."""
    names = _names(sheet)
    for section in sheet.sections:
        for table in section.tables:
            if table.kind != "form" or not is_transposed(table, sheet):
                continue
            caption = breakdown_caption(section, table)
            if not _GRADE_CAPTION_RE.search(norm(caption)) or measure_of(caption) is not None:
                continue
            label = next(m.group(0) for m in [_GRADE_CAPTION_RE.search(norm(caption))] if m)
            for row in table.rows[1:]:
                year = _row_year(row.cells[0], sheet) if row.cells else None
                for c in range(1, min(len(table.rows[0].cells), len(row.cells))):
                    grade = norm(row.cells[c])
                    if year is None or grade not in GRADE_MARKS:
                        continue
                    name = _column(table.rows[0].cells[c], names)[0]
                    for f in figures:
                        if f.sheet == sheet.id and f.subject == name and f.fiscal_year == year[0] \
                                and f.measure == "実績値":
                            f.note = "、".join(x for x in (f.note, f"{label}: {grade}") if x)
