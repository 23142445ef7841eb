"""The cells of a general form's table: a value cell (「約1,200駅(R7年度)」「2,000以下」) read with the unit and
year it states itself, and cells and rows that are years and nothing else (「平成30年度」「R2」)."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .cells import parse_cell
from .fiscal_year import parse_fiscal_year
from .normalize import nfkc, norm, tidy
from .sheet import Sheet
from .tables import Row

# A value with a unit and a year of its own: 「約1,200駅(R7年度)」「48.5%（平成30年度）」「12（平成30年度）」.
_VALUE_RE = re.compile(
    r"^(?P<approx>約)?\s*(?P<num>[△▲\-−]?\d[\d,]*(?:\.\d+)?)\s*(?P<unit>[^\d\s()（）年]{1,4}|[^\d\s()（）年]{1,3}/[^\d\s()（）年]{1,5})?"
    r"\s*(?:[(（](?P<paren>[^()（）]{1,16})[)）])?$")


_OKU_MAN_RE = re.compile(r"^(?P<oku>\d[\d,]*)億(?P<man>\d[\d,]*)万")


@dataclass
class CellValue:
    """A number read from a cell, with the unit and the year the cell states itself."""

    raw: str
    value: int | float | None
    unit: str | None = None
    year: int | None = None
    year_label: str | None = None
    paired: int | float | None = None  # 「1,310,500（1,187,420）」: the value in brackets
    measure: str | None = None  # the kind of target a label in the cell names (中間目標 → 中期目標値)


# 「中間目標 36（令和7年度） 最終目標 50（令和10年度）」: targets labelled inside one cell
_TARGET_LABEL_RE = re.compile(r"(中間目標|中期目標|最終目標)\s*(?:値)?\s*[:：]?\s*")
_TARGET_LABELS = {"中間目標": "中期目標値", "中期目標": "中期目標値", "最終目標": "目標値"}
# 「（令和10年度）5,000（令和7年度）」: a year the PDF wrapped from the cell above, before a value with its own
_WRAPPED_YEAR_RE = re.compile(r"^[(（](?:令和|平成|R|H)\s*(?:\d{1,2}|元)年度?[)）]\s*(?=\S)")


def read_value(cell: str, sheet: Sheet) -> list[CellValue] | None:
    """The values of a value cell, with the unit and year it states itself; None for text."""
    cell = cell.strip()
    if not cell:
        return None
    if len(parts := _TARGET_LABEL_RE.split(cell)) >= 3 and not parts[0].strip():
        out = [replace(v, raw=f"{label} {text.strip()}", measure=_TARGET_LABELS[label])
               for label, text in zip(parts[1::2], parts[2::2], strict=True) for v in read_value(text, sheet) or []]
        return out or None
    if (m := _WRAPPED_YEAR_RE.match(nfkc(cell))) and (rest := read_value(nfkc(cell)[m.end():], sheet)) \
            and all(v.year for v in rest):
        return rest
    if (vals := parse_cell(cell)) is not None:
        if any(v.marker for v in vals) or len(vals) != 1:
            return None  # series markers belong to the 事前分析表's grids; no series is guessed here
        v = vals[0]
        paired = v.paren.value if v.paren is not None and v.paren.marker is None else None
        return [CellValue(cell, v.value, "%" if v.percent else None, paired=paired)]
    # 「2,000以下」「16.0以下」: a target stated as a bound; its number is the value (the raw keeps the bound).
    # (「概ね16（令和5年度）」: an approximate target is its number too)
    bare = re.sub(r"^(?:概ね|約|およそ)", "", nfkc(cell))
    # 「10億8,200万円」: 億 and 万 in one amount, read in 万 as the column's other cells are (108,200万円)
    bare = _OKU_MAN_RE.sub(lambda m: f"{int(m['oku'].replace(',', '')) * 10000 + int(m['man'].replace(',', '')):,}万",
                           bare)
    # (「400程度に抑える（令和12年）」: a ceiling said in words, its number the value)
    m = _VALUE_RE.match(re.sub(r"(?<=[^\s()])(?:以下|以上|以内|未満|超|程度(?:に(?:抑える|抑制する|とどめる))?)"
                               r"(?=$|\s*\()", "", bare))
    if not m:
        return None
    unit = m.group("unit")
    if unit and (re.search(r"[年月日度]", unit) or unit[0] in "-~〜~"):
        return None  # 「令和4年8月」 and ranges are text
    paren, year, label = m.group("paren"), None, None
    if paren:
        year = parse_fiscal_year(paren, sheet.era, sheet.fiscal_year)
        label = tidy(paren) if year else None
    num = parse_cell(m.group("num"))
    if not num:
        return None
    return [CellValue(cell, num[0].value, unit.strip() if unit else None, year, label)]


def year_row(row: Row, sheet: Sheet) -> dict[int, tuple[int, str]] | None:
    """A row of nothing but years (the 基準値 and 目標値 years under the values): column → (year, label)."""
    out: dict[int, tuple[int, str]] = {}
    for c in range(1, len(row.cells)):
        t = row.cells[c].strip()
        if not t:
            continue
        y = parse_fiscal_year(t, sheet.era, sheet.fiscal_year) if len(norm(t)) <= 12 else None
        if y is None or parse_cell(t):
            return None
        out[c] = (y, tidy(t))
    return out or None


# A cell that is a year and nothing else (「平成30年度」「R2」「2021年度実績」), not a label naming one (「…(R5)」).
_YEAR_CELL_RE = re.compile(r"(?:(?:令和|平成|昭和)(?:\d{1,2}|元)|[RH](?:\d{1,2}|元)|(?:19|20)\d{2})"
                           r"(?:事務)?年?度?末?(?:実績|目標)?")  # (「令和4年末」「令和4事務年度」)


def year_cell(cell: str, sheet: Sheet) -> int | None:
    """The fiscal year of a cell that is a year and nothing else, else None."""
    # (「2020年度（R2）」「令和元年度（2019年度）」: the year and its name in the other calendar in brackets)
    t = re.sub(r"\((?:(?:R|H|令和|平成)\s?(?:\d{1,2}|元)|(?:19|20)\d{2})(?:年度?)?\)$", "", norm(cell))
    return parse_fiscal_year(t, sheet.era, sheet.fiscal_year) if _YEAR_CELL_RE.fullmatch(t) else None


def year_row_with_label(cells: list[str], sheet: Sheet) -> dict[int, tuple[int, str]]:
    """Column → (year, label) of a row whose cells after its labels are two or more years, else {}."""
    years = {c: (y, tidy(t)) for c, t in enumerate(cells) if c > 0 and (y := year_cell(t, sheet))}
    return years if len(years) >= 2 else {}
