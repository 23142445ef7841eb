"""English questions: read FY2020, "target", "actual", "budget", "how many" … into the sheets' Japanese words.

The sheets are Japanese, so an English question is glossed into the vocabulary of the form (年度, 目標値,
実績値, 予算, 執行額 …) and of policy evaluation in general, then analysed like a Japanese one. Words with
no gloss stay as they are: the multilingual embedder still finds their passages.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from .counts import UNIT_ALONE_RE
from .forms import MINISTRIES
from .glossary import FIELD_NOUNS, GLOSSARY, NAMED_PLACES

# The kinds of value the form writes (実績値, 執行額 …): glossed words, not names.
_KINDS = frozenset(v for k, v in GLOSSARY.items() if k in (
    "initial budget", "supplementary budget", "carried over", "budget request", "total budget", "budget",
    "execution rate", "execution amount", "achievement rate", "mid-term target", "target", "actual", "baseline")) \
    | {"目標", "実績", "予算", "執行率", "年度目標値", "当初予算額"}
_COMPARATIVES = {"more": "多い", "greater": "多い", "fewer": "少ない", "less": "少ない", "larger": "大きい",
                 "bigger": "大きい", "smaller": "小さい", "higher": "高い", "lower": "低い", "longer": "長い",
                 "shorter": "短い"}
_PARTS = {"indicators": "測定指標", "performance indicators": "測定指標", "performance measures": "測定指標",
          "measures": "達成手段", "means": "達成手段",
          "achievement measures": "達成手段",
          "policy measures": "達成手段", "policy instruments": "達成手段", "instruments": "達成手段",
          "programs": "達成手段", "programmes": "達成手段", "reference indicators": "参考指標"}
_PART_NAMES = frozenset(_PARTS.values()) | {"業績指標", "成果指標", "指標"}
_PARTS_RE = "|".join(sorted(_PARTS, key=len, reverse=True))
_HOW_MANY_PARTS_RE = re.compile(rf"\bhow many ({_PARTS_RE})\b")
_DIRECTION_COUNT_RE = re.compile(
    rf"\bhow many (?:of (?:the|its|their) ((?:[a-z'’-]+ ){{0,5}}?)(?:[a-z0-9]+ )?)?({_PARTS_RE})\s+(?:are|is|were)\s+"
    r"(?:(lower|smaller|fewer)|higher|larger|bigger)[- ](?:is|are)[- ]better\b")
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5}
_MET_VERBS = r"(met|achieved|reached|exceeded|hit|attained)"
_MISSED_VERBS = r"(missed|did not (?:meet|achieve|reach|hit)|failed to (?:meet|achieve|reach|hit)|fell short of)"
_MET_RE = re.compile(rf"\b(?:which|what)\s+(?:{_PARTS_RE})\s+(?:{_MET_VERBS}|{_MISSED_VERBS})\b")
# Nouns a Japanese sheet counts with a counter: 「how many countries」 asks 何か国.
COUNTED = {"countries": "か国", "nations": "か国", "people": "人", "persons": "人", "participants": "人",
           "visitors": "人", "cases": "件", "consultations": "件", "inspections": "件", "applications": "件",
           "times": "回", "sessions": "回", "calls": "回", "visits": "回", "events": "回",
           "days": "日", "seminars": "回", "workshops": "回", "lectures": "回", "conferences": "回", "courses": "回",
           "municipalities": "市町村", "companies": "社", "facilities": "施設",
           "stations": "駅", "vehicles": "台", "buses": "台", "schools": "校", "hours": "時間",
           # people counted by what they are or do
           "inspectors": "人", "members": "人", "staff": "人", "officers": "人", "workers": "人", "evacuees": "人",
           "volunteers": "人", "trainees": "人", "students": "人", "employees": "人"}
_COUNTED_RE = re.compile(r"\b(?:how many|(?:the )?numbers? of)\b((?:\s+[a-z-]+){0,3}?)\s+("
                         + "|".join(COUNTED) + r")\b")
_PHRASES = sorted(GLOSSARY, key=len, reverse=True)
# (「water-supply」 hyphenated is the phrase 「water supply」 too)
_PHRASE_RE = re.compile(r"(?<![a-z])(" + "|".join(re.escape(p).replace(r"\ ", "[ -]") for p in _PHRASES)
                        + r")(?![a-z])")


def _glossed(phrase: str) -> str:
    """The sheets' word for a phrase the glossary knows, as written or hyphenated."""
    return GLOSSARY.get(phrase) or GLOSSARY[phrase.replace("-", " ")]
_EXCLUDING_RE = re.compile(r"\b(excluding|except for|except|other than|not counting)\s+"
                           r"((?:the\s+)?[a-z-]+(?:\s+[a-z-]+)?)")
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]
_MONTH_RE = re.compile(r"\b(" + "|".join(_MONTHS) + r")(?:\s+((?:19|20)\d{2}))?\b")
# 「received an "a" (achieved) rating」「rated B」「a grade of 'c'」: the grade the sheet wrote, 評価が「a」 (a letter
# without quotes only in capitals and after rated/graded: 'rated a success' names no grade)
_Q = "[\"'“”‘’]"
_GRADE_EN_RE = re.compile(rf"\b(?:an?\s+)?{_Q}([A-Ea-eS])(?:-\d)?{_Q}\s*(?:\([^()]{{1,20}}\)\s*)?"
                          rf"(?:rating|grade|evaluation|assessment|mark)s?\b"
                          rf"|\b(?:rated|graded|given|received|got|earned)\s+(?:an?\s+)?(?:{_Q}([A-Ea-eS]){_Q}|([A-ES])\b)"
                          rf"|\b(?:rating|grade|mark)\s+(?:of\s+)?{_Q}([A-Ea-eS]){_Q}")
_FY_RANGE_RE = re.compile(r"(?:\bbetween\s+)?\bfy\s?((?:19|20)\d{2})\s*(?:to|-|–|through|until|and)\s*(?:fy\s?)?"
                          r"((?:19|20)\d{2})\b")
_FY_RE = re.compile(r"\b(?:fy|fiscal year|fiscal)\s?((?:19|20)\d{2})\b|\bin ((?:19|20)\d{2})\b")
_STOPWORDS = {
    "what", "was", "is", "are", "were", "the", "a", "an", "of", "for", "in", "on", "to", "and", "or", "did",
    "does", "do", "please", "show", "me", "tell", "give", "list", "according", "sheet", "number", "value",
    "amount", "its", "their", "this", "that", "with", "by", "from", "at", "as", "be", "been", "it", "many",
    "much", "there", "has", "have", "had", "japan", "japanese", "held", "take", "took", "place", "times",
    "under", "about", "between", "which", "policy", "measure", "how",
    "promoting", "promote", "s", "than", "whether", "will", "fy", "fiscal", "year",
    "listed", "written", "names", "name", "actually", "such", "yearly", "annual", "each", "who", "whose", "any",
    "figure", "figures", "values", "numbers", "revised", "latest", "per", "so", "then", "now", "also",
    "occurred", "occur", "happened", "recorded", "said", "say", "says", "count", "counts", "among", "amongst",
}


def is_english(question: str) -> bool:
    """Mostly Latin letters: none of Japanese script, or a few quoted words in a long English sentence."""
    letters = sum(c.isascii() and c.isalpha() for c in question)
    japanese = sum(1 for c in question if "\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff")
    # An English sentence may quote the sheet's term (「carry-over (繰越し等)」).
    # An English sentence may quote the sheet's names (「Which 達成手段 of the 国際交流 sheet …?」): it
    # opens as English does.
    opens = re.match(r"\s*(?:how|what|which|when|why|who|where|is|are|was|were|did|does|do|has|have|show|list|give"
                     r"|tell|compare|please)\b", question, re.IGNORECASE) is not None
    words = len(re.findall(r"[A-Za-z]{2,}", question))  # 「In FY2023, which was larger …: 保育所等… or …?」
    if japanese == 0 and words >= 2:  # 「And for FY2021?」: a short follow-up is English too
        return True
    return letters >= 6 and (japanese == 0 or (letters >= 20 and letters >= 4 * japanese)
                             or (opens and letters >= 10) or (words >= 8 and letters >= 2 * japanese))


def unknown_acronyms(question: str) -> list[str]:
    """「APEC」「OECD」: acronyms of an English question that the glossary does not read (the sheets may still
    name them: the caller asks the index)."""
    return [w for w in dict.fromkeys(re.findall(r"\b[A-Z][A-Z0-9]{1,7}\b", question))
            if w.lower() not in GLOSSARY and not re.fullmatch(r"FY\d*|U\.?S\.?A?|[A-E](?:\d)?|[IVX]+|[RH]\d{1,2}", w)]


_QUOTED_NAME_RE = re.compile(r"[(（]([^()（）]*[\u3040-\u30ff\u4e00-\u9fff][^()（）]*)[)）]")


_JAPANESE_RUN_RE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff・ー]{3,}")


def quoted_names(question: str) -> list[str]:
    """The Japanese names an English question quotes in brackets (「… project (地方消費者行政強化交付金)」) or writes
    among its English words (「which rose more: 小学校 or 中学校?」)."""
    bracketed = [n for n in _QUOTED_NAME_RE.findall(question) if not _not_a_name(n)]
    bare = [n for n in _JAPANESE_RUN_RE.findall(_QUOTED_NAME_RE.sub(" ", question)) if not _not_a_name(n)]
    return list(dict.fromkeys(bracketed + bare))


_FIELD_NOUN_RE = re.compile(r"(?<![a-z])(" + "|".join(re.escape(k) for k in sorted(FIELD_NOUNS, key=len, reverse=True))
                            + r")(?![a-z])")


def field_nouns(question: str) -> list[str]:
    """The sheets' words for the nouns of the policy fields an English question names (「volunteer fire corps」 →
    消防団)."""
    return list(dict.fromkeys(FIELD_NOUNS[m] for m in _FIELD_NOUN_RE.findall(question.lower())))


def _not_a_name(quoted: str) -> bool:
    """「(執行額)」「(実績値)」 say the kind of value asked, 「(万ha)」「(百万円)」 the unit wanted, 「(測定指標)」 the
    part of the sheet counted or listed: words of the form, not a name."""
    q = quoted.strip()
    return q in _KINDS or q in _PART_NAMES or UNIT_ALONE_RE.fullmatch(q) is not None


def _kept_words(words: str) -> str:
    """Of the English words before a bracketed Japanese name, those up to the last function word (「for the」):
    the rest is the name in English."""
    parts = words.split()
    last = max((i for i, w in enumerate(parts) if w in _STOPWORDS or w in ("on", "of", "for", "in", "the")),
               default=-1)
    # (a superlative there says what is asked of the name: 「the longest … (FA期間)」)
    kept = [w for w in parts[last + 1:] if w in _SUPERLATIVES]
    return " ".join(parts[:last + 1] + kept)


_SUPERLATIVES = {"longest", "shortest", "highest", "lowest", "largest", "smallest", "most", "least", "biggest"}


def _document_words(phrase: str, document: str = "評価書で") -> str:
    """The words of 「the evaluation on Okinawa promotion」 the glossary knows, as a Japanese question says where to
    look (「沖縄の評価書で」); the others are dropped: they are no subject's words."""
    return _where([_glossed(m.group(1)) for m in _PHRASE_RE.finditer(phrase.lower())], document)


def _where(known: list[str], document: str) -> str:
    return f" {'・'.join(known)}の{document} " if known else " "


def _policy_named(m: re.Match) -> str:
    """「the Hokkaido policy」「the policy on Okinawa」「the water supply sheet」 as a Japanese question names a 施策
    (「北海道の施策」「水道の評価書で」), when the glossary knows all its words; else as written (「the entire policy」
    is no name)."""
    words = (m.group("words") or m.group("after")).lower()
    if re.search(r"[a-z]{2,}", _PHRASE_RE.sub(" ", words)):  # (a word the glossary lacks would be lost)
        return m.group(0)
    known = [_glossed(x.group(1)) for x in _PHRASE_RE.finditer(words)]
    if all(k in MINISTRIES for k in known):
        return m.group(0)  # 「the NPA evaluation」 names a ministry, which says where already (no document phrase
        # after 「in 2023」 to be read as the 2023 document)
    return _where(known, "評価書で" if m.group("kind") in ("sheet", "evaluation") else "施策")


_GLOSSED = frozenset(GLOSSARY.values())


def glossed_names(question: str) -> list[str]:
    """The sheets' words for the places the question names in capitals (「the Imperial Palace」 → 皇居, 「East
    Gardens」 → 東御苑): names a subject must carry. Not programmes or bodies (「My Number」, 「the Statistics
    Bureau」), which a subject's own words need not say."""
    return list(dict.fromkeys(NAMED_PLACES[m.group(0).lower()] for m in re.finditer(
        r"\b[A-Z][a-z]+(?:\s+(?:of\s+)?[A-Z][a-z]+)+\b", question) if m.group(0).lower() in NAMED_PLACES))


def is_named_place(word: str) -> bool:
    """Is the word a place the gloss writes for a name in capitals (皇居 of 'the Imperial Palace')?"""
    return word in NAMED_PLACES.values()


def is_glossed(word: str) -> bool:
    """Is the word one the gloss writes for some English (海難審判所 of 'Marine Accident Tribunal')?"""
    return word in _GLOSSED


def glossed_apart(name: str) -> list[str]:
    """A run of words the gloss wrote side by side, split back into them (「裁決海難審判所」 → 裁決, 海難審判所);
    any other name as it is."""
    # (words of two characters or more: 「税脱税」 of 'tax … evaded' stays one, a name no sheet says)
    for i in range(2, len(name) - 1):
        if name[:i] in _GLOSSED and (name[i:] in _GLOSSED or len(rest := glossed_apart(name[i:])) > 1):
            return [name[:i], *([name[i:]] if name[i:] in _GLOSSED else rest)]
    return [name]


def gloss(question: str) -> str:
    """The question in the sheets' words: 「What was the actual number of Japan-US meetings in FY2020?」 →
    「実績値 数 日米 会談数 2020年度」 (order kept, unknown words kept, function words dropped)."""
    q = re.sub(r"\bU\.?S\.?A?\b", "united states", question)  # (「US」, not 「us」)
    q = _GRADE_EN_RE.sub(lambda m: f" 評価が「{next(g for g in m.groups() if g)}」 ", q)
    q = q.lower().replace("’", "'")
    q = re.sub(r"\bmost\s+recent\b", "latest", q)  # (the newest document, no ranking: 'most' alone ranks)
    # 「excluding reference indicators」 → 「参考指標を除く」: Japanese puts what is left out first.
    q = _EXCLUDING_RE.sub(lambda m: f"{m.group(2)} excluding", q)
    # 「(Reiwa 3)」「Heisei 30」: an era year written in Latin letters
    q = re.sub(r"\(?\b(reiwa|heisei)\s*(\d{1,2}|gannen)\)?", lambda m: " {}{}年度 ".format(
        "令和" if m.group(1) == "reiwa" else "平成", "元" if m.group(2) == "gannen" else m.group(2)), q)
    # 「the FY2025 (R7) sheet」「MLIT's R3 report」: the era abbreviation the sheets print, which the
    # year reader takes in capitals (「R5-2」 stays a document number, as in Japanese); after a Western year it
    # restates that year
    q = re.sub(r"((?:19|20)\d{2})\s*\(\s*[rh]\d{1,2}\s*\)", r"\1", q)
    q = re.sub(r"\(?\b([rh])(\d{1,2})\b(?![-–－]\d)\)?", lambda m: f" {m.group(1).upper()}{m.group(2)} ", q)
    # 「the NTA's pre-analysis sheet on tax delinquency, …」: words that say which document is meant, whose
    # ministry and year name it already, not what is asked
    # (the words the glossary knows are kept as a Japanese question has them, 「沖縄の評価書で」: where to look)
    q = re.sub(r"\b(?:sheet|evaluation|report|assessment|analysis|document)\s+(?:on|about|of|regarding|concerning)\s+"
               r"((?:[a-z-]+\s*){1,4}?)(?=[,;?.]|\s+(?:how|what|which|when|who|in|for)\b)",
               lambda m: _document_words(m.group(1)), q)
    q = re.sub(r"\bthe\s+(?P<words>(?:(?!the\b)[a-z-]+\s+){1,3}?)(?P<kind>policy|program|programme|sheet|evaluation)\b"
               r"(?!\s+(?:on|for|of)\b)"
               r"|\b(?:policy|program|programme)\s+(?:on|for|about|regarding)\s+(?P<after>(?:[a-z-]+\s*){1,4}?)"
               r"(?=[,;?.]|\s+(?:how|what|which|when|who|in|for)\b)", _policy_named, q)
    # 「24-hour deaths」「a 30-day period」: a duration as the sheets write it (24時間, 30日)
    q = re.sub(r"\b(\d{1,3})[- ](hour|day|month|year)s?\b(?![- ]olds?\b)",
               lambda m: f" {m.group(1)}{dict(hour='時間', day='日', month='か月', year='年')[m.group(2)]} ", q)
    # 「aged 60 or over」「in their 20s」「aged under 20」: ages as the sheets write them (60歳以上, 20代, 20歳未満)
    q = re.sub(r"\b(?:aged\s+)?(\d{1,3})\s*(?:years?\s*(?:old\s*)?)?(?:or|and)\s+(?:over|older|above)\b",
               r" \1歳以上 ", q)
    q = re.sub(r"\b(?:in\s+)?their\s+(\d0)s\b", r" \1代 ", q)
    # 「65- and 66-year-olds」「30-year-olds」: ages as the sheets write them (65歳・66歳, 30歳)
    q = re.sub(r"\b(\d{1,3})-?\s+(?:and|or)\s+(\d{1,3})[- ]years?[- ]olds?\b", r" \1歳・\2歳 ", q)
    q = re.sub(r"\b(\d{1,3})[- ]years?[- ]olds?\b", r" \1歳 ", q)
    q = re.sub(r"\b(?:aged\s+under|under\s+the\s+age\s+of)\s+(\d{1,3})\b", r" \1歳未満 ", q)
    # 「the initial FY2024 budget」: the year inside a phrase the glossary reads whole goes before it
    q = re.sub(r"\b([a-z]+)\s+((?:fy|fiscal year)\s?(?:19|20)\d{2})\s+([a-z]+)\b",
               lambda m: f"{m.group(2)} {m.group(1)} {m.group(3)}" if f"{m.group(1)} {m.group(3)}" in GLOSSARY
               else m.group(0), q)
    q = _FY_RANGE_RE.sub(lambda m: f" {m.group(1)}〜{m.group(2)}年度 ", q)
    # 「the FY2024 evaluation」「FY2023 report」: the document of that year (評価書), not a year asked
    # (and 「the FY2025 postal evaluation」: the theme's words between, kept for the sheet they name)
    q = re.sub(r"\b(?:fy|fiscal year)\s?((?:19|20)\d{2})(\s*令和\d{1,2}年度)?\s+"
               r"((?:(?!(?:in|of|the|for|and|to|by|pre-analysis|ex-post|ex-ante|performance)\b)[a-z][a-z-]*\s+)"
               r"{0,3}?)(?:evaluation|report|assessment|sheet)s?\b", _document_of_year, q)
    # 「the previous year's report」「last year's evaluation」: the document before; 「that report」: the one in focus
    q = re.sub(r"\b(?:the\s+)?(?:previous|last|prior)\s+year'?s\s+(?:evaluation|report|assessment|sheet)s?\b",
               " 前年度の評価書 ", q)
    q = re.sub(r"\b(?:that|this|the same)\s+(?:evaluation|report|assessment|sheet)\b", " ", q)
    # 「from 2018 to 2020」 (calendar years as the sheets count them too)
    # (「in business years 2019 through 2022」 too)
    q = re.sub(r"\b(?:(?:from|between|years)\s+((?:19|20)\d{2})\s*(?:to|-|–|through|until|and)"
               r"|((?:19|20)\d{2})\s*(?:-|–|through|until))\s*((?:19|20)\d{2})\b",
               lambda m: f" {m.group(1) or m.group(2)}〜{m.group(3)}年度 ", q)
    # 「and 2020, during the pandemic」: an aside that says when, which the year says already
    q = re.sub(r",?\s*\b(?:before|after|during)\s+the\s+(?:covid(?:-19)?\s+)?(?:pandemic|covid(?:-19)?)\b", " ", q)
    # 「at the end of FY2023」: 年度末, as the sheets say
    q = re.sub(r"\b(?:at\s+)?(?:the\s+)?end\s+of\s+(?:fy|fiscal year)\s?((?:19|20)\d{2})\b", r" \1年度末 ", q)
    q = _FY_RE.sub(lambda m: f" {m.group(1) or m.group(2)}年度 ", q)
    q = re.sub(r"\bsince\s+((?:19|20)\d{2})\b", r" \1年以降 ", q)
    # 「by the end of 2021」「its 2021 goals」: any other year written alone is a year too (年末 as the sheets say)
    q = re.sub(r"\b(?:the\s+)?end\s+of\s+((?:19|20)\d{2})\b(?!年)", r" \1年末 ", q)
    q = re.sub(r"(?<![\d〜])\b((?:19|20)\d{2})\b(?![年〜\d])", r" \1年 ", q)
    # 「which indicators met / missed their targets」: the Japanese order, which the operations read.
    q = _MET_RE.sub(lambda m: " 目標を達成" + ("できなかった" if m.group(2) else "した") + "測定指標はどれ ", q)
    # 「how many indicators met / missed their targets」: the met or missed ones are counted
    # (「how many of the N indicators reached …」 too)
    q = re.sub(rf"\bhow many (?:of (?:the|its|their) (?:[a-z0-9]+ )?)?({_PARTS_RE})\s+"
               rf"(?:{_MET_VERBS}|{_MISSED_VERBS})\b",
               lambda m: f" 目標を達成{'できなかった' if m.group(3) else 'した'}{_PARTS[m.group(1)]}はいくつ ", q)
    # 「the third-largest」「second highest」: the n-th of a ranking, as Japanese says it (3番目に多い)
    q = re.sub(r"\b(second|third|fourth|fifth)[- ](largest|biggest|highest|most|smallest|lowest|least)\b",
               lambda m: " {}番目に{} ".format(_ORDINALS[m.group(1)], "少ない" if m.group(2) in (
                   "smallest", "lowest", "least") else "多い"), q)
    # 「how many of the tribunal's six indicators are lower-is-better」: the ones of a direction, counted
    q = _DIRECTION_COUNT_RE.sub(lambda m: f" {m.group(1) or ''} {'低い' if m.group(3) else '高い'}ほど良い"
                                f"{_PARTS[m.group(2)]}はいくつ ", q)
    # 「how many indicators / policy instruments」 counts the sheet's structure: 「測定指標はいくつ」.
    q = _HOW_MANY_PARTS_RE.sub(lambda m: f" {_PARTS[m.group(1)]}はいくつ ", q)
    # 「how many 個別分野」: a Japanese noun asked after by 「はいくつ」, as Japanese does.
    q = re.sub(r"\bhow many\s+([^\sa-z0-9?.,]+)", r" \1はいくつ ", q)
    # 「the regional revitalisation grant (地方創生交付金)」: the sheet's own name in brackets stands for the
    # English words before it, which then name nothing more (a kind of value, 「(執行額)」, glosses them)
    q = re.sub(r"((?:[a-z][a-z-]*\s+){1,6})\(([^()]*[\u3040-\u30ff\u4e00-\u9fff][^()]*)\)",
               lambda m: (m.group(1) if _not_a_name(m.group(2)) else _kept_words(m.group(1))) + f" {m.group(2)} ", q)
    # 「which … more …: A or B?」: a choice between two, in the Japanese words the comparisons read
    cmp = re.search(rf"\b({'|'.join(_COMPARATIVES)})\b(?!\s+than)", q)
    if cmp and re.search(r"\bor\b", q) and not re.search(r"\bor\s+[a-z]+\s+than\b", q):
        q = q[:cmp.start()] + " " + q[cmp.end():] + f" どちらが{_COMPARATIVES[cmp.group(1)]}"
    # 「the JPO's faster-examination programme」: an agency's program, named in words of its own, is the 施策
    # its sheet evaluates (its words say which sheet, the agency names it already)
    q = re.sub(r"(?<='s)\s+(?:[a-z-]+\s+){0,3}(?:program|programme|policy|policies)\b", " 施策", q)
    # 「how many X」 asks after its noun in Japanese (「測定指標はいくつ」), where the operations look for it; a
    # noun that is counted by a counter (countries → か国) asks in that unit (何か国).
    if m := _COUNTED_RE.search(q):
        # (「people」 says no more than the counter 何人: not a word glued to the one before it)
        # (nor 「days」「times」, which the counter 何日, 何回 says whole)
        noun = "" if m.group(2) in ("people", "persons", "days", "times", "hours") else m.group(2)
        q = q[:m.start()] + m.group(1) + " " + noun + q[m.end():] + f" 何{COUNTED[m.group(2)]}"
    elif re.search(r"\bhow many\b", q):
        q = re.sub(r"\bhow many\b", " ", q) + " how many"
    q = _MONTH_RE.sub(lambda m: f" {m.group(2) + '年' if m.group(2) else ''}{_MONTHS.index(m.group(1)) + 1}月 ", q)
    # 「spending per tourist」「average expenditure」: what people spend, not a budget's execution
    q = re.sub(r"\b(?:average\s+)?(?:spending|spent|expenditure)\s+per\s+([a-z-]+(?:\s+[a-z-]+)?)\b",
               r" \1 1人当たり 支出 ", q)
    q = re.sub(r"\baverage\s+(?:spending|expenditure)\b", " 1人当たり 支出 ", q)
    # 「flood-prevention measures」: measures named by what they are for are a 施策's 対策, not its 達成手段; the
    # money spent on them is the 施策's (「spending on flood measures」 → 治水施策の執行額)
    money = re.search(r"\b(?:budget|execution|executed|spen[dt]|spending|expenditure|yen)\b", q) is not None
    q = re.sub(r"\b(?!(?:the|its|their|all|these|those|such|which|what|many|of|policy|achievement)\b)"
               r"([a-z]+(?:-[a-z]+)+|[a-z]{4,})\s+measures\b", r"\1施策" if money else r"\1 対策", q)
    # 「did the rate meet its FY2021 goal?」: whether the target was met, as Japanese asks it
    q = re.sub(r"\b(?:reach|meet|achieve|hit)\s+(?:the\s+|its\s+|their\s+)?((?:[^\s]+年度\s+)?)(?:annual\s+)?"
               r"(?:target|goal)s?\b", r" \1 目標を達成した？ ", q)
    # 「what grade did the policy receive」: the verb a grade is given with, not the 受付 of applications received
    if re.search(r"\b(?:grade|rating|score)\b", q):
        q = re.sub(r"\b(?:receive|received|get|got|earn|earned)\b", " ", q)
    q = _PHRASE_RE.sub(lambda m: f" {_glossed(m.group(1))} ", q)
    words = []
    for w, sep in zip(*[iter(re.split(r"([\s,?.!;:()\"']+)", q) + [""])] * 2, strict=True):
        if w and w not in _STOPWORDS:
            words.append(w)
        # (「in FY2021, according to the MOF sheet」: a year that closes its clause is the value's, not the
        # document's the next words name)
        if "," in sep and words and words[-1].endswith("年度"):
            words.append("、")
    # Two unknown English words side by side stay two words (「cyber dialogue」 is not one token to MeCab).
    out = re.sub(r"(?<=[a-z]) (?=[a-z])", "・", " ".join(words))
    for name in quoted_names(question):
        out = out.replace(name.lower(), name)  # (a Japanese name keeps its Latin letters' case: DX)
    return out


def said_in(question: str, words: Iterable[str]) -> list[str]:
    """The glossed words (of two characters or more) among `words` that the English question itself says: not
    the ones a name found by embedding added."""
    said = gloss(question)
    return [t for t in words if len(t) >= 2 and not t.isascii() and t in said]


# (a word between the year and the document that the glossary reads as a kind of value or of judging says what is
# asked of that year, 「FY2023 achievement evaluation」, not which document)
_VALUE_GLOSS_RE = re.compile(r"値|率|額|数|指標|達成|評価|判定|目標|実績|予算|執行|自己")
_JUDGING_WORDS = frozenset({"self", "actual", "target", "budget", "achievement", "rating", "grade", "score",
                            "result", "results", "indicator", "interim", "final", "overall", "policy"})


def _document_of_year(m: re.Match) -> str:
    """「the FY2025 postal evaluation」 → 2025年度 postal 評価書: the document of that year, its theme's words kept."""
    words = m.group(3).split()
    if any(_VALUE_GLOSS_RE.search(GLOSSARY.get(w, "")) or w in _JUDGING_WORDS for w in words):
        return m.group(0)
    return f" {m.group(1)}年度 {m.group(3)}評価書 "


def is_common(word: str) -> bool:
    """Is an English word one the gloss reads or drops (japan, evaluation, target …): not a name."""
    w = word.lower()
    return w in _STOPWORDS or w in GLOSSARY
