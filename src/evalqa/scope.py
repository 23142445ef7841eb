"""What a question over many figures ranges over: which sheets, which 個別分野, which indicators or 達成手段.

A sheet is named by its 施策名 (「北米外交」 names 北米地域外交 when most of the title's words are there),
a 個別分野 by its number or name, an indicator by its number (「1-3」) or name. Nothing named: the sheet of
the subject the question fits best, else every sheet.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from .fiscal_year import era_year
from .forms import MINISTRIES
from .matching import abbreviates
from .normalize import nfkc, norm
from .question import MONEY_FAMILIES, MONEY_OR_RATE_FAMILIES, STOP, QuestionAnalysis
from .search import Hit
from .subject import Subject, field_of
from .subjects import STRONG, SubjectCatalogue
from .terms import NOUN_RE, terms
from .title_index import (
    japanese_words,
    named_by_file,
    named_in_english,
    sheets_by_title_words,
    title_names,
    words_of_policy,
)

_FIELD_RE = re.compile(r"個別分野(\d+)")
INDICATOR_NUMBER_RE = re.compile(r"(?<![\d-])(\d{1,2}-\d{1,2})(?![\d-])")
_SECTION_NUMBER_RE = re.compile(r"(?:測定指標|参考指標)\s*(\d+(?:-\d+)?)")
_TITLE_COVER = 0.6  # share of a title's words a question must carry to name it
# 「担い手施策の」「沖縄の評価書で」: the words right before 施策 or a document's name are words of its title
# Kinds of evaluation document, the longer first (実績評価書 before 評価書): the one list of the words that name one
_DOCUMENT_KINDS = ("事前分析表", "実績評価書", "事後評価", "チェックアップ", "調書", "施策目標個票", "個票", "評価書")
_DOCUMENT_WORDS = "|".join(_DOCUMENT_KINDS)
_NICKNAME_RE = re.compile(r"([^\s、。,?？!！「」()（）]{2,20}?)(?:の)?(?:政策評価)?"
                          rf"(?:施策(?!目標)|実績評価|{_DOCUMENT_WORDS})")
_TITLE_COVER_ANY = 0.75  # … when it does not carry the title's first word


@dataclass
class Scope:
    sheets: list[str]
    field_number: str | None = None  # 個別分野 number
    indicators: list[str] = field(default_factory=list)  # indicator numbers named (「1-3」)

    def holds(self, s: Subject) -> bool:
        """Is the subject in scope (its sheet, and its 個別分野 when one is named)?"""
        if s.sheet not in self.sheets:
            return False
        return self.field_number is None or field_of(s) == self.field_number


def indicator_number(s: Subject) -> str | None:
    """「1-4」 from the subject's section path (測定指標1-4 …)."""
    for title in reversed(s.section):
        if m := _SECTION_NUMBER_RE.search(title):
            return m.group(1)
    return None


# The verbs a 施策名 ends its phrases in (「…の推進と…の整備」): what is done, not what it is about
_TITLE_ACTIONS = frozenset({"推進", "整備", "充実", "確保", "向上", "強化", "促進", "実現", "形成", "構築", "維持",
                            "改善"})


def _cover(name: str, words: set[str]) -> float:
    # (words as written: a proper noun's lemma, 北海道's ホッカイドウ, is no second word the question must carry)
    own = [t for t in dict.fromkeys(terms(name, lemmas=False)) if (len(t) >= 2 or not t.isascii())
           and t not in _TITLE_ACTIONS]
    if not own:
        return 0.0
    return sum(1 for t in own if t in words or any(t in w for w in words if len(w) > len(t))) / len(own)


# The words before 「の事前分析表」「の評価書」「の施策」: the phrase that names a document
_DOCUMENT_PHRASE_RE = re.compile(rf"([^、。?？]{{2,40}}?)の?(?:{_DOCUMENT_WORDS}|施策|シート)")
_MINISTRY_NAMES = {"厚労省": "厚生労働省", "文科省": "文部科学省", "国交省": "国土交通省", "経産省": "経済産業省",
                   "農水省": "農林水産省", "公取委": "公正取引委員会", "個情委": "個人情報保護委員会",
                   "規制委": "原子力規制委員会", "入管庁": "出入国在留管理庁", "エネ庁": "資源エネルギー庁",
                   "中企庁": "中小企業庁", "海保": "海上保安庁", "こども庁": "こども家庭庁",
                   "公調委": "公害等調整委員会", "地理院": "国土地理院", "運安委": "運輸安全委員会"}
# Every ministry and agency the forms name, and the short names people use (厚労省), the longer first.
_MINISTRY_RE = re.compile("|".join(sorted({*MINISTRIES, *_MINISTRY_NAMES}, key=len, reverse=True)))


_POLICY_NUMBER_RE = re.compile(r"(?<![A-Za-z])([IVX]+(?:-\d+){1,2})|(?:施策目標|施策|政策)\s*(\d{1,3})(?![\d.年-])",
                               re.IGNORECASE)  # (an English question is read in lower case: iii-1-1)


# 「施策全体の執行額」「政策全体」 "the policy as a whole": the 施策's own budget table, not one 達成手段's line
# (「みちびき関係予算」: the budget of the 施策 on it)
_WHOLE_RE = re.compile(r"(?:施策|政策)(?:全体|全部|トータル|の(?:予算|執行|当初|補正|繰越|総額|合計))"
                       r"|(?:関係|関連)の?(?:当初)?(?:予算|経費)"
                       # 「合計（a+b+c）」: the row of the 施策's own table
                       r"|[(（]\s*[aａ]\s*[+＋]\s*[bｂ]"
                       r"|(?:as a whole|overall|entire)\b|policy'?s? (?:total )?(?:budget|spending|execution)", re.I)


def asks_whole(a: QuestionAnalysis) -> bool:
    """Does a money question ask of the whole 施策 (its own budget table) rather than of one of its lines?"""
    return a.family in MONEY_OR_RATE_FAMILIES and bool(_WHOLE_RE.search(a.question))


def ministries_named(a: QuestionAnalysis) -> list[str]:
    """The ministries and agencies the question names (厚労省 as 厚生労働省)."""
    return list(dict.fromkeys(_MINISTRY_NAMES.get(m.group(0), m.group(0)) for m in _MINISTRY_RE.finditer(a.normalized)))


_ACRONYM_RE = re.compile(r"(?<![A-Za-z])([A-Z]{2,6})(?![A-Za-z])")


def _shortened(a: QuestionAnalysis, bodies: set[str]) -> dict[str, str]:
    """「中労委」 → 中央労働委員会: a body's name shortened as people write it, among the sheets' bodies."""
    short = [w for w in re.findall(r"[一-龥ァ-ヴー]{2,5}", a.normalized) if w[-1] in "省庁委院"]
    return {w: m for w in short for m in bodies if abbreviates(w, m)}


def _asked_bodies(a: QuestionAnalysis, cat: SubjectCatalogue) -> set[str]:
    """The ministries and bodies the question names: of the list (厚労省 as 厚生労働省), and those the sheets
    themselves name as theirs (防衛装備庁)."""
    bodies = {m for meta in cat.sheet_meta.values() if (m := meta.get("ministry"))}
    own = {m for m in bodies if m in a.normalized} | set(_shortened(a, bodies).values())
    return {_MINISTRY_NAMES.get(m.group(0), m.group(0)) for m in _MINISTRY_RE.finditer(a.normalized)} | own


_CODE_RE = re.compile(r"(?<![a-z])([rh])\s*(\d{1,2})\s*[-－ー‐]\s*(\d{1,3}(?:\s*[-－ー‐]\s*\d{1,3})*)(?![\d.])",
                      re.IGNORECASE)


def _acronym_in(title: str, q: str) -> bool:
    """Does the question say the short name a title gives in brackets (「戦略的イノベーション創造プログラム（SIP）の
    推進」 → SIP), as a word of its own?"""
    return any(re.search(rf"(?<![a-z]){re.escape(ac.lower())}(?![a-z])", q.lower())
               for ac in re.findall(r"[(（]([A-Za-z][A-Za-z0-9]{1,9})[)）]", nfkc(title)))


def _document_theme(document: str | None) -> str | None:
    """「宇宙政策」 of 「令和6年度内閣府実績評価書（宇宙政策）」: what the document's name says it is about."""
    # (the document's number may follow: 「実績評価書（原子力防災）内閣府R5－㉙」; 「（実績評価）」 is a kind)
    m = re.search(rf"(?:{_DOCUMENT_WORDS}|分析表)[(（]([^()（）]{{2,12}})[)）]", norm(document or ""))
    return m.group(1) if m and not re.search(r"\d|年度|評価|分析", m.group(1)) else None


def _coded(q: str, cat: SubjectCatalogue) -> list[str]:
    """The sheets a code like 「R4－13」 names: of that era year, and of that 施策 number (as the sheet states it,
    or as its file is named: soumu-r4-13-…)."""
    out: list[str] = []
    for m in _CODE_RE.finditer(nfkc(q)):
        year = era_year("令和" if m.group(1).lower() == "r" else "平成", m.group(2))
        number = re.sub(r"\s*[-－ー‐]\s*", "-", m.group(3))
        out += [sid for sid, meta in cat.sheet_meta.items() if cat.sheet_years.get(sid) == year and (
            meta.get("policy_number") == number or re.match(rf"[a-z]+-{m.group(1).lower()}{m.group(2)}-{number}(?:-|$)",
                                                            sid))]
    return out


def name_sheets(a: QuestionAnalysis, cat: SubjectCatalogue) -> QuestionAnalysis:
    """The analysis with the sheets the question names by 施策名 (「北米地域外交の…」), whose title words then no
    longer count as words naming a subject: they say where to look, not what."""
    q = a.normalized
    by_words = sheets_by_title_words(q, cat)
    firsts = title_names(cat)[0]
    named = [sid for sid, title in cat.titles.items() if title and (title in q or sid in q or sid in by_words or any(
        first in q for _, first in firsts.get(sid, ())) or _acronym_in(title, q)) and names_sheet(q, sid, cat)]
    fields = title_names(cat)[1]
    if not named:  # 「担い手施策の」「農地集積の施策で」「沖縄の評価書で」
        for nick in _NICKNAME_RE.finditer(q):
            # (a ministry's name before it, 「厚生労働省施策」, is whose, not what: its 労働 names no 施策)
            whose = _MINISTRY_RE.sub("の", nick.group(1))
            said = [t for t in terms(re.split(r"[のとやでがはをにも]", whose)[-1])
                    if len(t) >= 2 and not re.fullmatch(r"[a-z]*\d+", t)]  # (nor 2023, fy2023: a year)
            # (of the words before it, the run of title words next to it: 「…執行額保育施策」 names 保育)
            own = said[len(said) - next((i for i, t in enumerate(reversed(said)) if t not in title_names(cat)[2]),
                                        len(said)):]
            found = set.intersection(*(title_names(cat)[2].get(t, set()) for t in own)) if own else set()
            if len({cat.policy_titles.get(sid) for sid in found}) == 1:  # one 施策 (of one or more years)
                named += sorted(found)
    # (named by a run of its title only: that run says where to look, the title's other words may still name what)
    run_words: set[str] = set()
    if not named and (runs := {sid: run for sid in cat.titles if (run := title_run(q, sid, cat))}) \
            and len({cat.policy_titles.get(sid) for sid in runs}) == 1:
        named, run_words = sorted(runs), {t for run in runs.values() for t in terms(run)}
    english: set[str] = set()  # the English words that named it
    in_english = False
    if not named and a.lang == "en":  # 「the Hokkaido development sheet」: title words in English
        bodies = _asked_bodies(a, cat)
        named, english = named_by_file(a.question, cat)  # (「the taiki sheet」: its file's word)
        named, english = (named, english) if named else named_in_english(
            a, cat, {sid for sid, m in cat.sheet_meta.items() if m.get("ministry") in bodies} if bodies else None)
        in_english = bool(named)
    by_title = bool(named) and not run_words and (not in_english or bool(english))
    # 「施策目標Ⅶ－２－１」 (NFKC: VII-2-1), 「政策13」
    numbers = {(r or d).upper() for r, d in _POLICY_NUMBER_RE.findall(a.normalized)}
    named = named or [sid for sid, m in cat.sheet_meta.items() if m.get("policy_number") in numbers]
    if not named:  # 「総務省の政策7」: the sheets of the ministry named
        asked = _asked_bodies(a, cat)
        named = [sid for sid, m in cat.sheet_meta.items() if asked and m.get("ministry") in asked]
    # 「JCGの」「ATLA's」: the letters a body's sheets are filed under
    acronyms = {w.lower() for w in _ACRONYM_RE.findall(a.question) if w.lower() in cat.filed_under}
    named = named or [sid for w in sorted(acronyms) for sid in cat.filed_under[w]]
    labels: set[str] = set()
    if not named:  # 「宇宙政策の達成手段」: the theme a document's name gives in brackets (実績評価書（宇宙政策）)
        themes = {sid: t for sid, m in cat.sheet_meta.items() if (t := _document_theme(m.get("document"))) and t in q}
        named, labels = list(themes), set(themes.values())
    if not named:  # 「評価対象期間の…」: a field only one 施策's sheets have (評価対象期間, 評価方式 …)
        having = {sid: found for sid, m in cat.sheet_meta.items()
                  if (found := {lb for f in m.get("fields") or [] if _FIELD_LABEL_RE.fullmatch(lb := norm(f["label"]))
                                and lb in q})}
        if len({cat.policy_titles.get(sid) for sid in having}) == 1:
            named, labels = list(having), set().union(*having.values())
    # 「令和5年度事前分析表では」 names one of a 施策's sheets of several years, or, with no 施策 named, the
    # sheets of that document.
    by_document = [sid for sid in (named or cat.sheet_meta) if (d := cat.sheet_meta[sid].get("document"))
                   and len(norm(d)) >= 6 and norm(d).replace(" ", "") in q.replace(" ", "")]
    if len(named) > 1 or (not named and len(by_document) < len(cat.sheet_meta)):
        named = by_document or named
    field_number = m.group(1) if (m := _FIELD_RE.search(a.normalized)) else None
    for sid in named or list(cat.sheet_meta):
        for name, number in fields.get(sid, ()):
            # Named in full: 個別分野 names differ by one word (政治分野 / 経済分野), so most of them is not enough.
            if name in a.normalized and field_number in (None, number):
                field_number, named = number, named or [sid]
    if field_number is not None and field_number != a.field_number:
        a = replace(a, field_number=field_number)
    # 「厚労省の」「文科省の」: a ministry says where to look, whatever the sheets call it.
    bodies = {m for meta in cat.sheet_meta.values() if (m := meta.get("ministry"))}
    ministries = {t for m in _MINISTRY_RE.finditer(a.normalized) for t in terms(m.group(0))} | acronyms | {
        t for m in _asked_bodies(a, cat) if m in a.normalized for t in terms(m)} | {
        t for w in _shortened(a, bodies) for t in terms(w)}
    # 「統計局の評価書」「消防庁の」: a bureau or agency filed under its ministry, named by the sheets' 担当部局
    if bureaus := {h: sids for h, sids in cat.bureaus.items() if h in a.normalized}:
        of_bureau = [sid for sids in bureaus.values() for sid in sids]
        named = [sid for sid in named if sid in of_bureau] or of_bureau
    # 「令和4年度の…評価書では」: of the 施策's sheets, that year's
    if a.document_year is not None and len(named) > 1:
        named = [sid for sid in named if cat.sheet_years.get(sid) == a.document_year] or named
    # 「総務省R4－⑬の評価書」「環境省R5-3-1の事前分析表」: a document's code, its era year and 施策 number
    if coded := _coded(a.normalized, cat):
        named = [sid for sid in named if sid in coded] or coded
    # (of the sheets named, those of the ministry named, when it is among them)
    asked_ministries = _asked_bodies(a, cat)
    # (a ministry named outweighs title words another ministry's sheet shares: 「公取委の研修の受講者」)
    named = [sid for sid in named if cat.sheet_meta[sid].get("ministry") in asked_ministries] or [
        sid for sid, m in cat.sheet_meta.items() if m.get("ministry") in asked_ministries] or named
    ministries |= {t for h in bureaus for t in terms(h)}
    # (and of those, the kind of document named: 「環境省の事前分析表」 is not its 実績評価書)
    if len(named) > 1 and (kind := next((k for k in _DOCUMENT_KINDS if k in q), None)):
        named = [sid for sid in named if kind in norm(cat.sheet_meta[sid].get("document") or "")] or named
    before = len(named)
    if not (by_title and a.operation == "compare" and len(named) == 2):  # (「SIPとムーンショットでどちらが」: both)
        named = _narrowed(named, a.content, ministries, cat, a.question)
    # (theme words that chose one 施策 among the ministry's, 「文科省の留学生交流」, name the sheet)
    themed = {t for t in a.content if 0 < len(named) < before and any(t in cat.titles[sid] for sid in named)}
    if not named or len(named) == len(cat.titles) > 1:
        return replace(a, sheet_words=a.sheet_words | ministries) if ministries else a
    # (the titles themselves too: 「中小」 of a question is 「中」「小」 of the title's words)
    words = set(ministries) | themed
    # (not a name the question quotes, 「「原子力規制検査の実施」の執行額」: that is the 達成手段 asked)
    if not by_title and a.family in MONEY_FAMILIES and len({cat.policy_titles.get(sid) for sid in named}) == 1 \
            and not re.search(r"「[^」]{2,}」", a.question) \
            and (title := cat.titles.get(named[0])) \
            and all(t in words or t in terms(title) for t in a.content if len(t) >= 2):
        # 「警察庁の交通事故の概算要求額」 'the NPA's budget request for traffic accidents': money asked of the
        # ministry's one 施策 in words of its title only, which then say where to look as its name would (「海上保安庁
        # の…救助率」 asks no money: 救助 of its title names the indicator)
        words |= {t for t in a.content if len(t) >= 2 and t in terms(title)}
    if by_title:
        words |= {t for sid in named for t in terms(cat.titles[sid])} | {cat.titles[sid] for sid in named} | english
    elif m := _DOCUMENT_PHRASE_RE.search(q):
        # 「総務省の消防防災の事前分析表で」: the title's words that say which document; 「海上保安庁の評価書で、
        # …救助率は」 names the sheet by its ministry, and 救助 of its title is the subject's word
        # (read as parts of the runs the phrase shares with the title: 「中小」 of 中小企業・小規模事業者, 「型」 of
        # 循環型社会, which the title's own terms do not hold)
        phrase = m.group(1)
        for sid in named:
            shared = [phrase[i:j] for i in range(len(phrase)) for j in range(i + 2, len(phrase) + 1)
                      if phrase[i:j] in cat.titles[sid]]
            words |= {t for t in terms(phrase) if any(t in run for run in shared)}
            words |= {run for run in shared if not any(run != r and run in r for r in shared)}  # (働ける: 働く)
    words |= {t for lb in labels for t in terms(lb)} | run_words
    words |= {t for n in numbers for t in terms(n.lower())}  # 「Ⅳ－2－3」 says which sheet, not what
    words |= {t for sid in named if (d := cat.sheet_meta[sid].get("document")) and norm(d) in q for t in terms(d)}
    words |= {t for sid in named if (m := cat.sheet_meta[sid].get("ministry")) and m in a.normalized for t in terms(m)}
    # (「JCG」 says which sheets, it is no proper noun to find in them)
    return replace(a, sheets=named, sheet_words=frozenset(words), proper=[p for p in a.proper if p not in acronyms])


def _narrowed(named: list[str], content: Sequence[str], ministries: set[str], cat: SubjectCatalogue,
              question: str = "") -> list[str]:
    """Of several 施策 named (by a ministry, or by a word their titles share), those whose titles share the most
    of the question's other words (「環境省の循環型社会の…」: the 循環型社会 sheet of 環境省's)."""
    if len({cat.policy_titles.get(sid) for sid in named}) < 2:
        return named
    asked = {t for t in content if len(t) >= 2 and NOUN_RE.fullmatch(t) and t not in ministries}
    shared = {sid: sum(cat.idf(t) for t in asked & set(terms(cat.titles.get(sid) or ""))) for sid in named}
    # An English word counts for a title that writes one of its Japanese words (「railway」: 鉄道の安全性…).
    # (the question's own words: the analysis keeps only the English words it could read)
    english = [t for t in words_of_policy(question) if t not in ministries] if question.isascii() else []
    for t in english:
        said = japanese_words(t)
        for sid in named:
            shared[sid] += max((cat.idf(j) for j in said if j in (cat.titles.get(sid) or "")), default=0.0)
    best = max(shared.values())
    return [sid for sid in named if shared[sid] == best] if best > 0 else named


# A field's label that can name its sheet: one that says how the sheet was made (評価対象期間, 評価方式, 政策分野),
# not a year (「R2年度」) nor a heading every form has (評価結果, 総合判定).
_FIELD_LABEL_RE = re.compile(r"[\u4e00-\u9fff\u30a1-\u30fa・ー]{2,}(?:期間|方式|分野|時期)")


def names_sheet(q: str, sheet: str, cat: SubjectCatalogue) -> bool:
    """Does the (normalized) question name the sheet: its id, its 施策名, most of the 施策名's words starting
    with its first (「北米外交」 for 北米地域外交; 「青少年交流の推進」 does not name 国際交流の推進), or nearly all
    of three or more of them (「温暖化対策推進の施策」 for 地球温暖化対策の推進)?"""
    title = cat.titles.get(sheet) or ""
    if not title or title in q or sheet in q or _acronym_in(title, q):
        return bool(title)
    # A long 施策名 (「障害者の地域生活への移行を推進し、地域で…」) is named by its first clause too.
    words = set(terms(q))
    # 「（就労支援）」「交通安全の…」: the 施策名's first two words as written, opening a name in the question.
    # (a head of three characters only where no other 施策's title has its words: 「迎賓館の…」)
    firsts = terms(title)[:2]
    head = "".join(firsts)
    if (len(head) >= 4 or len(head) == 3 and _one_policy(firsts, cat)) and head in nfkc(title) and _heads(head, q):
        return True
    for name, first in title_names(cat)[0].get(sheet, ()):
        cover = _cover(name, words)
        if (_heads(first, q) and cover >= _TITLE_COVER) or (cover >= _TITLE_COVER_ANY and _own_count(name) >= 3):
            return True
    return False


def title_run(q: str, sheet: str, cat: SubjectCatalogue) -> str | None:
    """「…化学兵器の処理費用は」: three or more of the 施策名's nouns as it writes them, opening a name in the
    question, a run only one 施策 writes (in its titles, and in no other 施策's names), wherever it stands in the
    title; the longest, else None."""
    title = cat.titles.get(sheet) or ""
    seq = terms(title, lemmas=False)
    runs = [run for i in range(len(seq)) for j in range(i + 3, len(seq) + 1)
            if len(run := "".join(seq[i:j])) >= 5 and all(len(t) >= 2 and t not in STOP for t in seq[i:j])
            and run in nfkc(title) and run in q and _heads(run, q)
            and _one_policy(seq[i:j], cat) and _own_run(run, sheet, cat)]
    return max(runs, key=len, default=None)


def _own_run(run: str, sheet: str, cat: SubjectCatalogue) -> bool:
    """Does no subject of another 施策 than the sheet's write the run in its name?"""
    policy = cat.policy_titles.get(sheet)
    return not any(run in s.name for s in cat.subjects if cat.policy_titles.get(s.sheet) != policy)


def _one_policy(words: Sequence[str], cat: SubjectCatalogue) -> bool:
    """Are the words, all together, in the titles of one 施策's sheets only?"""
    by_word = title_names(cat)[2]
    sheets = set.intersection(*(by_word.get(w, set()) for w in words)) if words else set()
    return len({cat.policy_titles.get(sid) for sid in sheets}) == 1


def titled(words: Sequence[str], cat: SubjectCatalogue) -> list[str]:
    """The sheets of the one 施策 whose titles hold all the words (「the fisheries policy」: 水産), else []."""
    own = [w for w in words if len(w) >= 2 and not w.isascii()]
    by_word = title_names(cat)[2]
    sheets = set.intersection(*(by_word.get(w, set()) for w in own)) if own else set()
    return sorted(sheets) if len({cat.policy_titles.get(sid) for sid in sheets}) == 1 else []


def _heads(first: str, q: str) -> bool:
    """Does the title's first word open a name in the question, not stand inside another one (「就労支援」 in
    「…者等就労支援事業」 is part of a 事業's name; 「厚労省就労支援の…」 opens one after the ministry)?"""
    return any(i == 0 or not re.match(r"[\u4e00-\u9fff\u30a1-\u30fa]", q[i - 1]) or q[i - 1] in "省庁府"
               for i in (m.start() for m in re.finditer(re.escape(first), q)))


def _own_count(name: str) -> int:
    return len([t for t in dict.fromkeys(terms(name, lemmas=False)) if len(t) >= 2 or not t.isascii()])


def resolve_scope(a: QuestionAnalysis, cat: SubjectCatalogue, hits: Sequence[Hit],
                  ranked: Sequence[tuple[float, Subject]] = ()) -> Scope:
    """The sheets, 個別分野 and indicator numbers a question ranges over; `ranked` is the subject ranking of the
    question when the caller has it (else it is not needed: a named sheet, or the hits, decide)."""
    q = a.normalized
    named = list(a.sheets)
    field_number = a.field_number
    numbers = INDICATOR_NUMBER_RE.findall(q)
    if not named:
        if ranked and ranked[0][0] >= STRONG:
            named = [ranked[0][1].sheet]
        elif len(cat.sheet_meta) == 1 or not hits:
            named = list(cat.sheet_meta)
        else:
            named = [hits[0].sheet]
    return Scope(one_per_policy(named, a, cat), field_number, numbers)


def one_per_policy(sheets: list[str], a: QuestionAnalysis, cat: SubjectCatalogue) -> list[str]:
    """One sheet of each 施策 among `sheets`: a 施策's sheets of several years count the same indicators, so
    counts and lists are read from one of them, the newest that has the years asked."""
    groups: dict[tuple, list[str]] = {}
    for sid in sheets:
        key = cat.policy_of(sid)
        groups.setdefault(key, []).append(sid)
    out = []
    for group in groups.values():
        group.sort(key=lambda sid: -cat.sheet_years.get(sid, 0))
        out.append(next((sid for sid in group if set(a.years) <= cat.figure_years(sid)), group[0]))
    return [sid for sid in sheets if sid in out]


def scope_label(scope: Scope, cat: SubjectCatalogue) -> str:
    """「北米地域外交（個別分野1 …）」."""
    titles = "・".join(f"「{cat.titles.get(s, s)}」" for s in scope.sheets)
    if scope.field_number is None:
        return titles
    for sid in scope.sheets:
        for f in (cat.sheet_meta[sid].get("outline") or {}).get("fields", []):
            if f["number"] == scope.field_number:
                return f"{titles}の{f['title']}"
    return f"{titles}の個別分野{scope.field_number}"
