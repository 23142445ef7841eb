"""Two categories of a breakdown added when its caption speaks of a period but the column asked counts cases
(「分野別の審査期間等」 with columns 審査期間 and 審査請求件数): the cases add up, the periods do not."""
import pytest

from conftest import bot_over_texts

pytestmark = [pytest.mark.slow]

SHEET = ("令和6年度　事前分析表\n\n施策名\t意匠・商標の迅速な審査\n\n"
         "参考指標1　分野別の審査期間等（令和5年度）\n"
         "分野\t審査期間（月）\t審査請求件数（件）\n"
         "生活用品\t6.1\t12,400\n機械器具\t7.3\t9,850\n電気電子\t6.8\t8,120\n")


bot = bot_over_texts("sums-columns", {"jpo-r6-2-1-ishou.txt": SHEET})


def test_counts_of_two_categories_add_up_whatever_the_caption_says(bot):
    ans = bot.ask("令和5年度の審査請求件数、生活用品と機械器具を合わせると何件？")
    assert ans.kind == "sum" and "22,250件" in ans.text, ans.text


def test_periods_are_not_added(bot):
    ans = bot.ask("令和5年度の審査期間、生活用品と機械器具を合わせると？")
    assert ans.kind != "sum" and "13.4" not in ans.text, ans.text
