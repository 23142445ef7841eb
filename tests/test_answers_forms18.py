"""The thirtieth session's mechanisms, on sheets of our own: a breakdown whose rows are graded each against a
target of their own (「実施率 | 区分別目標 | 達成状況」 twice, under a legend of the marks), its rows ranked and listed
by grade, a breakdown's rate ranked by the noun its rows are (「…が最も低い水域は？」), a rate indicator's target
(「…達成率の目標値」), and 達成手段 added by list number with no 施策 named."""
import pytest

from conftest import bot_over_texts

pytestmark = [pytest.mark.slow]

# 教育委員会 types, each with its own target for two rates, and a grade of each rate against its target
HEADER = "\t".join([
    "設置者区分", "学校数（校）", "ICT校務化率（％）", "区分別目標（％）", "達成状況",
    "勤務記録率（％）", "区分別目標（％）", "達成状況"])
SCHOOLS = f"""令和6年度実績評価書
施策名：学校における働き方改革の推進
担当部局：初等中等教育局財務課

1．測定指標
指標1　教員の時間外在校等時間が月45時間以下の割合（％）
　2021年度　実績58.2　／　2022年度　実績61.0　／　2023年度　実績63.4

2．設置者区分別の状況（2023年度）
達成状況　○：区分別目標を達成　△：区分別目標の9割以上　×：区分別目標の9割未満
{HEADER}
政令市	3,120	88.0	85	○	71.5	90	×
中核市	2,480	79.0	85	△	93.0	90	○
一般市	9,310	61.0	80	×	84.0	90	△
町村	4,950	74.0	80	△	66.0	90	×
全体	19,860	72.1	82	－	79.9	90	－

3．達成手段（単位：百万円）
達成手段（開始年度）	令和5年度予算額	令和5年度執行額
①校務支援システム導入支援（令和3年度）	1,200	1,104
②勤務記録の電子化支援（令和4年度）	640	598
"""

WATER = """令和6年度事前分析表
施策名：水道水源の水質保全
担当部局：水管理局水道水質課

2．測定指標
測定指標	基準値	基準年度	目標値	目標年度	区分	2021年度	2022年度	2023年度
1　水道水源の水質基準達成率（％）	80.0	2018年度	90	2028年度	目標値	86.0	87.0	88.0
					実績値	82.0	83.5	84.1

参考指標1　水源種別の水質基準達成率（2023年度）
水源種別	監視地点数	基準達成地点数	達成率（％）
河川表流水	1,200	1,080	90.0
湖沼水	300	195	65.0
地下水	2,500	2,300	92.0
計	4,000	3,575	89.4

4．施策の進捗状況（実績）
　2023年度の水源汚染事故は42件となり、前年度から5件減少した。給水停止に至ったものは計7件で、断水の影響を受けた世帯は計3,150世帯であった。

3．達成手段（単位：百万円）
達成手段（開始年度）	令和5年度予算額	令和5年度執行額
①水源水質監視事業（平成20年度）	310	295
②湖沼水源対策事業（令和2年度）	180	150
"""

bot = bot_over_texts("forms18", {"mext-r6-9-1-hatarakikata.txt": SCHOOLS, "mlit-r6-9-2-suigen.txt": WATER})


def test_a_breakdown_with_each_rows_own_target_and_grade_is_read(bot):
    """Under a legend of the marks (no caption), each rate column is read with its target and its grade."""
    ans = bot.ask("2023年度に勤務記録率の達成状況が×だった設置者区分はいくつ？")
    assert ans.found and "2件" in ans.text.splitlines()[0]
    assert "政令市" in ans.text and "町村" in ans.text and "一般市" not in ans.text


def test_the_rows_graded_so_of_the_rate_named_are_listed(bot):
    ans = bot.ask("ICT校務化率の達成状況が△だった設置者区分をすべて挙げてください。")
    assert ans.found and "中核市" in ans.text and "町村" in ans.text
    assert "政令市" not in ans.text and "一般市" not in ans.text


def test_the_lowest_row_of_the_rate_the_question_names(bot):
    ans = bot.ask("設置者区分別にみて、勤務記録率が最も低いのはどこですか（2023年度）。")
    assert ans.found and ans.kind == "ranking" and ans.figures[0].value == 66.0 and "町村" in ans.text


def test_a_breakdowns_own_rate_ranked_by_the_noun_its_rows_are(bot):
    ans = bot.ask("2023年度に、水質基準達成率が最も低い水源種別は？")
    assert ans.found and ans.figures[0].value == 65.0 and "湖沼水" in ans.text


def test_the_target_of_a_rate_named_as_the_indicator(bot):
    """「…水質基準達成率の目標値」 asks the target, not an achievement worked out from it."""
    ans = bot.ask("水道水源の水質基準達成率の目標値は何％ですか。")
    assert ans.found and ans.figures[0].value == 90 and ans.figures[0].measure == "目標値"


def test_means_added_by_list_number_need_their_sheet(bot):
    """Every sheet has a ① and a ②: with no 施策 named the answer asks which, and named it adds them."""
    ans = bot.ask("達成手段①と②の令和5年度予算額の合計は？")
    assert not ans.found and not ans.figures and "施策名を添えてください" in ans.text
    named = bot.ask("水道水源の水質保全で、達成手段①と②の令和5年度予算額の合計は？")
    assert named.found and "490" in named.text.splitlines()[0]


def test_a_count_whose_paragraph_says_what_it_is_of(bot):
    """「…水源汚染事故は42件となり…。…影響を受けた世帯は計3,150世帯であった。」: the paragraph's subject, said
    first, is the later sentence's too."""
    ans = bot.ask("2023年度の水源汚染事故で影響を受けた世帯は何世帯でしたか。")
    assert ans.found and ans.figures[0].value == 3150
