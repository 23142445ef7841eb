"""Answers from a web page's inline records (tests/fixtures/own/env-r6-4-1-shizen.txt): the years an indicator
met or missed its target, counted; the indicators counted when the question sets what it counts apart with a
comma (「測定指標、全部でいくつ」); two years of the 施策's budget compared, where a 達成手段 is named after a year."""
import re
from pathlib import Path

import pytest

from conftest import bot_over_texts

pytestmark = [pytest.mark.slow]

SHEET = Path(__file__).parent / "fixtures" / "own" / "env-r6-4-1-shizen.txt"


bot = bot_over_texts("inline", {SHEET.name: SHEET.read_text(encoding="utf-8")})


def test_years_an_indicator_missed_its_target_counted(bot):
    ans = bot.ask("国立公園の利用者数の指標、目標に届かなかった年度はいくつ？")
    assert re.search(r"(?<![和\d])3年度です", ans.text.splitlines()[0]), ans.text
    assert "令和4年度" in ans.text


def test_indicators_counted_after_a_comma(bot):
    ans = bot.ask("自然公園の保護と利用の推進の測定指標、全部でいくつ？")
    assert ans.kind == "count" and "2件" in ans.text.splitlines()[0], ans.text


def test_two_years_compared_are_no_means_begun_in_one_of_them(bot):
    ans = bot.ask("自然公園の施策の執行額、令和3年度と4年度ではどっちが多い？")
    assert "15,301百万円" in ans.text and "14,812百万円" in ans.text, ans.text
    # (「…（令和3年度）」 is when a means began: the years asked name none)
    ans = bot.ask("自然公園等事業費の執行額、令和3年度と4年度ではどっちが多い？")
    assert "利用者受入環境整備" not in ans.text, ans.text


def test_the_grade_of_the_indicator_in_focus_is_its_rows(bot):
    conv = bot.conversation()
    conv.ask("国立公園の利用者数の令和4年度の実績は？")
    ans = conv.ask("その指標の達成状況は？")
    assert "「未達成」" in ans.text and "令和4年度" in ans.text and ans.figures[0].line == 20, ans.text
    ans = conv.ask("令和3年度の判定は？")  # (the sheet's column says 達成状況: its word, for the year now asked)
    assert "令和3年度" in ans.text and ans.figures[0].line == 19, ans.text


def test_the_grade_of_a_named_indicator_for_a_year(bot):
    ans = bot.ask("国立公園の利用者数の令和3年度の達成状況は？")
    assert "「未達成」" in ans.text and "22,404" in ans.text and ans.figures[0].line == 19, ans.text


def test_a_ranking_over_a_group_the_sheet_never_names_is_refused(bot):
    ans = bot.ask("ゾルブラクス関係の達成手段で、令和4年度の予算額が最も多いのはどれ？")
    assert not ans.found and "ゾルブラクス" in ans.text, ans.text
    ans = bot.ask("国立公園の達成手段で、令和4年度の予算額が最も多いのはどれ？")
    assert ans.found and "自然公園等事業費" in ans.text.splitlines()[0], ans.text


def test_words_of_the_policys_title_name_no_second_subject(bot):
    """「自然公園の…」 says where (the 施策 「自然公園の保護と利用の推進」), not 「自然公園指導員の数」 to compare
    with."""
    ans = bot.ask("自然公園の国立公園利用者数、令和2年度と令和4年度ではどちらが多い？")
    values = sorted(f.value for f in ans.figures if f.measure == "実績値")
    assert values == [20118, 28760] and "指導員" not in ans.text, ans.text
