"""Wording: how answers write values, years, names, citations, computed ratios and refusals.

Every sentence an answer is made of is written here, so that an answer never states a number that is
not a figure, a labelled computation, a quote or a citation.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from .figure import Figure, format_value
from .fiscal_year import to_label
from .search import Hit

EMPTY_QUESTION = "質問が空です。知りたい指標・予算と年度を入力してください。"
OPINION = ("評価や意見はお答えできません。お答えできるのはシートに書かれていることだけです"
           "（シート自身の評価は「目標達成度合いの測定結果」や「評価結果」などの記述をお尋ねください）。")
NO_PASSAGE = "シートの中に、ご質問に答える記述が見当たりません。"
NO_SUBJECT = "ご質問に当たる指標・予算は、索引にあるシートに見当たりません。"
WHICH_MEANS = "どの施策の達成手段を合計するのか分かりません。施策名を添えてください。"
NO_RANKING = "ご質問の順位を付けられる、同じ単位でそろった値の表がシートに見当たりません。"
# Ratios the answers compute: (numerator measure, denominator measures, name of the ratio). 当初予算(a) is a
# denominator only when asked for a rate and the table has no total: next to a 合計 it would mislead.
RATIOS = [
    ("実績値", ("年度目標値", "目標値"), "達成率"),
    ("執行額", ("予算額計", "合計(a+b+c)", "合計", "予算額"), "執行率"),
]
FALLBACK_BASES = {"執行率": ("当初予算(a)",)}


def rate_parts(rate: str) -> tuple[str, tuple[str, ...]]:
    """The numerator and the denominators a rate is worked out from: 「執行率」 → (執行額, (予算額計, …))."""
    return next((num, bases) for num, bases, name in RATIOS if name == rate)


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A small Markdown table (the UI renders it; the CLI prints it as is)."""
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def value(f: Figure) -> str:
    """「3回」「598,665千円」「△14百万円」「70%」, or 「記載なし」."""
    return format_value(f)


def year(f: Figure) -> str:
    """「令和2年度」, 「令和4年」 for a calendar year as the sheet writes it, or the label as written when the year
    is unknown."""
    if f.fiscal_year and f.year_label and re.fullmatch(r"(?:令和|平成)(?:\d{1,2}|元)年", f.year_label):
        return f.year_label
    return to_label(f.fiscal_year) if f.fiscal_year else (f.year_label or "年度不明")


def name(f: Figure) -> str:
    """「対日世論調査…（一般の部）」: the subject with its series."""
    return f"{f.subject}（{f.series}）" if f.series else f.subject


def cite(f: Figure, sheet_label: str) -> str:
    """「出典: 北米地域外交（mofa-…） › 個別分野1 … › 測定指標1-4 …［183行目］」; from a PDF 「［p.3、183行目］」,
    from Excel the cell 「［事前分析表!F12］」."""
    where = f.cell if f.cell else (f"p.{f.page}、" if f.page else "") + f"{f.line}行目"
    return f"出典: {sheet_label} › {' › '.join(f.section)}［{where}］"


def cite_hit(h: Hit, sheet_label: str) -> str:
    page = f"p.{h.page}、" if h.page else ""
    return f"出典: {sheet_label} › {h.breadcrumb}［{page}{h.first_line}〜{h.last_line}行目］"


def ratio_of(f: Figure, c: Figure, fallback: bool = False) -> tuple[str, float, Figure, Figure] | None:
    """The computed ratio of a pair (either order): (name, percent, numerator, denominator), or None when the
    pair has no ratio or a value is missing or zero. Percent-valued pairs have a ratio too; callers decide."""
    for num, dens, label in RATIOS:
        bases = dens + (FALLBACK_BASES.get(label, ()) if fallback else ())
        for a, b in ((f, c), (c, f)):
            if a.measure == num and b.measure in bases and isinstance(a.value, (int, float)) \
                    and isinstance(b.value, (int, float)) and b.value:
                return label, 100 * a.value / b.value, a, b
    return None


def ratio_text(f: Figure, c: Figure, fallback: bool = False) -> str | None:
    """「達成率約43%（実績値÷年度目標値、計算値）」; None for values already in percent (a rate of rates misleads)."""
    r = ratio_of(f, c, fallback)
    if r is None or f.unit == "%" or c.unit == "%":
        return None
    label, pct, a, b = r
    return f"{label}約{round(pct)}%（{a.measure}÷{b.measure}、計算値）"


def rate_answer(asked: str, f: Figure, base: Figure) -> tuple[str, bool]:
    """The sentence for 「…の達成率／執行率は？」 and whether a rate was given.

    Values in percent are not divided (70% of a target of 84% is not a rate the sheet means): both values
    are stated and the answer says the rate was not computed.
    """
    head = f"{year(f)}の「{name(f)}」"
    values = f"{f.measure}{value(f)}、{base.measure}{value(base)}"
    text = ratio_text(f, base, fallback=True)
    if text is None:
        return (f"{head}の{asked}はシートに記載がなく、値が%で示されているため計算していません。"
                f"{values}です。"), False
    return f"{head}の{text.split('（')[0]}です（{values}から計算）。", True


def no_base(asked: str, subject: str, f: Figure) -> str:
    return f"{year(f)}の「{subject}」の{asked}は、分母になる値がシートにないため計算できません。"


def empty_cell(f: Figure) -> str:
    return f"{year(f)}の「{name(f)}」の{f.measure}は、シートに値が記載されていません（欄は「{f.raw or '空欄'}」）。"


def no_cause(name: str) -> str:
    """A 達成手段 named whose sheet gives no cause for how its execution went."""
    return f"「{name}」の執行状況について理由を述べた記述は、シートに見当たりません。"


def unknown_nouns(missing: Sequence[str], near: Sequence[str] = ()) -> str:
    text = "、".join(f"「{m}」" for m in missing) + "についての記載は、索引にあるシートにはありません。"
    return text + near_text(near)


def group_unknown(missing: Sequence[str], where: str) -> str:
    """The sheet a question over many figures was led to does not say what names the group asked."""
    return (f"{where}には" + "、".join(f"「{m}」" for m in missing) + "の記載がなく、ご質問の対象がどの施策の"
            "ものか分かりません。施策名を添えてください。")


def not_distinguished(qualifiers: Sequence[str], subject: str, near: Sequence[str] = ()) -> str:
    """A qualifier the sheets mention, but no table counts by (「歩行中の負傷者数」 against all injured)."""
    words = "、".join(f"「{q}」" for q in qualifiers)
    return (f"{words}に限った値は、シートの表にありません（「{subject}」は{words}を区別しない値です）。"
            + near_text(near))


def not_as_before(state: str, subject: str) -> str:
    """「修正前は？」 of a table that prints the values as they are now, with no sentence stating the earlier one."""
    return f"「{subject}」の表の値は今の値で、{state}の値はシートの表にも本文にも見当たりません。"


def other_unit(subject: str, units: Sequence[str], counter: str) -> str:
    return (f"「{subject}」の値は{'・'.join(units)}で数えるもので、ご質問の「{counter}」で数える値はシートの表に"
            "見当たりません。")


def no_subject(near: Sequence[str]) -> str:
    return NO_SUBJECT + near_text(near)


def near_text(near: Sequence[str]) -> str:
    return ("近いものとしては" + "、".join(f"「{n}」" for n in near) + "があります。") if near else ""


def unknown_owner(asked: str) -> str:
    return f"ご質問の{asked}がどの指標・予算のものか分かりません。指標名や事業名を添えてください。"


def missing_measure(subject: str, asked: str, fiscal_year: int | None, figures: Sequence[Figure]) -> str:
    """「…の令和5年度の実績値は、シートにありません。シートにあるのは令和2年度（年度目標値・実績値）…です。」."""
    have: dict[int, list[str]] = defaultdict(list)
    for f in figures:
        if f.fiscal_year is not None:
            have[f.fiscal_year].append(f.measure)
    avail = "、".join(f"{to_label(y)}（{'・'.join(dict.fromkeys(ms))}）" for y, ms in sorted(have.items()))
    when = f"{to_label(fiscal_year)}の" if fiscal_year else ""
    text = f"「{subject}」の{when}{asked}は、シートにありません。"
    return text + (f"シートにあるのは{avail}です。" if avail else "")


def disagreement(kept: Figure, other: Figure, other_label: str) -> str:
    """「国際交流の推進（mext-r1-…）では令和元年度の実績値は312,214人と記載されています。新しいシートの値を示しました」."""
    change = ""
    if isinstance(kept.value, (int, float)) and isinstance(other.value, (int, float)) and kept.unit == other.unit:
        diff = kept.value - other.value
        amount = value(replace(kept, value=abs(round(diff, 6))))
        change = f"（新しいシートの値はこれより{amount}{'増加' if diff > 0 else '減少'}）" if diff else ""
    return (f"{other_label}では{year(other)}の{other.measure}は{value(other)}と記載されています{change}。"
            f"新しいシートの値を示しました")


def other_sheets(labels: Sequence[str]) -> str:
    return "他のシートにも同じ表・指標があります: " + "、".join(labels) + "。シート名を添えると絞り込めます。"


def undistinguished(names: Sequence[str]) -> str:
    listed = "、".join(f"「{n}」" for n in names)
    return f"ご質問の言葉はどれにも当てはまります: {listed}。それぞれの値を示します。"


def unsummed(names: Sequence[str], missing: Sequence[str]) -> str:
    """A sum of named things that cannot be computed: some has no value of the same kind, unit and year."""
    what = "と".join(f"「{n}」" for n in names)
    lacking = "、".join(f"「{n}」" for n in missing)
    return (f"{what}の合計は計算できません。" + (f"{lacking}の値がシートに見当たりません。" if missing
                                                else "それぞれの値が同じ年度・単位・種類でそろいません。"))


def equal_fits(names: Sequence[str]) -> str:
    listed = "、".join(f"「{n}」" for n in names)
    return f"同程度に当てはまる指標: {listed}。別の指標でしたら名前を添えてください。"


def with_notes(text: str, notes: Sequence[str]) -> str:
    """Notes go before the citation line, so that the citation stays last."""
    if not notes:
        return text
    extra = "".join(f"（{n}）" for n in notes)
    body, sep, cite_line = text.rpartition("\n出典: ")
    return (body + extra + sep + cite_line) if sep else text + extra


def _decimals(v: float | int) -> int:
    return 0 if isinstance(v, int) or float(v).is_integer() else len(repr(float(v)).split(".")[1])


def change_text(old: Figure, new: Figure) -> str:
    """「84百万円減りました（約12.9%減、計算値）」."""
    assert old.value is not None and new.value is not None
    diff = new.value - old.value
    if diff == 0:
        return "同じです"
    unit = new.unit or ""
    decimals = max(_decimals(old.value), _decimals(new.value))
    amount = f"{abs(diff):,.{decimals}f}"
    if unit == "%":  # a change of percentages is in points, and a rate of it would mislead
        verb, noun = ("上がりました", "上昇") if diff > 0 else ("下がりました", "低下")
        return f"{amount}ポイント{verb}（{noun}、計算値）"
    rate = f"、約{abs(diff) / abs(old.value) * 100:.1f}%{'増' if diff > 0 else '減'}" if old.value else ""
    verb, noun = ("増えました", "増加") if diff > 0 else ("減りました", "減少")
    return f"{amount}{unit}{verb}（{noun}{rate}、計算値）"


def span_text(fs: list[Figure]) -> str:
    """「令和2年から令和5年にかけて毎年減り、156隻減りました（減少、約8.0%減、計算値）」: a series' first year to its
    last, and whether every step went the same way."""
    steps = [b.value - a.value for a, b in zip(fs, fs[1:]) if a.value is not None and b.value is not None]
    if steps and not any(steps):
        return f"{year(fs[0])}から{year(fs[-1])}まで変わらず、横ばいです（{value(fs[0])}）"
    way = "毎年増え、" if steps and all(d > 0 for d in steps) else "毎年減り、" if steps and all(d < 0 for d in steps) \
        else "増減を経て、" if len(steps) > 1 else ""
    return f"{year(fs[0])}から{year(fs[-1])}にかけて{way}{change_text(fs[0], fs[-1])}"


def english_year(f: Figure) -> str:
    """「FY2020 (令和2年度)」."""
    return f"FY{f.fiscal_year} ({year(f)})" if f.fiscal_year else (f.year_label or "year not stated")
