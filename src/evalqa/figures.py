"""Figures: one structured value per table cell, and the rules that read a cell.

A Figure is what a numeric answer is made of, so every field is exact: the value as a number (or
None when the sheet says —, -, / or nothing), the measure in the sheet's own words, the fiscal year
and the label the sheet wrote, the unit the table states, and the raw cell text.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict, dataclass, field, fields
from typing import Iterable

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# Cells that mean "no value" in these sheets; never read as 0.
NO_VALUE = {"", "—", "-", "/", "－", "―", "‐", "─", "／", "−", "ー", "–", "…", "×"}

_DIGITS = str.maketrans("０１２３４５６７８９，．％（）＋", "0123456789,.%()+")
_NUMBER = r"[△▲\-−]?\d[\d,]*(?:\.\d+)?"
_TOKEN_RE = re.compile(
    rf"(?P<marker>[{CIRCLED}])?\s*(?P<num>{_NUMBER})\s*(?P<pct>%)?"
    rf"(?:\s*\(\s*(?P<paren>{_NUMBER}|[—\-/－―‐─／−ー–])\s*(?P<ppct>%)?\s*\))?"
)
_NO_VALUE_TOKEN_RE = re.compile(rf"(?P<marker>[{CIRCLED}])?\s*(?P<nv>[—\-/－―‐─／−ー–])(?:\s*\(\s*(?P<pnv>[—\-/－―‐─／−ー–])\s*\))?")


@dataclass
class Figure:
    """One value of one table of one sheet (fields as in the public contract, plus a few extras)."""

    sheet: str
    section: list[str]
    subject: str
    series: str | None
    measure: str
    fiscal_year: int | None
    year_label: str | None
    value: int | float | None
    unit: str | None
    raw: str
    # Extras: where it stands and labels that are not quantities.
    line: int | None = None
    table: str | None = None
    review_number: str | None = None
    note: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "Figure":
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})

    @property
    def is_empty(self) -> bool:
        return self.value is None

    def display_value(self) -> str:
        """「3」「598,665千円」「70%」, or 「記載なし」 when the sheet gives no value."""
        if self.value is None:
            return "記載なし"
        v = self.value
        text = f"{v:,}" if isinstance(v, int) else f"{v:,.10g}"
        return f"{text}{self.unit or ''}"


@dataclass
class CellValue:
    """A value read from (part of) a cell: 「①86%」, 「65 (56)」, 「△14」, 「—」."""

    raw: str
    value: int | float | None
    marker: str | None = None
    percent: bool = False
    paren: "CellValue | None" = None
    code: bool = False  # a zero-padded label such as 事業番号 「0017」
    extra: dict = field(default_factory=dict)


def parse_number(text: str) -> int | float | None:
    """「598,665」→598665, 「△14」→-14, 「1.5」→1.5, 「—」→None. Raises ValueError on anything else."""
    t = text.strip().translate(_DIGITS).replace(" ", "")
    if t in NO_VALUE:
        return None
    neg = t[:1] in "△▲-−"
    if neg:
        t = t[1:]
    t = t.rstrip("%")
    if not re.fullmatch(r"\d[\d,]*(?:\.\d+)?", t):
        raise ValueError(f"not a number: {text!r}")
    t = t.replace(",", "")
    v: int | float = float(t) if "." in t else int(t)
    return -v if neg else v


def parse_cell(cell: str) -> list[CellValue] | None:
    """All values in a cell if the cell holds nothing but values, else None (it is text).

    Handles series markers (「①73% ②93%」), a value with its 執行額 in brackets (「65 (56)」),
    negatives (「△14」) and no-value marks (「—」「-」「/」).
    """
    raw = cell.strip()
    if not raw:
        return None
    t = raw.translate(_DIGITS)
    if t.replace(" ", "") in NO_VALUE:
        return [CellValue(raw=raw, value=None)]
    out: list[CellValue] = []
    pos = 0
    t_stripped = t
    while pos < len(t_stripped):
        if t_stripped[pos].isspace():
            pos += 1
            continue
        m = _TOKEN_RE.match(t_stripped, pos)
        # A value ends at a space, a bracket or the next series marker: 「1-1」 or 「3回」 are text.
        if m and (m.end() == len(t_stripped) or t_stripped[m.end()].isspace() or t_stripped[m.end()] in CIRCLED + "(（"):
            num = m.group("num")
            code = bool(re.fullmatch(r"0\d{3,}", num))
            paren = None
            if m.group("paren"):
                paren = CellValue(raw=m.group("paren"), value=parse_number(m.group("paren")), percent=bool(m.group("ppct")))
            out.append(
                CellValue(
                    raw=m.group(0).strip(),
                    value=parse_number(num),
                    marker=m.group("marker"),
                    percent=bool(m.group("pct")),
                    paren=paren,
                    code=code,
                )
            )
            pos = m.end()
            continue
        m = _NO_VALUE_TOKEN_RE.match(t_stripped, pos)
        if m and (m.group("marker") or pos + len(m.group(0)) == len(t_stripped) or t_stripped[m.end()].isspace()):
            paren = CellValue(raw=m.group("pnv"), value=None) if m.group("pnv") else None
            out.append(CellValue(raw=m.group(0).strip(), value=None, marker=m.group("marker"), paren=paren))
            pos = m.end()
            continue
        return None
    return out or None


def is_value_cell(cell: str) -> bool:
    return parse_cell(cell) is not None


# --- output -------------------------------------------------------------------------------

CSV_FIELDS = [f.name for f in fields(Figure)]


def to_jsonl(figures: Iterable[Figure]) -> str:
    return "".join(json.dumps(f.to_dict(), ensure_ascii=False) + "\n" for f in figures)


def to_csv(figures: Iterable[Figure]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    w.writeheader()
    for f in figures:
        d = f.to_dict()
        d["section"] = " › ".join(d["section"])
        w.writerow(d)
    return buf.getvalue()


def to_table(figures: Iterable[Figure]) -> str:
    """A plain, human-readable listing (one figure per line)."""
    lines = []
    for f in figures:
        series = f" [{f.series}]" if f.series else ""
        year = f.year_label or "—"
        lines.append(f"{f.sheet}:{f.line or '?'}\t{f.subject}{series}\t{f.measure}\t{year}\t{f.display_value()}\t({f.raw})")
    return "\n".join(lines) + ("\n" if lines else "")


# --- tables → figures -------------------------------------------------------------------------

def extract_figures(sheet) -> list[Figure]:
    """Every value of every table of a sheet, in sheet order."""
    out: list[Figure] = []
    for table in sheet.tables:
        handler = {
            "policy_budget": _policy_budget_figures,
            "means": _means_figures,
        }.get(table.kind, _grid_figures)
        try:
            out.extend(handler(sheet, table))
        except Exception as e:  # one unreadable table must not hide the others
            sheet.warnings.append(f"{sheet.path}:{table.first_line}: table 「{table.title}」 could not be read ({e})")
    out.sort(key=lambda f: f.line or 0)
    return out


def _series_names(texts: Iterable[str]) -> dict[str, str]:
    """「①一般の部 ②有識者の部」 → {'①': '一般の部', '②': '有識者の部'}."""
    names: dict[str, str] = {}
    for t in texts:
        for m in re.finditer(rf"([{CIRCLED}])\s*([^{CIRCLED}\s(（)）、,]+)", t):
            if parse_cell(m.group(0)) is None:
                names.setdefault(m.group(1), m.group(2))
    return names


def _is_note(text: str) -> bool:
    from .sheet import norm

    n = norm(text)
    return n.startswith(("(注)", "注)", "(出典", "出典", "※")) or len(n) > 24


def _clean_measure(text: str) -> str:
    from .sheet import norm

    n = norm(text)
    n = re.sub(r"\((?:単位[:：])?(?:千円|百万円|億円|円)\)", "", n)
    return n


def _grid_figures(sheet, table) -> list[Figure]:
    from .sheet import MEASURE_RE, norm, tidy

    section = table.section
    path = section.path
    subject = re.sub(r"\s*[(（]\s*単位\s*[:：][^()（）]*[)）]", "", tidy(table.title))
    title_unit = _unit_in(table.title)
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
                if (m := re.match(rf"^([{CIRCLED}])\s*(.+)$", row_series)):
                    series_names.setdefault(m.group(1), m.group(2))
                    row_series = m.group(2)
        row_markers = {v.marker for vals in parsed.values() if vals for v in vals if v.marker}
        row_unit = next((u for c in label_cells if (u := _unit_in(c))), None)
        for c, col in table.columns.items():
            if col.code:
                continue
            vals = parsed[c]
            if vals is None:
                if row.cells[c].strip():
                    continue  # text in a value column (a description), not a value
                vals = [CellValue(raw="", value=None, marker=next(iter(row_markers)) if len(row_markers) == 1 else None)]
            for v in vals:
                series = series_names.get(v.marker, v.marker) if v.marker else row_series
                measure = col.measure or row_measure or default_measure or "値"
                unit = "%" if v.percent else (col.unit or row_unit or table.unit or title_unit)
                out.append(Figure(
                    sheet=sheet.id, section=path, subject=subject, series=series, measure=measure,
                    fiscal_year=col.fiscal_year, year_label=col.year_label, value=v.value, unit=unit,
                    raw=row.cells[c].strip() if len(vals) == 1 else v.raw, line=row.line, table=table.title,
                ))
    # An empty cell in a table of percentages is an empty percentage.
    units = {f.unit for f in out if f.value is not None}
    if units == {"%"}:
        for f in out:
            f.unit = f.unit or "%"
    return out


def _unit_in(text: str) -> str | None:
    from .sheet import _unit_of

    return _unit_of(text)


_MEANS_NAME_RE = re.compile(rf"^(?P<no>[{CIRCLED}])?\s*(?P<name>.*?)\s*(?P<tail>(?:[(（][^()（）]*[)）]\s*)*)$")


def parse_means_name(text: str) -> tuple[str | None, str, int | None, str | None]:
    """「④親日派・ 知日派… 教育事業 (平成 30 年度)」 → ('④', '親日派・知日派…教育事業', 2018, '平成30年度')."""
    from .fiscal_year import parse_fiscal_year
    from .sheet import tidy

    t = tidy(text)
    m = _MEANS_NAME_RE.match(t)
    no, name, tail = m.group("no"), m.group("name"), m.group("tail") or ""
    start_label = start_year = None
    for part in re.findall(r"[(（]([^()（）]*)[)）]", tail):
        y = parse_fiscal_year(part)
        if y and start_year is None:
            start_year, start_label = y, tidy(part).replace(" ", "")
    if not name:  # the whole label was in brackets
        name = t
    return no, tidy(name), start_year, start_label


def _means_figures(sheet, table) -> list[Figure]:
    from .sheet import norm, tidy

    path = table.section.path
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
        no, name, start_year, start_label = parse_means_name(" ".join(name_parts))
        name_parts = []
        codes = [v.raw for c, col in table.columns.items() if col.code for v in (parse_cell(row.cells[c]) or []) if v.code]
        review = codes[0] if codes else None
        note = f"{no or ''}{name}" + (f"（開始年度 {start_label}）" if start_label else "")
        if related:
            note += "　関連する測定指標: " + "、".join(dict.fromkeys(related))
        related = []

        def fig(measure, col, v_raw, value, unit):
            return Figure(sheet=sheet.id, section=path, subject=name, series=None, measure=measure,
                          fiscal_year=col.fiscal_year, year_label=col.year_label, value=value, unit=unit,
                          raw=v_raw, line=row.line, table="達成手段", review_number=review, note=note)

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


def _policy_budget_figures(sheet, table) -> list[Figure]:
    """【政策ごとの予算額】: rows per organisation, 小計 and 合計; columns 「3年度 当初予算額」「4年度 概算要求額」.

    PDF extraction shifts cells in this table, so a row with fewer values than value columns is
    aligned by the 小計 row below it (the assignment under which the columns add up), not by position.
    """
    from itertools import combinations

    from .fiscal_year import parse_fiscal_year
    from .sheet import MEASURE_RE, _YEAR_IN_HEADER_RE, norm, tidy

    rows = table.rows
    cols: list[tuple[int, str, int | None, str]] = []
    start = 0
    for idx, r in enumerate(rows):
        for c, cell in enumerate(r.cells):
            n = norm(cell)
            if (y := _YEAR_IN_HEADER_RE.search(n)) and (m := MEASURE_RE.search(n)):
                cols.append((c, y.group(0), parse_fiscal_year(y.group(0), sheet.era, sheet.fiscal_year), m.group(1)))
        if cols:
            start = idx + 1
            break
    if not cols:
        sheet.warnings.append(f"{sheet.path}:{table.first_line}: 予算額 table without a year/予算額 header; skipped")
        return []
    path = table.section.path
    subject = tidy(table.title)
    accounts = {"一般": "一般会計", "特別": "特別会計", "一般会計": "一般会計", "特別会計": "特別会計"}
    category = None
    items: list[dict] = []
    for r in rows[start:]:
        text_cells = [c.strip() for c in r.cells if c.strip() and parse_cell(c) is None]
        for c in text_cells:
            if norm(c).startswith("政策評価の対象と"):
                category = tidy(c).replace(" ", "")
        nums = [(i, v) for i, c in enumerate(r.cells) if (pv := parse_cell(c)) for v in pv if v.value is not None]
        if not nums:
            continue
        ns = [norm(c) for c in text_cells]
        account = next((accounts[n] for n in ns if n in accounts), None)
        if "小計" in ns or "合計" in ns:
            kind = "小計" if "小計" in ns else "合計"
            series, note = f"{kind}({account or '一般会計'})", category if kind == "小計" else None
        else:
            kind = "item"
            rest = [tidy(c) for c in text_cells if norm(c) not in accounts and not norm(c).startswith("政策評価の対象と")]
            series = rest[0] if rest else None
            note = " / ".join(x for x in [account, *rest[1:]] if x) or None
        items.append({"row": r, "kind": kind, "series": series, "note": note, "nums": nums, "assign": None})

    # Align each row's values to the value columns.
    members: list[dict] = []
    for it in items:
        k = len(it["nums"])
        if k >= len(cols):
            it["assign"] = list(range(len(cols)))[: k]
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
                for combo in combinations(range(len(cols)), len(m["nums"])):
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
    out: list[Figure] = []
    for it in items:
        if it["assign"] is None:  # no 小計 to align against: first values go to the first columns
            it["assign"] = list(range(len(it["nums"])))
            sheet.warnings.append(f"{sheet.path}:{it['row'].line}: {it['series']}: fewer values than columns; aligned left")
        got = dict(zip(it["assign"], it["nums"]))
        for ci, (_col, label, fy, measure) in enumerate(cols):
            _, v = got.get(ci, (None, None))
            out.append(Figure(
                sheet=sheet.id, section=path, subject=subject, series=it["series"], measure=measure,
                fiscal_year=fy, year_label=label, value=v.value if v else None, unit=table.unit,
                raw=v.raw if v else "", line=it["row"].line, table=subject, note=it["note"],
            ))
    return out
