"""Answers: exact figures with citations, quoted passages for prose, plain refusals, and conversation.

A numeric answer is read from the figures table, never from a language model: the question is analysed
into a subject (matched against figure subjects by MeCab terms and by the hybrid search), a kind of value
(目標値/実績値/予算/執行額 …), fiscal years and a series; the figure that fits is stated with its companion
value (target ↔ actual, budget ↔ execution), a labelled computed ratio and its place in the sheet. When
the sheets do not hold the figure, the answer says so and says what is there.
"""
from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace

from .figures import Figure
from .fiscal_year import find_fiscal_years, to_label
from .search import Hit
from .terms import tagger, terms

# --- what kind of value is asked --------------------------------------------------------------

# family → the measures that answer it, in order of preference
FAMILIES: dict[str, list[str]] = {
    "target": ["年度目標値", "目標値", "中期目標値"],
    "midterm": ["中期目標値"],
    "actual": ["実績値"],
    "baseline": ["基準値"],
    "budget": ["予算額計", "当初予算(a)", "当初予算額"],
    "initial_budget": ["当初予算(a)", "当初予算額", "予算額計"],
    "supplementary": ["補正予算(b)"],
    "carryover": ["繰越し等(c)"],
    "total": ["合計(a+b+c)", "予算額計"],
    "execution": ["執行額"],
    "request": ["概算要求額"],
    "execution_rate": ["執行額"],
    "achievement_rate": ["実績値"],
    "review_number": ["予算額計", "当初予算額"],
}
FAMILY_LABEL = {
    "target": "目標値", "midterm": "中期目標値", "actual": "実績値", "baseline": "基準値", "budget": "予算額",
    "initial_budget": "当初予算", "supplementary": "補正予算", "carryover": "繰越し等", "total": "合計",
    "execution": "執行額", "request": "概算要求額", "execution_rate": "執行率", "achievement_rate": "達成率",
    "review_number": "行政事業レビュー事業番号",
}
_FAMILY_PATTERNS = [
    (r"予算額計", "budget"),
    (r"執行率", "execution_rate"),
    (r"達成率|達成度", "achievement_rate"),
    (r"事業番号|レビュー番号|レビューシート", "review_number"),
    (r"概算要求|要求額", "request"),
    (r"補正", "supplementary"),
    (r"繰越", "carryover"),
    (r"執行|使っ|使わ|支出|決算", "execution"),
    (r"中期目標", "midterm"),
    (r"基準値|基準年", "baseline"),
    (r"目標", "target"),
    (r"実績|結果|何回|何人|何件|何か国", "actual"),
    (r"当初予算", "initial_budget"),
    (r"合計", "total"),
    (r"予算|いくら|金額", "budget"),
]
_TREND_RE = re.compile(r"推移|経年|各年度|毎年|年度ごと|年度別|これまで|変化|トレンド|過去")
_PROSE_RE = re.compile(r"どうなっ|どう評価|どう位置付|どう説明|どう考え|どのよう|どういう|どんな|なぜ|理由|内容|概要|とは|何をし|何を行|取り組み|取組|方針|背景|狙い|目的")
_NUMERIC_RE = re.compile(r"数|率|額|割合|何回|何人|何件|いくつ|いくら|値|%|％")
_CONNECTIVE_RE = re.compile(r"^(では|じゃあ|じゃ|それ|その|同じ|また|一方|あと|次に|続いて)")
# Words that ask, not name: they never pick a subject.
_STOP = {
    "年度", "令和", "平成", "昭和", "目標", "目標値", "値", "実績", "実績値", "中期", "基準", "基準値", "予算", "予算額",
    "当初", "補正", "繰越", "繰越し", "合計", "執行", "執行額", "執行率", "額", "率", "概算", "要求", "要求額", "達成",
    "達成率", "達成度", "推移", "経年", "各", "毎年", "変化", "トレンド", "過去", "これまで", "教える", "教え", "下さる",
    "ください", "知る", "知り", "いくら", "いくつ", "何", "回", "件", "人", "数字", "金額", "結果", "状況", "内容", "概要",
    "どう", "成る", "なっ", "為る", "し", "する", "ある", "いる", "見る", "分かる", "事業番号", "番号", "レビュー", "事業",
    "行政", "シート", "記載", "どれ", "どの", "ほど", "くらい", "程度", "計", "使う", "使っ", "支出", "決算", "その",
    "それ", "同じ", "また", "一方", "では", "じゃあ", "次", "続く", "あと", "比べる", "比較", "とき", "場合", "計算",
    "fy", "年", "度", "月", "日", "割合", "パーセント", "%", "事前", "分析", "表", "事前分析表", "調書", "評価",
}
# Country names the sheets abbreviate in compounds (日加, 日米, 米加 …).
_COUNTRY = {"カナダ": "加", "アメリカ": "米", "米国": "米", "合衆国": "米", "日本": "日", "我が国": "日", "中国": "中",
            "韓国": "韓", "英国": "英", "イギリス": "英", "フランス": "仏", "ドイツ": "独", "ロシア": "露",
            "オーストラリア": "豪", "豪州": "豪", "インド": "印", "北朝鮮": "朝"}
_COMPOUND_RE = re.compile(r"^[日米加中韓英仏独露豪印朝]{2,4}$")
# Counter words for the answer sentence when the sheet states no unit (the figure's unit stays null).
_COUNTERS = [(r"会談数|回数|開催数", "回"), (r"人数|者数", "人"), (r"件数", "件"), (r"国数", "か国")]


@dataclass
class Frame:
    """What a conversation turn was about; a follow-up inherits it and replaces what it names."""

    subject: "Subject | None" = None
    years: list[int] = field(default_factory=list)
    family: str | None = None
    series: str | None = None
    trend: bool = False


@dataclass
class Answer:
    question: str
    text: str
    found: bool
    figures: list[Figure] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    kind: str = "numeric"  # numeric | trend | prose | refusal
    frame: Frame | None = None

    def to_dict(self) -> dict:
        return {"question": self.question, "answer": self.text, "found": self.found,
                "figures": [f.to_dict() for f in self.figures], "sources": self.sources, "kind": self.kind}


@dataclass
class Subject:
    """One measured thing: an indicator, a 達成手段, a budget table — all its figures."""

    sheet: str
    name: str
    section: list[str]
    table: str | None
    figures: list[Figure]
    terms: set[str]
    title: str = ""

    @property
    def key(self) -> tuple:
        return (self.sheet, self.name, self.table)

    @property
    def measures(self) -> list[str]:
        return list(dict.fromkeys(f.measure for f in self.figures))

    @property
    def series(self) -> list[str]:
        return [s for s in dict.fromkeys(f.series for f in self.figures) if s]

    @property
    def kind(self) -> str:
        if self.table == "達成手段":
            return "means"
        if "実績値" in self.measures or "年度目標値" in self.measures or "目標値" in self.measures:
            return "indicator"
        return "budget"


@dataclass
class Analysis:
    question: str
    years: list[int]
    family: str | None
    trend: bool
    content: list[str]  # terms that may name a subject
    proper: list[str]  # proper nouns among them (they must be matched)
    prose: bool
    numeric_cue: bool
    explicit: bool  # names a kind of value outright (…値, …額, …率, 予算, 執行 …), not just 「目標」
    short: bool


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _content_terms(text: str) -> tuple[list[str], list[str]]:
    """Subject-bearing terms of a question (nouns and the like, minus asking words) and its proper nouns."""
    out, proper = [], []
    for w in tagger()(_norm(text).lower()):
        pos1, pos2 = w.feature.pos1, w.feature.pos2
        s = w.surface
        if pos1 in ("助詞", "助動詞", "補助記号", "記号", "空白", "副詞", "連体詞", "接続詞", "感動詞") or pos2 == "数詞":
            continue
        lemma = (w.feature.lemma or s).split("-")[0]
        lemma = _norm(lemma).lower()
        if s in _STOP or lemma in _STOP or re.fullmatch(r"[\d.,]+", s):
            continue
        if pos1 == "動詞" and lemma in ("教える", "下さる", "成る", "為る", "有る", "居る", "知る"):
            continue
        out.append(s)
        if pos2 == "固有名詞" and s not in ("令和", "平成", "昭和"):
            proper.append(s)
    return out, proper


def analyse(question: str, era: str = "令和", latest: int | None = None) -> Analysis:
    """Years, kind of value, trend, subject words of a question. `latest` (the newest fiscal year in the
    corpus) settles bare years: 「30年度」 is 平成30年度 when 令和30年度 lies decades ahead."""
    q = _norm(question)
    mentions = find_fiscal_years(q, era)
    if latest is not None and any(m.end > latest + 5 for m in mentions) and era != "平成":
        older = find_fiscal_years(q, "平成")
        if len(older) == len(mentions):
            mentions = [o if m.end > latest + 5 else m for m, o in zip(mentions, older)]
    years = sorted({y for m in mentions for y in m.years})
    # 「予算額計（執行額ではなく）」: what is negated is not what is asked.
    asked = re.sub(r"[（(][^（）()]*(?:ではなく|じゃなく|以外)[^（）()]*[）)]|[^、。\s]*(?:ではなく|じゃなく)", "", q)
    family = next((fam for pat, fam in _FAMILY_PATTERNS if re.search(pat, asked)), None)
    trend = bool(_TREND_RE.search(q)) or any(m.start != m.end for m in mentions)
    stripped = re.sub(r"\s+", "", q)
    for m in mentions:
        stripped = stripped.replace(m.text, "、")
    content, proper = _content_terms(stripped)
    bare = re.sub(r"[\s?？。、!！はをがのもでにへとや]", "", q)
    explicit = bool(re.search(r"値|予算|執行|繰越|補正|概算|要求|何回|何人|何件|何%|何％|いくら|いくつ|推移|達成率"
                              r"|額は|額を|額が|率は|率を|率が", asked))
    return Analysis(question=question, years=years, family=family, trend=trend, content=content, proper=proper,
                    prose=bool(_PROSE_RE.search(q)), numeric_cue=bool(_NUMERIC_RE.search(q)), explicit=explicit,
                    short=len(bare) <= 8)


# --- the assistant ------------------------------------------------------------------------


class Assistant:
    """Answers questions from an `Index`: `ask(q)` for one question, `conversation()` for several."""

    def __init__(self, index):
        self.index = index
        self._load()

    def _load(self) -> None:
        self._generation = self.index.generation
        titles = {s["id"]: s["metadata"].get("title") or s["id"] for s in self.index.sheets()}
        self.titles = titles
        groups: dict[tuple, list[Figure]] = defaultdict(list)
        for f in self.index.figures():
            groups[(f.sheet, f.subject, f.table)].append(f)
        self.subjects: list[Subject] = []
        for (sheet, name, table), figs in groups.items():
            words = set(terms(name)) | set(terms(" ".join(figs[0].section)))
            words |= {t for f in figs if f.series for t in terms(f.series)}
            self.subjects.append(Subject(sheet, name, figs[0].section, table, figs, words, titles.get(sheet, "")))
        n = max(1, len(self.subjects))
        df: dict[str, int] = defaultdict(int)
        for s in self.subjects:
            for t in s.terms:
                df[t] += 1
        self._idf = {t: math.log(1 + n / c) for t, c in df.items()}
        self._max_idf = math.log(1 + n)
        # Inverted index term → subjects, so a question only scores the subjects that share a word with it.
        self._by_term: dict[str, set[int]] = defaultdict(set)
        for i, s in enumerate(self.subjects):
            for t in s.terms:
                self._by_term[t].add(i)
        self._by_section: dict[tuple, list[int]] = defaultdict(list)
        for i, s in enumerate(self.subjects):
            self._by_section[(s.sheet, tuple(s.section))].append(i)
        self.era = "令和"
        years = [s["metadata"].get("fiscal_year") for s in self.index.sheets() if s["metadata"].get("fiscal_year")]
        if years:
            self.era = to_label(max(years))[:2]
        fig_years = [f.fiscal_year for s in self.subjects for f in s.figures if f.fiscal_year]
        self.latest_year = max(fig_years + years) if (fig_years or years) else None
        self._vocab_cache: dict[str, bool] = {}
        sheets = self.index.sheets()
        order = sorted(sheets, key=lambda x: (x["metadata"].get("fiscal_year") or 0, x["id"]))
        self._sheet_rank = {x["id"]: i / max(1, len(order)) for i, x in enumerate(order)}
        self.sheet_meta = {x["id"]: x["metadata"] for x in sheets}

    def refresh(self) -> None:
        """Pick up a rebuilt index (new or changed sheets)."""
        if self.index.refresh() or self.index.generation != self._generation:
            self._load()

    def conversation(self) -> "Conversation":
        return Conversation(self)

    # --- subject matching -------------------------------------------------------------------
    def idf(self, t: str) -> float:
        return self._idf.get(t, self._max_idf)

    def _in_corpus(self, term: str) -> bool:
        if term not in self._vocab_cache:
            rows = self.index.query("SELECT 1 FROM chunk_terms WHERE chunk_terms MATCH ? LIMIT 1",
                                    ('"' + term.replace('"', '""') + '"',))
            if not rows:
                like = "%" + term.replace("%", "").replace("_", "") + "%"
                rows = self.index.query("SELECT 1 FROM chunks WHERE text LIKE ? OR breadcrumb LIKE ? LIMIT 1", (like, like))
            self._vocab_cache[term] = bool(rows)
        return self._vocab_cache[term]

    def _in_subject_text(self, word: str, subject: Subject) -> bool:
        """Does the word appear in the subject's own sections (its table header, 出典, prose) or sheet title?"""
        if word in (subject.title or "") or _COUNTRY.get(word, "\0") in (subject.title or ""):
            return True
        prefix = json.dumps(subject.section, ensure_ascii=False)[:-1] + "%"
        like = "%" + word.replace("%", "").replace("_", "") + "%"
        return bool(self.index.query("SELECT 1 FROM chunks WHERE sheet = ? AND section LIKE ? AND (text LIKE ? OR breadcrumb LIKE ?) LIMIT 1",
                                     (subject.sheet, prefix, like, like)))

    def _term_matches(self, t: str, subject_terms: set[str]) -> bool:
        if t in subject_terms:
            return True
        abbrev = _COUNTRY.get(t)
        if abbrev:
            return any(_COMPOUND_RE.match(s) and abbrev in s for s in subject_terms)
        # 「有識者」 vs 「有識」+「者」: a question word that is a run of subject terms
        return len(t) >= 2 and any(len(s) >= 2 and (t in s) for s in subject_terms)

    def _lexical(self, content: list[str], subject: Subject) -> float:
        if not content:
            return 0.0
        q_total = sum(self.idf(t) for t in content)
        matched = sum(self.idf(t) for t in content if self._term_matches(t, subject.terms))
        s_total = sum(self.idf(t) for t in subject.terms) or 1.0
        s_matched = sum(self.idf(t) for t in subject.terms if any(t == c or (len(c) >= 2 and t in c) or
                                                               _COUNTRY.get(c, "\0") in t for c in content))
        return 0.75 * matched / q_total + 0.25 * min(1.0, s_matched / s_total)

    def _candidates(self, words: list[str]) -> set[int]:
        """Subjects sharing a word with `words` (exactly, as part of a longer word, or as 日加-style country)."""
        out: set[int] = set()
        for t in words:
            out |= self._by_term.get(t, set())
            abbrev = _COUNTRY.get(t)
            for term, ids in self._by_term.items():
                if (len(t) >= 2 and t in term) or (abbrev and _COMPOUND_RE.match(term) and abbrev in term):
                    out |= ids
        return out

    def rank_subjects(self, a: Analysis, hits: list[Hit], context: Subject | None = None) -> list[tuple[float, Subject]]:
        bonus: dict[int, float] = {}
        for rank, h in enumerate(hits):
            for n in range(1, len(h.section) + 1):
                for i in self._by_section.get((h.sheet, tuple(h.section[:n])), []):
                    bonus.setdefault(i, 1.0 / math.sqrt(rank + 1))
        cands = self._candidates(a.content) | set(bonus)
        if context is not None:
            cands |= self._candidates(sorted(context.terms)) if a.content else set()
        scored = []
        for i in sorted(cands):
            s = self.subjects[i]
            score = self._lexical(a.content, s) + 0.25 * bonus.get(i, 0.0)
            if context is not None:
                score += 0.2 * self._lexical(sorted(context.terms), s) + (0.05 if s.sheet == context.sheet else 0)
            if a.family and any(m in s.measures for m in FAMILIES[a.family]):
                score += 0.05
                # A subject that can answer for the year asked beats one that cannot.
                if a.years and any(f.measure in FAMILIES[a.family] and f.fiscal_year in a.years and f.value is not None
                                   for f in s.figures):
                    score += 0.15
            if a.years:
                if not any(f.fiscal_year in a.years for f in s.figures):
                    score -= 0.1
                elif not a.family:
                    score += 0.05
            # 「同（分担金・拠出金）」 is the secondary budget table of a 施策: only when asked for.
            if "拠出金" in s.name and "除く" not in s.name and not (
                    re.search("分担金|拠出金", a.question) and "除" not in a.question):
                score -= 0.2
            score += 0.001 * self._sheet_rank.get(s.sheet, 0)  # ties between sheets: the newest sheet
            scored.append((score, s))
        scored.sort(key=lambda x: -x[0])
        return scored

    def _default_budget_subjects(self, a: Analysis) -> list[Subject]:
        """「令和2年度の執行額は？」 names no subject: the 施策's own budget table answers it (the one
        without 分担金・拠出金 first), from the sheets that have the year asked, newest sheet first."""
        want = FAMILIES.get(a.family or "", [])
        prefer = "政策ごとの予算額" if a.family == "request" else "施策の予算額"
        cands = [s for s in self.subjects if s.name.startswith(prefer) and any(m in s.measures for m in want)]
        if a.years:
            cands = [s for s in cands if any(f.fiscal_year in a.years and f.measure in want for f in s.figures)] or cands
        sheet_year = {s["id"]: s["metadata"].get("fiscal_year") or 0 for s in self.index.sheets()}
        cands.sort(key=lambda s: (-sheet_year.get(s.sheet, 0), "拠出金）" in s.name and "除く" not in s.name, s.name))
        return cands

    # --- answering --------------------------------------------------------------------------
    def ask(self, question: str, context: Frame | None = None) -> Answer:
        """Answer one question (with `context`, as a follow-up in a conversation)."""
        if not isinstance(question, str) or not question.strip():
            return Answer(question or "", "質問が空です。知りたい指標・予算と年度を入力してください。", False, kind="refusal")
        self.refresh()
        a = analyse(question, self.era, self.latest_year)
        followup = context is not None and context.subject is not None and (
            not a.content or a.short or bool(_CONNECTIVE_RE.match(_norm(question).strip())))
        hits = self.index.search(question, k=8)

        meta = self._metadata(a, hits)
        if meta is not None:
            return meta

        # Proper nouns the sheets never mention: nothing to answer from.
        missing = [p for p in a.proper if not self._in_corpus(p.lower()) and p not in _COUNTRY]
        if missing and not followup:
            return self._refuse_unknown(a, missing, hits)

        frame = Frame(years=a.years, family=a.family, trend=a.trend)
        series = None
        if followup:
            frame = Frame(subject=context.subject, years=a.years or list(context.years),
                          family=a.family or context.family, trend=a.trend or (context.trend and not a.years))
            series = self._series_in(a, context.subject)
            rest = [t for t in a.content if not (series and self._term_matches(t, set(terms(series))))]
            if series is None:
                series = context.series
            if rest:
                ranked = self.rank_subjects(replace(a, content=rest), hits, context.subject)
                if ranked and ranked[0][0] > 0.3:
                    frame.subject = ranked[0][1]
                    if frame.subject.key != context.subject.key:
                        series = self._series_in(a, frame.subject)
        else:
            if a.prose and not a.explicit:
                return self._prose(a, hits)
            ranked = self.rank_subjects(a, hits)
            best = ranked[0] if ranked else (0.0, None)
            strong = best[1] is not None and best[0] >= 0.45
            others: list[Subject] = []
            if not a.content and a.family:
                cands = self._default_budget_subjects(a)
                if not cands:
                    return self._refuse(a, None, f"ご質問の{FAMILY_LABEL[a.family]}がどの指標・予算のものか分かりません。"
                                                   "指標名や事業名を添えてください。", hits)
                best, strong = (1.0, cands[0]), True
                others = [s for s in cands[1:] if s.sheet != cands[0].sheet]
            if not strong:
                if a.family or a.numeric_cue:
                    return self._refuse_no_subject(a, ranked, hits)
                return self._prose(a, hits)
            subject = best[1]
            if subject.kind == "means" and re.search(r"いつから|開始年度|いつ始", a.question):
                return self._means_start(a, subject, hits)
            if not (a.family or a.numeric_cue or a.years or a.trend):
                return self._prose(a, hits)
            # A proper noun of the question that the subject does not carry (「中国との会談数」).
            unmatched = [p for p in a.proper if not self._term_matches(p, subject.terms)
                         and not self._term_matches(p.lower(), subject.terms) and not self._in_subject_text(p, subject)]
            if unmatched:
                return self._refuse_unknown(a, unmatched, hits, near=[s for _, s in ranked[:2]])
            frame.subject = subject
            series = self._series_in(a, subject)
            ties = [s for sc, s in ranked[1:4] if sc >= best[0] - 1e-6 and s.name != subject.name]
            # The same indicator in other sheets (another year's sheet, another ministry's copy).
            others += [s for sc, s in ranked[1:8] if sc >= best[0] - 0.02 and s.name == subject.name and s.sheet != subject.sheet]
            frame.series = series
            ans = self._numeric(a, frame, hits)
            notes = []
            if others:
                notes.append("他のシートにも同じ表・指標があります: " + "、".join(
                    dict.fromkeys(self._sheet_label(s.sheet) for s in others)) + "。シート名を添えると絞り込めます。")
            if ties:
                notes.append("同程度に当てはまる指標: " + "、".join(f"「{s.name}」" for s in ties) + "。別の指標でしたら名前を添えてください。")
            if notes and ans.found:
                body, sep, cite = ans.text.rpartition("\n出典: ")
                ans.text = (body + "".join(f"（{n}）" for n in notes) + sep + cite) if sep else ans.text + "".join(f"（{n}）" for n in notes)
            return ans
        frame.series = series
        return self._numeric(a, frame, hits)

    _META = [(r"担当部局|担当部署|担当課|担当は|所管", "bureau", "担当部局名"),
             (r"評価.*(時期|いつ)|実施予定時期", "evaluation_time", "政策評価実施予定時期"),
             (r"政策体系上の位置付け|政策体系", "position", "政策体系上の位置付け")]

    def _metadata(self, a: Analysis, hits: list[Hit]) -> Answer | None:
        """「担当部局は？」: a field of the sheet itself, not a table value."""
        q = _norm(a.question)
        for pat, attr, label in self._META:
            if not re.search(pat, q):
                continue
            sheets = [sid for sid, m in self.sheet_meta.items() if m.get(attr)]
            named = [sid for sid in sheets if (self.sheet_meta[sid].get("title") or "\0") in q or sid in q]
            if named:
                sheets = named
            elif hits and hits[0].sheet in sheets and len(sheets) > 1:
                sheets = [hits[0].sheet] + [x for x in sheets if x != hits[0].sheet]
            if not sheets:
                return None
            sid = sheets[0]
            m = self.sheet_meta[sid]
            text = f"施策「{m.get('title') or sid}」の{label}は「{m[attr]}」です。\n出典: {self._sheet_label(sid)}（シート冒頭の施策欄）"
            if len(sheets) > 1 and not named:
                text += "\n（他のシート: " + "、".join(f"{self._sheet_label(x)}は「{self.sheet_meta[x][attr]}」" for x in sheets[1:4]) + "）"
            src = [self._hit_source(h) for h in hits if h.sheet == sid][:2]
            return Answer(a.question, text, True, [], src, "metadata", Frame())
        return None

    def _means_start(self, a: Analysis, subject: Subject, hits: list[Hit]) -> Answer:
        """「…事業はいつから？」: the 開始年度 written after a 達成手段's name."""
        f = subject.figures[0]
        m = re.search(r"開始年度 ([^）]+)", f.note or "")
        if not m:
            return self._refuse(a, None, f"「{subject.name}」の開始年度はシートに記載がありません。", hits)
        text = f"「{subject.name}」の開始年度は{m.group(1)}です。\n{self._cite(f)}"
        return Answer(a.question, text, True, [], self._sources([f], hits), "metadata", Frame(subject=subject))

    def _series_in(self, a: Analysis, subject: Subject) -> str | None:
        q = _norm(a.question)
        for s in subject.series:
            core = re.sub(r"の部$|部$", "", re.sub(r"\(.*\)$|（.*）$", "", s))
            if core and (core in q or s in q):
                return s
        return None

    # --- numeric ----------------------------------------------------------------------------
    def _pick_measures(self, family: str | None, subject: Subject, year: int | None) -> list[str]:
        if family is None:
            family = {"indicator": "actual", "means": "budget", "budget": "initial_budget"}[subject.kind]
            if subject.kind == "indicator" and year is not None and not any(
                    f.measure == "実績値" and f.fiscal_year == year for f in subject.figures):
                family = "target"
        order = FAMILIES[family]
        present = [m for m in order if any(f.measure == m and (year is None or f.fiscal_year == year) for f in subject.figures)]
        return present

    def _numeric(self, a: Analysis, frame: Frame, hits: list[Hit]) -> Answer:
        s = frame.subject
        family = frame.family
        figs = [f for f in s.figures if frame.series is None or f.series == frame.series]
        if frame.trend or len(frame.years) > 1:
            return self._trend(a, frame, figs, hits)
        year = frame.years[0] if frame.years else None
        measures = self._pick_measures(family, s, year)
        if not measures:
            return self._refuse_missing(a, frame, figs, year, hits)
        measure = measures[0]
        chosen = [f for f in figs if f.measure == measure and (year is None or f.fiscal_year == year)]
        if year is None:
            with_value = [f for f in chosen if f.value is not None and f.fiscal_year is not None]
            if with_value:
                latest = max(f.fiscal_year for f in with_value)
                chosen = [f for f in chosen if f.fiscal_year == latest]
            elif chosen and len({f.fiscal_year for f in chosen}) > 1:
                chosen = chosen[-1:]
        if family == "review_number":
            f = chosen[0] if chosen else s.figures[0]
            if not f.review_number:
                return self._refuse(a, frame, f"「{s.name}」の行政事業レビュー事業番号はシートに記載がありません。", hits)
            text = f"「{s.name}」の行政事業レビュー事業番号は{f.review_number}です。\n{self._cite(f)}"
            return Answer(a.question, text, True, [f], self._sources([f], hits), "numeric", frame)
        present = [f for f in chosen if f.value is not None]
        if not present:
            f = chosen[0]
            label = self._year(f)
            text = (f"{label}の「{self._name(f)}」の{f.measure}は、シートに値が記載されていません"
                    f"（欄は「{f.raw or '空欄'}」）。\n{self._cite(f)}")
            return Answer(a.question, text, False, [], self._sources([f], hits), "refusal", frame)
        if family in ("execution_rate", "achievement_rate"):
            return self._ratio(a, frame, present, hits)
        parts = []
        for f in present:
            name = f"{f.series}" if len(present) > 1 and f.series else ""
            parts.append(f"{name}{self._value(f)}")
        first = present[0]
        subject_text = self._name(first) if len(present) == 1 else s.name
        head = f"{self._year(first)}の「{subject_text}」の{first.measure}は{'、'.join(parts)}です"
        companions, extra = self._companions(present, s)
        text = head + (f"（{extra}）" if extra else "") + "。"
        if year is None and first.fiscal_year:
            text += f"（年度の指定がないため、値のある最新の{self._year(first)}を示しました。）"
        text += "\n" + self._cite(first)
        return Answer(a.question, text, True, present + companions, self._sources(present, hits), "numeric", frame)

    def _companions(self, figs: list[Figure], s: Subject) -> tuple[list[Figure], str]:
        """The natural companion value and a computed ratio: target ↔ actual, budget ↔ execution."""
        pairs = {"実績値": ["年度目標値", "目標値"], "年度目標値": ["実績値"], "目標値": ["実績値"],
                 "予算額計": ["執行額"], "執行額": ["予算額計", "合計(a+b+c)", "当初予算(a)"],
                 "当初予算(a)": ["執行額"], "合計(a+b+c)": ["執行額"], "中期目標値": ["実績値"]}
        out_figs, texts = [], []
        for f in figs:
            for m in pairs.get(f.measure, []):
                c = next((x for x in s.figures if x.measure == m and x.fiscal_year == f.fiscal_year
                          and x.series == f.series and x.value is not None), None)
                if c is None:
                    continue
                out_figs.append(c)
                label = f"{c.series}の" if len(figs) > 1 and c.series else ""
                t = f"{label}{c.measure}{self._value(c)}"
                ratio = self._ratio_value(f, c)
                if ratio:
                    t += f"、{ratio}"
                texts.append(t)
                break
        return out_figs, "、".join(texts)

    @staticmethod
    def _ratio_value(f: Figure, c: Figure) -> str | None:
        """「達成率約43%（実績値÷年度目標値、計算値）」."""
        if not isinstance(f.value, (int, float)) or not isinstance(c.value, (int, float)) or f.unit == "%":
            return None
        if f.measure == "実績値" and c.measure in ("年度目標値", "目標値") and c.value:
            return f"達成率約{round(100 * f.value / c.value)}%（実績値÷{c.measure}、計算値）"
        if c.measure == "実績値" and f.measure in ("年度目標値", "目標値") and f.value:
            return f"達成率約{round(100 * c.value / f.value)}%（実績値÷{f.measure}、計算値）"
        if f.measure == "執行額" and c.value and c.measure in ("予算額計", "合計(a+b+c)"):
            return f"執行率約{round(100 * f.value / c.value)}%（執行額÷{c.measure}、計算値）"
        if c.measure == "執行額" and f.value and f.measure in ("予算額計", "合計(a+b+c)"):
            return f"執行率約{round(100 * c.value / f.value)}%（執行額÷{f.measure}、計算値）"
        return None

    def _ratio(self, a: Analysis, frame: Frame, present: list[Figure], hits: list[Hit]) -> Answer:
        s = frame.subject
        f = present[0]
        if frame.family == "execution_rate":
            base = next((x for m in ("予算額計", "合計(a+b+c)", "当初予算(a)") for x in s.figures
                         if x.measure == m and x.fiscal_year == f.fiscal_year and x.value), None)
        else:
            base = next((x for m in ("年度目標値", "目標値") for x in s.figures
                         if x.measure == m and x.fiscal_year == f.fiscal_year and x.series == f.series and x.value), None)
        if base is None:
            return self._refuse(a, frame, f"{self._year(f)}の「{s.name}」の{FAMILY_LABEL[frame.family]}は、"
                                          "分母になる値がシートにないため計算できません。", hits)
        ratio = self._ratio_value(f, base) or ""
        text = (f"{self._year(f)}の「{self._name(f)}」の{ratio.split('（')[0]}です"
                f"（{f.measure}{self._value(f)}、{base.measure}{self._value(base)}から計算）。\n{self._cite(f)}")
        return Answer(a.question, text, True, [f, base], self._sources([f], hits), "numeric", frame)

    def _trend(self, a: Analysis, frame: Frame, figs: list[Figure], hits: list[Hit]) -> Answer:
        s = frame.subject
        years = set(frame.years) if frame.years else None
        fams = [frame.family] if frame.family else (
            ["target", "actual"] if s.kind == "indicator" else ["budget", "execution"] if s.kind == "means"
            else ["initial_budget", "execution"])
        lines, chosen = [], []
        for fam in fams:
            for m in FAMILIES[fam][:1] if fam not in ("budget", "target") else FAMILIES[fam]:
                row = sorted((f for f in figs if f.measure == m and f.fiscal_year is not None and f.value is not None
                              and (years is None or f.fiscal_year in years)), key=lambda f: (f.series or "", f.fiscal_year))
                if not row or any(x in chosen for x in row):
                    continue
                chosen.extend(row)
                by_series = defaultdict(list)
                for f in row:
                    by_series[f.series].append(f)
                for ser, fs in by_series.items():
                    label = f"{m}（{ser}）" if ser else m
                    lines.append(f"{label}: " + "、".join(f"{self._year(f)} {self._value(f)}" for f in fs))
        if not chosen:
            return self._refuse_missing(a, frame, figs, None, hits)
        text = f"「{s.name}」の推移です。\n" + "\n".join(lines) + "\n" + self._cite(chosen[0])
        return Answer(a.question, text, True, chosen, self._sources(chosen, hits), "trend", frame)

    # --- prose ------------------------------------------------------------------------------
    def _prose(self, a: Analysis, hits: list[Hit]) -> Answer:
        content = [t for t in a.content if t not in _STOP]
        if not hits or not content:
            return self._refuse(a, None, "シートの中に、ご質問に答える記述が見当たりません。", hits)
        scored = []
        total = sum(self.idf(t) for t in content)
        for rank, h in enumerate(hits[:5]):
            heading = ""
            place = set(terms(" ".join(h.section))) | set(terms(self.titles.get(h.sheet) or ""))
            for para in h.text.split("\n"):
                sents = [x.strip() for x in re.split(r"(?<=[。])", para) if x.strip()]
                for i, sent in enumerate(sents):
                    if len(sent) < 8 or " | " in sent:
                        continue
                    if not sent.endswith("。") and len(sent) <= 40:
                        heading = sent  # a list heading such as 「2 日本人学生等のインターンシップ支援事業」
                        continue
                    # Quote (and judge) the sentence with the one after it: the answer often follows its subject.
                    quote = sent + (sents[i + 1] if i + 1 < len(sents) and len(sent) < 200 else "")
                    st = set(terms(quote)) | set(terms(heading)) | place
                    cover = sum(self.idf(t) for t in content if t in st or any(len(t) >= 2 and t in x for x in st)) / total
                    scored.append((cover + 0.15 / (rank + 1), cover, rank, quote, h))
        scored.sort(key=lambda x: -x[0])
        if not scored or scored[0][1] < 0.5:
            return self._refuse(a, None, "シートの中に、ご質問に答える記述が見当たりません。", hits)
        best = [x for x in scored[:3] if x[1] >= 0.5 * scored[0][1]][:2]
        quotes = []
        for _, _, _, sent, h in best:
            quotes.append(f"「{sent}」\n出典: {self._sheet_label(h.sheet)} › {h.breadcrumb}［{h.first_line}〜{h.last_line}行目］")
        text = "シートには次のように書かれています。\n" + "\n".join(quotes)
        used = list(dict.fromkeys(id(x[4]) for x in best))
        sources = [self._hit_source(h) for h in hits if id(h) in used] + \
                  [self._hit_source(h) for h in hits[:3] if id(h) not in used]
        return Answer(a.question, text, True, [], sources, "prose", Frame())

    # --- refusals ---------------------------------------------------------------------------
    def _refuse(self, a: Analysis, frame: Frame | None, text: str, hits: list[Hit]) -> Answer:
        return Answer(a.question, text, False, [], [self._hit_source(h) for h in hits[:3]], "refusal", frame)

    def _refuse_unknown(self, a: Analysis, missing: list[str], hits: list[Hit], near: list[Subject] | None = None) -> Answer:
        text = "、".join(f"「{m}」" for m in missing) + "についての記載は、索引にあるシートにはありません。"
        if near:
            text += "近いものとしては" + "、".join(f"「{s.name}」" for s in near) + "があります。"
        return self._refuse(a, None, text, hits)

    def _refuse_no_subject(self, a: Analysis, ranked, hits: list[Hit]) -> Answer:
        near = [s for sc, s in ranked[:3] if sc > 0.15]
        text = "ご質問に当たる指標・予算は、索引にあるシートに見当たりません。"
        if near:
            text += "近いものとしては" + "、".join(f"「{s.name}」" for s in near) + "があります。"
        return self._refuse(a, None, text, hits)

    def _refuse_missing(self, a: Analysis, frame: Frame, figs: list[Figure], year: int | None, hits: list[Hit]) -> Answer:
        s = frame.subject
        asked = FAMILY_LABEL.get(frame.family or "", "値")
        have = defaultdict(list)
        for f in figs:
            if f.fiscal_year is not None:
                have[f.fiscal_year].append(f.measure)
        avail = "、".join(f"{to_label(y)}（{'・'.join(dict.fromkeys(ms))}）" for y, ms in sorted(have.items()))
        when = f"{to_label(year)}の" if year else ""
        text = f"「{s.name}」の{when}{asked}は、シートにありません。"
        if avail:
            text += f"シートにあるのは{avail}です。"
        return self._refuse(a, frame, text, hits)

    # --- formatting -------------------------------------------------------------------------
    def _name(self, f: Figure) -> str:
        return f"{f.subject}（{f.series}）" if f.series else f.subject

    @staticmethod
    def _year(f: Figure) -> str:
        return to_label(f.fiscal_year) if f.fiscal_year else (f.year_label or "年度不明")

    @staticmethod
    def _value(f: Figure) -> str:
        if f.value is None:
            return "記載なし"
        v = f.value
        # Negative amounts as the sheets write them: △14.
        num = ("△" if v < 0 else "") + (f"{abs(v):,}" if isinstance(v, int) else f"{abs(v):,.10g}")
        unit = f.unit
        if unit is None:
            unit = next((u for pat, u in _COUNTERS if re.search(pat, f.subject)), "")
        return f"{num}{unit}"

    def _sheet_label(self, sheet: str) -> str:
        title = self.titles.get(sheet)
        return f"{title}（{sheet}）" if title and title != sheet else sheet

    def _cite(self, f: Figure) -> str:
        return f"出典: {self._sheet_label(f.sheet)} › {' › '.join(f.section)}［{f.line}行目］"

    @staticmethod
    def _hit_source(h: Hit) -> dict:
        return {"sheet": h.sheet, "section": h.section, "text": h.text, "score": h.score}

    def _sources(self, figs: list[Figure], hits: list[Hit]) -> list[dict]:
        out, seen = [], set()
        for f in figs:
            for h in hits:
                if h.sheet == f.sheet and h.section == f.section and h.first_line <= (f.line or 0) <= h.last_line:
                    if h.chunk_id not in seen:
                        seen.add(h.chunk_id)
                        out.append(self._hit_source(h))
                    break
            else:
                rows = self.index.query(
                    "SELECT id, text FROM chunks WHERE sheet = ? AND section = ? AND first_line <= ? AND last_line >= ?",
                    (f.sheet, json.dumps(f.section, ensure_ascii=False), f.line or 0, f.line or 0))
                for cid, text in rows[:1]:
                    if cid not in seen:
                        seen.add(cid)
                        out.append({"sheet": f.sheet, "section": f.section, "text": text, "score": 0.0})
        return out


class Conversation:
    """Questions asked one after another: a follow-up (「目標は？」「日米は？」) inherits the last frame."""

    def __init__(self, assistant: Assistant):
        self.assistant = assistant
        self.frame: Frame | None = None
        self.history: list[Answer] = []

    def ask(self, question: str) -> Answer:
        ans = self.assistant.ask(question, self.frame)
        if ans.frame is not None and ans.frame.subject is not None:
            self.frame = ans.frame
        elif ans.kind == "prose":
            self.frame = None
        self.history.append(ans)
        return ans

    def reset(self) -> None:
        self.frame = None
        self.history.clear()
