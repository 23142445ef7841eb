"""Reading and answering a seventh group of forms:
- breakdown tables (国・地域 | R1年 | R4年; 県 | 参加者数 | 実施団体数);
- transposed indicator tables with letter-coded columns (復興庁);
- per-year 達成度 rows of ○△× (消費者庁, two years of one 施策);
- an Excel workbook with merged headers and units at the right end of caption rows (こども家庭庁);
- a PDF with one table per indicator (防衛省);
- 【label】value header fields (観光庁).

The sheets (tests/sheets/caa-r5/r6-4-2-shohisha, jta-r5-7-2-kanko, rc-r5-2-1-hisaisha, cfa-r6-2-1-hoiku.xlsx,
mod-r5-3-kichi.pdf) were written by someone who had read no code. The questions here are phrased anew, not taken
from the question sets measured in the README.
"""

import pytest

from conftest import SEED, SHEETS, assistant_over

pytestmark = [pytest.mark.slow]
CAA5, CAA6, JTA, RC, CFA, MOD = (SHEETS / n for n in (
    "caa-r5-4-2-shohisha.txt", "caa-r6-4-2-shohisha.txt", "jta-r5-7-2-kanko.txt", "rc-r5-2-1-hisaisha.txt",
    "cfa-r6-2-1-hoiku.xlsx", "mod-r5-3-kichi.pdf"))


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return assistant_over(tmp_path_factory, "forms7", (SEED, CAA5, CAA6, JTA, RC, CFA, MOD))


def _sheet(path):
    from evalqa.parser import load_sheet

    return load_sheet(path)


def _of(sheet, subject, **kw):
    return [f for f in sheet.figures if f.subject.startswith(subject)
            and all(getattr(f, k) == v for k, v in kw.items())]


def test_a_breakdown_table_gives_one_series_per_category_of_the_captions_quantity():
    sheet = _sheet(JTA)
    korea = _of(sheet, "（参考指標）国・地域別訪日外国人旅行者数", series="韓国")
    assert {(f.fiscal_year, f.value, f.unit) for f in korea} == {(2019, 558.5, "万人"), (2022, 101.3, "万人")}
    # a caption's own year, and a column the caption does not count is a subject of its own
    rc = _sheet(RC)
    assert _of(rc, "「心の復興」事業の県別参加者数", series="宮城県")[0].value == 30118
    groups = _of(rc, "「心の復興」事業の県別実施団体数", series="宮城県")
    assert groups[0].value == 52 and groups[0].fiscal_year == 2022 and groups[0].unit is None


def test_a_transposed_table_reads_letters_as_the_indicators_an_earlier_table_named():
    sheet = _sheet(RC)
    assert [f.value for f in sorted(_of(sheet, "避難者数", measure="実績値"), key=lambda f: f.fiscal_year)] == \
        [52731, 47737, 41241, 34865, 30884]
    assert _of(sheet, "避難者数", measure="基準値")[0].fiscal_year == 2018
    # 「A（以下）」 in the targets table is A's, and the 最終目標 row holds each target's own year
    assert _of(sheet, "避難者数", measure="年度目標値", fiscal_year=2022)[0].value == 30000
    assert {(f.fiscal_year, f.value) for f in _of(sheet, "応急仮設住宅の入居戸数", measure="目標値")} == {(2023, 0)}
    # the 達成状況 table grades each year's 実績値
    assert _of(sheet, "生活再建の見通し", measure="実績値", fiscal_year=2021)[0].note == "達成状況: 未達成"
    # 「執行率(d/(a+b+c))（％）」 is the 執行率 row
    assert _of(sheet, "施策の予算額・執行額等", measure="執行率", fiscal_year=2020)[0].value == 84.3


def test_a_grade_row_of_marks_grades_each_years_result_and_a_cross_is_no_value():
    sheet = _sheet(CAA6)
    pio = sorted(_of(sheet, "相談受付からPIO-NET", measure="実績値"), key=lambda f: f.fiscal_year)
    assert [f.note for f in pio] == ["達成度: ×", "達成度: △", "達成度: △", "達成度: △"]
    assert not [f for f in sheet.figures if f.subject.startswith("相談受付から") and f.value is None
                and f.measure == "実績値"]


def test_a_workbooks_caption_rows_units_merged_years_and_value_year_pairs():
    sheet = _sheet(CFA)
    budget = _of(sheet, "施策の予算額・執行額等", measure="当初予算(a)", fiscal_year=2024)
    assert budget[0].value == 468930 and budget[0].unit == "百万円"
    trial = _of(sheet, "こども誰でも通園制度試行的事業", fiscal_year=2023)
    assert {(f.measure, f.value) for f in trial} >= {("予算額", 1050), ("執行額", 612), ("執行率", 58.3)}
    waiting = _of(sheet, "保育所等待機児童数")
    assert {(f.measure, f.fiscal_year, f.value) for f in waiting} >= {("基準値", 2020, 12439), ("目標値", 2024, 0)}
    # 「令和5年度の達成状況」 grades that year's 実績値 only
    assert [f.note for f in waiting if f.measure == "実績値" and f.note] == ["達成状況: 未達成"]


def test_bracketed_header_fields_and_an_agency_as_the_ministry():
    sheet = _sheet(JTA)
    assert sheet.title.startswith("観光立国の推進") and sheet.ministry == "観光庁"
    fields = {f["label"]: f["value"] for f in sheet.fields}
    assert fields["担当部局名"] == "観光庁観光戦略課" and fields["政策評価実施予定時期"] == "令和7年8月"


def test_a_pdf_indicator_table_keeps_each_columns_unit():
    sheet = _sheet(MOD)
    complaints = _of(sheet, "主要飛行場周辺における航空機騒音", fiscal_year=2022)
    assert {(f.measure, f.value, f.unit) for f in complaints} >= {("実績値", 11038, "件"), ("達成率", 77.0, "%")}
    assert {f.note for f in complaints if f.measure == "実績値"} == {"評価: C"}


def test_two_categories_of_one_table_are_compared_and_the_total_is_no_category(bot):
    ans = bot.ask("訪日客の費目別消費額で、令和4年は飲食費と交通費のどっちが大きかった？")
    assert ans.found and ans.kind == "comparison" and {f.value for f in ans.figures} == {2001, 1012}
    assert "飲食費が交通費より大きい" in ans.text
    ans = bot.ask("令和元年の訪日客の消費額を費目別に並べると、最も大きい費目は？")
    assert ans.found and ans.kind == "ranking" and ans.figures[0].value == 16690 and "買物代" in ans.text


def test_a_grade_asked_for_a_year_lists_what_the_sheet_graded_so_that_year(bot):
    ans = bot.ask("消費者庁の令和6年度の評価書で、令和2年度の達成度が×の指標はどれ？")
    first = ans.text.splitlines()[0]
    assert ans.found and "2件" in first
    assert "PIO-NET" in ans.text and "188" in ans.text and "年度を通じて" not in ans.text


def test_an_english_question_quoting_a_means_name_gets_that_means_and_a_name_no_subject_carries_is_refused(bot):
    ans = bot.ask("What was the FY2022 execution of the shelf-level item 'tourism statistics' (観光統計の整備)?")
    assert ans.found and ans.figures[0].value == 954 and ans.figures[0].measure == "執行額"
    ans = bot.ask("How many households received soundproofing for wind turbines (風車防音) in FY2022?")
    assert not ans.found and not ans.figures


def test_a_part_of_the_previous_sentences_count_is_answered_from_the_sentence(bot):
    ans = bot.ask("令和5年4月の待機児童2,680人のうち、1歳と2歳の子どもは何人だった？")
    assert ans.found and ans.figures[0].value == 2360 and ans.figures[0].measure == "本文記載"


def test_the_newer_sheets_revised_value_is_given_and_the_older_named(bot):
    ans = bot.ask("見守りネットワークを設置した地方公共団体の数、令和4年度の実績は？")
    assert ans.found and ans.figures[0].value == 451 and "448" in ans.text


def test_a_why_about_an_indicator_is_the_passage_with_the_cause_not_the_indicators_own_field(bot):
    # (the sheet's 指標B field describes the indicator; why it will be dropped is said under 次期目標等への反映)
    ans = bot.ask("指標Bが次期評価で削除されるのはなぜ？（復興庁）")
    assert ans.kind == "prose" and "恒久的な住まいへ移行する見込み" in ans.text
    own = bot.ask("復興庁の指標Bは？")  # the field itself, asked by its label, still answers
    assert own.kind == "metadata" and "住まいの確保の進捗" in own.text
