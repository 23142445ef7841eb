"""Two years' sheets of one 施策 in two formats (tests/sheets/env-r5-2-1-junkan.txt, full-width digits, and
next year's PDF env-r6-2-1-junkan.pdf, whose title prints 「目標2－1 循環型社会の形成」): the years stitch, a
revised value is the newer sheet's with the older named, and an indicator reworded in the new sheet is the same."""
import pytest

from conftest import SHEETS, assistant_over

pytestmark = [pytest.mark.slow]
OLD, NEW = "env-r5-2-1-junkan", "env-r6-2-1-junkan"


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return assistant_over(tmp_path_factory, "years", (SHEETS / f"{OLD}.txt", SHEETS / f"{NEW}.pdf"))


def test_a_revised_value_is_the_newer_sheets_and_the_older_is_named(bot):
    ans = bot.ask("産業廃棄物の不法投棄は令和3年度に何件あった？")
    f = ans.figures[0]
    assert (f.sheet, f.measure, f.fiscal_year, f.value) == (NEW, "実績値", 2021, 109)
    assert "107件" in ans.text and OLD in ans.text


def test_a_trend_runs_over_both_sheets(bot):
    ans = bot.ask("不法投棄件数は令和2年度から令和4年度でどう変わった？")
    assert ans.kind == "trend" and [f.value for f in ans.figures if f.measure == "実績値"][:3] == [139, 109, 94]


def test_an_indicator_reworded_next_year_answers_its_new_years(bot):
    """「一般廃棄物の１人１日当たりのごみ排出量」 is 「1人1日当たりのごみ排出量（一般廃棄物）」 next year: 令和4年度
    is 「－」 in the older sheet and 880 in the newer."""
    ans = bot.ask("一般廃棄物の1人1日当たりのごみ排出量、令和4年度の実績は？")
    f = ans.figures[0]
    assert (ans.found, f.sheet, f.fiscal_year, f.value) == (True, NEW, 2022, 880)


def test_what_next_years_sheet_added_or_dropped(bot):
    """The 達成手段 of one year's sheet against the year before's, matched as the years stitch: dropped, and none
    added among the indicators (the reworded one is the same indicator)."""
    ans = bot.ask("令和6年度の循環型社会の事前分析表で、なくなった達成手段は？")
    assert ans.found and ans.kind == "list" and "循環産業の国際展開支援事業" in ans.text, ans.text
    assert NEW in ans.text and OLD in ans.text
    ans = bot.ask("循環型社会の施策で新たに加わった達成手段は？")
    assert ans.found and "資源循環自立化先進技術導入支援事業" in ans.text, ans.text
    assert "循環産業の国際展開" not in ans.text


def test_a_follow_up_asks_of_the_one_measure_added(bot):
    conv = bot.conversation()
    assert conv.ask("循環型社会の施策で新たに加わった達成手段は？").found
    ans = conv.ask("その令和6年度の当初予算額は？")
    f = ans.figures[0]
    assert (ans.found, f.subject, f.fiscal_year, f.value) == (
        True, "資源循環自立化先進技術導入支援事業（令和6年度）", 2024, 3500), ans.text


def test_the_two_writings_of_a_revised_value_compared(bot):
    ans = bot.ask("産業廃棄物の不法投棄件数、令和3年度の値は前年度の評価書と今回でどっちが多くて差は何件？")
    assert ans.kind == "comparison" and sorted(f.value for f in ans.figures) == [2, 107, 109], ans.text
    assert "前年度の評価書" in ans.text and OLD in ans.text and NEW in ans.text
    conv = bot.conversation()
    assert conv.ask("産業廃棄物の不法投棄は令和3年度に何件あった？").figures[0].value == 109
    ans = conv.ask("前の年の評価書ではいくつってなってた？")
    assert (ans.figures[0].sheet, ans.figures[0].value) == (OLD, 107), ans.text


def test_a_value_of_the_measure_added_and_a_measure_taken_out(bot):
    ans = bot.ask("新しく加わった達成手段「資源循環自立化先進技術導入支援事業」の令和6年度当初予算額は？")
    assert (ans.kind, ans.figures[0].value) == ("numeric", 3500), ans.text
    ans = bot.ask("令和6年度の循環型社会の事前分析表で、達成手段から外された事業は？")
    assert ans.kind == "list" and "循環産業の国際展開支援事業" in ans.text, ans.text


def test_a_years_budget_is_the_newest_sheets_not_last_years_plan(bot):
    """Last year's sheet prints 令和5年度's 当初予算額 (76,105, the plan); this year's its 予算額 (77,860)."""
    ans = bot.ask("令和5年度の予算額が最も大きい達成手段は？（循環型社会）")
    assert ans.kind == "ranking" and ans.figures[0].value == 77860, ans.text
    assert (ans.figures[0].sheet, ans.figures[0].measure) == (NEW, "予算額"), ans.text


def test_a_trend_of_a_reworded_indicator_runs_over_both_sheets(bot):
    """The newer sheet's own indicator under its new name does not stand in for the stitched one (it lacks
    令和元年度, which only the older sheet reports)."""
    ans = bot.ask("1人1日当たりのごみ排出量は令和元年度から令和3年度でどう変わった？")
    actual = [(f.fiscal_year, f.value) for f in ans.figures if f.measure == "実績値"]
    assert ans.kind == "trend" and actual == [(2019, 918), (2020, 901), (2021, 890)], ans.text
    ans = bot.ask("How has daily household waste per person changed from FY2019 to FY2021?")
    assert "decrease of 28" in ans.text and "918" in ans.text, ans.text


def test_a_yes_no_question_over_a_span_of_years_is_answered_with_every_year(bot):
    ans = bot.ask("不法投棄の件数は令和2年度から令和4年度にかけて減ってますか？")
    actual = [f.value for f in ans.figures if f.measure == "実績値"]
    assert ans.kind == "trend" and actual == [139, 109, 94], ans.text
    assert "毎年減り" in ans.text and "減少" in ans.text, ans.text


def test_an_added_kind_and_a_dropped_kind_asked_together(bot):
    ans = bot.ask("令和6年度の循環型社会の分析表で、新しく入った達成手段と、令和5年度で終わった測定指標は？")
    assert "資源循環自立化先進技術導入支援事業" in ans.text and "なくなった測定指標はありません" in ans.text, ans.text
