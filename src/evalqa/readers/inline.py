"""Tables a web page writes one record to a line, their values inline with their labels:

- under an indicator's caption, a year to a line: 「令和4年度：実績 77.1（目標 85以上）未達成」;
- the years of one series on one line: 「平成30年度 63.1、令和元年度 63.7、令和2年度 64.9」;
- a year to a line with its parts: 「令和4年度 299,048（小学校 105,112、中学校 193,936）」;
- a year on a line, its values under it: 「令和3年度」 then 「当初予算 7,250,340／補正予算 1,120,000／…」;
- a record to a line: 「(1)スクールカウンセラー活用事業（平成7年度）　予算額 5,102,300　執行額 4,951,806　…」;
- a year and its one value to a line under a caption: 「■…の人口（人）」 then 「2019年　372,904」;
- an indicator's fields on one line: 「基準値：2,860人（2015年）／目標値：0人（2026年）／値が小さいほど良好」, each
  field put on a row of its own (「基準値 | 2,860人（2015年）」), as the standard form's cells give them.

Each is put back as the table it stands for, its header given on the first record's line (as `stacked.headed`
does) and each record on its own line, so that a value cites the line that writes it.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from ..fiscal_year import parse_fiscal_year
from .base import YEAR_CELL as _YEAR
from .base import Line

_VALUE = (r"[△▲\-−]?\d(?:[\d,]*\d)?(?:\.\d+)?\s*(?:%|％)?(?:以上|以下|以内|未満|超)?"
          r"(?:[（(](?:速報値?|見込み?|暫定値?|概数)[)）])?|[－―—\-]|集計中|調査中")
_VERDICT = r"達成|未達成|一部達成|概ね達成|[○×△◎]"
# 「令和4年度：実績 77.1（目標 85以上）未達成」: a year, a colon, labelled values
_RECORD_RE = re.compile(rf"\s*({_YEAR})\s*[:：]\s*(.+?)\s*")
_PAIR_RE = re.compile(rf"([^\d\s（）()：:、，,／/△▲\-−－]{{1,12}}?)\s*[:：]?\s*({_VALUE})(?![\d.,])")
_ALONE_RE = re.compile(rf"\s*({_VALUE})\s*")
# 「平成30年度 63.1、令和元年度 63.7」: years and values, one series
_SERIES_ITEM_RE = re.compile(rf"({_YEAR})\s*[:：]?\s*({_VALUE})")
_SEPARATOR_RE = re.compile(r"\s*[、，／/]\s*|,\s+")  # (not the comma of 「543,933」)
# 「令和4年度 299,048（小学校 105,112、中学校 193,936）」
_PARTS_RE = re.compile(rf"\s*({_YEAR})\s*[:：]?\s*({_VALUE})\s*[（(](.+)[)）]\s*")
# 「予算額 5,102,300」「関連する測定指標 1、2、3」: a record's labelled value
_LABELLED_RE = re.compile(rf"(.{{1,20}}?)\s+({_VALUE}|\d{{1,2}}(?:[、,]\s*\d{{1,2}})+)")
_INDICATOR_RE = re.compile(r"(?:測定|参考|業績|成果)?指標\s*[\d０-９①-⑳]")
# 「基準値：2,860人（2015年）」「目標：0人（2026年度）」: a field of an indicator, its value with its year
_FIELD_RE = re.compile(rf"\s*((?:基準|目標|初期|中期目標|最終目標)値?)\s*[:：]\s*((?:{_VALUE})\s*[^\s／/（(]{{0,4}}"
                       r"(?:\s*[（(][^()（）]{1,12}[)）])?)\s*")
_SAID_DIRECTION_RE = re.compile(r"\s*(?:値が|値は)?((?:小さい|低い|少ない|大きい|高い|多い)ほど"
                                r"(?:良好|良い|よい|望ましい))\s*")
# 「2019年　372,904」: a year and one value, nothing else
_YEAR_VALUE_RE = re.compile(rf"\s*({_YEAR})\s+((?:{_VALUE}))\s*")
_KINDS = {"実績": "実績値", "目標": "目標値", "基準": "基準値", "見込": "見込値"}
_VERDICT_HEAD = "達成状況"


def _kind(label: str) -> str:
    label = label.strip(" \u3000")
    return _KINDS.get(label, label)


def _pairs(text: str) -> list[tuple[str, str]] | None:
    """「実績 77.1（目標 85以上）未達成」 → [(実績値, 77.1), (目標値, 85以上), (達成状況, 未達成)]; None when
    anything is left over that is no label, value or verdict (a sentence)."""
    out: list[tuple[str, str]] = []
    rest = text
    while rest:
        rest = rest.lstrip(" \u3000")
        if m := re.match(r"[（(](?:注|※)\s*\d*[)）]", rest):
            pass  # (a footnote's mark: 「77.1（注1）」)
        elif m := re.match(r"[（(]([^（）()]+)[)）]", rest):
            inner = _pairs(m.group(1))
            if inner is None:
                return None
            out += inner
        elif m := re.match(rf"(?:{_VERDICT})(?=$|[\s\u3000（(])", rest):
            out.append((_VERDICT_HEAD, m.group(0)))
        elif m := _PAIR_RE.match(rest):
            out.append((_kind(m.group(1)), m.group(2).strip()))
        elif not out and (m := re.match(rf"{_VALUE}", rest)):
            out.append(("", m.group(0)))  # (「令和5年度：集計中」: the value of the block's first kind)
        else:
            return None
        rest = rest[m.end():].lstrip("、，,／/ \u3000")
    return out or None


def _text(ln: Line) -> str | None:
    cells = [c for c in ln.cells if c.strip()]
    return cells[0].strip() if len(cells) == 1 else None


def _joined(ln: Line) -> str | None:
    """The line's text, its cells joined again (text with no tab is split at its spaces: 「実績　令和2年度 95」)."""
    cells = [c.strip() for c in ln.cells if c.strip()]
    return "\u3000".join(cells) if cells else None


def _year_record(ln: Line) -> tuple[str, list[tuple[str, str]]] | None:
    if (t := _text(ln)) is None or not (m := _RECORD_RE.fullmatch(t)):
        return None
    pairs = _pairs(m.group(2))
    return (m.group(1), pairs) if pairs else None


def _series(ln: Line) -> list[tuple[str, str]] | None:
    """「平成30年度 63.1、令和元年度 63.7」 → [(year, value)] (two or more, nothing else on the line)."""
    if (t := _text(ln)) is None:
        return None
    items = _SEPARATOR_RE.split(t)
    found = [m for x in items if (m := _SERIES_ITEM_RE.fullmatch(x.strip()))]
    return [(m.group(1), m.group(2)) for m in found] if len(found) >= 2 and len(found) == len(items) else None


def _captioned_series(ln: Line) -> tuple[str, list[tuple[str, str]]] | None:
    """「・事務局職員数（人）：2021年度 146、2022年度 162」 → (its caption, its series)."""
    if (t := _text(ln)) is None or not (m := re.fullmatch(r"[・○◯●◆◇■□]?\s*([^：:。]{2,60}?)\s*[：:]\s*(.+)", t)):
        return None
    series = _series(Line(ln.number, [m.group(2)]))
    return (m.group(1), series) if series and not re.fullmatch(_YEAR, m.group(1)) else None


def _with_parts(ln: Line) -> tuple[str, str, list[tuple[str, str]]] | None:
    if (t := _text(ln)) is None or not (m := _PARTS_RE.fullmatch(t)):
        return None
    parts = _pairs(m.group(3))
    return (m.group(1), m.group(2), parts) if parts and all(k and k != _VERDICT_HEAD for k, _ in parts) else None


def _year_alone(ln: Line) -> str | None:
    t = _text(ln)
    return t if t is not None and re.fullmatch(_YEAR, t) else None


def _slashed(ln: Line) -> list[tuple[str, str]] | None:
    """「当初予算 7,250,340／補正予算 1,120,000／…」: labelled values apart by slashes."""
    if (t := _text(ln)) is None or "／" not in t and "/" not in t:
        return None
    pairs = [m for x in re.split(r"\s*[／/]\s*", t) if (m := _PAIR_RE.fullmatch(x.strip()))]
    return [(m.group(1), m.group(2)) for m in pairs] if len(pairs) == len(re.split(r"[／/]", t)) else None


def _fields(ln: Line) -> list[Line] | None:
    """「基準値：2,860人（2015年）／目標値：0人（2026年）／値が小さいほど良好」 → a line per field, its label and
    value in cells of their own (the direction as 「評価の向き」); None unless every part is such a field."""
    if (t := _text(ln)) is None or "／" not in t and "/" not in t:
        return None
    out = []
    for part in re.split(r"\s*[／/]\s*", t):
        if m := _FIELD_RE.fullmatch(part):
            out.append(Line(ln.number, [m.group(1), m.group(2)], ln.page, None))
        elif m := _SAID_DIRECTION_RE.fullmatch(part):
            out.append(Line(ln.number, ["評価の向き", m.group(1)], ln.page, None))
        else:
            return None
    return out if sum(c.cells[0] != "評価の向き" for c in out) >= 1 and len(out) >= 2 else None


def _field_alone(ln: Line) -> list[Line] | None:
    """「目標：2,000（令和7年度）」 alone on its line, under an indicator's name: the field, as `_fields` gives it."""
    if (t := _text(ln)) is None or not (m := _FIELD_RE.fullmatch(t)) \
            or not ((y := re.search(r"[（(]([^()（）]+)[)）]$", m.group(2))) and parse_fiscal_year(y.group(1))):
        return None  # (「目標：97.0以上（毎年度）」 names no year its value is for)
    return [Line(ln.number, [m.group(1), m.group(2)], ln.page, None)]


def _record(ln: Line) -> tuple[str, list[tuple[str, str]]] | None:
    """「(1)事業名（平成7年度）」 and cells 「予算額 5,102,300」「執行額 4,951,806」…: a name and labelled values."""
    cells = [c.strip() for c in ln.cells if c.strip()]
    if len(cells) == 1:  # (a long name keeps the line from being read as a table's cells: its gaps set them apart)
        cells = [c for c in re.split(r"[ \u3000]*\u3000[ \u3000]*| {2,}", cells[0]) if c]
    if len(cells) >= 2 and re.fullmatch(r"[ア-ン]|[(（]?[\d０-９]{1,2}[)）.．]?|[①-⑳]", cells[0]):
        cells = [f"{cells[0]}　{cells[1]}", *cells[2:]]  # (「ア」 set apart from its name: the record's number)
    if len(cells) < 3 or re.search(r"\d", cells[0][-1:]) or "。" in cells[0]:
        return None
    pairs = [m for c in cells[1:] if (m := _LABELLED_RE.fullmatch(c))]
    if len(pairs) != len(cells) - 1 or all(re.fullmatch(_YEAR, m.group(1)) for m in pairs):
        return None  # (labels that are all years: a series of a kind of value, 「実績　令和元年度 612　…」)
    return cells[0], [(m.group(1), m.group(2)) for m in pairs]


def _table(head: list[str], rows: list[tuple[Line, str, dict[str, str]]]) -> list[Line]:
    first = rows[0][0]
    out = [Line(first.number, head, first.page, None)]
    out += [Line(ln.number, [key, *(values.get(h, "") for h in head[1:])], ln.page, None) for ln, key, values in rows]
    return out


def inline_tables(lines: list[Line]) -> list[Line]:
    """The lines with each run of inline records put back as a table (see the module's docstring)."""
    out: list[Line] = []
    k = 0
    while k < len(lines):
        taken = _run(lines, k)
        if taken is None:
            out.append(lines[k])
            k += 1
            continue
        table, n = taken
        out += table
        k += n
    return out


def _run(lines: list[Line], k: int) -> tuple[list[Line], int] | None:
    """The table a run of inline records starting at line k stands for, and how many lines it takes; else None."""
    # (a year's whole and its parts before a year's labelled values: 「令和4年度：299,048（小学校 105,112、…）」)
    for reader in (_parts_run, _records_run, _slashed_run, _means_run, _year_values_run, _years_on_a_line,
                   _kinds_run):
        if (found := reader(lines, k)) is not None:
            return found
    if (fields := _fields(lines[k]) or _field_alone(lines[k])) is not None:
        return fields, 1
    ln = lines[k]
    if (captioned := _captioned_series(ln)) is not None:  # 「・事務局職員数（人）：2021年度 146、2022年度 162」
        label, series = captioned
    elif (alone := _series(ln)) is not None:
        # (its caption names the row, as a 参考指標 table's rows are named: 「○いじめの認知件数（件）」)
        label, series = _label_before(lines, k), alone
    else:
        return None
    return [Line(ln.number, ["区分", *(y for y, _ in series)], ln.page, None),
            Line(ln.number, [label, *(v for _, v in series)], ln.page, None)], 1


# A caption that is a kind of value alone (「目標値：」「【実績値】」「＜目標＞」): the values under it are of that kind
_KIND_CAPTION_RE = re.compile(r"[・○◯●■□]?\s*[【＜<〈(（]?\s*(実績|目標|基準|見込)値?\s*[】＞>〉)）]?\s*[:：]?")


def _label_before(lines: list[Line], k: int) -> str:
    """What the values of a run starting at line k are: the kind its caption says, else the quantity its
    caption names, else (an indicator's caption is its section's heading, which names it) its 実績値."""
    t = _text(lines[k - 1]) if k > 0 else None
    if t is not None and (m := _KIND_CAPTION_RE.fullmatch(t)):
        return _KINDS[m.group(1)]
    caption = _caption_before(lines, k)
    return "実績値" if caption is None or _INDICATOR_RE.match(caption) else caption


def _caption_before(lines: list[Line], k: int) -> str | None:
    """The caption over line k (「○不登校児童生徒数（人）」 → 不登校児童生徒数（人））: a short line of text, no
    sentence."""
    t = _text(lines[k - 1]) if k > 0 else None
    if t is None or len(t) > 60 or "。" in t or _series(lines[k - 1]) or re.search(r"[:：]", t):
        return None
    return re.sub(r"^[○◯●◆◇■□・]\s*", "", t) or None


def _labelled(head: list[str], pairs: list[tuple[str, str]]) -> dict[str, str]:
    """A record's values by label, each new label added to the head (a value with no label is of the head's first
    kind, 「令和5年度：集計中」)."""
    values: dict[str, str] = {}
    for label, value in pairs:
        label = label or (head[1] if len(head) > 1 else "実績値")
        if label not in head:
            head.append(label)
        values[label] = value
    return values


def _collect(lines: list[Line], k: int, read: Callable[[Line], tuple[str, list[tuple[str, str]]] | None],
             first: str = "年度") -> tuple[list[Line], int] | None:
    rows: list[tuple[Line, str, dict[str, str]]] = []
    head: list[str] = [first]
    j = k
    while j < len(lines) and (got := read(lines[j])) is not None:
        rows.append((lines[j], got[0], _labelled(head, got[1])))
        j += 1
    if len(rows) < 2:
        return None
    return _table(head, rows), j - k


def _records_run(lines: list[Line], k: int) -> tuple[list[Line], int] | None:
    return _collect(lines, k, _year_record)


def _parts_run(lines: list[Line], k: int) -> tuple[list[Line], int] | None:
    """A year to a line, its whole and its parts: a column of the caption's quantity, one of each part of it
    (「不登校児童生徒数（人）」「不登校児童生徒数（人）（小学校）」)."""
    whole = _caption_before(lines, k) or "計"

    def read(ln: Line) -> tuple[str, list[tuple[str, str]]] | None:
        got = _with_parts(ln)
        if got is None:
            return None
        parts = [(re.sub(r"^うち", "", p), v) for p, v in got[2]]  # (「（うち富士箱根伊豆 12、日光 4）」)
        return got[0], [(whole, got[1]), *((f"{whole}（{p}）" if whole != "計" else p, v) for p, v in parts)]
    return _collect(lines, k, read)


def _slashed_run(lines: list[Line], k: int) -> tuple[list[Line], int] | None:
    """「令和3年度」 over 「当初予算 …／補正予算 …」, repeated: a row per year on its values' line."""
    rows: list[tuple[Line, str, dict[str, str]]] = []
    head = ["年度"]
    j = k
    while j + 1 < len(lines) and (year := _year_alone(lines[j])) is not None \
            and (pairs := _slashed(lines[j + 1])) is not None:
        for label, _ in pairs:
            if label not in head:
                head.append(label)
        rows.append((lines[j + 1], year, dict(pairs)))
        j += 2
    if len(rows) < 2:
        return None
    return _table(head, rows), j - k  # (each year is its row's first cell)


def _means_run(lines: list[Line], k: int) -> tuple[list[Line], int] | None:
    """A record to a line; the year its caption gives (「■主な達成手段（令和5年度、単位：千円）」) is its values'
    when their labels name none (「予算額」 → 令和5年度予算額)."""
    found = _collect(lines, k, _record, "名称")
    if found is None:
        return None
    table, n = found
    over = next((t for j in range(k - 1, max(k - 4, -1), -1) if (t := _text(lines[j])) is not None), "")
    years = re.findall(_YEAR, over)
    if len(set(years)) == 1:
        head = table[0]
        head.cells = [head.cells[0], *(c if re.search(_YEAR, c) or not re.search(r"予算|執行|決算|額", c)
                                       else f"{years[0]}{c}" for c in head.cells[1:])]
    return table, n


# 「年度目標　令和2年度 700　令和3年度 900」「実績　令和元年度 612　令和2年度 705」: a kind of value, then its years
_KIND_SERIES_RE = re.compile(r"\s*(年度目標|目標|実績|基準|見込)値?\s+(.+)")
_SPACED_ITEM_RE = re.compile(rf"({_YEAR})\s*[:：]?\s*({_VALUE})(?![\d.,])")
# 「令和5年度評定：B」: a year's grade, on the line under its records
_YEAR_GRADE_RE = re.compile(rf"\s*({_YEAR})\s*(?:の)?(?:評定|達成状況|評価|判定)\s*[:：]\s*(\S{{1,6}})\s*")


def _kind_series(ln: Line) -> tuple[str, list[tuple[str, str]]] | None:
    """「年度目標　令和2年度 700　令和3年度 900」 → (年度目標値, [(令和2年度, 700), …]): nothing else on the line."""
    if (t := _joined(ln)) is None or not (m := _KIND_SERIES_RE.fullmatch(t)):
        return None
    items = list(_SPACED_ITEM_RE.finditer(m.group(2)))
    # (one year's item only as a line of yearly targets: 「年度目標　令和6年度 32,000」)
    least = 1 if m.group(1) == "年度目標" else 2
    if len(items) < least or _SPACED_ITEM_RE.sub("", m.group(2)).strip(" \u3000、，,／/"):
        return None
    kind = "年度目標値" if m.group(1) == "年度目標" else _kind(m.group(1))
    return kind, [(i.group(1), i.group(2).strip()) for i in items]


def _kinds_run(lines: list[Line], k: int) -> tuple[list[Line], int] | None:
    """Lines of 「年度目標　令和2年度 700 …」「実績　令和元年度 612 …」 one under another: one table, its years those of
    all the lines in order (so that each value stands under its own year, whichever years a line leaves out)."""
    runs: list[tuple[Line, str, list[tuple[str, str]]]] = []
    j = k
    # (after the first, 「令和3年度　実績21,406　／　令和4年度　実績25,188」: one kind's years, record by record)
    while j < len(lines) and (got := _kind_series(lines[j]) or (_one_kind_records(lines[j]) if runs else None)):
        runs.append((lines[j], *got))
        j += 1
    if not runs:
        return None
    years: list[str] = []
    for _, _, series in runs:
        years += [y for y, _ in series if y not in years]
    years.sort(key=lambda y: parse_fiscal_year(y) or 0)
    head = Line(runs[0][0].number, ["区分", *years], runs[0][0].page, None)
    rows = [Line(ln.number, [kind, *(dict(series).get(y, "") for y in years)], ln.page, None)
            for ln, kind, series in runs]
    # (「令和6年度評定：B」 on the line under them: that year's grade, a row of grades under the years)
    if j < len(lines) and (g := _joined(lines[j])) and (graded := _YEAR_GRADE_RE.fullmatch(g)) \
            and graded.group(1) in years:
        grades = [graded.group(2) if y == graded.group(1) else "" for y in years]
        rows.append(Line(lines[j].number, [_VERDICT_HEAD, *grades], lines[j].page, None))
        j += 1
    return [head, *rows], j - k


def _one_kind_records(ln: Line) -> tuple[str, list[tuple[str, str]]] | None:
    """「令和3年度　実績21,406　／　令和4年度　実績25,188」 → (実績値, [(令和3年度, 21,406), …]): each record one
    value of one kind, the same on the whole line."""
    if (t := _joined(ln)) is None or "／" not in t and "/" not in t:
        return None
    parts = re.split(r"\s*[／/]\s*", t)
    records = [(m.group(1), pairs) for part in parts
               if (m := re.fullmatch(rf"\s*({_YEAR})\s*[:：]?\s*(.+?)\s*", part)) and (pairs := _pairs(m.group(2)))]
    kinds = {pairs[0][0] for _, pairs in records if len(pairs) == 1}
    if len(records) < 2 or len(records) != len(parts) or len(kinds) != 1 or any(len(p) != 1 for _, p in records):
        return None
    return _kind(kinds.pop()), [(year, pairs[0][1]) for year, pairs in records]


def _years_on_a_line(lines: list[Line], k: int) -> tuple[list[Line], int] | None:
    """「令和元年度　実績97.6　／　令和2年度　実績97.9　／　…」: several years' records on one line, apart by slashes
    (and 「令和5年度評定：B」 on the line under it, that year's grade): a row per year, each citing that line."""
    if (t := _joined(lines[k])) is None or "／" not in t and "/" not in t:
        return None
    records = [(m.group(1), pairs) for part in re.split(r"\s*[／/]\s*", t)
               if (m := _RECORD_RE.fullmatch(part.strip()) or re.fullmatch(rf"\s*({_YEAR})\s+(.+?)\s*", part))
               and (pairs := _pairs(m.group(2)))]
    if len(records) < 2 or len(records) != len(re.split(r"[／/]", t)):
        return None
    n = 1
    if k + 1 < len(lines) and (g := _joined(lines[k + 1])) and (graded := _YEAR_GRADE_RE.fullmatch(g)) \
            and any(year == graded.group(1) for year, _ in records):
        records = [(year, [*pairs, (_VERDICT_HEAD, graded.group(2))] if year == graded.group(1) else pairs)
                   for year, pairs in records]
        n = 2
    head = ["年度"]
    rows: list[tuple[Line, str, dict[str, str]]] = []
    for year, pairs in records:
        rows.append((lines[k], year, _labelled(head, pairs)))
    return _table(head, rows), n


def _year_values_run(lines: list[Line], k: int) -> tuple[list[Line], int] | None:
    """「2019年　372,904」 a year to a line, one value each, under a caption: the caption's quantity or kind of
    value by year."""
    rows: list[Line] = []
    j = k
    while j < len(lines) and (t := _text(lines[j])) is not None and (m := _YEAR_VALUE_RE.fullmatch(t)):
        rows.append(Line(lines[j].number, [m.group(1), m.group(2)], lines[j].page, None))
        j += 1
    if len(rows) < 2:
        return None
    return [Line(lines[k].number, ["年度", _label_before(lines, k)], lines[k].page, None), *rows], j - k
