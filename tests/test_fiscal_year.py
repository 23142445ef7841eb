import pytest

from evalqa.fiscal_year import era_year, find_fiscal_years, parse_fiscal_year, to_label


@pytest.mark.parametrize("label,era,near,want", [
    ("令和2年度", "令和", None, 2020),
    ("令和元年度", "令和", None, 2019),
    ("平成30年度", "令和", None, 2018),
    ("平成 30 年 度", "令和", None, 2018),
    ("令和２年度", "令和", None, 2020),  # full-width digit
    ("昭和33年度", "令和", None, 1958),
    ("R2", "令和", None, 2020),
    ("H30", "令和", None, 2018),
    ("2020年度", "令和", None, 2020),
    ("3年度 当初予算額", "令和", None, 2021),
    ("30年度", "平成", 2018, 2018),
    ("元年度", "平成", 2018, 2019),  # 平成30年度 sheet: bare 元年度 is 令和元年度
    ("元年度", "令和", 2019, 2019),
    ("--年度", "令和", None, None),
    ("中期目標値", "令和", None, None),
])
def test_parse_fiscal_year(label, era, near, want):
    assert parse_fiscal_year(label, era, near) == want


def test_labels_round_trip():
    assert to_label(2020) == "令和2年度"
    assert to_label(2019) == "令和元年度"
    assert to_label(2018) == "平成30年度"
    assert era_year("平成", "元") == 1989
    with pytest.raises(ValueError):
        era_year("明治", 3)


def test_find_years_in_questions():
    assert [m.years for m in find_fiscal_years("令和2年度の日加会談数は？")] == [[2020]]
    assert [m.years for m in find_fiscal_years("平成30〜令和2年度の執行額の推移")] == [[2018, 2019, 2020]]
    assert [m.years for m in find_fiscal_years("R3とH30を比べて")] == [[2021], [2018]]
    assert [m.years for m in find_fiscal_years("2020年度の実績")] == [[2020]]
    assert [m.years for m in find_fiscal_years("3年度の目標", "令和")] == [[2021]]
    assert find_fiscal_years("日加会談数は？") == []
    # 事務年度 (a business year of its own count, as FSA writes it), and a document number that is no year
    assert [m.years for m in find_fiscal_years("2019〜2022事務年度の実施回数")] == [[2019, 2020, 2021, 2022]]
    assert [m.years for m in find_fiscal_years("令和元〜4事務年度")] == [[2019, 2020, 2021, 2022]]
    assert find_fiscal_years("原子力規制委員会R5－2の測定指標") == []
    assert [m.years for m in find_fiscal_years("R5の実績")] == [[2023]]


def test_a_date_in_a_question_is_in_its_fiscal_year():
    """「令和3年3月まで」 lies in 令和2年度 (the fiscal year starts in April), as facts from sentences read it."""
    assert [m.years for m in find_fiscal_years("令和3年3月までに何名が参加した？")] == [[2020]]
    assert [m.years for m in find_fiscal_years("令和3年4月に開始")] == [[2021]]
    assert [m.years for m in find_fiscal_years("令和3年度の実績")] == [[2021]]


def test_a_range_whose_second_year_is_in_the_first_ones_era():
    # 「令和元年から4年まで」: 4年 is 令和4年, though written without its era or 度
    assert [(m.start, m.end) for m in find_fiscal_years("実績を令和元年から4年まで順に")] == [(2019, 2022)]
    assert [(m.start, m.end) for m in find_fiscal_years("R2年〜4年の推移")] == [(2020, 2022)]


def test_two_years_listed_the_second_in_the_first_ones_era():
    # 「令和3年と4年」: two years, not a range; 4年 is 令和4年 (a bare 「4年」 alone names no year)
    assert [m.years for m in find_fiscal_years("死者数、令和3年と4年でどっちが多い？")] == [[2021], [2022]]
    assert [m.years for m in find_fiscal_years("H29年・30年の件数")] == [[2017], [2018]]
    # (a count of years after a year is no second year: 「3年連続」「10年ぶり」「3年間」)
    assert [m.years for m in find_fiscal_years("令和5年度、3年連続で増えた")] == [[2023]]
    assert [m.years for m in find_fiscal_years("令和3年、10年ぶりに減った")] == [[2021]]
    assert [m.years for m in find_fiscal_years("令和5年度及び3年間の累計")] == [[2023]]
