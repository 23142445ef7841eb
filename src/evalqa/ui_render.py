"""What the UI shows of an answer: its sources as HTML (tables as tables, the cited cell marked) and its
figures as a frame. Pure functions of an `Answer`, so they are tested without a browser."""
from __future__ import annotations

import html
import re
from collections.abc import Sequence

import pandas as pd

from .answer import Answer
from .figure import Figure, format_value
from .fiscal_year import to_label
from .terms import terms

CELL_SEP = " | "  # how a chunk writes the cells of a table row


def highlight(text: str, question: str) -> str:
    """Passage as HTML with the question's words marked."""
    words = sorted({t for t in terms(question) if len(t) >= 2 and not t.startswith("fy") and not t.isdigit()},
                   key=len, reverse=True)
    out = html.escape(text)
    if words:
        pattern = re.compile("|".join(re.escape(html.escape(w)) for w in words))
        out = pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", out)
    return out


def _blocks(text: str) -> list[tuple[bool, list[str]]]:
    """The passage as runs of lines: (True, rows) for a table (two or more rows of cells), else prose."""
    out: list[tuple[bool, list[str]]] = []
    for line in text.split("\n"):
        is_row = CELL_SEP in line
        if out and out[-1][0] == is_row:
            out[-1][1].append(line)
        else:
            out.append((is_row, [line]))
    # A lone row of cells reads better as a line of text, with the prose around it.
    merged: list[tuple[bool, list[str]]] = []
    for table, lines in out:
        table = table and len(lines) > 1
        if merged and not table and not merged[-1][0]:
            merged[-1][1].extend(lines)
        else:
            merged.append((table, lines))
    return merged


def _table_html(rows: list[str], question: str, cited: dict[str, str]) -> str:
    cells = [r.split(CELL_SEP) for r in rows]
    width = max(len(c) for c in cells)
    # The header is the rows above the first row that holds a cited value, or else the first row.
    first_value = next((i for i, c in enumerate(cells) if any(x.strip() in cited for x in c)), None)
    n_head = first_value if first_value else 1
    out = ["<table class='evalqa-table'>"]
    for i, row in enumerate(cells):
        tag = "th" if i < n_head else "td"
        out.append("<tr>")
        for j, cell in enumerate(row):
            # Rows with fewer cells (merged header cells) span what is left, so the last cells line up.
            span = f" colspan='{width - len(row) + 1}'" if j == len(row) - 1 and len(row) < width else ""
            mark = f" class='{cited[cell.strip()]}'" if tag == "td" and cell.strip() in cited else ""
            out.append(f"<{tag}{span}{mark}>{highlight(cell, question)}</{tag}>")
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def passage_html(text: str, question: str, cited: dict[str, str] | None = None) -> str:
    """A source passage as HTML: prose with the question's words marked, tables as `<table>` whose cells
    holding a cited value (by its raw text) get the CSS class `cited` gives for it."""
    parts = []
    for is_table, lines in _blocks(text):
        if is_table:
            parts.append(_table_html(lines, question, cited or {}))
        else:
            parts.append("<br>".join(highlight(line, question) for line in lines))
    return "".join(parts)


def _cited_cells(figures: Sequence[Figure], sheet: str, section: Sequence[str]) -> dict[str, str]:
    """The raw cells an answer states from one section of one sheet, each with its CSS class: the asked
    value (the answer's first figure) `evalqa-cited evalqa-asked`, its companions `evalqa-cited`.
    Values stated in sentences are not cells."""
    out: dict[str, str] = {}
    for i, f in enumerate(figures):
        raw = (f.raw or "").strip()
        if f.sheet == sheet and list(f.section) == list(section) and raw and "\n" not in raw and len(raw) <= 30:
            out.setdefault(raw, "evalqa-cited evalqa-asked" if i == 0 else "evalqa-cited")
    return out


def sources_html(ans: Answer, question: str, limit: int = 4) -> str:
    if not ans.sources:
        return "<p class='evalqa-empty'>出典はありません。</p>"
    parts = []
    for s in ans.sources[:limit]:
        crumb = html.escape(" › ".join(s["section"]))
        page = f"（p.{s['page']}）" if s.get("page") else ""  # where to look in the ministry's PDF
        cited = _cited_cells(ans.figures, s["sheet"], s["section"])
        parts.append(f"<div class='evalqa-source'><div class='evalqa-crumb'><b>{html.escape(s['sheet'])}</b>"
                     f" › {crumb}{page}</div>"
                     f"<div class='evalqa-passage'>{passage_html(s['text'][:1500], question, cited)}</div></div>")
    return "\n".join(parts)


def where(f: Figure) -> str:
    return f"p.{f.page}" if f.page else (f.cell or "")


def answer_frame(ans: Answer) -> pd.DataFrame:
    rows = [{"指標・事業": f.subject + (f"（{f.series}）" if f.series else ""), "種類": f.measure,
             "年度": to_label(f.fiscal_year) if f.fiscal_year else f.year_label, "値": format_value(f),
             "表の記載": f.raw, "行": f.line, "頁・セル": where(f)}
            for f in ans.figures]
    return pd.DataFrame(rows, columns=["年度", "種類", "値", "表の記載", "行", "頁・セル", "指標・事業"])


# The 数値一覧 tab: what a reader scans first (what, when, which kind, how much), where it stands last.
FIGURE_VIEW = {"subject": "指標・事業", "year": "年度", "measure": "種類", "value": "値", "unit": "単位",
               "series": "系列", "raw": "表の記載", "line": "行", "where": "頁・セル", "sheet": "シート",
               "section": "見出し"}


def figures_view(df: pd.DataFrame) -> pd.DataFrame:
    """The figures frame (contract fields, as in `evalqa figures --csv`) as the 数値一覧 tab shows it."""
    view = pd.DataFrame({
        "subject": df["subject"],
        "year": [to_label(int(y)) if y == y and y is not None else (lbl if isinstance(lbl, str) else "")
                 for y, lbl in zip(df["fiscal_year"], df["year_label"])],
        "measure": df["measure"], "value": df["value"], "unit": df["unit"], "series": df["series"],
        "raw": df["raw"], "line": df["line"],
        "where": [f"p.{int(p)}" if p == p and p is not None else (c or "") for p, c in zip(df["page"], df["cell"])],
        "sheet": df["sheet"], "section": df["section"],
    }, index=df.index)
    return view.rename(columns=FIGURE_VIEW)
