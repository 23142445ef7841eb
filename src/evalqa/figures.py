"""Tables → figures: one `Figure` per value cell, read per table kind.

A grid (測定指標, 参考指標, 施策の予算額・執行額等) gives one figure per value column of each body row; the
達成手段 table gives the budget figures of each means with its name, start year and review number; the
【政策ごとの予算額】 table is aligned by its 小計 rows, because PDF extraction shifts its cells.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import combinations
from typing import Any

from .breakdown import breakdown_figures, is_breakdown
from .cells import CIRCLED, CellValue, is_note, parse_cell, unit_of
from .figure import Figure, bare_name, name_parts_by_whole
from .fiscal_year import parse_fiscal_year
from .form_cells import year_row_with_label
from .form_tables import form_figures
from .keyed_rows import is_keyed, keyed_figures
from .normalize import norm, tidy
from .sheet import Section, Sheet
from .table_parts import tables_apart
from .tables import MEASURE_RE, YEAR_IN_HEADER_RE, Column, Row, Table
from .transposed import grade_notes, is_transposed, transposed_figures
from .year_pairs import is_year_pairs, year_pair_figures


def extract_figures(sheet: Sheet) -> list[Figure]:
    """Every value of every table of a sheet, in line order. A table that cannot be read adds a warning."""
    out: list[Figure] = []
    for section in sheet.sections:
        for table in [part for t in section.tables for part in tables_apart(t, sheet)]:
            try:
                if (table.kind == "policy_budget" or (table.kind == "form" and _is_policy_budget(table))) \
                        and not year_row_with_label(table.rows[0].cells, sheet):
                    # (one set out as 予算の状況 by year, 「区分 | | 令和2年度 | …」, is a form table: below)
                    out.extend(_policy_budget_figures(sheet, section, table))
                elif table.kind == "means":
                    out.extend(_means_figures(sheet, section, table))
                elif table.kind == "form" and is_keyed(table, sheet):  # 「番号 | 年度 | 年度目標値 | 実績値」
                    out.extend(keyed_figures(sheet, section, table))
                elif table.kind == "form" and is_breakdown(table, sheet):  # 「国・地域 | R1年 | R4年」
                    out.extend(breakdown_figures(sheet, section, table))
                elif table.kind == "form" and is_transposed(table, sheet):  # 「年度 | A 避難者数 | B …」
                    out.extend(transposed_figures(sheet, section, table))
                elif table.kind == "form" and is_year_pairs(table, sheet):  # 「名 | 2019年度 | 5,748 | 2020年度 …」
                    out.extend(year_pair_figures(sheet, section, table))
                elif table.kind == "form":  # a table of a general evaluation document
                    read = form_figures(sheet, section, table, table.title)
                    out.extend(read + _titled_target(read, table, section))
                else:
                    out.extend(_grid_figures(sheet, section, table))
            except Exception as e:  # one unreadable table must not hide the others
                sheet.warnings.append(
                    f"{sheet.path}:{table.first_line}: table 「{table.title}」 could not be read ({e})")
    grade_notes(sheet, out)
    out.sort(key=lambda f: f.line or 0)
    name_parts_by_whole(out)
    _one_indicator_per_name(out)
    return out


# 「指標2　…の割合（％）　※小さいほど良好　　最終目標：18.0以下（令和7年度）」: the target in the table's caption
_TITLED_TARGET_RE = re.compile(r"最終目標値?\s*[:：]\s*([^\s（()）]+)\s*[（(]([^（()）]{2,12})[)）]")


def _titled_target(figures: list[Figure], table: Table, section: Section) -> list[Figure]:
    """The final target a table's caption (its title, or the line right above it as written) states of the one
    indicator its rows hold, as 目標値 of its year, when the rows do not give that year's target themselves."""
    above = next((t for n, t in reversed(section.lines) if n < table.first_line and t.strip()), "")
    m = _TITLED_TARGET_RE.search(tidy(table.title)) or _TITLED_TARGET_RE.search(tidy(above))
    subjects = {f.subject for f in figures if f.measure in ("目標値", "年度目標値", "実績値")}
    if m is None or len(subjects) != 1 or (year := parse_fiscal_year(m.group(2))) is None:
        return []
    cells = parse_cell(re.sub(r"(?:以下|以上|以内|未満|超)$", "", m.group(1)))
    if not cells or len(cells) != 1 or cells[0].value is None:
        return []
    model = next(f for f in figures if f.subject in subjects)
    if any(f.subject == model.subject and f.fiscal_year == year and "目標" in f.measure for f in figures):
        return []
    return [Figure(model.sheet, model.section, model.subject, model.series, "目標値", year, m.group(2),
                   cells[0].value, model.unit, f"{m.group(1)}（{m.group(2)}）", line=table.first_line,
                   page=model.page, table=model.table, note="最終目標")]


_INDICATOR_MEASURES = {"基準値", "初期値", "目標値", "年度目標値", "中期目標値", "実績値", "達成率"}


def _one_indicator_per_name(figures: list[Figure]) -> None:
    """An indicator whose values stand in several tables of the sheet (its 基準値 and 目標値 in the list of
    indicators, each year's 目標 and 実績 in that year's table; 「…（件）【主要】」 in one, 「…（件）」 in another) is
    one subject, named as its fullest name writes it, under its first table. Not where two tables give one year's
    value differently: those are two things of one name."""
    groups: dict[str, list[Figure]] = {}
    for f in figures:
        if f.series is None and f.measure in _INDICATOR_MEASURES and (bare := bare_name(f.subject)):
            groups.setdefault(bare, []).append(f)
    for figs in groups.values():
        if len({f.table for f in figs}) < 2:
            continue
        said: dict[tuple[str, int | None], float | int | None] = {}
        if any(said.setdefault((f.measure, f.fiscal_year), f.value) != f.value for f in figs if f.value is not None):
            continue
        name = max((f.subject for f in figs), key=len)
        table = figs[0].table
        for f in figs:
            f.subject, f.table = name, table


def _is_policy_budget(table: Table) -> bool:
    """A general document's 【政策ごとの予算額】 (「会計 | 組織 | 項 | 事項 | 5年度当初予算額 | 6年度概算要求額」
    under 政策名 rows): read as the 事前分析表's own."""
    return "政策ごとの予算額" in table.title and any(
        YEAR_IN_HEADER_RE.search(norm(c)) and MEASURE_RE.search(norm(c)) for r in table.rows for c in r.cells)


# --- grids ------------------------------------------------------------------------------------------


def _series_names(texts: Iterable[str]) -> dict[str, str]:
    """「①一般の部 ②有識者の部」 → {'①': '一般の部', '②': '有識者の部'}."""
    names: dict[str, str] = {}
    for t in texts:
        for m in re.finditer(rf"([{CIRCLED}])\s*([^{CIRCLED}\s(（)）、,]+)", t):
            if parse_cell(m.group(0)) is None:
                names.setdefault(m.group(1), m.group(2))
    return names


def _is_note(text: str) -> bool:
    # a long label cell is a remark too, not the name of a series
    return is_note(text) or len(norm(text)) > 24


def _clean_measure(text: str) -> str:
    return re.sub(r"\((?:単位[:：])?(?:千円|百万円|億円|円)\)", "", norm(text))


def _grid_figures(sheet: Sheet, section: Section, table: Table) -> list[Figure]:
    path = section.path
    subject = re.sub(r"\s*[(（]\s*単位\s*[:：][^()（）]*[)）]", "", tidy(table.title))
    title_unit = unit_of(table.title)
    intro = [t for ln, t in section.lines if ln < table.first_line and "\t" not in t]
    series_names = _series_names(intro + [r.cell(0) for r in table.header])
    series_names.update(_series_names(r.cell(0) for r in table.body if not any(parse_cell(c) for c in r.cells[1:])))
    default_measure = {"reference": "実績値", "measure_budget": None}.get(table.kind, "値")
    out: list[Figure] = []
    for row in table.body:
        parsed = {c: parse_cell(row.cells[c]) for c in table.columns}
        if not any(parsed.values()):
            continue
        label_cells = [row.cells[i].strip() for i in range(len(row.cells))
                       if i not in table.columns and row.cells[i].strip()]
        row_measure = None
        for cell in reversed(label_cells):
            if MEASURE_RE.search(norm(cell)):
                row_measure = _clean_measure(cell)
                break
        row_series = None
        if row_measure is None:
            cand = [c for c in label_cells if not _is_note(c)]
            if cand:
                row_series = tidy(cand[0])
                if m := re.match(rf"^([{CIRCLED}])\s*(.+)$", row_series):
                    series_names.setdefault(m.group(1), m.group(2))
                    row_series = m.group(2)
        row_markers = {v.marker for vals in parsed.values() if vals for v in vals if v.marker}
        row_unit = next((u for c in label_cells if (u := unit_of(c))), None)
        for c, col in table.columns.items():
            if col.code:
                continue
            vals = parsed[c]
            if vals is None:
                if row.cells[c].strip():
                    continue  # text in a value column (a description), not a value
                marker = next(iter(row_markers)) if len(row_markers) == 1 else None
                vals = [CellValue(raw="", value=None, marker=marker)]
            for v in vals:
                series = series_names.get(v.marker, v.marker) if v.marker else row_series
                measure = col.measure or row_measure or default_measure or "値"
                unit = "%" if v.percent else (col.unit or row_unit or table.unit or title_unit)
                out.append(Figure(
                    sheet=sheet.id, section=path, subject=subject, series=series, measure=measure,
                    fiscal_year=col.fiscal_year, year_label=col.year_label, value=v.value, unit=unit,
                    raw=row.cells[c].strip() if len(vals) == 1 else v.raw, line=row.line, page=row.page,
                    cell=row.ref(c), table=table.title,
                ))
    # An empty cell in a table of percentages is an empty percentage.
    units = {f.unit for f in out if f.value is not None}
    if units == {"%"}:
        for f in out:
            f.unit = f.unit or "%"
    return out


# --- 達成手段 -----------------------------------------------------------------------------------------

_MEANS_NAME_RE = re.compile(rf"^(?P<no>[{CIRCLED}])?\s*(?P<name>.*?)\s*(?P<tail>(?:[(（][^()（）]*[)）]\s*)*)$")


def parse_means_name(text: str) -> tuple[str | None, str, int | None, str | None]:
    """「④親日派・ 知日派… 教育事業 (平成 30 年度)」 → ('④', '親日派・知日派…教育事業', 2018, '平成30年度')."""
    t = tidy(text)
    m = _MEANS_NAME_RE.match(t)
    assert m is not None  # every group is optional: the pattern matches any text
    no, name, tail = m.group("no"), m.group("name"), m.group("tail") or ""
    start_label = start_year = None
    for part in re.findall(r"[(（]([^()（）]*)[)）]", tail):
        y = parse_fiscal_year(part)
        if y and start_year is None:
            start_year, start_label = y, tidy(part).replace(" ", "")
    if not name:  # the whole label was in brackets
        name = t
    return no, tidy(name), start_year, start_label


def _means_figures(sheet: Sheet, section: Section, table: Table) -> list[Figure]:
    path = section.path
    out: list[Figure] = []
    name_parts: list[str] = []
    related: list[str] = []
    for row in table.body:
        data = any(parse_cell(row.cells[c]) for c, col in table.columns.items() if not col.code)
        if row.cell(0):
            name_parts.append(row.cell(0))
        if not data:
            # 関連する測定指標 (「1-1 1-3 1-4」) sits in the last column of the name rows.
            for c, col in table.columns.items():
                if col.code and re.fullmatch(r"[\d\-\s、,]+", row.cells[c].strip() or "x"):
                    related.extend(re.findall(r"\d+(?:-\d+)?", row.cells[c]))
            continue
        if not name_parts:
            sheet.warnings.append(f"{sheet.path}:{row.line}: 達成手段 values without a name; skipped")
            continue
        no, name, _start_year, start_label = parse_means_name(" ".join(name_parts))
        name_parts = []
        codes = [v.raw for c, col in table.columns.items() if col.code
                 for v in (parse_cell(row.cells[c]) or []) if v.code]
        review = codes[0] if codes else None
        note = f"{no or ''}{name}" + (f"（開始年度 {start_label}）" if start_label else "")
        if related:
            note += "　関連する測定指標: " + "、".join(dict.fromkeys(related))
        related = []

        def fig(measure: str, col: Column, raw: str, value: int | float | None, unit: str | None,
                row: Row = row, name: str = name, review: str | None = review, note: str = note) -> Figure:
            return Figure(sheet=sheet.id, section=path, subject=name, series=None, measure=measure,
                          fiscal_year=col.fiscal_year, year_label=col.year_label, value=value, unit=unit,
                          raw=raw, line=row.line, page=row.page, cell=row.ref(col.index), table="達成手段",
                          review_number=review, note=note)

        for c, col in table.columns.items():
            if col.code:
                continue
            cell = row.cells[c].strip()
            vals = parse_cell(cell) if cell else [CellValue(raw="", value=None)]
            if vals is None:
                continue
            measure = norm(col.measure or "予算額")
            unit = col.unit or table.unit
            for v in vals:
                unit_v = "%" if v.percent else unit
                if measure == "予算額計(執行額)":
                    out.append(fig("予算額計", col, re.sub(r"\s*\(.*$", "", v.raw), v.value, unit_v))
                    p = v.paren
                    out.append(fig("執行額", col, p.raw if p else "", p.value if p else None, unit))
                else:
                    out.append(fig(tidy(col.measure or "予算額"), col, v.raw, v.value, unit_v))
    return out


# --- 政策ごとの予算額 ---------------------------------------------------------------------------------

_ACCOUNTS = {"一般": "一般会計", "特別": "特別会計", "一般会計": "一般会計", "特別会計": "特別会計"}


def _policy_budget_figures(sheet: Sheet, section: Section, table: Table) -> list[Figure]:
    """【政策ごとの予算額】: rows per organisation, 小計 and 合計; columns 「3年度 当初予算額」「4年度 概算要求額」.

    PDF extraction shifts cells in this table, so a row with fewer values than value columns is
    aligned by the 小計 row below it (the assignment under which the columns add up), not by position.
    """
    rows = table.rows
    cols: list[tuple[int, str, int | None, str]] = []
    start = 0
    for idx, r in enumerate(rows):
        for c, cell in enumerate(r.cells):
            n = norm(cell)
            if (y := YEAR_IN_HEADER_RE.search(n)) and (m := MEASURE_RE.search(n)):
                cols.append((c, y.group(0), parse_fiscal_year(y.group(0), sheet.era, sheet.fiscal_year), m.group(1)))
        if cols:
            start = idx + 1
            break
    if not cols:
        sheet.warnings.append(f"{sheet.path}:{table.first_line}: 予算額 table without a year/予算額 header; skipped")
        return []
    path = section.path
    subject = tidy(table.title)
    category = None
    items: list[dict[str, Any]] = []
    for r in rows[start:]:
        text_cells = [c.strip() for c in r.cells if c.strip() and parse_cell(c) is None]
        for t in text_cells:
            if norm(t).startswith("政策評価の対象と"):
                category = tidy(t).replace(" ", "")
        nums = [(i, v) for i, c in enumerate(r.cells) if (pv := parse_cell(c)) for v in pv if v.value is not None]
        if not nums:
            continue
        ns = [norm(c) for c in text_cells]
        account = next((_ACCOUNTS[n] for n in ns if n in _ACCOUNTS), None)
        series: str | None
        if "小計" in ns or "合計" in ns:
            kind = "小計" if "小計" in ns else "合計"
            series, note = f"{kind}({account or '一般会計'})", category if kind == "小計" else None
        else:
            kind = "item"
            rest = [tidy(t) for t in text_cells
                    if norm(t) not in _ACCOUNTS and not norm(t).startswith("政策評価の対象と")]
            series = rest[0] if rest else None
            note = " / ".join(x for x in [account, *rest[1:]] if x) or None
        items.append({"row": r, "kind": kind, "series": series, "note": note, "nums": nums, "assign": None})

    # (two rows of one 組織 (内閣本府 twice) are told apart by their 事項, the last text of the row)
    seen = [it["series"] for it in items if it["kind"] == "item"]
    for it in items:
        if it["kind"] == "item" and seen.count(it["series"]) > 1 and it["note"]:
            it["series"] = f"{it['series']}（{it['note'].split(' / ')[-1]}）"
    _align_by_subtotals(items, len(cols))
    out: list[Figure] = []
    for it in items:
        if it["assign"] is None:  # no 小計 to align against: first values go to the first columns
            it["assign"] = list(range(len(it["nums"])))
            sheet.warnings.append(
                f"{sheet.path}:{it['row'].line}: {it['series']}: fewer values than columns; aligned left")
        got = dict(zip(it["assign"], it["nums"]))
        for ci, (_col, label, fy, measure) in enumerate(cols):
            i, v = got.get(ci, (None, None))
            out.append(Figure(
                sheet=sheet.id, section=path, subject=subject, series=it["series"], measure=measure,
                fiscal_year=fy, year_label=label, value=v.value if v else None, unit=table.unit,
                raw=v.raw if v else "", line=it["row"].line, page=it["row"].page,
                cell=it["row"].ref(i) if i is not None else None, table=subject, note=it["note"],
            ))
    return out


def _align_by_subtotals(items: list[dict[str, Any]], n_cols: int) -> None:
    """Set each row's "assign" (value i → column assign[i]): rows with a value per column by position;
    the short rows above a 小計 by the combination of columns under which the most 小計 columns add up."""
    members: list[dict[str, Any]] = []
    for it in items:
        k = len(it["nums"])
        if k >= n_cols:
            it["assign"] = list(range(n_cols))[:k]
        if it["kind"] == "item":
            members.append(it)
            continue
        if it["kind"] == "小計" and it["assign"] is not None:
            totals = {ci: v.value for ci, (_, v) in zip(it["assign"], it["nums"])}
            for m in members:
                if m["assign"] is not None:
                    continue
                others = [o for o in members if o is not m]
                best, best_score = None, -1
                for combo in combinations(range(n_cols), len(m["nums"])):
                    score = 0
                    for ci, total in totals.items():
                        s = sum(v.value for o in others if o["assign"] is not None
                                for cj, (_, v) in zip(o["assign"], o["nums"]) if cj == ci)
                        s += sum(v.value for cj, (_, v) in zip(combo, m["nums"]) if cj == ci)
                        score += s == total
                    if score > best_score:
                        best, best_score = list(combo), score
                m["assign"] = best
            members = []
