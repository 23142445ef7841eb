"""Columns of several indicators in one table: 「年度 | 指標3目標値 | 指標3実績値 | 指標3達成状況 | 指標4目標値 …」
under a caption that names each (「測定指標3　参加者数（人）／測定指標4　応答率（％）」). A column's label says
whose value it holds; the caption's part with that label names the indicator."""
from __future__ import annotations

import re

from .normalize import nfkc, tidy

_OWNER_RE = re.compile(r"^(?:測定|業績|成果)?指標\s*([0-9０-９]{1,2}|[A-ZＡ-Ｚ])\s*(?=\S)")
_PART_SPLIT_RE = re.compile(r"\s*[／/]\s*|\s+及び\s+")


def column_owner(text: str) -> tuple[str | None, str]:
    """(the indicator label a column header opens with, the header without it): 「指標3目標値」 → (3, 目標値)."""
    if m := _OWNER_RE.match(text.strip()):
        rest = text.strip()[m.end():]
        if rest:
            return nfkc(m.group(1)), rest
    return None, text


def owner_subject(owner: str, heading: str, fallback: str) -> str:
    """The indicator the label names in the heading above the table, else the table's subject with the label."""
    for part in _PART_SPLIT_RE.split(heading):
        if (m := _OWNER_RE.match(part.strip())) and nfkc(m.group(1)) == owner:
            return tidy(part.strip()[m.end():]) or f"{fallback}（指標{owner}）"
    return f"{fallback}（指標{owner}）"
