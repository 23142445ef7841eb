"""The sheets' own grades of their indicators (判定 ×, 評価 A, 達成状況 ○) as answers: 「判定が×だった測定指標は？」
counts and lists the indicators the sheet itself graded so, for the year asked or in any year shown.

A grade stands in a label column of the indicator's row (see form_tables: the figure's note 「判定: ×」); the
answer never computes a grade, it only reads what the sheet wrote.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from .answer import Answer, Frame, refusal
from .fiscal_year import to_label
from .measures import GRADE_HEADS, grade_mark
from .question import QuestionAnalysis
from .scope import Scope, scope_label
from .subject import TARGETS, Subject, column_named
from .subjects import SubjectCatalogue
from .wording import cite, table, value


def _grades(note: str | None) -> dict[str, str]:
    """「判定: ×、関連する測定指標: 1」 → {"判定": "×"}."""
    out = {}
    for part in (note or "").split("、"):
        label, _, value = part.partition(": ")
        if label in GRADE_HEADS and value:
            out[label] = grade_mark(value)
    return out


def graded(a: QuestionAnalysis, scope: Scope, cat: SubjectCatalogue) -> Answer | None:
    """Indicators graded `a.grade` by the sheet (in the year asked, else in any year), counted and listed;
    None when no indicator in scope carries a grade (the question is then about something else)."""
    scope = _edition_grading(a, scope, cat)
    marks = [grade_mark(g) for g in (a.grade or "").split("|")]  # (「sかa」: either)
    mark = "」または「".join(marks)
    found: dict[tuple[str, str, str | None], tuple] = {}
    any_grade = by_row = False
    for s in cat.subjects:
        if s.kind != "indicator" or not scope.holds(s):
            continue
        # A grade written once per row of several years (評価 A for 初期値, 実績値 and 目標値 alike) grades the
        # indicator, not a year; a row per year (判定 × on 令和3年度) grades that year.
        # (A grade on the 実績値 alone, one per year column — 「達成度 | ○ | △」 — grades each year.)
        # So a row grade is one that every figure of its line carries, on a line of several measures.
        lines: dict[int | None, list] = {}
        for f in s.figures:
            lines.setdefault(f.line, []).append(f)
        row_lines = {ln for ln, fs in lines.items()
                     if len({f.measure for f in fs}) > 1 and len({f.fiscal_year for f in fs}) > 1
                     and all(_grades(f.note) for f in fs)}
        for f in s.figures:
            grades = _grades(f.note)
            any_grade |= bool(grades)
            row_grade = f.line in row_lines
            # (「評価がA」 takes of a sheet that grades so; 「A-1」 only A-1; a letter in either case)
            hit = next((k for k, v in grades.items() for m in marks if v.lower() == m.lower()
                        or v.lower().startswith(f"{m.lower()}-")), None)
            if hit and (row_grade or not a.years or f.fiscal_year in a.years):
                by_row |= row_grade
                # (a breakdown's rows graded each against its own target: 「市町村国保 | 37.5 | 60 | ×」)
                found.setdefault((s.sheet, s.name, f.series), (s, f, hit, row_grade))
    if not any_grade:
        return None
    # (「特定保健指導実施率の達成状況が×だった保険者種類」: of the graded ones the question names, when it names some)
    named = {k: v for k, v in found.items() if column_named(k[1], a.normalized)}
    found = named or found
    where = scope_label(scope, cat) if len(scope.sheets) <= 3 else "索引のシート"
    when = "・".join(to_label(y) for y in a.years) + "に" if a.years else ""
    if not found:
        return refusal(a.question, f"{where}で、{when}「{mark}」とされた測定指標は見当たりません。")
    if len(scope.sheets) > 3:  # searched the whole index: say where the grades were found
        where = "・".join(dict.fromkeys(f"「{cat.titles.get(sid, sid)}」" for sid, _, _ in found))
    label = next(iter(found.values()))[2]
    many = len({s.sheet for s, _, _, _ in found.values()}) > 1
    rows = [((f"{s.name}（{cat.sheet_label(s.sheet)}）" if many else s.name) + (f"（{f.series}）" if f.series else ""),
             "年度を通じて" if row else (f.year_label or ""), f"{k}: {_grades(f.note).get(k, mark)}")
            for s, f, k, row in found.values()]
    first = next(iter(found.values()))[1]
    if by_row and a.years:  # the sheet grades the indicator, not the year asked: say so
        when = ""
        label_note = f"（シートの{label}欄は年度ごとではなく指標ごとの{label}です）"
    else:
        label_note = f"（シートの{label}欄による）"
    what = "区分" if all(f.series for _, f, _, _ in found.values()) else "測定指標"  # (a breakdown's rows)
    text = (f"{where}で、{when}{label}が「{mark}」の{what}は{len(found)}件です{label_note}。\n"
            + "\n".join(f"- {row[0]}" for row in rows) + "\n\n" + table([what, "年度", label], rows)
            + "\n" + cite(first, cat.sheet_label(first.sheet)))
    return Answer(a.question, text, True, [], [], "list", Frame(), cited=[first])


# 「この指標の判定は？」 after a value: the grade of the indicator in focus, asked with no other subject
_GRADE_ASKED_RE = re.compile(r"(?:評定|判定|達成度|達成状況|評価)(?:記号|マーク|ランク)?(?:は|って|を|が)?"
                             r"(?:何|どう|どれ|教え[てろ]?)?"
                             r"(?:でしたか|ですか|だった|でした|か)?[?？]?$")
_FOCUS_WORDS = {"指標", "評定", "判定", "達成", "度", "状況", "評価", "記号", "マーク", "ランク",
                "その", "それ", "この"}


def _edition_grading(a: QuestionAnalysis, scope: Scope, cat: SubjectCatalogue) -> Scope:
    """The scope, or, when it is one 施策's sheet that grades none of the years asked, that 施策's other edition
    that does (「令和5年度評定」 asked of the 施策 is graded in the edition of that year, not the newest)."""
    def grades_years(sheets: list[str]) -> set[int]:
        return {f.fiscal_year for s in cat.subjects if s.sheet in sheets and s.kind == "indicator"
                for f in s.figures if f.fiscal_year and _grades(f.note)}

    if not a.years or len({cat.policy_titles.get(sid) for sid in scope.sheets}) != 1 \
            or set(a.years) & grades_years(scope.sheets):
        return scope
    policy = cat.policy_titles.get(scope.sheets[0])
    others = [sid for sid in cat.policy_titles if cat.policy_titles[sid] == policy and sid not in scope.sheets]
    grading = [sid for sid in others if set(a.years) & grades_years([sid])]
    return replace(scope, sheets=grading) if grading else scope


def grade_in_focus(a: QuestionAnalysis, context: Frame | None, sheet_label: Callable[[str], str]) -> Answer | None:
    """The sheet's own grade of the indicator in focus for the year asked (or in focus), from its row's grade
    column; None when the question asks anything else or the row has no grade."""
    s = context.subject if context is not None else None
    if s is None or any(t not in _FOCUS_WORDS for t in a.content):
        return None
    return grade_of(a, s, a.years or (context.years if context is not None else []), sheet_label)


def grade_of(a: QuestionAnalysis, s: Subject, years: list[int], sheet_label: Callable[[str], str]) -> Answer | None:
    """「…の令和5年度の評価は？」: the sheet's own grade of the indicator for the year asked, from its row's grade
    column; None when the question asks no grade or the row has none for that year."""
    if s.kind != "indicator" or not _GRADE_ASKED_RE.search(a.normalized):
        return None
    graded_rows = [(f, g) for f in s.figures if f.measure == "実績値" and (not years or f.fiscal_year in years)
                   and (g := _grades(f.note))]
    if len(graded_rows) != 1:
        return None  # (none, or several years with none asked: which one is a guess)
    f, found = graded_rows[0]
    # (the column the question names when the row has several: 「判定」 before 「評定」)
    label, mark = next(((k, v) for k, v in found.items() if k in a.normalized), next(iter(found.items())))
    target = next((t for t in s.figures if t.measure in TARGETS and t.fiscal_year == f.fiscal_year
                   and t.value is not None), None)
    values = f"実績値{value(f)}" + (f"、{target.measure}{value(target)}" if target is not None else "")
    text = f"{f.year_label or ''}の「{s.name}」の{label}は「{mark}」です（シートの{label}欄による。{values}）。\n" \
           + cite(f, sheet_label(s.sheet))
    return Answer(a.question, text, True, [f], [], "prose", Frame(subject=s, years=[f.fiscal_year] if f.fiscal_year
                                                                    else []), cited=[f])
