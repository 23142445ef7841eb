"""What the sheets say of a word: whether the corpus mentions it, and whether a subject carries it (in its
terms, notes, title or its own sections' text). The gates of `assistant` ask these before a figure answers."""
from __future__ import annotations

from collections.abc import Sequence

from .index import Index
from .matching import COUNTRY_ABBREV, term_matches
from .subjects import Subject, SubjectCatalogue


class Evidence:
    """Mentions and carried words of one index generation (mentions cached: the same words recur)."""

    def __init__(self, index: Index, catalogue: SubjectCatalogue):
        self.index = index
        self.catalogue = catalogue
        self._mentions: dict[str, bool] = {}

    def mentioned(self, term: str) -> bool:
        """Does any sheet mention the term?"""
        if term not in self._mentions:
            if len(self._mentions) > 50_000:  # words users type: bounded
                self._mentions.clear()
            self._mentions[term] = self.index.mentions(term)
        return self._mentions[term]

    def country_in_corpus(self, name: str) -> bool:
        """A country the sheets write otherwise: アメリカ as 米国 or in 日米, フランス as 仏 in 日仏 …"""
        abbrev = COUNTRY_ABBREV.get(name)
        if abbrev is None:
            return False
        return self.mentioned(abbrev + "国") or self.catalogue.has_compound(abbrev) or any(
            self.mentioned(other) for other, ab in COUNTRY_ABBREV.items() if ab == abbrev and other != name)

    def carries(self, subject: Subject, word: str) -> bool:
        """Does the subject carry the word: among its terms, or in its own sections' text?"""
        return term_matches(word, subject.terms) or term_matches(word.lower(), subject.terms) \
            or self.in_subject_text(word, subject)

    def held(self, words: Sequence[str], subject: Subject) -> float:
        """The share of the words (IDF-weighted) the subject carries: in its name, section, series, notes (「北米
        地域外交に必要な経費」) or sheet title, not anywhere in its sections' text."""
        idf = self.catalogue.idf
        notes = " ".join(dict.fromkeys(f.note or "" for f in subject.figures)) + (subject.title or "")
        total = sum(idf(w) for w in words)
        return sum(idf(w) for w in words if term_matches(w, subject.terms) or w in notes) / total if total else 0.0

    def in_subject_text(self, word: str, subject: Subject) -> bool:
        """Does the word appear in the subject's own sections (table header, 出典, prose) or sheet title?"""
        title = subject.title or ""
        if word in title or COUNTRY_ABBREV.get(word, "\0") in title:
            return True
        return self.index.section_mentions(subject.sheet, subject.section, word)
