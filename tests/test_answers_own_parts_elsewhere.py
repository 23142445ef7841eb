"""A part of a value stated in a section other than its table's (「参加者数は9,420人（うちオンライン参加者
2,310人）」 under the analysis, the 参加者数 in the indicator table, whose note names the part too): the part asked
is the sentence's, never the table's whole."""
import pytest

from conftest import bot_over_texts

pytestmark = [pytest.mark.slow]

SHEET = ("令和6年度　実績評価書\n\n施策名\t生涯学習の振興\n\n測定指標\n"
         "測定指標\t区分\t令和3年度\t令和4年度\t令和5年度\n"
         "公民館講座の参加者数（人）\t目標\t8,000\t8,500\t9,000\n\t実績\t7,812\t8,644\t9,420\n"
         "（注）参加者数には、オンラインによる参加者を含む。\n\n"
         "施策の分析\n令和5年度は公民館講座を計212回開催し、参加者数は9,420人（うちオンライン参加者2,310人）となった。\n")


bot = bot_over_texts("parts-elsewhere", {"mext-r6-5-1-shogai.txt": SHEET})


def test_the_part_a_sentence_states_beside_the_tables_whole(bot):
    ans = bot.ask("公民館講座のオンライン参加者って令和5年度何人だった？")
    assert ans.kind == "stated" and [f.value for f in ans.figures] == [2310], ans.text


def test_the_whole_stays_the_tables(bot):
    ans = bot.ask("公民館講座の参加者は令和5年度に何人？")
    assert "9,420人" in ans.text.splitlines()[0] and ans.kind != "stated", ans.text
