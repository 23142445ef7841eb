"""The words of the sheets' titles: title word → sheets, each title's first word and first clause, each sheet's
個別分野 (once per catalogue), and the sheets a question names by them, in Japanese or in English words the
dictionary reads (「the Hokkaido development pre-analysis sheet」)."""
from __future__ import annotations

import re
from weakref import WeakKeyDictionary

from .glossary import GLOSSARY
from .lexicon import default_lexicon, singulars
from .normalize import norm
from .question import QuestionAnalysis
from .subjects import SubjectCatalogue
from .terms import terms

_ENGLISH_DOCUMENT_RE = re.compile(r"\b(?:sheet|report|evaluation|pre-analysis|assessment|policy review)\b", re.I)
# The words before the document an English question names: 「the (Hokkaido development) pre-analysis sheet」
# (not 「policy measures」「policy goal」: the 施策's 達成手段 or 目標, no document; nor 「How many」's words)
_ENGLISH_NAMING_RE = re.compile(r"(?<![A-Za-z])(?!(?:how|what|which|many|much)\b)"
                                r"((?:[A-Za-z][A-Za-z'\-]*\s+){1,4}?)(?:(?:policy|pre-analysis|performance|"
                                r"evaluation|ex-post)\s+)*(?:sheet|report|evaluation|policy|programme|program)\b"
                                r"(?!\s+(?:measures?|indicators?|goals?|targets?|areas?|means|instruments?|objectives?)\b)",
                                re.I)

_LAST_WORDS_RE = re.compile(r"\b(?:the|of|in|for|on|at|from|to|by|its|their|per|about|under|with)\b", re.I)


def japanese_words(word: str) -> list[str]:
    """The Japanese words (two characters at least) the dictionary gives an English word, most common first."""
    lexicon = default_lexicon()
    return [] if lexicon is None else [j for j in lexicon.japanese(word)[:12] if len(j) >= 2]


_FIRST_SENSES = 3  # of an English word's one-kanji senses, the commonest only begin a title word (port → 港 → 港湾)


def title_words(word: str, cat: SubjectCatalogue) -> list[str]:
    """The title words an English word names: its dictionary words; the title words whose own glosses say it as a
    word (「postal」 is no gloss of its own, but 郵政 is 「postal system」); the title words that begin with one of
    its commonest one-kanji senses (「port」 → 港 → 港湾, which the dictionary glosses 「harbour」 only)."""
    lexicon = default_lexicon()
    if lexicon is None:
        return []
    by_gloss = _glossed_title_words(cat)
    said = [t for w in (word, *singulars(word)) for t in sorted(by_gloss.get(w, ()))]
    kanji = [j for j in lexicon.japanese(word)[:_FIRST_SENSES] if len(j) == 1 and "\u4e00" <= j <= "\u9fff"]
    # (or are a title word themselves: 「cancer」 → 癌, the word がん of 「がん対策…」)
    begun = [t for k in kanji for t in _title_words_by_first(cat).get(k, [])]
    return list(dict.fromkeys([*japanese_words(word), *said, *begun]))


_GLOSSES: WeakKeyDictionary[SubjectCatalogue, dict[str, set[str]]] = WeakKeyDictionary()
_FIRSTS: WeakKeyDictionary[SubjectCatalogue, dict[str, list[str]]] = WeakKeyDictionary()


def _title_words_by_first(cat: SubjectCatalogue) -> dict[str, list[str]]:
    """First character → the title words that begin with it, in title-word order (once per catalogue)."""
    if cat not in _FIRSTS:
        firsts: dict[str, list[str]] = {}
        for t in title_names(cat)[2]:
            if t:
                firsts.setdefault(t[0], []).append(t)
        _FIRSTS[cat] = firsts
    return _FIRSTS[cat]


def _glossed_title_words(cat: SubjectCatalogue) -> dict[str, set[str]]:
    """English word → the title words whose dictionary glosses say it (once per catalogue)."""
    if cat not in _GLOSSES:
        lexicon = default_lexicon()
        index: dict[str, set[str]] = {}
        for t in title_names(cat)[2]:
            if lexicon is not None and len(t) >= 2 and not t.isascii():
                for gloss in lexicon.english(t)[:12]:
                    for w in re.findall(r"[a-z]{4,}", gloss.lower()):
                        for form in (w, *singulars(w)):  # (「guests」 of 迎賓 says 「guest」)
                            index.setdefault(form, set()).add(t)
        _GLOSSES[cat] = index
    return _GLOSSES[cat]


# 「the health ministry's」「the Fisheries Agency's」: the words of a body's name, not of the 施策's
_BODY_WORDS_RE = re.compile(r"\b(?:[a-z\-]+\s+){0,2}(?:ministry|agency|commission|office|bureau|board)(?:'s)?\b")


def words_of_policy(text: str) -> list[str]:
    """The English words (four letters at least) of a question or phrase that may be a 施策's title words: not
    those of a body's name (「the health ministry's」)."""
    return list(dict.fromkeys(re.findall(r"[a-z]{4,}", _BODY_WORDS_RE.sub(" ", text.lower()).replace("'s", ""))))


def named_in_english(a: QuestionAnalysis, cat: SubjectCatalogue, within: set[str] | None = None
                     ) -> tuple[list[str], set[str]]:
    """The sheets of the one 施策 whose title writes more of the words an English question puts before
    the document it names (「the Hokkaido development pre-analysis sheet」, 「MLIT's railway safety policy」) than
    any other's (two at least, or the phrase's only such word), by the Japanese words the dictionary gives them
    (development → 開発); and those words where the question speaks of the document (「Quasi-Zenith satellites
    operating」 names the indicator 準天頂衛星の運用機数 in its 施策's words: they stay the subject's). Words elsewhere
    name no sheet (「illegal dumping … stay under」 is no 不法滞在), nor do a body's (「the health ministry's」);
    `within`: the sheets of the ministry the question names."""
    phrase = _ENGLISH_NAMING_RE.search(a.question)
    if phrase is None:
        return [], set()
    index = title_names(cat)[2]  # title word → sheets
    groups: list[tuple[str, set[str]]] = []
    # (the words after the last article or preposition: 「rate of the postal policy」 names 郵政, not 割合)
    last = _LAST_WORDS_RE.split(phrase.group(1))[-1]
    # (not a ministry's letters the glossary reads, 「MHLW's」: they say whose, not which 施策)
    asked = [w for w in words_of_policy(last) if not GLOSSARY.get(w, "").endswith(("省", "庁", "府", "委員会"))]
    for w in asked:
        # (of the sheets of the ministry the question names, when it names one)
        if sids := set().union(*(index.get(j, set()) for j in title_words(w, cat))) & (within or set(cat.titles)):
            groups.append((w, sids))
    count: dict[str, int] = {}
    for _, g in [*groups, *_compounds_named(asked, cat, within)]:
        for sid in g:
            count[sid] = count.get(sid, 0) + 1
    best = max(count.values(), default=0)
    if best < (len(asked) + 1) // 2:  # (half the phrase's words at least: 「drug」 of 'the drug supply stabilization')
        return [], set()
    top = sorted(sid for sid, n in count.items() if n == best)
    # (one word only when it is the phrase's one word any title writes: 「the loneliness policy sheet」, or the one
    # word only one 施策's title writes: 「the health ministry's suicide-prevention policy」 → 自殺)
    own = {p for _, g in groups if len(ps := {cat.policy_titles.get(sid) for sid in g}) == 1 for p in ps}
    if best < min(2, len(groups)) and len(own) == 1:
        top = sorted({sid for _, g in groups for sid in g if cat.policy_titles.get(sid) in own})
    elif best < min(2, len(groups)) or not top or len({cat.policy_titles.get(sid) for sid in top}) != 1:
        return [], set()
    # (「the postal policy」: the words right after the article name the 施策 as a document's name does)
    before = phrase.group(1)[:len(phrase.group(1)) - len(last)]
    # (not 「the … programme」, which is as often one of its 達成手段)
    if _ENGLISH_DOCUMENT_RE.search(a.question) is None and not (
            re.search(r"\bthe\s*$", before, re.I) and re.match(r"\s*polic", a.question[phrase.end(1):], re.I)):
        return top, set()
    return top, {w for w, g in groups if g & set(top)}


def _compounds_named(asked: list[str], cat: SubjectCatalogue, within: set[str] | None) -> list[tuple[str, set[str]]]:
    """(two words, sheets) for each two neighbouring words whose dictionary compound a title writes: 'traffic
    accident' is 交通事故, which 「交通事故の抑止」 writes and 「鉄道事故の防止」「交通安全」 do not, though each of
    those writes one of the two words (the compound counts once more for the sheets that write it whole)."""
    lexicon = default_lexicon()
    if lexicon is None:
        return []
    found = []
    for first, second in zip(asked, asked[1:], strict=False):
        compounds = [j for j in lexicon.japanese(f"{first} {second}")[:6] if len(j) >= 3]
        if compounds and (sids := {sid for sid, t in cat.policy_titles.items() if any(j in t for j in compounds)}
                          & (within or set(cat.titles))):
            found.append((f"{first} {second}", sids))
    return found


# 「the taiki sheet」「the kowan evaluation」: the word a sheet's file name gives its 施策 (env-r6-4-1-taiki)
_FILE_WORD_RE = re.compile(r"(?<![A-Za-z])([A-Za-z]{4,})(?:\s+[A-Za-z-]+)?\s*(?:sheets?|evaluations?|reports?|reviews?"
                           r"|files?|documents?|シート|評価書|個票)(?![A-Za-z])")


def named_by_file(question: str, cat: SubjectCatalogue) -> tuple[list[str], set[str]]:
    """The sheets of the one 施策 whose file names carry the word the question puts before the document it names
    (「the taiki sheet」 → env-r6-4-1-taiki), and that word; nothing when the word is no file's or several 施策's."""
    words = {m.group(1).lower() for m in _FILE_WORD_RE.finditer(question)}
    if not words:
        return [], set()
    # (「csti-r6-21-sip-moonshot#2」: the file's second 施策 carries the file's words too)
    found = [sid for sid in cat.titles
             if words & {t for t in sid.split("#")[0].split("-")[2:] if re.fullmatch(r"[a-z]{4,}", t)}]
    if not found or len({cat.policy_titles.get(sid) for sid in found}) != 1:
        return [], set()
    return found, {w for w in words if any(w in sid.split("#")[0].split("-") for sid in found)}


def sheets_by_title_words(q: str, cat: SubjectCatalogue) -> set[str]:
    """Sheets whose 施策名 shares three or more words with the question (candidates for names_sheet)."""
    index = title_names(cat)[2]
    hits: dict[str, int] = {}
    for w in set(terms(q)):
        for sid in index.get(w, ()):
            hits[sid] = hits.get(sid, 0) + 1
    return {sid for sid, n in hits.items() if n >= 3}


_NAMES: WeakKeyDictionary[SubjectCatalogue, tuple[dict, dict, dict]] = WeakKeyDictionary()


def title_names(cat: SubjectCatalogue) -> tuple[dict[str, list[tuple[str, str]]], dict[str, list[tuple[str, str]]],
                                           dict[str, set[str]]]:
    """Per sheet, once per catalogue: its 施策名 and first clause with the first word of each, its 個別分野
    (normalized name, number), and title word → sheets. Questions are checked against 1,000 sheets: no
    word-splitting of every title per question."""
    if cat not in _NAMES:
        titles: dict[str, list[tuple[str, str]]] = {}
        by_word: dict[str, set[str]] = {}
        for sid, title in cat.titles.items():
            # 「目標3-1 地球温暖化対策の推進」 is also named without its number label.
            bare = re.sub(r"^(?:施策目標|政策目標|目標|施策|政策)?\s*[\dIVXⅠ-Ⅹ]+(?:\s*[-－]\s*\d+)*\s+", "", title)
            for name in dict.fromkeys([title, re.split(r"[、，（(]", title)[0], bare] if title else []):
                own = [t for t in dict.fromkeys(terms(name)) if len(t) >= 2 or not t.isascii()]
                if own:
                    titles.setdefault(sid, []).append((name, own[0]))
                for t in own:
                    by_word.setdefault(t, set()).add(sid)
        fields = {sid: [(norm(f["name"]), f["number"]) for f in (m.get("outline") or {}).get("fields", [])
                        if f.get("name")] for sid, m in cat.sheet_meta.items()}
        _NAMES[cat] = (titles, fields, by_word)
    return _NAMES[cat]
