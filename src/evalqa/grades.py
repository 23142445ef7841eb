"""The sheets' own grades of their indicators (判定 ×, 評価 A, 達成状況 ○) as answers: 「判定が×だった測定指標は？」
counts and lists the indicators the sheet itself graded so, for the year asked or in any year shown.

A grade stands in a label column of the indicator's row (see form_tables: the figure's note 「判定: ×」); the
answer never computes a grade, it only reads what the sheet wrote.
"""
from __future__ import annotations

from .aggregate import table
from .answer import Answer, Frame, refusal
from .fiscal_year import to_label
from .question import QuestionAnalysis
from .scope import Scope, scope_label
from .subjects import SubjectCatalogue
from .wording import cite

GRADE_LABELS = ("判定", "評価", "達成状況", "評定")
_SAME = {"◯": "○", "✕": "×", "Ｘ": "×"}


def _grades(note: str | None) -> dict[str, str]:
    """「判定: ×、関連する測定指標: 1」 → {"判定": "×"}."""
    out = {}
    for part in (note or "").split("、"):
        label, _, value = part.partition(": ")
        if label in GRADE_LABELS and value:
            out[label] = _SAME.get(value.strip(), value.strip())
    return out


def graded(a: QuestionAnalysis, scope: Scope, cat: SubjectCatalogue) -> Answer | None:
    """Indicators graded `a.grade` by the sheet (in the year asked, else in any year), counted and listed;
    None when no indicator in scope carries a grade (the question is then about something else)."""
    mark = _SAME.get(a.grade or "", a.grade)
    found: dict[tuple[str, str], tuple] = {}
    any_grade = False
    for s in cat.subjects:
        if s.kind != "indicator" or not scope.holds(s):
            continue
        for f in s.figures:
            grades = _grades(f.note)
            any_grade |= bool(grades)
            if mark in grades.values() and (not a.years or f.fiscal_year in a.years):
                found.setdefault((s.sheet, s.name), (s, f, next(k for k, v in grades.items() if v == mark)))
    if not any_grade:
        return None
    where = scope_label(scope, cat)
    when = "・".join(to_label(y) for y in a.years) + "に" if a.years else ""
    if not found:
        return refusal(a.question, f"{where}で、{when}「{mark}」とされた測定指標は見当たりません。")
    if len(scope.sheets) > 3:  # searched the whole index: say where the grades were found
        where = "・".join(dict.fromkeys(f"「{cat.titles.get(sid, sid)}」" for sid, _ in found))
    label = next(iter(found.values()))[2]
    many = len({s.sheet for s, _, _ in found.values()}) > 1
    rows = [((f"{s.name}（{cat.sheet_label(s.sheet)}）" if many else s.name), f.year_label or "", f"{k}: {mark}")
            for s, f, k in found.values()]
    first = next(iter(found.values()))[1]
    text = (f"{where}で、{when}{label}が「{mark}」の測定指標は{len(found)}件です（シートの{label}欄による）。\n"
            + "\n".join(f"- {row[0]}" for row in rows) + "\n\n" + table(["測定指標", "年度", label], rows)
            + "\n" + cite(first, cat.sheet_label(first.sheet)))
    return Answer(a.question, text, True, [], [], "list", Frame(), cited=[first])
