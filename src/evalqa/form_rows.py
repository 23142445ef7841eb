"""The rows of a general form's table, one at a time: a row that heads a table inside another, a value labelled
by the cell before it, a 「単位 | 隻」 field, the subject a row names, and a 参考指標 row named by its caption."""
from __future__ import annotations

import re

from .cells import CIRCLED
from .fiscal_year import parse_fiscal_year
from .form_cells import year_cell
from .measures import measure_of
from .normalize import norm, tidy
from .sheet import Section, Sheet
from .tables import YEAR_IN_HEADER_RE

# 「令和5年」「2023年」: a calendar year heading a column (not a date, 「2023年3月末」)
# (nor a base year, 「（2013年比）」, a decade, 「1990年代」, a price base or a span, 「2023年1～3月」)
CALENDAR_YEAR_RE = re.compile(r"(?:令和|平成)(?:\d{1,2}|元)年(?!度)"
                              r"|(?<!\d)(?:19|20)\d{2}年(?!度|比|代|価格|\d|\s*[～~〜\-－]|\s*\d{1,2}\s*月)")
_UNIT_WORD_RE = re.compile(r"[^\d\s]{1,6}")


def inner_header(cells: list[str], sheet: Sheet) -> bool:
    """Is a row without values a table's header: after its first cell, two or more years or measure words and
    at least one of them a measure (「業績指標 | 基準値 | 基準年 | 令和元年 | … | 目標値 | 目標年」)?"""
    rest = [norm(c) for c in cells[1:] if c.strip()]
    years = [t for t in rest if year_cell(t, sheet) or CALENDAR_YEAR_RE.fullmatch(t)]
    measures = [t for t in rest if t not in years and (measure_of(t, whole=True) or (
        len(t) <= 16 and measure_of(t) is not None and not t.endswith("。")))]
    return len(years) + len(measures) >= 2 and len(measures) >= 1


def labelled_value(cells: list[str], c: int, sheet: Sheet) -> tuple[str, tuple[int, str] | None] | None:
    """The measure of a value whose own label stands right before it in the row, and the year written right
    after it (「基準値 | 16.9 | 平成27年出所者」), else None."""
    label = measure_of(cells[c - 1], whole=True) if c >= 1 and cells[c - 1].strip() else None
    if label is None:
        return None
    after = cells[c + 1].strip() if c + 1 < len(cells) else ""
    m = YEAR_IN_HEADER_RE.search(norm(after)) or CALENDAR_YEAR_RE.search(norm(after))
    year = parse_fiscal_year(m.group(0), sheet.era, sheet.fiscal_year) if m else None
    return label, ((year, tidy(m.group(0))) if year and m else None)


def unit_field(cells: list[str]) -> str | None:
    """「単位 | 隻」: the unit a field row gives, else None."""
    if len(cells) > 1 and norm(cells[0]) == "単位" and _UNIT_WORD_RE.fullmatch(norm(cells[1])):
        return tidy(cells[1]).replace("％", "%")
    return None


def subject_of(cell: str) -> str:
    """「①段差解消された旅客施設の割合＊」 → 「段差解消された旅客施設の割合*」."""
    t = tidy(re.sub(r"^\s*[0-9０-９]{1,2}[\s\u3000]+(?=\D)", "", cell))  # 「１　資源生産性」
    t = re.sub(rf"^(?:[{CIRCLED}]|\d{{1,2}}(?:-\d{{1,2}})?[\s.．、]|[(（]\d{{1,2}}[)）])\s*", "", t)
    t = re.sub(r"\s*[*＊]$", "*", t)  # (the star marks a main indicator: it stays, as one 「*」)
    return re.sub(r"\s*[(（]アウト(?:カム|プット)[)）]$", "", t).strip()


def of_caption(name: str, title: str, section: Section) -> str:
    """A 参考指標's row that names a quantity its caption names of something (「処分件数（件）」 under 「金地金の密輸入
    事犯の処分件数及び脱税額」): that something's quantity, 「金地金の密輸入事犯の処分件数（件）」."""
    bare = re.sub(r"[(（][^()（）]*[)）]$", "", norm(name))
    if section.kind != "reference" and "参考" not in title or len(bare) < 2 or (at := norm(title).find(bare)) <= 0:
        return name
    head = norm(title)[:at]
    if re.search(r"(?:及び|並びに|[・、と])$", head):  # (「…の処分件数及び脱税額」: 脱税額 is of what 処分件数 is of)
        head = re.sub(r"(?:及び|並びに|[・、と])$", "", head)
        head = head[:head.rfind("の") + 1]
    elif not head.endswith("の") and not re.match(r"[(（]|$", norm(title)[at + len(bare):]):
        # (「全国の消費生活相談件数の推移」: 相談件数 is a word of another noun; but 「国産ジビエ認証を取得した処理加工
        # 施設数（施設）」 is the row's quantity 施設数 written whole, its unit after it)
        return name
    return f"{head}{name}" if head and not norm(name).startswith(head) else name
