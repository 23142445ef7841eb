"""Table cells: the numbers, no-value marks and series markers a cell of a sheet holds."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import nfkc

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# Cells that mean "no value" in these sheets; never read as 0.
NO_VALUE = {"", "—", "-", "/", "－", "―", "‐", "─", "／", "−", "ー", "–", "…", "×",
            # (a value not out yet is a cell without one too: its raw says why)
            "集計中", "調査中", "精査中", "算出中", "未集計", "未公表", "公表前"}

_DIGITS = str.maketrans("０１２３４５６７８９，．％（）＋", "0123456789,.%()+")
_NUMBER = r"[△▲\-−]?\d[\d,]*(?:\.\d+)?"
_NO_VALUE_MARK = r"[—\-/－―‐─／−ー–]"
_TOKEN_RE = re.compile(
    rf"(?P<marker>[{CIRCLED}])?\s*(?P<num>{_NUMBER})\s*(?P<pct>%)?"
    rf"(?:\s*\(\s*(?P<paren>{_NUMBER}|{_NO_VALUE_MARK})\s*(?P<ppct>%)?\s*\))?"
)
_NO_VALUE_TOKEN_RE = re.compile(
    rf"(?P<marker>[{CIRCLED}])?\s*(?P<nv>{_NO_VALUE_MARK})(?:\s*\(\s*(?P<pnv>{_NO_VALUE_MARK})\s*\))?"
)
# 「(単位：人)」, or a unit alone in brackets: 「（千円）」「（％）」「（ha）」「（百万t-CO2）」「（経営体）」.
_UNIT_IN_TEXT_RE = re.compile(
    r"[(（]\s*(?:[^()（）\s]{0,8}?単位\s*[:：]\s*([^()（）\s]+?)|(千円|百万円|億円|兆円|円|%|(?:百万|万|千)?人(?:泊)?|泊|戸|世帯|名|(?:百万|万|千)?件|(?:万|千)?枚|(?:万|千)?冊|品目|回|か所|箇所|(?:万|千)?ha|(?:万|千)?m3|経営体|団体|駅|台|隻"
    r"|(?:百万|万|千)?トン|(?:百万|千)?t-?CO2|km|(?:万|千)?kg|(?:億|万|千)?kWh|(?:百万|万|千)?kW|(?:百万|万|千)?kl|か国(?:・地域)?|ポイント|地区|基|回目|分|隊|(?:万|千)?頭|日|[かヶカケ]月|月|時間|年|(?:万|千)?口座"
    # 「（万円／トン）」「（件／億台キロ）」「（g／人日）」: a rate's unit, as written
    r"|[^()（）\s/／]{1,6}[/／][^()（）\s/／]{1,6}))\s*[)）]")
# 「単位：億円」 alone in a cell above a table
_UNIT_CELL_RE = re.compile(r"単位\s*[:：]\s*([^\s()（）、。]{1,6})()")
# (Not 社, 市町村, 機関, 施設, 校 or 法人: 「（社）日本観光協会」「交付金（市町村）」 name who, not a unit.)


@dataclass
class CellValue:
    """A value read from (part of) a cell: 「①86%」, 「65 (56)」, 「△14」, 「—」."""

    raw: str
    value: int | float | None
    marker: str | None = None
    percent: bool = False
    paren: CellValue | None = None
    code: bool = False  # a zero-padded label such as 事業番号 「0017」


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
    # 「19,732※」「0.8*1」: a footnote's mark after a value (the note under the table says what it qualifies)
    t = re.sub(rf"^([{CIRCLED}]?\s*{_NUMBER}\s*%?)\s*[※*＊]\d?$", r"\1", t)
    if t.replace(" ", "") in NO_VALUE:
        return [CellValue(raw=raw, value=None)]
    out: list[CellValue] = []
    pos = 0
    while pos < len(t):
        if t[pos].isspace():
            pos += 1
            continue
        m = _TOKEN_RE.match(t, pos)
        # A value ends at a space, a bracket or the next series marker: 「1-1」 or 「3回」 are text.
        if m and (m.end() == len(t) or t[m.end()].isspace() or t[m.end()] in CIRCLED + "(（"):
            num = m.group("num")
            paren = None
            if m.group("paren"):
                paren = CellValue(raw=m.group("paren"), value=parse_number(m.group("paren")),
                                  percent=bool(m.group("ppct")))
            out.append(CellValue(raw=m.group(0).strip(), value=parse_number(num), marker=m.group("marker"),
                                 percent=bool(m.group("pct")), paren=paren,
                                 code=bool(re.fullmatch(r"0\d{3,}", num))))
            pos = m.end()
            continue
        m = _NO_VALUE_TOKEN_RE.match(t, pos)
        if m and (m.group("marker") or pos + len(m.group(0)) == len(t) or t[m.end()].isspace()):
            paren = CellValue(raw=m.group("pnv"), value=None) if m.group("pnv") else None
            out.append(CellValue(raw=m.group(0).strip(), value=None, marker=m.group("marker"), paren=paren))
            pos = m.end()
            continue
        return None
    return out or None


def unit_of(text: str) -> str | None:
    """The unit a label states: 「(単位：人)」 → 人, 「（千円）」 → 千円, else None."""
    m = _UNIT_IN_TEXT_RE.search(nfkc(text)) or _UNIT_CELL_RE.fullmatch(nfkc(text).strip())
    unit = (m.group(1) or m.group(2)) if m else None
    return None if unit is not None and re.fullmatch(r"[\d/]+", unit) else unit  # 「（1/2）」 is a page


# 「注意報」 is a name, 「注1」 a note; 「*1 速報値」 a footnote, 「＊訪日外国人旅行者数」 a main indicator
_NOTE_RE = re.compile(r"^\(?(?:注(?:[\d):.、\s]|$)|出典)|^※|^\*(?:[\d\s]|$)")


def is_note(text: str) -> bool:
    """A note cell under a table, told by its opening: 「(注)…」, 「注1 …」, 「出典：…」, 「※…」, 「*1 …」."""
    return _NOTE_RE.match(nfkc(text).strip()) is not None
