"""The kinds of value a header or row label names (目標値, 実績値, 当初予算(a) …), in the contract's words."""
from __future__ import annotations

import re

from .normalize import norm

# Longest first: 「年度ごとの目標値」 before 「目標値」, 「中期目標値」 before 「目標値」.
_MEASURES = [
    ("年度ごとの目標値", "年度目標値"), ("年度ごとの実績値", "実績値"), ("年ごとの目標値", "年度目標値"),
    ("年ごとの実績値", "実績値"), ("年度の目標値", "年度目標値"), ("年の目標値", "年度目標値"),
    ("中期目標値", "中期目標値"),
    ("年度目標値", "年度目標値"), ("目標値", "目標値"), ("実績値", "実績値"), ("基準値", "基準値"),
    ("初期値", "初期値"),
    ("達成率", "達成率"), ("執行率", "執行率"), ("当初予算額", "当初予算額"), ("当初予算(a)", "当初予算(a)"),
    ("当初予算", "当初予算(a)"),
    ("補正予算(b)", "補正予算(b)"), ("繰越し等(c)", "繰越し等(c)"), ("繰越等(c)", "繰越等(c)"),
    ("合計(a+b+c)", "合計(a+b+c)"), ("計(a+b+c)", "合計(a+b+c)"), ("概算要求額", "概算要求額"),
    ("要求額", "概算要求額"), ("概算要求", "概算要求額"), ("予算額計", "予算額計"),
    # (a form that lists the carry-overs apart and the budget they make, 「予算現額（a＋b＋c－d）」, and what is left,
    # 「不用額（予算現額－執行額）」: before 執行額, which their formulas write)
    ("不用額", "不用額"), ("予算現額", "予算現額"), ("前年度からの繰越額", "前年度繰越額"),
    ("前年度繰越額", "前年度繰越額"), ("翌年度への繰越額", "翌年度繰越額"), ("翌年度繰越額", "翌年度繰越額"),
    ("執行額", "執行額"),
    ("決算額", "決算額"), ("補正予算額", "補正予算額"), ("補正予算", "補正予算"), ("繰越し等", "繰越し等"),
    ("繰越等", "繰越等"), ("合計", "合計"), ("予算額", "予算額"),
]
_ROW_ONLY = {"目標": "目標値", "実績": "実績値", "年度目標": "年度目標値"}  # bare row labels of some forms
UNIT_PARENS = re.compile(r"[(（](?:単位[:：])?\s*(?:千円|百万円|億円|円|%|％|人|件|回)\s*[)）]")


def measure_of(text: str, *, whole: bool = False) -> str | None:
    """The measure a header or row label names, in the contract's words (年度ごとの目標値 → 年度目標値)."""
    n = UNIT_PARENS.sub("", norm(text))
    n = m.group(1) if (m := re.fullmatch(r"\((.*)\)", n)) else n  # 「（達成率）」
    if whole:
        # 「執行額(d)」「執行率(d/(a+b+c))」: a formula's letters after the measure
        bare = re.sub(r"\([a-e](?:/(?:\([a-e+]+\)|[a-e]))?\)$|\([a-e](?:[+\-][a-e])+\)$", "", n)
        found = _ROW_ONLY.get(n) or next((m for w, m in _MEASURES if w in (n, bare)), None)
        # 「達成度（達成率％）」: a row of rates, named by its grade word with the measure in brackets
        if found is None and (m := re.fullmatch(r"([^()]+)\(([^()%]+)%?\)", n)) and m.group(1) in GRADE_HEADS:
            found = measure_of(m.group(2), whole=True)
        return found
    found = next((m for w, m in _MEASURES if w in n), None)
    if found is None and re.fullmatch(r"(?:[^()]*年度)?当初", n):
        return "当初予算額"  # 「令和6年度当初」: a column of the year's initial budget (not 「当初目標」)
    # 「実績値・目標値」「年度ごとの目標値・実績値」 heads a group of both: it names no one measure
    if found is not None and "目標" in n and re.search(r"実績値?(?:[・･/／と]|及び)|(?:[・･/／と]|及び)実績", n):
        return None
    return found

# The sheets' own grades: the header of a grade column and the marks written under it, read alike by the form
# and transposed readers and by the verdicts (`direction`, `grades`).
GRADE_HEADS = ("達成状況", "達成度", "判定", "評価", "評定")  # 「達成」 alone too, but only as a whole header
_MARK_WORD = {"○": "達成", "◎": "達成", "×": "未達成", "△": "一部達成"}
_SAME_MARK = {"◯": "○", "✕": "×", "Ｘ": "×", "X": "×"}
GRADE_WORDS = ("達成", "未達成", "一部達成", "概ね達成")
GRADE_MARKS = (*_MARK_WORD, *_SAME_MARK, *GRADE_WORDS, "A", "B", "C", "D", "E")


def is_grade_head(text: str) -> bool:
    """Is a header cell a grade column's (判定, 達成状況, a bare 達成)?"""
    n = norm(text)
    return n == "達成" or n in GRADE_HEADS


def grade_mark(text: str) -> str:
    """A mark in one spelling: ◯ → ○, ✕ → ×."""
    t = text.strip()
    return _SAME_MARK.get(t, t)


def grade_word(mark: str) -> str | None:
    """A mark in words (○ → 達成, × → 未達成; 達成 as is); None for a letter grade (A–E), which says no verdict."""
    m = grade_mark(mark)
    return _MARK_WORD.get(m) or (m if m in GRADE_WORDS else None)
