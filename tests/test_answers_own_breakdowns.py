"""A sheet of our own with an indicator and, below it, a breakdown of the same quantity by region beside other
quantities (「研修員受入人数（人） | 出身国・地域数（か国・地域） | 派遣人数（人）」): a follow-up naming a region asks
the quantity in focus, in its unit, whatever the other columns' names share with it."""
import pytest

from conftest import bot_over_texts

pytestmark = [pytest.mark.slow]

SHEET = ("令和6年度　政策評価書\n\n施策名\t経済協力\n\n測定指標\n"
         "測定指標\t区分\t令和4年度\t令和5年度\n1 技術協力による研修員の新規受入人数（人）\t目標値\t8000\t10000\n"
         "\t実績値\t8654\t11032\n2 JICA海外協力隊の新規派遣人数（人）\t目標値\t900\t1200\n\t実績値\t946\t1120\n\n"
         "参考　地域別の研修員受入人数及び協力隊新規派遣人数（令和5年度）\n"
         "地域\t研修員受入人数（人）\t研修員の出身国・地域数（か国・地域）\t協力隊新規派遣人数（人）\n"
         "アジア\t5210\t32\t372\nアフリカ\t2845\t51\t418\n合計\t11032\t146\t1120\n\n"
         "参考　都道府県別の説明会参加者数（人）\n都道府県\t令和4年度\t令和5年度\n東京都\t820\t760\n大阪府\t410\t455\n"
         "福岡県\t230\t198\n合計\t1460\t1413\n\n施策の分析\n本文。\n")


bot = bot_over_texts("breakdowns", {"mofa-r6-6-1-kyoryoku.txt": SHEET})


def test_a_region_asked_after_a_quantity_is_that_quantitys_row(bot):
    conv = bot.conversation()
    assert conv.ask("研修員って令和5年度に何人受け入れたの？").figures[0].value == 11032
    ans = conv.ask("そのうちアフリカからは？")
    assert (ans.figures[0].value, ans.figures[0].unit) == (2845, "人"), ans.text
    ans = bot.ask("研修員の出身国・地域数、アフリカは令和5年度にいくつ？")
    assert (ans.figures[0].value, ans.figures[0].unit) == (51, "か国・地域"), ans.text


def test_the_region_ranked_first_is_a_category_of_the_breakdown(bot):
    # 「一番多かった地域はどこ？」 of the 協力隊 indicator: its breakdown by region, not the indicator's years
    ans = bot.ask("JICA海外協力隊の新規派遣、令和5年度に一番多かった地域はどこ？")
    assert ans.found and "アフリカ" in ans.text.splitlines()[0] and ans.figures[0].value == 418, ans.text


def test_the_categories_that_fell_from_the_year_before(bot):
    ans = bot.ask("説明会参加者数、令和5年度に前年度より減った都道府県はどこ？")
    assert ans.kind == "list" and "2件" in ans.text.splitlines()[0], ans.text
    assert "東京都" in ans.text and "福岡県" in ans.text and "大阪府" not in ans.text
