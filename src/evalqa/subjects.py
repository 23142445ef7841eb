"""The subject catalogue: every measured thing of the corpus (an indicator, a 達成手段, a budget table) with
its figures and words, and the ranking that picks the one a question names.

Built once per index generation from the figures and sheet metadata (no SQL, no model), so it can be
tested on sheets loaded straight from files.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace

from .across_years import AcrossYears
from .breakdown import TOTALS
from .english import field_nouns, is_named_place, quoted_names, said_in
from .facts import MEASURE as STATED
from .figure import Figure, bare_name
from .fiscal_year import to_label
from .matching import COMPOUND_RE, FORM_WORDS, Asked, TermIndex, tail_run, term_matches
from .normalize import nfkc, norm
from .question import FAMILIES, QuestionAnalysis, subject_words
from .search import Hit
from .subject import Subject, all_series_in, category_suffix, field_of
from .terms import terms

# Words of the form itself, which name no 施策 (「予算」「執行」「指標」)
STRONG = 0.45  # subject score above which a question is answered from that subject's figures
_SHARE_RE = re.compile(r"構成比|シェア|share")


class SubjectCatalogue(AcrossYears):
    """Subjects of a corpus with IDF weights and an inverted index term → subjects."""

    def __init__(self, figures: Iterable[Figure], sheets: Sequence[dict]):
        self.sheet_meta: dict[str, dict] = {s["id"]: s["metadata"] for s in sheets}
        self.titles = {sid: m.get("title") or sid for sid, m in self.sheet_meta.items()}
        # The 施策 a title names, as two formats of its sheets may print it (「目標２－１循環型社会の形成」 and
        # 「目標2－1 循環型社会の形成」): compared so, shown as printed
        self.policy_titles = {sid: re.sub(r"\s+", "", nfkc(t)) for sid, t in self.titles.items()}
        # 「JCG」「ATLA's」: the letters a body's sheets are filed under (jcg-r6-2-kainan) name them
        self.filed_under: dict[str, list[str]] = defaultdict(list)
        for sid in self.titles:
            if m := re.match(r"([a-z]{2,6})-", sid):
                self.filed_under[m.group(1)].append(sid)
        # 「統計局」「消防庁」: the bureau or agency in charge names its sheets, by the head of their 担当部局
        # (統計局 of 「統計局総務課」): name → sheet ids
        self.bureaus: dict[str, list[str]] = defaultdict(list)
        for sid, meta in self.sheet_meta.items():
            if h := re.match(r"[一-龥ァ-ヴー]{2,12}?(?:局|庁|部|院)", norm(meta.get("bureau") or "")):
                self.bureaus[h.group(0)].append(sid)
                # (「食品安全委員会事務局…」: the commission its secretariat serves is named so too)
                if body := re.fullmatch(r"(.{2,}?(?:委員会|本部|会議))事務局", h.group(0)):
                    self.bureaus[body.group(1)].append(sid)
        groups: dict[tuple, list[Figure]] = defaultdict(list)
        self.facts: list[Figure] = []  # numbers stated in sentences: answers of their own, not subjects
        for f in figures:
            if f.measure == STATED:
                self.facts.append(f)
            else:
                groups[(f.sheet, f.subject, f.table)].append(f)
        self.subjects: list[Subject] = []
        for (sheet, name, table), figs in groups.items():
            words = set(terms(name)) | set(terms(" ".join(figs[0].section)))
            words |= {t for f in figs if f.series for t in terms(f.series)}
            self.subjects.append(Subject(sheet, name, figs[0].section, table, figs, words,
                                         self.titles.get(sheet, "")))
        df: dict[str, int] = defaultdict(int)
        self._by_term = TermIndex()
        self._by_section: dict[tuple, list[int]] = defaultdict(list)
        self._by_sheet: dict[str, list[int]] = defaultdict(list)
        self._by_name: dict[tuple, list[Subject]] = defaultdict(list)  # (name, table) → the subjects
        # name alone: a breakdown's table is named by its year (「国税局別の滞納残高（令和4年度末）」)
        self._by_bare_name: dict[str, list[Subject]] = defaultdict(list)
        self._own_budget: dict[str, list[Subject]] = {}  # per name prefix, built on first use
        for i, s in enumerate(self.subjects):
            self._by_name[(s.name, s.table)].append(s)
            self._by_bare_name[bare_name(s.name)].append(s)
            for t in s.terms:
                df[t] += 1
            self._by_term.add(i, s.terms)
            self._by_section[(s.sheet, tuple(s.section))].append(i)
            self._by_sheet[s.sheet].append(i)
        # A fact answers only when the question names what it counts or what qualifies it (see stated).
        self._facts_by_term, self._facts_by_word = TermIndex(), TermIndex()
        before: dict[tuple[str, int | None], str] = {}  # (the sentences before a fact in its paragraph: its line)
        for i, f in enumerate(self.facts):
            paragraph = before.get((f.sheet, f.line), "")
            if f.raw not in paragraph:
                before[(f.sheet, f.line)] = paragraph + f.raw
            named = set(terms(f.subject)) | set(terms(f.series or ""))
            self._facts_by_term.add(i, named)
            # (and its sheet's title: a fact best_fact may take by the title's words too, see stated._cover)
            self._facts_by_word.add(i, named | set(terms(" ".join(f.section))) | set(terms(f.note or ""))
                                    | set(terms(f.raw)) | set(terms(self.titles.get(f.sheet, "")))
                                    | set(terms(paragraph)))
        n = max(1, len(self.subjects))
        self._idf = {t: math.log(1 + n / c) for t, c in df.items()}
        self._max_idf = math.log(1 + n)
        self._weights = [self._term_weights(s) for s in self.subjects]
        sheet_years: list[int] = [y for m in self.sheet_meta.values() if (y := m.get("fiscal_year"))]
        # Bare years in questions are read in the era of the newest sheet.
        self.era = to_label(max(sheet_years))[:2] if sheet_years else "令和"
        fig_years = [y for s in self.subjects for f in s.figures if (y := f.fiscal_year)]
        self.latest_year = max(fig_years + sheet_years) if (fig_years or sheet_years) else None
        self.sheet_years = {sid: m.get("fiscal_year") or 0 for sid, m in self.sheet_meta.items()}
        order = sorted(self.sheet_meta, key=lambda sid: (self.sheet_years[sid], sid))
        self._sheet_rank = {sid: i / max(1, len(order)) for i, sid in enumerate(order)}

    def indicator_names(self, sheet: str) -> dict[str, str]:
        """Number → name of the sheet's indicators (「指標3」 in a paragraph names one): the outline's numbers,
        else the order of the indicators' rows."""
        outline = (self.sheet_meta.get(sheet) or {}).get("outline") or {}
        listed = {i["number"]: i["name"] for i in outline.get("indicators", []) if i.get("number")}
        if listed:
            return listed
        rows = sorted((s for i in self.subjects_of(sheet) if (s := self.subjects[i]).kind == "indicator"),
                      key=lambda s: min((f.line or 0) for f in s.figures))
        return {str(n): s.name for n, s in enumerate(rows, 1)}

    def policy_of(self, sheet: str) -> tuple[str | None, str]:
        """(ministry, 施策名): the one 施策 a sheet of some year is of."""
        return (self.sheet_meta.get(sheet, {}).get("ministry"), self.policy_titles.get(sheet) or sheet)

    def has_editions(self, sheet: str) -> bool:
        """Does another sheet carry the same 施策 (another year's edition of it)?"""
        policy = self.policy_titles.get(sheet)
        return sum(t == policy for t in self.policy_titles.values()) > 1

    def subjects_of(self, sheet: str) -> list[int]:
        """The indexes of the sheet's subjects."""
        return self._by_sheet.get(sheet, [])

    def figure_years(self, sheet: str) -> set[int]:
        """The fiscal years the sheet's figures are of."""
        if not hasattr(self, "_figure_years"):
            years: dict[str, set[int]] = defaultdict(set)
            for s in self.subjects:
                years[s.sheet].update(f.fiscal_year for f in s.figures if f.fiscal_year and f.value is not None)
            self._figure_years = years
        return self._figure_years.get(sheet, set())

    def has_compound(self, abbrev: str) -> bool:
        """Is there a 日米-style country compound with this one-letter country among the subjects' words?"""
        return any(COMPOUND_RE.match(t) and abbrev in t for t in self._by_term.vocabulary())

    def facts_naming(self, words: Sequence[str], least: float = 0.0) -> list[Figure]:
        """The facts whose counted noun or qualifiers carry one of the words and whose sentence, section and
        note carry at least `least` of them (IDF-weighted), in corpus order. A fact scores at most that share
        (see stated.fact_score), so the facts left out could not answer."""
        ids: set[int] = set()
        for t in words:
            ids |= self._facts_by_term.matching(t)
        total = sum(self.idf(t) for t in words)
        if least > 0 and total > 0:
            carried = [(self.idf(t), self._facts_by_word.matching(t)) for t in words]
            ids = {i for i in ids if sum(w for w, held in carried if i in held) >= least * total - 1e-9}
        return [self.facts[i] for i in sorted(ids)]

    def restating(self, fact: Figure) -> Subject | None:
        """The subject of the fact's sheet with a figure of the fact's year, value and unit (a sentence that restates
        the table's figure), if one has."""
        if not fact.fiscal_year or fact.value is None:
            return None
        return next((s for s in (self.subjects[i] for i in self._by_sheet.get(fact.sheet, [])) if any(
            f.fiscal_year == fact.fiscal_year and f.value == fact.value and f.unit == fact.unit for f in s.figures)),
            None)

    def _ministry(self, sheet: str) -> str | None:
        return self.sheet_meta.get(sheet, {}).get("ministry")

    def idf(self, term: str) -> float:
        return self._idf.get(term, self._max_idf)

    def vocabulary(self) -> list[str]:
        """The words of the subjects and of the facts' sentences."""
        return list(dict.fromkeys([*self._idf, *self._facts_by_word.vocabulary()]))

    def sheet_label(self, sheet: str) -> str:
        """「北米地域外交（mofa-r3-I-2-hokubei）」."""
        title = self.titles.get(sheet)
        return f"{title}（{sheet}）" if title and title != sheet else sheet

    # --- matching ---------------------------------------------------------------------------
    def coverage(self, content: list[str], subject: Subject) -> float:
        """Share of the question's words (IDF-weighted) that the subject carries."""
        total = sum(self.idf(t) for t in content)
        return sum(self.idf(t) for t in content if term_matches(t, subject.terms)) / total if total else 0.0

    def _term_weights(self, subject: Subject) -> dict[str, float]:
        return {t: self.idf(t) for t in subject.terms}

    def lexical(self, content: list[str], subject: Subject) -> float:
        """How well the question's words cover the subject's (IDF-weighted, both directions)."""
        return self._lexical(Asked(content, self.idf, self._by_term), subject, None)

    def _lexical(self, asked: Asked, subject: Subject, i: int | None) -> float:
        if not asked.words:
            return 0.0
        if i is None:
            matched = sum(w for t, w in zip(asked.words, asked.weights, strict=True) if term_matches(t, subject.terms))
        else:
            matched = sum(w for w, ids in zip(asked.weights, asked.subjects, strict=True) if i in ids)
        weights = self._term_weights(subject) if i is None else self._weights[i]
        held = min(1.0, sum(w for t, w in weights.items() if asked.holds(t)) / (sum(weights.values()) or 1.0))
        return 0.75 * matched / asked.total + 0.25 * held

    def rank(self, a: QuestionAnalysis, hits: Sequence[Hit], context: Subject | None = None,
             named: Mapping[int, float] | None = None, leading: Collection[int] = ()) -> list[tuple[float, Subject]]:
        """Subjects scored for a question: words, search hits on their sections, years and measures asked.
        `named`, `leading`: for an English question, subjects' credit by embedding and the ones it names (see
        crosslingual)."""
        bonus: dict[int, float] = {}
        for rank, h in enumerate(hits):
            for n in range(1, len(h.section) + 1):
                for i in self._by_section.get((h.sheet, tuple(h.section[:n])), []):
                    bonus.setdefault(i, 1.0 / math.sqrt(rank + 1))
        content = subject_words(a)
        hit_sheets = {h.sheet for h in hits}
        # 「… project (地方消費者行政強化交付金)」: the sheet's own name, quoted in an English question
        quoted = [norm(q) for q in quoted_names(a.question)] if a.lang == "en" else []
        nouns = field_nouns(a.question) if a.lang == "en" else []
        asked = Asked(content, self.idf, self._by_term)
        cands = set().union(*asked.subjects) | set(bonus) | set(named or ())
        field_named = a.field_number
        around = Asked(sorted(context.terms), self.idf, self._by_term) if context is not None else asked
        if context is not None and content:
            cands |= set().union(*around.subjects)
        named_ministries = {self._ministry(x) for x in a.sheets}
        placed = [p for p in a.proper if is_named_place(p)] if a.lang == "en" else []
        # (the words an English question glossed itself, beyond the form's: 相談 of 'administrative consultation')
        glossed = [t for t in said_in(a.question, a.content) if t not in FORM_WORDS] if a.lang == "en" else []
        scored = []
        for i in sorted(cands):
            s = self.subjects[i]
            # A 個別分野 named (by number or name) bounds the subjects: nothing outside it answers.
            if field_named and field_of(s) != field_named:
                continue
            lexical = self._lexical(asked, s, i)
            if named:
                lexical = max(lexical, named.get(i, 0.0))
            score = lexical + 0.25 * bonus.get(i, 0.0)
            if context is not None:
                score += 0.2 * self._lexical(around, s, i) + (0.05 if s.sheet == context.sheet else 0)
            if a.family and not any(m in s.measures for m in FAMILIES[a.family]):
                score -= 0.15  # it cannot answer the kind of value asked (概算要求額 of a table that has none)
            elif a.family:
                score += 0.05
                # A subject that can answer for the year asked beats one that cannot.
                if a.years and any(f.measure in FAMILIES[a.family] and f.fiscal_year in a.years
                                   and f.value is not None for f in s.figures):
                    score += 0.15
            if a.years:
                if not any(f.fiscal_year in a.years for f in s.figures):
                    score -= 0.1
                elif not a.family:
                    score += 0.05
            # 「同（分担金・拠出金）」 is the secondary budget table of a 施策: only when asked for, and then it is
            # the one asked for, not its 「…除く」 twin.
            if "拠出金" in s.name:
                excluded = "除く" in s.name or "除き" in s.name
                if not a.asks_contribution and not excluded:
                    score -= 0.2
                elif a.asks_contribution:
                    score += -0.1 if excluded else 0.1
            # The unit the question implies (何人 → 人) against the subject's: 参加者数 (人), not 参加国数 (か国).
            if a.counter is not None:
                units = s.units
                if units:
                    score += 0.1 if any(u.endswith(a.counter) for u in units if u) else -0.1
            if placed and not all(p in norm(s.name) or term_matches(p, s.terms) for p in placed):
                # 'the Imperial Palace' (皇居): a place named that the subject does not say; it cannot answer
                score = min(score, STRONG - 0.05) - 0.1
            if _SHARE_RE.search(s.name) and not _SHARE_RE.search(a.normalized) and a.counter != "%":
                score -= 0.05  # 「…の構成比」 of a breakdown answers when a share is asked, its amounts otherwise
            if a.sheets and s.sheet not in a.sheets:  # the question names another sheet (by its 施策名)
                score -= 0.3 if self._ministry(s.sheet) in named_ministries else 0.6
            if content and lexical == 0 and context is None:
                # Nothing the question names is in this subject: search hits and the kind of value asked alone
                # do not make it the answer (「思いやり予算の特別協定は？」 is not the budget table).
                score = min(score, STRONG - 0.05)
            if glossed and s.kind == "budget" and not any(term_matches(t, s.title_terms) for t in glossed):
                # a 施策's own budget table answers for the 施策 the question names: its title must say so
                score = min(score, STRONG - 0.05)
            own = s.name_terms | s.title_terms
            if a.lang == "en" and i not in leading and not any(q in norm(s.name) for q in quoted) and (
                    s.sheet not in hit_sheets or sum(term_matches(t, own) for t in set(a.content)) < 2
                    and not any(w in norm(s.name) for w in nouns)):
                # An English question matches the sheets' words only through a few glossed ones (人数, 予算額):
                # the search must have found the subject's sheet, and two of its words must name it (words of
                # the 施策's title too: 「human rights consultation offices」 of 「人権相談窓口の…」), or a noun
                # of the policy field (残高 of 'balance') must.
                score = min(score, STRONG - 0.05)
            if s.kind != "budget" and any(x in TOTALS for x in s.series) and not all_series_in(a, s) \
                    and a.operation != "rank" and not ((sfx := category_suffix(s)) and sfx in a.normalized):
                # a breakdown (国税局別, with its 合計) answers for a category named; the whole is the indicator's
                score -= 0.1
            elif s.kind != "budget" and any(x in TOTALS for x in s.series) and a.operation != "rank" \
                    and any(p in "".join(all_series_in(a, s)) and p not in norm(s.name) for p in a.proper):
                score += 0.1  # (and a category named, 「北陸と東北」, is the breakdown's, not the whole's indicator)
            score += 0.001 * self._sheet_rank.get(s.sheet, 0)  # ties between sheets: the newest sheet
            scored.append((score, s))
        # (ties within a sheet: the subject whose own name says more of the words asked — 「押収量」 of
        # 「種類別押収量」, not of 「種類別摘発件数」 under the caption 「…摘発件数及び押収量」)
        scored.sort(key=lambda x: -x[0])
        named = {id(s): sum(self.idf(t) for t in set(a.content) if term_matches(t, s.name_terms))
                 for sc, s in scored[:8]}
        # (and then the one whose name ends as the question writes it: 「…の取得額が」 is of 「…・取得額」, not of
        # 「…・取得件数」, 額 being no word of its own)
        run = {id(s): tail_run(norm(s.name), a.normalized) for sc, s in scored[:8]}
        scored.sort(key=lambda x: (-round(x[0], 4), -named.get(id(x[1]), 0.0), -run.get(id(x[1]), 0)))
        return scored

    def rank_within(self, a: QuestionAnalysis, words: list[str], hits: Sequence[Hit],
                    context: Subject) -> list[tuple[float, Subject]]:
        """Ranking for a follow-up that names something new (「日米は？」) next to the frame's subject."""
        return self.rank(replace(a, content=words), hits, context)

    def category_near(self, a: QuestionAnalysis, words: Sequence[str], focus: Subject) -> tuple[Subject, str] | None:
        """A breakdown of the sheet in focus that has the category a follow-up names (「航空だけだと？」 after a
        share of all modes: the share by mode, its 航空 row), the one closest to the subject in focus."""
        best: tuple[tuple[bool, int], Subject, str] | None = None
        for i in self._by_sheet.get(focus.sheet, []):
            s = self.subjects[i]
            named = all_series_in(a, s) if s.key != focus.key else []
            if not named or not all(term_matches(w, set(terms(named[0]))) for w in words):
                continue
            # (the quantity in focus, in its unit, first: 「そのうちアフリカは？」 after 研修員 11,032人 is the 人
            # column, not the 出身国・地域数 column whose name shares more words)
            score = (bool(s.units & focus.units), len(s.name_terms & focus.name_terms))
            if score[1] and (best is None or score > best[0]):
                best = (score, s, named[0])
        return (best[1], best[2]) if best else None

    def default_budget_subjects(self, a: QuestionAnalysis) -> list[Subject]:
        """「令和2年度の執行額は？」 names no subject: the 施策's own budget table answers it (the one without
        分担金・拠出金 first), from the sheets that have the year asked, newest sheet first."""
        want = FAMILIES.get(a.family or "", [])
        prefer = "政策ごとの予算額" if a.family == "request" else "施策の予算額"
        # Forms name the 施策's own table differently (「予算額・執行額等」 alone): that one in a sheet that has
        # no other.
        if prefer not in self._own_budget:
            own = [s for s in self.subjects if s.name.startswith(prefer)]
            with_own = {s.sheet for s in own}
            self._own_budget[prefer] = own + [s for s in self.subjects if s.kind == "budget" and s.sheet not in with_own
                                              and re.search("予算額・執行額|施策の予算|政策ごとの予算額", s.name)]
        cands = [s for s in self._own_budget[prefer] if any(m in s.measures for m in want)
                 and (not a.sheets or s.sheet in a.sheets)]
        if a.years:
            cands = [s for s in cands if any(f.fiscal_year in a.years and f.measure in want
                                             for f in s.figures)] or cands
        cands.sort(key=lambda s: (-self.sheet_years.get(s.sheet, 0), "拠出金）" in s.name and "除く" not in s.name,
                                  s.name))
        return cands
