"""Headings: which section a line opens, in the standard form (施策Ⅰ-2, 測定指標1-4, 達成手段 …) or in
another ministry's document (the generic headings of `evalqa.forms`)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .fiscal_year import DEFAULT_ERA, parse_fiscal_year
from .forms import SECTION_WORDS, match_generic_heading
from .normalize import norm, tidy

ROMAN = "IVXⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"


@dataclass
class Heading:
    """What a heading line opens: the section's kind, level and title, and what its title says."""

    kind: str
    level: int
    title: str
    number: str | None = None
    name: str | None = None
    main: bool = False
    fiscal_year: int | None = None


_KIND_ALONE_RE = re.compile(r"【(?:実績|目標|基準|見込)値?】")


def match_heading(line: str, era: str = DEFAULT_ERA) -> Heading | None:
    """The heading a line of the standard form opens, if any."""
    raw = tidy(line)
    n = norm(line)
    if not n or len(n) > 160 or "。" in n:
        return None  # a sentence is never a heading: 「測定指標①は令和3年度に…下回った。」 is prose
    if _KIND_ALONE_RE.fullmatch(n):
        return None  # (a kind of value over its values: 「【実績値】」 then 「2023年 1,100」 is no part of the sheet)
    if m := re.fullmatch(r"【([^【】]+)】", n):  # (not 「【測定指標1】…【主要】」, a heading of an indicator)
        return Heading("budget" if "予算" in m.group(1) else "part", 0, raw)
    if m := re.fullmatch(rf"施策([{ROMAN}]+-\d+)(.*)", n):
        rest = tidy(re.sub(r"^施策\s*\S+\s*-\s*\d+", "", raw))
        return Heading("policy", 0, f"施策{m.group(1)} {rest}".strip(), number=m.group(1), name=rest)
    if m := re.fullmatch(r"個別分野(\d+)(.*)", n):
        name = tidy(re.sub(r"^個別分野\s*\d+", "", raw))
        return Heading("field", 0, f"個別分野{m.group(1)} {name}".strip(), number=m.group(1), name=name)
    if n == "施策の概要":
        return Heading("overview", 1, raw)
    if n.startswith("関連する内閣の重要政策"):
        return Heading("cabinet", 1, raw)
    if m := re.fullmatch(r"測定指標(\d+(?:-\d+)?)(.+?)(\*)?", n):
        name = tidy(re.sub(r"^測定指標\s*\d+(?:\s*-\s*\d+)?", "", raw))
        name = re.sub(r"\s*[*＊]$", "", name)
        return Heading("indicator", 1, f"測定指標{m.group(1)} {name}", number=m.group(1), name=name,
                       main=bool(m.group(3)))
    if m := re.fullmatch(r"参考指標(\d+(?:-\d+)?)?[:：]?(.*)", n):
        name = tidy(re.sub(r"^参考指標\s*(\d+(?:\s*-\s*\d+)?)?\s*[:：]?", "", raw))
        return Heading("reference", 1, tidy(raw), number=m.group(1), name=name or None)
    if n == "達成手段":
        return Heading("means", 1, raw)
    if n.startswith("中期目標") and len(n) <= 16:
        return Heading("midterm_target", 2, raw)
    if re.fullmatch(r"(?:(?:令和|平成|昭和)(?:\d+|元)|[RH]\d+|\d{4}|\d{1,2})年度目標", n):
        return Heading("year_target", 2, tidy(raw), fiscal_year=parse_fiscal_year(n, era))
    if n.startswith("施策の進捗状況"):
        return Heading("progress", 2, raw)
    if n.startswith("測定指標の選定理由"):
        return Heading("rationale", 2, raw)
    return None


def general_heading(line: str, era: str = DEFAULT_ERA) -> Heading | None:
    """A heading of a general document: the 事前分析表's sub-headings (中期目標, 施策の進捗状況 …, one level
    below the generic ones), then the generic headings of `evalqa.forms`. 「達成手段（単位：百万円）」 is the heading
    達成手段, its title keeping the unit for the table under it."""
    unit = re.search(r"\s*[(（]単位[:：][^()（）]*[)）]$", line.strip())
    h = heading_of(line.strip()[:unit.start()] if unit else line, era)
    if h is not None and unit:
        h.title += unit.group(0).strip()
    if h is None and (head := _before_remark(line.strip())) and (
            norm(head) in SECTION_WORDS or match_heading(head, era) is not None):
        # 「測定指標（各指標とも暦年の値。…）」「達成手段（開始年度）」: the heading, with a remark on it
        h = heading_of(head, era)
        if h is not None:
            h.title = tidy(line)
    return h


def _before_remark(line: str) -> str | None:
    """The text before a bracketed remark that closes the line (brackets within it allowed), else None."""
    if not line.endswith(("）", ")")):
        return None
    depth = 0
    for i in range(len(line) - 1, -1, -1):
        depth += {"）": 1, ")": 1, "（": -1, "(": -1}.get(line[i], 0)
        if depth == 0:
            return line[:i].strip() or None
    return None


def heading_of(line: str, era: str) -> Heading | None:
    """The standard form's heading of a line, else the generic one of `evalqa.forms`."""
    if _KIND_ALONE_RE.fullmatch(norm(line)):
        return None
    h = match_heading(line, era)
    if h is not None:
        if h.kind in ("midterm_target", "year_target", "progress", "rationale"):
            h.level = 3
        return h
    g = match_generic_heading(line)
    if g is None:
        return None
    # (「【測定指標1】…【主要】」: the form's mark of a main indicator)
    return Heading(g.kind, g.level, g.title, number=g.number, name=g.name,
                   main=g.kind == "indicator" and bool(re.search(r"【主要】|[*＊]$", g.title)))
