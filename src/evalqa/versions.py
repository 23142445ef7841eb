"""One value as two sheets of a 施策 write it: last year's sheet and next year's revision of it (「前年度の評価書と
今回でどっちが大きい？」, 'the original or the revised figure'): both, each named by its sheet, and their difference."""
from __future__ import annotations

import re
from dataclasses import replace

from . import wording
from .answer import Answer, Frame
from .figure import Figure
from .fiscal_year import to_label
from .question import FAMILIES, QuestionAnalysis
from .subjects import SubjectCatalogue

# The earlier writing of a value named: 「前年度の評価書では」「最初は…で報告」 'the original / revised figure'
_VERSIONS_RE = re.compile(
    r"(?:前年度|前回|前の年度?|昨年度?|去年|以前|一年前|1年前)の?(?:評価書|事前分析表|分析表|調書|シート|資料|個票|版)"
    r"|(?:最初|当初|もともと|(?<![和成])元)(?:は|の値|の数字)?[^、。]{0,12}(?:直|修正|訂正|改|変わ|報告)"
    r"|\b(?:original(?:ly)?|revised|revision|previous (?:report|sheet|evaluation))\b"
    # 「令和4年度版と令和5年度版では」: two documents of the 施策, each named by its year
    r"|(?:令和|平成|R|H)?\s*(?:\d{1,4}|元)\s*年度?版[^。?？]{0,20}?(?:令和|平成|R|H)?\s*(?:\d{1,4}|元)\s*年度?版", re.I)


def names_editions(a: QuestionAnalysis) -> bool:
    """Does the question speak of documents (版, 評価書, シート …), not only of a value's first and revised
    writings?"""
    return bool(re.search(r"版|評価書|評価シート|シート|調書|分析表|個票|report|sheet|edition", a.question, re.I))


def asks_versions(a: QuestionAnalysis) -> bool:
    """Does the question ask about a value as an earlier sheet wrote it?"""
    return bool(_VERSIONS_RE.search(a.question))


def versions_answer(a: QuestionAnalysis, cat: SubjectCatalogue, conflicts: list[tuple[Figure, Figure]]
                    ) -> Answer | None:
    """The two writings of one value (of the year and kind asked) that two sheets of a 施策 disagree on, compared;
    None unless exactly one value is written two ways."""
    pairs = [(kept, other) for kept, other in conflicts if (not a.years or kept.fiscal_year in a.years)
             and (a.family is None or kept.measure in FAMILIES[a.family])
             and isinstance(kept.value, (int, float)) and isinstance(other.value, (int, float))
             and kept.unit == other.unit]
    if len({(k.fiscal_year, k.measure, k.series) for k, _ in pairs}) != 1:
        return None
    newer, older = pairs[0]
    diff = newer.value - older.value  # type: ignore[operator]

    years = {f.sheet: cat.sheet_years.get(f.sheet) for f in (older, newer)}

    def label(f: Figure) -> str:
        if (year := years[f.sheet]) is None:
            return f"シート {f.sheet}"
        # (last year's sheet of the newer one is 「前年度の評価書」, as users call it)
        last = f is older and (newer_year := years[newer.sheet]) is not None and newer_year - year == 1
        edition = to_label(year)
        return f"前年度の評価書（{edition}版、{f.sheet}）" if last else f"{edition}版の評価書（{f.sheet}）"
    first, then = label(older), label(newer)
    # (two shares differ by points, not by a share: 78.4% and 78.6% by 0.2ポイント)
    change = replace(newer, value=abs(round(diff, 6)), measure="差（計算値）", subject=f"{first}→{then}",
                     unit="ポイント" if newer.unit == "%" else newer.unit)
    larger = then if diff > 0 else first
    verdict = f"{larger}の方が{wording.value(change)}大きい" if diff else "同じ値"
    text = (f"{wording.year(newer)}の「{newer.subject}」の{newer.measure}は、{first}では{wording.value(older)}、"
            f"{then}では{wording.value(newer)}と記載されています（新しいシートで改められた値）。{verdict}です"
            f"（差、計算値）。\n{wording.cite(older, cat.sheet_label(older.sheet))}\n"
            f"{wording.cite(newer, cat.sheet_label(newer.sheet))}")
    return Answer(a.question, text, True, [older, newer, change], [], "comparison", Frame(), cited=[older, newer])
