"""`evalqa eval QA.jsonl`: exact-answer accuracy by kind, retrieval hit@k, refusals.

A question file holds one JSON object per line::

    {"question": "令和2年度の日加二国間会談数の実績は？", "kind": "numeric", "expected": 3,
     "measure": "実績値", "sheet": "mofa-r3-I-2-hokubei", "section": "測定指標1-4"}

kinds and what a correct answer is:
- numeric, stated: figures[0].value == expected, in the figure's unit or its base (1.2 億円 = 120000000), and its
  measure / fiscal_year / sheet when given (a stated number is judged on its value, since its measure is the
  sheet's sentence);
- trend: the values of the figures with `measure` are `expected`, in order; or {"answer": "減少", "value": -156}:
  the answer says the direction (「減りました」「decrease」) and the amount (156), among its figures or in its text;
- comparison: {"answer": text, "values": [...], "value": difference}: the text (or the direction it names) is in
  the answer, every value among its figures, the difference among them or in the text;
- ranking: {"answer": text, "value": v}: the text is in the answer, figures[0].value == v (unless null);
- count, sum: the number stands in the answer's first line; list: every expected text is in the answer;
- prose, metadata: the expected text is in the answer (texts compared in one width, NFKC, spaces aside);
- refusal: found is false and no figures.
Lines with the same "conversation" id (a string, or {"id": …, "turn": n}) are asked in file order as one
conversation.
`section` (with `sheet`) is what retrieval should find: hit@k counts it among the top k search hits.
"""
from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .answer import Answer
from .assistant import Assistant
from .change import MEASURES as CHANGES
from .conversation import Conversation
from .counts import UNIT_SCALE, base_amount
from .facts import MEASURE as STATED
from .figure import Figure
from .fiscal_year import find_fiscal_years, parse_fiscal_year
from .normalize import nfkc
from .parts import file_id

KINDS = ("numeric", "stated", "trend", "comparison", "ranking", "count", "sum", "list", "prose", "metadata", "refusal")


@dataclass
class Case:
    question: str
    kind: str
    expected: Any = None
    measure: str | None = None
    fiscal_year: int | None = None
    sheet: str | None = None
    section: str | None = None
    conversation: str | None = None
    id: str | None = None
    lang: str = "ja"
    why: str | None = None  # the sheet's line that proves the answer, as the set's writer copied it


@dataclass
class Result:
    case: Case
    answer: Answer
    correct: bool
    hit_rank: int | None = None  # 1-based rank of the expected section among the search hits


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)

    def accuracy(self, kind: str | None = None) -> float:
        rs = [r for r in self.results if kind is None or r.case.kind == kind]
        return sum(r.correct for r in rs) / len(rs) if rs else math.nan

    def hit_at(self, k: int) -> float:
        rs = [r for r in self.results if r.case.section]
        return sum(1 for r in rs if r.hit_rank is not None and r.hit_rank <= k) / len(rs) if rs else math.nan

    @property
    def false_refusals(self) -> int:
        return sum(1 for r in self.results if r.case.kind != "refusal" and not r.answer.found)

    @property
    def wrong_answers(self) -> int:
        """Answered (found) but wrong: the failure users must never see."""
        return sum(1 for r in self.results if not r.correct and r.answer.found)

    def summary(self) -> dict:
        kinds = sorted({r.case.kind for r in self.results})
        return {
            "questions": len(self.results),
            "accuracy": round(self.accuracy(), 3),
            "by_kind": {k: {"n": sum(r.case.kind == k for r in self.results), "accuracy": round(self.accuracy(k), 3)}
                        for k in kinds},
            "retrieval": {f"hit@{k}": round(self.hit_at(k), 3) for k in (1, 3, 5)},
            "retrieval_questions": sum(1 for r in self.results if r.case.section),
            "false_refusals": self.false_refusals,
            "wrong_answers": self.wrong_answers,
        }

    def text(self, failures: bool = True) -> str:
        s = self.summary()
        lines = [f"questions: {s['questions']}   exact-answer accuracy: {s['accuracy']:.1%}"]
        for k, v in s["by_kind"].items():
            lines.append(f"  {k:9} {v['n']:3}  {v['accuracy']:.1%}")
        r = s["retrieval"]
        lines.append(f"retrieval ({s['retrieval_questions']} questions): hit@1 {r['hit@1']:.1%}  "
                     f"hit@3 {r['hit@3']:.1%}  hit@5 {r['hit@5']:.1%}")
        lines.append(f"wrong answers (answered but wrong): {s['wrong_answers']}   "
                     f"false refusals: {s['false_refusals']}")
        if failures:
            for res in self.results:
                if not res.correct:
                    got = res.answer.figures[0].value if res.answer.figures else None
                    lines.append(f"  ✗ [{res.case.kind}] {res.case.question} → expected {res.case.expected!r}, "
                                 f"got {got!r} (found={res.answer.found}): {res.answer.text.splitlines()[0][:80]}")
        return "\n".join(lines)


def load_cases(path: str | Path) -> list[Case]:
    cases = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            d = json.loads(line)
            conv = d.get("conversation")
            if isinstance(conv, dict):  # {"id": "c01", "turn": 2}: a turn of a conversation, by its id
                conv = conv.get("id")
            if conv is not None and not isinstance(conv, str):
                raise TypeError(f"conversation must be an id or {{\"id\": …, \"turn\": n}}, not {conv!r}")
            d["conversation"] = conv
            cases.append(Case(**{k: v for k, v in d.items() if k in Case.__dataclass_fields__}))
        except (json.JSONDecodeError, TypeError, AttributeError) as e:
            raise ValueError(f"{path}:{n}: not a question object ({e})") from None
        if cases[-1].kind not in KINDS:
            raise ValueError(f"{path}:{n}: kind must be one of {', '.join(KINDS)}")
    return cases


def _measure_core(label: str) -> str:
    """「執行額(百万円)」「4年度 概算要求額」「年度ごとの実績値」 → 執行額, 概算要求額, 実績値: a question set written
    from the sheet names a measure as the sheet writes it, units and years included."""
    label = re.sub(r"[(（][^()（）]*[)）]", "", re.sub(r"\s+", "", label))  # 「予算額計（執行額）（千円）」 → 予算額計
    return re.sub(r"^(?:(?:令和|平成)?(?:\d+|元)年度|年度ごとの|年度毎の)", "", label)


# Words of the kinds of value a sheet prints
_KIND_WORD_RE = re.compile(r"目標|実績|基準|予算|執行|要求|繰越|補正|合計|^計|執行率|達成率|初期値|見込|速報|確定")


def measure_matches(asked: str | None, measure: str | None) -> bool:
    if asked is None:
        return True
    if measure is None:
        return False
    a, m = _measure_core(asked), _measure_core(measure)
    if not _KIND_WORD_RE.search(a):
        return True  # 「摘発件数」: what is counted, not a kind of value (目標値, 実績値, 予算 …) to check
    if a == "予算":  # a set that names the budget table's values as one kind: any row of that table
        return re.search(r"予算|概算要求|合計|繰越|補正|^計", m) is not None
    return a == m or (len(a) >= 2 and (m.startswith(a) or m.endswith(a) or a.endswith(m))) \
        or (len(m) >= 4 and a.startswith(m))  # (当初予算額 asked, 当初予算(a) printed)


# A set that labels every budget value 予算額: the kind of budget its question names is what it asks.
_BUDGET_KINDS = {"概算要求": r"概算要求|要求額|budget request|requested", "当初予算": r"当初|initial",
                 "補正予算": r"補正|supplementary", "繰越": r"繰越|carr(?:y|ied)[- ]?over",
                 "合計": r"合計|a\s*[+＋]\s*b|total"}


def _kind_asked(case: Case, measure: str | None) -> bool:
    """「予算額」 expected and the question names the kind of budget the answer's measure is (当初予算(a) for
    「initial budget」)."""
    if case.measure is None or _measure_core(case.measure) != "予算額" or measure is None:
        return False
    return any(kind in measure and re.search(words, case.question, re.IGNORECASE)
               for kind, words in _BUDGET_KINDS.items())


def in_base_unit(f: Figure) -> float | None:
    """A figure's value in its unit's base: 1.2 億円 is 120,000,000 円 (a question file may write either)."""
    if (f.unit or "") not in UNIT_SCALE or not isinstance(f.value, (int, float)):
        return None
    return round(base_amount(f.value, f.unit or "")[1], 6)


def _as_printed(case: Case, exp: Any) -> float | None:
    """The expected number in the sheet's own count when the set wrote it in the 万 or 億 the sheet prints
    (「約118万件」 expected as 118: the answer's 1,180,000件 is that number)."""
    if not isinstance(exp, (int, float)) or not (case.why or case.measure):
        return None
    why = nfkc(case.why or "")
    for prefix, scale in (("万", 10**4), ("億", 10**8)):
        # (or the set names the unit so: 「万人」 of 「約360万人」, its quote cut short)
        if any(re.search(rf"(?<![\d.,]){re.escape(n)}{prefix}", why) for n in {f"{exp:,}", f"{exp}"}) \
                or (case.measure or "").startswith(prefix) and not (case.measure or "").endswith("円"):
            return exp * scale
    return None


def _same(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) < 1e-9
    return a == b


# The words that say which way a value went, by the direction a question set names
_DIRECTIONS = {"増加": r"増加|増え|上昇|上が|伸び|increase|rose|higher|up\b",
               "減少": r"減少|減り|減っ|低下|下が|decrease|fell|declin|lower|down\b",
               "横ばい": r"横ばい|同じ|変わら|no change|same|flat",
               # a value against its target: 「上回りました」「exceeded」, 「下回りました」「fell short」
               "上回った": r"上回|超え|exceed|above|surpass", "下回った": r"下回|届かな|未達|below|short of|fell short"}


def _says_direction(word: str, text: str) -> bool:
    """Does the answer say the direction (増加 as 「増えました」「上昇」「increase」)?"""
    w = nfkc(word)
    pattern = next((p for k, p in _DIRECTIONS.items() if k == w or re.fullmatch(p, w, re.IGNORECASE)), None)
    return w in nfkc(text) or (pattern is not None and re.search(pattern, nfkc(text), re.IGNORECASE) is not None)


def _same_year(label: str, text: str) -> bool:
    """A year named as the sheet prints it (「R4年度」) and written otherwise in the answer (「令和4年度」)."""
    year = parse_fiscal_year(label) if re.fullmatch(r"[^\s、。]{2,12}年度?", nfkc(label)) else None
    return year is not None and any(m.start == m.end == year for m in find_fiscal_years(text.splitlines()[0]))


def _larger_kind(kind: str, ans: Answer) -> bool:
    """A value against its target, the larger named by its kind (「年度ごとの目標値」, 「実績値」): the larger of the
    answer's two figures is of that kind (the sheet's label for it may differ: 年度目標値)."""
    kind = kind.lower()
    asked = "目標" if "目標" in kind or "target" in kind else "実績" if "実績" in kind or "actual" in kind else None
    pair = [f for f in ans.figures[:2] if isinstance(f.value, (int, float))]
    if asked is None or len(pair) < 2 or pair[0].value == pair[1].value:
        return False
    larger = max(pair, key=lambda f: f.value)  # type: ignore[arg-type,return-value]
    return asked in (larger.measure or "") and not any(asked in (f.measure or "") for f in pair if f is not larger)


def _listed(name: str) -> str:
    """A 達成手段's name less its list number (「⑤」「(3)」): its place in the list, not part of its name."""
    return re.sub(r"^(?:[①-⑳]|[(（]\d{1,2}[)）]|\d{1,2}[.．、])\s*", "", name)


def _states(value: Any, ans: Answer) -> bool:
    """Does the answer give the amount (a change of −156 as 156, among its figures or written in its text)?"""
    if value is None:
        return True
    if isinstance(value, list):  # {"answer": "減少", "value": [4.9, 4.8, 4.6]}: every value of the span, stated
        return all(_states(x, ans) for x in value)
    v = abs(value)
    if any(_same(abs(f.value), v) for f in ans.figures if isinstance(f.value, (int, float))):
        return True
    return any(_same(float(n.replace(",", "")), v) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", nfkc(ans.text)))


def judge(case: Case, ans: Answer, policy: Callable[[str], object] = str) -> bool:
    """Is the answer right for the case (see the module docstring)? `policy` names a sheet's 施策: a figure
    of the same value, measure and year cited from another year's sheet of that 施策 states it too."""
    if case.kind == "refusal":
        return not ans.found and not ans.figures
    if not ans.found:
        return False
    exp = case.expected
    values = [f.value for f in ans.figures]
    if case.kind in ("numeric", "stated"):
        if not ans.figures:
            return False
        f = ans.figures[0]
        if isinstance(exp, str):
            return exp in (f.review_number or "", f.raw) or exp in ans.text
        # (a number the sheet states in a sentence has no table measure: 「実績」 asked, the sentence answers)
        return ((_same(f.value, exp) or _same(in_base_unit(f), exp) or _same(f.value, _as_printed(case, exp)))
                and (case.kind == "stated" or f.measure == STATED or measure_matches(case.measure, f.measure)
                     or _kind_asked(case, f.measure))
                and (case.fiscal_year is None or f.fiscal_year == case.fiscal_year)
                and (case.sheet is None or file_id(f.sheet) == case.sheet  # (「id#2」: the file's second 施策)
                     or (f.sheet is not None and policy(f.sheet) == policy(case.sheet))))
    if case.kind == "trend" and isinstance(exp, dict):  # {"answer": "減少", "value": -156}: direction and change
        return _says_direction(exp["answer"], ans.text) and _states(exp.get("value"), ans)
    if case.kind == "trend":
        vals = [f.value for f in ans.figures if measure_matches(case.measure, f.measure) and f.measure not in CHANGES]
        return len(vals) == len(exp) and all(_same(a, b) for a, b in zip(vals, exp, strict=True))
    if case.kind == "comparison":
        # (「令和7年度版（確定値）」: the bracket says again what the name names)
        said = {nfkc(_listed(exp["answer"])), nfkc(re.sub(r"\s*[(（][^()（）]*[)）]$", "", _listed(exp["answer"])))}
        return (any(len(n) >= 2 and n in nfkc(ans.text) for n in said) or _says_direction(exp["answer"], ans.text)
                or _larger_kind(exp["answer"], ans)) and all(
            any(_same(v, x) for x in values) for v in exp.get("values", [])) and _states(exp.get("value"), ans)
    if case.kind == "ranking":
        top = exp.get("value")
        name = _listed(exp["answer"])
        return (name in ans.text or _same_year(name, ans.text)) and (
            top is None or (bool(values) and _same(values[0], top)))
    if case.kind == "count":  # (「12,480回」 as the answer writes a large count)
        first = ans.text.splitlines()[0] if ans.text else ""
        said = {str(exp), f"{exp:,}"} if isinstance(exp, int) else {str(exp)}
        # (not the digit of a year the line names: 「令和5年度」 is no count of 5)
        return any(re.search(rf"(?<![\d.,和成Y]){re.escape(x)}(?![\d.,]|年)", first) for x in said)
    if case.kind == "sum":  # the total is computed: it stands in the first line, with or without its commas
        first = ans.text.splitlines()[0] if ans.text else ""
        return any(_same(float(n.replace(",", "")), exp) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", first))
    # (a text is compared in one width: 「令和６年８月」 as the sheet prints it is 「令和6年8月」)
    text = nfkc(ans.text)
    if case.kind == "list":
        return all(nfkc(str(x)) in text for x in exp)
    if case.kind in ("prose", "metadata"):  # (and spaces aside: 「北川　昌子」 is the name 北川昌子)
        return re.sub(r"\s+", "", nfkc(str(exp))) in re.sub(r"\s+", "", text)
    return False


def evaluate(assistant: Assistant, cases: list[Case], k: int = 5) -> Report:
    report = Report()
    conversations: dict[str | None, Conversation] = defaultdict(assistant.conversation)
    for case in cases:
        if case.conversation:
            ans = conversations[case.conversation].ask(case.question)
        else:
            ans = assistant.ask(case.question)
        rank = None
        if case.section and not case.conversation:
            for i, h in enumerate(assistant.index.search(case.question, k=k), 1):
                if case.section in h.breadcrumb and (case.sheet is None or h.sheet == case.sheet):
                    rank = i
                    break
        report.results.append(Result(case, ans, judge(case, ans, assistant.catalogue.policy_of), rank))
    return report
