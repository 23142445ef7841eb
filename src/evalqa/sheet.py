"""The sheet model: a policy-evaluation sheet (政策評価 事前分析表) read from its PDF-extracted text.

`load_sheet(path)` decodes the file, recovers the section tree of the standard form
(【政策ごとの予算額】, 施策, 個別分野 → 測定指標 → 中期目標 / 年度目標 / 施策の進捗状況・実績 …, 参考指標,
達成手段) and the tables inside the sections (tab-separated rows, merged header cells, labels wrapped
across rows). Turning table cells into figures is the job of `evalqa.figures`.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from .figures import parse_cell
from .fiscal_year import DEFAULT_ERA, ERAS, era_year, parse_fiscal_year

if TYPE_CHECKING:
    from .figures import Figure

log = logging.getLogger(__name__)


class SheetError(ValueError):
    """A file that cannot be read as a sheet; the message names the file and the problem."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


# --- text helpers -----------------------------------------------------------------------------

_CJK = r"\u3000-\u30ff\u3400-\u9fff\uff00-\uffef々〆〇"


def norm(text: str) -> str:
    """Matching form: NFKC, whitespace removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def tidy(text: str) -> str:
    """Display form: drop the spaces a PDF puts inside wrapped Japanese cells, keep the rest.

    「親日派・ 知日派予備 軍育成のため」→「親日派・知日派予備軍育成のため」, 「平成 27 年 度」→「平成27年度」.
    """
    # Some extractions keep HTML paragraph tags (「<p>…</p>」); 「<」「>の内数」 cells are not tags.
    t = re.sub(r"</?(?:p|br|div|span)\s*/?>", " ", text, flags=re.I)
    t = re.sub(r"\s+", " ", t.replace("\u3000", " ")).strip()
    # A space next to a Japanese character or a digit between Japanese is wrapping, not meaning.
    t = re.sub(rf"(?<=[{_CJK}])\s+(?=[{_CJK}\d(（])", "", t)
    t = re.sub(r"(?<=\d)\s+(?=[年度回人件か%％]|[月日](?![\u4e00-\u9fff]))", "", t)
    t = re.sub(rf"(?<=[)）])\s+(?=[{_CJK}])", "", t)
    t = re.sub(rf"(?<=[{_CJK}(（])\s+(?=\d)", "", t)
    return t


def _balanced(text: str) -> bool:
    t = unicodedata.normalize("NFKC", text)
    return t.count("(") <= t.count(")")


def decode(path: str | Path, data: bytes | None = None) -> str:
    """UTF-8 (with or without BOM) or CP932/Shift_JIS → str; anything else → SheetError."""
    p = Path(path)
    if data is None:
        try:
            data = p.read_bytes()
        except FileNotFoundError:
            raise SheetError(p, "file not found") from None
        except IsADirectoryError:
            raise SheetError(p, "is a directory, not a sheet file") from None
        except OSError as e:
            raise SheetError(p, f"cannot be read ({e.strerror})") from None
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise SheetError(p, "file is empty")
    if b"\x00" in data[:8192] or data[:5] == b"%PDF-":
        kind = "a PDF (PDF input is not supported yet; extract its text first)" if data[:5] == b"%PDF-" else "binary data"
        raise SheetError(p, f"is {kind}, not sheet text")
    for enc in ("utf-8-sig", "cp932"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise SheetError(p, f"is neither UTF-8 nor CP932/Shift_JIS text (undecodable byte at offset {e.start})") from None
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\r\n\f")
    if controls > max(8, len(text) // 100):
        raise SheetError(p, "looks like binary data, not sheet text (too many control characters)")
    return text


# --- model --------------------------------------------------------------------------------------


@dataclass
class Row:
    """One tab-separated line of a table: its 1-based line number and its cells as written."""

    line: int
    cells: list[str]

    def cell(self, i: int) -> str:
        return self.cells[i].strip() if i < len(self.cells) else ""

    @property
    def filled(self) -> list[int]:
        return [i for i, c in enumerate(self.cells) if c.strip()]

    @property
    def text(self) -> str:
        return " | ".join(tidy(c) for c in self.cells if c.strip())


@dataclass
class Column:
    """What a value column of a table means, from its (merged, filled-forward) header cells."""

    index: int
    headers: list[str]
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
    section: "Section | None" = None
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


@dataclass
class Section:
    """A heading of the standard form with its own text, its tables and its subsections."""

    title: str
    kind: str
    level: int
    line: int
    parent: "Section | None" = None
    children: list["Section"] = field(default_factory=list)
    lines: list[tuple[int, str]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    number: str | None = None  # 「1-4」 for 測定指標1-4, 「2」 for 個別分野2
    name: str | None = None  # the title without its number: the indicator name
    main: bool = False  # 測定指標 marked * (主要な測定指標)
    fiscal_year: int | None = None  # for 「令和2年度目標」

    @property
    def path(self) -> list[str]:
        out: list[str] = []
        s: Section | None = self
        while s is not None and s.kind != "root":
            out.append(s.title)
            s = s.parent
        return out[::-1]

    def blocks(self) -> list[tuple[int, int, str, bool]]:
        """Own content as (first_line, last_line, text, is_table): paragraphs (a sentence that a page
        break cut is joined again) and tables (consecutive tab rows, one block, rows as 「a | b」)."""
        out: list[list] = []
        for ln, line in self.lines:
            if "\t" in line:
                row = " | ".join(tidy(c) for c in line.split("\t") if c.strip())
                if not row:
                    continue
                if out and out[-1][3]:
                    out[-1][1], out[-1][2] = ln, out[-1][2] + "\n" + row
                else:
                    out.append([ln, ln, row, True])
                continue
            t = tidy(line)
            if not t:
                continue
            prev = out[-1] if out else None
            if prev and not prev[3] and len(prev[2]) >= 30 and not re.search(r"[。．.)）」:：]$", prev[2]) \
                    and not re.match(r"^[-・●○◆(（\d①-⑳]", t):
                prev[1], prev[2] = ln, prev[2] + t
            else:
                out.append([ln, ln, t, False])
        return [tuple(b) for b in out]

    @property
    def text(self) -> str:
        """Own text for reading: paragraphs and table rows, one per line."""
        return "\n".join(b[2] for b in self.blocks())

    def walk(self) -> Iterator["Section"]:
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass
class Sheet:
    """A parsed sheet. `figures` lists every value of every table (see `evalqa.figures`)."""

    id: str
    path: str
    text: str
    root: Section
    title: str | None = None  # 施策名
    policy_number: str | None = None  # 「I-2」
    ministry: str | None = None
    fiscal_year: int | None = None  # the sheet's own 年度 (令和3年度事前分析表 → 2021)
    era: str = DEFAULT_ERA
    bureau: str | None = None  # 担当部局名
    evaluation_time: str | None = None  # 政策評価実施予定時期
    position: str | None = None  # 政策体系上の位置付け
    document: str | None = None  # 「令和3年度事前分析表」
    warnings: list[str] = field(default_factory=list)

    @property
    def sections(self) -> list[Section]:
        return [s for s in self.root.walk() if s.kind != "root"]

    @property
    def tables(self) -> list[Table]:
        return [t for s in self.sections for t in s.tables]

    @cached_property
    def figures(self) -> list["Figure"]:
        from .figures import extract_figures

        return extract_figures(self)

    def section(self, title_prefix: str) -> Section:
        """The first section whose title starts with the prefix (whitespace and width ignored)."""
        want = norm(title_prefix)
        for s in self.sections:
            if norm(s.title).startswith(want):
                return s
        raise KeyError(title_prefix)

    @property
    def metadata(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "policy_number": self.policy_number,
            "ministry": self.ministry,
            "fiscal_year": self.fiscal_year,
            "document": self.document,
            "bureau": self.bureau,
            "evaluation_time": self.evaluation_time,
            "position": self.position,
        }


# --- headings -----------------------------------------------------------------------------------

_ROMAN = "IVXⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"


@dataclass
class _Heading:
    kind: str
    level: int
    title: str
    number: str | None = None
    name: str | None = None
    main: bool = False
    fiscal_year: int | None = None


def match_heading(line: str, era: str = DEFAULT_ERA) -> _Heading | None:
    """The heading a line of the standard form opens, if any."""
    raw = tidy(line)
    n = norm(line)
    if not n or len(n) > 160:
        return None
    if m := re.fullmatch(r"【(.+)】", n):
        return _Heading("budget" if "予算" in m.group(1) else "part", 0, raw)
    if m := re.fullmatch(rf"施策([{_ROMAN}]+-\d+)(.*)", n):
        rest = tidy(re.sub(r"^施策\s*\S+\s*-\s*\d+", "", raw))
        return _Heading("policy", 0, f"施策{m.group(1)} {rest}".strip(), number=m.group(1), name=rest)
    if m := re.fullmatch(r"個別分野(\d+)(.*)", n):
        name = tidy(re.sub(r"^個別分野\s*\d+", "", raw))
        return _Heading("field", 0, f"個別分野{m.group(1)} {name}".strip(), number=m.group(1), name=name)
    if n == "施策の概要":
        return _Heading("overview", 1, raw)
    if n.startswith("関連する内閣の重要政策"):
        return _Heading("cabinet", 1, raw)
    if m := re.fullmatch(r"測定指標(\d+(?:-\d+)?)(.+?)(\*)?", n):
        name = tidy(re.sub(r"^測定指標\s*\d+(?:\s*-\s*\d+)?", "", raw))
        name = re.sub(r"\s*[*＊]$", "", name)
        return _Heading("indicator", 1, f"測定指標{m.group(1)} {name}", number=m.group(1), name=name, main=bool(m.group(3)))
    if m := re.fullmatch(r"参考指標(\d+(?:-\d+)?)?[:：]?(.*)", n):
        name = tidy(re.sub(r"^参考指標\s*(\d+(?:\s*-\s*\d+)?)?\s*[:：]?", "", raw))
        return _Heading("reference", 1, tidy(raw), number=m.group(1), name=name or None)
    if n == "達成手段":
        return _Heading("means", 1, raw)
    if n.startswith("中期目標") and len(n) <= 16:
        return _Heading("midterm_target", 2, raw)
    if re.fullmatch(r"(?:(?:令和|平成|昭和)(?:\d+|元)|[RH]\d+|\d{4}|\d{1,2})年度目標", n):
        return _Heading("year_target", 2, tidy(raw), fiscal_year=parse_fiscal_year(n, era))
    if n.startswith("施策の進捗状況"):
        return _Heading("progress", 2, raw)
    if n.startswith("測定指標の選定理由"):
        return _Heading("rationale", 2, raw)
    return None


# --- loading ------------------------------------------------------------------------------------

_SHEET_YEAR_RE = re.compile(r"((?:令和|平成)(?:\d+|元))年度(?:事前分析表|政策評価|事後評価)")
_MINISTRY_RE = re.compile(rf"^\(([^\d()]+?(?:省|庁|府|委員会))(\d+|元)-([{_ROMAN}]+-\d+)\)$")
_UNIT_LINE_RE = re.compile(r"^[(（](?:単位[:：])?(千円|百万円|億円|円|%|人|件|回|か国|カ国)[)）]$")
_UNIT_IN_TEXT_RE = re.compile(r"[(（]\s*(?:単位\s*[:：]\s*([^()（）\s]+?)|(千円|百万円|億円|円))\s*[)）]")
POLICY_FIELDS = {
    "施策名": "title",
    "政策名": "title",
    "担当部局名": "bureau",
    "政策評価実施予定時期": "evaluation_time",
    "政策体系上の位置付け": "position",
}


def load_sheet(path: str | Path, *, sheet_id: str | None = None) -> Sheet:
    """Read one sheet file (UTF-8 with/without BOM, or CP932) into a `Sheet`.

    Raises `SheetError` (naming the file) for unreadable, empty, binary or non-sheet input; a sheet
    with recognisable sections but no tables loads with an empty figure list and a warning.
    """
    p = Path(path)
    text = decode(p)
    return parse_sheet(text, sheet_id or p.stem, str(p))


def parse_sheet(text: str, sheet_id: str, path: str = "<text>") -> Sheet:
    lines = text.lstrip("\ufeff").splitlines()
    sheet = Sheet(id=sheet_id, path=path, text=text, root=Section(sheet_id, "root", -1, 0))
    _read_metadata(sheet, lines)
    _read_sections(sheet, lines)
    if not any(s.kind in ("policy", "field", "indicator", "means", "budget") for s in sheet.sections):
        raise SheetError(path, "not a policy-evaluation sheet: no 施策, 個別分野, 測定指標 or 達成手段 heading found")
    if not sheet.tables:
        sheet.warnings.append(f"{path}: no tables found; the sheet has no figures")
    sheet.warnings.extend(f"{path}: {w}" for t in sheet.tables for w in t.warnings)
    for w in sheet.warnings:
        log.warning(w)
    return sheet


def _read_metadata(sheet: Sheet, lines: list[str]) -> None:
    for raw in lines:
        n = norm(raw.split("\t")[0]) if "\t" in raw else norm(raw)
        if sheet.fiscal_year is None and (m := _SHEET_YEAR_RE.search(n)) and "\t" not in raw:
            sheet.fiscal_year = parse_fiscal_year(m.group(1) + "年度")
            sheet.era = m.group(1)[:2]
            sheet.document = tidy(raw)
        elif sheet.ministry is None and (m := _MINISTRY_RE.match(n)):
            sheet.ministry = m.group(1)
            sheet.policy_number = sheet.policy_number or m.group(3)
            if sheet.fiscal_year is None:
                sheet.fiscal_year = era_year(sheet.era, m.group(2))
        elif sheet.policy_number is None and (m := re.fullmatch(rf"施策([{_ROMAN}]+-\d+).*", n)):
            sheet.policy_number = m.group(1)
    if sheet.fiscal_year is not None:
        sheet.era = next(e for e, start in sorted(ERAS.items(), key=lambda kv: -kv[1]) if sheet.fiscal_year > start)


def _read_sections(sheet: Sheet, lines: list[str]) -> None:
    root = sheet.root
    stack: list[Section] = [root]
    i, n = 0, len(lines)

    def current() -> Section:
        return stack[-1]

    def open_section(h: _Heading, lineno: int) -> None:
        while len(stack) > 1 and stack[-1].level >= h.level:
            stack.pop()
        s = Section(h.title, h.kind, h.level, lineno, parent=stack[-1], number=h.number, name=h.name,
                    main=h.main, fiscal_year=h.fiscal_year)
        stack[-1].children.append(s)
        stack.append(s)

    def row_heading(line: str) -> _Heading | None:
        cells = [c for c in line.split("\t") if c.strip()]
        if len(cells) == 1 and line.split("\t")[0].strip():
            return match_heading(cells[0], sheet.era)
        return None

    while i < n:
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if "\t" in line and not row_heading(line):
            j, rows = i, []
            while j < n and ("\t" in lines[j] or not lines[j].strip()):
                if lines[j].strip():
                    if row_heading(lines[j]):
                        break
                    rows.append(Row(j + 1, [c.strip() for c in lines[j].split("\t")]))
                j += 1
            _attach_block(sheet, current(), rows, lines, j)
            i = j
            continue
        h = row_heading(line) if "\t" in line else match_heading(line, sheet.era)
        if h:
            open_section(h, i + 1)
            s = current()
            # A long indicator name wraps onto the next line (「…回答し」/「た割合)」).
            if s.kind in ("indicator", "reference") and not _balanced(s.title):
                k = i + 1
                while k < n and not lines[k].strip():
                    k += 1
                if k < n:
                    nxt = [c for c in lines[k].split("\t") if c.strip()]
                    if len(nxt) == 1 and lines[k].split("\t")[0].strip() and not match_heading(nxt[0], sheet.era):
                        s.title = tidy(s.title + nxt[0])
                        s.name = tidy((s.name or "") + nxt[0])
                        i = k
        else:
            current().lines.append((i + 1, line))
        i += 1


def _attach_block(sheet: Sheet, section: Section, rows: list[Row], lines: list[str], end: int) -> None:
    """Give a block of tab rows to its section, as tables (and, in the 施策 block, as fields)."""
    if not rows:
        return
    for r in rows:
        section.lines.append((r.line, "\t".join(r.cells)))
    # A table states its unit on the line right after it: 「(千円)」.
    k = end
    while k < len(lines) and not lines[k].strip():
        k += 1
    trailing_unit = None
    if k < len(lines) and (m := _UNIT_LINE_RE.match(norm(lines[k]))):
        trailing_unit = m.group(1)

    if section.kind == "policy":
        _split_policy_block(sheet, section, rows)
        return
    kind = {
        "budget": "policy_budget",
        "indicator": "indicator",
        "reference": "reference",
        "means": "means",
    }.get(section.kind, "grid")
    title = section.name or section.title
    if section.kind == "budget":
        title = re.sub(r"[【】]", "", section.title)
        _read_key_values(sheet, rows)
    table = Table(kind, title, rows, section=section, unit=trailing_unit)
    analyse(table, sheet.era, sheet.fiscal_year)
    if kind == "grid" and not any(c.fiscal_year for c in table.columns.values()):
        return  # a text table (key/value rows): its text is in the section already
    section.tables.append(table)


def _read_key_values(sheet: Sheet, rows: list[Row]) -> None:
    for r in rows:
        cells = [c for c in r.cells if c.strip()]
        for a, b in zip(cells, cells[1:]):
            key = norm(re.sub(r"[(（]※[)）]", "", a))
            attr = POLICY_FIELDS.get(key)
            if attr and getattr(sheet, attr) is None:
                setattr(sheet, attr, tidy(b))


def _split_policy_block(sheet: Sheet, section: Section, rows: list[Row]) -> None:
    """The 施策 block mixes fields (施策名, 施策目標 …) with the 施策の予算額・執行額等 tables."""
    _read_key_values(sheet, rows)
    i = 0
    prev_title = None
    while i < len(rows):
        r = rows[i]
        cells = [c.strip() for c in r.cells]
        year_cells = [c for c in cells[1:] if parse_fiscal_year(c, sheet.era) and len(norm(c)) <= 12]
        if "区分" in [norm(c) for c in cells] and len(year_cells) >= 2:
            title = tidy(cells[0])
            if title.startswith("同") and prev_title:
                # 「同（分担金・拠出金）」 repeats the previous title with another qualifier.
                title = re.sub(r"[（(].*$", "", prev_title) + title[1:]
            prev_title = title
            j = i + 1
            while j < len(rows) and any(parse_cell(c) for c in rows[j].cells[1:]) and "区分" not in [norm(c) for c in rows[j].cells]:
                j += 1
            sub = Section(title, "measure_budget", 1, r.line, parent=section)
            sub.lines = [(x.line, "\t".join(x.cells)) for x in rows[i:j]]
            unit = None
            if any("百万円" in c for x in rows[i:j] for c in x.cells):
                unit = "百万円"
            elif any("千円" in c for x in rows[i:j] for c in x.cells):
                unit = "千円"
            table = Table("measure_budget", title, rows[i:j], section=sub, unit=unit)
            analyse(table, sheet.era, sheet.fiscal_year)
            sub.tables.append(table)
            section.children.append(sub)
            i = j
            continue
        key = tidy(cells[0]) if cells else ""
        values = [tidy(c) for c in cells[1:] if c.strip()]
        if key and values and norm(key) not in {norm(k) for k in POLICY_FIELDS}:
            # 施策目標, 目標設定の考え方・根拠: prose worth its own section.
            sub = Section(key, "policy_field", 1, r.line, parent=section)
            sub.lines = [(r.line, " ".join(values))]
            section.children.append(sub)
        i += 1
    # The block's rows now live in the subsections; keep only the field rows on the section itself.
    sub_lines = {ln for c in section.children for ln, _ in c.lines}
    section.lines = [(ln, t) for ln, t in section.lines if ln not in sub_lines]


# --- table recovery -------------------------------------------------------------------------------

_YEAR_IN_HEADER_RE = re.compile(
    r"((?:令和|平成|昭和)(?:\d+|元)|[RH]\d{1,2}|(?:19|20)\d{2}|\d{1,2}|元|-+|—+|－+|―+|\?+)年度"
)
MEASURE_RE = re.compile(
    r"(中期目標値|年度目標値|目標値|実績値|基準値|達成率|執行率|当初予算額|概算要求額|要求額"
    r"|予算額計\(執行額\)|予算額計|執行額|当初予算\(a\)|補正予算\(b\)|繰越し?等\(c\)|合計\(a\+b\+c\)|予算額)"
)
_HEADER_WORDS = ("区分", "達成手段名", "達成手段の概要", "関連する測定指標", "事業番号", "目標年度", "基準年度", "年度")


def _header_cell(cell: str) -> bool:
    n = norm(cell)
    if not n:
        return False
    if len(n) <= 24 and (_YEAR_IN_HEADER_RE.search(n) or MEASURE_RE.search(n)):
        return parse_cell(cell) is None
    return any(n.startswith(w) or n.endswith(w) for w in _HEADER_WORDS) and len(n) <= 30


def _unit_of(text: str) -> str | None:
    m = _UNIT_IN_TEXT_RE.search(unicodedata.normalize("NFKC", text))
    return (m.group(1) or m.group(2)) if m else None


def analyse(table: Table, era: str = DEFAULT_ERA, near: int | None = None) -> None:
    """Split a table into header and body rows and work out what each column means.

    Header rows are the rows at the top whose cells (after the first column) are header words:
    years, measures (年度目標値, 実績値, 当初予算額 …), 区分, 事業番号. Merged header cells come out of
    the PDF as one filled cell followed by empty ones; an empty header cell takes the text to its
    left when a header row below it has something in that column (「令和2年度」 over 年度目標値 and 実績値).
    """
    rows = table.rows
    width = max(len(r.cells) for r in rows)
    short = [r.line for r in rows if len(r.cells) < width]
    for r in rows:
        r.cells += [""] * (width - len(r.cells))
    header: list[Row] = []
    started = False
    for _idx, r in enumerate(rows):
        data = any(parse_cell(c) for c in r.cells[1:])
        tail = [c for c in r.cells[1:] if c.strip()]
        if not started and not data and tail and any(_header_cell(c) for c in tail) \
                and all(_header_cell(c) or len(norm(c)) <= 30 for c in tail):
            header.append(r)
            continue
        started = True
    table.header = header
    table.body = [r for r in rows if r not in header]

    # Fill merged header cells forward, where another header row shows the column is a real one
    # (「令和2年度」 spans 年度目標値 and 実績値; 「実績値」 spans three years) — but never into the
    # label columns at the right edge (関連する測定指標, 事業番号).
    filled = [list(r.cells) for r in header]
    label_col = {c for c in range(width) if any(w in norm(r.cells[c]) for r in header for w in ("測定指標", "事業番号"))}
    for h, cells in enumerate(filled):
        for c in range(2, width):
            if cells[c].strip() or not cells[c - 1].strip() or c in label_col:
                continue
            if any(header[h2].cells[c].strip() for h2 in range(len(header)) if h2 != h):
                cells[c] = cells[c - 1]
    value_cols = {c for r in table.body for c in range(1, width) if parse_cell(r.cells[c])}
    for c in sorted(value_cols):
        heads = [tidy(f[c]) for f in filled if f[c].strip()]
        col = Column(c, heads)
        for text in reversed(heads):
            n = norm(text)
            if col.year_label is None and (m := _YEAR_IN_HEADER_RE.search(n)):
                col.year_label = m.group(0)
                col.fiscal_year = parse_fiscal_year(m.group(0), era, near)
            if col.measure is None and (m := MEASURE_RE.search(n)):
                col.measure = m.group(1)
            if col.unit is None:
                col.unit = _unit_of(text)
            if "事業番号" in n or "測定指標" in n:
                col.code = True
        body_values = [v for r in table.body for v in (parse_cell(r.cells[c]) or [])]
        if any(v.code for v in body_values) and all(v.code or v.value is None for v in body_values) and col.fiscal_year is None:
            col.code = True
        table.columns[c] = col
    if header and not value_cols:
        table.warnings.append(f"table 「{table.title}」 at line {table.first_line} has a header but no values (truncated?)")
    elif short and header:
        table.warnings.append(f"table 「{table.title}」: line(s) {', '.join(map(str, short))} have fewer cells than the header (truncated?); the missing cells give no figures")
    if table.unit is None:
        table.unit = next((_unit_of(c) for r in header for c in r.cells if _unit_of(c)), None)
        if table.unit is None:
            table.unit = next((_unit_of(c) for r in table.body for c in r.cells[:1] if _unit_of(c)), None)
