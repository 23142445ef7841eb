"""How a question's words match the words of subjects and facts: exactly, inside a longer term, or as a
country abbreviated in a compound (カナダ → 日加); an index term → ids that answers this for a whole catalogue."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

# Country names the sheets abbreviate in compounds (日加, 日米, 米加 …).
COUNTRY_ABBREV = {
    "カナダ": "加", "アメリカ": "米", "米国": "米", "合衆国": "米", "日本": "日", "我が国": "日", "中国": "中",
    "韓国": "韓", "英国": "英", "イギリス": "英", "フランス": "仏", "ドイツ": "独", "ロシア": "露",
    "オーストラリア": "豪", "豪州": "豪", "インド": "印", "北朝鮮": "朝",
}
COMPOUND_RE = re.compile(r"^[日米加中韓英仏独露豪印朝]{2,4}$")

# Words of the form itself (「達成手段」「測定指標」「予算」): every sheet has them, so they name no subject.
FORM_WORDS = frozenset({"予算", "執行", "施策", "政策", "指標", "測定", "達成", "手段", "事業", "目標", "実績", "基準",
                        "参考"})


def term_matches(term: str, subject_terms: set[str]) -> bool:
    """A question word found among a subject's terms: exactly, as a 日加-style country, or inside a longer term
    (「有識者」 against 「有識」+「者」 is a run of subject terms)."""
    if term in subject_terms:
        return True
    abbrev = COUNTRY_ABBREV.get(term)
    if abbrev:
        return any(COMPOUND_RE.match(s) and abbrev in s for s in subject_terms)
    return len(term) >= 2 and any(len(s) >= 2 and term in s for s in subject_terms)


_NUMBERED_NAME_RE = re.compile(r"(?<![\d.,])\d{1,3}(?:歳|代)")


def numbered_names(text: str) -> list[str]:
    """Ages and other names made of a number (「18歳」「20代」): words whose digits the terms drop."""
    return _NUMBERED_NAME_RE.findall(text)


def says_numbered(name: str, text: str) -> bool:
    """Does the text say the numbered name, alone or in a list of numbers sharing its suffix (「1歳」 in
    「1・2歳児」)?"""
    number, suffix = re.match(r"(\d+)(\D+)", name).groups()  # type: ignore[union-attr]
    return re.search(rf"(?<![\d.,]){number}(?:[・、～〜~-]\d{{1,3}})*{suffix}", text) is not None


_SHORT_RE = re.compile(r"[一-龥ァ-ヴー]{2,4}")


def abbreviates(short: str, name: str) -> bool:
    """Is the word a Japanese abbreviation of a phrase of the name: its characters in order within a run of at
    most three per character that opens with the first and closes with the last (「職安」 of 公共職業安定所, 「公調委」
    of 公害等調整委員会)? A word the name holds as it is abbreviates nothing."""
    if not _SHORT_RE.fullmatch(short) or short in name:
        return False
    pattern = re.compile("".join(re.escape(c) + r"[一-龥ァ-ヴー]*?" for c in short[:-1]) + re.escape(short[-1]))
    return any((m := pattern.match(name, i)) is not None and len(m.group(0)) <= 3 * len(short)
               for i, c in enumerate(name) if c == short[0])


class TermIndex:
    """Term → ids of the things whose terms hold it, answering `term_matches` for all things at once: a
    question word finds its subjects (or facts) without a scan of every one of 1,000 sheets'."""

    MEMO = 4096  # question words remembered; the vocabulary is fixed per catalogue, questions are not

    def __init__(self) -> None:
        self._ids: dict[str, set[int]] = defaultdict(set)
        self._memo: dict[str, frozenset[int]] = {}

    def add(self, i: int, words: Iterable[str]) -> None:
        for t in words:
            self._ids[t].add(i)

    def vocabulary(self) -> Iterable[str]:
        return self._ids.keys()

    def matching(self, term: str) -> frozenset[int]:
        """Ids whose terms `term_matches` the word: exactly, as a 日加-style country (a country word matches its
        compounds only), or inside a longer term."""
        hit = self._memo.get(term)
        if hit is not None:
            return hit
        out = set(self._ids.get(term, ()))
        abbrev = COUNTRY_ABBREV.get(term)
        for t, ids in self._ids.items():
            if (abbrev and COMPOUND_RE.match(t) and abbrev in t) or (not abbrev and len(term) >= 2 and term in t):
                out |= ids
        found = frozenset(out)  # a local: another thread may clear the memo meanwhile
        if len(self._memo) >= self.MEMO:
            self._memo.clear()
        self._memo[term] = found
        return found


class Asked:
    """A question's words prepared once for scoring many subjects: their IDF weights, the subjects each
    matches, and the catalogue terms they hold (a subject term counts when a question word holds it)."""

    def __init__(self, words: Sequence[str], idf: Callable[[str], float], index: TermIndex):
        self.words = list(words)
        self.weights = [idf(t) for t in self.words]
        self.total = sum(self.weights)
        self.subjects = [index.matching(t) for t in self.words]
        # Every substring of a word of two or more characters (words are short), and the words themselves.
        self._held = set(self.words) | {w[i:j] for w in self.words if len(w) >= 2
                                        for i in range(len(w)) for j in range(i + 1, len(w) + 1)}
        self._abbrevs = [ab for w in self.words if (ab := COUNTRY_ABBREV.get(w))]
        self._holds: dict[str, bool] = {}  # subjects of 1,000 sheets share most of their terms

    def holds(self, term: str) -> bool:
        held = self._holds.get(term)
        if held is None:
            held = self._holds[term] = term in self._held or any(ab in term for ab in self._abbrevs)
        return held


# Two states of one quantity (a target before and after its revision, a count since the start and a year's new
# ones, a preliminary and a final figure): a figure that names the other state is not the one asked.
STATES = [("見直し前", "見直し後"), ("速報値", "確定値"),
           # (「何園開園した」「新設された」: the ones that came to be in the year, not all there are)
           # (in verb forms: 「開設されている…の数」 is the stock, 「創設以来」 the count since)
           ("累計|累積|通算|以来", "新たに|新しく|新規|単年度|年間|開校し|開設さ(?!れている)|開設し|開所し|設立さ"
            "|創設さ|発足し"),
           ("当初", "補正|改定|変更後"),
           # (the last: what a correction changed; 「最初はいくつと報告されていた」 'as originally reported': the value
           # before it)
           ("修正前|訂正前|改める前|改定前|最初[はに](?=[^、。]{0,12}(?:報告|公表|記載|発表|書か))|もともと|元々"
            "|originally|initially|first reported",
            "修正後|訂正後|改めた後|修正値")]


def states_asked(question: str) -> list[tuple[str, str, str]]:
    """(the state a question asks, as it writes it; its pattern; the other state's): 「見直し後の目標値」 →
    [("見直し後", "見直し後", "見直し前")]. A question naming both states of a pair asks about neither alone."""
    out = []
    for one, two in STATES:
        if re.search(one, question) and re.search(two, question):
            continue  # 「速報値から確定値でどう変わった」 asks both
        out += [(m.group(0), asked, other) for asked, other in ((one, two), (two, one))
                if (m := re.search(asked, question))]
    return out


def other_state(asked: list[tuple[str, str, str]], text: str) -> str | None:
    """The state asked (`states_asked`) when the text names only the other one (「見直し前の目標」,
    「…数（累計）」), else None."""
    for word, pattern, other in asked:
        if re.search(other, text) and not re.search(pattern, text):
            return word
    return None


def tail_run(name: str, text: str) -> int:
    """How much of the end of `name` (what it counts; its units and marks left off) `text` writes too."""
    bare = re.sub(r"(?:[(（][^()（）]*[)）]|【[^】]*】)+$", "", name)
    return next((k for k in range(len(bare), 0, -1) if bare[-k:] in text), 0)
