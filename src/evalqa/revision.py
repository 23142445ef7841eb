"""A value in two states (速報値 and 確定値, 見直し前 and 見直し後, 修正前 and 修正後): 「速報値から確定値でどれだけ
変わった？」 is their difference, computed from that one sentence, both numbers quoted."""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from . import wording
from .answer import Answer, Frame
from .figure import Figure
from .matching import STATES, states_asked
from .normalize import norm
from .question import QuestionAnalysis
from .stated import MIN_FACT, bare_name_of, fact_score
from .subject import Subject, unit_word
from .subjects import SubjectCatalogue

NumberOf = Callable[[Subject], 'str | None']

# 「どれだけ変わった」「差は」「いくら増えた」 'how much did it change': the amount between the two is asked
_CHANGE_ASKED_RE = re.compile(r"変わっ|変化|違い|違う|差|増え|減っ|増減|どれだけ|how much|chang|differ", re.I)


_REVISED_RE = re.compile(r"修正|訂正|改め|改定")


def _pair(q: str, previous_sheet: bool = False) -> tuple[str, str] | None:
    """The two states a question names, in the order it names them (from, to); 「速報値から修正された」 names its
    pair by one state and the revision; 「修正された」 alone, the value before and after a correction."""
    for one, two in STATES:
        m1, m2 = re.search(one, q), re.search(two, q)
        if m1 and m2:
            return (one, two) if m1.start() < m2.start() else (two, one)
    if _REVISED_RE.search(q) or re.search(STATES[-1][0], q) or previous_sheet:
        # (a value as the sheet of the year before wrote it, and as now)
        return next(((one, two) for one, two in STATES if re.search(one, q) or re.search(two, q)), None) \
            or STATES[-1]
    return None


def _of_state(facts: list[Figure], state: str) -> Figure | None:
    return next((f for f in facts if re.search(state, f"{f.subject} {f.series or ''}")), None)


def revised_answer(a: QuestionAnalysis, cat: SubjectCatalogue, number_of: NumberOf) -> Answer | None:
    """The change between the two states of a value one sentence states, or None when the question names no
    two states with a change asked, or no sentence (in the sheets named) states both in one unit. `number_of`:
    an indicator's number as its sheet writes it (value_state.written_number)."""
    pair = _pair(a.normalized, a.document_offset < 0)
    if pair is None or not _CHANGE_ASKED_RE.search(a.normalized):
        return None
    sentences: dict[tuple[str, str], list[Figure]] = {}
    for f in cat.facts:
        if not a.sheets or f.sheet in a.sheets:
            sentences.setdefault((f.sheet, f.raw), []).append(f)
    asked = {t for t in a.content if len(t) >= 2}
    found = []
    for (sheet, _), facts in sentences.items():
        one, two = _of_state(facts, pair[0]), _of_state(facts, pair[1])
        if one is None or two is None or one.unit != two.unit or not all(
                isinstance(f.value, (int, float)) for f in (one, two)):
            continue
        if a.years and one.fiscal_year is not None and one.fiscal_year not in a.years:
            continue
        # (a note under a table names the indicator by number: the sheet's subjects say what it is about, the one
        # numbered so first; by how much of the question's words its name holds)
        names = _referenced(sheet, one.raw, cat, number_of)
        about = max((sum(cat.idf(t) for t in asked if t in n) for n in names), default=0.0)
        whole = sum(cat.idf(t) for t in asked) or 1.0
        found.append((fact_score(a, one, cat.idf) + (MIN_FACT * min(1.0, 2 * about / whole) if about else 0.0),
                      one, two))
    if not found:
        return None
    score, one, two = max(found, key=lambda x: x[0])
    if score < MIN_FACT or sum(1 for x in found if x[0] == score) > 1:
        return None
    diff = two.value - one.value  # type: ignore[operator]
    # (「実績値（修正前）」: the state says which of two values of one name is which)
    first, then = _label(one, pair[0]), _label(two, pair[1])
    change = replace(two, value=abs(diff), subject=f"{first}→{then}", measure="差（計算値）")
    shown = _as_written(change, two.raw)
    way = "増えました（増加" if diff > 0 else "減りました（減少" if diff < 0 else "変わりません（同じ"
    text = (f"シートの本文によると、{first}は{wording.value(one)}、{then}は{wording.value(two)}で、"
            f"{shown}{way}、{first}から{then}への差、計算値）。\n"
            f"「{two.raw}」\n{wording.cite(two, cat.sheet_label(two.sheet))}")
    return Answer(a.question, text, True, [one, two, change], [], "comparison", Frame(), cited=[one, two])


def _referenced(sheet: str, sentence: str, cat: SubjectCatalogue, number_of: NumberOf) -> list[str]:
    """The names of the subjects a note speaks of: the indicator it numbers (「測定指標1の…」) where a subject of
    the sheet is numbered so, else all of the sheet's."""
    own = [cat.subjects[i] for i in cat.subjects_of(sheet)]
    m = re.search(r"指標\s*(\d{1,2})(?![\d-])", norm(sentence))
    if m and (numbered := [s.name for s in own if s.kind == "indicator" and number_of(s) == m.group(1)]):
        return numbered
    return [s.name for s in own]


def _label(f: Figure, state: str) -> str:
    """The fact's name with its state when the name does not say it: 「実績値（修正前）」, 「速報値」."""
    said = re.search(state, f"{f.series or ''}")
    return f"{f.subject}（{said.group(0)}）" if said and not re.search(state, f.subject) else f.subject


def _as_written(f: Figure, sentence: str) -> str:
    """The amount in the unit the sentence writes it in: 「170万件」 of 「13,210万件」「13,380万件」."""
    unit = f.unit or ""
    if isinstance(f.value, (int, float)) and re.search(rf"\d万{re.escape(unit)}", sentence) and f.value % 10_000 == 0:
        return f"{int(f.value) // 10_000:,}万{unit}（{wording.value(f)}）"
    return wording.value(f)


def earlier_state(a: QuestionAnalysis, subject: Subject) -> str | None:
    """The state before a correction or a revision a question asks (「修正前」「見直し前」), when the subject's table
    does not print it: its values are the ones as they are now, so none of them answers."""
    own = f"{subject.name} " + " ".join({f"{f.measure} {f.note or ''}" for f in subject.figures})
    return next((word for word, pattern, _ in states_asked(a.normalized)
                 if re.match(r"(?:修正|訂正|改定|見直し)前", word) and not re.search(pattern, own)), None)


def state_fact(a: QuestionAnalysis, subject: Subject, facts: Sequence[Figure],
               number: str | None = None) -> Figure | None:
    """A sentence of the subject's sheet that states the value in the state the question asks, when the table
    holds it in another: 「見直し前の目標は？」 of a target the table prints as revised, where a note says
    「見直し前の目標（8,000億円以下）」. The sentence must name the subject (its name less brackets) and, when a
    year is asked, be of that year. `number`: the indicator's number as its sheet writes it, when known."""
    asked = states_asked(a.normalized)
    if not asked and a.document_offset < 0:  # 「前の評価書ではいくつ？」 where that sheet is not indexed: a note's
        asked = [("前年度の評価書", STATES[-1][0], STATES[-1][1])]
    if not asked:
        return None
    own = f"{subject.name} " + " ".join({f"{f.measure} {f.note or ''}" for f in subject.figures})
    if any(re.search(pattern, own) for _, pattern, _ in asked):
        return None  # the table's values are of the state asked (当初予算, …数（累計）)
    core = bare_name_of(subject.name)
    units = {u for f in subject.figures if (u := unit_word(f))}
    # (a note names the indicator by its number: 「指標3の令和4年度の実績値は、前回の評価書では…」)
    said = [f for f in facts if f.sheet == subject.sheet and (core and core in f.raw or number and re.search(
                rf"(?<![\d-])指標\s*{number}(?![\d-])", f.raw))
            and any(re.search(pattern, f"{f.subject} {f.series or ''} {f.note or ''}") for _, pattern, _ in asked)
            and (not a.years or f.fiscal_year is None or f.fiscal_year in a.years)
            and (not units or unit_word(f) in units)]
    if not said or len({f.value for f in said}) > 1:
        return None
    # (the table's value of the year is the sentence's: 「…（速報値）」 as the table prints it; the table answers)
    held = {f.value for f in subject.figures if f.fiscal_year == said[0].fiscal_year and f.value is not None}
    return None if said[0].value in held else said[0]
