"""Figure answers: one value with its companion, a rate, or a series of years — read from the figures,
never from a model. Each function gets the subject already chosen (see `evalqa.assistant`)."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace

from . import wording
from .answer import Answer, Frame, refusal
from .breakdown import TOTALS
from .change import change_figure
from .direction import lower_is_better
from .figure import Figure
from .fiscal_year import to_label
from .question import FAMILIES, FAMILY_LABEL, RATE_FAMILIES, TARGET_FAMILIES, QuestionAnalysis, family_measures
from .subject import Subject
from .sums import sum_answer

# The natural companion of a value: target ↔ actual, budget ↔ execution (first present wins).
COMPANIONS = {
    "実績値": ["年度目標値", "目標値"], "年度目標値": ["実績値"], "目標値": ["実績値"], "中期目標値": ["実績値"],
    "予算額計": ["執行額"], "執行額": ["予算額計", "合計(a+b+c)", "予算現額", "当初予算(a)"],
    "当初予算(a)": ["執行額"], "合計(a+b+c)": ["執行額"], "予算現額": ["執行額"],
}
# The denominator of a rate, in order of preference.
RATE_BASES = {"execution_rate": ["予算額計", "合計(a+b+c)", "予算現額", "予算額", "当初予算(a)"],
              "achievement_rate": ["年度目標値", "目標値"]}
# Kinds of value that stand for the indicator as a whole rather than for one year.
YEARLESS = (*TARGET_FAMILIES, "baseline")
_DEFAULT_FAMILY = {"indicator": "actual", "means": "budget", "budget": "initial_budget"}
_TREND_FAMILIES = {"indicator": ["actual", "target"], "means": ["budget", "execution"],
                   "budget": ["initial_budget", "execution"]}


def pick_measures(family: str | None, subject: Subject, figures: list[Figure], year: int | None,
                  a: QuestionAnalysis | None = None) -> list[str]:
    """The measures of `figures` (the subject's, filtered to the frame's series) that answer a family."""
    if family is None:
        family = _DEFAULT_FAMILY[subject.kind]
        if subject.kind == "indicator" and year is not None and not any(
                f.measure == "実績値" and f.fiscal_year == year for f in figures):
            # A year whose 実績値 is not out yet (集計中, －) right after the last one reported: the value asked
            # is missing, not the target; a year further on asks for the target.
            actual = [f.fiscal_year for f in figures if f.measure == "実績値" and f.fiscal_year and f.value is not None]
            if actual and year <= max(actual) + 1:
                return []
            family = "target"
    return [m for m in family_measures(family, a)
            if any(f.measure == m and (year is None or f.fiscal_year == year) for f in figures)]


def numeric_answer(a: QuestionAnalysis, frame: Frame, labels: Callable[[str], str]) -> Answer:
    """The value the frame asks for, or a refusal that says what the sheet has instead."""
    s = frame.subject
    assert s is not None
    figs = [f for f in s.figures if frame.series is None or f.series == frame.series]
    if (added := sum_answer(a, frame, labels)) is not None:  # 「…を合計すると」: a sum the sheet does not print
        return added
    if frame.family == "final_target" and not a.years:
        # 「最終目標は？」 in a conversation: the target of the furthest year, whatever years were in focus
        ends = [f.fiscal_year for f in figs if f.measure in FAMILIES["final_target"] and f.fiscal_year
                and f.value is not None]
        if ends:
            frame = replace(frame, years=[max(ends)], trend=False)
    if frame.trend or len(frame.years) > 1:
        return trend_answer(a, frame, figs, labels)
    year = frame.years[0] if frame.years else None
    if frame.family == "budget" and "予算" not in a.normalized and not pick_measures("budget", s, figs, None):
        frame = replace(frame, family=None)  # 「寄付金残高はいくら？」: the amount the table states, not a budget
    if frame.family == "total" and not pick_measures("total", s, figs, None) and any(f.series in TOTALS for f in figs):
        frame = replace(frame, family=None)  # 「年齢階層別の…の合計は？」: the breakdown's 合計 row
    measures = pick_measures(frame.family, s, figs, year, a)
    fallback = ""
    if not measures and year is not None and not a.years and frame.family in YEARLESS:
        # A target or a baseline has a year of its own: 「目標は？」 after a 平成29年度 value is the indicator's target.
        measures = pick_measures(frame.family, s, figs, None, a)
        if measures:
            fallback = f"（{to_label(year)}の{FAMILY_LABEL[frame.family or '']}はシートになく、"
            year = None
    if not measures and frame.inherited_family:
        # 「令和3年度は？」 after an 執行額: a year without that kind of value answers with what the year has.
        measures = pick_measures(None, s, figs, year)
    if not measures:
        return missing(a, frame, figs, year)
    chosen = [f for f in figs if f.measure == measures[0] and (year is None or f.fiscal_year == year)]
    if year is None:
        with_value = [f for f in chosen if f.value is not None and f.fiscal_year is not None]
        if with_value:
            latest = max(f.fiscal_year for f in with_value if f.fiscal_year is not None)
            chosen = [f for f in chosen if f.fiscal_year == latest]
        elif len({f.fiscal_year for f in chosen}) > 1:
            chosen = chosen[-1:]
    if frame.family == "review_number":
        return review_number(a, frame, chosen[0] if chosen else s.figures[0], labels)
    present = [f for f in chosen if f.value is not None]
    if not present and chosen and year is not None and not a.years and frame.family in YEARLESS:
        # 「目標値は？」 after a year whose target cell is 「－」: the target the indicator sets for a year of its own
        # (「400程度に抑える（令和12年）」)
        valued = [f for f in figs if f.measure == measures[0] and f.value is not None and f.fiscal_year]
        if valued:
            blank = chosen[0].raw or "空欄"
            present = chosen = [max(valued, key=lambda f: f.fiscal_year or 0)]
            fallback = f"（{to_label(year)}の{FAMILY_LABEL[frame.family or '']}は記載がなく（欄は「{blank}」）、"
    if not present:
        f = chosen[0]
        return Answer(a.question, f"{wording.empty_cell(f)}\n{wording.cite(f, labels(f.sheet))}", False, [], [],
                      "refusal", frame, cited=[f])
    if frame.family in RATE_FAMILIES:
        return rate_answer(a, frame, present[0], labels)
    # A table of categories with their total, no category asked: the total is the answer, the categories its
    # breakdown (「国税局別の滞納残高」 asked as 「滞納残高は？」)
    total = next((f for f in present if f.series in TOTALS), None) if len(present) > 2 else None
    if total is not None:
        present = [total] + [f for f in present if f is not total]
    parts = [f"{f.series if len(present) > 1 and f.series else ''}{wording.value(f)}" for f in present]
    first = present[0]
    subject_text = wording.name(first) if len(present) == 1 else s.name
    head = f"{wording.year(first)}の「{subject_text}」の{first.measure}は{'、'.join(parts)}です"
    if total is not None:
        head = (f"{wording.year(first)}の「{subject_text}」の{first.measure}は{parts[0]}です"
                f"（内訳：{'、'.join(parts[1:])}）")
    companions, extra = companion_values(present, s)
    text = head + (f"（{extra}）" if extra else "") + "。"
    if fallback:
        text += f"{fallback}{wording.year(first)}の値を示しました。）"
    elif year is None and first.fiscal_year:
        text += f"（年度の指定がないため、値のある最新の{wording.year(first)}を示しました。）"
        if first.measure == "実績値":  # the year shown is the one in focus (「前年は？」 goes on from it)
            frame = replace(frame, years=[first.fiscal_year])
    text += "\n" + wording.cite(first, labels(first.sheet))
    return Answer(a.question, text, True, present + companions, [], "numeric", frame, cited=present)


def companion_values(figs: list[Figure], s: Subject) -> tuple[list[Figure], str]:
    """The companion of each value, with a labelled computed ratio where one means something."""
    out_figs, texts = [], []
    for f in figs:
        for m in COMPANIONS.get(f.measure, []):
            c = next((x for x in s.figures if x.measure == m and x.fiscal_year == f.fiscal_year
                      and x.series == f.series and x.value is not None), None)
            if c is None:
                continue
            out_figs.append(c)
            label = f"{c.series}の" if len(figs) > 1 and c.series else ""
            t = f"{label}{c.measure}{wording.value(c)}"
            # 実績÷目標 reads as an achievement rate only when higher is better (排出量 is not).
            ratio = wording.ratio_text(f, c) if not lower_is_better(s) else None
            texts.append(t + (f"、{ratio}" if ratio else ""))
            break
    return out_figs, "、".join(texts)


def rate_answer(a: QuestionAnalysis, frame: Frame, f: Figure, labels: Callable[[str], str]) -> Answer:
    """達成率 = 実績値 ÷ 目標値, 執行率 = 執行額 ÷ 予算額計 (or 合計, or 当初予算 when there is no total)."""
    s = frame.subject
    assert s is not None and frame.family is not None
    asked = FAMILY_LABEL[frame.family]
    # The sheet's own 執行率 (達成率) row, when it has one, is the answer; a computed rate only stands in for it.
    own = next((x for x in s.figures if x.measure == asked and x.fiscal_year == f.fiscal_year and x.value is not None
                and x.series == f.series), None)
    if own is not None:
        text = f"{wording.year(own)}の「{s.name}」の{asked}は{wording.value(own)}です（シートの{asked}欄）。"
        return Answer(a.question, f"{text}\n{wording.cite(own, labels(own.sheet))}", True, [own, f], [], "numeric",
                      frame, cited=[own])
    same_series = frame.family == "achievement_rate"
    base = next((x for m in RATE_BASES[frame.family] for x in s.figures
                 if x.measure == m and x.fiscal_year == f.fiscal_year and x.value
                 and (not same_series or x.series == f.series)), None)
    if base is None or wording.ratio_of(f, base, fallback=True) is None:
        return refusal(a.question, wording.no_base(asked, s.name, f), frame)
    text, _computed = wording.rate_answer(asked, f, base)
    return Answer(a.question, f"{text}\n{wording.cite(f, labels(f.sheet))}", True, [f, base], [], "numeric", frame,
                  cited=[f])


def review_number(a: QuestionAnalysis, frame: Frame, f: Figure, labels: Callable[[str], str]) -> Answer:
    s = frame.subject
    assert s is not None
    if not f.review_number:
        return refusal(a.question, f"「{s.name}」の行政事業レビュー事業番号はシートに記載がありません。", frame)
    text = f"「{s.name}」の行政事業レビュー事業番号は{f.review_number}です。\n{wording.cite(f, labels(f.sheet))}"
    return Answer(a.question, text, True, [f], [], "numeric", frame, cited=[f])


_OWN_RATE = {"execution_rate": "執行率", "achievement_rate": "達成率"}


def trend_answer(a: QuestionAnalysis, frame: Frame, figs: list[Figure], labels: Callable[[str], str]) -> Answer:
    """Each measure asked (or the subject's natural pair) over the years, in order, per series."""
    s = frame.subject
    assert s is not None
    years = set(frame.years) if frame.years else None
    if frame.family == "baseline" and (since := _since_baseline(a, frame, figs, labels)) is not None:
        return since
    families = [frame.family] if frame.family else _TREND_FAMILIES[s.kind]
    lines: list[str] = []
    chosen: list[Figure] = []
    computed: list[Figure] = []
    for fam in families:
        measures = family_measures(fam, a) if fam in ("budget", "target") else FAMILIES[fam][:1]
        own = _OWN_RATE.get(fam)
        if own and any(f.measure == own for f in figs):
            measures = [own]  # the sheet's own 執行率 / 達成率 of each year
        for m in measures:
            row = sorted((f for f in figs if f.measure == m and f.fiscal_year is not None and f.value is not None
                          and (years is None or f.fiscal_year in years)),
                         key=lambda f: (f.series or "", f.fiscal_year or 0))
            if not row or any(x in chosen for x in row):
                continue
            chosen.extend(row)
            by_series: dict[str | None, list[Figure]] = defaultdict(list)
            for f in row:
                by_series[f.series].append(f)
            for ser, fs in by_series.items():
                label = f"{m}（{ser}）" if ser else m
                # (two years asked: how much it changed from one to the other; more, over the span, for the
                # first kind of value shown: its direction is what 「どう推移した」 asks)
                change = ""
                if len(fs) == 2 and years and len(years) == 2:
                    change = f"。{wording.change_text(fs[0], fs[1])}"
                elif len(fs) >= 2 and m == chosen[0].measure:
                    change = f"。{wording.span_text(fs)}"
                    computed.append(change_figure(fs[0], fs[-1]))  # (the change said over the span, as a figure)
                lines.append(f"{label}: " + "、".join(f"{wording.year(f)} {wording.value(f)}" for f in fs) + change)
    if not chosen:
        return missing(a, frame, figs, None)
    text = f"「{s.name}」の推移です。\n" + "\n".join(lines) + "\n" + wording.cite(chosen[0], labels(chosen[0].sheet))
    return Answer(a.question, text, True, chosen + computed, [], "trend", frame, cited=chosen)


def _since_baseline(a: QuestionAnalysis, frame: Frame, figs: list[Figure],
                    labels: Callable[[str], str]) -> Answer | None:
    """「基準値からどう変わった」: the change from the baseline to the last 実績値 of the years asked (the
    baseline alone would not say how it moved); None when there is no 実績値 after the baseline."""
    s = frame.subject
    assert s is not None
    if re.search(r"目標|各年|毎年", a.normalized):
        return None  # (a target set against the baseline, or each year's values: not the move to the last one)
    base = next((f for f in figs if f.measure in FAMILIES["baseline"] and isinstance(f.value, (int, float))), None)
    if base is None:
        return None
    later = sorted((f for f in figs if f.measure == "実績値" and isinstance(f.value, (int, float))
                    and f.fiscal_year and f.fiscal_year > (base.fiscal_year or 0) and f.unit == base.unit
                    and (not frame.years or f.fiscal_year <= max(frame.years))
                    and f.series == base.series), key=lambda f: f.fiscal_year or 0)
    if not later:
        return None
    last = later[-1]
    text = (f"「{s.name}」は{base.measure}（{wording.year(base)}）{wording.value(base)}から、"
            f"{wording.year(last)}の実績値{wording.value(last)}へ{wording.change_text(base, last)}。\n"
            f"{wording.cite(last, labels(last.sheet))}")
    return Answer(a.question, text, True, [base, last, change_figure(base, last)], [], "trend", frame,
                  cited=[base, last])


def missing(a: QuestionAnalysis, frame: Frame, figs: list[Figure], year: int | None) -> Answer:
    s = frame.subject
    assert s is not None
    asked = FAMILY_LABEL.get(frame.family or "", "値")
    return refusal(a.question, wording.missing_measure(s.name, asked, year, figs), frame)


def means_start(a: QuestionAnalysis, subject: Subject, labels: Callable[[str], str]) -> Answer:
    """「…事業はいつから？」: the 開始年度 written after a 達成手段's name."""
    f = subject.figures[0]
    start = f.note.split("開始年度 ", 1)[1].split("）", 1)[0] if f.note and "開始年度 " in f.note else None
    if not start:
        return refusal(a.question, f"「{subject.name}」の開始年度はシートに記載がありません。")
    text = f"「{subject.name}」の開始年度は{start}です。\n{wording.cite(f, labels(f.sheet))}"
    return Answer(a.question, text, True, [], [], "metadata", Frame(subject=subject), cited=[f])
