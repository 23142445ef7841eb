"""Answers over a sheet of our own layout (tests/fixtures/own/mhlw-r6-2-1-kenshin.txt), beside another sheet:
a follow-up that names only a category goes to the breakdown of the sheet in focus that has it."""
from pathlib import Path

import pytest

from conftest import assistant_over

pytestmark = [pytest.mark.slow]
OWN = Path(__file__).parent / "fixtures" / "own"


# Another 施策's sheet whose indicator carries the category's name in its own: what a ranking of the corpus
# would find for 「協会けんぽ」 alone.
OTHER = """令和6年度　厚生労働省　実績評価書

施策名\t3-2　医療保険制度の安定的な運営
担当部局名\t保険局総務課

１．測定指標
測定指標\t令和2年度\t令和3年度\t令和4年度\t目標値（令和5年度）
協会けんぽの加入者数（万人）\t4,030\t4,027\t3,996\t4,000
協会けんぽの平均保険料率（％）\t10.00\t10.00\t10.00\t10.00
協会けんぽの準備金残高（億円）\t40,103\t43,094\t47,500\t45,000

２．施策の分析
協会けんぽの加入者は中小企業の従業員とその家族であり、協会けんぽの財政は賃金の動向に左右される。
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    other = tmp_path_factory.mktemp("other") / "mhlw-r6-3-2-hoken.txt"
    other.write_text(OTHER, encoding="utf-8")
    return assistant_over(tmp_path_factory, "kenshin",
                          (OWN / "mhlw-r6-2-1-kenshin.txt", OWN / "mhlw-r5-8-2-shokuan.txt", other))


def test_a_category_follow_up_reads_the_breakdown_of_the_sheet_in_focus(bot):
    chat = bot.conversation()
    first = chat.ask("令和4年度の特定健診の実施率は？")
    assert (first.kind, first.figures[0].subject, first.figures[0].value) == ("numeric", "特定健康診査の実施率（％）",
                                                                              58.1)
    ans = chat.ask("協会けんぽだけだと？")
    f = ans.figures[0]
    assert (ans.kind, f.series, f.value, f.fiscal_year) == ("numeric", "協会けんぽ", 57.1, 2022)
    assert "保険者種別" in f.subject


def test_a_category_the_sheet_in_focus_lacks_does_not_switch_to_a_breakdown(bot):
    chat = bot.conversation()
    chat.ask("令和4年度の特定健診の実施率は？")
    ans = chat.ask("北海道だけだと？")  # 北海道 is a category of the other sheet's breakdown only
    assert not any(f.value == 57.1 or f.sheet == "mhlw-r6-2-1-kenshin" and f.series for f in ans.figures)


def test_the_policy_as_a_whole_is_its_budget_table_by_year_not_a_means(bot):
    """A 【政策ごとの予算額等】 set out as 予算の状況 by year; 「施策全体の」 asks it, though the question's other
    words are a 達成手段's."""
    ans = bot.ask("特定健康診査の施策全体の令和4年度の執行額は？")
    f = ans.figures[0]
    assert (ans.kind, f.subject, f.measure, f.value) == ("numeric", "政策ごとの予算額等", "執行額", 24406)
    ans = bot.ask("生活習慣病の予防の施策、令和6年度の概算要求額は？")
    assert [(f.measure, f.value) for f in ans.figures[:1]] == [("概算要求額", 26010)]


def test_who_a_count_asks_of_is_the_head_of_the_noun_chain_not_a_table_counting_others(bot):
    """「計52人の地域の健診推進員を配置」 counts 推進員; the indicator counts the 住民 they helped: 「推進員は何人」 is
    the sentence's number."""
    ans = bot.ask("令和4年度に配置された健診推進員は何人？")
    assert (ans.kind, ans.figures[0].value) == ("stated", 52)
    ans = bot.ask("令和4年度に推進員の支援で受診につながった住民の数は？")
    assert ans.figures[0].value == 3410


def test_a_target_stated_in_a_sentence_does_not_answer_how_many_there_were(bot):
    """「目標・特定健康診査の受診者数は3,500万人」 is a target: 「受診者数は？」 of a year is not answered by it."""
    ans = bot.ask("特定健康診査の受診者数は何万人？")
    assert 35000000 not in [f.value for f in ans.figures]
    assert bot.ask("特定健康診査の受診者数の目標は何万人？").figures[0].value == 35000000
