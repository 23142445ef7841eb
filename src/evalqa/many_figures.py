"""Questions over several figures routed to their operation: the sheets' own grades, counts, related 達成手段,
targets met or missed, rankings, and comparisons (with the years of next year's sheet stitched in)."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from . import aggregate, comparisons, targets, wording
from .answer import Answer, Frame, refusal
from .bounds import bounded
from .crosslingual import Named
from .evidence import Evidence, named_subjects
from .grades import graded
from .matching import FORM_WORDS, abbreviates
from .movers import asks_movers, movers_answer
from .operations import PAIR_RE, bound_of
from .question import RATE_FAMILIES, QuestionAnalysis, subject_words
from .scope import asks_whole, one_per_policy, resolve_scope, scope_label
from .search import Hit
from .subject import Subject, column_named, series_in
from .subjects import STRONG, SubjectCatalogue
from .versions import asks_versions, versions_answer

# A group is never named by the form's words nor by a bare 額/率/数 (「執行率の一番低い達成手段」)
_NO_GROUP_WORDS = FORM_WORDS | {"額", "率", "数"}
_WHICH_YEARS_RE = re.compile(r"何年度|何年|どの年度|いつ|年度(?:は|が)?(?:いくつ|何回|何度)|年度の数")
# A category asked of a ranking: 「一番多かった地域はどこ？」「どの県が」「最も多い月は」
_CATEGORY_ASKED_RE = re.compile(r"どこ|(?:どの|どれ)(?:地域|国|県|都道府県|業種|種類|分野|区分|月|税目|品目|項目|類型)"
                                r"|(?:地域|国|県|業種|種類|分野|区分|月|飛行場|空港|港|税目|品目|項目|類型)(?:は|が)")
# 「…が前の年より減ったのはいくつ？」: how many categories moved (not by how much: 「いくつ減った」)
_HOW_MANY_RE = re.compile(r"(?:の|もの)は(?:いくつ|何(?:品目|か国|か所|県|件|個|つ|種類))")


# 「…が最も低い水域は？」: the noun a question asks for, at its end
_ASKED_NOUN_RE = re.compile(r"([^\s、。のをにがはで?？]{2,8}?)(?:は|はどこ|はどれ)(?:ですか|でしょうか)?[?？]?$")


def _asks_category(a: QuestionAnalysis, s: Subject) -> bool:
    """Does the question ask which row of the subject's breakdown: a word of categories (「どこ」「どの県」), or the
    noun its name splits by (「水域別の…達成率」 asked 「最も低い水域は？」)?"""
    if not s.series:
        return False
    if _CATEGORY_ASKED_RE.search(a.normalized):
        return True
    by = re.match(r"([^の・、]{2,12}?)別", s.name)
    asked = _ASKED_NOUN_RE.search(a.normalized)
    return bool(by and asked and (by.group(1) in asked.group(1) or asked.group(1) in by.group(1)))


def _rated(s: Subject, family: str) -> bool:
    """Does the subject have a rate of the family: its own (執行率, 達成率), or the figures it is worked out from."""
    own = "執行率" if family == "execution_rate" else "達成率"
    num, bases = wording.rate_parts(own)
    measures = {f.measure for f in s.figures if f.value is not None}
    return own in measures or bool(num in measures and measures & set(bases))


def many_answer(a: QuestionAnalysis, hits: Sequence[Hit], cat: SubjectCatalogue, evidence: Evidence,
                context: Frame | None = None, named: Named | None = None) -> Answer | None:
    """A question over several figures (count, targets missed, ranking, comparison …), or None to go on."""
    everywhere = cat.rank(a, hits, None, *((named.subjects, named.leading) if named else ()))
    scope = resolve_scope(a, cat, hits, everywhere)
    ranked = [(sc, s) for sc, s in everywhere if s.sheet in scope.sheets]
    best = ranked[0][1] if ranked and ranked[0][0] >= STRONG else None
    if not a.sheets and a.operation in ("rank", "count", "missed", "met") \
            and (words := [w for w in subject_words(a) if w not in _NO_GROUP_WORDS and not w.isascii()]):
        # (an English word the glossary does not know says nothing of the sheets' words: the embedder reads it)
        # 「…関係の達成手段で予算が最も多いのは」 where the sheet the search found says no more than half of the words
        # that name the group (「量子コンピュータ」 of a sheet that says スーパーコンピュータ): its figures are not
        # the ones asked
        in_scope = [s for s in cat.subjects if s.sheet in scope.sheets]
        unsaid = [w for w in words if not any(evidence.index.section_mentions(sid, [], w) for sid in scope.sheets)
                  and not any(abbreviates(w, s.name) for s in in_scope)]  # (「労災」 of 労働災害)
        if len(unsaid) * 2 >= len(words):
            nowhere = [w for w in unsaid if not evidence.mentioned(w)]
            return refusal(a.question, wording.unknown_nouns(nowhere) if nowhere
                           else wording.group_unknown(unsaid, scope_label(scope, cat)))
    if best is not None and a.family in RATE_FAMILIES and not _rated(best, a.family):
        # 「達成率が最も高い区分」「達成率は AとBでどっちが高い」: of the subjects named, the one that has such a
        # rate (the table's own 達成率 column), not its counts beside it
        pool = [s for sc, s in ranked[1:6] if s.sheet == best.sheet and sc >= 0.5 * ranked[0][0]
                and _rated(s, a.family)]
        # (the breakdown's rate when its rows are what is asked: 「達成率が最も低い水域は？」)
        best = next((s for s in pool if a.operation == "rank" and _asks_category(a, s)), None) \
            or next(iter(pool), best)
    if a.operation == "graded":
        # No grades where the search points: the sheets that grade their indicators so, when none is named.
        here = graded(a, scope, cat)
        if a.sheets or (here is not None and here.found):
            return here
        anywhere = graded(a, replace(scope, sheets=one_per_policy(list(cat.sheet_meta), a, cat)), cat)
        return anywhere if anywhere is not None and anywhere.found else here
    if a.operation == "count":
        return aggregate.count(a, scope, cat)
    if a.operation == "bounded" and (bound := bound_of(a.question)) is not None:
        return bounded(a, bound, scope, cat, cat.newest(best) if best and not (a.years or a.sheets) else best)
    if a.operation == "related":
        # The sheet of the indicator the question names (「測定指標2（…の割合）」) first.
        order = ([best.sheet] if best is not None else []) + [h.sheet for h in hits] + list(cat.sheet_meta)
        return aggregate.related_means(a, scope, cat, best, order)
    if a.operation in ("missed", "met"):
        if best is not None and best.kind == "indicator" and not a.years and _WHICH_YEARS_RE.search(a.normalized):
            return targets.years_missed(a, cat.stitched(best, a.sheets)[0], cat)  # one indicator's years
        # The sheet's own 達成 / 未達成 column, where it has one, before values compared here.
        own = graded(replace(a, grade="未達成" if a.operation == "missed" else "達成"), scope, cat)
        if own is not None and own.found:
            return own
        return targets.target_results(a, scope, cat)
    if a.operation == "rank":
        # 「執行額が最大だった年度は？」 (「評価対象期間で…」 names no subject either): the 施策's own table
        if a.family and aggregate.asks_year(a):  # 「執行額が最大だった年度は？」: the 施策's own table
            if asks_whole(a) and best is not None:  # (「…の施策の予算、執行率が…どの年度」: of best's 施策)
                a = replace(a, sheets=a.sheets or [best.sheet])
            if not subject_words(a) or asks_whole(a) or (best is None and a.sheets):
                best = next(iter(cat.default_budget_subjects(a)), best)
        plain = a.normalized.replace("の", "")
        if best is not None and not (best.series and column_named(best.name, plain)):
            # 「一番多かった地域はどこ？」: the categories of a breakdown of what is named, not the indicator's years
            rows = [s for sc, s in ranked[:6] if _asks_category(a, s) and s.sheet == best.sheet
                    and sc >= 0.5 * ranked[0][0]]
            # (the column the question names, 「特定保健指導の実施率」, of a breakdown of several)
            best = next((s for s in rows if column_named(s.name, plain)), None) \
                or (best if best.series else next(iter(rows), best))
        if context is not None and context.subject is not None and best is not None and not a.sheets \
                and cat.policy_titles.get(best.sheet) == cat.policy_titles.get(focus := context.subject.sheet):
            # a follow-up ranks within the document in focus (its latest year, unless 「その年」 asks that one)
            a = replace(a, sheets=[focus])
            best = cat.stitched(best, [focus])[0]
        return aggregate.ranking(a, scope, cat, cat.newest(best) if best and not (a.years or a.sheets) else best)
    if asks_movers(a) and (_CATEGORY_ASKED_RE.search(a.normalized) or _HOW_MANY_RE.search(a.normalized)) \
            and best is not None:
        # 「前年度より減った飛行場はどこ？」: the rows of a breakdown of what is named that moved that way
        split = best if best.series else next((s for sc, s in ranked[1:6] if s.series and s.sheet == best.sheet
                                               and sc >= 0.5 * ranked[0][0]), None)
        if split is not None and (moved := movers_answer(a, split, cat.sheet_label(split.sheet))) is not None:
            return moved
    # (most of what the question names must be the subject's: 「アンチ・ドーピング…違反件数」 is not 指導件数)
    subjects = [best] if best is not None and evidence.names(a, best, [s for _, s in ranked[1:5]]) else []
    if not subject_words(a) and context is not None and context.subject is not None:
        subjects = [context.subject]  # 「それは目標値を上回った？」: the subject in focus
    elif not subject_words(a) and a.family:
        subjects = cat.default_budget_subjects(a)[:1]
    elif best is not None and (re.search(r"どちら|どっち|比べ|比較", a.normalized) or PAIR_RE.search(a.normalized)):
        subjects = named_subjects(a, sorted(ranked, key=lambda x: x[1] is not best))  # (best first)
    series = series_in(a, subjects[0]) if subjects else None
    # The years of the same indicator in the 施策's other sheets (令和元年度 only in last year's sheet); where
    # an older sheet says otherwise of a figure compared, the answer names it.
    stitched = [cat.stitched(x, a.sheets) for x in subjects]
    # 「前年度の評価書と今回でどっちが大きい？」: the two writings of one value (whichever sheet the question named)
    if asks_versions(a) and (versions := next((v for x in subjects if (v := versions_answer(
            a, cat, cat.stitched(x)[1]))), None)) is not None:
        return versions
    ans = comparisons.compare(a, cat, [x for x, _ in stitched], series)
    if ans is not None:
        shown = {id(f) for f in ans.figures}
        notes = [wording.disagreement(kept, other, cat.sheet_label(other.sheet))
                 for _, conflicts in stitched for kept, other in conflicts if id(kept) in shown]
        if notes:
            ans.text += "\n（" + "。".join(notes) + "）"
    return ans
