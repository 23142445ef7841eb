"""Breakdown tables: one quantity split by a category down the first column.

「国・地域 | R1年 | R4年」 over 「韓国 | 558.5 | 101.3」, 「県 | 参加者数 | 実施団体数」 over 「岩手県 | 21,406 | 38」,
「月 | 旅行者数」 under a caption 「令和4年　月別訪日外国人旅行者数（万人）」. Each value becomes a 実績値 whose
subject is the table's caption, whose series is the row's category (韓国, 岩手県, 11月, 合計) and whose year is
its column's, else the caption's. A column named by a noun the caption does not say (実施団体数) is a subject
of its own. A value tied to no year yields no figure, as everywhere else.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .cells import is_note, parse_cell, unit_of
from .figure import Figure
from .fiscal_year import find_fiscal_years, parse_fiscal_year, to_label
from .form_cells import year_cell
from .measures import GRADE_HEADS, GRADE_MARKS, measure_of
from .normalize import norm, tidy
from .sheet import Section, Sheet
from .tables import Row, Table, analyse_table

# A calendar or fiscal year as a column header: 「R1年」「2019年」「令和4年」「R4年度」.
_YEAR_HEADER_RE = re.compile(r"(?:(?:令和|平成)(?:\d{1,2}|元)|[RH](?:\d{1,2}|元)|(?:19|20)\d{2})年度?(?:末)?"
                             # 「令和5年度（概算）」: a year whose value is a preliminary one is that year's still
                             r"(?:\((?:概算|速報値?|見込み?|暫定値?|推計値?)\))?")
# First-column headers of an indicator, budget or means table: those are read by `evalqa.form_tables`.
_NOT_A_CATEGORY = re.compile(r"指標|達成手段|事業|区分|項目|年度|^年$|目標|実績|予算|評価")
_CAPTION_RE = re.compile(r"^(?:(?:参考)?表\s*\d+|図\s*\d+|【参考指標】|参考指標|[(（]参考[)）])[\s\u3000:：]*")
_UNIT_NOTE_RE = re.compile(r"\s*[(（]\s*単位\s*[:：][^()（）]*[)）]")
# Kinds of value a category's row may work out from its own counts (達成率 = 採用者数 ÷ 採用計画数)
_DERIVED_RATES = ("達成率", "執行率")
# Columns that relate a category's value to another: shares, ratios, changes.
_SHARE_RE = re.compile(r"構成比|割合|比率|シェア|増減率|伸び率|前年(?:度)?比|対前年")
_PRIOR_RE = re.compile(r"(前(?:事務)?年度?)の")
# Rows that add the categories up: a breakdown's total, not a category of it.
TOTALS = ("合計", "計", "総計", "小計", "総数", "全体", "全国", "全国計")  # (全国: the regions added up)


_LEGEND_RE = re.compile(r"[○◎△×]\s*[:：].*[○◎△×]\s*[:：]")


def breakdown_caption(section: Section, table: Table) -> str:
    """The words that name a table: the line right above it (「表4　避難先都道府県別の避難者数（…）（人）」), else
    the table's title."""
    # (a legend of the marks, 「達成状況　○：…を達成　×：…未満」, names no table: the line above it may)
    before = [(ln, t) for ln, t in section.lines if ln < table.first_line and t.strip()
              and not _LEGEND_RE.search(t)]
    # (not one over rows between: a block's second table is not named by the first's caption)
    last = tidy(before[-1][1]) if before and "\t" not in before[-1][1] else ""
    # (any short line that is not a sentence, a note or a unit alone: 「技術分野別の…期間等（R4年度）」 too)
    if last and len(last) <= 60 and not last.endswith("。") and not is_note(last) \
            and not re.fullmatch(r"[(（]\s*(?:単位\s*[:：])?[^()（）]*[)）]", last):
        return last
    return tidy(table.title)


_RANK_HEAD_RE = re.compile(r"順位|順|No\.?|番号|#")


def _without_rank(table: Table, sheet: Sheet) -> Table:
    """「順位 | 国・地域 | 輸出額」 over 「1 | 中国 | 2376」: a column of ranks first leaves the categories second."""
    rows = table.rows
    if len(rows) < 3 or len(rows[0].cells) < 3 or not _RANK_HEAD_RE.fullmatch(norm(rows[0].cells[0])) \
            or not all(re.fullmatch(r"\d{1,3}|", norm(r.cells[0]) if r.cells else "") for r in rows[1:]):
        return table
    out = Table(table.kind, table.title, [Row(r.line, r.cells[1:], r.page, r.refs[1:] if r.refs else None)
                                          for r in rows], unit=table.unit)
    analyse_table(out, sheet.era, sheet.fiscal_year)
    return out


def _turned(table: Table, sheet: Sheet) -> Table:
    """「都府県 | 大阪府 | 東京都 | … | 合計」 over 「面積（ha） | 612 | 286 | …」: categories across the first row and
    a quantity in each row under it, turned so that the categories run down the first column."""
    rows = table.rows
    if not 2 <= len(rows) <= 4 or len(rows[0].cells) < 4:
        return table
    head = rows[0].cells
    if not all(c.strip() and parse_cell(c) is None and year_cell(c, sheet) is None for c in head) or not all(
            len(r.cells) == len(head) and r.cells[0].strip() and parse_cell(r.cells[0]) is None
            and all(parse_cell(c) for c in r.cells[1:]) for r in rows[1:]):
        return table
    # (「地域 | 研修員受入人数（人） | 派遣人数（人）」 over 「アジア | …」 and 「合計 | …」: quantities across, in
    # their units, and categories with their total down: already the right way round)
    if any(unit_of(c) for c in head[1:]) or any(norm(r.cells[0]) in TOTALS for r in rows[1:]):
        return table
    out = Table(table.kind, table.title, [Row(rows[0].line, [r.cells[k] for r in rows], rows[0].page)
                                          for k in range(len(head))], unit=table.unit)
    analyse_table(out, sheet.era, sheet.fiscal_year)
    return out


def _grouped(table: Table, sheet: Sheet) -> tuple[Table, dict[int, str]]:
    """「地方整備局等 | 市区町村数 | 策定状況（令和6年3月末） | | 措置件数（令和5年度）（件） | …」 over 「 | | 策定済み
    市区町村数 | 策定率（％） | 助言・指導 | 勧告 | …」: a header of two rows, the upper naming groups of the lower's
    columns (a merged cell, blank after its first column). One row of the columns' names, and each grouped
    column's group; the table as it is when its second row is no such header."""
    rows = table.rows
    if len(rows) < 3 or len(rows[0].cells) < 3:
        return table, {}
    top, low = rows[0].cells, rows[1].cells
    if not low or low[0].strip() or sum(bool(c.strip()) for c in low[1:]) < 2 \
            or any(parse_cell(c) for c in low if c.strip()) or not any(not c.strip() for c in top[1:]):
        return table, {}
    names, groups, current = [top[0]], {}, ""
    for c in range(1, max(len(top), len(low))):
        up = top[c].strip() if c < len(top) else ""
        down = low[c].strip() if c < len(low) else ""
        current = up or current
        names.append(down or up)
        if down and current and current != down:
            groups[c] = current
    if not groups:
        return table, {}
    out = Table(table.kind, table.title, [Row(rows[0].line, names, rows[0].page, rows[0].refs), *rows[2:]],
                unit=table.unit)
    analyse_table(out, sheet.era, sheet.fiscal_year)
    return out, groups


def is_breakdown(table: Table, sheet: Sheet) -> bool:
    """Is the table's first row a header naming a category (国・地域, 県, 月, 費目) over rows of categories?"""
    table = _grouped(_without_rank(_turned(table, sheet), sheet), sheet)[0]
    head = [c.strip() for c in table.rows[0].cells]
    if len(head) < 2 or not head[0] or any(parse_cell(c) for c in head[1:] if c):
        return False
    h0 = norm(head[0])
    # (「区分（令和5年度）| 入域観光客数（万人）」: 区分 heads categories when no year heads a column)
    # (「検査区分 | 検査箇所数 | うち実地検査」 too: a 区分 of something, not of an indicator, 事業 or year)
    of_what = m.group(1) if (m := re.fullmatch(r"(\S{0,6})区分(?:\(.*\))?", h0)) else None
    named_rows = of_what is not None and not _NOT_A_CATEGORY.search(of_what) \
        and not any(_YEAR_HEADER_RE.search(norm(c)) for c in head[1:])
    if len(h0) > 10 or (_NOT_A_CATEGORY.search(h0) and not named_rows) or year_cell(h0, sheet) is not None:
        return False
    # (「採用計画数 | 採用者数 | 達成率（％）」: a rate worked out from the counts beside it is a column of the
    # categories too, not an indicator's 達成率 row)
    rates = [c for c in head[1:] if c and measure_of(c) in _DERIVED_RATES]
    # (nor is the one value column a caption names: 「地方整備局等別の週休2日の達成率」 over 「地方整備局等 | 達成率」)
    named = _captions_column(head, table.title)
    paired = _paired_columns(head)
    if len(paired) >= len([c for c in head[1:] if c]):
        return False
    if any(measure_of(c) for i, c in enumerate(head) if i and c and i not in paired and not named
           and not (c in rates and len(rates) < len(head) - 2)) \
            or any(measure_of(c, whole=True) for r in table.header[1:] for c in r.cells[1:] if c.strip()) \
            or any(norm(c) in ("測定指標", "業績指標", "指標") or norm(c).endswith("指標名") for c in head[1:]):
        return False  # 実績値 / 目標値 columns (or 「目標 | 実績」 under the years), or named indicators: indicators
    rows = [r for r in table.rows[1:] if r.cells and r.cells[0].strip() and not is_note(r.cells[0])]
    firsts = [norm(r.cells[0]) for r in rows]
    with_values = [r for r in rows if any(parse_cell(c) for c in r.cells[1:])]
    return len(with_values) >= 2 and all(
        len(f) <= 20 and (measure_of(f) is None or re.sub(r"\(.*\)$", "", f) in TOTALS)  # (「合計（海面漁業）」)
        and year_cell(f, sheet) is None
        and not re.match(r"\d+[\s.．、]\D", f) for f in firsts)  # (「1　訪日外国人旅行者数」 is an indicator)


def _paired_columns(head: list[str]) -> dict[int, int]:
    """Columns that belong to the value column before them (column → that value column): its target
    (「特定健診実施率（％）| 保険者別目標（％）| 達成状況」) and the grade of the value against it."""
    out: dict[int, int] = {}
    for c in range(2, len(head)):
        value = c - 1 if c - 1 not in out else out[c - 1]
        if measure_of(head[value]) is not None or not head[value]:
            continue
        # (「保険者別目標（％）」: a target of the value before it, whatever it is called)
        target = (measure_of(head[c]) in ("目標値", "年度目標値")
                  or re.search(r"目標値?$", _bare(norm(head[c]))) is not None) and c - 1 not in out
        grade = norm(head[c]) in GRADE_HEADS and (c - 1 in out or c - 1 == value)
        if target or grade:
            out[c] = value
    return out


def _captions_column(head: list[str], caption: str) -> bool:
    """Is the header's one value column what a caption of categories (「…別の」) counts?"""
    named = [c for c in head[1:] if c]
    return len(named) == 1 and "別の" in caption and bool(bare := norm(_bare(named[0]))) and bare in norm(caption)


def _bracket_year(bracket: str, sheet: Sheet) -> int | None:
    """The year a bracket says when it says a year and nothing else: 「（令和4年度末）」「（R4年度）」「（2022年）」."""
    inner = norm(bracket).strip("()（）")
    years = find_fiscal_years(inner, sheet.era)
    return years[0].start if years and re.fullmatch(
        r"(?:令和|平成|[RH])?(?:\d{1,4}|元)(?:事務)?年度?(?:末|時点|実績)?", inner) else None


def _bare(name: str) -> str:
    """A column's name without its unit: 「出願件数（件）」 → 出願件数."""
    return re.sub(r"\s*[(（][^()（）]*[)）]$", "", tidy(name))


def _other_quantity(subject: str, first: str, name: str) -> str:
    """The subject of a column the caption does not count: 「「地域交流」事業の県別参加者数」 with 参加者数 in the first
    column and 実施団体数 in this one → 「「地域交流」事業の県別実施団体数」; of a caption counting two
    (「…種類別摘発件数及び押収量」), the one of the column (「…種類別押収量」)."""
    base = re.sub(r"(?:\s*[(（][^()（）]*[)）])+$", "", subject)
    first, name = _bare(first), _bare(name)
    if (both := re.search(r"([^の・、]+)及び([^の・、(（]+)", base)) and first and both.group(1).endswith(first):
        lead = both.group(1)[:-len(first)]  # (「種類別」, which both quantities share)
        own = both.group(1) if name == first else lead + both.group(2) if name in both.group(2) else None
        if own:
            return base[:both.start()] + own + base[both.end():]
    if name.startswith("うち") and len(name) > 2:  # 「うち女性」: a part of the caption's quantity
        return f"{base}のうち{name[2:]}"
    if _SHARE_RE.search(name):  # 「構成比」 is a share of the caption's quantity
        return f"{base}の{name}"
    if first and base.endswith(first):
        return base[: -len(first)] + name
    return f"{base}・{name}"


def breakdown_figures(sheet: Sheet, section: Section, table: Table) -> list[Figure]:
    """The figures of a breakdown table (see the module docstring)."""
    table, groups = _grouped(_without_rank(_turned(table, sheet), sheet), sheet)
    caption = breakdown_caption(section, table)
    # (a caption that is only 「参考指標」 names nothing: the one value column's header does, 「入域観光客数（万人）」)
    lone = tidy(table.rows[0].cells[1]) if len(table.rows[0].cells) == 2 else ""
    head = [c.strip() for c in table.rows[0].cells]
    # (nor one that only remarks on it, 「参考指標（目標値は設定していない）」: the header's first cell says what the
    # rows are, 「ブロック血液センター別」, and each column what it counts)
    unnamed = bool(_CAPTION_RE.match(caption)) \
        and not re.sub(r"\s*[(（][^()（）]*[)）]", "", _CAPTION_RE.sub("", caption)).strip()
    by_rows = f"{_bare(head[0])}別" if unnamed and head[0] and not lone else ""
    subject = ("" if unnamed else tidy(_CAPTION_RE.sub("", caption))) or lone or by_rows or tidy(table.title)
    # the unit and a year in brackets (「（令和4年度末）」) are the figures' own fields
    subject = _UNIT_NOTE_RE.sub("", subject)
    subject = re.sub(r"\s*[(（][^()（）]*[)）]",
                     lambda m: "" if _bracket_year(m.group(0), sheet) is not None else m.group(0), subject)
    if re.match(r"[【(（]?参考", caption):  # a reference table stays one: 「（参考指標）国・地域別…」
        subject = f"（参考指標）{subject}"
    # (or the header's corner cell: 「区分（令和5年度）」)
    years = find_fiscal_years(caption, sheet.era) or find_fiscal_years(table.rows[0].cells[0], sheet.era)
    if not years:  # 「（注）受付件数は令和４事務年度の値。」 right under the table says the year
        below = next((t for ln, t in section.lines if ln > table.last_line and t.strip()), "")
        years = find_fiscal_years(below, sheet.era)[:1] if is_note(below) else []  # (its first: 「（令和4年7月～）」)
    caption_year = ((years[0].start, years[0].text if "年" in years[0].text else to_label(years[0].start))
                    if len(years) == 1 and years[0].start == years[0].end else None)
    # (「（漁獲量の単位：千トン）」 in a header cell of its own names the table's unit)
    unit = unit_of(caption) or table.unit or next((u for c in head if "単位" in c and (u := unit_of(c))), None)
    total = next((c for c, n in enumerate(head) if c > 1 and norm(_bare(n)) in TOTALS), None)
    out: list[Figure] = []
    paired = _paired_columns(head)
    placed: dict[tuple[int, int], Figure] = {}  # (row, column) → its figure
    for c, name in enumerate(head):
        if c == 0 or not name or c in paired:
            continue
        if _YEAR_HEADER_RE.fullmatch(norm(name)):
            year, label, col_subject = parse_fiscal_year(re.sub(r"\(.*\)$", "", norm(name)), sheet.era,
                                                         sheet.fiscal_year), tidy(name), subject
        elif c in groups:  # (a column under a group: the group's year in brackets, its words before the column's)
            said = [(found[0].start, b) for b in re.findall(r"[(（]([^()（）]*)[)）]", groups[c])
                    if len(found := find_fiscal_years(b, sheet.era)) == 1]
            year, label = said[0] if said else caption_year or (None, "")
            # (after the caption's 「…別の」, which says what the rows are: 「地方整備局等管内別の」)
            by = rows.group(0) if (rows := re.search(r"[^\s、。の()（）]{1,12}別の", subject)) else ""
            group = re.sub(r"[(（][^()（）]*[)）]", "", tidy(groups[c]))
            # (a group's 計 is what the group counts: 「調査に着手した件数」 is its 計, 事故 a part of it)
            col_subject = f"{by}{group}" if norm(_bare(name)) in TOTALS else f"{by}{group}・{_bare(name)}"
        else:
            # (「献血者数（万人）（令和5年度）」: a column that says its own year)
            own_year = next(((y, b) for b in re.findall(r"[(（]([^()（）]*)[)）]", name)
                             if (y := _bracket_year(b, sheet)) is not None), None)
            said_year = own_year or caption_year
            if said_year is None:
                continue
            year, label = said_year
            if own_year is not None:
                name = re.sub(rf"\s*[(（]{re.escape(own_year[1])}[)）]", "", name)
            if prior := _PRIOR_RE.match(norm(name)):  # 「前事務年度の受付件数」: the year before, same quantity
                year, label, name = year - 1, to_label(year - 1), name[prior.end():]
            # 「参加者数」 is what the caption counts; 「実施団体数」 is another quantity, a subject of its own
            own = not (norm(_bare(name)) in norm(subject) or c == 1 and len(head) == 2) or "及び" in subject
            # (「…拠点病院等の数」 over 「拠点病院 | 地域がん診療病院 | 計」: the caption counts the total, each
            # other column a part of it)
            if total is not None:
                own = c != total
            col_subject = _other_quantity(subject, head[1], name) if own else subject
            if by_rows:
                col_subject = f"{subject}の{_bare(name)}"
        # (a rate worked out from the row's counts, 「達成率（％）」, is the table's own, of that kind)
        rate = measure_of(name) if measure_of(name) in _DERIVED_RATES and not _captions_column(head, table.title) \
            else None
        if rate:
            col_subject = subject
        if year is None:
            continue
        if not any((vals := parse_cell(r.cells[c]) if c < len(r.cells) else None) and vals[0].value is not None
                   for r in table.rows[1:]):
            continue  # 「所在地」: a column of words, whose 「－」 is no value either
        for row in table.rows[1:]:
            category = row.cells[0].strip() if row.cells else ""
            cell = row.cells[c].strip() if c < len(row.cells) else ""
            vals = parse_cell(cell) if cell else None
            if not category or is_note(category) or not vals or len(vals) != 1 or vals[0].marker:
                continue
            v = vals[0]
            col_unit = unit_of(name) or (unit_of(groups[c]) if c in groups else None) \
                or (unit if col_subject == subject else None)
            out.append(placed.setdefault((id(row), c), Figure(
                sheet=sheet.id, section=section.path, subject=col_subject, series=tidy(category),
                measure=rate or "実績値",
                fiscal_year=year, year_label=label, value=v.value,
                unit="%" if v.percent else col_unit, raw=cell, line=row.line, page=row.page,
                cell=row.ref(c), table=caption)))
    return _with_paired(out, placed, table, head, paired)


def _with_paired(figures: list[Figure], placed: dict[tuple[int, int], Figure], table: Table,
                 head: list[str], paired: dict[int, int]) -> list[Figure]:
    """Each value's own target (a figure of 目標値 beside it) and grade (its note), from the columns paired with
    its column."""
    out = list(figures)
    for c, value in paired.items():
        for row in table.rows[1:]:
            own = placed.get((id(row), value))
            cell = row.cells[c].strip() if c < len(row.cells) else ""
            if own is None or not cell:
                continue
            if norm(head[c]) in GRADE_HEADS:
                if cell in GRADE_MARKS:
                    grade = f"{norm(head[c])}: {cell}"
                    own.note = f"{own.note}、{grade}" if own.note else grade
                continue
            vals = parse_cell(cell)
            if vals and len(vals) == 1 and vals[0].value is not None and not vals[0].marker:
                out.append(replace(own, measure="目標値", value=vals[0].value, raw=cell, cell=row.ref(c),
                                   unit="%" if vals[0].percent else unit_of(head[c]) or own.unit, note=None))
    return out
