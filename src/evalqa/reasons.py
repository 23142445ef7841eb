"""Why an indicator missed or moved, or a 達成手段's 執行率 was low: 「…が目標に届かなかったのはなぜ？」 is answered by
the sentence of the subject's own sheet that names it (by its number, 「指標3は、…」「③の執行率が…」, or its name)
and gives a cause (要因, ため, により …), not by the passage of another sheet that shares the question's words."""
from __future__ import annotations

import re
from collections.abc import Sequence

from . import wording
from .answer import Answer, Frame, refusal
from .cells import is_note
from .evidence import Evidence
from .figure import bare_name
from .index import Index
from .normalize import norm
from .question import QuestionAnalysis, subject_words
from .search import Hit, hit_source
from .subject import Subject
from .subjects import STRONG, SubjectCatalogue
from .terms import terms
from .value_state import written_number

# (not the ため of a purpose, 「…を図るため」)
_CAUSE_RE = re.compile(r"要因|理由|原因|(?<!図る)(?<!する)(?<!向けた)ため(?!の)|により|による|によって|影響|伴い"
                       r"|ことから")
# (a sentence, or its section, that says it gives the cause; not 原因裁定, a procedure's name)
_STATED_CAUSE_RE = re.compile(r"要因|理由(?:は|として)|原因(?:は|として)|が(?:原因|理由)|ためである|によるものである")
# How a value moved or stood against its target: asked of it (「届かなかった理由」), and said by the sentence of cause
_MOVED_RE = re.compile(r"届か|届いて|下回|上回|超え|未達|達成でき|減っ|減少|増え|増加|伸び|落ち|低下|遅れ|長く|短く"
                       r"|延び|長期化|短縮|低調|低か|低い|低く|低迷")
_JUDGED_RE = re.compile(r"判断した|判断される|と評価した|と判定")
_SENTENCE_RE = re.compile(r"[^。\n]+。?")
_NUMBER_LABEL_RE = re.compile(r"^(?:\(?参考\)?)?(?:測定|業績|成果|参考)?指標\s*[\d０-９]+[-－]?\d*\s*")


def reason_answer(a: QuestionAnalysis, index: Index, cat: SubjectCatalogue, evidence: Evidence,
                  hits: Sequence[Hit]) -> Answer | None:
    """The cause a sheet gives for the indicator (or the 達成手段 whose 執行 is asked) the question names, quoted and
    cited; for a 達成手段 whose sheet gives none, a refusal that says so; None when the question names no one
    subject, or no sentence of an indicator's sheet names it with a cause."""
    # (why a value missed, exceeded or moved; not why a target was set so, 「どういう考え方で」: that is its field)
    if not a.reason or not subject_words(a) or not _MOVED_RE.search(a.normalized):
        return None
    ranked = [(sc, s) for sc, s in cat.rank(a, hits, None) if not a.sheets or s.sheet in a.sheets]
    # (an indicator, or a 達成手段 when its 執行 is asked: 「②の執行率が低調となったのは…ためである」)
    if not ranked or ranked[0][0] < STRONG or not (
            ranked[0][1].kind == "indicator" or ranked[0][1].table == "達成手段" and "執行" in a.normalized) \
            or not evidence.names(a, ranked[0][1], [s for _, s in ranked[1:5]]):
        return None
    subject = _edition_of_year(a, ranked, cat)
    found = _cause(a, index, subject)
    if found is None and subject.table == "達成手段":  # (another means' cause is no answer: say none is given)
        return refusal(a.question, wording.no_cause(subject.name))
    if found is None:
        return None
    sentence, hit = found
    text = (f"「{subject.name}」について、シートには次のように書かれています。\n「{sentence}」\n"
            f"{wording.cite_hit(hit, cat.sheet_label(hit.sheet))}")
    return Answer(a.question, text, True, [], [hit_source(hit)], "prose", Frame(subject=subject))


def _cause(a: QuestionAnalysis, index: Index, s: Subject) -> tuple[str, Hit] | None:
    """The best sentence of the subject's sheet that names it and gives a cause, with the passage holding it."""
    if s.table == "達成手段":  # (「②の」「(4)の」「2の執行率」: its list number, as the note names it)
        number = means_number(index, s)
        # (at the start of a sentence or after a note's mark: 「指標2の」「表2は」 name no means)
        marks = [rf"(?:^|(?<=[)）※:：、])){number}(?=の|は|について)", rf"\({number}\)"] if number else []
    else:
        number = written_number(index, s)
        marks = [rf"(?<!参考)指標{re.escape(number)}"] if number else []
    name = _NUMBER_LABEL_RE.sub("", norm(bare_name(s.name)))
    own = [t for t in terms(name) if len(t) >= 2]
    asked = {t for t in a.content if len(t) >= 2}
    best: tuple[float, str, Hit] | None = None
    # (every passage of the sheet: a sheet is a few dozen passages, and the cause may share few of the words)
    passages = index.chunks(sorted(index.chunk_ids(s.sheet))).values()
    for hit in (Hit(c.id, c.sheet, c.section, c.text, 0.0, c.first_line, c.last_line, c.page) for c in passages):
        for sentence in (m.group(0).strip() for m in _SENTENCE_RE.finditer(hit.text)):
            # (「目標未達成の要因 | 指標2は、…」: a field's label and its text; a table's row of cells is no sentence)
            sentence = sentence.rsplit("|", 1)[-1].strip() if len(sentence.rsplit("|", 1)[-1].strip()) >= 20 \
                else sentence
            n = norm(sentence)
            # (a table's row is no sentence; the indicator's own name, 「…機関による有用性評価」, gives no cause)
            said = n.replace(name, "")
            # (「経済的理由により」 is no cause stated: a heading of 要因 or 理由, or 「…が要因」「理由は」, is)
            stated = bool(_STATED_CAUSE_RE.search(said) or any(re.search(r"要因|理由|原因", x) for x in hit.section))
            # (a note, 「（注）…調査による。」, says how a value is counted; 「…による」 alone is no cause unless the
            # sentence tells how the value fell short or rose)
            # (nor the grade's reasoning, 「…を下回ったことから、「③」と判断した」: it says what was judged, not why)
            # (a note that states a cause, 「（注2）③の執行率が低調となったのは…ためである」, gives it; so does one
            # that names a 達成手段 by its number, 「（注）(3)は…に時間を要したため執行率が低調となった」)
            by_number = any(re.search(rf"{mark}(?![\d-])", n) for mark in marks)
            if "|" in n or is_note(sentence) and not _STATED_CAUSE_RE.search(said) and not (
                    by_number and s.table == "達成手段") or _JUDGED_RE.search(n) \
                    or not (stated or _CAUSE_RE.search(said) and _MOVED_RE.search(said)):
                continue
            by_name = sum(t in n for t in own) >= max(2, len(own) // 2)
            if not (by_number or by_name):
                continue
            score = 2.0 * by_number + 0.5 * by_name + 2.0 * stated + 1.0 * bool(_MOVED_RE.search(said)) \
                + sum(t in n for t in asked) / (len(asked) or 1)
            if best is None or score > best[0]:
                best = (score, sentence, hit)
    return (best[1], best[2]) if best else None


def means_number(index: Index, s: Subject) -> str | None:
    """The list number the sheet writes before a 達成手段's name (「②若年層献血推進事業」「(4)…」「2　…」), as digits
    (the text read normalized: ② is 2)."""
    head = re.escape(norm(bare_name(s.name))[:10])
    if not head:
        return None
    for c in index.chunks(sorted(index.chunk_ids(s.sheet))).values():
        for line in c.text.splitlines():
            if m := re.search(rf"(?:^|\|)\(?(\d{{1,2}})\)?[.、]?{head}", norm(line)):
                return m.group(1)
    return None


def _edition_of_year(a: QuestionAnalysis, ranked: Sequence[tuple[float, Subject]], cat: SubjectCatalogue) -> Subject:
    """The best-ranked subject, or, when the question asks of a year and its 施策 has several editions, the
    same subject of the edition whose latest result is that year (its cause is that year's, not the next's)."""
    best = ranked[0][1]
    if not a.years or not cat.has_editions(best.sheet):
        return best
    for s in cat.across_years(best):
        latest = max((f.fiscal_year for f in s.figures if f.fiscal_year and f.value is not None
                      and f.measure in ("実績値", "執行額")), default=None)
        if latest == a.years[-1]:
            return s
    return best
