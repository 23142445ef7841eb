"""Sheets of the twentieth blind set's forms (tests/qa_blind18_*): a workbook with a worksheet per year
(npa-r6-5-1-cyber), a web page whose tables were copied one cell to a line (moj-r6-iv-9-jinken), a workbook graded
s/a/b/c with a hidden breakdown by region (mofa-r6-vi-1-kaihatsu), next year's customs sheet as a PDF beside last
year's workbook (mof-r6-5-2-zeikan, mof-r5-5-2-zeikan), which revises one value, and a PDF titled by a numbered
line (mhlw-r6-iv-5-1-jisatsu)."""
import pytest

from conftest import SHEETS, assistant_over

pytestmark = [pytest.mark.slow]
CYBER, RIGHTS, ODA = "npa-r6-5-1-cyber", "moj-r6-iv-9-jinken", "mofa-r6-vi-1-kaihatsu"
CUSTOMS_OLD, CUSTOMS_NEW = "mof-r5-5-2-zeikan", "mof-r6-5-2-zeikan"
SUICIDE, WORK = "mhlw-r6-iv-5-1-jisatsu", "mhlw-r5-iii-1-1-rousai"


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return assistant_over(tmp_path_factory, "forms13", (
        SHEETS / f"{CYBER}.xlsx", SHEETS / f"{RIGHTS}.txt", SHEETS / f"{ODA}.xlsx", SHEETS / f"{CUSTOMS_OLD}.xlsx",
        SHEETS / f"{CUSTOMS_NEW}.pdf", SHEETS / f"{SUICIDE}.pdf", SHEETS / f"{WORK}.txt"))


def test_a_year_of_a_worksheet_of_its_own_and_a_reference_indicators_trend(bot):
    ans = bot.ask("サイバー犯罪の検挙件数、令和5年は何件？")
    f = ans.figures[0]
    assert (f.sheet, f.measure, f.fiscal_year, f.value) == (CYBER, "実績値", 2023, 13104), ans.text
    ans = bot.ask("フィッシング報告件数は令和3年から令和5年でどう推移した？")
    assert [f.value for f in ans.figures if f.measure == "実績値"][:3] == [52.7, 96.9, 119.6], ans.text


def test_a_table_copied_one_cell_to_a_line(bot):
    # (the state a cell gives its value, 「63.9（速報値）」, goes with it)
    assert "63.9日（速報値）" in bot.ask("令和5年の人権侵犯事件の平均処理日数は？").text
    ans = bot.ask("人権擁護の達成手段で、令和5年度の執行率が一番低かったのは？")
    assert "インターネット上の人権侵害対策推進事業" in ans.text.splitlines()[0] and ans.figures[0].value == 81.0


def test_either_of_two_grades_and_a_region_ranked(bot):
    ans = bot.ask("経済協力の指標で、令和5年度の評定がsかaだったのはいくつ？")
    assert ans.kind == "list" and "3件" in ans.text.splitlines()[0], ans.text
    # (in English, a grade letter quoted or in capitals after 'rated')
    ans = bot.ask('Which economic cooperation indicators were rated "s" or received an "a" rating in FY2023?')
    assert ans.kind == "list" and ans.found, ans.text
    ans = bot.ask('Which economic cooperation indicators received an "a" rating in FY2023?')
    assert ans.kind == "list" and "評定" in ans.text, ans.text
    ans = bot.ask("JICA海外協力隊の新規派遣、令和5年度に一番多かった地域はどこ？")
    assert "アフリカ" in ans.text.splitlines()[0] and ans.figures[0].value == 418, ans.text


def test_a_value_next_years_sheet_revised_and_a_reference_row_of_its_caption(bot):
    ans = bot.ask("知的財産侵害物品の輸入差止件数の2022年分、前年度の評価書と今年度の評価書でどっちが大きくて差は？")
    assert ans.kind == "comparison" and sorted(f.value for f in ans.figures) == [6, 31666, 31672], ans.text
    ans = bot.ask("金地金の密輸入事犯の処分件数、2020年から2023年まで合計すると何件？")
    assert "279件" in ans.text.splitlines()[0], ans.text


def test_what_a_sheet_of_its_own_marks_new(bot):
    # one sheet of the 施策 in the corpus: what it marks 【新規】 is what it added
    ans = bot.ask("令和5年から新たに加わったサイバー対策の指標は何？")
    assert ans.kind == "list" and "国際共同捜査等への参加件数" in ans.text, ans.text


def test_a_policy_named_in_english_by_the_one_word_only_its_title_writes(bot):
    # 'health' is 健康 of the workplace safety title too; 'suicide' (自殺) only the suicide-prevention title writes
    ans = bot.ask("Which office is in charge of the health ministry's suicide-prevention policy evaluation?")
    assert "自殺対策推進室" in ans.text, ans.text


def test_reference_indicators_under_a_numbered_heading_are_not_counted(bot):
    # 「5．参考指標（目標値は設定していない）」: its rows are no 測定指標
    ans = bot.ask("自殺対策の実績評価書で、測定指標はいくつ設定されてる？")
    assert "6件" in ans.text.splitlines()[0], ans.text
