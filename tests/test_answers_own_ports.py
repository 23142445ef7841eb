"""Two sheets of our own (tests/fixtures/own/mlit-r6-9-{2,3}-kowan.txt) on the same theme in two places: which
施策 a question means is said by a place, by the title's words, or by English words the glossary knows."""
from pathlib import Path

import pytest

from conftest import assistant_over

pytestmark = [pytest.mark.slow]
OWN = Path(__file__).parent / "fixtures" / "own"
HOKKAIDO, OKINAWA = "mlit-r6-9-2-kowan", "mlit-r6-9-3-kowan"


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return assistant_over(tmp_path_factory, "ports", (OWN / f"{HOKKAIDO}.txt", OWN / f"{OKINAWA}.txt",
                                                      OWN / "mhlw-r6-2-1-kenshin.txt"))


def _first(ans):
    f = ans.figures[0]
    return ans.kind, f.sheet, f.subject, f.measure, f.value


def test_a_title_is_named_by_its_words_without_its_action_words_or_a_place_read_twice(bot):
    """「北海道の港湾利用の促進と物流基盤の整備」: 促進 and 整備 say what is done, and 北海道 is one word (not also its
    reading ホッカイドウ): 「港湾利用と物流基盤の評価書」 names it, so the 執行額 asked is the 施策's, not the
    「港湾利用促進調査」 line's."""
    ans = bot.ask("港湾利用と物流基盤の評価書で、令和4年度の執行額は？")
    assert _first(ans) == ("numeric", HOKKAIDO, "政策ごとの予算額等", "執行額", 69870)


def test_a_place_and_a_document_name_a_sheet(bot):
    """「沖縄の評価書で」 names the one 施策 whose title says 沖縄: its own budget, not its one 達成手段's."""
    ans = bot.ask("沖縄の評価書で、令和4年度の執行額は？")
    assert _first(ans) == ("numeric", OKINAWA, "政策ごとの予算額等", "執行額", 22480)


def test_english_the_place_policy_is_the_policy_of_that_place(bot):
    """'the Hokkaido policy', 'the policy on Okinawa': the 施策 as 「北海道の施策」 names it."""
    ans = bot.ask("What was the execution amount of the Hokkaido policy in FY2022?")
    assert _first(ans) == ("numeric", HOKKAIDO, "政策ごとの予算額等", "執行額", 69870)
    ans = bot.ask("What was the FY2022 execution amount of the policy on Okinawa?")
    assert _first(ans) == ("numeric", OKINAWA, "政策ごとの予算額等", "執行額", 22480)


def test_english_prefecture_names_pick_the_indicator_of_that_place(bot):
    ans = bot.ask("How much were the agricultural and fishery exports from ports in Okinawa in FY2022?")
    assert _first(ans) == ("numeric", OKINAWA, "沖縄の港湾からの農水産物輸出額（億円）", "実績値", 47)
    # 'how much' with no budget word asks an amount an indicator holds, not the 施策's budget
    ans = bot.ask("In the evaluation on Hokkaido ports, how much were agricultural and fishery exports in FY2022?")
    assert _first(ans) == ("numeric", HOKKAIDO, "北海道の港湾からの農水産物輸出額（億円）", "実績値", 498)


def test_english_count_in_a_sentence_whose_place_only_the_title_says(bot):
    """「計6回の荷主向け説明会を開催した」 says 那覇港, not 沖縄: the sheet's 施策名 says where. The counted noun
    keeps its 「向け」 (荷主向け説明会, not 荷主向)."""
    ans = bot.ask("In the evaluation on Okinawa ports, how many briefing sessions were held in FY2022?")
    assert (ans.kind, ans.figures[0].sheet, ans.figures[0].subject, ans.figures[0].value) == (
        "stated", OKINAWA, "荷主向け説明会", 6)
    ans = bot.ask("北海道の評価書で、令和4年度の説明会の開催回数は？")
    assert (ans.kind, ans.figures[0].sheet, ans.figures[0].value) == ("stated", HOKKAIDO, 14)


def test_a_sum_over_the_means_of_one_policy(bot):
    """「達成手段の…執行額を合計すると」: every 達成手段 of the 施策 named, added (66,850 + 71), not one of them."""
    ans = bot.ask("北海道の評価書で、達成手段の令和4年度執行額を合計すると？")
    assert ans.kind == "sum" and "66,921" in ans.text.splitlines()[0]
    assert sorted(f.value for f in ans.figures) == [71, 66850]


def test_a_sum_of_means_is_refused_when_the_set_is_not_the_sheets(bot):
    """「達成手段3事業」 of a 施策 with two, or means of no 施策 named: one means' figure (or another 施策's sum)
    would be a wrong number."""
    for q in ("北海道の評価書で、達成手段3事業の令和4年度執行額を合計すると？",
              "達成手段の令和4年度執行額を合計すると？"):
        ans = bot.ask(q)
        assert not ans.found and not ans.figures, q


def test_the_part_after_noushi_is_what_is_counted(bot):
    """「延べ120隻で、このうち85隻は外国船籍」: 「クルーズ船のうち外国船籍は何隻」 asks the part, not the whole."""
    ans = bot.ask("沖縄の評価書で、令和4年度に寄港したクルーズ船のうち外国船籍は何隻？")
    assert (ans.kind, ans.figures[0].value) == ("stated", 85)


def test_a_revision_a_sentence_states_is_the_difference_of_its_two_values(bot):
    """「速報値（3,990万トン）…確定値（4,020万トン）に改めた」: 速報値から確定値で 30万トン, quoted and computed."""
    ans = bot.ask("沖縄の取扱貨物量は速報値から確定値でどれだけ変わった？")
    assert ans.kind == "comparison" and "30万トン増えました（増加" in ans.text
    assert {f.value for f in ans.figures} >= {3990, 4020, 30}


def test_two_things_a_sentence_counts_are_compared_not_two_years_of_the_table(bot):
    """「中国向けが152億円、台湾向けが97億円」: 「中国向けと台湾向けではどちらが多い」 is the sentence's two numbers,
    not the 輸出額 indicator's last two years."""
    ans = bot.ask("北海道の評価書で、農水産物の輸出は中国向けと台湾向けではどちらが多い？")
    assert ans.kind == "comparison" and {f.value for f in ans.figures} == {152, 97}
    assert "中国向けが台湾向けより多い" in ans.text and "55億円" in ans.text


def test_a_part_answers_only_when_the_question_names_what_sets_it_apart(bot):
    """「延べ120隻で、このうち85隻は外国船籍」: how many cruise ships is the whole; foreign ones are the part."""
    assert bot.ask("How many cruise ships called at ports in Okinawa in FY2022?").figures[0].value == 120
    assert bot.ask("In Okinawa, how many foreign cruise ships called in FY2022?").figures[0].value == 85
    assert bot.ask("沖縄の評価書で、令和4年度に寄港した外国船籍のクルーズ船は何隻？").figures[0].value == 85


def test_a_japanese_name_written_in_latin_letters_is_the_sheets_word(bot):
    """'Naha' is no word of the glossary nor of the sheets, but the reading of their 那覇 (ナハ): the sentence about
    那覇港 answers; a Latin name that reads no word of the sheets still refuses."""
    ans = bot.ask("How many briefing sessions for shippers were held at Naha port in FY2022?")
    assert ans.found and ans.figures[0].value == 6 and ans.figures[0].sheet == OKINAWA
    assert not bot.ask("How many briefing sessions for shippers were held at Kagoshima port in FY2022?").found


def test_romanized_readings_are_compared_loosely():
    from evalqa.romaji import kana_to_romaji, loose, readings
    assert kana_to_romaji("ホッカイドウ") == "hokkaidou" and kana_to_romaji("マッチャ") == "matcha"
    assert loose("Hokkaidō") == loose("hokkaidou") == loose("Hokkaido") == "hokkaido"
    assert loose("Shimbashi") == loose(kana_to_romaji("シンバシ"))
    assert readings(["羅臼", "みちびき", "北海道"]) == {"rausu": "羅臼", "michibiki": "みちびき", "hokkaido": "北海道"}


def test_a_value_before_a_correction_is_never_the_tables_value(bot):
    """The table prints 令和2年度's 取扱貨物量 as it is now (3,950万トン) and no sentence states an earlier value of
    it: 「修正前」 is refused rather than answered with the table's value."""
    ans = bot.ask("沖縄の港湾取扱貨物量の令和2年度の値、修正前は何万トンだった？")
    assert not ans.found and not ans.figures
