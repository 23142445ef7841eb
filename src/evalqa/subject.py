"""One measured thing of a sheet (an indicator, a 達成手段, a budget table) with its figures, and what its
name and series say: the unit it counts in, the 個別分野 it stands in, its name bare of numbers and marks, the
series a question names."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from .figure import COUNTERS, Figure
from .normalize import norm
from .question import QuestionAnalysis
from .terms import terms


@dataclass
class Subject:
    """One measured thing: an indicator, a 達成手段, a budget table — all its figures."""

    sheet: str
    name: str
    section: list[str]
    table: str | None
    figures: list[Figure]
    terms: set[str]
    title: str = ""  # the sheet's 施策名

    @property
    def key(self) -> tuple[str, str, str | None]:
        return (self.sheet, self.name, self.table)

    @cached_property
    def measures(self) -> list[str]:
        return list(dict.fromkeys(f.measure for f in self.figures))

    @property
    def series(self) -> list[str]:
        return [s for s in dict.fromkeys(f.series for f in self.figures) if s]

    @cached_property
    def name_terms(self) -> set[str]:
        """The words of its own name (not of its section or series)."""
        return set(terms(self.name))

    @cached_property
    def title_terms(self) -> set[str]:
        """The words of its sheet's 施策名."""
        return set(terms(self.title))

    @cached_property
    def units(self) -> set[str]:
        """The units its figures are counted in (or that their names imply)."""
        return {unit_word(f) for f in self.figures if f.value is not None}

    @cached_property
    def kind(self) -> str:
        """indicator | means | budget."""
        if self.table == "達成手段":
            return "means"
        if any(m in self.measures for m in ("実績値", "年度目標値", "目標値")):
            return "indicator"
        return "budget"


def column_named(name: str, question: str) -> bool:
    """Does the (normalized) question write the subject's name, or its column's (「保険者種類別の状況・特定健診実施率」
    asked as 「特定健診実施率」)?"""
    bare = norm(re.sub(r"[(（][^()（）]*[)）]|【[^】]*】", "", name))
    return len(last := bare.rsplit("・", 1)[-1]) >= 4 and last in question


_FIELD_RE = re.compile(r"個別分野(\d+)")


def field_of(s: Subject) -> str | None:
    """The number of the 個別分野 the subject stands in (「個別分野1 …」 → "1"), else None."""
    m = _FIELD_RE.match(s.section[0].replace(" ", "")) if s.section else None
    return m.group(1) if m else None


def unit_word(f: Figure) -> str:
    """The unit a figure is counted in, or the counter its subject implies (会談数 → 回)."""
    if f.unit:
        return f.unit
    return next((u for pat, u in COUNTERS if re.search(pat, f.subject)), "")


TARGETS = ("年度目標値", "目標値")
# A name's number, units and marks (「指標①」「（％）」「【主要】」「※主要」「★」): not what it names
def series_in(a: QuestionAnalysis, subject: Subject) -> str | None:
    """The series of the subject that the question names (「有識者」 → 有識者の部)."""
    named = all_series_in(a, subject)
    return named[0] if named else None


def all_series_in(a: QuestionAnalysis, subject: Subject) -> list[str]:
    """Every series of the subject the question names, in the subject's order."""
    q = a.normalized or a.question
    out = []
    cores = Counter(re.sub(r"\([^()]*\)", "", norm(s)) for s in subject.series)
    # (categories named without the word they all end in: 「北陸と東北」 for 北陸財務局 and 東北財務局)
    suffix = category_suffix(subject)
    for s in subject.series:
        n = norm(s)  # (the question is width-normalised: 「（仮想通貨）」 is 「(仮想通貨)」 there)
        # (a bracket glosses the name, inside it too: 「暗号資産(仮想通貨)等」 is named by 「暗号資産等」「暗号資産の」)
        core = re.sub(r"の部$|部$", "", re.sub(r"\([^()]*\)", "", n))
        bare = re.sub(r"(?:等|など)$", "", core)
        # (「1月」 is not named by 「11月」, nor 「1」 by 「12」)
        names = {x for x in (core, n, bare) if x and (len(x) >= 2 or x == core)}
        stem = core[:-len(suffix)] if suffix and len(suffix) >= 2 and core.endswith(suffix) else ""
        # (a stem named whole: 「第1」 of 第1管区 is not in 「第11管区」)
        if len(stem) >= 2 and re.search(rf"(?<![0-9]){re.escape(stem)}(?![0-9〇一二三四五六七八九十])", q):
            out.append(s)
            continue
        # (「外国客（空路）」「外国客（海路）」: the bracket is what tells them apart)
        if cores[re.sub(r"\([^()]*\)", "", n)] > 1:
            names |= {x for x in re.findall(r"\(([^()]{2,})\)", n)}
        # (「海難審判所（東京）」 is not named inside 「地方海難審判所」, the ending of the other categories)
        inner = any(norm(o) != n and norm(o).endswith(core) for o in subject.series if o)
        if core and any(re.search(rf"(?<![0-9{'一-龥ァ-ヴー' if inner else ''}]){re.escape(x)}", q) for x in names):
            out.append(s)
    # (「ホタテと牛肉」 of ホタテ貝 and 牛肉: a category named without its last character or two, the only one
    # that begins so)
    for w in re.findall(r"[一-龥ァ-ヴー]{2,}", q):
        starting = [s for s in subject.series if (core := re.sub(r"\([^()]*\)", "", norm(s))).startswith(w)
                    and 0 < len(core) - len(w) <= 2]
        if len(starting) == 1 and starting[0] not in out \
                and not any(norm(x).startswith(w) and x != starting[0] for x in subject.series):
            out.append(starting[0])
    out = [x for x in subject.series if x in out]
    if not out and a.content:
        # 「保険の相談」 names 保険商品等 by a word of its own, when no other category and not the name has that word
        asked = set(a.content) - subject.name_terms
        out = [s for s in subject.series if asked & {t for t in terms(s) if len(t) >= 2}]
        out = out if len(out) == 1 else []
    return out


def category_suffix(subject: Subject) -> str | None:
    """The word most of a breakdown's categories end in (管区 of 第一管区 …, 県 of 岩手県 …), else None."""
    names = [s for s in subject.series if s]
    if len(names) < 3:
        return None
    # (「地方海難審判所」 of 神戸地方海難審判所, 広島地方海難審判所 …: the longest ending they share)
    ends = Counter(s[-k:] for s in names for k in range(1, 11) if len(s) > k + 1)
    return max((e for e, n in ends.items() if n >= 0.6 * len(names) and re.fullmatch(r"[一-龥]+", e)),
               key=len, default=None)
