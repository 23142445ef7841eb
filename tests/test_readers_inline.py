"""Tables a web page writes one record to a line (readers/inline.py), on a sheet of our own: a year's values
inline with their labels under an indicator's caption, the years of one series on one line, a year's whole
with its parts in brackets, a year over its slash-separated budget values, and 達成手段 one to a line."""
from pathlib import Path

import pytest

from evalqa import load_sheet
from evalqa.readers.base import Line
from evalqa.readers.inline import inline_tables

SHEET = Path(__file__).parent / "fixtures" / "own" / "env-r6-4-1-shizen.txt"


def sheet_of(tmp_path, name, lines):
    """The sheet of a text of our own, one line a list item, written under the file name given."""
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return load_sheet(path)



@pytest.fixture(scope="module")
def figures():
    return load_sheet(SHEET).figures


def one(figures, measure, year, subject_has):
    hits = [f for f in figures if subject_has in f.subject and f.measure == measure and f.fiscal_year == year]
    assert len(hits) == 1, (subject_has, measure, year, [(f.subject, f.measure, f.fiscal_year) for f in figures])
    return hits[0]


def test_year_records_give_actuals_and_targets_on_their_own_lines(figures):
    f = one(figures, "実績値", 2022, "国立公園の利用者数")
    assert (f.value, f.unit, f.line) == (28760, "万人", 20)
    assert one(figures, "目標値", 2022, "国立公園の利用者数").value == 30000
    assert one(figures, "目標値", 2020, "国立公園の利用者数").value == 32000
    # (「令和5年度：集計中」: no number is made up for it)
    assert not [f for f in figures if "利用者数" in f.subject and f.fiscal_year == 2023 and f.value is not None]


def test_a_series_on_one_line_is_its_indicators(figures):
    got = {f.fiscal_year: f.value for f in figures if "外来種" in f.subject and f.measure == "実績値"}
    assert got == {2020: 12, 2021: 14, 2022: 13}


def test_a_whole_and_its_parts_in_brackets(figures):
    whole = [f for f in figures if f.subject == "国立公園の訪日外国人利用者数（万人）" and f.fiscal_year == 2021]
    assert [(f.value, f.line) for f in whole] == [(41, 28)]
    part = one(figures, "実績値", 2021, "（日光）")
    assert "訪日外国人利用者数" in part.subject and part.value == 6
    assert not [f for f in figures if "うち" in f.subject]


def test_a_year_over_its_budget_values(figures):
    budget = {(f.measure, f.fiscal_year): f.value for f in figures if f.subject == "施策の予算額・執行額等"}
    assert budget[("執行額", 2022)] == 15301
    assert budget[("補正予算", 2021)] == 3200
    assert budget[("繰越し等", 2021)] == -410


def test_means_one_to_a_line_take_the_year_of_their_caption(figures):
    f = one(figures, "執行額", 2022, "自然公園等事業費")
    assert (f.value, f.unit, f.line) == (8702, "百万円", 32)
    assert one(figures, "執行率", 2022, "国立公園満喫プロジェクト").value == 93.8


def test_a_sentence_is_left_as_it_is():
    lines = [Line(1, ["令和4年度の利用者数は28,760万人となり、前年度から増加した。"]),
             Line(2, ["令和3年度：実績値 22,404（目標値 32,000）未達成"])]
    assert inline_tables(lines) == lines  # (one record makes no table; a sentence none at all)


def test_a_captioned_series_on_one_line(figures):
    got = {f.fiscal_year: f.value for f in figures if f.subject.startswith("自然公園指導員の数")}
    assert got == {2020: 3012, 2021: 2988, 2022: 2951}


def test_marked_field_labels_over_their_values():
    fields = {f["label"]: f["value"] for f in load_sheet(SHEET).fields}
    assert fields["作成責任者名"].replace("\u3000", "").replace(" ", "") == "国立公園課長森田健"
    assert fields["担当部局名"] == "自然環境局国立公園課"


def test_a_row_of_values_with_no_name_under_a_caption_and_a_header_of_years(figures):
    # (「・…宿泊者数（万人泊）」, then 「令和2年度　令和3年度　令和4年度」, then 「120　158　301」)
    got = {f.fiscal_year: (f.value, f.line) for f in figures if f.subject.startswith("国立公園の訪日外国人宿泊者数")}
    assert got == {2020: (120, 43), 2021: (158, 43), 2022: (301, 43)}


def test_year_lines_under_a_caption_that_names_their_kind_of_value(tmp_path):
    # (「目標値：」 over lines of 「2023年　1,200」 is no caption of a quantity: those values are targets, and the
    # 実績値 run below them stays the actuals, so a year has one of each)
    sheet = tmp_path / "test-r6-1-x.txt"
    sheet.write_text("施策名：試験施策\n測定指標1　年間の訪問者数（人）\n目標値：\n2023年　1,200\n2024年　1,300\n"
                     "【実績値】\n2023年　1,100\n2024年　1,250\n", encoding="utf-8")
    got = {(f.measure, f.fiscal_year): f.value for f in load_sheet(sheet).figures if "訪問者数" in f.subject}
    assert got == {("目標値", 2023): 1200, ("目標値", 2024): 1300, ("実績値", 2023): 1100, ("実績値", 2024): 1250}


def test_an_indicators_years_on_one_line_and_its_kinds_of_value_a_line_each(tmp_path):
    # (a 政策評価調書 form: 「令和元年度　実績52.1　／　令和2年度　実績53.0」 a year per slash, the grade of the last
    # year on the line under it; then an indicator whose 年度目標 and 実績 lines start in different years, under
    # its final target on a line of its own)
    sheet = tmp_path / "test-r6-2-x.txt"
    sheet.write_text(
        "施策名：試験施策\n指標1　図書館の利用登録率（％）\n　目標：55.0以上（毎年度）\n"
        "　令和元年度　実績52.1　／　令和2年度　実績53.0　／　令和3年度　実績集計中\n　令和2年度評定：C\n"
        "指標2　出張相談の開催地数（か所）\n　目標：300（令和8年度）\n"
        "　年度目標　令和3年度 120　令和4年度 160\n　実績　　　令和2年度 95　令和3年度 118　令和4年度 171\n",
        encoding="utf-8")
    figs = load_sheet(sheet).figures
    first = {(f.measure, f.fiscal_year): f.value for f in figs if "利用登録率" in f.subject}
    assert first == {("実績値", 2019): 52.1, ("実績値", 2020): 53.0, ("実績値", 2021): None}
    graded = [f for f in figs if "利用登録率" in f.subject and f.note]
    assert [(f.fiscal_year, f.note) for f in graded] == [(2020, "達成状況: C")]
    second = {(f.measure, f.fiscal_year): f.value for f in figs if "開催地数" in f.subject}
    assert second == {("目標値", 2026): 300, ("年度目標値", 2021): 120, ("年度目標値", 2022): 160,
                      ("実績値", 2020): 95, ("実績値", 2021): 118, ("実績値", 2022): 171}


def test_one_year_target_then_records_of_one_kind_and_a_grade(tmp_path):
    """「年度目標　令和6年度 32,000」 (one year) over 「令和3年度　実績21,406　／　…」 and 「令和6年度評定：B」: one
    table of the indicator under its caption, the grade that year's 実績値's only (the actuals had lost their
    indicator)."""
    figures = sheet_of(tmp_path, "caa-r7-2-1-sodan.txt", [
        "令和7年度実績評価書",
        "施策名：消費生活相談体制の強化",
        "2．測定指標",
        "指標1　消費生活相談員の配置自治体数（団体）",
        "　目標：1,500（令和8年度）",
        "　年度目標　令和6年度 1,350",
        "　令和3年度　実績1,120　／　令和4年度　実績1,205　／　令和5年度　実績1,288　／　令和6年度　実績1,331",
        "　令和6年度評定：B",
    ]).figures
    assert one(figures, "年度目標値", 2024, "消費生活相談員の配置自治体数").value == 1350
    actual = {f.fiscal_year: (f.value, f.note) for f in figures
              if "消費生活相談員の配置自治体数" in f.subject and f.measure == "実績値"}
    assert actual == {2021: (1120, None), 2022: (1205, None), 2023: (1288, None), 2024: (1331, "達成状況: B")}


def test_a_numbered_series_line_after_a_breakdown_under_the_reference_heading(tmp_path):
    """「（3）…：2021年 613、2022年 889」 after 「（2）…」's breakdown and its note, under 【参考指標】: a reference
    series of its own (it stood in the breakdown's section and was read as nothing)."""
    figures = sheet_of(tmp_path, "npa-r6-6-1-sunan.txt", [
        "令和6年度事前分析表",
        "施策名\t水難事故の防止",
        "【参考指標】",
        "（1）水難事故の発生件数（件）：2021年 1,395、2022年 1,346、2023年 1,392",
        "（2）場所別の水難者数（2023年）（人）",
        "場所\t水難者数",
        "海\t820",
        "河川\t610",
        "（注）警察庁「水難の概況」による。",
        "（3）ライフジャケット着用啓発イベントの開催数（回）：2021年 88、2022年 104、2023年 131",
    ]).figures
    assert {f.fiscal_year: f.value for f in figures if "ライフジャケット" in f.subject and f.measure == "実績値"} == {
        2021: 88, 2022: 104, 2023: 131}
