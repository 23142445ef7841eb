"""A sheet of our own for wholes and their parts, pairs and directions: a 「うち…」 row is a part of the row above
(a question naming the whole gets the whole), the gap between two indicators named as a pair, three things a
sentence counts added, an indicator whose grades say higher is better though its target is below the baseline,
a result not out yet (集計中) that its target does not stand in for, and a follow-up that asks 「実際に」."""
import pytest

from conftest import bot_over_texts

pytestmark = [pytest.mark.slow]

SHEET = (
    '令和6年度\u3000法務省政策評価書（実績評価）\n'
    '\n'
    '施策名\t人権相談体制の充実\n'
    '担当部局\t法務省人権擁護局調査救済課\n'
    '\n'
    '施策の予算額・執行額等（単位：百万円）\n'
    '区分\t令和3年度\t令和4年度\t令和5年度\n'
    '当初予算（a）\t2,410\t2,480\t2,530\n'
    '補正予算（b）\t120\t0\t60\n'
    '繰越し等（c）\t0\t0\t0\n'
    '合計（a＋b＋c）\t2,530\t2,480\t2,590\n'
    '執行額\t2,301\t2,377\t2,455\n'
    '\n'
    '【測定指標】\n'
    '\n'
    '測定指標\t区分\t令和元年度\t令和2年度\t令和3年度\t令和4年度\t令和5年度\n'
    '指標1\u3000人権相談窓口の設置箇所数（か所）\t目標値\t－\t320\t320\t320\t320\n'
    '\t実績値\t334\t298\t312\t326\t331\n'
    '\t達成状況\t基準値\t未達成\t未達成\t達成\t達成\n'
    '指標2\u3000人権侵犯事件の処理日数の平均（日）\t目標値\t－\t60以下\t58以下\t56以下\t54以下\n'
    '\t実績値\t63\t61\t57\t57\t53\n'
    '\t達成状況\t基準値\t未達成\t達成\t未達成\t達成\n'
    '指標3\u3000電話による人権相談の件数（件）\t目標値\t－\t－\t－\t－\t－\n'
    '\t実績値\t11,204\t10,988\t10,512\t10,031\t9,874\n'
    '指標4\u3000メールによる人権相談の件数（件）\t目標値\t－\t－\t－\t－\t－\n'
    '\t実績値\t4,120\t4,633\t5,102\t5,577\t6,018\n'
    '指標5\u3000相談者アンケートの満足度（％）\t目標値\t－\t－\t－\t80\t82\n'
    '\t実績値\t－\t－\t－\t78.4\t集計中\n'
    '\n'
    '【参考指標】（目標値は設定していない）\n'
    '\n'
    '参考指標\t令和元年度\t令和2年度\t令和3年度\t令和4年度\t令和5年度\n'
    '人権擁護委員に寄せられた相談の件数（件）\t21,530\t20,114\t19,880\t20,412\t21,005\n'
    'うちインターネット上の人権侵害に関する相談（件）\t1,985\t2,310\t2,507\t2,744\t3,098\n'
    '\n'
    '施策の進捗状況（実績）\n'
    '令和5年度に処理した人権侵犯事件を類型別にみると、学校が関係するものが58件と最も多く、次いで職場が41件、地域社会が33件であった。\n'
    '\n'
    '\n'
    '【参考】\n'
    '表3　局別の人権侵犯事件の処理件数（令和5年度）\n'
    '局\t処理件数（件）\n'
    '法務局（本省扱い）\t12\n'
    '札幌地方法務局\t64\n'
    '仙台地方法務局\t71\n'
    '広島地方法務局\t58\n'
    '合計\t205\n'
    '\n'
)

bot = bot_over_texts("wholes", {"moj-r6-iv-8-soudan.txt": SHEET})


def test_a_whole_asked_is_not_its_part_below(bot):
    ans = bot.ask("人権擁護委員への相談、令和5年度は前年度から何件増えた？")
    assert {21005, 20412} <= {f.value for f in ans.figures} and "593件" in ans.text, ans.text
    ans = bot.ask("インターネット上の人権侵害に関する相談は令和5年度に何件？")
    assert ans.figures[0].value == 3098, ans.text


def test_the_gap_between_two_named_is_of_both(bot):
    ans = bot.ask("令和5年度の人権相談、電話とメールでどれくらい差がある？")
    assert ans.kind == "comparison" and {f.value for f in ans.figures} == {9874, 6018}, ans.text
    assert "3,856件" in ans.text, ans.text


def test_three_things_a_sentence_counts_are_added(bot):
    ans = bot.ask("令和5年度に処理した人権侵犯事件で、学校・職場・地域社会が関係するものを合わせると何件？")
    assert ans.kind == "sum" and sorted(f.value for f in ans.figures) == [33, 41, 58], ans.text
    assert "132件" in ans.text, ans.text


def test_categories_named_by_their_heads_before_the_ending_they_share(bot):
    """「札幌と広島の地方法務局」: 札幌地方法務局 and 広島地方法務局 (not 法務局（本省扱い）, whose name is inside the
    ending), a year before them saying when."""
    ans = bot.ask("令和5年度、札幌と広島の地方法務局で処理した件数を合わせると何件？")
    assert ans.kind == "sum" and sorted(f.value for f in ans.figures) == [58, 64], ans.text


def test_the_grades_say_which_way_is_better(bot):
    """指標1's target (320) is below its baseline (334), yet 326 against 320 is graded 達成: higher is better."""
    ans = bot.ask("How many of the human rights consultation indicators are lower-is-better?")
    assert ans.kind == "count" and "処理日数" in ans.text and "設置箇所数" not in ans.text, ans.text


def test_a_result_not_out_yet_is_not_its_target(bot):
    ans = bot.ask("相談者アンケートの満足度は令和5年度に何％だった？")
    assert 82 not in [f.value for f in ans.figures] and "集計中" in ans.text, ans.text


def test_a_follow_up_asking_what_was_actually_spent(bot):
    conv = bot.conversation()
    assert conv.ask("人権相談体制の充実、令和5年度の予算額計はいくら？").figures[0].value == 2590
    ans = conv.ask("で、実際に執行したのは？")
    assert (ans.figures[0].measure, ans.figures[0].value) == ("執行額", 2455), ans.text


def test_english_gap_from_the_target_and_the_prior_year(bot):
    ans = bot.ask("For human rights consultation offices in FY2020, how far was the actual count from the target?")
    assert ans.kind == "comparison" and {f.value for f in ans.figures} == {298, 320}, ans.text
    conv = bot.conversation()
    assert conv.ask("How many human rights consultation offices were there in FY2023?").figures[0].value == 331
    ans = conv.ask("And the prior year?")
    assert (ans.figures[0].fiscal_year, ans.figures[0].value) == (2022, 326), ans.text


def test_a_follow_up_naming_another_subject_asks_its_value_not_the_target(bot):
    conv = bot.conversation()
    assert conv.ask("人権相談窓口の設置箇所数は令和5年度にいくつ？").figures[0].value == 331
    assert conv.ask("その年の目標は？").figures[0].value == 320
    ans = conv.ask("And how high was the satisfaction of those who consulted in FY2022?")
    assert (ans.figures[0].measure, ans.figures[0].value) == ("実績値", 78.4), ans.text
