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

SENSES = 24  # dictionary senses of a question's word looked for in a name
_STEM = 5  # letters two forms of a word share at least (「donat」ed / 「donat」ion)
_GRAMMAR_RE = re.compile(r"^(?:about|after|before|between|during|into|from|with|without|than|then|that|this|"
                         r"these|those|there|their|which|what|when|where|were|have|been|does|much|many|more|"
                         r"most|each|every|over|under|also|only|both|same|other|such|some|any|all|and|the|for|"
                         r"how|was|did|its|who|why|whom|whose|will|would|could|should|through|per|off|via|while|within|against|"
                         r"among|listed|had|has|having|according|"
                         r"million|billion|thousand|yen|percent|points?)$")


def question_words(question: str) -> list[str]:
    """The words of an English question that may name something (not its grammar, not the form's words the
    glossary reads as measures: 「target」「FY」 are not what is named)."""
    words = re.findall(r"[a-z]{3,}", question.lower())
    return [w for w in dict.fromkeys(words) if not _GRAMMAR_RE.match(w) and w not in _FORM]


# The form's own words: every name of a sheet is of one of them (an indicator's target, a 達成手段's budget).
_FORM = frozenset({"target", "targets", "actual", "actuals", "result", "results", "value", "values", "budget",
                   "budgets", "indicator", "indicators", "measure", "measures", "sheet", "policy", "fiscal",
                   "year", "number", "amount", "rate", "execution", "evaluation", "according", "japan",
                   "japanese", "ministry", "agency", "many", "much", "please", "tell", "show", "give", "list"})


def _stemmed(a: str, b: str) -> bool:
    """Two forms of one word: equal, or sharing their first letters up to the shorter one's ending."""
    if a == b or {a, *singulars(a)} & {b, *singulars(b)}:  # (「tax」 of 「payment of taxes」)
        return True
    n = len(a) if len(a) <= len(b) else len(b)
    share = n - (3 if n > 6 else 2)  # (「doctor」al, 「occurr」ed / 「occurr」ence)
    return n >= _STEM and a[:max(share, _STEM)] == b[:max(share, _STEM)]


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
