"""The sheet model: a policy-evaluation sheet (政策評価 事前分析表) as a tree of sections.

The standard form's headings (【政策ごとの予算額】, 施策, 個別分野 → 測定指標 → 中期目標 / 年度目標 /
施策の進捗状況・実績 …, 参考指標, 達成手段) become sections; each holds its own lines, its tables and its
subsections. `evalqa.parser` builds a Sheet; `evalqa.figures` fills `Sheet.figures`.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .figure import Figure
from .fiscal_year import DEFAULT_ERA
from .normalize import norm, tidy
from .tables import Table

GENERAL = "general"  # Sheet.form of an evaluation document that is not a 事前分析表


@dataclass
class Section:
    """A heading of the standard form with its own text, its tables and its subsections."""

    title: str
    kind: str
    level: int
    line: int
    parent: Section | None = None
    children: list[Section] = field(default_factory=list)
    lines: list[tuple[int, str]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    number: str | None = None  # 「1-4」 for 測定指標1-4, 「2」 for 個別分野2
    name: str | None = None  # the title without its number: the indicator name
    main: bool = False  # 測定指標 marked * (主要な測定指標)
    fiscal_year: int | None = None  # for 「令和2年度目標」

    @property
    def path(self) -> list[str]:
        out: list[str] = []
        s: Section | None = self
        while s is not None and s.kind != "root":
            out.append(s.title)
            s = s.parent
        return out[::-1]

    def blocks(self) -> list[tuple[int, int, str, bool]]:
        """Own content as (first_line, last_line, text, is_table): paragraphs (a sentence that a page
        break cut is joined again) and tables (consecutive tab rows, one block, rows as 「a | b」)."""
        out: list[list[Any]] = []
        for ln, line in self.lines:
            if "\t" in line:
                row = " | ".join(tidy(c) for c in line.split("\t") if c.strip())
                if not row:
                    continue
                if out and out[-1][3]:
                    out[-1][1], out[-1][2] = ln, out[-1][2] + "\n" + row
                else:
                    out.append([ln, ln, row, True])
                continue
            t = tidy(line)
            if not t:
                continue
            prev = out[-1] if out else None
            if prev and not prev[3] and len(prev[2]) >= 30 and not re.search(r"[。．.)）」:：]$", prev[2]) \
                    and not re.match(r"^[-・●○◆(（\d①-⑳]", t):
                prev[1], prev[2] = ln, prev[2] + t
            else:
                out.append([ln, ln, t, False])
        return [(b[0], b[1], b[2], b[3]) for b in out]

    @property
    def text(self) -> str:
        """Own text for reading: paragraphs and table rows, one per line."""
        return "\n".join(b[2] for b in self.blocks())

    def walk(self) -> Iterator[Section]:
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass
class Sheet:
    """A parsed sheet. `figures` lists every value of every table, in line order."""

    id: str
    path: str
    text: str
    root: Section
    title: str | None = None  # 施策名
    policy_number: str | None = None  # 「I-2」
    ministry: str | None = None
    fiscal_year: int | None = None  # the sheet's own 年度 (令和3年度事前分析表 → 2021)
    era: str = DEFAULT_ERA
    bureau: str | None = None  # 担当部局名
    evaluation_time: str | None = None  # 政策評価実施予定時期
    code: str | None = None  # the document's number as printed (「内閣府Ｒ６－２７」「国土交通省R6－㉘」)
    position: str | None = None  # 政策体系上の位置付け
    document: str | None = None  # 「令和3年度事前分析表」
    form: str = "事前分析表"  # or GENERAL: a document read by its own headings (see evalqa.forms)
    warnings: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    pages: dict[int, int] = field(default_factory=dict)  # line → PDF page, when read from a PDF
    fields: list[dict[str, Any]] = field(default_factory=list)  # label/value rows: 施策目標, 評価方式 …
    facts: list[Figure] = field(default_factory=list)  # counts and amounts stated in prose (本文記載)

    @property
    def sections(self) -> list[Section]:
        return [s for s in self.root.walk() if s.kind != "root"]

    @property
    def tables(self) -> list[Table]:
        return [t for s in self.sections for t in s.tables]

    def section(self, title_prefix: str) -> Section:
        """The first section whose title starts with the prefix (whitespace and width ignored)."""
        want = norm(title_prefix)
        for s in self.sections:
            if norm(s.title).startswith(want):
                return s
        raise KeyError(title_prefix)

    @property
    def outline(self) -> dict[str, list[dict[str, Any]]]:
        """The form's structure, for counting and listing: 個別分野, and every 測定指標 / 参考指標 with the
        個別分野 it belongs to, whether or not it has figures (定性的指標 have none)."""
        fields = [{"number": s.number, "name": s.name, "title": s.title} for s in self.sections if s.kind == "field"]
        indicators = []
        for s in self.sections:
            if s.kind not in ("indicator", "reference"):
                continue
            up, field_number = s.parent, None
            while up is not None and field_number is None:
                field_number = up.number if up.kind == "field" else None
                up = up.parent
            indicators.append({"number": s.number, "name": s.name or s.title, "kind": s.kind, "main": s.main,
                               "field": field_number, "section": s.path})
        return {"fields": fields, "indicators": indicators}

    @property
    def metadata(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "policy_number": self.policy_number,
            "ministry": self.ministry,
            "fiscal_year": self.fiscal_year,
            "document": self.document,
            "bureau": self.bureau,
            "evaluation_time": self.evaluation_time,
            "code": self.code,
            "position": self.position,
            "form": self.form,
        }
