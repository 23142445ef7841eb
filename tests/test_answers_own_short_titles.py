"""A 施策 named by the three characters its title opens with, where no other 施策's title has them (「博物館の
執行額」 of 「博物館の適切な管理運営」): its budget table answers, not a 達成手段 whose name carries the word."""
import pytest

from conftest import bot_over_texts

pytestmark = [pytest.mark.slow]


def sheet(title: str, means: str, budget: tuple[str, str], spent: tuple[str, str]) -> str:
    return (f"令和6年度　実績評価書\n\n施策名\t{title}\n\n施策の予算額・執行額等（単位：千円）\n"
            "区分\t令和4年度\t令和5年度\n"
            f"当初予算\t{budget[0]}\t{budget[1]}\n執行額\t{spent[0]}\t{spent[1]}\n\n"
            "達成手段（単位：千円）\n達成手段名\t令和5年度予算額\t令和5年度執行額\n"
            f"{means}\t120,000\t98,500\n")


bot = bot_over_texts("short-titles", {
    "bunka-r6-3-1-hakubutsu.txt": sheet("博物館の適切な管理運営", "京都博物館の展示改修（令和4年度）",
                                        ("2,100,000", "2,250,000"), ("1,980,400", "2,204,100")),
    "bunka-r6-3-2-bijutsu.txt": sheet("美術館の整備と活用", "美術館の収蔵庫整備（令和3年度）",
                                      ("880,000", "910,000"), ("850,200", "901,300")),
})


def test_the_policy_named_by_its_title_head_answers_from_its_budget(bot):
    ans = bot.ask("博物館の執行額、令和4年度と5年度ではどっちが多い？")
    assert "2,204,100千円" in ans.text and "1,980,400千円" in ans.text, ans.text
    assert "展示改修" not in ans.text
