"""Sheets of the twenty-sixth blind set's forms (tests/qa_blind24_*): a PDF whose indicator table a page break
cuts, the cut row drawn without rules (mod-r6-6-jieikan: its kind 「実績値」 written down its cell one character a
line; cfa-r7-2-1-hoiku: the end of a name above the row's values), a table of categories with the 達成率 each
works out, and two 達成手段 of a PDF added up in English (jma-r6-1-bosai-kisho)."""
import pytest

from conftest import SHEETS, assistant_over

pytestmark = [pytest.mark.slow]
MOD, CFA, JMA = "mod-r6-6-jieikan", "cfa-r7-2-1-hoiku", "jma-r6-1-bosai-kisho"
CFA_OLD = "cfa-r6-2-1-hoiku"


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return assistant_over(tmp_path_factory, "forms14", (SHEETS / f"{MOD}.pdf", SHEETS / f"{CFA}.pdf",
                                                        SHEETS / f"{JMA}.pdf", SHEETS / f"{CFA_OLD}.xlsx"))


def test_the_rows_a_page_break_cut_are_read_with_their_table(bot):
    ans = bot.ask("採用計画達成率、2023年度の実績は？")
    f = ans.figures[0]
    assert (f.sheet, f.measure, f.fiscal_year, f.value) == (MOD, "実績値", 2023, 51.8), ans.text
    ans = bot.ask("自衛官の中途退職者数は2021年度から2023年度にかけてどう推移した？")
    assert [f.value for f in ans.figures if f.measure == "実績値"] == [4350, 5012, 5738], ans.text
    ans = bot.ask("保育の受け皿拡大量の令和5年度の実績は？")
    f = ans.figures[0]
    assert (f.sheet, f.fiscal_year, f.value) == (CFA, 2023, 9.8), ans.text
    assert "108.9" in bot.ask("病児保育事業の延べ利用児童数、令和6年度の実績は？").text


def test_categories_ranked_by_the_rate_their_table_gives(bot):
    ans = bot.ask("採用区分別で、2023年度の達成率が最も低かった区分は？")
    assert ans.kind == "ranking" and "自衛官候補生" in ans.text.splitlines()[0] and ans.figures[0].value == 41.3, \
        ans.text


def test_an_achievement_rate_is_not_worked_out_for_an_indicator_better_lower(bot):
    """実績÷目標 of 中途退職者数 (5,738 against a ceiling of 4,500) would be 127%: no achievement, not ranked."""
    ans = bot.ask("自衛官確保の施策で、2023年度の達成率がいちばん高かった測定指標は？")
    # (refused for now: the 施策's indicators rank in different units; never the 127% of the ceiling)
    assert "中途退職者数" not in ans.text.splitlines()[0], ans.text
    assert not any(f.value and f.value > 120 for f in ans.figures if f.measure.startswith("達成率")), ans.text


def test_two_means_named_in_english_added_up(bot):
    ans = bot.ask("Add up the FY2023 budgets of the geostationary satellite programme and the supercomputer "
                  "programme at JMA.")
    assert ans.kind == "sum" and "18,326,200" in ans.text and len(ans.figures) == 2, ans.text


def test_two_editions_named_by_their_years_compare_the_value_each_writes(bot):
    ans = bot.ask("受け皿拡大量の令和5年度の実績、令和6年度版と令和7年度版で数字が違うけど、"
                  "どっちが大きくて差はいくつ？")
    assert sorted(f.value for f in ans.figures) == [0.2, 9.6, 9.8] and CFA_OLD in ans.text and CFA in ans.text, \
        ans.text


def test_when_the_final_target_is_due_of_the_indicator_in_focus(bot):
    conv = bot.conversation()
    conv.ask("病児保育の延べ利用児童数、令和6年度の実績は？")
    ans = conv.ask("最終目標はいつまでに達成する予定？")
    assert "令和8年度" in ans.text and ans.figures[0].value == 150 and "病児保育" in ans.text, ans.text


def test_a_rate_compared_between_two_rows_named_is_the_rate_column(bot):
    ans = bot.ask("2023年度の採用計画の達成率、一般曹候補生と自衛官候補生ではどっちが高い？")
    assert sorted(f.value for f in ans.figures if f.measure == "達成率") == [41.3, 54.3], ans.text
    # (in English, the Japanese names it writes must be the subject's: no budget of another line instead)
    ans = bot.ask("Which FY2023 recruitment category hit a higher share of its plan: 一般曹候補生 or 自衛官候補生?")
    assert not any(f.measure == "予算額" for f in ans.figures), ans.text
