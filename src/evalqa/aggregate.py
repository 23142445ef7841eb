"""Questions over many figures: counts, rankings, related 達成手段 (comparisons: comparisons; targets met or
missed: targets).

Each answer is a sentence plus a small table or list; the figures it used are in `figures`, in the order the
answer states them (counts and related 達成手段 state no figure); `kind` names the operation. Computed values
(rates, differences) are labelled 計算値.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from . import wording
from .answer import Answer, Frame, refusal
from .breakdown import TOTALS
from .direction import lower_is_better
from .figure import Figure
from .fiscal_year import to_label
from .normalize import nfkc
from .question import FAMILIES, FAMILY_LABEL, QuestionAnalysis
from .scope import Scope, indicator_number, resolve_scope, scope_label
from .search import Hit
from .stated_series import stated_breakdown
from .subject import Subject, series_in, unit_word
from .subjects import SubjectCatalogue
from .wording import rate_parts, table

# What is counted: the last of these nouns before the counting words (「個別分野1の測定指標はいくつ」 counts 指標).
_MEANS = r"達成手段|事業(?![者所主体])"  # (事業者 are who is counted, not 事業 of the sheet)
_COUNTED_RE = re.compile(r"(参考指標|測定指標|業績指標|成果指標|達成手段|事業|個別分野|指標)"
                         r"(?=[、，]?[^、。]{0,14}?(?:いくつ|幾つ|何件|何個|何本|何項目|何つ|の数|数は|全部で|合計))")
# Listing them: 「個別分野を挙げて」「達成手段の一覧」.
_LISTED_RE = re.compile(r"(参考指標|測定指標|業績指標|成果指標|達成手段|個別分野|指標)"
                        r"(?=[^、。]{0,4}?(?:挙げ|列挙|一覧|すべて|全て|を全部|何と何|何がある|どんなものがある))"
                        r"|(?:いくつ|何件|何個|何本|何項目|何つ)の(参考指標|測定指標|業績指標|成果指標|達成手段|個別分野|指標)"
                        r"|(参考指標|測定指標|業績指標|成果指標|達成手段|指標)のうち[^。]{0,40}?(?:全部|すべて|全て|いくつ|何件|何個)"
                        r"|主要[^、。]{0,12}(参考指標|測定指標|業績指標|成果指標|指標)")
# 「低いほど良い指標」: only the indicators that are better when lower (or higher).
_DIRECTION_RE = re.compile(r"(小さい|低い|少ない|大きい|高い|多い)ほど(?:良い|よい|良好|望ましい|目標に近づく)")
# What the question leaves out of the count: 「（参考指標を除く）」「参考指標以外の」.
_EXCLUDED_RES = [re.compile(r"[（(][^（）()]*(?:除く|除いた|除き|除いて|以外)[^（）()]*[）)]"),
                 re.compile(r"(?:参考指標|測定指標|達成手段|個別分野|指標|事業)\s?(?:を除く|を除いた|を除き|を除いて|以外の)")]
_MAIN_RE = re.compile(r"主要|[*＊]")
# 「記載されていない」「（「－」のもの）」: a value the table leaves blank
_UNSET_RE = re.compile(r"(?:計上|記載|設定)されていない|(?:計上|記載)がない|[「『][-―－ー‐][」』]")
# 「業種別」「地域別」: a breakdown asked for (not 個別, 特別, 年度別: those are other words)
_BY_RE = re.compile(r"(?<![\u4e00-\u9fff・])([\u4e00-\u9fff・]{1,6})(?<![個特区差年度])別")
_COUNT_WHAT = {"参考指標": ("reference", "参考指標"), "測定指標": ("indicator", "測定指標"),
               "業績指標": ("indicator", "測定指標"), "成果指標": ("indicator", "測定指標"),
               "指標": ("indicator", "測定指標"), "達成手段": ("means", "達成手段"), "事業": ("means", "達成手段"),
               "個別分野": ("field", "個別分野")}


@dataclass
class Item:
    """One row of a ranking or comparison: a label, the value ranked, and the figures behind it."""

    label: str
    value: float
    shown: str
    figures: list[Figure]


def label_of(s: Subject, series: str | None = None) -> str:
    number = indicator_number(s)
    name = f"{s.name}（{series}）" if series else s.name
    return f"{number} {name}" if number and s.kind == "indicator" else name


# --- count and related ---------------------------------------------------------------------------
_REFERENCE_RE = re.compile(r"^(?:[(（【]参考|参考指標|参考表)")  # 「（参考指標）…」「参考指標2　…」


def count(a: QuestionAnalysis, scope: Scope, cat: SubjectCatalogue) -> Answer | None:
    """How many 測定指標 / 参考指標 / 達成手段 / 個別分野 (and which): from the sheet's outline, so that 定性的指標
    without figures count too. 「（参考指標を除く）」 is not what is counted; 「主要な」「*」 keeps the starred ones."""
    asked = a.normalized
    for excluded in _EXCLUDED_RES:
        asked = excluded.sub("", asked)
    nouns = _COUNTED_RE.findall(asked) or [x for pair in _LISTED_RE.findall(asked) for x in pair if x] or (
        ["測定指標"] if _DIRECTION_RE.search(asked) else [])  # 「値が低いほど望ましいのは？」: indicators
    if not nouns:
        return None
    kind, label = _COUNT_WHAT[nouns[-1]]
    main = kind == "indicator" and bool(_MAIN_RE.search(asked))
    names: list[str] = []
    for sid in scope.sheets:
        outline = cat.sheet_meta[sid].get("outline") or {}
        if kind in ("indicator", "reference"):
            listed = [f"{i['number'] or ''} {i['name']}".strip() for i in outline.get("indicators", [])
                      if i["kind"] == kind and (scope.field_number is None or i["field"] == scope.field_number)
                      and (i.get("main") or not main)]
            if not listed and not any(i["kind"] == kind for i in outline.get("indicators", [])):
                # A form whose outline does not mark its indicators (業績指標①…): the indicators with figures,
                # 「（参考指標）…」 rows apart, 【主要】 ones when the main ones are asked.
                # (a breakdown table's categories, 県別 or 国・地域別, are not indicators of their own)
                # (a table under a heading 「■参考表 …」 holds reference figures, whatever its rows are named)
                listed = [n for n, ref in dict.fromkeys(
                              (s.name, any(_REFERENCE_RE.match(re.sub(r"^[■□◆◇\s]*(?:\d{1,2}\s*[．.、]\s*)?", "", p))
                                           for p in s.section))
                              for s in cat.subjects if s.sheet == sid and s.kind == "indicator" and scope.holds(s)
                              and not all(f.series for f in s.figures))
                          if (bool(_REFERENCE_RE.match(n)) or ref) == (kind == "reference")
                          and (not main or bool(_MAIN_RE.search(n)))]
            names += listed
        elif kind == "field":
            names += [f["title"] for f in outline.get("fields", [])]
        else:
            names += list(dict.fromkeys(s.name for s in cat.subjects if s.table == "達成手段" and s.sheet == sid
                                        and scope.holds(s)))
    if kind == "means" and a.family and len(a.years) == 1 and _UNSET_RE.search(asked):
        # 「R6年度の当初予算が記載されていないもの」: the means without that year's value
        held = {s.name for s in cat.subjects if s.sheet in scope.sheets and any(
            f.measure in FAMILIES.get(a.family, []) and f.fiscal_year == a.years[0] and f.value is not None
            for f in s.figures)}
        names = [n for n in names if n not in held]
        label = f"{to_label(a.years[0])}の{FAMILY_LABEL.get(a.family, '値')}がない{label}"
    if kind == "indicator" and (d := _DIRECTION_RE.search(asked)):
        lower = d.group(1) in ("小さい", "低い", "少ない")
        ways = {s.name: lower_is_better(s) for s in cat.subjects if s.sheet in scope.sheets and s.kind == "indicator"}
        names = [n for n in names if ways.get(_bare_name(n)) is lower]
        label = f"値が{d.group(1)}ほど良い{label}"
    where = scope_label(scope, cat)
    if main:
        label = f"主要な{label}（シートが「主要」「*」と印したもの）"
    if not names:
        return refusal(a.question, f"{where}に{label}の記載は見当たりません。")
    text = f"{where}の{label}は{len(names)}件です。\n" + "\n".join(f"- {n}" for n in names)
    return Answer(a.question, text, True, [], [], "count", Frame())


def _bare_name(listed: str) -> str:
    """「1 交通事故死者数…」 (an outline's number and name) → its name."""
    return re.sub(r"^\S+\s+", "", listed) if re.match(r"^[\dIVXⅠ-Ⅹ\-－]+\s", listed) else listed


def related_means(a: QuestionAnalysis, scope: Scope, cat: SubjectCatalogue, best: Subject | None,
                  sheets: Sequence[str] = ()) -> Answer | None:
    """達成手段 whose 関連する測定指標 column names the indicator(s) asked about, in the first of `sheets` (the
    sheets in the order the question fits them) that has any."""
    numbers = scope.indicators or re.findall(r"(?:測定指標|指標)\s*(\d{1,2})(?![\d-])", a.normalized) or (
        [n] if best is not None and (n := indicator_number(best)) else [])
    if not numbers:
        return None
    found: dict[str, Subject] = {}
    for sheet in list(dict.fromkeys([*scope.sheets, *sheets])):
        for s in cat.subjects:
            if s.table != "達成手段" or s.sheet != sheet or not s.figures:
                continue
            # The column's own value only: the note goes on with other columns (「、備考: 令和4年度から」).
            note = re.split(r"、[^、:]+: ", (s.figures[0].note or "").partition("関連する測定指標:")[2])[0]
            # 「1-1、1-2」, or 「1、4」 (「３、４」) in forms that number plainly
            related = re.findall(r"\d+(?:-\d+)?", nfkc(note))
            if set(numbers) & set(related):
                found.setdefault(s.name, s)
        if found or a.sheets or (best is not None and sheet == best.sheet):
            break  # (the sheet of the indicator named answers alone)
    asked = "・".join(f"測定指標{n}" for n in numbers)
    if not found:
        return refusal(a.question, f"{asked}に関連する達成手段は、シートの「関連する測定指標」欄に見当たりません。")
    # The seed's notes open with the means' full name (番号 and all); other forms' notes hold only the columns.
    lines = [f"- {n if (n := (s.figures[0].note or '').split('　')[0]) and ':' not in n else s.name}"
             for s in found.values()]
    first = next(iter(found.values()))
    text = (f"{asked}に関連する達成手段は{len(found)}件です（達成手段表の「関連する測定指標」欄による）。\n"
            + "\n".join(lines) + "\n" + wording.cite(first.figures[0], cat.sheet_label(first.sheet)))
    return Answer(a.question, text, True, [], [], "list", Frame(), cited=[first.figures[0]])


# --- rankings ------------------------------------------------------------------------------------
def _measure_value(s: Subject, family: str, year: int | None, series: str | None = None) -> Item | None:
    """The value a ranking compares for one subject: a rate (computed) or the family's first measure."""
    def pick(measures: Sequence[str]) -> Figure | None:
        return next((f for m in measures for f in s.figures if f.measure == m and f.fiscal_year == year
                     and f.value is not None and (series is None or f.series == series)), None)
    if family in ("execution_rate", "achievement_rate"):
        stated = pick(["執行率"] if family == "execution_rate" else ["達成率"])
        if stated is not None and stated.value is not None:  # the sheet's own rate (「執行率（％）」 column)
            return Item(label_of(s, series), float(stated.value), wording.value(stated), [stated])
        if family == "achievement_rate" and lower_is_better(s):
            return None  # (実績÷目標 of a count better lower is no achievement: 127% of a ceiling is a miss)
        numerator, bases = rate_parts("執行率" if family == "execution_rate" else "達成率")
        num, base = pick([numerator]), pick(bases)
        if num is None or base is None or not base.value or wording.ratio_text(num, base) is None:
            return None
        pct = 100 * num.value / base.value  # type: ignore[operator]
        shown = f"約{pct:.1f}%（{num.measure}{wording.value(num)}÷{base.measure}{wording.value(base)}、計算値）"
        # (the rate ranked is a figure too, worked out: its measure says so, its raw the division)
        rate = replace(num, measure=f"{'執行率' if family == 'execution_rate' else '達成率'}（計算値）",
                       value=round(pct, 1), unit="%", raw=f"{num.raw} ÷ {base.raw}")
        return Item(label_of(s, series), pct, shown, [rate, num, base])
    f = pick(FAMILIES[family])
    return Item(label_of(s, series), float(f.value), wording.value(f), [f]) if f and f.value is not None else None


def asks_year(a: QuestionAnalysis) -> bool:
    """「…が最大だった年度は？」: the answer is a year, not a subject."""
    return bool(re.search(r"年度は|どの年度|いつ|何年度|何年(?!前|後|間|目)", a.normalized))


def candidates(a: QuestionAnalysis, scope: Scope, cat: SubjectCatalogue, best: Subject | None, family: str
               ) -> tuple[list[Item], str, int | None] | Answer:
    """What a question over many values weighs, each with its value of the family (the rows of a breakdown, the
    years of one subject, or the 達成手段 or 測定指標 in scope), what they are (区分, 年度 …) and the year; or a
    refusal saying why there are none."""
    items: list[Item] = []
    year: int | None = a.years[0] if len(a.years) == 1 else None
    if (by := _BY_RE.search(a.normalized)) and not any(
            by.group(0) in s.name or by.group(1) in s.name or by.group(0) in (s.table or "")
            for s in cat.subjects if scope.holds(s)):
        # (a sentence may state it: 「業種別では、建設業が283人と最も多く、次いで製造業が140人…」)
        rows = stated_breakdown(by.group(0), [f for f in cat.facts if f.sheet in scope.sheets], a.years)
        if not rows:
            return refusal(a.question, f"「{by.group(0)}」の内訳は、{scope_label(scope, cat)}の表にありません。")
        items, what, year = [Item(f.subject, float(f.value or 0), wording.value(f), [f]) for f in rows], "区分", None
    elif asks_year(a) and best is not None:  # 「執行額が最も多かった年度は？」: the years of one subject
        years = a.years or sorted({f.fiscal_year for f in best.figures if f.fiscal_year})
        series = series_in(a, best) or (best.series[0] if best.series else None)
        for y in years:
            if (it := _measure_value(best, family, y, series)) is not None:
                items.append(Item(to_label(y), it.value, it.shown, it.figures))
        what, year = "年度", None
    elif best is not None and best.series and not re.search(rf"{_MEANS}|指標", a.normalized):
        year = year or latest_year(best, family)
        # (the rows of a breakdown, not its total (「合計（海面漁業）」) or a subtotal (「典型7公害計」) nor what it
        # leaves unnamed (その他, 不明, 「…以外」): they are no category)
        items = [it for ser in best.series if ser and re.sub(r"[(（].*$", "", ser) not in TOTALS
                 and not re.search(r"^(?:その他|不明)|以外|(?<!会)計$", re.sub(r"[(（].*$", "", ser))
                 and (it := _measure_value(best, family, year, ser)) is not None]
        what = "区分"
    else:
        kind = "means" if family in ("execution_rate", "execution", "budget", "initial_budget") \
            or re.search(_MEANS, a.normalized) else "indicator"
        # (each with the years of its 施策's other sheets: a rate stated only in last year's sheet)
        pool = [cat.stitched(s)[0] for s in cat.subjects if s.kind == kind and scope.holds(s)]
        year = year or max((ly for s in pool if (ly := latest_year(s, family))), default=None)
        series_of: list[list[str | None]] = [list(s.series) or [None] for s in pool]
        items = [it for s, sers in zip(pool, series_of, strict=True) for ser in sers
                 if (it := _measure_value(s, family, year, ser)) is not None]
        # One means in two years' sheets of a 施策: once, by the sheet's own stated rate where one states it.
        by_label: dict[str, Item] = {}
        for it in items:
            if it.label not in by_label or (len(it.figures) == 1 < len(by_label[it.label].figures)):
                by_label[it.label] = it
        items = list(by_label.values())
        what = "達成手段" if kind == "means" else "測定指標"
    return items, what, year


def ranking(a: QuestionAnalysis, scope: Scope, cat: SubjectCatalogue, best: Subject | None) -> Answer | None:
    # 「業種別に見ると最も多いのは？」 ranks the rows of a breakdown: when no table in scope is split so, the
    # indicators themselves are not what is ranked.
    family = a.family or ("budget" if re.search(rf"予算|{_MEANS}", a.normalized) else "actual")
    got = candidates(a, scope, cat, best, family)
    if isinstance(got, Answer):
        return got
    items, what, year = got
    # Values in different units do not rank against each other (96% is not more than 9回).
    rated = family in ("execution_rate", "achievement_rate")
    units = set() if rated else {unit_word(it.figures[0]) for it in items}
    if len(items) < 2 or len(units) > 1:
        return None
    items.sort(key=lambda it: it.value, reverse=not a.lowest)
    # 「3番目に多い」: the n-th of the distinct values
    nth = int(m.group(1)) if (m := re.search(r"(\d)番目", a.normalized)) else 1
    values = list(dict.fromkeys(it.value for it in items))
    if nth > len(values):
        return None
    top = [it for it in items if it.value == values[nth - 1]]
    metric = FAMILY_LABEL[family]
    when = f"{to_label(year)}の" if year else ""
    names = "、".join(f"「{it.label}」" for it in top)
    place = "最も" if nth == 1 else f"{nth}番目に"
    text = (f"{when}{metric}が{place}{'低い' if a.lowest else '高い'}{what}は{names}で、{top[0].shown}です"
            f"（{len(items)}件を比べました）。\n\n"
            + table([what, metric], [(it.label, it.shown) for it in items]))
    figures = [f for it in top for f in it.figures] + [f for it in items if it not in top for f in it.figures]
    # (a breakdown's top row is the next turn's subject: 「その構成比は？」)
    frame = Frame(subject=best, years=[year] if year else [], series=top[0].figures[0].series) \
        if what == "区分" else Frame()
    return Answer(a.question, text, True, figures, [], "ranking", frame, cited=top[0].figures[:1])


def value_of(s: Subject, measure: str, year: int | None) -> Figure | None:
    return next((f for f in s.figures if f.measure == measure and f.fiscal_year == year and f.value is not None), None)


def latest_year(s: Subject, family: str) -> int | None:
    years = [f.fiscal_year for f in s.figures if f.measure in FAMILIES[family] and f.value is not None
             and f.fiscal_year is not None]
    return max(years) if years else None


# 「達成手段4事業の…を合計すると」「①〜⑤の執行額を全部足すと」 'the six means … in total': every 達成手段 of the sheet
_ALL_MEANS_RE = re.compile(r"達成手段|\d+(?:つの)?事業|[①-⑳][~〜～ー－-][①-⑳]|(?:全て|全部|すべて)の事業")


def means_sum(a: QuestionAnalysis, cat: SubjectCatalogue, hits: Sequence[Hit], focus: Sequence[str]) -> Answer | None:
    """The money of one year of every 達成手段 of one 施策, added up (「達成手段4事業の令和5年度執行額の合計」);
    None when the question asks no sum of means; a refusal when no one 施策 in scope has them (as many as it
    says) with that value: one means' figure would be a wrong answer."""
    family = a.family
    if family == "total":  # 「予算額を合計すると」: the sum asked is of the kind named before it
        family = "budget" if "予算" in a.normalized else "execution" if "執行" in a.normalized else None
    if family not in ("budget", "initial_budget", "execution") or not _ALL_MEANS_RE.search(a.normalized):
        return None
    # (of the sheets named, or of the sheet in focus: another sheet's means added up would be a wrong number)
    within = list(a.sheets) or list(focus)
    scope = resolve_scope(a, cat, hits, cat.rank(a, hits, None))
    scope = replace(scope, sheets=[sid for sid in scope.sheets if sid in within] or within)
    if not scope.sheets:
        return refusal(a.question, wording.WHICH_MEANS)
    said = _said_count(a)
    found = []
    for title in dict.fromkeys(cat.policy_titles.get(sid) for sid in scope.sheets):
        sheet = max((sid for sid in scope.sheets if cat.policy_titles.get(sid) == title),
                    key=lambda sid: cat.sheet_years.get(sid) or 0)  # (the newest of the 施策's sheets)
        pool = [s for s in cat.subjects if s.kind == "means" and s.sheet == sheet and scope.holds(s)]
        year = a.years[0] if len(a.years) == 1 else max(
            (y for s in pool if (y := latest_year(s, family))), default=None)
        items = [it for s in pool if (it := _measure_value(s, family, year)) is not None]
        if len(items) >= 2 and len({unit_word(it.figures[0]) for it in items}) == 1 and year is not None \
                and said in (None, len(items)):  # (「4事業」 said and 5 read: not the set asked)
            found.append((sheet, year, items))
    if len(found) != 1:  # (「中労委の」 names two 施策: the one whose means have the year's values)
        counted = f"（{said}件とのことですが、そろう数が合いません）" if said else ""
        return refusal(a.question,
                       f"ご質問の達成手段の{FAMILY_LABEL[family]}を、一つの施策の表でそろえられません{counted}。")
    sheet, year, items = found[0]
    total = sum(it.value for it in items)
    first = items[0].figures[0]
    shown = wording.value(replace(first, value=int(total) if float(total).is_integer() else round(total, 3)))
    metric = FAMILY_LABEL[family]
    text = (f"{to_label(year)}の達成手段{len(items)}件の{metric}を合計すると{shown}です（計算値）。\n\n"
            + table(["達成手段", metric], [*((it.label, it.shown) for it in items), ("合計（計算値）", shown)])
            + f"\n{wording.cite(first, cat.sheet_label(sheet))}")
    figures = [f for it in items for f in it.figures]
    return Answer(a.question, text, True, figures, [], "sum", Frame(), cited=figures)


_NUMBER_WORDS = {w: i for i, w in enumerate(["one", "two", "three", "four", "five", "six", "seven", "eight",
                                              "nine", "ten", "eleven", "twelve"], 1)}


def _said_count(a: QuestionAnalysis) -> int | None:
    """How many means the question says it adds: 「4事業」「7つ」「①〜⑤」 'the six means', else None."""
    if m := re.search(r"([①-⑳])[~〜～ー－-]([①-⑳])", a.normalized):
        return ord(m.group(2)) - ord(m.group(1)) + 1
    if m := re.search(r"(\d{1,2})(?:つ|件|本)?(?:の)?(?:事業|達成手段)|(?:達成手段|事業)(\d{1,2})(?:つ|件|本|事業)",
                      a.normalized):
        return int(m.group(1) or m.group(2))
    if m := re.search(r"\b(" + "|".join(_NUMBER_WORDS) + r")\s+(?:means|measures|programs|programmes|projects)\b",
                      a.question.lower()):
        return _NUMBER_WORDS[m.group(1)]
    return None
