"""Chunks: one per section of the sheet model, split at sentence ends to a MeCab-token budget.

Every chunk carries its breadcrumb (sheet title › section path), so a table is never separated from
its heading, and lists the figures whose cells lie inside it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cells import parse_cell
from .figure import format_value
from .sheet import Section, Sheet
from .tables import Row, Table
from .terms import count_tokens

DEFAULT_BUDGET = 256  # MeCab tokens; e5-small reads 512 subwords, about 1.3 per MeCab token here
DEFAULT_OVERLAP = 40
CHUNKING_VERSION = 1  # bump when chunk boundaries or chunk text change for the same budget and overlap


def settings() -> dict:
    """What decides the chunks, as recorded in an index manifest: a change means re-chunking everything."""
    return {"version": CHUNKING_VERSION, "budget": DEFAULT_BUDGET, "overlap": DEFAULT_OVERLAP}


@dataclass
class Chunk:
    sheet: str
    section: list[str]
    text: str
    first_line: int
    last_line: int
    tokens: int
    title: str = ""  # the sheet's 施策名, to tell sheets apart
    figures: list[int] = field(default_factory=list)  # indexes into sheet.figures
    fiscal_years: list[int] = field(default_factory=list)
    figure_text: str = ""  # the chunk's figures as plain statements, so they can be found by name
    page: int | None = None  # PDF page of the chunk's first line, when read from a PDF


    @property
    def breadcrumb(self) -> str:
        return " › ".join(self.section)

    @property
    def document(self) -> str:
        """What is embedded and keyword-indexed: title, breadcrumb, the text, then its figures stated
        one per line (a table chunk is mostly numbers; stating 「日加二国間会談数 令和2年度 実績値 3」 lets a
        question that names the indicator find the table rather than prose about it)."""
        head = f"{self.title} › {self.breadcrumb}" if self.title else self.breadcrumb
        return f"{head}\n{self.text}" + (f"\n{self.figure_text}" if self.figure_text else "")


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[。！？])", text)
    return [p for p in parts if p.strip()]


def _table_parts(table: Table, budget: int) -> list[tuple[int, int, str, bool]]:
    """A table too long for one chunk: groups of body rows (each ending at a row of values, so a
    達成手段's name stays with its budget row), each under the table's header rows."""
    head = "\n".join(r.text for r in table.header if r.text)
    head_tokens = count_tokens(head)
    groups: list[list[Row]] = [[]]
    for r in table.body:
        groups[-1].append(r)
        if any(r.cells[c].strip() for c in table.columns) and any(parse_cell(r.cells[c]) for c in table.columns):
            groups.append([])
    groups = [g for g in groups if g]
    parts: list[list[Row]] = []
    cur: list[Row] = []
    for g in groups:
        text = "\n".join(r.text for r in cur + g if r.text)
        if cur and head_tokens + count_tokens(text) > budget:
            parts.append(cur)
            cur = []
        cur = cur + g
    if cur:
        parts.append(cur)
    return [(p[0].line if i else table.first_line, p[-1].line,
             head + "\n" + "\n".join(r.text for r in p if r.text), True) for i, p in enumerate(parts)]


def chunk_section(sheet: Sheet, section: Section, budget: int = DEFAULT_BUDGET,
                  overlap: int = DEFAULT_OVERLAP) -> list[Chunk]:
    """Chunks of one section's own content; a table (however long) is one indivisible unit."""
    units: list[tuple[int, int, str, bool]] = []
    tables = {t.first_line: t for t in section.tables}
    for first, last, text, is_table in section.blocks():
        if is_table:
            table = tables.get(first)
            if table is not None and count_tokens(text) > budget and table.header and table.body:
                units.extend(_table_parts(table, budget))
            else:
                units.append((first, last, text, True))
        else:
            sents = _sentences(text)
            # A sentence that continues a paragraph starts with "\0" so the paragraph is rebuilt on join.
            units.extend((first, last, ("\0" if i else "") + s, False) for i, s in enumerate(sents))
    if not units:
        return []
    chunks: list[list[tuple[int, int, str, bool]]] = []
    cur: list[tuple[int, int, str, bool]] = []
    cur_tokens = 0
    for u in units:
        n = count_tokens(u[2].lstrip("\0"))
        if cur and cur_tokens + n > budget:
            chunks.append(cur)
            # Overlap: carry the last sentence over, unless it is a table or too long.
            tail = cur[-1]
            tail_n = count_tokens(tail[2].lstrip("\0"))
            cur, cur_tokens = ([tail], tail_n) if not tail[3] and tail_n <= overlap else ([], 0)
        cur.append(u)
        cur_tokens += n
    chunks.append(cur)

    out = []
    fig_index = [(i, f) for i, f in enumerate(sheet.figures) if f.section == section.path]
    for units_ in chunks:
        first, last = min(u[0] for u in units_), max(u[1] for u in units_)
        text = "\n".join(u[2] for u in units_).replace("\n\0", "").replace("\0", "")
        figs = [i for i, f in fig_index if f.line is not None and first <= f.line <= last]
        years = sorted({y for i in figs if (y := sheet.figures[i].fiscal_year)}
                       | ({section.fiscal_year} if section.fiscal_year else set()))
        statements = "\n".join(figure_statement(sheet.figures[i]) for i in figs)
        out.append(Chunk(sheet.id, section.path, text, first, last, count_tokens(text), title=sheet.title or "",
                         figures=figs, fiscal_years=years, figure_text=statements, page=sheet.pages.get(first)))
    return out


def figure_statement(f) -> str:
    """「日加二国間会談数(…) 令和2年度 実績値 3」."""
    series = f" {f.series}" if f.series else ""
    return f"{f.subject}{series} {f.year_label or ''} {f.measure} {format_value(f)}".replace("  ", " ")


def chunk_sheet(sheet: Sheet, budget: int = DEFAULT_BUDGET, overlap: int = DEFAULT_OVERLAP) -> list[Chunk]:
    """All chunks of a sheet in sheet order."""
    out: list[Chunk] = []
    for s in sheet.sections:
        out.extend(chunk_section(sheet, s, budget, overlap))
    return out
