"""A conversation: questions asked one after another, where a follow-up (「目標は？」「日米は？」) inherits the
frame of the last figure answer. The CLI's `chat` and the UI both go through `Conversation.ask`."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from .answer import Answer, Frame, question_refusal
from .english import said_in
from .figure import Figure
from .fiscal_year import to_label
from .matching import term_matches
from .portion import part_fact
from .question import FAMILIES, MONEY_FAMILIES, TARGET_FAMILIES, QuestionAnalysis, subject_words
from .search import Hit
from .stated import MIN_FACT, best_fact
from .subject import series_in
from .subjects import SubjectCatalogue
from .terms import terms

_NAMES_YEAR_RE = re.compile(r"年度|R\d|H\d|FY\s?\d{4}|fiscal", re.I)
_SAME_YEAR_RE = re.compile(r"その年|同じ年|同年|当該年度")
FOLLOWUP_SWITCH = 0.3  # a follow-up that names something else switches subject above this score


class Answerer(Protocol):
    """What a conversation needs of an assistant (see `evalqa.assistant.Assistant`)."""

    @property
    def titles(self) -> dict[str, str]: ...

    def ask(self, question: str, context: Frame | None = None, *, limit: bool = True) -> Answer: ...


class Conversation:
    """One user's sequence of questions and the frame carried between them."""

    def __init__(self, assistant: Answerer):
        self.assistant = assistant
        self.frame: Frame | None = None

    def ask(self, question: str, *, sheet: str | None = None, fiscal_year: int | None = None) -> Answer:
        """Answer a question in the context of the previous ones.

        `sheet` and `fiscal_year` scope a question that does not name them itself (the UI's filters). A figure
        answer becomes the frame of the next turn; a passage answer ends it, since a passage names no subject.
        """
        limited = question_refusal(question)  # before scoping, which would read the whole question
        if limited is not None:
            return limited
        # The user's words were checked above; the scope added to them does not count against the cap.
        ans = self.assistant.ask(self.scoped(question, sheet, fiscal_year), self.frame, limit=False)
        if ans.frame is not None and (ans.frame.subject is not None or ans.frame.fact is not None):
            kept = self.frame if self.frame is not None and self.frame.subject is not None else None
            self.frame = replace(ans.frame, before=replace(kept, before=None) if kept is not None else None)
        elif ans.kind == "prose":
            self.frame = None
        return ans

    def scoped(self, question: str, sheet: str | None, fiscal_year: int | None) -> str:
        q = (question or "").strip()
        if not q:
            return q
        if fiscal_year is not None and not _NAMES_YEAR_RE.search(q):
            q = f"{to_label(fiscal_year)}の{q}"
        if sheet:
            title = self.assistant.titles.get(sheet) or sheet
            if title not in q:
                q = f"{title}の{q}"
        return q

    def __deepcopy__(self, memo: dict) -> Conversation:
        # Gradio copies session state; the assistant (index, models) is shared, the frame is the user's own.
        copy = Conversation(self.assistant)
        copy.frame = self.frame
        return copy


def against_target(a: QuestionAnalysis) -> bool:
    """Does the question compare a value with its target (「目標は達成した？」「目標を上回った？」), not two years?"""
    return a.operation == "compare" and a.family in TARGET_FAMILIES


# 「最終目標は？」 after a trend: one value asked, not the trend of the targets
_SUFFIXES = frozenset({"的", "性", "化", "等", "用", "別", "式"})
_ONE_VALUE_RE = re.compile(r"最終(?:的な)?目標|目標年度|final target|ultimate target", re.IGNORECASE)


def followup_frame(a: QuestionAnalysis, context: Frame, hits: Sequence[Hit], cat: SubjectCatalogue) -> Frame:
    """The previous frame with what the follow-up names replaced: years, kind of value, series, subject."""
    prev = context.subject
    assert prev is not None
    # (「How has it moved?」 after one year's value: over the years, not within the one in focus)
    years = a.years or ([] if a.trend and not a.year_offset else [y + a.year_offset for y in context.years])
    frame = Frame(subject=prev, years=years, family=a.family or context.family,
                  trend=a.trend or (context.trend and not a.years and not _ONE_VALUE_RE.search(a.normalized)),
                  inherited_family=a.family is None and context.family is not None)
    series = series_in(a, prev)
    # (a suffix left alone, 「的」 of 「最終的な」, names no subject)
    rest = [t for t in a.content if not (series and term_matches(t, set(terms(series)))) and t not in _SUFFIXES]
    if series is None:
        series = context.series
    if rest and all(term_matches(t, prev.terms) for t in rest):
        rest = []  # 「その飛行場の前年度は？」: words the subject in focus carries name it, not another subject
    if rest and (near := cat.category_near(a, rest, prev)) is not None:
        (frame.subject, series), rest = near, []
    if rest:
        ranked = cat.rank_within(a, rest, hits, prev)
        # (an English follow-up's glossed words, 脱税 of 'tax evaded', are what the subject switched to must say)
        said = said_in(a.question, rest) if a.lang == "en" else []
        if ranked and ranked[0][0] > FOLLOWUP_SWITCH and all(term_matches(t, ranked[0][1].terms) for t in said):
            frame.subject = cat.stitched(ranked[0][1])[0]
            if frame.subject.key != prev.key:  # (「その構成比は？」 after 中国's 件数: 中国's share, if it has one)
                kept = context.series if any(f.series == context.series for f in frame.subject.figures) else None
                series = series_in(a, frame.subject) or kept
    if frame.subject is not prev and a.family is None and not a.short and frame.inherited_family:
        # 'And what did the seminar count reach that year?' after a target: a value of the subject now named,
        # not its target (a short 「日米は？」 keeps to the target: the contract's four turns)
        frame.family, frame.inherited_family = None, False
    if a.document_offset and frame.subject is not None:  # 「一年前の評価書だと？」: that sheet's own value
        frame.subject = cat.in_other_document(frame.subject, a.document_offset) or frame.subject
    subject = frame.subject
    if a.family is None and context.family == "target" and a.years and subject is prev:
        # 「目標は？」 is asked on the way: 「前の年はどう？」「令和元年度だと？」 ask the results again (another
        # subject, 「日米は？」, keeps to the target: the contract's four turns)
        frame.family, frame.inherited_family = None, False
    if a.family in MONEY_FAMILIES and subject is not None and subject.kind == "indicator" and not any(
            m in subject.measures for m in FAMILIES[a.family or ""]):
        # 「同じ年の施策の執行額は？」 after an indicator: an indicator has no budget, its 施策's table has
        own = cat.default_budget_subjects(replace(a, sheets=[subject.sheet]))
        frame.subject, series = (own[0], None) if own else (subject, series)
    frame.series = series
    return frame


def years_in_context(a: QuestionAnalysis, context: Frame | None) -> QuestionAnalysis:
    """The years a follow-up asks about, read against the year in focus."""
    if context is None or not context.years:
        return a
    if a.year_offset and not a.years and (a.operation is None or against_target(a)):
        # 「前年度の…は？」「前の年は目標に届いた？」 in a conversation: the year before the one in focus.
        a = replace(a, years=[y + a.year_offset for y in context.years], year_offset=0)
    elif not a.years and (_SAME_YEAR_RE.search(a.normalized) or (
            against_target(a) and not subject_words(a))):
        a = replace(a, years=list(context.years))  # a comparison with the target: of the year in focus
    elif len(a.years) == 1 and a.operation == "compare" and not subject_words(a) \
            and a.years[0] not in context.years and not against_target(a):
        # 「R2年と比べてどう？」 after a year's value: that year against the one in focus (「R4年度は目標を
        # 達成した？」 judges the year it names against its target)
        a = replace(a, years=sorted({*a.years, *context.years}))
    return a


# 「そのうち外国人は？」 'and of them, how many were women?': a part of the value in focus
_PART_ASKED_RE = re.compile(r"(?:その|この)?うち|of (?:them|those|these|whom)", re.IGNORECASE)


def part_in_focus(a: QuestionAnalysis, context: Frame, facts: Sequence[Figure]) -> Figure | None:
    """A sentence of the focus subject's sheet that states a part (「このうち女性職員は12人」) of what the
    conversation is about, when the follow-up asks for a part by one noun; see `portion.part_fact`."""
    s = context.subject
    part = "".join(subject_words(a))  # (「外国漁船」 is read as 外国, 漁船: the noun the question writes whole)
    if s is None or not _PART_ASKED_RE.search(a.normalized) or not part or part not in a.normalized:
        return None
    own = set(terms(s.name))  # (the sentence counts a part of what is in focus: its whole shares the words)
    parts = [f for f in facts if "うち" in (f.note or "") and own & set(terms(f"{f.subject} {f.series or ''}"))]
    return part_fact(part, parts, [s.sheet], a.years or context.years)


def part_in_table(a: QuestionAnalysis, context: Frame, cat: SubjectCatalogue) -> Frame | None:
    """「そのうちプレジャーボートは？」 after a row of a breakdown (第三管区's 船舶事故隻数): the column of the same
    table that counts that part (「うちプレジャーボート（隻）」), of the row in focus. A sentence's part of the
    whole (「プレジャーボートが892隻」 of all 管区) is not the row's."""
    s = context.subject
    part = "".join(a.content)  # (its words, though a title begins with them: 「高齢者の就業…」 is not asked of)
    if s is None or context.series is None or not _PART_ASKED_RE.search(a.normalized) or len(part) < 2:
        return None
    columns = {cat.subjects[i].name: cat.subjects[i] for i in cat.subjects_of(s.sheet)
               if (x := cat.subjects[i]).section == s.section and x.name != s.name and part in x.name
               and any(f.series == context.series for f in x.figures)}
    if len(columns) != 1:
        return None
    return Frame(subject=next(iter(columns.values())), years=a.years or context.years,
                 family=a.family or context.family, series=context.series)


# 「両方足すと」「2つを合わせると」 'add the two': the values of the last two turns
_BOTH_RE = re.compile(r"両方|両者|2つ|二つ|ふたつ|それら|\bboth\b|\bthe two\b|\bthem\b", re.IGNORECASE)
_ADDING_RE = re.compile(r"足す|足し|合計|合算|総計|合わせる|合わせ|全部|add|sum|total|together|combined")


def both_in_focus(a: QuestionAnalysis, context: Frame | None) -> list[Frame]:
    """The frames of the last two turns when the question adds or sets side by side 「both」 of them, naming no
    subject of its own; else []."""
    if context is None or context.before is None or context.subject is None or context.before.subject is None \
            or not _BOTH_RE.search(a.normalized) \
            or any(not _BOTH_RE.fullmatch(w) and not _ADDING_RE.fullmatch(w) for w in subject_words(a)):
        return []
    return [context.before, context]


def stated_followup(a: QuestionAnalysis, fact: Figure, facts: Sequence[Figure]) -> Figure | None:
    """After a number a sentence states, the one a follow-up asks of it: a part the same sentence states
    (「そのうち自治体分は？」 after 「受付件数は5,720件（事業者4,133件、自治体1,587件）」), or the
    same count of another year (「前年度は？」, 「前年度（1,018件）」); None when the sheet states none or several."""
    words = [w for w in subject_words(a) if len(w) >= 2]
    if _PART_ASKED_RE.match(a.normalized) and words:
        said = [f for f in facts if f.sheet == fact.sheet and f.raw == fact.raw and f is not fact
                and "うち" in (f.note or "") and all(w in f"{f.subject}・{f.series or ''}" for w in words)]
    elif not words and (years := [fact.fiscal_year + a.year_offset] if a.year_offset and fact.fiscal_year
                        else a.years) and fact.fiscal_year not in years:
        said = [f for f in facts if f.sheet == fact.sheet and f.subject == fact.subject and f.series == fact.series
                and f.fiscal_year in years]
    else:
        return None
    return said[0] if len({f.value for f in said}) == 1 else None


# 'the target for that rate?': the thing in focus named again, in English; not 'that year' (a year), not 'that
# case' nor 'those cases' (things of the focus, of which another quantity may be asked)
_FOCUS_NOUN_RE = re.compile(r"\b(?:that|this|the same)\s+(?!years?\b|fy\b|period\b|month\b|cases?\b)"
                            r"([a-z][a-z\-]*)(?=\s*(?:[?.,!]|$))", re.IGNORECASE)


def focus_named_again(question: str, context: Frame | None) -> str:
    """The question with 'that X' at its end read as 'it' when a subject is in focus: X names what the conversation
    is about, in words that may read as another subject's."""
    if context is None or context.subject is None:
        return question
    return _FOCUS_NOUN_RE.sub("it", question)


def told_beside(a: QuestionAnalysis, frame: Frame, context: Frame, cat: SubjectCatalogue) -> Figure | None:
    """A follow-up that names what the subject in focus does not count ('and how much tax was evaded?' after the
    cases' count): a sentence of the subject's sheet and year that states it, else None."""
    s = context.subject
    if s is None or a.lang != "en":
        return None
    unnamed = [t for t in said_in(a.question, subject_words(a)) if not term_matches(t, s.name_terms)]
    if not unnamed:
        return None
    facts = [f for f in cat.facts_naming(unnamed, MIN_FACT)
             if f.sheet == s.sheet and (not frame.years or f.fiscal_year in frame.years)]
    score, fact = best_fact(replace(a, years=frame.years, content=unnamed), facts, cat.idf, cat.titles)
    return fact if fact is not None and score >= MIN_FACT else None
