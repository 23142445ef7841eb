"""The 施策 block of a sheet: its label/value fields (施策名, 施策目標, 担当部局名 …) and the 施策の予算額・執行額等
tables it mixes with them."""
from __future__ import annotations

import re

from .cells import parse_cell
from .fiscal_year import parse_fiscal_year
from .normalize import norm, tidy
from .sheet import Section, Sheet
from .tables import MEASURE_RE, Row, Table, analyse_table

POLICY_FIELDS = {
    "施策名": "title",
    "政策名": "title",
    "担当部局名": "bureau",
    "政策評価実施予定時期": "evaluation_time",
    "政策体系上の位置付け": "position",
}
_POLICY_FIELD_KEYS = {norm(k) for k in POLICY_FIELDS}


def read_key_values(sheet: Sheet, rows: list[Row]) -> None:
    """The sheet's header fields (施策名, 担当部局名 …) and every label/value pair of its field rows."""
    for r in rows:
        cells = [c for c in r.cells if c.strip()]
        for a, b in zip(cells, cells[1:]):
            key = norm(re.sub(r"[(（]※[)）]", "", a))
            attr = POLICY_FIELDS.get(key)
            if attr and getattr(sheet, attr) is None:
                setattr(sheet, attr, tidy(b))
        # Every label/value pair of a field row (施策目標, 政策目標の達成度合い, 評価方式 …) is a field of the sheet.
        if len(cells) in (2, 4) and all(parse_cell(c) is None for c in cells):
            for a, b in zip(cells[::2], cells[1::2], strict=True):
                label = tidy(re.sub(r"[(（]※[)）]", "", a))
                if 2 <= len(norm(label)) <= 24 and not MEASURE_RE.search(norm(b)) and len(norm(b)) >= 2 \
                        and all(f["label"] != label for f in sheet.fields):
                    sheet.fields.append({"label": label, "value": tidy(b), "line": r.line, "page": r.page})


def split_policy_block(sheet: Sheet, section: Section, rows: list[Row]) -> None:
    """The 施策 block mixes fields (施策名, 施策目標 …) with the 施策の予算額・執行額等 tables."""
    read_key_values(sheet, rows)
    i = 0
    prev_title = None
    while i < len(rows):
        r = rows[i]
        cells = [c.strip() for c in r.cells]
        year_cells = [c for c in cells[1:] if parse_fiscal_year(c, sheet.era) and len(norm(c)) <= 12]
        if "区分" in [norm(c) for c in cells] and len(year_cells) >= 2:
            title = tidy(cells[0])
            if title.startswith("同") and prev_title:
                # 「同（分担金・拠出金）」 repeats the previous title with another qualifier.
                title = re.sub(r"[（(].*$", "", prev_title) + title[1:]
            prev_title = title
            j = i + 1
            while j < len(rows) and any(parse_cell(c) for c in rows[j].cells[1:]) \
                    and "区分" not in [norm(c) for c in rows[j].cells]:
                j += 1
            sub = Section(title, "measure_budget", 1, r.line, parent=section)
            sub.lines = [(x.line, "\t".join(x.cells)) for x in rows[i:j]]
            unit = None
            if any("百万円" in c for x in rows[i:j] for c in x.cells):
                unit = "百万円"
            elif any("千円" in c for x in rows[i:j] for c in x.cells):
                unit = "千円"
            table = Table("measure_budget", title, rows[i:j], unit=unit)
            analyse_table(table, sheet.era, sheet.fiscal_year)
            sub.tables.append(table)
            section.children.append(sub)
            i = j
            continue
        key = tidy(cells[0]) if cells else ""
        values = [tidy(c) for c in cells[1:] if c.strip()]
        if key and values and norm(key) not in _POLICY_FIELD_KEYS:
            # 施策目標, 目標設定の考え方・根拠: prose worth its own section.
            sub = Section(key, "policy_field", 1, r.line, parent=section)
            sub.lines = [(r.line, " ".join(values))]
            section.children.append(sub)
        i += 1
    # The block's rows now live in the subsections; keep only the field rows on the section itself.
    sub_lines = {ln for c in section.children for ln, _ in c.lines}
    section.lines = [(ln, t) for ln, t in section.lines if ln not in sub_lines]
