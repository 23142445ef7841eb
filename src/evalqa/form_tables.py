"""Tables of general evaluation documents → figures, only where a cell can be tied to a year and a measure.

These forms lay their indicator tables out in a few regular ways:
- 施策目標個票 (国交省): one row per 業績指標, columns 初期値 | 実績値 by year | 評価 | 目標値, the target's year in
  the cell (「100%(R7年度)」) or under the header;
- 実績評価書 (厚労省): 基準値 | 目標値 | 年度ごとの実績値, the years of 基準値 and 目標値 on the row below the values,
  and a 達成率 row;
- 評価書 (総務省): a 年度ごとの目標値 row and a 年度ごとの実績値 row per indicator;
- the 事前分析表's own grids (中期目標値, 年度目標値 / 実績値 under merged year headers) and budget tables.

A value gets its measure from its column's header, or from its row's label (「達成率」「当初予算(a)」) in a
column whose header is a year; its year from the cell, the column's header, the row of years under it, or
the row's 目標年度 / 基準年度 cell. A cell that cannot be tied to both yields no figure; labels such as 評価
A/B are notes of the row's figures, not figures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .cells import CIRCLED, parse_cell, unit_of
from .figure import Figure
from .fiscal_year import find_fiscal_years, parse_fiscal_year, to_label
from .form_cells import read_value, year_cell, year_row, year_row_with_label
from .form_rows import CALENDAR_YEAR_RE, inner_header, labelled_value, of_caption, subject_of, unit_field
from .measures import GRADE_HEADS, GRADE_MARKS, is_grade_head, measure_of
from .measures import UNIT_PARENS as _UNIT_PARENS
from .normalize import nfkc, norm, tidy
from .owners import column_owner, owner_subject
from .sheet import Section, Sheet
from .tables import YEAR_IN_HEADER_RE, Table

_RUN_IN_KIND_RE = re.compile(r"[^\s\d](目標値?|実績値?)$")  # a kind of value run into the cell before it
_BUDGET = ("予算", "執行", "決算", "繰越", "合計", "要求")
_FIELDS = {"単位", "評価の向き", "主要な測定指標", "主要", "指標の種類", "測定指標の種類"}
_LABEL_HEADERS = (*GRADE_HEADS, "備考", "出典", "指標", "区分", "事業番号", "目標年", "基準年", "単位")
# 「令和4年」: a calendar year (交通事故, 出所年), read as the year of that number; its label keeps 年.
_YEAR_MEASURE_RE = re.compile(r"((?:令和|平成)(?:\d{1,2}|元)年度|(?:19|20)\d{2}年度)(?:\((?:R|H)\d{1,2}\))?(.{2,8})")
# What an inner header row's first cell names: the table that starts there (「業績指標 | 基準値 | 令和元年 …」).
_CARD_LABEL_RE = re.compile(r"[【\[]((?:測定|参考)?指標\s*[0-9０-９]{1,2})[】\]]")
_MEANS_TITLE_RE = re.compile(r"達成手段|事務事業|主な事業|主要な事業")  # a table of the 施策's means
_TABLE_NAME_RE = re.compile(r"測定指標|業績指標|成果指標|参考指標|指標|達成手段|事務事業|予算")


# 「（参考指標）熱中症による休業4日以上の死傷者数（人）」: a name after a bracketed kind, not a row's label.
_WRAP_AFTER = ("目標値", "年度目標値")  # a row of these, then the 実績値 row of the same indicator
_NAMED_AFTER_BRACKET = re.compile(r"\([^()]{1,8}\)[^()]{4,}")


_NAME_HEADER_RE = re.compile(r"(?:測定|業績|成果|参考)?指標(?:名)?")


@dataclass
class _Column:
    measure: str | None = None
    year: int | None = None
    year_label: str | None = None
    label: str | None = None  # a label column: 評価, 達成状況, 目標年度 …
    unit: str | None = None
    paired: str | None = None  # 「予算額計（執行額）」: the measure of the value in brackets after each value
    owner: str | None = None  # 「指標3目標値」: the indicator whose value the column holds (see owners)


@dataclass
class _RowState:
    subject: str | None = None
    unit: str | None = None


def _filled_header(header: list[list[str]], width: int) -> list[list[str]]:
    """Header rows with merged cells filled forward: a cell takes its left neighbour's text when a row
    below has something in that column and every row above spans both columns alike."""
    filled = [list(r) + [""] * (width - len(r)) for r in header]
    for h, cells in enumerate(filled):
        for c in range(2, width):
            if cells[c].strip() or not cells[c - 1].strip():
                continue
            below = any(filled[h2][c].strip() for h2 in range(h + 1, len(filled)))
            above = all(filled[h2][c] == filled[h2][c - 1] for h2 in range(h))
            if below and above:
                cells[c] = cells[c - 1]
    return filled


def _columns(header: list[list[str]], sheet: Sheet, width: int) -> dict[int, _Column]:
    cols: dict[int, _Column] = {}
    filled = _filled_header(header, width)
    for c in range(1, width):
        col = _Column()
        for text in reversed([f[c].strip() for f in filled if f[c].strip()]):  # the lowest row says it
            owner, text = column_owner(re.sub(r"[(（]([値度])[)）]", r"\1", text))  # 「基準（値）」: either word
            col.owner = col.owner or owner
            n = norm(text)
            # (「R4」 alone under a 年度 header is that year too)
            if col.year is None and (m := YEAR_IN_HEADER_RE.search(n) or CALENDAR_YEAR_RE.search(n)
                                     or re.fullmatch(r"[RH](?:\d{1,2}|元)", n)):
                col.year = parse_fiscal_year(m.group(0), sheet.era, sheet.fiscal_year)
                col.year_label = tidy(text) if col.year and len(n) <= 12 else m.group(0)
            # 「令和2年度 目標」: a year and a measure in one cell, the measure said short
            year_here = YEAR_IN_HEADER_RE.search(n)
            after_year = (n[:year_here.start()] + n[year_here.end():]).strip() if year_here else ""
            short = measure_of(after_year, whole=True) if after_year else None
            if col.measure is None:
                col.measure = measure_of(re.sub(r"\([^()]*\)", "", norm(text))) or measure_of(text) \
                    or measure_of(text, whole=True)  # (「目標」「実績」 alone head their columns too)
                if col.measure is None and short and year_here and col.year is not None:
                    col.measure, col.year_label = short, year_here.group(0)
                inner = [got for b in re.findall(r"\(([^()]+)\)", norm(text)) if (got := measure_of(b, whole=True))]
                col.paired = inner[0] if inner and inner[0] != col.measure else None
            labelled = any(w in n for w in _LABEL_HEADERS) or is_grade_head(n)
            if col.label is None and labelled and measure_of(text) is None:
                # 「目標年」「基準年」 (calendar years) are the 目標年度 / 基準年度 of their form
                # (「達成」 alone heads the column of 達成 / 未達成: the 達成状況)
                col.label = {"目標年": "目標年度", "基準年": "基準年度", "達成": "達成状況"}.get(
                    n, n if n in ("目標年度", "基準年度") else tidy(text))
            col.unit = col.unit or unit_of(text) or ("%" if "率" in n and "%" in nfkc(text) else None)
        lowest = next((norm(f[c]) for f in reversed(filled) if f[c].strip()), "")
        if col.label is None and lowest in ("年度", "年") and col.measure in ("基準値", "目標値"):
            # 「基準値」 over 「値 | 年度」: the second column holds the 基準値's year
            col.label, col.measure = ("基準年度" if col.measure == "基準値" else "目標年度"), None
        cols[c] = col
    # 「2022年度執行額 | 執行率（％）」: a rate column without a year is the rate of the one 執行額 column's year
    spent = {(col.year, col.year_label) for col in cols.values() if col.measure == "執行額" and col.year}
    for col in cols.values():
        if col.measure == "執行率" and col.year is None and len(spent) == 1:
            col.year, col.year_label = next(iter(spent))
    return cols


# A note that says what a 達成手段 table's year cells hold: 予算額 and, in brackets, 執行額
_PAIRED_NOTE_RE = re.compile(r"予算額\(執行額\)|\(\s*\)内(?:の(?:数値|金額))?は執行額|括弧内は執行額|かっこ内は執行額")


def form_figures(sheet: Sheet, section: Section, table: Table, title: str) -> list[Figure]:
    """The figures of one table of a general document (see the module docstring for the rules)."""
    width = max(len(r.cells) for r in table.rows)
    # 「初期値 | 53%（2019年度）」「目標値 | 57%（2025年度）」 above a table's header: values, each of its label.
    labelled = [r for r in table.header if measure_of(r.cells[0], whole=True)
                and any(read_value(c, sheet) for c in r.cells[1:])]
    cols = _columns([r.cells for r in table.header if r not in labelled], sheet, width)
    body = labelled + table.body
    # 「単位 | 件 | 最終目標値（目標年） | 0（毎年）」 read as the header: its unit holds for the rows
    state = _RowState(unit=next((u for r in table.header if (u := unit_field(r.cells))), None))
    out: list[Figure] = []
    # 「主な事務事業（令和3年度）」「業績指標の実績（令和3年）」: a table of one year says it in brackets in its title
    # (「令和5年度事前分析表」, the document's own heading, is not a table's year).
    # (「（令和5年度、単位：百万円）」: the year among other notes in the brackets)
    # (not a span, 「（計画期間：令和3～7年度、…）」: no one year)
    title_years = {y for m in re.finditer(r"\(([^()]*)\)", norm(title)) for part in re.split(r"[、,]", m.group(1))
                   if re.search(r"年度?$", part.strip()) and not re.search(r"[～~〜\-－]|から|まで|期間", part)
                   and (y := parse_fiscal_year(part, sheet.era, sheet.fiscal_year))}
    title_year = title_years.pop() if len(title_years) == 1 else None
    # 「【達成手段】」「主な事務事業（令和3年度）」: the rows are 達成手段, whatever the form calls its table.
    means = _MEANS_TITLE_RE.search(norm(title)) is not None
    # 「施策の予算額・執行額等 | 区分 | 令和3年度 …」: a budget table names itself in its header's first cell.
    caption = tidy(table.header[0].cells[0]) if table.header and table.header[0].cells else ""
    if _TABLE_NAME_RE.search(norm(caption)) and measure_of(caption, whole=True) is None:
        title = caption  # 「業績指標 | 基準値 …」「主な達成手段 | 令和4年度予算額 …」 too
        means = means or _MEANS_TITLE_RE.search(norm(title)) is not None
    if means and _PAIRED_NOTE_RE.search(norm(" ".join(t for _, t in section.lines))):
        # 「各欄は「予算額（執行額）」を示す」「（　）内は執行額」 under year columns that say no measure: a year's
        # 「7,240（6,915）」 is its budget and, in brackets, what was spent
        for col in cols.values():
            if col.year and col.measure is None and col.label is None:
                col.measure, col.paired = "予算額", "執行額"
    # 「施策目標 | 測定指標 | 区分 | 基準値 …」: the indicator is named in its own column, after the 施策目標.
    # (not 「関連する | 指標」 over two header rows: the numbers of the indicators a 達成手段 serves)
    said = {c: norm("".join(r.cells[c] for r in table.header if c < len(r.cells))) for c in cols}
    name_col = next((c for c, col in cols.items() if col.label and _NAME_HEADER_RE.fullmatch(norm(col.label))
                     and "関連" not in said[c]), None)
    table_unit = table.unit
    if table_unit and any(col.unit == table_unit for col in cols.values()):
        table_unit = None  # 「達成率（％）」: a column's own unit, not the table's
    years_across: dict[int, tuple[int, str]] = {}  # a row of years inside the body heads the rows below it
    graded_years: dict[tuple[str, int], str] = {}  # (subject, year) → the grade a one-year grade column gives
    row_measure: str | None = None
    named_row = -1  # the row that named the subject in force
    kinds_at = next((c for c, col in cols.items() if col.label == "区分"), None)  # the column of 目標値 / 実績値
    table_cols = cols  # (an indicator's card starts again from the table's own columns)

    def read_row(cells: list[str]) -> tuple[dict, list[tuple[int, str]], tuple[int, str | None]]:
        values = {c: got for c in range(1, width)
                  if cols[c].label is None and (got := read_value(cells[c], sheet))}
        texts = [(c, cells[c].strip()) for c in range(width) if cells[c].strip() and c not in values]
        # (「大きいほど良好目標」: a cell run into the 区分 after it, the kind of value at its end)
        return values, texts, next(((c, m) for c, t in texts if (m := measure_of(t, whole=True))), None) or next(
            ((c, m) for c, t in texts if c > 0 and (e := _RUN_IN_KIND_RE.search(norm(t)))
             and (m := measure_of(e.group(1), whole=True))), (0, None))

    for i, row in enumerate(body):
        cells = row.cells + [""] * (width - len(row.cells))
        values, texts, (label_at, measure) = read_row(cells)
        if kinds_at is not None and measure and label_at < kinds_at and not any(cells[width - (kinds_at - label_at):]) \
                and next((c for c in range(label_at + 1, width) if read_value(cells[c], sheet)), width) \
                < min([c for c in cols if cols[c].year] + list(years_across), default=width):
            # (not a row whose values begin under the first year's column already: 「執行額 | | | 33,870 | …」)
            # 「（H30年度） （毎年度） 実績値 2,915 …」 set out with spaces, its empty name cell lost: the kind of value
            # stands in the 区分 column, and the cells after it in the years' columns
            cells = [""] * (kinds_at - label_at) + cells[:width - (kinds_at - label_at)]
            values, texts, (label_at, measure) = read_row(cells)
        prev_measure, row_measure = row_measure, measure
        # 「| 年度ごとの目標値 | 910 | 900 …」 set one cell to the right, its label in the first year's column:
        # the values are the years' from that column on.
        shift = 1 if label_at and cols[label_at].year and all(c > label_at for c in values) \
            and not cols.get(label_at - 1, _Column()).year else 0
        first = cells[0].strip()
        if name_col is not None and cells[name_col].strip() and (values or not first):
            first = cells[name_col].strip()  # (the 施策目標 in the first cell stands over several indicators)
        # Years down the first column, measures across (「平成30年度 | 64.0 | 56.2」): the row's year.
        row_year = (y, tidy(first)) if first and (y := year_cell(first, sheet)) else None
        # 「令和6年度概算要求額 | 5,361,020」 under the columns of 当初予算 …: the row names its year and measure.
        own = _YEAR_MEASURE_RE.fullmatch(_UNIT_PARENS.sub("", norm(first))) if first and row_year is None else None
        if own and (y := parse_fiscal_year(own.group(1), sheet.era, sheet.fiscal_year)) \
                and (m := measure_of(own.group(2), whole=True)):
            row_year, row_measure = (y, tidy(own.group(1))), m
        if len(texts) > 2 and (unit := unit_field([first, texts[1][1]])):
            state.unit = unit  # 「単位 | 隻 | 最終目標値 | 1,600以下」: fields
            continue
        if row_year is not None:
            pass  # the subject stays the table's (or the indicator's above)
        elif not values and inner_header(cells, sheet):
            # 「業績指標 | 基準値 | 基準年 | 令和元年 …」 inside a block of fields: a table starts here, with
            # these columns, named by its first cell.
            cols, years_across, table_unit = _columns([cells], sheet, width), {}, None
            # (「【指標1】 | …の申込者数（人）」, its fields, then 「年度 | 年度目標値 | 実績値」: an indicator's
            # card, the years down its own table; the name stays the rows')
            card = norm(first) in ("年度", "年") and state.subject is not None and 0 <= i - named_row <= 4
            if not card:  # (a 「単位 | ％」 field above)
                state = _RowState(unit=state.unit if state.subject is None else None)
            if first and _TABLE_NAME_RE.search(norm(first)) and measure_of(first, whole=True) is None:
                title = tidy(first)
                means = _MEANS_TITLE_RE.search(norm(title)) is not None
            continue
        elif not values and (across := year_row_with_label(cells, sheet)):
            # 「施策の予算額・執行額等 | 区分 | 令和3年度 …」 inside a block of fields: the years of the columns,
            # and the table's name when it names a budget.
            years_across = across
            caption = caption or tidy(first)  # (「測定指標 | 令和元年 | 令和2年」: what the rows below are)
            if "予算" in first and measure_of(first, whole=True) is None:
                title = tidy(first)
            continue
        elif not values and norm(first) in GRADE_HEADS and len(texts) == 2 and len(norm(texts[1][1])) <= 6 \
                and not (cols[texts[1][0]].year or texts[1][0] in years_across):  # (not under one year's column)
            # 「評価 | B-1」 under an indicator's rows (years down the column): the indicator's grade
            for f in out:
                if f.subject == (state.subject or title):
                    f.note = "、".join(x for x in (f.note, f"{norm(first)}: {norm(texts[1][1])}") if x)
            continue
        elif (state.subject or title) and (graded := next((norm(cells[c]) for c in range(width)
                                                           if cells[c].strip()), "")) \
                in GRADE_HEADS and all(v.value is None for vals in values.values() for v in vals):
            # 「| 達成度 | ○ | △ | ×」 under an indicator's rows (years across): each year's grade of its 実績値
            # (「×」 reads as a blank value: no figure)
            word = graded
            for c in range(1, width):
                t = cells[c].strip()
                year = cols[c].year or years_across.get(c, (None, ""))[0]  # (or a row of years in the body)
                if year and norm(t) in GRADE_MARKS:
                    for f in out:
                        if f.subject == (state.subject or title) and f.fiscal_year == year and f.measure == "実績値":
                            f.note = "、".join(x for x in (f.note, f"{word}: {norm(t)}") if x)
            continue
        elif norm(first) in _FIELDS and all(v.value is None for vs in values.values() for v in vs):
            # 「単位 | ％」「評価の向き | 大きいほど良好」「主要 | －」 over an indicator's rows: its fields, not a name
            state.unit = (len(texts) == 2 and unit_field([first, texts[1][1]])) or state.unit
            continue
        elif norm(first) in _FIELDS and state.subject:
            pass  # 「評価の向き | 小さいほど良好 | 基準値 | 120（令和元年度）」: the indicator's fields and values
        elif (card_label := _CARD_LABEL_RE.fullmatch(norm(first))) and len(texts) >= 2 \
                and not values and parse_cell(texts[1][1]) is None:
            # 「【指標2】 | …の受講者数（人）【主要】」: an indicator's card names it
            name = f"{card_label.group(1)} {tidy(texts[1][1])}"
            state = _RowState(subject=subject_of(name), unit=unit_of(texts[1][1]))
            named_row, cols, years_across = i, table_cols, {}
            continue
        elif first and len(norm(first)) <= 14 and (named := measure_of(first)) is not None:
            # 「各年の目標値」「目標値（見込み）」: the indicator's row of that measure
            row_measure = row_measure or named
        elif first and state.subject and row_measure == "実績値" and prev_measure in _WRAP_AFTER \
                and named_row == i - 1 and not re.match(rf"[0-9０-９{CIRCLED}]", first):
            # 「4 PAZ内住民への安定ヨウ素剤の事前配 | … | 目標値 …」 over 「布率（％）【主要】 | … | 実績値 …」: the
            # indicator's name runs on into its 実績値 row (a unit in brackets there is its unit)
            rest = tidy(first)
            if first.startswith(("(", "（")):
                rest = re.sub(r"^[(（][^()（）]{1,8}[)）]", "", rest)
            if rest:
                named = subject_of(state.subject + rest)
                for f in out:
                    if f.subject == state.subject:
                        f.subject = named
                state.subject = named
            state.unit = unit_of(first) or state.unit
        elif first and not measure_of(first, whole=True) and parse_cell(first) is None and not (
                first.startswith(("(", "（")) and row_measure and not _NAMED_AFTER_BRACKET.match(norm(first))):
            # A new subject: an indicator's name (units in its name carry to its rows).
            # (「…の修了者数（人）（令和3年度）」 in a table of 令和3年's values: the year is the table's, not the name)
            own_year = re.search(r"[(（]([^()（）]{1,10}年度?)[)）]$", first.strip())
            # (in a 達成手段 table the year after a name is the one it began: kept)
            name = first.strip()[:own_year.start()] if own_year and title_year is not None and not means \
                and parse_fiscal_year(own_year.group(1), sheet.era, sheet.fiscal_year) == title_year else first
            state = _RowState(subject=of_caption(subject_of(name), title, section), unit=unit_of(name))
            named_row = i
        elif first and unit_of(first):
            state.unit = unit_of(first)
        # (「単位 | 百万円」: a column of units names each row's)
        if listed := next((tidy(cells[c]) for c in cols if cols[c].label == "単位" and 0 < len(tidy(cells[c])) <= 5
                           and not re.search(r"\d", cells[c])), None):
            state.unit = listed.replace("％", "%")  # (and the rows under it: 実績値 under 目標値)
        row_unit = next((u for _, t in texts if (u := unit_of(t))), None) or state.unit
        if row_measure in ("達成率", "執行率") and any("%" in nfkc(t) for _, t in texts):
            row_unit = "%"
        if not values:
            continue
        if norm(first) in ("合計", "計", "総計") and any(cols[c - shift].measure for c in values):
            # 「合計 | 6,978,200 | 6,463,160 | 92.6」 under columns that name their measures (令和5年度予算額, 執行率):
            # the 達成手段 added up, no measure 合計 of the table's name (its rate column is no sum)
            continue
        years_below = year_row(body[i + 1], sheet) if i + 1 < len(body) else None
        row_years = {c: (y, tidy(cells[c])) for c in range(1, width) if cols[c].label in ("目標年度", "基準年度")
                     if (y := parse_fiscal_year(cells[c], sheet.era, sheet.fiscal_year))}
        # 「令和5年度の達成状況 | 未達成」: a grade column of one year grades that year's 実績値 only
        # (「2022年の達成度」: the year in the grade's own header)
        graded_cols = {c: (y, f"{gw}: {norm(cells[c])}") for c in range(1, width)
                       if cells[c].strip() and (gw := _grade_word(cols[c].label)) and (y := cols[c].year or _year_in(
                           cols[c].label, sheet) or title_year)}
        year_grades = dict(graded_cols.values())
        graded_years.update({(state.subject or title, y or 0): g for y, g in year_grades.items()})
        notes = [(c, f"{cols[c].label}: {tidy(cells[c])}") for c in range(1, width) if c != name_col
                 and cols[c].label and cells[c].strip() and cols[c].label not in ("目標年度", "基準年度", "区分")
                 and c not in graded_cols]
        budget = row_measure is not None and any(w in row_measure for w in _BUDGET)
        subject = title if budget or not state.subject else state.subject
        heading = section.path[-1] if section.path else title
        indicators = any(c.measure in ("目標値", "基準値") for c in cols.values())
        for c, vals in values.items():
            col = cols[c - shift]
            # (a 基準値 column, 「基準値（平成30年度）」, holds the baseline on the 目標値 row too)
            measure = (row_measure or col.measure) if (col.year or own or row in labelled) and col.measure != "基準値" \
                else (col.measure or row_measure)
            if col.year and col.measure == "概算要求額":
                if row_measure is not None and not row_measure.startswith("当初"):
                    continue  # (a 補正予算 or 執行額 of a year not yet come: nothing)
                measure = col.measure  # 「令和6年度要求額」: next year's request, on the 当初予算 row
            # (a value that states its own year, 「10（令和7年）」 after 「目標値」, is its label's whatever the column)
            pair = labelled_value(cells, c, sheet) if not col.measure and (
                not col.year or any(v.year for v in vals)) else None
            if pair is not None:  # 「基準値 | 16.9 | 平成27年 | 目標値 | 12.0以下 | 令和8年」: each value its label's
                measure, labelled_year = pair
            else:
                labelled_year = None
            # (a 参考指標's table, or one whose header names its rows indicators: 「測定指標 | 令和元年度 | …」)
            # (or one under a 参考指標 heading, whatever its own caption: 「【参考指標】 › （2）…」)
            referred = "参考" in title or section.kind == "reference" \
                or bool(_NAME_HEADER_RE.fullmatch(norm(caption))) or any("参考指標" in p for p in section.path)
            if measure is None and (col.year or c in years_across) and (indicators or referred) and state.subject \
                    and not budget and not re.search(r"目標|見込|計画|速報", first):
                # An indicator's row under year columns, between its 基準値 and 目標値, with its targets on a
                # row of their own (「年ごとの目標値」), or a 参考指標's row: what it states for each year was achieved.
                measure = "実績値"
            kind = measure
            for v in vals:
                # (「中間目標 36（令和7年度）」 in the 目標値 column: the kind of target its label names)
                measure = v.measure if v.measure and kind in ("目標値", "中期目標値") else kind
                year, label = v.year, v.year_label
                if year is None and labelled_year is not None:
                    year, label = labelled_year
                if year is None and row_year is not None:  # years down the first column, or the row's own
                    year, label = row_year
                if year is None and col.year:
                    year, label = col.year, col.year_label
                if year is None and row_year is not None:
                    year, label = row_year
                if year is None and years_below and c in years_below:
                    year, label = years_below[c]
                if year is None and measure in ("目標値", "基準値"):  # the row's own 目標年度 / 基準年度 first
                    key = "目標年度" if measure == "目標値" else "基準年度"
                    year, label = next(((y, lb) for k, (y, lb) in row_years.items() if cols[k].label == key),
                                       (None, None))
                if year is None and c in years_across:
                    year, label = years_across[c]
                if year is None and title_year is not None and measure not in ("目標値", "基準値"):
                    year, label = title_year, to_label(title_year)
                if measure is None or year is None:
                    continue  # not tied to a measure and a year: no figure, never a guess
                who = owner_subject(col.owner, heading, subject) if col.owner else subject
                unit = v.unit or col.unit or (unit_of(who) if col.owner else None) or row_unit or table_unit \
                    or unit_of(title)
                pairs = [(measure, v.value)] + ([(col.paired, v.paired)] if col.paired and v.paired is not None else [])
                out.extend(Figure(
                    sheet=sheet.id, section=section.path, series=None, measure=m,
                    subject=who,
                    fiscal_year=year, year_label=label, value=value, unit=unit, raw=v.raw, line=row.line,
                    table="達成手段" if means and subject != title else title,
                    note="、".join([n for k, n in notes if cols[k].owner in (None, col.owner)]
                                  + ([year_grades[year]] if year in year_grades and m == "実績値" else []))
                    or None)
                    for m, value in pairs)
    # 「年度目標値 | … | 未達成」 over 「実績値 | …」: the grade stands on the indicator's first row, it grades
    # the 実績値 of its year on the row below
    for f in out:
        if f.measure == "実績値" and (g := graded_years.get((f.subject, f.fiscal_year or 0))) \
                and g not in (f.note or ""):
            f.note = "、".join(x for x in (f.note, g) if x)
    return out


def _grade_word(label: str | None) -> str:
    return next((w for w in GRADE_HEADS if w in norm(label or "")), "")


def _year_in(label: str | None, sheet: Sheet) -> int | None:
    """The one year a header names (「2022年の達成度」), else None."""
    found = [m for m in find_fiscal_years(label or "", sheet.era) if len(m.years) == 1]
    return found[0].start if len(found) == 1 else None
