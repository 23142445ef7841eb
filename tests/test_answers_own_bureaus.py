"""Sheets of our own: one whose budget table lists carry-overs apart with the budget they make (予算現額) and what
was left (不用額), and whose breakdown's categories all end in one word (…財務局): categories named without it
(「近畿と東海」) are compared and added, and the budget's own rows answer for what they hold; an amount (売却額)
is told from a count (売却件数) by 額; and a sheet named by a run of its title's words that stands mid-title
(「遺棄化学兵器」), whose words then name no indicator. Why an indicator missed: its own sheet's sentence that names
it by its number and gives the cause."""
import pytest

from conftest import bot_over_texts

pytestmark = [pytest.mark.slow]

SHEET = ("令和6年度　財務省　実績評価書\n\n施策名\t未利用国有地の有効活用\n\n施策の予算の状況（単位：百万円）\n"
         "区分\t令和3年度\t令和4年度\t令和5年度\n当初予算（a）\t1,200\t1,260\t1,310\n補正予算（b）\t100\t0\t80\n"
         "前年度からの繰越額（c）\t50\t70\t40\n翌年度への繰越額（d）\t△70\t△40\t△90\n"
         "予算現額（a＋b＋c－d）\t1,280\t1,290\t1,340\n執行額（e）\t1,201\t1,240\t1,255\n"
         "不用額（予算現額－e）\t79\t50\t85\n\n"
         "測定指標\n測定指標\t区分\t令和3年度\t令和4年度\t令和5年度\n"
         "1　未利用国有地の売却件数（件）\t目標値\t650\t660\t670\n\t実績値\t641\t672\t690\n"
         "2　未利用国有地の売却額（億円）\t目標値\t900\t950\t1,000\n\t実績値\t912\t1,036\t1,182\n\n"
         "参考指標1　財務局別の未利用国有地の売却件数（令和5年度）\n財務局\t売却件数（件）\n"
         "関東財務局\t305\n東海財務局\t131\n近畿財務局\t198\n九州財務局\t56\n合計\t690\n\n"
         "施策の分析\n売却は順調に進んだ。指標1については、入札情報の周知による売却件数の増加を目指す。\n\n"
         "目標未達成の要因\n指標1は、令和3年度に地方公共団体からの取得要望が減少したことが主な要因である。\n")

WEAPONS = ("令和6年度　施策評価シート\n\n施策名\t海外における旧軍の遺棄化学兵器の廃棄処理の推進\n\n測定指標\n"
           "測定指標\t区分\t令和3年度\t令和4年度\t令和5年度\n"
           "1　遺棄化学兵器の廃棄処理数（累計）（発）\t目標値\t69,000\t75,000\t81,000\n"
           "\t実績値\t69,820\t74,106\t81,932\n"
           "2　発掘・回収した遺棄化学兵器の数（発）\t目標値\t3,000\t3,000\t3,000\n\t実績値\t2,115\t2,860\t3,412\n"
           "3　廃棄処理1発当たりの平均処理コスト（千円）\t目標値\t580\t560\t540\n\t実績値\t590\t561\t507\n\n"
           "施策の分析\n処理は進んだ。\n")

bot = bot_over_texts("bureaus", {"mof-r6-4-2-miriyou.txt": SHEET, "cao-r6-22-ikikagaku.txt": WEAPONS})


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


def test_an_amount_asked_is_not_a_count(bot):
    ans = bot.ask("未利用地の売却額は令和4年度と5年度のどちらが大きかった？いくら違う？")
    assert {f.value for f in ans.figures} >= {1036, 1182} and "146億円" in ans.text, ans.text
    assert "多いのは令和5年度" in ans.text, ans.text
    ans = bot.ask("関東と九州、令和5年度の売却件数が多いのはどっち？")
    assert ans.kind == "comparison" and {f.value for f in ans.figures} >= {305, 56}, ans.text
    assert "差は249件" in ans.text, ans.text


def test_a_sheet_named_by_a_run_of_its_title_mid_title(bot):
    ans = bot.ask("遺棄化学兵器の処理コスト（1発当たり）は令和3年度以降どう動いた？")
    assert ans.kind == "trend" and [f.value for f in ans.figures if f.measure == "実績値"] == [590, 561, 507], ans.text


def test_why_an_indicator_missed_is_its_sheets_sentence_of_cause(bot):
    ans = bot.ask("国有地の売却件数が令和3年度に目標に届かなかったのはなぜ？")
    assert ans.kind == "prose" and "取得要望が減少" in ans.text and "周知" not in ans.text, ans.text


def test_a_part_that_names_several_things_is_not_added_as_one(bot):
    ans = bot.ask("令和5年度の売却件数、2つの財務局と関東財務局を足すと何件？")
    assert not ans.found and not ans.figures, ans.text
