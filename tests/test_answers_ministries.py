"""Reading and answering the forms of other ministries: tables named in their header row, calendar years,
years down the first column with labelled 基準値 / 目標値, targets written as bounds (「2,000以下」), a 施策's
sheets of two years, and English questions that name things in other words.

The sheets (tests/sheets/meti-r5-6-1-chusho, npa-r4/r5-4-1-kotsu, moj-r5-v-13-saihan) were written by someone
who had read no code, after the published layouts of 経済産業省, 警察庁 and 法務省. The questions here are
phrased anew, not taken from the question sets measured in the README.
"""

import pytest

from conftest import SEED, SHEETS, assistant_over

pytestmark = [pytest.mark.slow]
METI, NPA_R4, NPA_R5, MOJ = (SHEETS / f"{n}.txt" for n in (
    "meti-r5-6-1-chusho", "npa-r4-4-1-kotsu", "npa-r5-4-1-kotsu", "moj-r5-v-13-saihan"))


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return assistant_over(tmp_path_factory, "ministries", (SEED, METI, NPA_R4, NPA_R5, MOJ))


def _figures(path):
    from evalqa.parser import load_sheet

    return load_sheet(path)


def test_a_table_named_in_its_header_row_is_read_with_calendar_years_and_its_target_rows():
    sheet = _figures(NPA_R5)
    assert sheet.title == "交通事故の抑止"
    deaths = [f for f in sheet.figures if f.subject.startswith("交通事故死者数")]
    got = {(f.measure, f.fiscal_year): (f.value, f.year_label) for f in deaths}
    # The row under year columns, with its targets on a row of their own: what was achieved.
    assert got[("実績値", 2022)] == (2610, "令和4年")
    assert got[("年度目標値", 2022)][0] == 2560
    assert got[("目標値", 2025)][0] == 2000 and got[("基準値", 2020)][0] == 2839
    # The table opens a section of its own; the 達成手段 table, whose header names it, too.
    assert deaths[0].section == ["業績指標"]
    means = [f for f in sheet.figures if f.table == "達成手段"]
    assert {f.section[-1] for f in means} == {"達成手段"} and len({f.subject for f in means}) == 4
    fields = {f["label"]: f["value"] for f in sheet.fields}
    assert "小野寺健太" in fields["作成責任者名"]


def test_years_down_the_first_column_with_labelled_baseline_and_target():
    sheet = _figures(MOJ)
    assert sheet.form == "general" and sheet.title == "再犯防止対策の推進"  # (not its place in the system)
    rate = {(f.measure, f.fiscal_year): f for f in sheet.figures if f.subject.startswith("出所受刑者")}
    assert rate[("基準値", 2015)].value == 16.9 and rate[("目標値", 2026)].value == 12.0
    assert rate[("目標値", 2026)].raw == "12.0以下"
    assert rate[("実績値", 2022)].value == 13.0 and rate[("年度目標値", 2022)].value == 13.5
    budget = {(f.measure, f.fiscal_year): f.value for f in sheet.figures if f.table == "施策の予算額・執行額等"}
    assert budget[("執行額", 2022)] == 4633407
    assert budget[("概算要求額", 2024)] == 5361020  # 「令和６年度概算要求額 | 5,361,020」


def test_targets_missed_by_indicators_better_when_lower(bot):
    ans = bot.ask("再犯防止対策の推進で、令和4年度の年度目標値に届かなかった測定指標はいくつ？")
    assert ans.found and "2件" in ans.text.splitlines()[0]
    assert "帰住先" in ans.text and "協力雇用主" in ans.text and "無職" not in ans.text.split("|")[0]


def test_the_years_one_indicator_missed_its_target(bot):
    ans = bot.ask("保護観察終了時に無職である者の割合は、どの年度に目標を達成できなかったか")
    assert ans.found and "2年度" in ans.text.splitlines()[0]
    assert "令和2年度、令和3年度" in ans.text


def test_execution_rate_ranking_from_budget_and_execution_columns(bot):
    ans = bot.ask("交通事故の抑止の達成手段で、令和4年度の執行率がいちばん低いのは？")
    assert ans.kind == "ranking" and "高齢運転者対策の推進" in ans.text.splitlines()[0]


def test_a_request_compared_with_an_initial_budget(bot):
    ans = bot.ask("再犯防止対策の推進の令和6年度概算要求額は、令和5年度の当初予算と比べて増えた？")
    assert ans.kind == "comparison" and "増えました" in ans.text
    assert sorted(f.value for f in ans.figures) == [5032748, 5361020]


def test_a_qualifier_the_table_does_not_count_by_is_refused(bot):
    ans = bot.ask("令和4年の自転車乗用中の重傷者数は何人？")
    assert not ans.found and not ans.figures


def test_an_opinion_is_not_given(bot):
    ans = bot.ask("交通事故の抑止の予算は無駄だと思いますか？")
    assert not ans.found and "意見" in ans.text


def test_a_sentence_that_names_what_the_table_does_not(bot):
    ans = bot.ask("下請かけこみ寺で対応した相談は何件？")
    assert ans.kind == "stated" and ans.figures[0].value == 6842


def test_english_names_an_indicator_in_other_words(bot):
    ans = bot.ask("What was the number of drink-driving accidents in 2021?")
    f = ans.figures[0]
    assert ans.found and (f.measure, f.fiscal_year, f.value) == ("実績値", 2021, 2198)
    assert f.sheet in (NPA_R4.stem, NPA_R5.stem) and "飲酒運転による交通事故件数" in ans.text
    # Counted in people: never a count of 件 from a sentence about accidents, and no guess between two
    # indicators the embedder cannot tell apart.
    people = bot.ask("What was the number of people seriously injured in road traffic accidents in 2022?")
    assert not people.found or people.figures[0].value == 26027


def test_english_names_a_policy_and_asks_its_budget(bot):
    ans = bot.ask("How much did the recidivism prevention policy spend in FY2021?")
    f = ans.figures[0]
    assert (f.sheet, f.measure, f.fiscal_year, f.value) == (MOJ.stem, "執行額", 2021, 4601892)
    # 'policy' with money: the 施策's own table, not a 達成手段 whose name the embedder finds close.
    ans = bot.ask("What was the initial budget of the traffic accident prevention policy in FY2022?")
    assert (ans.figures[0].measure, ans.figures[0].value) == ("当初予算(a)", 17035908)


def test_english_qualifier_the_tables_do_not_separate_is_refused(bot):
    # Deaths of cyclists are not all deaths: the embedder's closest indicator does not answer.
    ans = bot.ask("How many cyclists died in traffic accidents in 2022?")
    assert not ans.found and not ans.figures


def test_english_counts_the_sheets_structure(bot):
    ans = bot.ask("How many indicators does the MOJ recidivism prevention sheet have?")
    assert ans.found and "4" in ans.text.splitlines()[0]
