"""Answer composition on subjects built straight from sheet files: no index, no model."""
import pytest

from conftest import MEXT, MHLW, SEED
from evalqa import load_sheet
from evalqa.answer import Frame
from evalqa.figure import Figure
from evalqa.numeric import numeric_answer
from evalqa.question import analyse_question
from evalqa.subject import Subject
from evalqa.subjects import SubjectCatalogue


@pytest.fixture(scope="module")
def catalogue():
    sheets = [load_sheet(p) for p in (SEED, MEXT, MHLW)]
    return SubjectCatalogue([f for s in sheets for f in s.figures],
                            [{"id": s.id, "metadata": s.metadata} for s in sheets])


def subject(cat, sheet, name_part, table=None):
    found = [s for s in cat.subjects
             if s.sheet == sheet and name_part in s.name and (table is None or s.table == table)]
    assert found, (sheet, name_part)
    return found[0]


def ask(cat, question, subj, series=None):
    a = analyse_question(question, cat.era, cat.latest_year)
    frame = Frame(subject=subj, years=a.years, family=a.family, trend=a.trend, series=series)
    return numeric_answer(a, frame, cat.sheet_label)


def test_catalogue_ranks_the_named_indicator_first(catalogue):
    a = analyse_question("令和2年度の日加会談数は？", catalogue.era, catalogue.latest_year)
    score, best = catalogue.rank(a, [])[0]
    assert best.sheet == "mofa-r3-I-2-hokubei" and best.name.startswith("日加二国間会談数") and score >= 0.45
    assert catalogue.era == "令和" and catalogue.latest_year >= 2021


def test_count_indicator_rate_is_computed_and_labelled(catalogue):
    s = subject(catalogue, "mofa-r3-I-2-hokubei", "日加二国間会談数")
    ans = ask(catalogue, "令和2年度の日加会談数の達成率は？", s)
    assert ans.found and "達成率約43%" in ans.text and "計算" in ans.text
    assert [(f.measure, f.value) for f in ans.figures] == [("実績値", 3), ("年度目標値", 7)]


def test_percent_indicator_rate_is_not_computed_but_both_values_are_given(catalogue):
    """Bug: 「…の達成率は？」 on a % indicator gave a broken sentence 「…のです」 with found=true."""
    s = subject(catalogue, "mofa-r3-I-2-hokubei", "対日世論調査の結果(日本を友邦")
    series = s.series[0] if s.series else None
    ans = ask(catalogue, "令和2年度の対日世論調査の達成率は？", s, series)
    assert "のです" not in ans.text and "計算していません" in ans.text, ans.text
    measures = {f.measure for f in ans.figures}
    assert "実績値" in measures and measures & {"年度目標値", "目標値"}
    assert all(f"{f.value:g}%" in ans.text for f in ans.figures), ans.text
    assert "達成率約" not in ans.text


def test_percent_series_in_another_sheet_too(catalogue):
    subjects = [s for s in catalogue.subjects if s.sheet.startswith("mext")
                and any(f.unit == "%" and f.measure == "実績値" for f in s.figures)
                and any(f.measure in ("年度目標値", "目標値") for f in s.figures)]
    assert subjects
    s = subjects[0]
    f = next(f for f in s.figures if f.unit == "%" and f.measure == "実績値" and f.value is not None)
    a = analyse_question("達成率は？")
    frame = Frame(subject=s, years=[f.fiscal_year], family=a.family, series=f.series)
    ans = numeric_answer(a, frame, str)
    assert "計算していません" in ans.text or not ans.found, ans.text
    assert "達成率約" not in ans.text


def test_means_execution_rate(catalogue):
    s = subject(catalogue, "mofa-r3-I-2-hokubei", "インターンシップ", table="達成手段")
    ans = ask(catalogue, "インターンシップ事業の令和元年度の執行率は？", s)
    budget, spent = next(f for f in ans.figures if f.measure == "予算額計"), ans.figures[0]
    assert spent.measure == "執行額" and f"執行率約{round(100 * spent.value / budget.value)}%" in ans.text


def test_budget_table_execution_rate_against_the_total(catalogue):
    s = subject(catalogue, "mofa-r3-I-2-hokubei", "施策の予算額・執行額等（分担金・拠出金除く）")
    ans = ask(catalogue, "令和2年度の執行率は？", s)
    total = next(f for f in ans.figures if f.measure == "合計(a+b+c)")
    assert ans.found and f"合計(a+b+c){total.value}百万円から計算" in ans.text, ans.text


def test_execution_rate_against_the_initial_budget_when_there_is_no_total(catalogue):
    """Bug: with 当初予算(a) as the only base, the rate sentence was broken."""
    s = subject(catalogue, "mofa-r3-I-2-hokubei", "施策の予算額・執行額等（分担金・拠出金除く）")
    only_a = Subject(s.sheet, s.name, s.section, s.table,
                     [f for f in s.figures if f.measure not in ("合計(a+b+c)", "予算額計")], s.terms)
    ans = ask(catalogue, "令和2年度の執行率は？", only_a)
    spent = ans.figures[0]
    base = ans.figures[1]
    assert ans.found and base.measure == "当初予算(a)", ans.text
    assert f"当初予算(a){base.value}百万円から計算" in ans.text, ans.text
    assert f"執行率約{round(100 * spent.value / base.value)}%" in ans.text


def test_policy_budget_table_has_no_execution_to_rate(catalogue):
    s = subject(catalogue, "mofa-r3-I-2-hokubei", "政策ごとの予算額")
    ans = ask(catalogue, "令和3年度の執行率は？", s)
    assert not ans.found and ans.figures == [] and ans.kind == "refusal"


def test_measure_only_in_another_series_is_refused_not_a_crash():
    """Bug: measures were picked across all series but values filtered by the frame's series (IndexError)."""
    def fig(series, measure, value):
        return Figure(sheet="s", section=["測定指標1"], subject="参加者数", series=series, measure=measure,
                      fiscal_year=2020, year_label="令和2年度", value=value, unit="人", raw=str(value), line=10)
    s = Subject("s", "参加者数", ["測定指標1"], "参加者数", [fig("一般", "実績値", 5), fig("有識者", "年度目標値", 9)],
                {"参加", "者", "数"})
    a = analyse_question("令和2年度の目標は？")
    ans = numeric_answer(a, Frame(subject=s, years=[2020], family="target", series="一般"), str)
    assert not ans.found and ans.kind == "refusal" and "実績値" in ans.text


def test_trend_is_in_year_order(catalogue):
    s = subject(catalogue, "mofa-r3-I-2-hokubei", "インターンシップ", table="達成手段")
    ans = ask(catalogue, "インターンシップ事業の予算額の推移", s)
    vals = [(f.fiscal_year, f.value) for f in ans.figures if f.measure == "予算額計"]
    assert vals == sorted(vals) and len(vals) >= 3 and ans.kind == "trend"
