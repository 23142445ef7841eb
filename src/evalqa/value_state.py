"""Whether a value is final: 「それって確定値？」「その値はまだ速報値？」 'Is it final?' of the figure in focus.
The cell's own state (「63.9（速報値）」) answers first; else a note of the sheet that names the figure's year and a
state (「（注）2023年の値は速報値である。」, 「…前年度の評価書では速報値（120件）を記載していたが、確定値（123件）
に改めた」), one that numbers another indicator left out; else the sheet says nothing."""
from __future__ import annotations

import re
from collections.abc import Callable

from . import wording
from .answer import Answer, Frame, refusal
from .figure import Figure, bare_name
from .fiscal_year import find_fiscal_years, to_label
from .index import Index
from .matching import states_asked
from .normalize import norm
from .question import QuestionAnalysis
from .scope import indicator_number
from .subject import Subject

_STATES = r"速報値?|確定値?|暫定値?|見込み?値?|概数|集計中"
# Asked as yes or no: 「確定値？」「速報値のまま？」「確定してる？」, 'Is it final?'
_ASKED_JA_RE = re.compile(
    rf"(?:{_STATES}|確定(?:し|済))[^何いどれ?？]{{0,8}}(?:なの|なん|です|でしょう|か(?!ら)|\?|$)")
_ASKED_EN_RE = re.compile(r"^(?:is|was|are)\b[^?]*\b(final|preliminary|provisional|confirmed|estimated?)\b", re.I)
_NUMBER_ASKED_RE = re.compile(r"何|いくら|いくつ|どれ(?:くらい|だけ)|how (?:many|much)|what", re.I)
_STATE_RE = re.compile(_STATES)
_CHANGE_RE = re.compile(r"変わ|変化|改め|修正|訂正|違|差|から", re.I)
# The state a value was changed to: 「確定値（451団体）に更新した」「確定値に改めた」
_CHANGED_TO_RE = re.compile(rf"({_STATES})(?:[(（][^)）]*[)）])?に(?:改め|更新|修正|差し替え|置き換え|変更)")
_NAMED_NUMBER_RE = re.compile(r"(?:測定|業績|成果)?指標\s*(\d{1,2})(?![\d-])")
_OTHER_INDICATOR_RE = re.compile(r"(?:測定)?指標\s*([0-9０-９]+(?:[-－][0-9０-９]+)?)")


def asks_state(a: QuestionAnalysis) -> bool:
    """Does the question ask whether a value is final, as yes or no (not 「速報値は何件？」)?"""
    if _NUMBER_ASKED_RE.search(a.question) or _CHANGE_RE.search(a.normalized):
        return False  # (「速報値から確定値に変わった？」 asks a change: revision.py)
    return bool(_ASKED_EN_RE.search(a.question.strip()) if a.lang == "en" else _ASKED_JA_RE.search(a.normalized))


# Words of a state question that name no subject: 「前年度の値は速報値のまま？」, 「その数字、最初はいくつと報告
# されていた？」 (the value as first reported)
_STATE_WORDS_RE = re.compile(r"速報|確定|暫定|見込|概数|集計|まま|侭|数字|数値|値|最初|報告|記載|公表|発表"
                             r"|修正|訂正|評価|書|前|もともと|元々|final|preliminary|provisional|confirmed|estimated?|figure|number|value|originally"
                             r"|initially|first|reported", re.I)


def of_value_in_focus(a: QuestionAnalysis) -> bool:
    """A state asked (final or not; as first reported) with no words but those of states: it asks of the
    value in focus."""
    # (of the states a value is in, not 当初 and 補正: kinds of budget)
    said = [w for w, _, _ in states_asked(a.normalized) if not re.match(r"当初|補正|改定|変更", w)]
    return (asks_state(a) or bool(said)) and all(_STATE_WORDS_RE.fullmatch(t) for t in a.content)


def state_answer(a: QuestionAnalysis, frame: Frame, index: Index, sheet_label: Callable[[str], str]) -> Answer:
    """The state of the value in focus (its subject, the year asked or in focus), from its cell or a note."""
    s = frame.subject
    assert s is not None
    year = frame.years[0] if frame.years else max((f.fiscal_year for f in s.figures if f.fiscal_year), default=None)
    fig = _value_of(s.figures, year)
    where = f"{to_label(year)}の" if year else ""
    if fig is not None and (m := re.search(r"[(（]\s*(" + _STATES + r")\s*[)）]", fig.raw or "")):
        text = f"{where}「{s.name}」の値{wording.value(fig)}は、表に「{m.group(1)}」と書かれています。\n" \
               + wording.cite(fig, sheet_label(s.sheet))
        return Answer(a.question, text, True, [fig], [], "prose", frame, cited=[fig])
    note = _note(index, s.sheet, year, s.name, written_number(index, s)) if year else None
    if note is None:
        return refusal(a.question, f"{where}「{s.name}」の値が速報値か確定値かは、シートに書かれていません。")
    sentence, line, state = note
    shown = f"の値{wording.value(fig)}" if fig is not None else "の値"
    text = (f"{where}「{s.name}」{shown}は{state}です。シートの注記:「{sentence}」\n"
            f"出典: {sheet_label(s.sheet)}［{line}行目］")
    return Answer(a.question, text, True, [fig] if fig else [], [], "prose", frame, cited=[fig] if fig else [])


# (a value's state asked: not 「有罪が確定した件数」, 'the final year of the plan' or 'confirmed cases')
_FINAL_ASKED_RE = re.compile(r"確定(?:値|版)|\b(?:final|confirmed)\b(?:\s+[a-z0-9-]+){0,3}?\s+"
                             r"(?:values?|figures?|numbers?|counts?|data)\b", re.I)


def final_unreported(ans: Answer, index: Index, sheet_label: Callable[[str], str]) -> Answer | None:
    """「2023年の確定値はいくつ？」 answered with a value the sheet marks 速報値 (in its cell or a note of its year):
    the final value is not in the sheet yet, a refusal that says what the sheet has; None otherwise."""
    q = ans.question
    if ans.kind != "numeric" or not ans.figures or not _FINAL_ASKED_RE.search(q) or re.search(r"速報|暫定", q) \
            or _CHANGE_RE.search(norm(q)) or ans.frame is None or ans.frame.subject is None:
        return None
    fig, s = ans.figures[0], ans.frame.subject
    if fig.measure != "実績値" or fig.fiscal_year is None:
        return None
    cell = re.search(r"[(（]\s*(" + _STATES + r")\s*[)）]", fig.raw or "")
    note = None if cell else _note(index, s.sheet, fig.fiscal_year, s.name, written_number(index, s))
    state = _full(cell.group(1)) if cell else note[2] if note else None
    if state is None or not state.startswith(("速報", "暫定", "見込")):  # (概数 is no less final)
        return None
    # (the cell's own state goes with its value: 「9,736者（速報値）」)
    said = f"シートの値は{wording.value(fig)}" if cell else f"シートの値{wording.value(fig)}は{state}" + (
        f"（注記:「{note[0]}」）" if note else "")
    cite = wording.cite(fig, sheet_label(s.sheet))
    if not _NUMBER_ASKED_RE.search(q):  # 「その数字って確定値？」: no, and what it is
        text = f"いいえ。{to_label(fig.fiscal_year)}の「{s.name}」の{said}です。\n{cite}"
        return Answer(q, text, True, [fig], ans.sources, "prose", ans.frame, cited=[fig])
    text = f"{to_label(fig.fiscal_year)}の「{s.name}」の確定値は、シートにありません。{said}です。\n{cite}"
    return Answer(q, text, False, [], ans.sources, "refusal", ans.frame)


def written_number(index: Index, s: Subject) -> str | None:
    """The indicator's number: its section's (測定指標1-4), else the one its name begins with (「指標3　…」), else
    the one its sheet writes before its name (a table row 「4　消費者安全確保地域協議会…」), which notes use to name
    it (「（注1）測定指標4の…」). The one way an indicator's number is found."""
    if (number := indicator_number(s)) is not None or s.kind != "indicator":
        return number
    # the name begins with it, 「指標3　…」, or a heading over it does, 「業績指標3　…」
    for title in (s.name, *reversed(s.section)):
        if m := _NAMED_NUMBER_RE.match(norm(title)):
            return m.group(1)
    head = re.escape(bare_name(s.name)[:12])
    chunks = index.chunks(sorted(index.chunk_ids(s.sheet))).values()
    return next((m.group(1) for c in chunks if head and (m := re.search(
        rf"(?:^|\n)(?:(?:測定|業績)?指標)?(\d{{1,2}})[.．、)）|]*{head}", norm_lines(c.text)))), None)


def _value_of(figures: list[Figure], year: int | None) -> Figure | None:
    got = [f for f in figures if f.fiscal_year == year and f.value is not None]
    return next((f for f in got if f.measure == "実績値"), got[0] if got else None)


def _note(index: Index, sheet: str, year: int, name: str, number: str | None) -> tuple[str, int, str] | None:
    """(sentence, line, state) of the sheet's sentence naming `year` and a state; one naming the indicator's
    number (or its name) first, one naming another indicator never."""
    found: list[tuple[int, str, int, str]] = []
    for c in index.chunks(sorted(index.chunk_ids(sheet))).values():
        lines = c.text.splitlines()
        for k, line in enumerate(lines):
            for sentence in re.split(r"(?<=。)", line):
                if not _STATE_RE.search(sentence) or not any(
                        year in m.years for m in find_fiscal_years(sentence)):
                    continue
                named = {norm(n) for n in _OTHER_INDICATOR_RE.findall(sentence)}
                if named and (number is None or norm(number) not in named):
                    continue
                changed = _CHANGED_TO_RE.search(sentence)
                state = (changed or _STATE_RE.search(sentence))
                assert state is not None
                word = state.group(1) if changed else state.group(0)
                said = bool(named) or (core := bare_name(name)[:6]) != "" and core in norm(sentence)
                at = _line(c.first_line, c.last_line, k, len(lines))
                found.append((0 if said else 1, sentence.strip(), at, _full(word)))
    if not found:
        return None
    best = min(found, key=lambda x: x[0])
    return best[1], best[2], best[3]


def _line(first: int | None, last: int | None, k: int, n: int) -> int:
    """The sheet's line of a chunk's k-th of n lines, counted from the chunk's end: a table's chunk repeats its
    header line above its rows."""
    return last - (n - 1 - k) if last is not None else (first or 0) + k


def norm_lines(text: str) -> str:
    """The matching form of each line, lines kept."""
    return "\n".join(norm(t) for t in text.splitlines())


def _full(word: str) -> str:
    """「速報」→「速報値」, 「見込」→「見込み」: the state as an answer names it."""
    full = {"速報": "速報値", "確定": "確定値", "暫定": "暫定値", "見込": "見込み", "見込値": "見込み値"}
    return full.get(word, word)
