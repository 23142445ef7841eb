"""Two years' sheets of one 施策 of our own: next year's names an indicator without the list in its brackets
(「史跡等（A・B・C）の見学者数」 → 「史跡等の見学者数」, the same indicator), drops one indicator and one 達成手段
and adds one: 「削られた」 asks what was dropped, and a question asking both ways gets both."""
import pytest

from conftest import bot_over_texts

pytestmark = [pytest.mark.slow]


def _sheet(year: int, indicators: list[tuple[str, int, int]], means: list[tuple[str, int]]) -> str:
    rows = "".join(f"{k} {name}\t目標値\t{t}\t{t}\n\t実績値\t{v}\t{v}\n"
                   for k, (name, t, v) in enumerate(indicators, 1))
    listed = "".join(f"{name}\t{b}\t{b - 5}\n" for name, b in means)
    return (f"令和{year}年度　実績評価書\n\n施策名\t史跡の公開と活用\n\n測定指標\n"
            f"測定指標\t区分\t令和{year - 2}年度\t令和{year - 1}年度\n{rows}\n"
            f"達成手段（単位：百万円）\n達成手段名\t令和{year - 1}年度予算額\t令和{year - 1}年度執行額\n{listed}\n"
            "施策の分析\n本文。\n")


OLD = _sheet(5, [("史跡等（城跡・古墳・庭園）の見学者数（万人）", 90, 95), ("史跡の修理件数（件）", 12, 11)],
             [("史跡公開事業", 300), ("史跡修理事業", 200)])
NEW = _sheet(6, [("史跡等の見学者数（万人）", 100, 104), ("史跡の案内アプリ利用件数（件）", 5000, 5200)],
             [("史跡公開事業", 320), ("史跡案内の多言語化事業", 80)])

bot = bot_over_texts("dropped", {"bunka-r5-9-1-shiseki.txt": OLD, "bunka-r6-9-1-shiseki.txt": NEW})


def test_the_indicator_cut_is_the_one_dropped_not_the_one_renamed(bot):
    ans = bot.ask("史跡の施策で、前回の評価書から削られた測定指標は何？")
    assert ans.kind == "list" and "1件" in ans.text.splitlines()[0], ans.text
    assert "修理件数" in ans.text and "見学者数" not in ans.text, ans.text


def test_both_ways_asked_are_both_answered(bot):
    ans = bot.ask("史跡の新しい評価書で、達成手段から外れたものと新しく加わったものをそれぞれ教えて。")
    assert "史跡修理事業" in ans.text and "史跡案内の多言語化事業" in ans.text, ans.text
    assert "新たに加わった" in ans.text and "なくなった" in ans.text, ans.text

