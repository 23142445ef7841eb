"""English questions name the sheets' things in other words: the multilingual embedder matches them.

The glossary (english.py) carries the form's vocabulary (target, actual, budget, FY2020); what an indicator,
a 達成手段 or a 施策 is called ("online usage rate for major national procedures" = 国の主要手続のオンライン
利用率) no glossary can hold. So the question's embedding is compared with the names of the subjects, the
titles of the sheets and the sentences of the facts that the search found, embedded as passages on first use.
"""
from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from .counts import same_counter
from .english import field_nouns, quoted_names
from .facts import is_part, names_part
from .figure import Figure, bare_name
from .glossary import QUALIFIERS
from .matching import term_matches
from .normalize import nfkc, norm
from .question import FAMILIES, MONEY_FAMILIES, MONEY_OR_RATE_FAMILIES, QuestionAnalysis, content_terms, subject_words
from .search import Hit
from .senses import question_words
from .subjects import SubjectCatalogue
from .terms import terms

# Cosine similarities of multilingual-e5 lie close together (0.70–0.85 for any two policy texts); what tells
# the named thing is the margin over the next candidate. Calibrated on the blind dev split's English questions:
# the subject asked lies at 0.78–0.85 and leads the next other name by 0.01–0.09; unrelated names lie below 0.77.
FLOOR = 0.775  # below this, nothing among the candidates is what the question names
SPREAD = 0.04  # a name this far below the best gets no credit
MARGIN = 0.008  # the best must lead the best other name by this to be taken as named
TITLE_MARGIN = 0.02
_APART = 0.02  # a name that writes apart the words of a compound read from English is this much less close
_SAID = 0.25  # share of the question's words the name told apart by them must say
CARRIER_MARGIN = 0.25  # the one name carrying a glossed noun leads when no further than this from the closest
POLICY_MARGIN = 0.02  # a subject's name must be this much closer than its sheet's title to be what is named
_LATIN_RE = re.compile(r"[a-z]")
_QUALIFIER_WORDS = frozenset(QUALIFIERS.values())
_BUDGET_WORD_RE = re.compile(r"budget|spen[dt]|expend|execut|fund|request|appropriat|予算|執行|概算|補正")
_POLICY_WORD_RE = re.compile(r"\bpolic(?:y|ies)\b|施策")
CACHE = 20_000  # names and sentences kept embedded (about 30 MB at 384 dimensions)


@dataclass
class Named:
    """What an English question names, by embedding: scores of subjects (catalogue indexes), the sheets whose
    施策 it names, and facts with their similarity."""

    subjects: dict[int, float]
    leading: set[int]
    sheets: list[str]
    facts: list[tuple[float, Figure]]
    policy: bool = False  # it names a 施策 and nothing in it (「the initial budget of the policy on …」)
    lead: str | None = None  # the name of the subject it names, when one leads
    closeness: Callable[[Sequence[str]], np.ndarray] | None = None  # the question's similarity to short texts
    titles: tuple[str, ...] = ()  # the titles of the sheets it names (their words say where, not what)
    best_by_sheet: dict[str, float] = field(default_factory=dict)  # … of each sheet's closest subject


class NameSimilarity:
    """Passage embeddings of short texts (names, titles, sentences), computed on first use and kept."""

    def __init__(self, encode: Callable[[Sequence[str]], np.ndarray]):
        self._encode = encode
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def similarities(self, query: np.ndarray, texts: Sequence[str]) -> np.ndarray:
        """Cosine of the (normalized) query vector with each text's passage vector."""
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if missing:
            matrix = self._encode(missing)
            with self._lock:
                for t, v in zip(missing, matrix, strict=True):
                    self._vectors[t] = v
                while len(self._vectors) > CACHE:
                    self._vectors.popitem(last=False)
        with self._lock:
            vecs = [self._vectors.get(t) for t in texts]
        # A text evicted by another thread in between is embedded again rather than dropped.
        out = [float(v @ query) if v is not None else float(self._encode([t])[0] @ query)
               for v, t in zip(vecs, texts, strict=True)]
        return np.asarray(out, dtype=np.float32)


def named_by_embedding(a: QuestionAnalysis, query: np.ndarray, hits: Sequence[Hit], cat: SubjectCatalogue,
                       names: NameSimilarity, says: Callable[[str, str], bool] | None = None) -> Named:
    """Subjects, 施策 and facts of the sheets the search found (or the question named), scored by how close
    their names are to the question. A subject's score (0–0.8) is its credit as if the question had named it
    in the sheet's words. `says`: does a name say an English word (senses.name_words), which tells apart names
    the embedder finds about equally close."""
    # (every word glossed: the sheets' own words decide; or every English word left named the 施策, 「the postal
    # policy」: what is asked is the 施策's own)
    if not any(_LATIN_RE.search(w) for w in subject_words(a)):
        return Named({}, set(), [], [])
    vector = query[0] if query.ndim == 2 else query
    sheets = list(a.sheets) if a.sheets else list(dict.fromkeys(h.sheet for h in hits))
    # (and, beside the search's, the sheets with a subject that carries a noun the gloss gave: 「消防団」)
    nouns = field_nouns(a.question)

    def carries(i: int) -> bool:  # does subject i's name carry a noun the gloss gave?
        return any(w in norm(cat.subjects[i].name) for w in nouns)

    if nouns and not a.sheets:
        sheets += [sid for sid in cat.titles if sid not in sheets and any(map(carries, cat.subjects_of(sid)))]
    subject_ids = [i for sid in sheets for i in cat.subjects_of(sid)]
    titled = [sid for sid in sheets if cat.titles.get(sid) and cat.titles[sid] != sid]
    inside = set(sheets)
    facts = [f for f in cat.facts if f.sheet in inside]
    texts = ([cat.subjects[i].name for i in subject_ids] + [cat.titles[sid] for sid in titled]
             + [f.raw for f in facts])
    sims = names.similarities(vector, texts) if texts else np.zeros(0)
    n, m = len(subject_ids), len(titled)
    subject_sims, title_sims, fact_sims = sims[:n], sims[n:n + m], sims[n + m:]
    if a.counter is not None and n:  # (「ratio」 asks a %: a budget in 百万円 is not what is named)
        counts = np.array([not cat.subjects[i].units or any(same_counter(u or "", a.counter)
                                                            for u in cat.subjects[i].units) for i in subject_ids])
        subject_sims = np.where(counts, subject_sims, 0.0).astype(np.float32)
    elif n and "how many" in a.question.lower():  # ('how many signals': a budget line in 円 counts nothing)
        counts = np.array([not all(u and u.endswith(("円", "%")) for u in cat.subjects[i].units) or not
                           cat.subjects[i].units for i in subject_ids])
        subject_sims = np.where(counts, subject_sims, 0.0).astype(np.float32)
    # A compound read from English words (「international organizations」 → 国際機関) names the subjects that write it
    # whole: 「海外の研究機関との国際共同研究」 holds 国際 and 機関 apart, and is no closer for being near in meaning.
    compounds = [w for w in a.read if len(content_terms(w)[0]) >= 2]
    whole = np.array([any(w in norm(cat.subjects[i].name) for w in compounds) for i in subject_ids], dtype=bool)
    if n and whole.any() and not whole.all():
        subject_sims = np.where(whole, subject_sims, subject_sims - _APART).astype(np.float32)
    best = float(subject_sims.max()) if n else 0.0
    scores: dict[int, float] = {}
    if best >= FLOOR:
        for i, x in zip(subject_ids, subject_sims, strict=True):
            credit = 1.0 - (best - float(x)) / SPREAD
            if credit > 0:
                scores[i] = 0.8 * credit
    named: list[str] = []
    if m and len({cat.titles[sid] for sid in titled}) > 1:
        order = np.argsort(-title_sims)
        top = cat.titles[titled[order[0]]]
        others = [float(title_sims[j]) for j in order if cat.titles[titled[j]] != top]
        if float(title_sims[order[0]]) >= FLOOR and float(title_sims[order[0]]) - others[0] >= TITLE_MARGIN:
            named = [sid for sid in titled if cat.titles[sid] == top]
    elif m:  # one 施策 among the hits: named when its title is close enough
        named = titled if a.sheets or float(title_sims.max()) >= FLOOR else []
    # (the nouns the gloss gave, 「消防団」 of 'volunteer fire corps': a sheet or subject named must carry one)
    named = [sid for sid in named if not nouns or any(w in norm(cat.titles.get(sid, "")) for w in nouns)
             or any(map(carries, cat.subjects_of(sid)))]
    title = float(title_sims.max()) if m else 0.0
    # The question names the 施策 rather than anything in it: no subject's name is closer than its title, and
    # it asks an amount of money (a 施策's own figures are its budget's).
    # (a 施策's 執行率 is its budget table's too; 'how much' alone asks an amount, which a subject may hold)
    money = a.family in MONEY_OR_RATE_FAMILIES and bool(_BUDGET_WORD_RE.search(a.question.lower()))
    policy = bool(named) and best < title + POLICY_MARGIN and money
    if named:
        scores = {i: v for i, v in scores.items() if cat.subjects[i].sheet in named}
    leading = {i for i in scores if _leads(scores, i, lambda j: cat.subjects[j].name)}
    if not leading and says is not None:  # about equally close by embedding: the name that says more of the words
        leading = _written_most(a, scores, lambda j: cat.subjects[j].name, says)
    if not leading and nouns and scores:
        # ('the number of X at Y offices': of names about equally close, the only one that carries the noun the
        # gloss gave; the others say only where it is counted. 'consultation offices' of 「相談窓口の設置箇所数」
        # beside 「電話による相談の件数」, which the embedder puts a little closer)
        carrying = {i for i in scores if carries(i)}
        if len({_key(cat.subjects[i].name) for i in carrying}) == 1 \
                and any(scores[i] >= max(scores.values()) - CARRIER_MARGIN for i in carrying):
            leading = carrying
    # (the nouns the gloss gave, 「消防団」 of 'volunteer fire corps': a subject named must carry one; all of them
    # was tried: a noun of the sheet's theme, 'wildlife damage', then vetoes its indicators)
    leading = {i for i in leading if not nouns or carries(i)}
    # 「the initial budget of the … policy」: the 施策's own table, unless a 達成手段's name is clearly closer.
    says_policy = money and bool(_POLICY_WORD_RE.search(a.question.lower())) and m > 0 \
        and best < title_sims.max() + POLICY_MARGIN
    if says_policy and not named:
        top = cat.titles[titled[int(np.argmax(title_sims))]]
        named = [sid for sid in titled if cat.titles[sid] == top]
    if says_policy:
        leading, policy = set(), True
    elif money and leading and not any(x in cat.subjects[i].measures for i in leading
                                       for x in FAMILIES[a.family or ""]):
        # 「the expenditure of the measure for …」 names the 施策 by its indicator's words: the indicator has no
        # 執行額, its 施策 has.
        named, policy, leading = sorted({cat.subjects[i].sheet for i in leading}), True, set()
    elif money and named and scores and not any(x in cat.subjects[i].measures for i, v in scores.items()
                                                if v >= 0.6 for x in FAMILIES[a.family or ""]):
        # 「the budget request for traffic accident prevention」: no name close to the question holds the kind of
        # value asked (a 概算要求額 is the 施策's): the 施策 named is what it asks of
        policy, leading = True, set()
    ranked_facts = sorted(zip((float(x) for x in fact_sims), facts, strict=True), key=lambda x: -x[0])
    lead = cat.subjects[min(leading)].name if leading and not policy else None
    by_sheet: dict[str, float] = {}
    for i, x in zip(subject_ids, subject_sims, strict=True):
        sid = cat.subjects[i].sheet
        by_sheet[sid] = max(by_sheet.get(sid, 0.0), float(x))
    return Named(scores, leading, named if not a.sheets or policy else [],
                 [(x, f) for x, f in ranked_facts if x >= FLOOR and (not named or f.sheet in named)], policy, lead,
                 lambda texts: names.similarities(vector, texts),
                 tuple(norm(cat.titles.get(sid, "")) for sid in named), by_sheet)


def _leads(scores: dict[int, float], i: int, name_of: Callable[[int], str]) -> bool:
    """Is subject i the one the English question names: the best by embedding, ahead of every other name by
    the margin? Twins of other years share its name; a name that holds it whole (「分野別の博士後期課程入学者数」
    of 博士後期課程入学者数) is no rival: it is closer only when the question names what it adds."""
    mine = scores.get(i, 0.0)
    if mine < 0.8 - 1e-9:
        return False
    own = _key(name_of(i))
    other = max((v for j, v in scores.items() if not own or not _same_or_breakdown(own, _key(name_of(j)))),
                default=0.0)
    return (mine - other) / 0.8 * SPREAD >= MARGIN


def _key(name: str) -> str:
    """What a name names, whatever its sheet's numbering, marks and units: 「指標4【主要】…の割合」 and
    「…の割合【主要】」 alike."""
    return re.sub(r"^[(（]参考(?:指標)?[)）]", "", bare_name(name))


def _same_or_breakdown(own: str, other: str) -> bool:
    """Is the other name the same thing (another year's sheet) or a breakdown of it (「分野別の博士後期課程入学者数」
    of 博士後期課程入学者数)?"""
    return other == own or bool(re.fullmatch(rf".{{2,}}別の{re.escape(own)}", other))


def _written_most(a: QuestionAnalysis, scores: dict[int, float], name_of: Callable[[int], str],
                  says: Callable[[str, str], bool]) -> set[int]:
    """Of the names close to the question (credit above 0), the one that says the most of its words (English
    ones by the dictionary, `senses`; Japanese ones as written): two at least, two fifths of them, and one
    more than any other name; else none."""
    words = question_words(a.question)
    written = [t for t in content_terms(a.question)[0] if len(t) >= 2 and not t.isascii()]
    if not words or not scores:
        return set()
    by_key: dict[str, set[int]] = {}
    for i in scores:
        by_key.setdefault(_key(name_of(i)), set()).add(i)
    said = {key: {w for w in words if says(key, w)} | {t for t in written if t in key} for key in by_key}
    # (a word most of the names say, 「cases」 of 事件 in a sheet of 事件, tells none of them apart)
    common = {w for w in [*words, *written] if 2 * sum(w in s for s in said.values()) > len(said)}
    counts = {key: len(s - common) for key, s in said.items()}
    ranked = sorted(counts.items(), key=lambda x: -x[1])
    top = ranked[0][1]
    if top < 2 or top < _SAID * (len(words) + len(written) - len(common)) or len(ranked) > 1 and ranked[1][1] >= top:
        return set()
    # The words confirm the embedder's closest name; they never put another before it (of a sheet's names, one
    # often says more of an English question's common words than the one it asks for).
    closest = max(scores.values())
    return by_key[ranked[0][0]] if any(scores[i] >= closest - 1e-9 for i in by_key[ranked[0][0]]) else set()


def with_sheets(a: QuestionAnalysis, named: Named) -> QuestionAnalysis:
    """The analysis bounded to the 施策 the English question names (as name_sheets does for Japanese). When
    it names the 施策 and nothing in it, its English words are the 施策's: they name no subject."""
    if named.sheets and (not a.sheets or named.policy):
        a = replace(a, sheets=named.sheets)
    # (a Latin word inside a Japanese name the question quotes, 「(地方消費者行政強化交付金)」, is the name's)
    quoted = [q.lower() for q in quoted_names(a.question)]
    own = [w for w in a.content if not _LATIN_RE.search(w) or any(w in q for q in quoted)]
    # A kind of value asked of the 施策 is its own budget table's: no word names a subject (but Japanese
    # words of the question may).
    # (「traffic accident」 glossed 交通事故 names the 施策 「交通事故の抑止」: where to look, not what)
    if named.policy and not [w for w in own if w not in a.sheet_words and not any(w in t for t in named.titles)]:
        a = replace(a, content=[] if a.family else own)
    elif named.lead is not None and all(q in named.lead for q in _QUALIFIER_WORDS if q in a.normalized):
        # The English words name that subject: in the sheet's words they are its name's (for passages and
        # facts, which are found by words). A glossed word it does not carry (cyclists → 自転車, children →
        # 子供) keeps the question as asked: the gates then judge it against the subject.
        a = replace(a, content=list(dict.fromkeys(own + terms(named.lead))))
    return a


def english_fact(a: QuestionAnalysis, named: Named, titles: Mapping[str, str]) -> Figure | None:
    """The fact an English question asks for: the sentence closest to it, of the year asked, ahead of the
    next sentence by the margin (the same sentence's other numbers aside). A word the question must see said
    (a proper noun, a glossed word) may be said by the sentence or by its sheet's 施策名 (「Okinawa」 of a
    sentence about 那覇港 in the 沖縄 sheet)."""
    money = a.family in MONEY_FAMILIES
    quoted = quoted_names(a.question)  # 「burns (火傷)」: a sentence that says the name the question quotes
    # A year asked is answered only by a sentence of that year; a target (目標値) only when targets are asked.
    # (and a sentence that says every proper noun asked: 「India」 is not answered by the whole of 訪日者)
    # (the Japanese words the gloss gave, 「マイナンバーカード」 of 'My Number card': one of them must be said)
    glossed = [w for w in subject_words(a) if not w.isascii() and len(w) >= 2]
    def said(f: Figure) -> str:
        return f"{f.raw} {titles.get(f.sheet, '')}"

    # (an age the question names, 80代 of 'in their 80s', is one the sentence must say)
    ages = re.findall(r"\d+(?:代|歳(?:以上|未満|以下)?)", a.normalized)
    dated = [(x, f) for x, f in named.facts if (not a.years or f.fiscal_year in a.years)
             and all(q in f.raw for q in quoted) and all(p.lower() in nfkc(said(f)).lower() for p in a.proper)
             and all(age in nfkc(f.raw) for age in ages)
             and (not glossed or any(term_matches(w, set(terms(said(f)))) for w in glossed))]
    # 「parent companies (親事業者)」: of the sentences that say the name, the numbers that count it
    dated = [(x, f) for x, f in dated if all(q in f.subject or q in (f.series or "") for q in quoted)] or dated
    facts = [(x, f) for x, f in dated
             if (a.family == "target") == (f.subject.startswith("目標") or (f.series or "").startswith("目標"))
             and money == (f.unit or "").endswith("円") and (f.unit == "回目") == (a.counter == "回目")
             and (a.counter is None or same_counter(f.unit or "", a.counter))]
    if not facts or facts[0][1].raw != dated[0][1].raw and dated[0][0] - facts[0][0] >= MARGIN:
        return None  # (the closest sentence counts in another unit: the runner-up is not what is asked)
    (best, fact), rest = facts[0], [x for x, f in facts[1:] if f.raw != facts[0][1].raw]
    if rest and best - rest[0] < MARGIN:
        return None
    # One sentence, several numbers (「首脳間で4回、外相間で6回」): the one of the year asked, when one is.
    same = [f for x, f in facts if f.raw == fact.raw]
    # 「延べ約18万6千回…うち高齢者のみの世帯への訪問が約9万4千回」: a part (うち) answers only when the question
    # names what sets it apart; else the whole does
    wholes = [f for f in same if not is_part(f)]
    apart = [w for w in glossed if not any(w in f"{g.subject} {g.series or ''}" for g in wholes)]
    if wholes and not any(names_part(f, apart) for f in same):
        same = wholes
    if len(same) > 1 and a.years and sum(f.fiscal_year in a.years for f in same) == 1:
        picked: Figure | None = next(f for f in same if f.fiscal_year in a.years)
    else:
        picked = _named_number(same, named) if len(same) > 1 else same[0]
    # A table's indicator named more closely than the sentence's counted noun (「inspectors」: 検査官数, not the
    # sentence's 日常検査) is what is asked: the sentence does not answer.
    if picked is not None and named.closeness is not None and not quoted \
            and float(named.closeness([_noun(picked)])[0]) + MARGIN < named.best_by_sheet.get(picked.sheet, 0.0):
        return None
    return picked


def _noun(f: Figure) -> str:
    return f"{f.series} {f.subject}" if f.series else f.subject


def _named_number(same: list[Figure], named: Named) -> Figure | None:
    """Of one sentence's numbers (「約6,500件のドーピング検査を実施し、規則違反は4件」), the one whose counted
    noun is closest to the question, ahead of every other noun by the margin; None when none leads."""
    names = [_noun(f) for f in same]
    if named.closeness is None or len(set(names)) < 2:
        return None  # which of its numbers is asked, the sentence does not tell
    sims = named.closeness(names)
    best = int(np.argmax(sims))
    if names.count(names[best]) > 1:
        return None  # (「うち食肉としての利用が1,542トン、ペットフードとしての利用が623トン」: one noun, two numbers)
    others = [float(x) for n, x in zip(names, sims, strict=True) if n != names[best]]
    return same[best] if float(sims[best]) - max(others) >= MARGIN else None
