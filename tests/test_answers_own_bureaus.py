"""A sheet of our own whose budget table lists carry-overs apart with the budget they make (予算現額) and what was
left (不用額), and whose breakdown's categories all end in one word (…財務局): categories named without it
(「近畿と東海」) are compared and added, and the budget's own rows answer for what they hold."""
import pytest

from conftest import bot_over_texts

pytestmark = [pytest.mark.slow]

SHEET = ("令和6年度　財務省　実績評価書\n\n施策名\t未利用国有地の有効活用\n\n施策の予算の状況（単位：百万円）\n"
         "区分\t令和3年度\t令和4年度\t令和5年度\n当初予算（a）\t1,200\t1,260\t1,310\n補正予算（b）\t100\t0\t80\n"
         "前年度からの繰越額（c）\t50\t70\t40\n翌年度への繰越額（d）\t△70\t△40\t△90\n"
         "予算現額（a＋b＋c－d）\t1,280\t1,290\t1,340\n執行額（e）\t1,201\t1,240\t1,255\n"
         "不用額（予算現額－e）\t79\t50\t85\n\n"
         "測定指標\n測定指標\t区分\t令和3年度\t令和4年度\t令和5年度\n"
         "1　未利用国有地の売却件数（件）\t目標値\t650\t660\t670\n\t実績値\t641\t672\t690\n\n"
         "参考指標1　財務局別の未利用国有地の売却件数（令和5年度）\n財務局\t売却件数（件）\n"
         "関東財務局\t305\n東海財務局\t131\n近畿財務局\t198\n九州財務局\t56\n合計\t690\n\n"
         "施策の分析\n売却は順調に進んだ。\n")

bot = bot_over_texts("bureaus", {"mof-r6-4-2-miriyou.txt": SHEET})


def test_categories_named_without_the_word_they_all_end_in(bot):
    ans = bot.ask("令和5年度の未利用国有地の売却件数、近畿と東海ではどっちが多い？")
    assert ans.kind == "comparison" and {198, 131} <= {f.value for f in ans.figures}, ans.text
    assert "近畿財務局" in ans.text.splitlines()[0], ans.text


def test_categories_named_short_are_added(bot):
    ans = bot.ask("令和5年度の売却件数、近畿と九州を合わせると何件？")
    assert ans.kind == "sum" and "254件" in ans.text, ans.text


def test_the_budget_tables_own_rows_answer(bot):
    ans = bot.ask("未利用国有地の有効活用の令和5年度の予算現額はいくら？")
    assert ans.figures and (ans.figures[0].measure, ans.figures[0].value) == ("予算現額", 1340), ans.text
    ans = bot.ask("未利用国有地の有効活用の令和4年度の不用額は？")
    assert ans.figures and (ans.figures[0].measure, ans.figures[0].value) == ("不用額", 50), ans.text
    ans = bot.ask("未利用国有地の有効活用の令和5年度の翌年度への繰越額は？")
    assert ans.figures and ans.figures[0].value == -90, ans.text
