"""The table model: rows as written, header rows and what each value column means.

A table is recovered from consecutive tab-separated lines. `analyse_table` splits it into header and
body rows and reads, for every column that holds values, its year, its measure and its unit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cells import parse_cell, unit_of
from .fiscal_year import DEFAULT_ERA, parse_fiscal_year
from .normalize import norm, tidy

YEAR_IN_HEADER_RE = re.compile(
    r"((?:令和|平成|昭和)(?:\d+|元)|[RH]\d{1,2}|(?:19|20)\d{2}|\d{1,2}|元|-+|—+|－+|―+|\?+)(?:事務)?年度"
)
MEASURE_RE = re.compile(
    r"(中期目標値|年度目標値|目標値|実績値|基準値|達成率|執行率|当初予算額|概算要求額|要求額"
    r"|予算額計\(執行額\)|予算額計|執行額|当初予算\(a\)|補正予算\(b\)|繰越し?等\(c\)|合計\(a\+b\+c\)|予算額)"
)
# 「10.5以内」「95以上」: a value with its bound, not a header word (「53％（2019年度）」 may head a table: its
# rows below are read against it)
_BOUNDED_RE = re.compile(r"[△▲-]?\d[\d,.]*%?(?:以内|以下|以上|未満|超)")
_HEADER_WORDS = ("区分", "達成手段名", "達成手段の概要", "関連する測定指標", "事業番号", "目標年度", "基準年度", "年度")


@dataclass
class Row:
    """One tab-separated line of a table: its 1-based line number and its cells as written."""

    line: int
    cells: list[str]
    page: int | None = None  # PDF page, when read from a PDF
    refs: list[str] | None = None  # worksheet cell of each cell (「事前分析表!F12」), when read from Excel

    def ref(self, i: int) -> str | None:
        return self.refs[i] if self.refs is not None and i < len(self.refs) else None

    def cell(self, i: int) -> str:
        return self.cells[i].strip() if i < len(self.cells) else ""

    @property
    def text(self) -> str:
        return " | ".join(tidy(c) for c in self.cells if c.strip())


@dataclass
class Column:
    """What a value column of a table means, from its (merged, filled-forward) header cells."""

    index: int
    year_label: str | None = None
    fiscal_year: int | None = None
    measure: str | None = None
    unit: str | None = None
    code: bool = False  # holds labels such as 行政事業レビュー事業番号, not quantities


@dataclass
class Table:
    """A table recovered from consecutive tab-separated lines."""

    kind: str  # policy_budget | measure_budget | indicator | reference | means | grid
    title: str
    rows: list[Row]
    unit: str | None = None
    header: list[Row] = field(default_factory=list)
    body: list[Row] = field(default_factory=list)
    columns: dict[int, Column] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def first_line(self) -> int:
        return self.rows[0].line

    @property
    def last_line(self) -> int:
        return self.rows[-1].line

    @property
    def text(self) -> str:
        return "\n".join(r.text for r in self.rows if r.text)


# 「目標」「実績」 alone under a year spanning two columns: the measure, said short
_SHORT_MEASURES = {"目標": "目標値", "実績": "実績値"}


def _header_cell(cell: str) -> bool:
    n = norm(cell)
    if not n:
        return False
    if n in _SHORT_MEASURES:
        return True
    if len(n) <= 24 and (YEAR_IN_HEADER_RE.search(n) or MEASURE_RE.search(n)):
        return parse_cell(cell) is None
    return any(n.startswith(w) or n.endswith(w) for w in _HEADER_WORDS) and len(n) <= 30


def analyse_table(table: Table, era: str = DEFAULT_ERA, near: int | None = None) -> None:
    """Split a table into header and body rows and work out what each column means.

    Header rows are the rows at the top whose cells (after the first column) are header words:
    years, measures (年度目標値, 実績値, 当初予算額 …), 区分, 事業番号. Merged header cells come out of
    the PDF as one filled cell followed by empty ones; an empty header cell takes the text to its
    left when a header row below it has something in that column (「令和2年度」 over 年度目標値 and 実績値).
    `near` is the sheet's own fiscal year (see `parse_fiscal_year`).
    """
    rows = table.rows
    width = max(len(r.cells) for r in rows)
    # 「主な達成手段 | | | | （単位：百万円）」 over the header: the table's caption and unit, written as its first row
    first = [c.strip() for c in rows[0].cells]
    if len(rows) > 2 and width >= 3 and len(first) >= 3 and first[0] and not any(first[1:-1]) \
            and re.fullmatch(r"[(（]\s*単位\s*[:：][^()（）]+[)）]", first[-1]) and parse_cell(first[0]) is None:
        table.title = table.title or first[0]
        table.unit = table.unit or unit_of(first[-1])
        table.rows = rows = rows[1:]
    short = [r.line for r in rows if len(r.cells) < width]
    for r in rows:
        r.cells += [""] * (width - len(r.cells))
        _rejoin_brackets(r.cells)
    if _numbered_first(rows):  # 「番号 | 達成手段名 | …」 over 「① | …交付金 | …」: the number goes with the name
        for r in rows:
            # (the header keeps its name's header; 「1 …」 is a row's own number as written, 「①…」 joined)
            mark = r.cells[0].strip() if r is not rows[0] else ""
            r.cells = [f"{mark}{'' if re.fullmatch(r'[①-⑳]', mark) else ' '}{r.cells[1]}"
                       if mark and parse_cell(r.cells[1]) is None else r.cells[1], *r.cells[2:]]
            r.refs = r.refs[1:] if r.refs else r.refs
        width -= 1
    header: list[Row] = []
    for r in rows:
        data = any(parse_cell(c) or _BOUNDED_RE.match(norm(c)) for c in r.cells[1:])
        tail = [c for c in r.cells[1:] if c.strip()]
        if not data and tail and any(_header_cell(c) for c in tail) \
                and all(_header_cell(c) or len(norm(c)) <= 30 for c in tail):
            header.append(r)
            continue
        break
    table.header = header
    table.body = [r for r in rows if r not in header]

    # Fill merged header cells forward, where another header row shows the column is a real one
    # (「令和2年度」 spans 年度目標値 and 実績値; 「実績値」 spans three years) — but never into the
    # label columns at the right edge (関連する測定指標, 事業番号).
    filled = [list(r.cells) for r in header]
    label_col = {c for c in range(width)
                 if any(w in norm(r.cells[c]) for r in header for w in ("測定指標", "事業番号", "関連する"))}
    # (「2024年度当初予算額」 over an empty cell: a column its one header cell names whole, year and measure)
    whole = {c for c in range(width) for r in header
             if YEAR_IN_HEADER_RE.search(n := norm(r.cells[c])) and MEASURE_RE.search(n)}
    for h, cells in enumerate(filled):
        for c in range(2, width):
            if cells[c].strip() or not cells[c - 1].strip() or c in label_col or c in whole:
                continue
            if any(header[h2].cells[c].strip() for h2 in range(len(header)) if h2 != h):
                cells[c] = cells[c - 1]
    value_cols = {c for r in table.body for c in range(1, width) if parse_cell(r.cells[c])}
    for c in sorted(value_cols):
        col = Column(c)
        # The lowest header row that says it wins: 「実績値」 under 「令和2年度」.
        for text in reversed([tidy(f[c]) for f in filled if f[c].strip()]):
            n = norm(text)
            if col.year_label is None and (m := YEAR_IN_HEADER_RE.search(n)):
                col.year_label = m.group(0)
                col.fiscal_year = parse_fiscal_year(m.group(0), era, near)
            if col.measure is None and (m := MEASURE_RE.search(n)):
                col.measure = m.group(1)
            col.measure = col.measure or _SHORT_MEASURES.get(n)
            if col.unit is None:
                col.unit = unit_of(text)
            if "事業番号" in n or "測定指標" in n:
                col.code = True
        body_values = [v for r in table.body for v in (parse_cell(r.cells[c]) or [])]
        if any(v.code for v in body_values) and all(v.code or v.value is None for v in body_values) \
                and col.fiscal_year is None:
            col.code = True
        table.columns[c] = col
    if header and not value_cols:
        table.warnings.append(
            f"table 「{table.title}」 at line {table.first_line} has a header but no values (truncated?)")
    elif short and header:
        table.warnings.append(
            f"table 「{table.title}」: line(s) {', '.join(map(str, short))} have fewer cells than the header "
            "(truncated?); the missing cells give no figures")
    if table.unit is None:
        table.unit = next((unit_of(c) for r in header for c in r.cells if unit_of(c)), None)
        if table.unit is None and table.kind != "form":  # (a form's rows name each its own unit)
            table.unit = next((unit_of(c) for r in table.body for c in r.cells[:1] if unit_of(c)), None)


def _rejoin_brackets(cells: list[str]) -> None:
    """「2,140（見込み | ）○」: a bracket a PDF's column edge cut off goes back to the cell it closes; one a PDF set
    on the line of another row (「…（令和7年度）| ）○」 over 「2,140（見込み」) closes the cell that lacks it and is
    dropped where it stands."""
    def unclosed(c: str) -> bool:
        return c.count("（") + c.count("(") > c.count("）") + c.count(")")

    for k in range(len(cells)):
        c, nxt = cells[k], cells[k + 1].lstrip() if k + 1 < len(cells) else ""
        if nxt and nxt[0] in ")）" and unclosed(c):
            cells[k], cells[k + 1] = c + nxt[0], nxt[1:].strip()
        elif unclosed(c) and re.search(r"[(（][^()（）]{1,10}$", c) and re.match(r"[\d,.\s△▲−\-]+[(（]", c.strip()):
            cells[k] = c.rstrip() + ("）" if "（" in c else ")")  # (「2,140（見込み」: a value's note, closed)
        elif k and c.lstrip()[:1] in (")", "）") and not unclosed(cells[k - 1]) and not unclosed(c) \
                and c.count("（") + c.count("(") < c.count("）") + c.count(")"):
            cells[k] = c.lstrip()[1:].strip()


def _numbered_first(rows: list[Row]) -> bool:
    """Is the first column only the rows' numbers (「番号」「No.」 over ①, ②… or 1, 2…) and the second the names of
    達成手段 or 事業?"""
    if len(rows) < 3 or len(rows[0].cells) < 3:
        return False
    head = norm(rows[0].cells[0]).lower()
    marks = [norm(r.cells[0]) for r in rows[1:] if r.cells[0].strip()]
    names = [r.cells[1] for r in rows[1:] if r.cells[0].strip()]
    # (an indicator's number stays in its column: 「番号 | 業績指標」 ties the indicator's tables together)
    return head in ("番号", "no", "no.", "項番", "#", "整理番号") and len(marks) >= 2 \
        and re.search(r"達成手段|事業|事務", norm(rows[0].cells[1])) is not None \
        and all(re.fullmatch(r"[①-⑳]|\(?\d{1,2}\)?[.．]?", m) for m in marks) \
        and all(n.strip() and parse_cell(n) is None for n in names)
