"""The assistant: routes a question to the answer that fits it — a sheet field, a figure (with companion,
rate or trend), a quoted passage, or a refusal that says what is missing and what is there."""
from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import replace
from functools import partial

from . import aggregate, comparisons, header_fields, wording
from .additions import added_answer
from .answer import Answer, Frame, question_refusal, refusal
from .breakdown import TOTALS
from .categories import asks_categories, categories_answer
from .conversation import (
    Conversation,
    both_in_focus,
    focus_named_again,
    followup_frame,
    part_in_focus,
    part_in_table,
    stated_followup,
    told_beside,
    years_in_context,
)
from .crosslingual import NameSimilarity, english_fact, named_by_embedding, with_sheets
from .english import is_english
from .english_wording import render_english
from .evidence import Evidence, absent_category, figure_sources, told_apart, twins_of
from .figure import bare_name
from .grades import grade_in_focus, grade_of
from .index import Index
from .many_figures import many_answer
from .numbered import listed_numbers, means_asked_alone, numbered_means
from .numeric import means_start, numeric_answer
from .passages import passage_answer
from .portion import holds_part, part_asked, part_fact
from .prose import named_section
from .qualified import qualified_answer
from .question import FAMILY_LABEL, QuestionAnalysis, analyse_question, subject_words
from .reasons import reason_answer
from .revision import earlier_state, revised_answer, state_fact
from .scope import asks_whole, ministries_named, name_sheets, resolve_scope, titled
from .search import Hit, hit_source
from .stated import (
    MIN_FACT,
    best_fact,
    counted_otherwise,
    covers_partly,
    fact_words,
    fits_family,
    money_unasked,
    sentence_over_table,
    stated_answer,
)
from .stated_series import stated_change, stated_years
from .subject import Subject, column_named, series_in, unit_word
from .subjects import SubjectCatalogue
from .sums import SUM_RE, asks_sum, parts_added, parts_sum_answer
from .terms import terms
from .value_state import asks_state, final_unreported, of_value_in_focus, state_answer, written_number
from .versions import asks_versions, names_editions, versions_answer

REFRESH_AGE = 0.5  # seconds a question may answer from a generation a build has just replaced
_VAGUE_AMOUNT_RE = re.compile(r"どのくらい|どれくらい|どれだけ|どれほど")


class Assistant:
    """Answers questions from an `Index`: `ask(q)` for one question, `conversation()` for several."""

    def __init__(self, index: Index):
        self.index = index
        self._loading = threading.Lock()
        self._load()

    def _load(self) -> None:
        generation = self.index.generation
        self.catalogue = SubjectCatalogue(self.index.figures() + self.index.facts(), self.index.sheets())
        self.evidence = Evidence(self.index, self.catalogue)
        self._names = NameSimilarity(lambda texts: self.index.embedder.encode_documents(texts))
        self._generation = generation  # last: a failed load is tried again by the next question

    @property
    def titles(self) -> dict[str, str]:
        return self.catalogue.titles

    def refresh(self, max_age: float = 0.0) -> None:
        """Pick up a rebuilt index (new or changed sheets): the catalogue is rebuilt once per generation.
        `max_age`: see `Index.refresh` (each question looks at most twice a second)."""
        if self.index.refresh(max_age) or self.index.generation != self._generation:
            with self._loading:  # one reload per generation, however many threads notice it
                if self.index.generation != self._generation:
                    self._load()

    def conversation(self) -> Conversation:
        return Conversation(self)

    # --- routing ------------------------------------------------------------------------------
    def ask(self, question: str, context: Frame | None = None, *, limit: bool = True) -> Answer:
        """Answer one question (with `context`, as a follow-up in a conversation); English in, English out.

        A question over `MAX_QUESTION_CHARS` is refused before any analysis (kind `limit`); `limit=False`
        is for a caller that checked the user's words before adding its own (a conversation's scope)."""
        limited = question_refusal(question) if limit else None
        if limited is not None:
            return limited
        ans = self._answer(question, context)
        # (「確定値はいくつ？」 of a value the sheet gives as 速報値: not the value asked)
        ans = final_unreported(ans, self.index, self.catalogue.sheet_label) or ans
        if isinstance(question, str) and is_english(question):
            ans.text = render_english(ans.kind, ans.found, ans.figures, ans.text, wording.english_year,
                                      wording.value)
        return ans

    def _answer(self, question: str, context: Frame | None = None) -> Answer:
        if not isinstance(question, str) or not question.strip():
            return refusal(question or "", wording.EMPTY_QUESTION)
        self.refresh(REFRESH_AGE)
        cat = self.catalogue
        a = analyse_question(focus_named_again(question, context), cat.era, cat.latest_year)
        if a.lang == "en":  # names in Latin letters (「Rausu」), then words the dictionary reads (「Moonshot」)
            a = self.evidence.read_translated(self.evidence.read_romanized(a))
        else:  # (「パスポート」 where the sheets write 旅券)
            a = self.evidence.read_synonyms(a)
        a = name_sheets(a, cat)
        shifted = bool(a.year_offset)  # 「前年度は？」「翌年度は？」
        a = years_in_context(a, context)
        if context is not None and context.subject is None and context.fact is not None and not a.sheets \
                and (a.short or a.connective):
            # 「来場者は何人？」 after a count a sentence states: of that sentence's sheet, and of its year
            f = context.fact
            a = replace(a, sheets=[f.sheet], years=a.years or ([f.fiscal_year] if f.fiscal_year else []))
        hits = self.index.search(question, k=8, keywords=a.normalized if a.lang == "en" else None)
        # 「達成手段①と②の…」: the means of the sheet asked about, by their list numbers, read as their names
        where = a.sheets or ([context.subject.sheet] if context is not None and context.subject is not None else [])
        renamed, means = numbered_means(question, where, cat, lambda sid, text: self.index.section_mentions(
            sid, [], text))
        if not where and asks_sum(a) and len(listed_numbers(question)) > 1:  # (every sheet has a ① and a ②)
            return self._finish(refusal(question, wording.WHICH_MEANS), hits)
        if not is_english(question) and asks_sum(a) and (alone := means_asked_alone(question, means)):
            answers = [(n, self._answer(q, context)) for n, q in alone]  # (each means asked alone, then added)
            return self._finish(parts_sum_answer(question, answers, cat.sheet_label), hits)
        if renamed != question:
            return self._answer(renamed, context)
        if context is not None and context.subject is None and context.fact is not None \
                and (said := stated_followup(a, context.fact, cat.facts)) is not None:
            return self._finish(stated_answer(a, said, cat.sheet_label), hits)  # 「うち行政機関等は？」「前年度は？」
        if a.opinion:
            return self._finish(refusal(question, wording.OPINION), hits)
        if asks_sum(a) and (both := both_in_focus(a, context)):  # 「両方足すと？」: the last two turns' values
            plain = replace(a, normalized=SUM_RE.sub("", a.normalized))
            answers = [(f.subject.name, numeric_answer(plain, f, cat.sheet_label)) for f in both if f.subject]
            return self._finish(parts_sum_answer(question, answers, cat.sheet_label), hits)
        # 「AとBを合計すると」「A、BとCを合わせると」「AからBまでを足すと」: each answered, then added
        if (added := parts_added(question, lambda q: self._answer(q, context), self.evidence.mentioned,
                                 cat.sheet_label)) is not None:
            return self._finish(added, hits)
        named = None
        if a.lang == "en":  # what the question names in other words than the sheets'
            named = named_by_embedding(a, self.index.query_vector(question), hits, cat, self._names,
                                       self.evidence.says)
            a = with_sheets(a, named)
        if unheard := [m for m in ministries_named(a) if not self.evidence.mentioned(m)]:
            return self._finish(refusal(question, wording.unknown_nouns(unheard)), hits)  # (宮内庁: no sheet of it)
        if (grade := grade_in_focus(a, context, cat.sheet_label)) is not None:  # 「この指標の判定は？」
            return self._finish(grade, hits)
        if a.metadata is not None:
            focus = context.subject.sheet if context is not None and context.subject is not None else None
            meta = header_fields.metadata_answer(a, a.metadata, hits, cat, focus)
            if meta is not None:
                return meta
        # 「評価対象期間で執行額が最大の年度は？」 names a field but asks for an operation over figures.
        field = header_fields.field_answer(a, hits, cat) if a.operation is None and not (
            a.family and a.explicit and a.years) else None
        if field is not None:
            return field
        if (added := added_answer(a, cat, a.sheets or resolve_scope(a, cat, hits).sheets)) is not None:
            return self._finish(added, hits)  # 「R7年度の評価書で新しく加わった達成手段は？」
        # (a table section is skipped anyway; a year alone may name the document: 「令和6年度の…の評価では」)
        asks_value = a.operation or (a.years and a.family and a.explicit) or a.numeric_cue or a.counter
        # Of a 施策's sheets, the one of the year named (「令和6年度の…の評価では」).
        of_year = [sid for sid in a.sheets if cat.sheet_years.get(sid) in a.years]
        section = None if asks_value else named_section(a.normalized, [h for h in hits if not a.sheets or h.sheet in (
            of_year or a.sheets)])
        if section is not None:  # 「目標達成度合いの測定結果は？」: the text under that heading
            body = section.text.strip()
            quote = body if len(body) <= 300 else body[:300] + "…"
            text = f"「{quote}」\n{wording.cite_hit(section, cat.sheet_label(section.sheet))}"
            return self._finish(Answer(question, text, True, [], [hit_source(section)], "prose", Frame()), hits)
        # A fragment continues the conversation's subject, unless it asks for a passage, a reason or an operation
        # over many figures; a relative year (翌年度) moves the year in focus, though 「どうなった」 asks a passage
        # (not with a kind of value and a year: 「令和5年度の執行率はどうなった？」 asks the value in focus).
        passage = a.prose and not shifted and not (a.family and a.years)
        followup = context is not None and context.subject is not None and (
            not a.content or a.short or a.connective or of_value_in_focus(a)) \
            and not (a.reason or passage or a.operation)
        # Proper nouns the sheets never mention: nothing to answer from.
        ev = self.evidence
        missing = [p for p in a.proper if not ev.mentioned(p.lower()) and not ev.country_in_corpus(p)]
        if missing:
            return self._finish(refusal(question, wording.unknown_nouns(missing)), hits)
        if unwritten := ev.unwritten_in_named(a):
            return self._finish(refusal(question, wording.unknown_nouns(unwritten, [cat.titles.get(a.sheets[0], "")])),
                                hits)
        if followup:
            assert context is not None
            if (column := part_in_table(a, context, cat)) is not None:  # 「そのうちプレジャーボートは？」 of a row
                return self._finish(numeric_answer(a, column, cat.sheet_label), hits)
            if (stated_part := part_in_focus(a, context, cat.facts)) is not None:  # 「そのうち外国人は？」
                return self._finish(stated_answer(a, stated_part, cat.sheet_label), hits)
            frame = followup_frame(a, context, hits, cat)
            # 「中国は？」 after 日米: a name the subject in focus does not carry is not a follow-up of it.
            assert frame.subject is not None
            unmatched = [p for p in a.proper if not self.evidence.carries(frame.subject, p)]
            if unmatched:
                return self._finish(refusal(question, wording.unknown_nouns(unmatched, [frame.subject.name])), hits)
            if of_value_in_focus(a):  # (「速報値」 names no other subject: 緊急地震速報 is not asked)
                frame = replace(context, years=a.years or [y + a.year_offset for y in context.years],
                                family=a.family or context.family)
            assert frame.subject is not None
            if context.against_target and not a.family and not a.content and frame.years != context.years and (
                    again := comparisons.compare(replace(a, operation="compare", family="target", years=frame.years),
                                                 cat, [frame.subject], frame.series, against=True)) is not None:
                return self._finish(again, hits)  # 「前の年は？」 after a year's 実績 against its target
            if (beside := told_beside(a, frame, context, cat)) is not None:
                return self._finish(stated_answer(a, beside, cat.sheet_label), hits)  # 「脱税額は？」 after 処分件数
            if asks_state(a):  # 「それって確定値？」: the state of the value in focus, from its cell or a note
                return self._finish(state_answer(a, frame, self.index, cat.sheet_label), hits)
            if (said := state_fact(replace(a, years=frame.years), frame.subject, cat.facts,
                                   written_number(self.index, frame.subject))) is not None:
                return self._finish(stated_answer(a, said, cat.sheet_label), hits)  # 「見直し前の目標は？」
            return self._finish(numeric_answer(a, frame, cat.sheet_label), hits)
        # (「速報値から確定値でどれだけ変わった」; not when two editions named are there to set side by side)
        editions = asks_versions(a) and len({cat.sheet_years.get(s) for s in a.sheets}) > 1
        revised = None if editions else revised_answer(a, cat, partial(written_number, self.index))
        if revised is not None and asks_versions(a) and names_editions(a) and revised.figures \
                and cat.has_editions(revised.figures[0].sheet):
            editions, revised = True, None  # (the sheet's 施策 has another edition: the two are set side by side)
        if revised is not None:
            return self._finish(revised, hits)
        if a.operation is None and asks_sum(a):  # 「達成手段4事業の執行額の合計」: every means of the 施策, added
            in_focus = [context.subject.sheet] if context is not None and context.subject is not None else []
            if (total := aggregate.means_sum(a, cat, hits, in_focus)) is not None:
                return self._finish(total, hits)
        if a.operation is not None and not a.reason:  # 「目標に届かなかった理由は？」 asks for a passage
            change = stated_change(a, cat.facts_naming(fact_words(a), MIN_FACT), cat.idf, cat.titles)
            many = many_answer(a, hits, self.catalogue, self.evidence, context, named)
            # (a sentence that states the change answers, unless a table gives both years compared)
            if change and not (many is not None and many.found and len(a.years) > 1
                               and set(a.years) <= {f.fiscal_year for f in many.figures}):
                return self._finish(stated_answer(a, change, cat.sheet_label), hits)
            if many is not None:
                return self._finish(many, hits)
            if a.operation == "rank" and not aggregate.asks_year(a):
                # 「どの飛行場が最も多い？」 with no table of comparable figures to rank: one figure is no answer
                return self._finish(refusal(question, wording.NO_RANKING), hits)
        if (a.prose or a.reason) and not a.explicit:
            if a.reason and not subject_words(a) and context is not None and context.subject is not None:
                # 「なんで変わったの？」 after a figure: why, of the subject in focus, in its sheet
                s = context.subject  # (the 施策's sheets of every year: next year's may say why it was revised)
                own = [sid for sid, t in cat.policy_titles.items() if t == cat.policy_titles.get(s.sheet)]
                hits = [h for h in self.index.search(f"{s.name} {question}", k=8) if h.sheet in own] or hits
                a = replace(a, sheets=own, content=[*a.content, *terms(bare_name(s.name))])
                told = self._prose(a, hits)
                told.frame = context  # (a reason of the subject in focus keeps it in focus: 「令和5年は？」 next)
                return told
            if (why := reason_answer(a, self.index, cat, self.evidence, hits)) is not None:
                return self._finish(why, hits)  # 「指標2が目標を超えた理由は？」: its own sheet's sentence of cause
            return self._prose(a, hits)
        asks_number = a.numeric_cue or a.counter is not None or a.family == "actual"
        # A sentence states one value: a trend over years is the table's.
        single = not (a.trend and len(a.years) > 1)
        facts = [f for f in cat.facts_naming(fact_words(a), MIN_FACT) if fits_family(a, f)] \
            if asks_number and single else []
        fact_score, fact = best_fact(a, facts, cat.idf, cat.titles, cat.facts)
        ranked = cat.rank(a, hits, None, *((named.subjects, named.leading) if named else ()))
        best, strong = self.evidence.named_best(a, ranked)
        others: list[Subject] = []
        whole = asks_whole(a) and best[1] is not None
        # (「水道水源の水質基準達成率の目標値」: a name written whole, its words the title's and the measures')
        written = [x for sid in a.sheets for i in cat.subjects_of(sid)
                   if column_named((x := cat.subjects[i]).name, a.normalized)] if not subject_words(a) else []
        if len({x.name for x in written}) == 1:
            best, strong = (1.0, written[0]), True
        elif (not subject_words(a) or whole) and a.family:
            # (「the budget of the fisheries policy」: the 施策 whose title says it, not the sheet of a line that does)
            within = a.sheets or (titled(subject_words(a), cat) if whole else []) \
                or ([best[1].sheet] if whole and best[1] is not None else [])
            cands = cat.default_budget_subjects(replace(a, sheets=within) if within else a)
            if not cands or not within and len({cat.policy_titles.get(c.sheet) for c in cands}) > 1:
                # (no 施策 named among several: the newest sheet's budget would be a guess)
                return self._finish(refusal(question, wording.unknown_owner(FAMILY_LABEL[a.family])), hits)
            best, strong = (1.0, cands[0]), True
            others = [s for s in cands[1:] if s.sheet != cands[0].sheet]
        subject = best[1]
        # 「…件数のうち、高齢者は？」: a part of a whole; the whole's value is no answer
        if (piece := part_asked(a)) is not None and (subject is not None or fact is not None):
            of_whole = subject if strong and subject is not None else None
            if not (of_whole is not None and holds_part(piece, of_whole)):
                sheets = a.sheets or list(dict.fromkeys(x.sheet for x in (of_whole, fact) if x is not None))
                if (said := part_fact(piece, cat.facts, sheets, a.years)) is not None:
                    return self._finish(stated_answer(a, said, cat.sheet_label), hits)
                name = of_whole.name if of_whole is not None else (fact.series or fact.subject if fact else "")
                return self._finish(refusal(question, wording.not_distinguished([piece], name) if name
                                            else wording.unknown_nouns([piece])), hits)
        # 「違反の類型は何種類？」: the rows of a breakdown counted
        if subject is not None and asks_categories(a, subject) \
                and (kinds := categories_answer(a, subject, cat.sheet_label(subject.sheet))) is not None:
            return self._finish(kinds, hits)
        dense_fact = bool(named) and fact_score < MIN_FACT and asks_number and single
        # An English question names a sentence's counted thing in other words: the closest sentence.
        if dense_fact and named is not None:
            fact = english_fact(a, named, cat.titles)  # (beside a table, it answers only in the unit asked; see below)
            fact_score = MIN_FACT if fact is not None else 0.0
        if fact is not None and fact_score >= MIN_FACT and (not strong or subject is None):
            return self._finish(stated_answer(a, fact, cat.sheet_label, years=stated_years(a, fact, facts)), hits)
        if not strong or subject is None:
            # (「どれくらいの人が参加した？」 asks an amount no table holds: the passage may state it)
            if a.family or (a.numeric_cue and not (a.counter is None and _VAGUE_AMOUNT_RE.search(a.normalized))):
                near = list(dict.fromkeys(s.name for sc, s in ranked[:5] if sc > 0.15))[:3]
                return self._finish(refusal(question, wording.no_subject(near)), hits)
            return self._prose(a, hits)
        if subject.kind == "means" and a.asks_start:
            return self._finish(means_start(a, subject, cat.sheet_label), hits)
        if not (a.family or a.numeric_cue or a.years or a.trend):
            return self._prose(a, hits)
        unmatched = [p for p in a.proper if not self.evidence.carries(subject, p)]
        near = [s.name for _, s in ranked[:2]]
        # a proper noun the subject lacks (「中国との会談数」): only a sentence saying it answers (an English
        # question's 「ir」 as the sheet writes it, 「海外IR」)
        if unmatched:
            said_score, said = best_fact(a, [f for f in facts if all(p.lower() in f.raw.lower() for p in unmatched)],
                                         cat.idf, cat.titles, cat.facts)
            ans = stated_answer(a, said, cat.sheet_label) if said is not None and said_score >= MIN_FACT \
                else refusal(question, wording.unknown_nouns(unmatched, near))
            return self._finish(ans, hits)
        # A qualifier of a noun the subject carries that the subject does not carry (「運輸部門」 when the sheets
        # have 家庭部門 only; 「歩行中の負傷者数」 against all injured): the figure found is of something else.
        # (a qualifier the subject does not carry: 「運輸部門」 of 家庭部門's table, 「総事業費」 of a year's budget)
        if (qualified := qualified_answer(a, subject, facts, self.evidence, cat, near)) is not None:
            return self._finish(qualified, hits)
        if fact is not None and fact_score >= MIN_FACT and self.evidence.names_apart(a, subject, fact):
            return self._finish(stated_answer(a, fact, cat.sheet_label), hits)  # 「不正利用が疑われる通報」
        units = sorted({u for f in subject.figures if (u := unit_word(f))})
        if (counted := counted_otherwise(a, units, subject.name)) is not None:  # 「いくつ」 of 予算額, 「数」 of %
            if fact is not None and fact_score >= MIN_FACT:
                return self._finish(stated_answer(a, fact, cat.sheet_label), hits)
            return self._finish(refusal(question, wording.other_unit(subject.name, units, counted)), hits)
        # 「前年度の評価書ではどうだった、差は？」「前年度版と最新版でどう違う？」: the two writings of a value two
        # sheets of the 施策 disagree on
        if asks_versions(a) and (a.operation == "compare" or editions or names_editions(a)
                                  and cat.has_editions(subject.sheet)) \
                and (versions := versions_answer(a, cat, cat.stitched(subject)[1])) is not None:
            return self._finish(versions, hits)
        # 「…の外注はどのくらい実施された？」 asks no money: a sentence counting it outweighs the means' budget.
        if fact is not None and fact_score >= MIN_FACT and not (fact.unit or "").endswith("円") \
                and money_unasked(a, units):
            return self._finish(stated_answer(a, fact, cat.sheet_label), hits)
        # 「第十二管区の…」 where a table near it has 第一〜第十一管区: a category no table has
        if (absent := absent_category(a, [subject, *(t for _, t in ranked[:5])])) is not None:
            return self._finish(refusal(question, wording.unknown_nouns([absent], [subject.name])), hits)
        # the table's value is of another state
        if (said := state_fact(a, subject, cat.facts, written_number(self.index, subject))) is not None:
            return self._finish(stated_answer(a, said, cat.sheet_label), hits)
        if (before := earlier_state(a, subject)) is not None:  # 「修正前は？」: the table prints the value as it is now
            return self._finish(refusal(question, wording.not_as_before(before, subject.name)), hits)
        # (the same indicator in next year's sheet of the 施策)
        subject, conflicts = cat.stitched(subject, a.sheets, a.document_year)
        frame = Frame(subject=subject, years=a.years, family=a.family, trend=a.trend,
                      series=series_in(a, subject))
        rows = {x for x in subject.series if x}
        if a.lang == "en" and frame.series is None and len(rows) > 1 and not a.trend and not rows & set(TOTALS):
            # English words name no row of a breakdown (「18- and 19-year-olds」 of 販売購入形態別): none is guessed
            return self._finish(refusal(question, wording.no_subject([subject.name])), hits)
        ties = [s for sc, s in ranked[1:4] if sc >= best[0] - 1e-6 and s.name != subject.name]
        # The same indicator in other sheets (another year's sheet, another ministry's copy).
        others += [s for sc, s in ranked[1:8]
                   if sc >= best[0] - 0.02 and s.name == subject.name and s.sheet != subject.sheet]
        others = [s for s in others if cat.policy_titles.get(s.sheet) != cat.policy_titles.get(subject.sheet)]
        # (「…の令和5年度の評価は？」: the grade the sheet wrote on its row, when it wrote one)
        if (grade := grade_of(a, subject, a.years, cat.sheet_label)) is not None:
            return self._finish(grade, hits)
        ans = numeric_answer(a, frame, cat.sheet_label)
        # Indicators of one sheet that all carry every word asked (「有識者の部」 of two polls): the question does
        # not tell which, so each is answered, by name, rather than one guessed.
        twins = twins_of(subject_words(a), subject, [s for sc, s in ranked[1:4] if sc >= 0.8 * best[0]])
        by_series = told_apart(a, [subject, *twins]) if twins else []
        if twins and len(by_series) == 1:
            subject, twins = by_series[0], []
            frame = replace(frame, subject=subject, series=series_in(a, subject))
            ans = numeric_answer(a, frame, cat.sheet_label)
        more = [m for s in twins if (m := numeric_answer(a, replace(frame, subject=s, series=series_in(a, s)),
                                                           cat.sheet_label)).found]
        if ans.found and more:
            ans.text = "\n".join([wording.undistinguished([subject.name] + [s.name for s in twins]), ans.text]
                                 + [m.text for m in more])
            ans.figures += [f for m in more for f in m.figures]
            ties = []
        if fact is not None and fact_score >= MIN_FACT and not dense_fact and sentence_over_table(
                a, fact, fact_score, subject, ans, cat.coverage(fact_words(a) or a.content, subject)):
            table_figure = ans.figures[0] if ans.found and ans.figures else None
            group = covers_partly(a, subject)
            return self._finish(stated_answer(a, fact, cat.sheet_label, table_figure, group), hits)
        shown = {id(f) for f in ans.figures}
        notes = [wording.disagreement(kept, other, cat.sheet_label(other.sheet)) for kept, other in conflicts
                 if id(kept) in shown]
        if not a.trend:  # the older sheet's value, named in the note, is listed after the answer's
            ans.figures += [other for kept, other in conflicts if id(kept) in shown]
        if others:
            notes.append(wording.other_sheets(list(dict.fromkeys(cat.sheet_label(s.sheet) for s in others))))
        if ties:
            notes.append(wording.equal_fits([s.name for s in ties]))
        if ans.found:
            ans.text = wording.with_notes(ans.text, notes)
        return self._finish(ans, hits)

    def _prose(self, a: QuestionAnalysis, hits: Sequence[Hit]) -> Answer:
        return self._finish(*passage_answer(a, hits, self.catalogue))

    def _finish(self, ans: Answer, hits: Sequence[Hit]) -> Answer:
        """Sources: the passages holding the cited figures, else the top hits."""
        if not ans.sources:
            ans.sources = (figure_sources(self.index, ans.cited, hits) if ans.cited
                           else [hit_source(h) for h in hits[:3]])
        if ans.kind == "stated" and ans.frame is not None and ans.frame.subject is None \
                and (table := self.catalogue.restating(ans.figures[0])) is not None:
            # a sentence that restates a table's figure: a follow-up (「飛行場別では？」) is about that table's subject
            ans.frame = replace(ans.frame, subject=table, years=[y] if (y := ans.figures[0].fiscal_year) else [])
        return ans

