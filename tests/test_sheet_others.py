"""The parser on sheets other than the seed: other years, eras, ministries, encodings and table forms."""
from conftest import MEXT, MHLW
from evalqa import load_sheet


def fig(sheet, subject, measure, year, series=None):
    hits = [f for f in sheet.figures if f.subject.startswith(subject) and f.measure == measure
            and f.fiscal_year == year and f.series == series]
    assert len(hits) == 1, (subject, measure, year, series, hits)
    return hits[0]


def test_mext_metadata_and_encoding():
    assert MEXT.read_bytes().startswith(b"\xef\xbb\xbf")
    s = load_sheet(MEXT)
    assert (s.id, s.title, s.policy_number, s.ministry, s.fiscal_year, s.bureau) == (
        "mext-r1-II-3-kokusai", "国際交流の推進", "II-3", "文部科学省", 2019, "高等教育局")
    assert s.warnings == []
    assert len(s.figures) == 70


def test_mext_basis_column_and_count_unit():
    s = load_sheet(MEXT)
    base = fig(s, "外国人留学生の受入れ数", "基準値", 2016)
    assert (base.value, base.unit, base.year_label, base.raw) == (239287, "人", "平成28年度", "239,287")
    assert fig(s, "外国人留学生の受入れ数", "実績値", 2019).value == 312214
    assert fig(s, "外国人留学生の受入れ数", "目標値", 2020).value == 300000
    assert base.section == ["個別分野1 留学生交流の推進", "測定指標1-1 外国人留学生の受入れ数（単位：人）"]


def test_mext_three_series_percentages():
    s = load_sheet(MEXT)
    sat = [f for f in s.figures if f.subject.startswith("留学生の満足度")]
    assert {f.series for f in sat} == {"学部生", "大学院生", "短期留学生"}
    assert len(sat) == 15
    assert fig(s, "留学生の満足度", "実績値", 2019, "大学院生").value == 84.5
    assert fig(s, "留学生の満足度", "中期目標値", 2020, "短期留学生").value == 70
    gap = fig(s, "留学生の満足度", "実績値", 2018, "短期留学生")
    assert (gap.value, gap.raw, gap.unit) == (None, "③—", "%")


def test_mext_means_name_wrapping_over_three_rows():
    s = load_sheet(MEXT)
    m = fig(s, "国費外国人留学生の受入れ・支援・フォローアップ事業", "予算額計", 2017)
    assert (m.value, m.review_number) == (120, "0102")
    assert "開始年度 平成12年度" in m.note
    assert fig(s, "国費外国人留学生の受入れ・支援・フォローアップ事業", "執行額", 2018).value is None
    assert fig(s, "国費外国人留学生の受入れ・支援・フォローアップ事業", "当初予算額", 2019).value == 125


def test_mext_budget_tables_and_bare_years():
    s = load_sheet(MEXT)
    assert fig(s, "施策の予算額・執行額等", "補正予算(b)", 2018).value == -12
    assert fig(s, "施策の予算額・執行額等", "繰越し等(c)", 2016).raw == "△5"
    pb = fig(s, "政策ごとの予算額", "当初予算額", 2019, "文部科学本省")
    assert (pb.value, pb.unit, pb.year_label) == (1204500, "千円", "元年度")
    assert fig(s, "政策ごとの予算額", "概算要求額", 2020, "文部科学本省").value is None
    assert fig(s, "政策ごとの予算額", "概算要求額", 2020, "小計(一般会計)").value == 1402750


def test_mext_multi_year_indicator_and_reference():
    s = load_sheet(MEXT)
    assert fig(s, "青少年交流事業の参加者数", "実績値", 2018).value == 3980
    assert fig(s, "青少年交流事業の参加者数", "中期目標値", 2021).value == 5000
    ref = fig(s, "青少年交流事業の参加国数", "実績値", 2018)
    assert ref.value == 44 and ref.section[-1].startswith("参考指標")


def test_mhlw_cp932_heisei_sheet_without_fields():
    s = load_sheet(MHLW)
    assert (s.ministry, s.policy_number, s.fiscal_year, s.bureau) == ("厚生労働省", "V-1", 2018, "職業安定局")
    assert s.warnings == []
    rate = fig(s, "ハローワークの就職率", "基準値", 2014)
    assert (rate.value, rate.unit) == (30.5, "%")
    assert rate.section == ["施策V-1 就労支援の推進", "測定指標1 ハローワークの就職率"]
    assert fig(s, "ハローワークの就職率", "目標値", 2018).value == 33
    assert fig(s, "ハローワークの就職率", "実績値", 2016).raw == "32.0%"
    assert fig(s, "職業訓練の受講者数", "実績値", 2017).value is None
    assert fig(s, "職業訓練", "執行額", 2017).value is None


def test_mhlw_policy_budget_aligned_by_subtotal_not_position():
    """厚生労働本省 has one value; the 小計 shows it is the 元年度 概算要求額, not 30年度."""
    s = load_sheet(MHLW)
    hq = [(f.measure, f.fiscal_year, f.value) for f in s.figures if f.series == "厚生労働本省"]
    assert hq == [("当初予算額", 2018, None), ("概算要求額", 2019, 4200000)]
