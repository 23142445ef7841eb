import pytest

from evalqa.cells import parse_cell, parse_number, unit_of


@pytest.mark.parametrize("raw,want", [
    ("△14", -14), ("▲3", -3), ("598,665", 598665), ("0", 0), ("84.5", 84.5), ("１２３", 123),
    ("—", None), ("-", None), ("/", None), ("", None), ("－", None), ("―", None),
])
def test_parse_number(raw, want):
    assert parse_number(raw) == want


def test_a_value_not_out_yet_is_a_cell_without_one():
    [v] = parse_cell("集計中")
    assert v.value is None and v.raw == "集計中"
    assert parse_cell("集計中の値") is None  # (text that says more is text)


def test_parse_number_rejects_text():
    with pytest.raises(ValueError):
        parse_number("3回")


def test_cells_with_series_and_brackets():
    [a, b] = parse_cell("①73% ②93%")
    assert (a.marker, a.value, a.percent, b.marker, b.value) == ("①", 73, True, "②", 93)
    [v] = parse_cell("65 (56)")
    assert (v.value, v.paren.value) == (65, 56)
    [v] = parse_cell("- (-)")
    assert v.value is None and v.paren is not None and v.paren.value is None
    [v] = parse_cell("③—")
    assert (v.marker, v.value) == ("③", None)
    [v] = parse_cell("0017")
    assert v.code and v.value == 17


@pytest.mark.parametrize("text", ["1-1 1-3 1-4", "令和2年度", "3回", "1 共通の諸課題", "--年度", "予算額計(執行額)"])
def test_text_cells_are_not_values(text):
    assert parse_cell(text) is None


def test_units_in_millions_of_a_count():
    assert unit_of("API機能による統計データの提供件数（百万件）") == "百万件"
    assert unit_of("延べ利用者数（百万人）") == "百万人"
    assert unit_of("閲覧数（万件）") == "万件"
