"""年度: Japanese era years ↔ Western fiscal years.

Everything that reads a year goes through here: sheet headers (「令和2年度」「3年度」「平成 30 年度」),
questions (「R2」「2020年度」「平成30〜令和2年度」) and answers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import norm

# Western year of 元年 minus one, so that start + N is the Western year of era year N.
ERAS: dict[str, int] = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911}
_ABBREV = {"R": "令和", "H": "平成", "S": "昭和", "T": "大正", "令": "令和", "平": "平成", "昭": "昭和"}
DEFAULT_ERA = "令和"

_ERA_ALT = "令和|平成|昭和|大正"
_NUM = r"(?:\d{1,2}|元)"
# One year expression. Order matters: explicit era, abbreviation, Western, bare.
_YEAR = (
    rf"(?P<era>{_ERA_ALT})(?P<en>{_NUM})(?:(?:事務)?年度|年)?"
    # (「R5－2」「R5-3」 number a document: 評価書番号, not a year)
    rf"|(?<![A-Za-z])(?P<ab>[RHST])\.?(?P<an>\d{{1,2}}(?![\d])|元)(?:(?:事務)?年度|年|(?![\-－‐ー―]\d))"
    rf"|(?P<west>(?:19|20)\d{{2}})(?:(?:事務)?年度|年)"  # (「2021年」: a calendar year, as 「令和3年」 is)
    rf"|(?<![\d元])(?P<bare>\d{{1,2}}|元)(?:事務)?年度"
)
_YEAR_RE = re.compile(_YEAR)
_MONTH_AFTER_RE = re.compile(r"\s?(1[0-2]|[1-9])\s?月(?!間)")
_RANGE_RE = re.compile(
    rf"(?P<a>{_YEAR.replace('?P<', '?P<a_')})\s*[〜~～\-－ー―から]+\s*(?P<b>{_YEAR.replace('?P<', '?P<b_')})"
)

_SAME_ERA_RANGE_RE = re.compile(rf"({_ERA_ALT}|(?<![A-Za-z])[RH])({_NUM})年?\s*(?:から|[〜~～\-－ー―])\s*"
                                rf"({_NUM})年(?!度)")
# 「令和3年と4年」: two years listed, the second in the first one's era and written without 度
# (not 「令和5年度、3年連続で」「10年ぶり」「3年間」: the second must end a name, a particle or the text after it)
_SAME_ERA_LIST_RE = re.compile(rf"({_ERA_ALT}|(?<![A-Za-z])[RH])({_NUM})年度?\s*(?:と|、|・|及び|および|や)\s*"
                               rf"({_NUM})年(?!度)(?=[のでとはをにも、,?？]|$)")


def era_year(era: str, number: int | str) -> int:
    """Western start year of era year N: era_year('令和', 2) → 2020, era_year('平成', '元') → 1989."""
    era = _ABBREV.get(era, era)
    if era not in ERAS:
        raise ValueError(f"unknown era {era!r}")
    n = 1 if number in ("元", 1) else int(number)
    if n < 1:
        raise ValueError(f"era year must be ≥ 1, got {number!r}")
    return ERAS[era] + n


def to_label(fiscal_year: int, era: str | None = None) -> str:
    """2020 → 「令和2年度」, 2019 → 「令和元年度」, 2018 → 「平成30年度」."""
    if era is None:
        era = era_for(fiscal_year)
    n = fiscal_year - ERAS[era]
    return f"{era}{'元' if n == 1 else n}年度"


def era_for(fiscal_year: int) -> str:
    """The era a Western fiscal year falls in: 2019 → 令和, 2018 → 平成."""
    return next(e for e, start in sorted(ERAS.items(), key=lambda kv: -kv[1]) if fiscal_year > start)


def _from_match(groups: dict[str, str | None], default_era: str, prefix: str = "") -> int:
    # Only the groups that matched: one alternative of _YEAR, with its number.
    g = {k[len(prefix):]: v for k, v in groups.items() if k.startswith(prefix) and v is not None}
    if g.get("era"):
        return era_year(g["era"], g["en"])
    if g.get("ab"):
        return era_year(g["ab"], g["an"])
    if g.get("west"):
        return int(g["west"])
    return era_year(default_era, g["bare"])


def parse_fiscal_year(label: str, default_era: str = DEFAULT_ERA, near: int | None = None) -> int | None:
    """The fiscal year of a cell or heading that names one year, else None.

    「令和2年度」→2020, 「3年度 当初予算額」→2021 (in 令和), 「H30」→2018, 「--年度」→None.
    `near` (the sheet's own year) settles a bare year that crosses an era: in a 平成30年度 sheet
    「元年度」 is 令和元年度 (2019), not 平成元年度.
    """
    m = _YEAR_RE.search(norm(label))
    if not m:
        return None
    try:
        year = _from_match(m.groupdict(), default_era)
    except ValueError:
        return None
    if m.group("bare") and near is not None and year < near - 10:
        later = [e for e, start in ERAS.items() if start > ERAS.get(default_era, 0)]
        if later:
            nxt = min(later, key=lambda e: ERAS[e])
            year = era_year(nxt, m.group("bare"))
    return year


@dataclass(frozen=True)
class YearMention:
    """A year (or an inclusive range of years) named in free text."""

    start: int
    end: int
    text: str

    @property
    def years(self) -> list[int]:
        return list(range(self.start, self.end + 1))


def find_fiscal_years(text: str, default_era: str = DEFAULT_ERA) -> list[YearMention]:
    """All years and ranges named in a question: 「平成30〜令和2年度」 → one mention 2018–2020."""
    t = norm(text)
    # 「2018〜2020年度」: the first Western year of a range has no 年度 of its own.
    t = re.sub(r"((?:19|20)\d{2})(?=[〜~～\-－](?:19|20)\d{2}(?:事務)?年度)", r"\1年度", t)
    found: list[YearMention] = []
    taken: list[tuple[int, int]] = []
    for m in _RANGE_RE.finditer(t):
        try:
            a = _from_match(m.groupdict(), default_era, "a_")
            b = _from_match(m.groupdict(), default_era, "b_")
        except ValueError:
            continue
        # 「平成30〜令和2年度」: the first part has no 年度 but its own era; 「30〜2年度」 stays ambiguous.
        found.append(YearMention(min(a, b), max(a, b), m.group(0)))
        taken.append(m.span())
    # 「令和元年から4年まで」: the second year in the first one's era, written without 度
    for m in _SAME_ERA_RANGE_RE.finditer(t):
        if not any(s <= m.start() < e for s, e in taken):
            a, b = era_year(m.group(1), m.group(2)), era_year(m.group(1), m.group(3))
            found.append(YearMention(min(a, b), max(a, b), m.group(0)))
            taken.append(m.span())
    for m in _SAME_ERA_LIST_RE.finditer(t):
        if not any(s <= m.start() < e for s, e in taken):
            for n in (m.group(2), m.group(3)):
                y = era_year(m.group(1), n)
                found.append(YearMention(y, y, m.group(0)))
            taken.append(m.span())
    for m in _YEAR_RE.finditer(t):
        if any(s <= m.start() < e for s, e in taken):
            continue
        g = m.groupdict()
        if g.get("bare") and not m.group(0).endswith("年度"):
            continue
        try:
            y = _from_match(g, default_era)
        except ValueError:
            continue
        # A date: 「令和3年3月まで」 is in 令和2年度 (the fiscal year starts in April), as facts read it.
        if not m.group(0).endswith("年度") and (month := _MONTH_AFTER_RE.match(t, m.end())) \
                and int(month.group(1)) <= 3:
            y -= 1
        found.append(YearMention(y, y, m.group(0)))
    return found
