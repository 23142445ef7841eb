"""English words of a question read as the sheets write them: 「Quasi-Zenith satellites」 → 準天頂衛星,
「four-island exchange」 → 四島交流, 「Betsukai」 → 別海, 「Moonshot」 → ムーンショット.

The glossary has read the form's words already; the words left in Latin letters are read as the katakana
loanwords of the sheets they come from (`romaji.loanwords`), else looked up in the dictionary (`lexicon`). A
Japanese word stands for them only when a sheet writes it: the dictionary offers, the corpus decides. A phrase
the dictionary knows whole is read first (longest first); then neighbouring words whose Japanese words join into
one the sheets write (四 + 島 + 交流); then a name alone (a capitalised word), when only one of its Japanese words is
written in the sheets (several are a guess, and a common word alone is left to the embedder).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from .english import is_common
from .lexicon import Lexicon, singulars
from .question import QuestionAnalysis, content_terms

_RUN_RE = re.compile(r"[a-z][a-z'\-]*(?:・[a-z][a-z'\-]*)*")
_MAX_SPAN = 4
# Words of grammar, not of things: the dictionary has them too (「over」 → 越し), but they name nothing.
GRAMMAR = frozenset(re.findall(r"[a-z]+", """
about above across after against along among around before behind below beneath beside besides beyond but by
despite down during except inside into like near off onto out outside over past since through throughout till
toward towards under underneath unlike until up upon via within without
all also although another any anything because both can could each either else ever every few hence however if
more most much neither nor not only other others ought same several shall should some still such though thus too
very what when where whereas whether which while who whom why would yet you your they them we our us he she his
her i my me one ones get got let make made do done go went gone come came take taken
"""))
_JOINED = 12  # Japanese words per English word tried when joining neighbours (the commonest first)


def translate(a: QuestionAnalysis, lexicon: Lexicon | None, mentioned: Callable[[str], bool],
              loans: Mapping[str, str] | None = None) -> QuestionAnalysis:
    """The analysis with the English words the sheets write in Japanese read as that Japanese: in its
    normalized text, its content words and its proper nouns (a name the sheets write is no unknown name, and
    still one the answer must carry). Words in brackets restate a name given before them: they are not read."""
    normalized, found = a.normalized, {}
    # (「policy goal III-1-1 (workplace safety and health)」: an aside that says again what is named)
    # (「(a+b+c)」: letters that label a row are no words of an aside)
    aside = {w.lower() for m in re.finditer(r"\(([^()]*)\)", a.question)
             for w in re.findall(r"[A-Za-z]{2,}", m.group(1))}
    # (words written with a capital inside the sentence: 「the Betsukai museum」, not 「Which …」)
    names = {w.lower() for w in re.findall(r"(?<=[^\s.?!]\s)[A-Z][a-z]+", a.question)}
    for m in reversed(list(_RUN_RE.finditer(a.normalized))):
        tokens = [t for t in re.split(r"[・\-]", m.group(0)) if t]
        if any(t in aside for t in tokens):
            continue
        # (words the user hyphenated are one compound: 「four-island」)
        hyphened = {i for i, sep in enumerate(re.findall(r"[・\-]+", m.group(0).strip("・-"))) if "-" in sep}
        reading = _read(tokens, hyphened, names, lexicon, mentioned, loans or {})
        if reading is None:
            continue
        japanese, consumed = reading
        found.update(consumed)
        normalized = normalized[:m.start()] + japanese + normalized[m.end():]
    if not found:
        return a
    content = [w for w in a.content if w not in found]
    content += [t for j in dict.fromkeys(found.values()) for t in content_terms(j)[0] if t not in content]
    # (a name read stays a name the answer must carry, now in the sheets' words: 「Myanmar」 → ミャンマー)
    proper = list(dict.fromkeys(found.get(p, p) for p in a.proper))
    return replace(a, content=content, proper=proper, normalized=normalized,
                   read=tuple(dict.fromkeys([*a.read, *found.values()])))


def _read(tokens: list[str], hyphened: set[int], names: set[str], lexicon: Lexicon | None,
          mentioned: Callable[[str], bool], loans: Mapping[str, str]) -> tuple[str, dict[str, str]] | None:
    """The run of English words in Japanese where the sheets write it (other words kept), and which English
    word went into which Japanese word; None when nothing was read."""
    out: list[str] = []
    consumed: dict[str, str] = {}
    i = 0
    while i < len(tokens):
        span = _loanword(tokens, i, names, loans, mentioned)
        if span is None and lexicon is not None:
            span = _compound(tokens, i, hyphened, lexicon, mentioned) or _alone(tokens[i], names, lexicon, mentioned)
        if span is None:
            out.append(tokens[i])
            i += 1
            continue
        japanese, n = span
        consumed.update({t: japanese for t in tokens[i:i + n]})
        out.append(japanese)
        i += n
    if not consumed:
        return None
    # (the English words left keep the separator the analysis gives neighbouring unknown words)
    return re.sub(r"(?<=[a-z]) (?=[a-z])", "・", " ".join(out)).replace(" ", ""), consumed


def _unknown(token: str, mentioned: Callable[[str], bool]) -> bool:
    return len(token) >= 2 and token not in GRAMMAR and not is_common(token) and not mentioned(token)


def _loanword(tokens: Sequence[str], i: int, names: set[str], loans: Mapping[str, str],
              mentioned: Callable[[str], bool]) -> tuple[str, int] | None:
    """The katakana word the sheets write for English words it comes from (「Moonshot」 → ムーンショット, 「project
    managers」 → プロジェクトマネージャー), the longest run first; a word alone only when it is a name (「work」 is
    ワーク somewhere, which would make a qualifier of it)."""
    for n in range(min(_MAX_SPAN, len(tokens) - i), 0, -1):
        words = list(tokens[i:i + n])
        if not any(_unknown(t, mentioned) for t in words) or (n == 1 and words[0] not in names):
            continue
        for last in dict.fromkeys([words[-1], *singulars(words[-1])]):
            for sep in ("", " ", "-"):
                if (kana := loans.get(sep.join([*words[:-1], last]))) is not None and len(kana) >= 2:
                    return kana, n
    return None


def _compound(tokens: Sequence[str], i: int, hyphened: set[int], lexicon: Lexicon,
              mentioned: Callable[[str], bool]) -> tuple[str, int] | None:
    """The longest run of words from i in one Japanese word the sheets write: a phrase the dictionary knows whole
    (「quasi-zenith」 → 準天頂), or a word, joined with the Japanese words of the words after it as long as the
    sheets write the join (準天頂 + 衛星; 「four-island」 → 四 + 島). A join of two characters counts only for words
    the user hyphenated (two one-character words join by chance: 「前」+「年」)."""
    starts: list[tuple[list[str], int, bool]] = []  # (Japanese words, words read, read whole by the dictionary)
    for n in range(min(_MAX_SPAN, len(tokens) - i), 1, -1):
        # (a phrase of common words only when the sheets write its Japanese as a long word: 「international
        # organizations」 → 国際機関)
        shortest = 2 if any(_unknown(t, mentioned) for t in tokens[i:i + n]) else 3
        if not any(t in GRAMMAR for t in (tokens[i], tokens[i + n - 1])):
            head, last = tokens[i:i + n - 1], tokens[i + n - 1]
            phrases = dict.fromkeys([" ".join(tokens[i:i + n]), "-".join(tokens[i:i + n]),
                                     *(" ".join([*head, one]) for one in singulars(last)[:1])])
            if written := [j for e in phrases for j in lexicon.japanese(e) if len(j) >= shortest and mentioned(j)]:
                starts.append((written[:_JOINED], n, True))
                break
    # (common words too, but only where their join is a long word the sheets write: 「international peace」 →
    # 国際 + 平和; a common word alone stays English)
    common = not _unknown(tokens[i], mentioned)
    if len(tokens[i]) >= 3 and tokens[i] not in GRAMMAR and not mentioned(tokens[i]):
        starts.append(([j for j in lexicon.japanese(tokens[i])[:_JOINED] if mentioned(j)], 1, False))
    best: tuple[str, int] | None = None
    for words, n, whole in starts:
        if whole and (best is None or n > best[1]):
            best = (words[0], n)
        k = n
        while words and i + k < len(tokens):
            nxt = [j for j in lexicon.japanese(tokens[i + k])[:_JOINED] if mentioned(j)]
            words = [w for w in dict.fromkeys(p + j for p in words for j in nxt) if mentioned(w)]
            k += 1
            long_enough = len(words[0]) >= (4 if common and n == 1 else 3) if words else False
            if words and (long_enough or (not common and all(x in hyphened for x in range(i, i + k - 1)))) \
                    and (best is None or k > best[1]):
                best = (words[0], k)
    return best


def _alone(token: str, names: set[str], lexicon: Lexicon, mentioned: Callable[[str], bool]
           ) -> tuple[str, int] | None:
    """A name the sheets write in just one of its Japanese words (「Betsukai」 → 別海). Not a word of English
    alone: 「meat」 → 食肉 would make a qualifier of what the English left open."""
    if token not in names or not _unknown(token, mentioned):
        return None
    written = [j for j in lexicon.japanese(token) if len(j) >= 2 and mentioned(j)]
    return (written[0], 1) if len(written) == 1 else None


_SYNONYM_RUN_RE = re.compile(r"[ァ-ヴー]{3,}")  # (loanwords and their clippings; a kanji word's glosses are too wide)
_GLOSSES = 2  # a word's first glosses: its meaning; later ones are other senses
_RANK = 3  # the word must be among a gloss's first Japanese words: the gloss is what it means, not a sense


def read_synonyms(a: QuestionAnalysis, lexicon: Lexicon | None, mentioned: Callable[[str], bool]) -> QuestionAnalysis:
    """A Japanese question with a word no sheet writes read as the word the sheets write for the same thing, by
    way of its English gloss: 「パスポート」 → 旅券, 「マイナカード」 → マイナンバーカード, 「コンビニ」 →
    コンビニエンスストア. Only where the dictionary gives the word as one of a gloss's first words (「シニア」 is
    not 上級)."""
    if lexicon is None:
        return a
    normalized, found = a.normalized, {}
    for m in reversed(list(_SYNONYM_RUN_RE.finditer(a.normalized))):
        word = m.group(0)
        if mentioned(word):  # (written anywhere, even inside a longer word: 「グラスルーツからの…」)
            continue
        same = next((j for g in lexicon.english(word)[:_GLOSSES] if word in (js := lexicon.japanese(g)[:_RANK])
                     for j in js if j != word and len(j) >= 2 and mentioned(j)), None)
        if same is not None:
            found[word] = same
            normalized = normalized[:m.start()] + same + normalized[m.end():]
    if not found:
        return a
    content = [t for t in a.content if not any(t in w for w in found)]
    content += [t for j in found.values() for t in content_terms(j)[0] if t not in content]
    return replace(a, content=content, normalized=normalized,
                   proper=[found.get(p, p) for p in a.proper], read=tuple(dict.fromkeys([*a.read, *found.values()])))
