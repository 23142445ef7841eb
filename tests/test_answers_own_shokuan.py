"""Answers over a sheet of our own layout (tests/fixtures/own/mhlw-r5-8-2-shokuan.txt): an abbreviation of a
name the sheet prints in full, the count of the year before stated in brackets, a breakdown by destination
beside a sentence about the origin, and a sum of two 達成手段 whose names hold 「の」 and 「・」."""
from pathlib import Path

import pytest

from conftest import assistant_over

pytestmark = [pytest.mark.slow]
SHEET = Path(__file__).parent / "fixtures" / "own" / "mhlw-r5-8-2-shokuan.txt"


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return assistant_over(tmp_path_factory, "shokuan", (SHEET,))


def test_an_abbreviation_names_the_indicator_it_shortens(bot):
    ans = bot.ask("職安の就職件数は令和4年度に何件？")  # 職安: 公共職業安定所
    f = ans.figures[0]
    assert (ans.kind, f.subject, f.measure, f.value) == ("numeric", "公共職業安定所における就職件数（件）", "実績値",
                                                       1104500)


def test_the_year_befores_count_in_brackets_is_a_fact_of_that_year(bot):
    ans = bot.ask("令和3年度の新規求職申込は何件？")
    f = ans.figures[0]
    assert (ans.kind, f.fiscal_year, f.value) == ("stated", 2021, 4602300)
    now = bot.ask("令和4年度の新規求職申込は何件？")
    assert (now.figures[0].fiscal_year, now.figures[0].value) == (2022, 4510200)


def test_a_breakdown_by_destination_does_not_answer_for_the_origin(bot):
    origin = bot.ask("沖縄県からの地域雇用アドバイザーの派遣は何人？")
    assert (origin.kind, origin.figures[0].value) == ("stated", 42)
    destination = bot.ask("沖縄県への地域雇用アドバイザーの派遣人数は？")
    assert (destination.kind, destination.figures[0].series, destination.figures[0].value) == ("numeric", "沖縄県", 60)


def test_a_sum_of_means_named_with_no_and_nakaguro(bot):
    ans = bot.ask("地域雇用活性化推進事業の実施・運営と就職氷河期世代・非正規雇用労働者への支援の令和4年度の執行額を"
                  "合計するといくら？")
    assert ans.kind == "sum" and [f.value for f in ans.figures] == [1712, 2301]
    assert ans.text.splitlines()[0].count("4,013百万円") == 1
