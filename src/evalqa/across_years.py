"""One subject across the sheets of its 施策 (this year's and next year's evaluation): the same indicator or
table found in each, and its years stitched together, each year from the newest sheet that reports it."""
from __future__ import annotations

import re
from collections.abc import Sequence

from .figure import Figure, bare_name
from .normalize import nfkc
from .subject import Subject
from .terms import terms


class AcrossYears:
    """The part of the subject catalogue that joins a subject's sheets of several years (see SubjectCatalogue)."""

    subjects: list[Subject]
    policy_titles: dict[str, str]
    sheet_years: dict[str, int]
    _by_name: dict[tuple, list[Subject]]
    _by_bare_name: dict[str, list[Subject]]

    def newest(self, s: Subject) -> Subject:
        """The same subject in the newest sheet of its 施策 (令和5年度末's 国税局別 table over 令和4年度末's)."""
        same = self._across_years(s)
        return max(same, key=lambda x: max((f.fiscal_year or 0 for f in x.figures), default=0), default=s)

    def across_years(self, s: Subject) -> list[Subject]:
        """The subject in each of its 施策's sheets that has it (itself among them)."""
        return self._across_years(s)

    def _across_years(self, s: Subject) -> list[Subject]:
        """The subject as the 施策's sheets of each year write it: by name and table, else by its bare name
        (「指標4 マリンレジャーに伴う…数」 of next year's workbook is 「マリンレジャーに伴う…数(人)」)."""
        title = self.policy_titles.get(s.sheet)
        exact = [t for t in self._by_name.get((s.name, s.table), []) if self.policy_titles.get(t.sheet) == title]
        bare = [x for x in self._by_bare_name.get(bare_name(s.name), [])
                if x.kind == s.kind and self.policy_titles.get(x.sheet) == title]
        if len({t.sheet for t in exact}) > 1:
            return exact
        if len({t.sheet for t in bare}) > 1:
            return bare
        # 「1人1日当たりのごみ排出量（一般廃棄物）」 of next year's sheet is 「一般廃棄物の1人1日当たりのごみ排出量」
        # reworded: the same words in another order, the one such subject of its sheet
        words = _name_words(s.name)
        same = [x for x in self.subjects if x.kind == s.kind and x.sheet != s.sheet
                and self.policy_titles.get(x.sheet) == title and _name_words(x.name) == words]
        if same and all(sum(y.sheet == x.sheet for y in same) == 1 for x in same):
            return [s, *same]
        # 「京都御所等（京都御所・仙洞御所・…）の参観者数（万人）」 next year without the list in brackets: the same
        # name once the brackets inside it are left out (its unit and marks at the end kept)
        core = _core(s.name)
        same = [x for x in self.subjects if x.kind == s.kind and x.sheet != s.sheet
                and self.policy_titles.get(x.sheet) == title and _core(x.name) == core]
        # (one such name in each sheet, its own too: 「検挙件数（覚醒剤）の割合」 and 「（大麻）の割合」 stay apart)
        if same and all(sum(_core(y.name) == core for y in self.subjects if y.sheet == x.sheet and y.kind == s.kind)
                        == 1 for x in [s, *same]):
            return [s, *same]
        return exact or bare

    def stitched(self, s: Subject, within: Sequence[str] = (),
                 of_year: int | None = None) -> tuple[Subject, list[tuple[Figure, Figure]]]:
        """The subject with the years of the same table or indicator in the other sheets of the same 施策 (next
        year's sheet): each year from the newest sheet that reports it; where an older sheet says otherwise,
        the pair (kept, other) is returned so the answer can name both. With `within` (the sheets a question
        names), only those sheets; with `of_year` (「令和4年度の評価書で」), the sheet of that year when one is."""
        same = self._across_years(s)
        if not any(t.sheet in within for t in same):
            within = ()  # (sheets named of another 施策 say nothing of which of this subject's sheets to take)
        twins = [t for t in same if not within or t.sheet in within]
        if of_year is not None and not within:
            twins = [t for t in twins if self.sheet_years.get(t.sheet) == of_year] or twins
        if len(twins) < 2:
            return (twins[0] if twins else s), []
        twins.sort(key=lambda t: -self.sheet_years.get(t.sheet, 0))
        kept: dict[tuple, Figure] = {}
        conflicts: list[tuple[Figure, Figure]] = []
        for t in twins:
            for f in t.figures:
                key = (f.measure, f.series, f.fiscal_year)
                if key not in kept or (kept[key].value is None and f.value is not None):
                    kept[key] = f
                elif f.value is not None and kept[key].value != f.value:
                    conflicts.append((kept[key], f))
        figures = sorted(kept.values(), key=lambda f: (f.fiscal_year or 0, f.line or 0))
        newest = twins[0]
        # (named as the newest sheet writes it: a subject of that sheet under another name would be its "twin")
        return Subject(newest.sheet, newest.name, newest.section, newest.table, figures, s.terms | newest.terms,
                       s.title), conflicts

    def in_other_document(self, s: Subject, offset: int) -> Subject | None:
        """The same table or indicator as written in the 施策's sheet `offset` years from `s`'s (-1: last
        year's evaluation), with that sheet's own values; None when there is no such sheet or it lacks it."""
        year = self.sheet_years.get(s.sheet)
        if year is None:
            return None
        return next((t for t in self._across_years(s) if self.sheet_years.get(t.sheet) == year + offset), None)


def _name_words(name: str) -> frozenset[str]:
    """The words of a name, in any order, what its brackets say among them (its list number aside)."""
    n = re.sub(r"^(?:(?:測定|参考)?指標\s*\d{1,2}|[①-⑳]|\d{1,2}[\s.．、])\s*", "", nfkc(name))
    return frozenset(terms(re.sub(r"[()（）【】]", " ", n)))


def _core(name: str) -> str:
    """A name with the brackets inside it left out (those at its end, its unit and marks, kept)."""
    n = nfkc(name)
    tail = re.search(r"(?:\s*(?:\([^()]*\)|【[^【】]*】|[※*＊]\d?))*$", n)
    end = tail.start() if tail else len(n)
    return re.sub(r"\([^()]*\)", "", n[:end]) + n[end:]
