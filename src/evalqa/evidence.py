"""What the sheets say of a word: whether the corpus mentions it, and whether a subject carries it (in its
terms, notes, title or its own sections' text). The gates of `assistant` ask these before a figure answers."""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from .breakdown import TOTALS
from .conversation import FOLLOWUP_SWITCH
from .counts import COUNTERS, asked_noun
from .english import is_common, is_glossed, quoted_names, said_in
from .figure import BARE_NAME_RE, Figure
from .fiscal_year import find_fiscal_years
from .index import Index
from .lexicon import default_lexicon
from .matching import (
    COUNTRY_ABBREV,
    abbreviates,
    numbered_names,
    other_state,
    says_numbered,
    states_asked,
    term_matches,
)
from .normalize import nfkc, norm
from .operations import PAIR_RE
from .question import STOP, QuestionAnalysis, subject_words
from .romaji import loanwords, loose, readings
from .search import Hit, hit_source
from .senses import name_words
from .subject import Subject, category_suffix, series_in
from .subjects import STRONG, SubjectCatalogue
from .terms import NOUN_RE, compound_head, terms
from .translation import read_synonyms, translate

# 「自転車乗用中の死者」「シカによる被害額」: a qualifier, kanji (or による, における) between it and its noun
_JOINED = r"(?:[\u4e00-\u9fff\u30a1-\u30fa]{1,2}の?|による|における)?"
_OF_JOINED = rf"(?:の[\u4e00-\u9fff]{{0,2}})?{_JOINED}"
_PERSONS = ("者", "人")  # 「出院者」「受講者」: the word before a person suffix says who is counted


MIN_COVER = 0.35  # share of the question's (IDF-weighted) subject words the subject answering must carry
_FULL_WIDTH = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})


class Evidence:
    """Mentions and carried words of one index generation (mentions cached: the same words recur)."""

    def __init__(self, index: Index, catalogue: SubjectCatalogue):
        self.index = index
        self.catalogue = catalogue
        self._mentions: dict[str, bool] = {}
        self._readings: dict[str, str] | None = None
        self._loans: dict[str, str] | None = None
        self._name_says: Callable[[str, str], bool] | None = None
        self._by_sentence: dict[tuple[str, str], list[Figure]] | None = None

    def romanized(self, word: str) -> str | None:
        """The sheets' word a Latin word is the reading of (「michibiki」 → みちびき, 「rausu」 → 羅臼), else None."""
        if self._readings is None:  # (once per generation: some tenths of a second)
            self._readings = readings(self.catalogue.vocabulary())
        return self._readings.get(loose(word))

    def read_romanized(self, a: QuestionAnalysis) -> QuestionAnalysis:
        """An English question with the Japanese names it writes in Latin letters as the sheets write them
        (「the Michibiki availability rate」 names みちびき); words of English or of the sheets stay."""
        # (「michibiki-compatible」: a part of a hyphenated word too)
        found = {w: j for w in dict.fromkeys(x for c in a.content for x in c.split("-"))
                 if re.fullmatch(r"[a-z]{4,}", w) and not is_common(w) and not self.mentioned(w)
                 and (j := self.romanized(w))}
        if not found:
            return a
        normalized = a.normalized
        for w, j in found.items():
            normalized = re.sub(rf"(?<![a-z]){w}(?![a-z])", j, normalized)
        content = [found.get(w, w) for w in a.content]
        content += [j for w, j in found.items() if j not in content]
        return replace(a, content=content, proper=[p for p in a.proper if p not in found], normalized=normalized)

    def read_translated(self, a: QuestionAnalysis) -> QuestionAnalysis:
        """An English question with the words the dictionary gives in Japanese read as the sheets write them
        (「Quasi-Zenith satellites」 → 準天頂衛星; see `translation`)."""
        return translate(a, default_lexicon(), self.written, self.loans())

    def read_synonyms(self, a: QuestionAnalysis) -> QuestionAnalysis:
        """A Japanese question with a word no sheet writes read as the sheets' word for it (「パスポート」 → 旅券;
        see `translation.read_synonyms`)."""
        return read_synonyms(a, default_lexicon(), self.mentioned)

    def loans(self) -> dict[str, str]:
        """The sheets' katakana words by the English they come from (`romaji.loanwords`)."""
        if self._loans is None:  # (once per generation, as the romanized readings)
            self._loans = loanwords([*(s.name for s in self.catalogue.subjects), *self.catalogue.titles.values(),
                                     *(f.subject for f in self.catalogue.facts)])
        return self._loans

    def says(self, name: str, word: str) -> bool:
        """Does a name say an English word (`senses`): evidence of which name is asked, not a reading."""
        if self._name_says is None:
            self._name_says = name_words(default_lexicon(), self.loans())
        return self._name_says(name, word)

    def written(self, term: str) -> bool:
        """Do the sheets write the term: a Japanese word in their text, a word of katakana as a word of its own
        (「フォー」 is not written in 「フォーラム」)?"""
        if re.fullmatch(r"[\u30a0-\u30ff]+", term):
            return self.index.mentions(term, whole=True)
        return self.mentioned(term)

    def mentioned(self, term: str) -> bool:
        """Does any sheet mention the term?"""
        if term not in self._mentions:
            if len(self._mentions) > 50_000:  # words users type: bounded
                self._mentions.clear()
            # (an English question is read in lower case: 「dx」 is the sheets' 「DX」)
            # (and its full-width capitals: 「ＳＮＳ」)
            wide = term.upper().translate(_FULL_WIDTH) if term.isascii() else term
            self._mentions[term] = term.lower() in self.catalogue.filed_under or self.index.mentions(term) or (
                term.isascii() and (self.index.mentions(term.upper()) or self.index.mentions(wide)))
        return self._mentions[term]

    def unwritten_in_named(self, a: QuestionAnalysis) -> list[str]:
        """The proper nouns in Japanese a question says that no sheet it names writes (「東京の…」 of a sheet
        that never writes 東京 holds no such value)."""
        return [p for p in a.proper if a.sheets and p not in a.sheet_words and not p.isascii()
                and not any(self.index.section_mentions(sid, [], p) for sid in a.sheets)]

    def country_in_corpus(self, name: str) -> bool:
        """A country the sheets write otherwise: アメリカ as 米国 or in 日米, フランス as 仏 in 日仏 …"""
        abbrev = COUNTRY_ABBREV.get(name)
        if abbrev is None:
            return False
        return self.mentioned(abbrev + "国") or self.catalogue.has_compound(abbrev) or any(
            self.mentioned(other) for other, ab in COUNTRY_ABBREV.items() if ab == abbrev and other != name)

    def carries(self, subject: Subject, word: str) -> bool:
        """Does the subject carry the word: among its terms, or in its own sections' text?"""
        return any(term_matches(w, subject.terms) for w in dict.fromkeys((word, word.lower(), word.upper()))) \
            or self.in_subject_text(word, subject) \
            or (abbreviates(word, subject.name) and not self.mentioned(word))  # (「職安」 of 公共職業安定所)

    def held(self, words: Sequence[str], subject: Subject) -> float:
        """The share of the words (IDF-weighted) the subject carries: in its name, section, series, notes (「北米
        地域外交に必要な経費」) or sheet title, not anywhere in its sections' text."""
        idf = self.catalogue.idf
        notes = " ".join(dict.fromkeys(f.note or "" for f in subject.figures)) + (subject.title or "")
        total = sum(idf(w) for w in words)
        return sum(idf(w) for w in words if term_matches(w, subject.terms) or w in notes) / total if total else 0.0

    def names(self, a: QuestionAnalysis, subject: Subject, near: Sequence[Subject]) -> bool:
        """Does the question name the subject: most of its words are the subject's, not only one-character pieces
        of them (市・区・町・村 of 「空き家がある市区町村」) while a subject near it carries a whole word asked
        (空き家), and an English question's quoted Japanese name (「burns (火傷)」) is the subject's?"""
        words = subject_words(a)
        if not words:
            return True
        if self.held(words, subject) < MIN_COVER:
            return False
        if any(not says_numbered(n, nfkc(" ".join([subject.name, *(x or "" for x in subject.series)])))
               for n in numbered_names(a.normalized)):
            return False  # 「20歳未満からの相談」 is not 「65歳以上の…件数」
        whole = [w for w in words if len(w) >= 2]
        if whole and not any(self.carries(subject, w) for w in whole) \
                and any(term_matches(w, s.terms) for s in near for w in whole):
            return False
        if a.lang == "ja" and any(not self._says(subject, q) for q in _QUOTED_RE.findall(a.question)
                                  if q not in a.sheet_words):  # (「北米地域外交」 may name the sheet)
            return False  # 「事故のうち「墜落」によるもの」: a word quoted is a name the subject must say
        name = norm(subject.name)
        if any(x in name and not re.search(rf"{re.escape(x)}(?:等|など)?の?数", name)
               for x in _COUNTED_NOUN_RE.findall(a.normalized)):
            return False  # 「協力雇用主数」 is not 「協力雇用主のもとで就労した…者等の数」: it counts something else
        if a.lang == "ja" and any(mod in x and h not in x and hq not in y for x, hq in _counted(a.normalized)
                                  for y, h in _counted(name) if len(mod := y[:y.rfind(h)]) >= 2):
            return False  # 「図書館協力団体数」 counts 団体 of the 図書館 that 「図書館職員数」 names: another thing
        if (asked := asked_noun(a.normalized)) and not re.search(r"\d|元|年", asked) \
                and (heads := [t for t in terms(asked) if t not in STOP]) \
                and len(heads[-1]) >= 2 and not (self.carries(subject, heads[-1]) and (
                    subject.kind != "indicator" or named_by(heads[-1], subject) or heads[-1] in (subject.title or "")
                    or re.search(r"値$|実績|目標|基準", asked))):  # (「確定値はいくつ」 asks a kind of value)
            # 「贈与税の預金残高は」 asks 残高, which 「新規発生額」 does not measure; an indicator answers what its
            # name measures (「勧告は何件」 is not 「指導件数」, though its section speaks of 勧告)
            return False
        return not (a.lang == "en" and any(not all(term_matches(t, subject.terms) for t in terms(q))
                                           for q in quoted_names(a.question)))

    def named_best(self, a: QuestionAnalysis, ranked: Sequence[tuple[float, Subject]]
                   ) -> tuple[tuple[float, Subject | None], bool]:
        """The best subject and whether it is strong: above STRONG and named by the question; else a close second
        that is, carrying clearly more of its words (「…システムの更改」, not 「…システムの運用」)."""
        best: tuple[float, Subject | None] = ranked[0] if ranked else (0.0, None)
        first = best[1]
        if first is None or best[0] < STRONG:
            return best, False
        if self.names(a, first, [s for _, s in ranked[1:5]]):
            return best, True
        # (most of what the question names, 駐留経費負担, 少年院, is not this subject's)
        words = subject_words(a)
        least = max(0.45, self.held(words, first) + 0.1)
        second = next(((sc, s) for sc, s in ranked[1:3] if sc >= max(STRONG, 0.9 * best[0])
                       and self.held(words, s) >= least and self.names(a, s, [x for _, x in ranked[:5] if x is not s])),
                      None)
        return (second, True) if second is not None else (best, False)

    def _says(self, subject: Subject, quoted: str) -> bool:
        n = norm(quoted)
        return n in norm(subject.name) or any(n in norm(s) for s in subject.series if s) \
            or all(self.carries(subject, t) for t in terms(quoted))

    def in_subject_text(self, word: str, subject: Subject) -> bool:
        """Does the word appear in the subject's own sections (table header, 出典, prose) or sheet title?"""
        title = subject.title or ""
        if word in title or COUNTRY_ABBREV.get(word, "\0") in title:
            return True
        return self.index.section_mentions(subject.sheet, subject.section, word)

    def names_apart(self, a: QuestionAnalysis, subject: Subject, fact: Figure) -> bool:
        """Does the question name, besides what the subject carries, nouns only the fact's counted thing or its
        qualifiers say (「不正利用が疑われる通報」 against a table of 通報 by field)? Then the sentence answers."""
        lacking = [w for w in subject_words(a) if len(w) >= 2 and NOUN_RE.fullmatch(w) and not self.carries(subject, w)]
        return bool(lacking) and all(w in f"{fact.subject}・{fact.series or ''}" for w in lacking)

    def qualifiers(self, a: QuestionAnalysis, words: Sequence[str], subject: Subject, min_fact: float) -> list[str]:
        """Words of the question that qualify a noun the subject carries but that the subject does not (「運輸部門」
        when the table has 家庭部門 only; 「歩行中の負傷者数」 against all injured): its figure is of something else.
        A word only the section's prose has, where a sentence counts it apart (「シカが65億円」 beside the table
        of all animals), qualifies too."""
        carried = [w for w in words if self.carries(subject, w)]
        # (or a sentence elsewhere in the sheet that states the subject's own value beside it: 「参加者数は18,102人
        # （うちオンライン参加者11,530人）」 under 進捗状況, the table's 18,102 under 測定指標)
        own = {(f.fiscal_year, float(f.value), f.unit) for f in subject.figures if isinstance(f.value, (int, float))}
        apart = {w for w in carried if self.held([w], subject) == 0 and w not in a.proper
                 and any(f.sheet == subject.sheet and w in f"{f.subject}・{f.series or ''}"
                         and (f.section[:len(subject.section)] == subject.section or self._beside(f, own))
                         for f in self.catalogue.facts_naming([w], min_fact))}
        # 「意匠の一次審査…」: a word no sheet mentions that opens the phrase of the subject's name, joined by の to
        # a word of that name, names another thing (not 「センター経由の」, which relates two carried words)
        unknown = {w for w in words if w not in carried and w not in a.proper and not self.mentioned(w)
                   and not any(re.search(re.escape(c) + re.escape(w), a.normalized) for c in carried)}

        def joined(w: str, c: str) -> bool:
            gap = _OF_JOINED if w in unknown and named_by(c, subject) else _JOINED  # (_OF_JOINED is the wider)
            return re.search(re.escape(w) + gap + re.escape(c), a.normalized) is not None
        found = [w for w in words if len(w) >= 2 and NOUN_RE.fullmatch(w) and (w not in carried or w in apart)
                 and any(joined(w, c) for c in carried if (len(c) >= 2 or c in _PERSONS) and c not in apart)]
        # 「北海道からの派遣」 of a table 「派遣先都道府県別」: its 福島県 is where they went, not where from
        if re.search(r"先[^、。（）()]{0,6}別", subject.name):
            found += [x for x in subject.series if x and x not in found and f"{x}から" in a.normalized]
        # 「新たに整備された」 of a count 「（累計）」: the question asks the other state of the quantity
        said = " ".join([subject.name, *(s or "" for s in subject.series)])
        state = other_state(states_asked(a.normalized), said)
        # (「新たに…何人」 of 「検査官数」, a stock that says neither: the ones added, which a sentence may state)
        state = state or next((w for w, pattern, other in states_asked(a.normalized)
                               if "累計" in other and not re.search(pattern, said) and not re.search(other, said)
                               and subject.kind == "indicator"), None)
        return found + [state] if state else found


    def _beside(self, fact: Figure, own: set[tuple[int | None, float, str | None]]) -> bool:
        """Does the fact's sentence state a value of the subject (its year, value and unit) beside it?"""
        if self._by_sentence is None:
            self._by_sentence = {}
            for f in self.catalogue.facts:
                self._by_sentence.setdefault((f.sheet, f.raw), []).append(f)
        return any(f is not fact and (f.fiscal_year, f.value, f.unit) in own
                   for f in self._by_sentence.get((fact.sheet, fact.raw), []))


def named_by(word: str, s: Subject) -> bool:
    """Is the word in the subject's name or in a series of its figures (「有識者の部」)?"""
    return term_matches(word, set(terms(s.name)) | {t for f in s.figures if f.series for t in terms(f.series)})


def twins_of(words: Sequence[str], subject: Subject, near: Sequence[Subject]) -> list[Subject]:
    """Indicators of the subject's sheet that, like it, carry every word asked (「有識者の部」 of two polls): the
    question does not tell them apart."""
    return [s for s in near if words and s.sheet == subject.sheet and s.kind == subject.kind
            and s.name != subject.name and all(named_by(w, s) and named_by(w, subject) for w in words)]


def told_apart(a: QuestionAnalysis, subjects: Sequence[Subject]) -> list[Subject]:
    """Of subjects that all carry the question's words: the one split by a category the question names (「11月」
    of a table by month); with none named, the ones not split by category (避難者数 rather than its 都道府県別
    table), and of those the one that says the question's words as one phrase."""
    picked = [s for s in subjects if s.series and series_in(a, s)] or [s for s in subjects if not s.series]
    picked = longest_phrase(a.normalized, picked) if len(picked) > 1 else picked
    if len(picked) > 1:  # 「交付枚数」 asked: not 「交付枚数の人口に対する割合」, which says more than was asked
        words = [set(terms(BARE_NAME_RE.sub("", s.name))) for s in picked]
        inner = [s for s, w in zip(picked, words, strict=True) if all(w < o for o in words if o is not w)]
        if len(inner) == 1:
            return inner
    return picked


def longest_phrase(question: str, subjects: Sequence[Subject]) -> list[Subject]:
    """Of subjects that all carry the question's words, the one whose name holds the longest run of the question
    as written (「国内旅行者数」 in 「国内旅行者数（万人）」, not spread over 「…旅行者1人当たり…宿泊数」),
    when it holds more of it than any other; else all of them."""
    def run(name: str) -> int:
        n, best = len(question), 0
        for i in range(n):
            for j in range(i + best + 1, n + 1):
                if question[i:j] not in name:
                    break
                best = j - i
        return best
    runs = sorted(((run(s.name), i) for i, s in enumerate(subjects)), reverse=True)
    if len(runs) > 1 and runs[0][0] > runs[1][0]:
        return [subjects[runs[0][1]]]
    return list(subjects)


_QUOTED_RE = re.compile(r"「([^「」]{1,20})」")
# 「協力雇用主数」「参加者数」: what a count counts, the noun right before its 数
_COUNTED_NOUN_RE = re.compile(r"([一-龥ァ-ヴー]{2,})数")


def _counted(text: str) -> list[tuple[str, str]]:
    """Each 「…X数」 of a text and what it counts, as written: (「図書館協力団体」, 「団体」), (「救急出動件」,
    「出動」); the last noun, with the one before it when that is a single character (隊員 of 救助隊員)."""
    out = []
    for m in _COUNTED_NOUN_RE.finditer(text):
        words = terms(m.group(1))
        while words and words[-1] in COUNTERS:
            words.pop()
        head = compound_head(words)
        if len(head) >= 2 and head not in STOP and head in m.group(1):
            out.append((m.group(1), head))
    return out


# 「都道府県」「各県」「全管区」 name all categories, not one
_ANY_OF = ("都道府", "市区町", "市町", "各", "全", "同", "他", "当該", "その他", "主要", "主な")


def absent_category(a: QuestionAnalysis, subjects: Sequence[Subject]) -> str | None:
    """A category the question names in the words of a breakdown's categories that the table does not have:
    「第十二管区」 of a table of 第一管区 … 第十一管区, 「鳥取県」 of one of 岩手県, 宮城県, 福島県."""
    return next((x for s in subjects if (x := _absent_from(a, s)) is not None), None)


def _absent_from(a: QuestionAnalysis, subject: Subject) -> str | None:
    names = [norm(s) for s in subject.series if s]  # (「60～74歳」 as the question's matching form writes it)
    # (a breakdown lists its categories in full, with their total; an indicator's few series, 学部生 and
    # 大学院生, do not: 「外国人留学生」 is no category missing from them)
    if not any(s in TOTALS for s in names) or any(s in a.normalized for s in names) \
            or (suffix := category_suffix(subject)) is None:
        return None
    # (「神戸と広島の地方海難審判所」: the ending the categories share, 地方海難審判所, names none of them)
    # (a whole word: 「水道水源」 is no 「水道水」 of a table of 河川表流水, 湖沼水 and 地下水)
    asked = next((m.group(0) for m in re.finditer(rf"[一-龥ァ-ヴー0-9]+?{suffix}(?![一-龥ァ-ヴー])", a.normalized)
                  if m.group(0) != suffix and not a.normalized[m.end():].startswith("別")
                  and sum(n.endswith(m.group(0)) for n in names) < 2
                  and m.group(0)[:-len(suffix)] not in _ANY_OF), None)
    if asked is not None and a.lang == "en" and any(is_glossed(asked[i:]) for i in range(len(asked) - len(suffix))):
        return None  # (「裁決海難審判所」: a body the gloss wrote, 'ruling at the Marine Accident Tribunal')
    return asked if asked is not None and asked not in names else None


def named_subjects(a: QuestionAnalysis, ranked: list[tuple[float, Subject]]) -> list[Subject]:
    """The best subject, and a second one when the question names something the first does not carry."""
    first = ranked[0][1]
    # Names only: the section path (shared by every 達成手段 of a 個別分野) tells two subjects apart less well.
    own = {t for t in a.content if term_matches(t, set(terms(first.name)))}
    # 「テレビ・ラジオとインターネット広報で」: of a pair named, the one the first does not say is a row of the same
    # table that says it as written (not 「政府インターネットテレビ」, which shares its words)
    pair = PAIR_RE.search(a.normalized)
    # (the terms of the years asked, 「令和4年度」 → 令和, 4, 年度, fy2022: a year names no subject)
    years = {t for m in find_fiscal_years(a.normalized) for t in terms(m.text)}
    if len(a.years) == 2 and (pair is None or all(set(terms(p)) <= years for p in pair.groups())):
        return [first]  # (「2022年度と2023年度のどちらが高い」: one subject's two years, not two subjects)
    if pair and not any(set(terms(p)) <= years for p in pair.groups()):  # (「令和4年度と5年度では」: two years)
        other = next((norm(p) for p in pair.groups() if norm(p) not in norm(first.name)), None)
        said = [s for _, s in ranked[1:30] if other and other in norm(s.name) and s.name != first.name
                and s.sheet == first.sheet and s.kind == first.kind]
        if len(said) == 1:
            return [first, said[0]]
    # (a year asked names no subject: 「令和4年度と5年度では」 is not 「…の改修（令和4年度）」, a means begun then)
    own -= years
    # (an English question's own words only: not those a name found by embedding added)
    glossed = said_in(a.question, a.content)
    spoken = [t for t in a.content if t in glossed or t.isascii() and t in a.question.lower()] \
        if a.lang == "en" else a.content
    for score, s in ranked[1:8]:
        theirs = {t for t in spoken if term_matches(t, set(terms(s.name))) and t not in years}
        if s.name != first.name and score >= FOLLOWUP_SWITCH and theirs - own and own - theirs:
            return [first, s]
    return [first]


def figure_sources(index: Index, figs: Sequence[Figure], hits: Sequence[Hit]) -> list[dict]:
    """The passages that hold the figures cited: a hit's when one holds it, else the stored chunk at its line."""
    out, seen = [], set()
    for f in figs:
        line = f.line or 0
        hit = next((h for h in hits if h.sheet == f.sheet and h.section == f.section
                    and (h.first_line or 0) <= line <= (h.last_line or 0)), None)
        if hit is not None:
            if hit.chunk_id not in seen:
                seen.add(hit.chunk_id)
                out.append(hit_source(hit))
            continue
        found = index.chunk_at(f.sheet, f.section, line)
        if found is not None and found[0] not in seen:
            seen.add(found[0])
            stored = index.chunks([found[0]]).get(found[0])
            out.append({"sheet": f.sheet, "section": f.section, "text": found[1], "score": 0.0,
                        "page": stored.page if stored else None})
    return out
