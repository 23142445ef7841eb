"""Targets met or missed: which indicators missed (or met) their 年度目標値 in a year, and in which years one
indicator did. Indicators better when lower (死者数, 再入率) are judged so (`direction.lower_is_better`)."""
from __future__ import annotations

from . import wording
from .aggregate import label_of
from .answer import Answer, Frame, refusal
from .direction import lower_is_better, met_target, sheet_grade
from .fiscal_year import to_label
from .question import QuestionAnalysis
from .scope import Scope, scope_label
from .subject import TARGETS, Subject
from .subjects import SubjectCatalogue
from .wording import table


def years_missed(a: QuestionAnalysis, s: Subject, cat: SubjectCatalogue) -> Answer | None:
    """「この指標が目標に届かなかったのはどの年度？」: the years in which one indicator's 実績値 missed (or met)
    its 年度目標値."""
    lower = lower_is_better(s)
    rows = []
    for actual in sorted((f for f in s.figures if f.measure == "実績値" and f.value is not None and f.fiscal_year),
                         key=lambda f: f.fiscal_year or 0):
        target = next((f for f in s.figures if f.measure in TARGETS and f.fiscal_year == actual.fiscal_year
                       and f.series == actual.series and f.value is not None), None)
        if target is not None:
            rows.append((actual, target, met_target(s, actual, target)))
    if not rows:
        return None
    hit = [r for r in rows if r[2] == (a.operation == "met")]
    verdict = "達成した" if a.operation == "met" else "届かなかった"
    head = (f"「{s.name}」が年度目標値に{verdict}のは{len(hit)}年度です（目標値と実績値がそろう{len(rows)}年度のうち"
            + ("、値が小さいほど良い指標として判定" if lower else "") + "）。")
    listed = "、".join(wording.year(act) for act, _, _ in hit)
    grid = table(["年度", "目標値", "実績値", "判定"], [(wording.year(act), wording.value(tgt), wording.value(act),
                                                    "達成" if met else "未達") for act, tgt, met in rows])
    figures = [f for act, tgt, _ in hit for f in (act, tgt)] or [rows[0][0]]
    cite = wording.cite(rows[0][0], cat.sheet_label(s.sheet))
    text = head + (f"\n{listed}" if listed else "") + "\n\n" + grid + f"\n{cite}"
    return Answer(a.question, text, True, figures, [], "list", Frame(subject=s), cited=figures[:2])


def target_results(a: QuestionAnalysis, scope: Scope, cat: SubjectCatalogue) -> Answer:
    """Indicators (per series) whose 実績値 missed (or met) the 年度目標値 of a year."""
    pairs = []
    for s in cat.subjects:
        if s.kind != "indicator" or not scope.holds(s):
            continue
        for actual in s.figures:
            if actual.measure != "実績値" or actual.value is None or actual.fiscal_year is None:
                continue
            target = next((f for f in s.figures if f.measure in TARGETS and f.fiscal_year == actual.fiscal_year
                           and f.series == actual.series and f.value is not None), None)
            if target is not None:
                pairs.append((s, actual, target))
    years = sorted({p[1].fiscal_year for p in pairs if p[1].fiscal_year})
    year = a.years[0] if a.years else (years[-1] if years else None)
    pairs = [p for p in pairs if p[1].fiscal_year == year]
    where = scope_label(scope, cat)
    if not pairs or year is None:
        when = f"{to_label(year)}の" if year else ""
        return refusal(a.question, f"{where}には、{when}年度目標値と実績値がそろう測定指標がありません。")
    rows, hit, unsure = [], [], False
    for s, actual, target in pairs:
        met = met_target(s, actual, target)
        unsure |= lower_is_better(s) is None and sheet_grade(actual) is None
        rows.append((s, actual, target, met))
        if met == (a.operation == "met"):
            hit.append((s, actual, target))
    verdict = "達成した" if a.operation == "met" else "届かなかった"
    head = (f"{to_label(year)}に年度目標値に{verdict}測定指標は{len(hit)}件です"
            f"（目標値と実績値がそろう{len(rows)}件のうち）。")
    listed = [f"- {label_of(s, actual.series)}: 実績値{wording.value(actual)}／{target.measure}{wording.value(target)}"
              for s, actual, target in hit]
    grid = table(["測定指標", "目標値", "実績値", "判定"],
                 [(label_of(s, act.series), wording.value(tgt), wording.value(act), "達成" if met else "未達")
                  for s, act, tgt, met in rows])
    note = ("\n（低いほど良い指標は、名称や基準値との関係から判断しました。方向の書かれていない指標は、"
            "高いほど良いものとして判定しています。）") if unsure else ""
    figures = [f for _, act, tgt in hit for f in (act, tgt)]
    figures += [f for s, act, tgt, _ in rows for f in (act, tgt) if f not in figures]
    text = head + ("\n" + "\n".join(listed) if listed else "") + "\n\n" + grid + note
    return Answer(a.question, text, True, figures, [], "list", Frame(), cited=figures[:2])
