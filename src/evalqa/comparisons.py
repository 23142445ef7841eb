"""Comparisons: two years of one subject, a subject's 実績値 against its target, two subjects or two rows of a
breakdown in one year, two kinds of value (「6年度の概算要求額と5年度の当初予算」). The answer states both values
and the difference (計算値); when the question asks the amount of the change, that comes first."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from . import wording
from .aggregate import latest_year, value_of
from .answer import Answer, Frame
from .breakdown import TOTALS
from .change import amount_first, change_figure
from .counts import base_amount
from .direction import lower_is_better, sheet_grade
from .figure import Figure
from .fiscal_year import find_fiscal_years
from .operations import PAIR_RE
from .question import FAMILIES, FAMILY_PATTERNS, QuestionAnalysis, family_measures
from .subject import TARGETS, Subject, all_series_in, unit_word
from .subjects import SubjectCatalogue
from .wording import table

BASELINES = ("初期値", "基準値")  # the value measured in the year a target set out from


def measure_pairs(a: QuestionAnalysis, era: str = "令和") -> list[tuple[str, int]]:
    """(family, year) of each kind of value the question names with a year of its own, in its order, when it
    names two or more kinds (「6年度の概算要求額と5年度の当初予算を比べると」); else []."""
    n = a.normalized
    spans: list[tuple[int, int, str]] = []
    for pat, fam in FAMILY_PATTERNS:
        for m in re.finditer(pat, n):
            if re.fullmatch(r"いくら|何円", m.group(0)):
                continue  # (「差はいくら」 asks an amount: no kind of value of its own)
            if not any(s <= m.start() < e for s, e, _ in spans):  # 「当初予算」 is not also 「予算」
                spans.append((m.start(), m.end(), fam))
    # 「予算概算要求額」: the general 予算 beside a specific kind is part of it.
    spans = [(s, e, fam) for s, e, fam in spans if fam != "budget" or not any(
        e == s2 or s == e2 for s2, e2, f2 in spans if f2 != "budget")]
    if len({fam for _, _, fam in spans}) < 2:
        return []
    places = [(n.find(m.text), m) for m in find_fiscal_years(n, era) if len(m.years) == 1]
    out = []
    for start, _, fam in sorted(spans):
        before = [m for at, m in places if 0 <= at < start]
        if before:
            out.append((fam, before[-1].start))
    return out if len({fam for fam, _ in out}) >= 2 else []


def _compare_series(a: QuestionAnalysis, cat: SubjectCatalogue, s: Subject, named: list[str],
                    measures: Sequence[str]) -> Answer | None:
    years = sorted({f.fiscal_year for f in s.figures if f.fiscal_year and f.series in named}, reverse=True)
    for m in measures:
        for y in years:
            if a.years and y not in a.years:
                continue
            pair = [f for ser in named if (f := next((g for g in s.figures if g.series == ser and g.measure == m
                                                       and g.fiscal_year == y and g.value is not None), None))]
            if len(pair) < len(named):
                continue
            ordered = sorted(pair, key=lambda f: f.value or 0, reverse=True)
            big, small = ordered[0], ordered[-1]
            values = "、".join(f"{f.series}{wording.value(f)}" for f in pair)
            lead = f"「{s.name}」の{wording.year(big)}の{m}は、{values}"
            verdict = ("で、同じ値です。" if big.value == small.value
                       else f"で、{big.series}が{small.series}より大きい値です{_by(big, small)}。")
            text = (lead + verdict + "\n\n" + table(["", m], [(f.series or "", wording.value(f)) for f in pair])
                    + "\n" + wording.cite(big, cat.sheet_label(big.sheet)))
            return Answer(a.question, text, True, pair, [], "comparison", Frame(subject=s), cited=pair)
    return None


# 「遊泳中と釣り中では」「AとBのどちらが」: two things named side by side


def _stated_pair(a: QuestionAnalysis, cat: SubjectCatalogue, s: Subject) -> Answer | None:
    """Two things the question names side by side that the subject does not carry, counted in one sentence of
    its sheet (「活動別では遊泳中が92人、釣り中が79人」): both, and the difference."""
    m = PAIR_RE.search(a.normalized)
    if m is None or any(x in s.name or any(x in (ser or "") for ser in s.series) for x in m.groups()):
        return None
    facts = [f for f in cat.facts if f.sheet == s.sheet and isinstance(f.value, (int, float))
             and (not a.years or f.fiscal_year in a.years)]
    def says(f: Figure, word: str) -> bool:  # (「行政機関等」 of 「行政機関等5,220件」, read as 行政機関)
        return f.subject in (word, word.removesuffix("等"))

    for one in (f for f in facts if says(f, m.group(1))):
        other = next((f for f in facts if says(f, m.group(2)) and f.raw == one.raw and f.unit == one.unit), None)
        if other is None:
            continue
        big, small = sorted((one, other), key=lambda f: f.value or 0, reverse=True)
        verdict = "同じ値です" if big.value == small.value \
            else f"{big.subject}が{small.subject}より多い値です{_by(big, small)}"
        text = (f"シートの本文によると、{one.subject}は{wording.value(one)}、"
                f"{other.subject}は{wording.value(other)}で、{verdict}。\n「{one.raw}」\n"
                + wording.cite(one, cat.sheet_label(one.sheet)))
        return Answer(a.question, text, True, [big, small], [], "comparison", Frame(), cited=[one, other])
    return None


def _carries(s: Subject, word: str) -> bool:
    return word in s.name or any(word in (x or "") for x in s.series) or any(word in p for p in s.section)


def _base(f: Figure) -> tuple[str, float]:
    return base_amount(float(f.value or 0), unit_word(f))


def _by(big: Figure, small: Figure) -> str:
    """「（差は1,823億円、計算値）」: how much larger, when both count in one unit, else ""."""
    if big.unit != small.unit or not isinstance(big.value, (int, float)) or not isinstance(small.value, (int, float)):
        return ""
    return f"（差は{wording.value(change_figure(small, big))}、計算値）"


_PRINTED_RATES = {"execution_rate": ("執行率",), "achievement_rate": ("達成率", "達成度")}


def compare(a: QuestionAnalysis, cat: SubjectCatalogue, subjects: list[Subject], series: str | None,
            against: bool = False) -> Answer | None:
    """Two years of one subject, a subject's 実績値 against its target (`against`: asked so by the turn before), or
    two subjects in one year."""
    if not subjects:
        return None
    s = subjects[0]
    family = a.family or ("budget" if s.kind != "indicator" else "actual")
    if a.family == "budget" and "予算" not in a.normalized and not any(m in s.measures for m in FAMILIES["budget"]):
        family = "actual" if s.kind == "indicator" else family  # (「いくら違う」 of a 売却額: the amount it states)
    measures = family_measures(family, a) if family in FAMILIES else []
    figs = [f for f in s.figures if (series is None or f.series == series) and f.value is not None]
    # (a rate the table prints (執行率, 達成率) is compared as printed, not worked out from its amounts)
    printed = [m for m in _PRINTED_RATES.get(family, ()) if any(f.measure == m for f in figs)]
    measures = printed[:1] or measures
    if series is None and s.series:
        # A breakdown's values in a question that names no category: its total (合計), else no single value
        total = [f for f in figs if f.series in TOTALS]
        figs = total or [f for f in figs if f.series is None] or (figs if len(s.series) == 1 else [])
    label = wording.name
    # The 実績 asked against its target (上回った？), or the 実績 in focus compared with its year's target.
    # 「それって目標に届いてる？」 names no target, but 達成 is only ever of one.
    vs_target = s.kind == "indicator" and (against or re.search(r"達成(?!率|度|手段)|クリア|満た", a.normalized) or (
        re.search(r"目標", a.normalized)
        and re.search(r"実績|上回|下回|届|対して|足りな|不足|オーバー|超え|離れ|目標(?:値)?(?:と|に)(?:比べ|比較)"
                      r"|目標(?:値)?より",  # (「目標より何件多い」)
                      a.normalized)))
    if vs_target:
        year = a.years[0] if a.years else latest_year(s, "actual")
        actual = next((f for f in figs if f.measure == "実績値" and f.fiscal_year == year), None)
        if actual is None and year is not None:  # 「(元年度の実績は)2年度の目標値を上回る？」: the latest before
            actual = max((f for f in figs if f.measure == "実績値" and f.fiscal_year and f.fiscal_year < year),
                         key=lambda f: f.fiscal_year or 0, default=None)
        if actual is None:
            return None
        targets = [f for f in figs if f.measure in TARGETS + ("中期目標値",) and f.series == actual.series]
        # The year's own target, else the nearest one (a 中期 target stands for the years before it); named below.
        target = min(targets, key=lambda f: (f.fiscal_year != year, abs((f.fiscal_year or 0) - (year or 0)),
                                             f.measure == "中期目標値"), default=None)
        if target is None:
            return None
        above = actual.value > target.value  # type: ignore[operator]
        verb = "上回りました" if above else ("下回りました" if actual.value < target.value else "同じでした")  # type: ignore[operator]
        if (grade := sheet_grade(actual)) is not None and target.fiscal_year == actual.fiscal_year:
            verb += f"（シートの判定は「{grade}」）"  # the sheet's own 達成 / ×: it knows the direction and bounds
        elif lower_is_better(s) and actual.value != target.value:  # 排出量 below its target has met it
            verb += "（値が小さいほど良い指標で、目標を" + ("達成" if not above else "未達成") + "）"
        elif actual.value != target.value:  # a later year's target is not missed yet, only not reached
            early = (target.fiscal_year or 0) > (actual.fiscal_year or 0)
            verb += "（目標を達成）" if above else ("（目標年の前で、まだ未達成）" if early else "（目標を未達成）")
        whose = "" if target.fiscal_year == actual.fiscal_year else f"{wording.year(target)}の"
        ratio = wording.ratio_text(actual, target) if not lower_is_better(s) else None
        gap = abs(actual.value - target.value)  # type: ignore[operator]
        gap_text = f"差{wording.value(replace(actual, value=round(gap, 6)))}" if gap else ""
        notes = "、".join(x for x in (gap_text, ratio) if x)
        text = (f"{wording.year(actual)}の「{label(actual)}」は、実績値{wording.value(actual)}が"
                f"{whose}{target.measure}{wording.value(target)}を{verb}" + (f"（{notes}）" if notes else "") + "。"
                f"\n{wording.cite(actual, cat.sheet_label(actual.sheet))}")
        focus = Frame(subject=s, years=[actual.fiscal_year] if actual.fiscal_year else [], against_target=True)
        return Answer(a.question, text, True, [actual, target], [], "comparison", focus, cited=[actual])
    named = all_series_in(a, s)
    if not named and (stated := _stated_pair(a, cat, s)) is not None:
        return stated  # 「遊泳中と釣り中ではどちらが多い」: two things a sentence counts, not two years of the table
    # two series of one subject (一般の部 and 有識者の部, 宿泊費 and 買物代), whatever else the words touched
    if len(named) >= 2 and not any(all_series_in(a, x) for x in subjects[1:]):
        return _compare_series(a, cat, s, named, measures)
    if (named_pair := PAIR_RE.search(a.normalized)) and not all(
            any(_carries(x, w) for x in subjects[:2]) for w in named_pair.groups() if not find_fiscal_years(w)):
        return None  # 「民間事業者からと行政機関等からでは」: two things named that the subjects found are not
    if len(subjects) >= 2:  # two subjects, one year and one measure both have
        first, second = subjects[:2]
        common = [(m, y) for m in measures for y in sorted({f.fiscal_year for f in first.figures if f.fiscal_year},
                                                            reverse=True)
                  if (not a.years or y in a.years) and value_of(first, m, y) and value_of(second, m, y)]
        if not common:
            return None
        m, y = common[0]
        pair = [f for subj in (first, second) if (f := value_of(subj, m, y)) is not None]
        if len({_base(f)[0] for f in pair}) > 1:
            return None  # (16,276人 and 101.2万人 compare as counts; 人 and % not at all)
        big, small = sorted(pair, key=lambda f: _base(f)[1], reverse=True)
        relation = "と同じ値です" if big.value == small.value else f"より大きい値です{_by(big, small)}"
        text = (f"{wording.year(big)}の{m}は、「{label(big)}」が{wording.value(big)}で、"
                f"「{label(small)}」の{wording.value(small)}{relation}。\n\n"
                + table(["", pair[0].measure], [(label(f), wording.value(f)) for f in pair]))
        return Answer(a.question, text, True, pair, [], "comparison", Frame(), cited=pair)
    pairs = measure_pairs(a, cat.era)
    if len(pairs) >= 2:  # 「令和4年度の概算要求額は令和3年度の当初予算額より増えた？」: two kinds of value
        # Both values of one row (a series): the total (合計, 小計) when the question names no row.
        rows = sorted(dict.fromkeys(f.series for f in figs), key=lambda x: (
            not (x and "合計" in x), not (x and "計" in x), x or ""))
        found: list[Figure | None] = [None, None]
        for row in rows:
            found = [next((f for f in figs if f.series == row and f.measure in FAMILIES.get(fam, [])
                           and f.fiscal_year == y), None) for fam, y in pairs[:2]]
            if None not in found:
                break
        one, other = found[0], found[1]
        if one is None or other is None or (one.measure, one.fiscal_year) == (other.measure, other.fiscal_year):
            return None  # (当初予算 against 補正予算 of a table of 予算額 alone: one value is no pair)
        text = (f"「{label(one)}」の{wording.year(one)}の{one.measure}{wording.value(one)}は、"
                f"{wording.year(other)}の{other.measure}{wording.value(other)}と比べて"
                f"{wording.change_text(other, one)}。\n{wording.cite(one, cat.sheet_label(one.sheet))}")
        return Answer(a.question, text, True, [one, other], [], "comparison", Frame(subject=s), cited=[one])
    years = sorted(a.years)
    if len(years) == 1 and a.year_offset:
        years = sorted([years[0], years[0] + a.year_offset])
    elif not years:
        latest = latest_year(s, family)
        years = [latest - 1, latest] if latest else []
    if len(years) < 2:
        return None
    old, new = (next((f for m in measures for f in figs if f.measure == m and f.fiscal_year == y), None)
                for y in (years[0], years[-1]))
    if old is None and new is not None and new.measure == "実績値":
        # (「平成30年と比べると」 where that year's value is the indicator's 初期値: the value measured then)
        old = next((f for f in figs if f.measure in BASELINES and f.fiscal_year == years[0]), None)
    if old is None or new is None or old.measure != new.measure and old.measure not in BASELINES:
        return None
    western = bool(re.search(r"(?:19|20)\d{2}年", a.normalized))  # the question's own calendar, echoed

    def when(f: Figure) -> str:
        return wording.year(f) + (f"（{f.fiscal_year}年度）" if western and f.fiscal_year else "")

    which = ""
    if re.search(r"どちら|どっち", a.normalized) and old.value != new.value:  # 「どっちが上？」: say which
        more = max((old, new), key=lambda f: f.value or 0)
        which = f"{'高い' if more.unit in ('%', '％') else '多い'}のは{when(more)}です。"
    said_as = f"（{old.measure}）" if old.measure != new.measure else ""
    text = (f"「{label(new)}」の{new.measure}は、{when(new)}が{wording.value(new)}、"
            f"{when(old)}{said_as}が{wording.value(old)}で、{wording.change_text(old, new)}。{which}"
            f"\n{wording.cite(new, cat.sheet_label(new.sheet))}")
    return Answer(a.question, text, True, [*amount_first(a, old, new), new, old], [], "comparison",
                  Frame(subject=s, years=[new.fiscal_year or 0]), cited=[new])
