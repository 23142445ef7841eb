"""Files that hold several 施策: a ministry may publish the 事前分析表 of two 施策 in one PDF, one after the other,
each with its own 施策名, budget, indicators and 達成手段. Each is a sheet of its own, so its figures, fields and
title stay its own: the first keeps the file's id, the others are `<id>#2`, `<id>#3` ….
"""
from __future__ import annotations

import re

from .normalize import norm
from .readers import Document, Line

PART_MARK = "#"
_PART_ID_RE = re.compile(rf"(.+){PART_MARK}(\d+)")
# 「施策名　ムーンショット型研究開発制度の推進　担当部局名 …」: the field that opens a 施策's block
_POLICY_NAME_RE = re.compile(r"施策名[\s:：]*(\S.{2,}?)(?:\s+担当部局|\s*$)")
# The lines that head a 施策's block above its 施策名: the document's title and number (「〔施策2／2〕」)
_BLOCK_HEAD_RE = re.compile(r"分析表|評価書|評価票|調書|〔施策|[(（][^()（）]{0,12}[RHＲＨ]\d")
_HEAD_LINES = 4


def part_id(sheet_id: str, k: int) -> str:
    """The id of the k-th 施策 (from 0) of a file: the file's id, then 「id#2」 …."""
    return sheet_id if k == 0 else f"{sheet_id}{PART_MARK}{k + 1}"


def file_id(sheet_id: str) -> str:
    """The id of the file a sheet was read from (「csti-r6-21#2」 → 「csti-r6-21」)."""
    m = _PART_ID_RE.fullmatch(sheet_id)
    return m.group(1) if m else sheet_id


def policy_parts(document: Document) -> list[Document]:
    """The document cut before each 施策名 field that names another 施策 than the one before (with the title
    lines that head its block); one part when the document holds one 施策."""
    starts: list[int] = []
    names: list[str] = []
    for i, ln in enumerate(document.lines):
        m = _POLICY_NAME_RE.match(norm(" ".join(c for c in ln.cells if c.strip())))
        if m and (not names or m.group(1) != names[-1]):
            starts.append(i)
            names.append(m.group(1))
    if len(starts) < 2:
        return [document]
    cuts = [0] + [_head_of(document.lines, s) for s in starts[1:]] + [len(document.lines)]
    parts = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        lines = document.lines[a:b]
        parts.append(Document(document.path, "\n".join(ln.text for ln in lines), lines))
    return parts


def _head_of(lines: list[Line], start: int) -> int:
    """Where the block of the 施策名 at `start` begins: the title lines just above it, if any."""
    i = start
    while i > 0 and start - i < _HEAD_LINES and (_BLOCK_HEAD_RE.search(lines[i - 1].text) or
                                                  not lines[i - 1].text.strip()):
        i -= 1
    return i
