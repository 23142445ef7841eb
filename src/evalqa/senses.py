"""Which of several names an English question's words are written in: soft evidence of what it names.

Translation (`translation`) rewrites a question only where the sheets write one reading of a word: a common
word read wrongly would become a qualifier that vetoes the right figure. Naming is more forgiving: of names
the embedder finds about equally close, the one that says more of the question's words is the one asked
(「the share of under-40 researchers on fixed-term contracts」: 若手研究者（40歳未満）に占める任期付き雇用の割合,
not 40歳未満の教員の割合). A word is said by a name when the dictionary glosses one of the name's words with it
(任期 → 「term of office」, 博士 → 「doctor」, 寄附 → 「donation」), when one of the word's own senses is written in
the name, or when the name writes the katakana loanword it comes from (インシデント). Forms are matched loosely
(「doctoral」 doctor, 「donated」 donation, 「corporate」 corporation).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from .lexicon import Lexicon, singulars
from .terms import terms
from .translation import GRAMMAR

SENSES = 24  # dictionary senses of a question's word looked for in a name
# Words of a question that name nothing beside the grammar (translation.GRAMMAR): the form's own words (every name
# of a sheet is an indicator's, a target's, a budget's), units, and words of asking
_FORM = frozenset({"target", "targets", "actual", "actuals", "result", "results", "value", "values", "budget",
                   "budgets", "indicator", "indicators", "measure", "measures", "sheet", "policy", "fiscal",
                   "year", "number", "amount", "rate", "execution", "evaluation", "according", "japan", "japanese",
                   "ministry", "agency", "please", "tell", "show", "give", "list", "listed", "million", "billion",
                   "thousand", "yen", "percent", "point", "points", "was", "were", "are", "is", "the", "and", "has",
                   "had", "have", "having", "did", "does", "get", "got", "how", "its", "than", "then", "that", "this",
                   "these", "those", "there", "their", "for", "from", "with", "per", "off", "via", "against", "among"})


def question_words(question: str) -> list[str]:
    """The words of an English question that may name something (not its grammar, not the form's words the
    glossary reads as measures: 「target」「FY」 are not what is named)."""
    words = re.findall(r"[a-z]{3,}", question.lower())
    return [w for w in dict.fromkeys(words) if w not in GRAMMAR and w not in _FORM]


# Endings a word's forms differ by (「donat-ed」「donat-ion」, 「doctor-al」, 「occurr-ence」)
_ENDINGS = ("ations", "ation", "ions", "ion", "ences", "ence", "ances", "ance", "ments", "ment", "ings", "ing",
            "ers", "er", "ors", "or", "ies", "ied", "ed", "es", "al", "ial", "ical", "ic", "ity", "ive", "ly", "s", "e",
            "y")


def _stems(word: str) -> set[str]:
    return {word, *(word[:-len(e)] for e in _ENDINGS if word.endswith(e) and len(word) - len(e) >= 4)}


def _stemmed(a: str, b: str) -> bool:
    """Two forms of one word: the same once an ending is taken off each (donated / donation, doctoral / doctor),
    not two words that merely begin alike (count / country, internet / international)."""
    return a == b or bool({a, *singulars(a)} & {b, *singulars(b)}) or bool(_stems(a) & _stems(b))


class NameWords:
    """The English a name says: the glosses of its words, its loanwords' origins; and whether it says a word."""

    def __init__(self, lexicon: Lexicon | None, loans: Mapping[str, str]):
        self._lexicon = lexicon
        self._origins: dict[str, list[str]] = {}
        for english, kana in loans.items():
            self._origins.setdefault(kana, []).extend(english.split())
        self._bags: dict[str, frozenset[str]] = {}
        self._senses: dict[str, list[str]] = {}

    def bag(self, name: str) -> frozenset[str]:
        """The English words the name's words are glossed with."""
        if name not in self._bags:
            words: set[str] = set()
            for t in terms(name):
                words.update(self._origins.get(t, ()))
                if self._lexicon is not None and not t.isascii():
                    for gloss in self._lexicon.english(t)[:12]:
                        words.update(re.findall(r"[a-z]{3,}", gloss))
            self._bags[name] = frozenset(words)
        return self._bags[name]

    def senses(self, word: str) -> list[str]:
        """The word's Japanese words (two characters or more: one kanji alone is found anywhere)."""
        if word not in self._senses:
            forms = [word, *singulars(word)]
            self._senses[word] = [j for w in forms for j in (self._lexicon.japanese(w)[:SENSES] if self._lexicon
                                                               else []) if len(j) >= 2]
        return self._senses[word]

    def says(self, name: str, word: str) -> bool:
        """Does the name say the English word, in its glosses, its loanwords or the word's own senses?"""
        return any(_stemmed(word, b) for b in self.bag(name)) or any(j in name for j in self.senses(word))


def name_words(lexicon: Lexicon | None, loans: Mapping[str, str]) -> Callable[[str, str], bool]:
    """(name, English word) → does the name say it (`NameWords.says`)."""
    return NameWords(lexicon, loans).says
