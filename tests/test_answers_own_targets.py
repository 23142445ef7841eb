"""A sheet of our own whose indicators state their final target in their caption (「最終目標：18.0以下（令和7年度）」)
and whose budget table prints each year's 合計: the final target asked after a trend, a sum over years of the
執行額 (not the table's 合計 row), and 「目標よりどれだけ」 of one year."""
import pytest

from conftest import bot_over_texts

pytestmark = [pytest.mark.slow]

SHEET = ("令和6年度　実績評価書\n\n施策名\t審査の迅速化\n\n施策の予算額・執行額等（単位：千円）\n"
         "区分\t令和3年度\t令和4年度\t令和5年度\n当初予算（a）\t500\t520\t540\n補正予算（b）\t20\t0\t10\n"
         "合計（a＋b）\t520\t520\t550\n執行額\t480\t505\t530\n\n【測定指標】\n"
         "指標1　審査の平均処理日数（日）　※小さいほど良好　　最終目標：600以下（令和7年度）\n"
         "区分\t令和3年度\t令和4年度\t令和5年度\n目標値\t760\t720\t680\n実績値\t876\t798\t742\n\n"
         "指標2　調整事件の解決率（％）　　最終目標：70.0以上（令和8年度）\n"
         "区分\t令和3年度\t令和4年度\t令和5年度\n目標値\t60.0\t62.0\t64.0\n実績値\t58.1\t63.0\t66.7\n\n"
         "施策の分析\n処理日数は短縮した。\n")


bot = bot_over_texts("targets", {"churoi-r6-2-shinsa.txt": SHEET})


def test_the_final_target_a_caption_states_asked_after_a_trend(bot):
    conv = bot.conversation()
    assert conv.ask("審査の平均処理日数は令和3年度から5年度にかけてどう推移した？").kind == "trend"
    ans = conv.ask("それの最終目標は？")
    assert ans.figures and (ans.figures[0].value, ans.figures[0].fiscal_year) == (600, 2025), ans.text
    conv = bot.conversation()
    assert conv.ask("解決率は令和5年度にいくつ？").figures[0].value == 66.7
    ans = conv.ask("それの最終的な目標は？")
    assert ans.figures and (ans.figures[0].value, ans.figures[0].fiscal_year) == (70, 2026), ans.text


def test_a_sum_over_years_adds_the_years_not_the_tables_total_row(bot):
    ans = bot.ask("令和3年度から令和5年度までの執行額を合計すると？")
    assert ans.kind == "sum" and "1,515千円" in ans.text, ans.text


def test_the_year_before_after_a_value_against_its_target_is_compared_again(bot):
    conv = bot.conversation()
    ans = conv.ask("解決率は令和5年度、目標と実績どっちが上だった？")
    assert ans.kind == "comparison" and {f.value for f in ans.figures} == {66.7, 64.0}, ans.text
    ans = conv.ask("じゃあ、その前の年は？")
    assert ans.kind == "comparison" and {f.value for f in ans.figures} == {63.0, 62.0}, ans.text
    ans = conv.ask("さらにその前の年は？")
    assert ans.kind == "comparison" and "下回りました" in ans.text, ans.text



def test_an_english_follow_up_naming_the_thing_in_focus_again(bot):
    from evalqa.conversation import focus_named_again

    conv = bot.conversation()
    ans = conv.ask("What was the average number of days to process a case in FY2023?")
    assert ans.found and ans.figures and ans.figures[0].value == 742, ans.text
    assert focus_named_again("And the target for that rate?", conv.frame) == "And the target for it?"
    assert focus_named_again("And in that year?", conv.frame) == "And in that year?"  # (a year: the one in focus)
    assert focus_named_again("And the target for that rate?", None) == "And the target for that rate?"
    ans = conv.ask("And what was the target for that rate?")  # (「rate」 would read as the 解決率 of another row)
    assert ans.found and ans.figures and ans.figures[0].value == 680, ans.text
