"""Reading and answering six more forms: years down the column in western calendar years (国交省 政策チェックアップ),
full-width digits and a row set one cell right (環境省), an indicator column after the 施策目標 column and two years
of one 施策 (総務省), a 参考指標 row and the 施策's number in its label (厚労省), and an Excel workbook with its units
in its headings (農水省).

The sheets (tests/sheets/mhlw-r5-iii-1-1-rousai, mlit-r5-22-douro-anzen, env-r5-2-1-junkan, maff-r5-19-choujuu.xlsx,
soumu-r4/r5-13-shoubou) were written by someone who had read no code. The questions here are phrased anew, not
taken from the question sets measured in the README.
"""

import pytest

from conftest import SEED, SHEETS, assistant_over

pytestmark = [pytest.mark.slow]
MHLW, MLIT, ENV, MAFF, SOUMU4, SOUMU5 = (SHEETS / n for n in (
    "mhlw-r5-iii-1-1-rousai.txt", "mlit-r5-22-douro-anzen.txt", "env-r5-2-1-junkan.txt", "maff-r5-19-choujuu.xlsx",
    "soumu-r4-13-shoubou.txt", "soumu-r5-13-shoubou.txt"))
MAFF_R4 = SHEETS / "maff-r4-5-hyokasho.txt"  # another form of the same ministry


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return assistant_over(tmp_path_factory, "forms6", (SEED, MHLW, MLIT, ENV, MAFF, MAFF_R4, SOUMU4, SOUMU5))


def _sheet(path):
    from evalqa.parser import load_sheet

    return load_sheet(path)


def _by(sheet, prefix):
    return {(f.measure, f.fiscal_year): f for f in sheet.figures if f.subject.startswith(prefix)}


def test_years_down_the_column_in_western_calendar_years_with_initial_and_target_rows_and_grades():
    sheet = _sheet(MLIT)
    deaths = _by(sheet, "道路交通事故死者数")
    assert deaths[("実績値", 2021)].value == 2644 and deaths[("実績値", 2021)].year_label == "2021年"
    assert deaths[("年度目標値", 2022)].value == 2550
    assert deaths[("初期値", 2019)].value == 3229 and deaths[("目標値", 2025)].value == 2000
    rate = _by(sheet, "幹線道路における死傷事故率")
    assert rate[("初期値", 2019)].unit == "件/億台キロ" and rate[("目標値", 2025)].value == 46
    # 「評価 | B-1」 under an indicator's years grades it
    assert "評価: B-1" in deaths[("実績値", 2022)].note
    # （単位：百万円） on the line above the budget table is its unit
    assert {f.unit for f in sheet.figures if f.table == "施策の予算額・執行額等"} == {"百万円"}


def test_full_width_digits_a_row_set_one_cell_right_and_budget_and_expenditure_in_one_cell():
    sheet = _sheet(ENV)
    dumping = _by(sheet, "産業廃棄物の不法投棄件数")
    # the 年度ごとの目標値 row starts one cell to the right of the years it is under
    assert [dumping[("年度目標値", y)].value for y in (2019, 2020, 2021, 2022)] == [140, 130, 120, 110]
    assert _by(sheet, "資源生産性")[("基準値", 2017)].unit == "万円/トン"
    request = [f for f in sheet.figures if f.measure == "概算要求額"]
    assert [(f.fiscal_year, f.value) for f in request] == [(2024, 105430)]
    grant = _by(sheet, "循環型社会形成推進交付金")
    assert grant[("予算額", 2021)].value == 78612 and grant[("執行額", 2021)].value == 69204
    assert grant[("予算額", 2021)].unit == "百万円"


def test_an_indicator_column_after_the_policy_goal_column_and_either_word_headers():
    sheet = _sheet(SOUMU5)
    members = _by(sheet, "消防団員数")
    assert members[("基準値", 2018)].value == 843667 and members[("目標値", 2025)].value == 850000
    assert members[("実績値", 2022)].value == 784117
    assert _by(sheet, "救急自動車の現場到着所要時間")[("実績値", 2022)].unit == "分"


def test_a_reference_row_is_its_own_subject_and_the_numbered_goal_label_names_the_sheet():
    sheet = _sheet(MHLW)
    assert sheet.title == "労働者が安全で健康に働くことができる職場づくりを推進すること"
    heat = _by(sheet, "（参考指標）熱中症")
    assert heat[("実績値", 2022)].value == 836
    assert _by(sheet, "休業4日以上の死傷者数")[("実績値", 2022)].value == 133592


def test_an_excel_sheet_takes_its_units_from_headings_that_carry_them():
    sheet = _sheet(MAFF)
    means = [f for f in sheet.figures if f.table == "達成手段"]
    assert means and {f.unit for f in means} == {"百万円"}
    assert {f.section[-1] for f in means} == {"達成手段（単位：百万円）"}


def test_the_sheets_own_execution_rate_is_the_answer(bot):
    ans = bot.ask("農林水産省の鳥獣被害の事前分析表、令和3年度の執行率は何％？")
    assert ans.found and ans.figures[0].measure == "執行率" and ans.figures[0].value == 90.6


def test_a_year_whose_result_is_still_being_compiled_is_refused_not_answered_with_its_target(bot):
    ans = bot.ask("ストレスチェック結果を集団分析し活用した事業場の割合、令和4年はどうだった？")
    assert not ans.found and not ans.figures


def test_the_document_of_a_year_named_with_theme_words_between(bot):
    ans = bot.ask("令和4年度の総務省の消防の評価書によると、令和3年の住宅火災の死者数は？")
    assert ans.found and ans.figures[0].value == 938 and ans.figures[0].sheet == "soumu-r4-13-shoubou"
    # without it, the newer sheet's value, and the older one named with the change
    ans = bot.ask("令和3年の住宅火災による死者数は何人？")
    assert ans.figures[0].value == 951 and "938" in ans.text and "増" in ans.text


def test_the_latest_year_shown_is_the_one_a_follow_up_moves_from(bot):
    talk = bot.conversation()
    first = talk.ask("緊急消防援助隊の登録隊数の最新の実績は？")
    assert first.figures[0].fiscal_year == 2022
    before = talk.ask("その前の年は？")
    assert before.figures[0].value == 6629 and before.figures[0].fiscal_year == 2021


def test_a_policy_number_in_digits_names_its_sheet(bot):
    ans = bot.ask("施策目標22の業績指標はいくつありますか")
    assert ans.found and ans.text.splitlines()[0].count("件") == 1 and "5件" in ans.text.splitlines()[0]


def test_indicators_that_all_carry_the_question_words_are_each_answered(bot):
    ans = bot.ask("対日世論調査の一般の部、令和2年度の実績は？")
    names = {f.subject for f in ans.figures}
    assert ans.found and len(names) == 2 and "どれにも当てはまります" in ans.text
    # a year only one of them reports: that one
    ans = bot.ask("対日世論調査の一般の部、令和元年度の実績は？")
    assert ans.found and len({f.subject for f in ans.figures}) == 1 and ans.figures[0].value == 73


def test_an_english_acronym_the_sheets_never_mention_is_refused(bot):
    ans = bot.ask("How many OECD experts visited the United States under MOFA's North America policy in FY2020?")
    assert not ans.found and not ans.figures


def test_a_stated_part_of_a_whole_and_a_qualifier_joined_by_yoru(bot):
    ans = bot.ask("令和4年の休業4日以上の死傷者のうち、新型コロナのり患によるものは何人？")
    assert ans.found and ans.figures[0].value == 12427
    # the table counts all animals together; the prose counts イノシシ apart
    ans = bot.ask("令和4年度のイノシシによる農作物被害額は？")
    assert not ans.figures or ans.figures[0].value == 36


def test_an_achievement_follow_up_compares_the_latest_result_with_the_target_and_says_it_is_not_yet_due(bot):
    talk = bot.conversation()
    talk.ask("総務省の消防の令和5年度評価書で、消防団員数の目標は？")
    ans = talk.ask("それって達成できそう？今のところ達成できてる？")
    assert ans.found and ans.kind == "comparison"
    assert [f.value for f in ans.figures] == [784117, 850000]
    assert "目標年の前" in ans.text and "未達成" in ans.text


def test_the_kind_of_document_named_picks_among_a_ministrys_sheets(bot):
    # the 農水省 has a 実績評価書 (担い手, 4 indicators) and an 事前分析表 (鳥獣被害) here
    ans = bot.ask("農林水産省の事前分析表には測定指標が何個ある？")
    first = ans.text.splitlines()[0]
    assert ans.found and "鳥獣被害" in first and "担い手" not in first and "4件" in first


def test_a_field_asked_by_theme_words_comes_from_the_sheet_the_theme_finds_not_the_first_header(bot):
    ans = bot.ask("厚生労働省の、働く人の安全衛生の施策はどの部局が担当している？")
    assert ans.found and "労働基準局安全衛生部計画課" in ans.text


def test_a_place_the_table_lacks_is_answered_only_by_a_sentence_that_says_it(bot):
    # 緊急消防援助隊's table does not carry 熱海; the sentence about the 熱海市 landslide does
    ans = bot.ask("熱海市の土石流で活動した緊急消防援助隊は延べ何隊？")
    assert ans.kind == "stated" and (ans.figures[0].value, ans.figures[0].unit) == (1248, "隊")
    assert bot.ask("広島市の土砂災害で活動した緊急消防援助隊は延べ何隊？").kind == "refusal"  # no sentence says it


def test_an_agency_filed_under_its_ministry_and_a_count_of_another_thing(bot):
    # 消防庁 is named by the sheets' 担当部局 (their ministry is 総務省); 消防団協力事業所数 counts 事業所 of the
    # 消防団, which 消防団員数 does not: refused, not answered with the members
    members = bot.ask("消防庁によると、令和4年の消防団員数は何人？")
    assert (members.figures[0].sheet, members.figures[0].value) == ("soumu-r5-13-shoubou", 784117)
    firms = bot.ask("消防庁によると、令和4年の消防団協力事業所数は？")
    assert not firms.found and not firms.figures


def test_a_part_counted_as_what_it_is_used_for(bot):
    ans = bot.ask("ジビエのうちペットフードとしての利用量は令和4年度に何トン？")
    assert (ans.kind, ans.figures[0].value, ans.figures[0].unit) == ("stated", 623, "トン")
