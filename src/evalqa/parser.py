"""The parser: a `Document` (lines of cells from a reader) → a `Sheet`.

It recovers the section tree of the standard form from the headings, the sheet's metadata (施策名,
年度, 府省 …), the key/value fields and the 施策の予算額・執行額等 tables of the 施策 block, and the tables
of every section (consecutive rows of cells). `load_sheet` = read the file + parse + extract figures.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

from .cells import parse_cell, unit_of
from .facts import extract_facts
from .figures import extract_figures
from .fiscal_year import era_for, era_year, parse_fiscal_year
from .form_cells import read_value, year_cell
from .forms import SECTION_WORDS, form_fields, read_form_metadata
from .headings import ROMAN, Heading, general_heading, match_heading
from .measures import measure_of
from .normalize import nfkc, norm, tidy
from .parts import part_id, policy_parts
from .policy_block import POLICY_FIELDS, read_key_values, split_policy_block
from .readers import Document, Line, read_document
from .sheet import GENERAL, Section, Sheet
from .tables import Row, Table, analyse_table

log = logging.getLogger(__name__)

# What reading extracts (figures, facts, outline). Raised whenever a rule changes what a sheet reads as (the
# git log of this line says which rules): the next build then reads every sheet again, taking all vectors
# from the embedding cache.
READING_VERSION = 157
_SHEET_YEAR_RE = re.compile(r"((?:令和|平成)(?:\d+|元))年度(?:事前分析表|政策評価|事後評価)")
_MINISTRY_RE = re.compile(rf"^\(([^\d()]+?(?:省|庁|府|委員会))(\d+|元)-([{ROMAN}]+-\d+)\)$")
_UNIT_LINE_RE = re.compile(r"^(?:[(（](?:単位[:：])?(千円|百万円|億円|円|%|人|件|回|か国|カ国)[)）]"
                           r"|単位[:：]\s*(千円|百万円|億円|円|%|人|件|回|か国|カ国))$")  # (「単位：億円」 in a cell)
# The section kinds that make a file a sheet, and the table kind each section's tables are.
_SHEET_KINDS = ("policy", "field", "indicator", "means", "budget")
_TABLE_KIND = {"budget": "policy_budget", "indicator": "indicator", "reference": "reference", "means": "means"}


def load_sheet(path: str | Path, *, sheet_id: str | None = None) -> Sheet:
    """Read one sheet file (UTF-8 with/without BOM, or CP932) into a `Sheet` with its figures.

    Raises `SheetError` (naming the file) for unreadable input (empty, binary, undecodable, a scan …). A file of
    several 施策 loads whole here; `load_sheets` reads each 施策 as a sheet of its own, as the index does.
    A 事前分析表 with no tables loads with an empty figure list and a warning; any other document loads as a
    general evaluation document (`Sheet.form`): its headings and text, and the figures of its regular tables.
    """
    return parse_sheet(read_document(path), sheet_id=sheet_id)


def load_sheets(path: str | Path, *, sheet_id: str | None = None) -> list[Sheet]:
    """The sheets of one file: one, or one per 施策 when the file holds several (`parts`: the first keeps the
    file's id, the others are 「id#2」 …). Raises `SheetError` as `load_sheet` does."""
    document = read_document(path)
    sid = sheet_id or Path(document.path).stem
    return [parse_sheet(part, part_id(sid, k)) for k, part in enumerate(policy_parts(document))]


def parse_sheet(document: Document, sheet_id: str | None = None) -> Sheet:
    """Build the Sheet of a document, figures included. The id defaults to the file stem."""
    sid = sheet_id or Path(document.path).stem
    path = document.path
    sheet = Sheet(id=sid, path=path, text=document.text, root=Section(sid, "root", -1, 0))
    _read_metadata(sheet, document.lines)
    _read_sections(sheet, document.lines)
    if not any(s.kind in _SHEET_KINDS for s in sheet.sections):
        # Not a 事前分析表: read it again as a general evaluation document (its own headings and tables).
        sheet = _general(document, sid)
    elif (general := _general_or_none(document, sid)) is not None and _dated(general) > _dated(sheet):
        # Headings like the 事前分析表's (「測定指標１ …」) over tables of another form (years down the first
        # column): the reading that ties more values to a year is the document's.
        sheet = general
    elif not sheet.tables:
        sheet.warnings.append(f"{path}: no tables found; the sheet has no figures")
    sheet.warnings.extend(f"{path}: {w}" for t in sheet.tables for w in t.warnings)
    for w in sheet.warnings:
        log.warning(w)
    sheet.pages = {ln.number: ln.page for ln in document.lines if ln.page is not None}
    _carry_headers(sheet)
    # Figure warnings are appended to sheet.warnings (not logged), as when figures were read lazily.
    sheet.figures = sheet.figures or extract_figures(sheet)
    sheet.facts = extract_facts(sheet)
    if sheet.form == GENERAL:
        what = f"{len(sheet.figures)} figures from its regular tables" if sheet.figures \
            else "text only: no tables recognised"
        sheet.warnings.append(f"{path}: not a 事前分析表 (no 施策, 個別分野, 測定指標 or 達成手段 heading): "
                              f"indexed by its own headings; {what}")
    return sheet


def _general(document: Document, sid: str) -> Sheet:
    """The document read as a general evaluation document: its own headings, fields and tables."""
    sheet = Sheet(id=sid, path=document.path, text=document.text, root=Section(sid, "root", -1, 0), form=GENERAL)
    _read_metadata(sheet, document.lines)
    _read_form_metadata(sheet, document.lines)
    _read_sections(sheet, document.lines, general_heading)
    _keep_preamble(sheet)
    return sheet


def _general_or_none(document: Document, sid: str) -> Sheet | None:
    """The second reading of a 事前分析表-like document; a failure of that reading keeps the first one."""
    try:
        return _general(document, sid)
    except Exception as e:  # noqa: BLE001 - any bug of the second reading must not lose the sheet
        log.warning("%s: read as a general document failed (%s); kept as a 事前分析表", document.path, e)
        return None


def _dated(sheet: Sheet) -> int:
    """How many of the sheet's table values its reading ties to a year."""
    if not sheet.figures:
        sheet.figures = extract_figures(sheet)
    return sum(1 for f in sheet.figures if f.fiscal_year is not None and f.value is not None)


def _read_form_metadata(sheet: Sheet, lines: list[Line]) -> None:
    """Fill what the 事前分析表's rules did not find from where other forms state it."""
    meta = read_form_metadata(lines)
    for attr in ("title", "ministry", "fiscal_year", "document", "bureau", "policy_number", "evaluation_time"):
        if getattr(sheet, attr) is None:
            setattr(sheet, attr, getattr(meta, attr))
    if sheet.fiscal_year is not None:
        sheet.era = era_for(sheet.fiscal_year)
    known = {norm(f["label"]) for f in sheet.fields}
    sheet.fields += [f for f in form_fields(lines) if norm(f["label"]) not in known]
    # (the fields the standard form reads into attributes, where another form writes them as plain fields)
    for f in sheet.fields:
        key = POLICY_FIELDS.get(tidy(f["label"]))
        if key and getattr(sheet, key) is None:
            setattr(sheet, key, f["value"])


def _keep_preamble(sheet: Sheet) -> None:
    """Text before a general document's first heading becomes a section of its own, so that it is indexed."""
    root = sheet.root
    if not root.lines and not root.tables:
        return
    first = next((tidy(t) for _, t in root.lines if tidy(t) and "\t" not in t and len(tidy(t)) <= 40), None)
    title = sheet.document or first or sheet.title or sheet.id
    pre = Section(title, "preamble", 0, root.lines[0][0] if root.lines else 0, parent=root, name=title)
    pre.lines, pre.tables, root.lines, root.tables = root.lines, root.tables, [], []
    for t in pre.tables:
        t.title = title if t.title == sheet.id else t.title
    root.children.insert(0, pre)


def _balanced(text: str) -> bool:
    t = nfkc(text)
    return t.count("(") <= t.count(")")


def _only_cell(line: Line) -> str | None:
    """The text of a line whose first cell is its only filled cell (a heading can be such a row). A unit set at
    the row's right end (「達成手段 | … | （単位：百万円）」, a worksheet's caption row) joins the heading."""
    filled = [c.strip() for c in line.cells if c.strip()]
    if len(filled) == 2 and line.cells[0].strip() and re.fullmatch(r"[(（]単位[:：][^()（）]*[)）]", filled[1]):
        return f"{filled[0]}{filled[1]}"
    return filled[0] if len(filled) == 1 and line.cells[0].strip() else None


# --- metadata and sections ------------------------------------------------------------------------


# 「（内閣府Ｒ６－２７）」「（国土交通省R6－㉘）」 near the top: the document's number
_CODE_RE = re.compile(r"[(（]([^()（）]{0,12}[RH]\s*\d{1,2}\s*[－\-ー‐][^()（）]{1,12})[)）]")


# 「評価書番号：海難審判所R6－1」「整理番号：カジノ管理委員会2024－1」: the number, labelled so
_CODE_FIELD_RE = re.compile(r"(?:評価書番号|整理番号|管理番号|施策番号)\s*[:：]\s*([^\s|｜\u3000]+)")


def _read_metadata(sheet: Sheet, lines: list[Line]) -> None:
    for ln in lines[:8]:
        if sheet.code is None and (m := _CODE_FIELD_RE.search(ln.text)):
            sheet.code = tidy(m.group(1))
    for ln in lines[:8]:
        if sheet.code is None and (m := _CODE_RE.search(nfkc(ln.text))):
            sheet.code = tidy(next(c for c in re.findall(r"[(（]([^()（）]+)[)）]", ln.text)
                                   if _CODE_RE.search(f"（{nfkc(c)}）")))
    for ln in lines:
        n = norm(ln.cells[0])
        if sheet.fiscal_year is None and (m := _SHEET_YEAR_RE.search(n)) and not ln.is_row:
            sheet.fiscal_year = parse_fiscal_year(m.group(1) + "年度")
            sheet.era = m.group(1)[:2]
            sheet.document = tidy(ln.text)
        elif sheet.ministry is None and (m := _MINISTRY_RE.match(n)):
            sheet.ministry = m.group(1)
            sheet.policy_number = sheet.policy_number or m.group(3)
            if sheet.fiscal_year is None:
                sheet.fiscal_year = era_year(sheet.era, m.group(2))
        elif sheet.policy_number is None and (m := re.fullmatch(rf"施策([{ROMAN}]+-\d+).*", n)):
            sheet.policy_number = m.group(1)
    if sheet.fiscal_year is not None:
        sheet.era = era_for(sheet.fiscal_year)


def _read_sections(sheet: Sheet, lines: list[Line],
                   match: Callable[[str, str], Heading | None] = match_heading) -> None:
    stack: list[Section] = [sheet.root]
    i, n = 0, len(lines)

    def open_section(h: Heading, lineno: int) -> None:
        while len(stack) > 1 and stack[-1].level >= h.level:
            stack.pop()
        s = Section(h.title, h.kind, h.level, lineno, parent=stack[-1], number=h.number, name=h.name,
                    main=h.main, fiscal_year=h.fiscal_year)
        stack[-1].children.append(s)
        stack.append(s)

    def row_heading(line: Line) -> Heading | None:
        only = _only_cell(line)
        return match(only, sheet.era) if only is not None else None

    def table_heading(line: Line) -> Heading | None:
        """A general document's table whose header row names it in its first cell (「主な達成手段 | 令和4年度
        予算額 …」): the heading of a section of its own, as if written on a line above."""
        cells = [c.strip() for c in line.cells if c.strip()]
        if match is match_heading or len(cells) < 3 or any(parse_cell(c) or len(c) > 30 for c in cells[1:]):
            return None  # (a row of fields or values, not a header)
        h = match(re.sub(r"^(?:主な|主要な)", "", cells[0]), sheet.era)
        if h is None or not _CAPTION_RE.search(norm(h.title)):
            return None
        # (nor one under a heading that names it already: 「4．達成手段（単位：百万円）」 over 「達成手段（開始年度） |
        # …」, 「3 参考指標（…）」 over 「参考指標 | 区分 | …」; a 測定指標 header keeps its indicators a section of
        # their own, apart from the heading's text)
        words = norm(re.sub(r"[(（][^()（）]*[)）]", "", h.title))
        if not stack or h.title == stack[-1].title or words in norm(stack[-1].title) and (
                words not in SECTION_WORDS or h.kind == "reference"):
            return None
        return h

    while i < n:
        line = lines[i]
        if line.blank:
            i += 1
            continue
        if line.is_row and not row_heading(line):
            if (h := table_heading(line)) is not None:
                open_section(h, line.number)  # 「業績指標 | 基準値 | 令和元年 …」: the table opens its section
            j, rows = i, list[Row]()
            while j < n and (lines[j].is_row or lines[j].blank):
                if not lines[j].blank:
                    if row_heading(lines[j]) or (j > i and table_heading(lines[j]) is not None):
                        break
                    if j > i and rows and (below := _next_row(lines, j)) is not None \
                            and _lone_caption(_row(lines[j]), below) is not None:
                        break  # (a worksheet's next table, under its caption in a row of its own)
                    rows.append(_row(lines[j]))
                j += 1
            _attach_block(sheet, stack[-1], rows, lines, j)
            i = j
            continue
        h = row_heading(line) if line.is_row else match(line.text, sheet.era)
        if h:
            open_section(h, line.number)
            s = stack[-1]
            # A long indicator name wraps onto the next line (「…回答し」/「た割合)」).
            if s.kind in ("indicator", "reference") and not _balanced(s.title):
                k = i + 1
                while k < n and lines[k].blank:
                    k += 1
                if k < n and (nxt := _only_cell(lines[k])) is not None and not match(nxt, sheet.era):
                    s.title = tidy(s.title + nxt)
                    s.name = tidy((s.name or "") + nxt)
                    i = k
        else:
            stack[-1].lines.append((line.number, line.text))
        i += 1


# --- tables and fields ------------------------------------------------------------------------------


def _carry_headers(sheet: Sheet) -> None:
    """「測定指標／区分 | 令和元年 | 令和2年 …」 alone, then each indicator under a heading of its own with rows
    「年ごとの目標値 | 2,050以下 …」 and 「実績値 | …」: that header row heads each table below it that has none,
    up to the next table that has its own."""
    header: Row | None = None
    for table in sheet.tables:
        first = table.rows[0].cells if table.rows else []
        if sum(1 for c in first[1:] if year_cell(c, sheet)) >= 2:
            header = table.rows[0] if len(table.rows) == 1 else None
            continue
        if header is not None and len(first) <= len(header.cells) and measure_of(first[0] if first else "") \
                and any(read_value(c, sheet) for c in first[1:]):
            # (its first cell left blank: 「測定指標／区分」 names no table, the section's heading does)
            table.rows.insert(0, Row(header.line, ["", *header.cells[1:]], page=header.page, refs=header.refs))
            table.header = []
            analyse_table(table, sheet.era, sheet.fiscal_year)



def _row(line: Line) -> Row:
    return Row(line.number, [c.strip() for c in line.cells], page=line.page, refs=line.cell_refs)


def _next_row(lines: list[Line], j: int) -> Row | None:
    """The row after line j, blank lines skipped (None when a line of text comes first)."""
    k = j + 1
    while k < len(lines) and lines[k].blank:
        k += 1
    return _row(lines[k]) if k < len(lines) and lines[k].is_row else None


def _lone_caption(row: Row, header: Row) -> str | None:
    """The text of a row whose first cell is its only one, a caption's words (no sentence, no value, no unit line),
    over a row of two header cells or more (none a value), the first naming what the rows are."""
    filled = [c.strip() for c in row.cells if c.strip()]
    heads = [c.strip() for c in header.cells if c.strip()]
    if len(filled) != 1 or not row.cells[0].strip() or len(heads) < 2 or not header.cells[0].strip() \
            or any(parse_cell(c) for c in heads):
        return None
    text = tidy(filled[0])
    if len(text) > 80 or text.endswith("。") or parse_cell(text) or _UNIT_LINE_RE.match(norm(text)):
        return None
    return text


def _attach_block(sheet: Sheet, section: Section, rows: list[Row], lines: list[Line], end: int) -> None:
    """Give a block of rows to its section, as tables (and, in the 施策 block, as fields)."""
    if not rows:
        return
    if len(rows) > 2 and (lone := _lone_caption(rows[0], rows[1])) is not None:
        # 「地方農政局等別の…（か所）」 alone in a worksheet row over the table's header: the line above it
        section.lines.append((rows[0].line, lone))
        rows = rows[1:]
    # 「施策の予算額・執行額等（単位：千円）」 on the line above a form's table: its caption (and unit).
    # (a caption's name without the fields after it: 「指標1 …（％） 基準値 40.3（平成30年度） 目標値 …」)
    texts = [tidy(_CAPTION_FIELDS_RE.split(t.strip(), maxsplit=1)[0]) for _, t in reversed(section.lines)
             if t.strip()][:2]
    above = texts[0] if texts else ""
    # (「単位：万件 ｜ 基準値：－ ｜ 目標：…」 under the caption: the unit of the table's values)
    keyed_unit = m.group(1) if (m := re.match(r"単位[:：]\s*([^\s｜|/／,、]{1,6})", norm(above))) else None
    if len(texts) == 2 and _KEY_LINE_RE.match(norm(above)):  # 「基準値：53.6（令和元年度）」 under the caption
        above = texts[1]
    # (a numbered indicator's name may run long: 「指標3 地方版孤独・孤立対策官民連携プラットフォームを設置した…」)
    longest = 80 if re.match(r"(?:測定|業績|成果|参考)?指標\s*\d", norm(above)) else 40
    caption = above if sheet.form == GENERAL and "\t" not in above and len(above) <= longest \
        and _CAPTION_RE.search(norm(above)) and not above.endswith("。") else None
    for r in rows:
        section.lines.append((r.line, "\t".join(r.cells)))
    # A table states its unit on the line right after it: 「(千円)」.
    k = end
    while k < len(lines) and lines[k].blank:
        k += 1
    trailing_unit = keyed_unit if caption else None
    if k < len(lines) and (m := _UNIT_LINE_RE.match(norm(lines[k].text))):
        trailing_unit = m.group(1) or m.group(2)
    if len(rows) > 2 and len(cells := [c for c in rows[0].cells if c.strip()]) == 1 \
            and (m := _UNIT_LINE_RE.match(norm(cells[0]))):
        trailing_unit, rows = m.group(1) or m.group(2), rows[1:]  # 「 | | | 単位：百万円」 over the header

    if section.kind == "policy":
        split_policy_block(sheet, section, rows)
        return
    kind = "form" if sheet.form == GENERAL else _TABLE_KIND.get(section.kind, "grid")
    title = section.name or section.title
    if section.kind == "budget":
        title = re.sub(r"[【】]", "", section.title)
        read_key_values(sheet, rows)
    if caption:
        title = re.sub(r"\s*[(（]単位[:：][^()（）]*[)）]", "", caption)
        trailing_unit = trailing_unit or unit_of(caption)
    elif _UNIT_LINE_RE.match(norm(above)):  # 「（単位：百万円）」 alone on the line above
        trailing_unit = trailing_unit or unit_of(above)
    elif any(re.match(r"(?:当初)?予算|執行額", norm(r.cells[0])) for r in rows) and (unit_line := next(
            (t for _, t in [*reversed(section.lines[:-len(rows)]), *reversed(section.parent.lines if section.parent
                                                                             else [])]
             if _UNIT_LINE_RE.match(norm(tidy(t)))), None)):
        # 「（単位：百万円）」 over the budget tables of a section, each under a heading of its own (「◇一般会計」)
        trailing_unit = trailing_unit or unit_of(unit_line)
    elif not section.lines[:-len(rows)] and (headed := next((t for t in (section.title, _empty_heading_above(
            section)) if "単位" in t), None)):
        # 「達成手段（単位：百万円）」, the heading (or an empty one right above the table's own, opened by its
        # header row)
        trailing_unit = trailing_unit or unit_of(headed)
    table = Table(kind, title, rows, unit=trailing_unit)
    analyse_table(table, sheet.era, sheet.fiscal_year)
    if kind == "form":
        table.warnings = []  # they are about the 事前分析表's grids; form tables are read by their own rules
    if kind == "grid" and not any(c.fiscal_year for c in table.columns.values()):
        return  # a text table (key/value rows): its text is in the section already
    section.tables.append(table)


def _empty_heading_above(section: Section) -> str:
    """The title of the section right before this one when it holds no line of its own, else 「」; a line that
    only gives the unit (「５．達成手段」 over 「（単位：百万円）」) is the title's."""
    siblings = section.parent.children if section.parent else []
    i = next((k for k, c in enumerate(siblings) if c is section), 0)
    if not i or siblings[i - 1].children:
        return ""
    own = [tidy(t) for _, t in siblings[i - 1].lines if t.strip()]
    if all(_UNIT_LINE_RE.match(norm(t)) for t in own) and len(own) <= 1:
        return " ".join([siblings[i - 1].title, *own])
    return ""


_CAPTION_RE = re.compile(r"予算|執行|測定指標|業績指標|成果指標|参考指標|達成手段|事務事業|^指標\s*[①-⑳\d]")
_KEY_LINE_RE = re.compile(r"^(?:基準値|目標値|目標|基準|単位)\s*[:：]")
# What follows an indicator's name on its caption line: its baseline, target or a note (「※小さいほど良好」)
_CAPTION_FIELDS_RE = re.compile(r"[ \u3000]+(?=※(?!主要)|(?:基準値|最終目標値?|目標値)[ \u3000:：]?[\d△]"
                                r"|[^ \u3000：:]{1,10}[：:])")
