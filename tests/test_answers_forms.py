"""Answers over documents of other ministries' forms and over one 施策's sheets of two years.

The sheets (tests/sheets/env-r5-3-1-jizen, env-r6-3-1-jizen, maff-r4-5-hyokasho) were written from public
layouts by someone who had read no code: a 環境省 事前分析表 of 令和5 and 令和6年度 (the later one revises the
令和4年度 emissions) and a 農林水産省 実績評価書 with its years down the first column.
"""

import pytest

from conftest import SEED, SHEETS, assistant_over

pytestmark = [pytest.mark.slow]
ENV_R5, ENV_R6, MAFF = (SHEETS / f"{n}.txt" for n in ("env-r5-3-1-jizen", "env-r6-3-1-jizen", "maff-r4-5-hyokasho"))


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return assistant_over(tmp_path_factory, "forms", (SEED, ENV_R5, ENV_R6, MAFF))


def test_a_table_with_its_years_down_the_first_column(bot):
    ans = bot.ask("農水省の担い手施策で、令和3年度に担い手が利用する農地の割合は何％だった？")
    f = ans.figures[0]
    assert ans.kind == "numeric" and (f.sheet, f.measure, f.fiscal_year, f.value, f.unit) == (
        MAFF.stem, "実績値", 2021, 58.9, "%")


def test_a_document_named_by_its_year_answers_from_that_sheet(bot):
    named = bot.ask("令和5年度事前分析表（環境省）では、令和4年度の温室効果ガス総排出量の実績値は？")
    assert (named.figures[0].sheet, named.figures[0].value) == (ENV_R5.stem, 1135)
    # Not named: the newest sheet's value, and the older sheet's other value named beside it.
    newest = bot.ask("令和4年度の温室効果ガス総排出量の実績値は？")
    assert (newest.figures[0].sheet, newest.figures[0].value) == (ENV_R6.stem, 1128)
    assert "1,135" in newest.text
    # A year only the newer sheet reports.
    assert bot.ask("令和5年度の温室効果ガス総排出量の実績値は？").figures[0].value == 1071


def test_counting_the_indicators_that_missed_their_target(bot):
    ans = bot.ask("令和5年度に年度ごとの目標値を達成できなかった測定指標はいくつある？")
    first = ans.text.splitlines()[0]
    assert "2件" in first and "家庭部門" in ans.text and "フロン類" in ans.text
    # One 施策's two sheets are one set of indicators, not twice as many.
    count = bot.ask("環境省の地球温暖化対策の推進には測定指標がいくつ設定されていますか。")
    assert count.kind == "count" and "5件" in count.text.splitlines()[0]


def test_the_sheets_own_grades_count_and_list_indicators(bot):
    ans = bot.ask("令和3年度の判定が「×」だった測定指標の数は？")
    assert ans.found and "2件" in ans.text.splitlines()[0]
    assert "担い手が利用する面積" in ans.text and "農地中間管理機構の転貸面積" in ans.text
    assert "法人経営体数" not in ans.text.split("|")[0]


def test_means_related_to_a_plainly_numbered_indicator(bot):
    ans = bot.ask("測定指標1に関連する主な事務事業は？")
    assert ans.kind == "list" and "農地中間管理機構事業" in ans.text and "担い手確保・経営強化支援事業" in ans.text
    assert "新規就農者育成総合対策" not in ans.text


def test_a_qualifier_no_sheet_mentions_refuses(bot):
    ans = bot.ask("運輸部門のCO2排出量の令和4年度実績値を教えて。")
    assert not ans.found and not ans.figures and "運輸" in ans.text


def test_a_count_is_not_answered_by_an_amount_of_money(bot):
    ans = bot.ask("令和5年度末時点で脱炭素先行地域は累計いくつになった？")
    assert not any((f.unit or "").endswith("円") for f in ans.figures)
    assert not ans.found or ans.figures[0].value == 74


def test_comparing_the_actual_in_focus_with_that_years_target(bot):
    chat = bot.conversation()
    chat.ask("北米地域外交の事前分析表で、日米二国間会談数の令和3年度の目標値は？")
    assert chat.ask("前年度の実績は？").figures[0].value == 9
    ans = chat.ask("その年の目標と比べるとどう？")
    assert "下回" in ans.text and {9, 30} <= {f.value for f in ans.figures}


def test_a_heading_named_in_full_is_answered_by_its_text(bot):
    ans = bot.ask("担い手施策の目標達成度合いの測定結果はどうなっている？")
    assert ans.found and not ans.figures and "進展が大きくない" in ans.text and "86" in ans.text


def test_a_follow_up_comparison_takes_the_year_in_focus_and_the_direction(bot):
    chat = bot.conversation()
    chat.ask("環境省の地球温暖化対策で、令和4年度の温室効果ガス総排出量の実績は？")
    ans = chat.ask("目標と比べると？")
    assert {1128, 1160} <= {f.value for f in ans.figures}
    # Emissions below their target have met it: said so, and no 実績÷目標 「達成率」 is offered.
    assert "下回" in ans.text and "目標を達成" in ans.text and "達成率" not in ans.text
    assert chat.ask("翌年度はどうなった？").figures[0].fiscal_year == 2023


def test_a_policy_named_by_the_words_before_shisaku(bot):
    ans = bot.ask("担い手施策の執行額、令和3年度は令和2年度から増えた？減った？")
    assert ans.kind == "comparison" and "増" in ans.text and {25322800, 29689400} <= {f.value for f in ans.figures}
    assert all(f.sheet == MAFF.stem and f.subject == "施策の予算額・執行額等" for f in ans.figures)


def test_a_follow_up_naming_only_the_sheet_does_not_fail(bot):
    chat = bot.conversation()
    chat.ask("北米地域外交の事前分析表で、日米二国間会談数の令和3年度の目標値は？")
    ans = chat.ask("北米地域外交では？")  # every word names the sheet: no subject words left
    assert ans.text


def test_a_comparison_over_years_names_the_older_sheets_other_value(bot):
    ans = bot.ask("温室効果ガス総排出量は令和4年度に前年度より増加したのか減少したのか。")
    assert ans.kind == "comparison" and "減" in ans.text and {1128, 1170} <= {f.value for f in ans.figures}
    assert "1,135" in ans.text and ENV_R5.stem in ans.text
