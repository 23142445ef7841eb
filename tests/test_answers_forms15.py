"""Sheets in the shapes of the twenty-seventh blind set's forms (tests/qa_blind25_*), written anew: a 政策評価調書
whose indicators write their years on one line apart by slashes, or a line per kind of value, and a paragraph
whose sentences state several counts, each qualified by words of its own sentence or of those before it."""
import pytest

from conftest import bot_over_texts

pytestmark = [pytest.mark.slow]

SHEET = """令和6年度実績評価書
施策名：地域の消費生活相談体制の充実
施策目標：身近な窓口で消費生活相談を受けられる体制を整える。
担当部局：消費者行政課
作成責任者：消費者行政課長　山田　一郎

2．測定指標
指標1　相談窓口の認知率（％）【主要】
　目標：60.0以上（毎年度）
　令和元年度　実績52.1　／　令和2年度　実績53.0　／　令和3年度　実績61.4
　令和3年度評定：A
指標2　出張相談の開催地数（か所）
　目標：300（令和8年度）
　初期値：80（令和元年度）
　年度目標　令和3年度 120　令和4年度 160
　実績　　　令和2年度 95　令和3年度 118　令和4年度 171

（参考）地方局別の相談件数（令和5年度）（件）
地方局	相談件数
北海道	1,204
東北	2,310
関東	8,925
近畿	4,410
九州	2,987

4．達成手段（単位：千円）
達成手段（開始年度）	令和5年度予算額	令和5年度執行額	執行率（％）
①相談員養成事業（平成21年度）	1,520,000	1,444,000	95.0
②出張相談推進事業（令和2年度）	380,400	301,900	79.4
③相談情報システム運用（平成18年度）	2,105,300	2,063,194	98.0
④広報啓発事業（平成25年度）	96,800	83,248	86.0

3．評価結果
　令和5年度に新たに受け付けた苦情は1,260件であり、処理を終えたものは1,342件であった。この結果、年度末の未処理件数は418件となった。処理を終えた1,342件のうち582件は調停により解決した。
　令和5年度の電話相談の受付件数は2,400件（平日1,650件、休日750件）と、前年度（2,010件）から増加した。
"""

bot = bot_over_texts("forms15", {"caa-r6-9-sodan.txt": SHEET})


def test_the_years_of_an_indicator_written_on_one_line(bot):
    ans = bot.ask("相談窓口の認知率、令和2年度の実績は？")
    f = ans.figures[0]
    assert (f.measure, f.fiscal_year, f.value) == ("実績値", 2020, 53.0), ans.text


def test_lines_of_a_kind_of_value_keep_each_value_under_its_year(bot):
    ans = bot.ask("出張相談の開催地数、令和4年度の年度目標は？")
    f = ans.figures[0]
    assert (f.measure, f.fiscal_year, f.value) == ("年度目標値", 2022, 160), ans.text
    ans = bot.ask("出張相談の開催地数、令和2年度の実績は？")
    f = ans.figures[0]
    assert (f.measure, f.fiscal_year, f.value) == ("実績値", 2020, 95), ans.text


def test_a_count_qualified_in_a_later_sentence_of_its_paragraph(bot):
    ans = bot.ask("令和5年度に調停で解決した苦情は何件？")
    assert ans.found and ans.figures[0].value == 582 and "調停" in ans.text, ans.text
    ans = bot.ask("令和5年度末の苦情の未処理件数は？")
    assert ans.found and ans.figures[0].value == 418, ans.text
    # (the paragraph's first count is what its own words ask)
    ans = bot.ask("令和5年度に新たに受け付けた苦情は何件？")
    assert ans.found and ans.figures[0].value == 1260, ans.text


def test_which_values_pass_a_bound_the_question_sets(bot):
    ans = bot.ask("消費生活相談の達成手段のうち、令和5年度の執行率が90％を下回ったものは？")
    assert ans.kind == "list" and "2件" in ans.text.splitlines()[0], ans.text
    assert sorted(f.value for f in ans.figures) == [79.4, 86.0], ans.text
    # (10億円 in a table of 千円 is 1,000,000: the bound read in the values' unit)
    ans = bot.ask("消費生活相談の達成手段で、令和5年度予算額が10億円以上のものは？")
    assert sorted(f.value for f in ans.figures) == [1520000, 2105300], ans.text
    ans = bot.ask("Which regional bureaus handled more than 4,000 consultations in FY2023?")
    assert sorted(f.value for f in ans.figures) == [4410, 8925], ans.text


def test_two_categories_named_with_the_word_their_rows_leave_out_added_up(bot):
    ans = bot.ask("令和5年度の相談件数、東北地方局と九州地方局を合計すると？")
    assert ans.kind == "sum" and "5,297" in ans.text.splitlines()[0], ans.text


def test_a_follow_up_asks_the_move_from_the_initial_value_of_the_indicator_in_focus(bot):
    # (初期値, the 施策目標個票's word for the baseline; the follow-up names no subject: the one in focus moved)
    conv = bot.conversation()
    conv.ask("出張相談の開催地数、令和4年度の実績は？")
    ans = conv.ask("初期値からどれくらい増えた？")
    assert [f.value for f in ans.figures[:2]] == [80, 171] and "91" in ans.text, ans.text


def test_a_part_of_a_stated_count_asked_after_it_and_the_year_before_of_the_whole(bot):
    conv = bot.conversation()
    assert conv.ask("令和5年度の電話相談の受付件数は？").figures[0].value == 2400
    ans = conv.ask("うち休日の分は？")
    assert ans.figures and ans.figures[0].value == 750, ans.text
    # (「前年度（2,010件）」 after the bracket is the whole's year before, not its last part's)
    ans = bot.ask("令和4年度の電話相談の受付件数は？")
    assert ans.figures and ans.figures[0].value == 2010 and ans.figures[0].fiscal_year == 2022, ans.text
    ans = bot.ask("令和4年度の休日の電話相談の受付件数は？")
    assert not any(f.value == 2010 for f in ans.figures), ans.text
