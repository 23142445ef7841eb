"""達成手段 named by their list number: 「達成手段①と②の執行額の合計」「measures ① and ⑤」「…事業（②）」.

A means table numbers its rows (①…⑳) and the reading keeps the name without the number; the sheet's text keeps
both (「①高等教育の修学支援新制度…」). A number the question gives is read as the name of the means of the
sheet asked about that the text writes right after it, so that the answering reads names as everywhere else.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .subjects import SubjectCatalogue
from .sums import ADDING_RE as _ADDING_RE

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# 「達成手段①」「①の事業」「measure ①」「measures ① (…) and ②」: the word before it is read away with it
_NUMBERED_RE = re.compile(rf"(?:達成手段|事業|施策|measures?\s*|programs?\s*|programmes?\s*)?([{CIRCLED}])")
_RANGE_RE = re.compile(rf"([{CIRCLED}])\s*(?:〜|～|~|から|-|－)\s*([{CIRCLED}])(?:まで)?")
_NAME_YEAR_RE = re.compile(r"[（(](?:昭和|平成|令和|19|20)[^()（）]{0,8}年度[）)]$")


def means_asked_alone(question: str, names: Sequence[str]) -> list[tuple[str, str]]:
    """(name, question about it alone) for each means a question lists by number to add (「達成手段①〜⑤の…を
    合計すると」 → 「「A」の…は？」 …): the list's span read as one name, the word of adding as 「は」."""
    q = expand_ranges(question)
    spans = [m.span() for m in _NUMBERED_RE.finditer(q)]
    if len(names) < 2 or not spans:
        return []
    head, tail = q[:spans[0][0]], _ADDING_RE.sub("は", q[spans[-1][1]:], count=1)
    return [(n, f"{head}「{n}」{tail}") for n in names]


def numbered_means(question: str, sheets: Sequence[str], cat: SubjectCatalogue,
                   written: Callable[[str, str], bool]) -> tuple[str, list[str]]:
    """The question with each list number (「①」) of a means of the sheets read as that means' name, and the names
    in order; as it is (and no names) when no number is given, no sheet is known, or a number is not one sheet's
    means. `written(sheet, text)`: does the sheet's text write it?"""
    question = expand_ranges(question)
    numbers = dict.fromkeys(m.group(1) for m in _NUMBERED_RE.finditer(question))
    if not numbers or not sheets:
        return question, []
    means = {cat.subjects[i].name for sid in sheets for i in cat.subjects_of(sid)
             if cat.subjects[i].table == "達成手段"}
    names: dict[str, str] = {}
    for n in numbers:
        # (the name as the row writes it after its number; its start year in brackets is the row's too)
        found = {name for name in means if written_after(n, name, sheets, written)} or {
            name for name in means if written_after(n, name, sheets, written, 12)}  # (a name the text wraps)
        if len(found) != 1:
            return question, []
        names[n] = _NAME_YEAR_RE.sub("", found.pop())

    def named(m: re.Match) -> str:
        name = names[m.group(1)]
        before = question[max(0, m.start() - len(name) - 2):m.start()]
        return "" if name in before else f"「{name}」"  # (「がん検診の総合支援事業（②）」 names it already)

    return _NUMBERED_RE.sub(named, question), list(names.values())


def listed_numbers(question: str) -> list[str]:
    """The list numbers a question gives (「達成手段①と②」「①〜③」), ranges expanded, in order."""
    return list(dict.fromkeys(m.group(1) for m in _NUMBERED_RE.finditer(expand_ranges(question))))


def expand_ranges(question: str) -> str:
    """「①〜④」 as 「①、②、③と④」: every list number of a range, listed as a list is written (a range that runs
    backwards is left as it is)."""
    def listed(m: re.Match) -> str:
        first, last = CIRCLED.index(m.group(1)), CIRCLED.index(m.group(2))
        numbers = CIRCLED[first:last + 1]
        return "、".join(numbers[:-1]) + "と" + numbers[-1] if first < last else m.group(0)

    return _RANGE_RE.sub(listed, question)


def written_after(number: str, name: str, sheets: Sequence[str], written: Callable[[str, str], bool],
                  chars: int | None = None) -> bool:
    """Does one of the sheets write the name (its first `chars`) right after the list number?"""
    bare = _NAME_YEAR_RE.sub("", name)
    return any(written(sid, f"{number}{bare[:chars]}") for sid in sheets)
