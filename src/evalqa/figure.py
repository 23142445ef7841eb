"""Figure: one structured value of one table, the contract record, and the one way to write a value.

A Figure is what a numeric answer is made of, so every field is exact: the value as a number (or
None when the sheet says —, -, / or nothing), the measure in the sheet's own words, the fiscal year
and the label the sheet wrote, the unit the table states, and the raw cell text.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from typing import Any

from .normalize import norm

# A figure without a unit counts what its subject names: 「日加二国間会談数」 → 3回.
COUNTERS = [(r"会談数|回数|開催数", "回"), (r"人数|者数", "人"), (r"件数", "件"), (r"国数", "か国")]


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
    page: int | None = None  # PDF page (1-based), when read from a PDF
    cell: str | None = None  # worksheet and cell (「事前分析表!F12」), when read from Excel
    table: str | None = None
    review_number: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Figure:
        names = _FIELDS.get(cls)
        if names is None:
            names = _FIELDS[cls] = frozenset(f.name for f in fields(cls))
        return cls(**{k: v for k, v in d.items() if k in names})


_FIELDS: dict[type, frozenset[str]] = {}  # field names per class: a search reads hundreds of figures


BARE_NAME_RE = re.compile(r"^(?:測定指標|業績指標|指標)\s*[①-⑳\d]+\s*|【[^【】]*】|※\S*|★"
                          r"|(?:\s*[（(][^（()）]*[）)])+\s*(?=$|【|※|★)")


def bare_name(name: str) -> str:
    """「指標4 マリンレジャーに伴う…数」「マリンレジャーに伴う…数(人)」 → what both name."""
    return BARE_NAME_RE.sub("", norm(name)).strip()


_UNIT_TAIL_RE = re.compile(r"(?:\s*[(（][^()（）]*[)）])+$")  # 「…の件数（件）」's unit


def name_parts_by_whole(figures: list[Figure]) -> None:
    """A row 「うちパワー・ハラスメントに関する相談（件）」 under 「苦情相談の件数（件）」 counts a part of the row
    above it: named 「苦情相談の件数のうちパワー・ハラスメントに関する相談（件）」, so that a question naming the
    whole finds the whole, and one naming the part the part. `figures` in line order."""
    whole: dict[tuple, str] = {}  # (table, section) → the last row's name that is no part
    for f in figures:
        where = (f.table, tuple(f.section))
        if f.series is not None:
            continue
        name = norm(f.subject)
        if not name.startswith("うち"):
            whole[where] = f.subject
        elif len(name) > 2 and (base := whole.get(where)):
            f.subject = f"{_UNIT_TAIL_RE.sub('', base)}のうち{name[2:]}"


def format_value(figure: Figure) -> str:
    """The value as an answer writes it: 「598,665千円」「△14百万円」「70%」「3回」, or 「記載なし」.

    Negative amounts are written as the sheets write them (△14); a figure without a unit takes the
    counter word its subject implies (会談数 → 回, 人数 → 人, 件数 → 件, 国数 → か国).
    """
    v = figure.value
    if v is None:
        return "記載なし"
    num = ("△" if v < 0 else "") + (f"{abs(v):,}" if isinstance(v, int) else f"{abs(v):,.10g}")
    unit = figure.unit
    if unit is None:
        unit = next((u for pat, u in COUNTERS if re.search(pat, figure.subject)), "")
    # (「63.9（速報値）」: the state the sheet gives a value in its cell goes with it)
    state = m.group(1) if (m := _STATE_RE.search(figure.raw or "")) and figure.measure != "本文記載" else ""
    return f"{num}{unit}" + (f"（{state}）" if state else "")


_STATE_RE = re.compile(r"[(（]\s*(速報値?|見込み?値?|暫定値?|概数|推計値?)\s*[)）]")


# --- output ---------------------------------------------------------------------------------------

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
        lines.append(f"{f.sheet}:{f.line or '?'}\t{f.subject}{series}\t{f.measure}\t{year}\t{format_value(f)}"
                     f"\t({f.raw})")
    return "\n".join(lines) + ("\n" if lines else "")
