"""Sheets of three more forms (tests/sheets): 内閣府's 政策評価書 PDF whose indicator rows are
目標 / 実績 / 達成度 under the years, 北海道局's workbook whose hidden worksheet holds 参考指標 in rows of
番号 | 参考指標名 | 単位, and 鉄道局's landscape 施策目標個票. Asked in words of our own: the 施策's own budget
named through the 施策, the rating under whichever label, the 作成責任者 asked as 「責任者」, and sheets named
by English words the dictionary reads."""
import pytest

from conftest import SHEETS, assistant_over

pytestmark = [pytest.mark.slow]
PKO, HOKKAIDO, RAIL = "pko-r6-36-heiwakyoryoku", "hokkaido-r6-44-kaihatsu", "mlit-r6-23-tetsudo-anzen"


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return assistant_over(tmp_path_factory, "forms12", (SHEETS / f"{PKO}.pdf", SHEETS / f"{HOKKAIDO}.xlsx",
                                                        SHEETS / f"{RAIL}.pdf"))


def test_the_policys_own_budget_named_through_the_policy(bot):
    ans = bot.ask("北海道開発の施策の執行率、令和3年度はどうだった？")
    f = ans.figures[0]
    assert (f.sheet, f.measure, f.fiscal_year, f.value) == (HOKKAIDO, "執行率", 2021, 95.3), ans.text
    ans = bot.ask("国際平和協力の施策の執行率は令和3年度と令和5年度でどちらが高い？")
    assert ans.found and {f.value for f in ans.figures} >= {85.4, 89.7} and "4.3" in ans.text, ans.text


def test_reference_indicators_by_their_name_column_and_unit_column(bot):
    """番号 | 参考指標名 | 単位 | 令和2年度 …: each row an indicator of its own, in the unit its row gives."""
    ans = bot.ask("参考指標の新千歳空港の国際線旅客数は令和4年度に何人？")
    f = ans.figures[0]
    assert (f.sheet, f.subject, f.fiscal_year, f.value, f.unit) == (
        HOKKAIDO, "新千歳空港の国際線旅客数", 2022, 412905, "人"), ans.text


def test_the_rating_and_the_responsible_official_asked_in_other_words(bot):
    assert "③相当程度進展あり" in bot.ask("鉄道の安全性の施策、評価結果はどうだった？").text
    assert "③相当程度進展あり" in bot.ask("鉄道の安全性の施策、測定結果の区分は？").text
    ans = bot.ask("Who is listed as the official responsible for the FY2024 railway safety evaluation?")
    assert ans.found and "森本" in ans.text, ans.text  # (a year after the field's name names no sheet)
    ans = bot.ask("国際平和協力の評価書の責任者は誰？")
    assert ans.found and "小野寺" in ans.text, ans.text


def test_sheets_named_by_english_words_the_dictionary_reads(bot):
    ans = bot.ask("Who is the responsible official of the railway safety sheet?")
    assert "森本" in ans.text, ans.text
    ans = bot.ask("What was the execution rate of the Hokkaido development sheet in FY2023?")
    f = ans.figures[0]
    assert (f.sheet, f.fiscal_year, f.value) == (HOKKAIDO, 2023, 96.2), ans.text


def test_two_rows_named_as_a_pair_and_a_rate_worked_out_to_rank(bot):
    """Rows that share most of their words (国際平和協力…): the one that says the other name as written; the
    lowest 執行率 worked out from the amounts is a figure of its own, first."""
    ans = bot.ask("国際平和協力の達成手段で、令和4年度の執行額は研修の実施と調査・研究でどちらが多い？")
    assert ans.found and sorted(f.value for f in ans.figures[:2]) == [16, 57] and "差は41" in ans.text, ans.text
    ans = bot.ask("国際平和協力の達成手段のうち、令和3年度の執行率が最も低かったのは？")
    f = ans.figures[0]
    assert "調査・研究" in ans.text.splitlines()[0] and (f.measure, f.value, f.unit) == ("執行率（計算値）", 60.0, "%")
