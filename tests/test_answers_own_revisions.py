"""Notes of two sheets of our own, each stating a value's 速報値 and 確定値 for one of its numbered indicators
(「測定指標1の令和3年の値は、前年度の評価書では速報値（938人）…確定値（951人）に更新した」): the note of the
indicator the question names answers, not the other sheet's of the same year and unit."""
import pytest

from conftest import bot_over_texts

pytestmark = [pytest.mark.slow]

FIRE = ("令和5年度　実績評価書\n\n施策名\t消防防災体制の充実強化\n\n測定指標\n"
        "測定指標\t令和元年\t令和2年\t令和3年\n1　住宅火災による死者数（人）\t899\t899\t951\n"
        "2　住宅用火災警報器の設置率（％）\t82.3\t83.1\t84.0\n"
        "（注）測定指標1の令和3年の値は、前年度の評価書では速報値（938人）を記載していたが、確定値（951人）に更新した。\n\n"
        "施策の分析\n本文。\n")
ROADS = ("令和5年度　実績評価書\n\n施策名\t道路交通の安全\n\n測定指標\n"
         "測定指標\t令和元年\t令和2年\t令和3年\n1　交通事故死者数（人）\t3,215\t2,839\t2,636\n"
         "2　交通事故重傷者数（人）\t32,025\t27,775\t27,204\n"
         "※指標2の令和3年の値は、前年度の評価書では速報値（27,198人）を記載していたが、確定値（27,204人）に更新した。\n\n"
         "施策の分析\n本文。\n")


bot = bot_over_texts("revisions", {"soumu-r5-13-kasai.txt": FIRE, "npa-r5-4-1-kotsu.txt": ROADS})


def test_the_note_of_the_indicator_named_is_compared(bot):
    ans = bot.ask("住宅火災の死者数の令和3年分、速報値と確定値ってどっちが多くて何人違う？")
    assert ans.kind == "comparison" and {f.value for f in ans.figures} >= {938, 951, 13}, ans.text
    ans = bot.ask("交通事故の重傷者数、令和3年の速報値と確定値の差は？")
    assert ans.kind == "comparison" and {f.value for f in ans.figures} >= {27198, 27204, 6}, ans.text
