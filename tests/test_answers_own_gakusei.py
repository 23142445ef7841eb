"""Answers over a sheet of our own layout (tests/fixtures/own/mext-r5-4-1-gakusei.txt): text set out with runs of
spaces instead of tabs, a year column headed 「R3」 alone, fields with their values on one line (「基準値：…　目標値：
…」), a bureau named by the sheet's 担当部局, a trend's direction, indicators counted by their result, a cause
against the reason for a rating, and 「何件の応募」."""
from pathlib import Path

import pytest

from conftest import assistant_over
from evalqa.readers.text import text_document

pytestmark = [pytest.mark.slow]
SHEET = Path(__file__).parent / "fixtures" / "own" / "mext-r5-4-1-gakusei.txt"


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return assistant_over(tmp_path_factory, "gakusei", (SHEET,))


def test_rows_set_out_with_spaces_are_cells_and_prose_stays_whole():
    doc = text_document(SHEET.read_text(encoding="utf-8"))
    rows = [ln.cells for ln in doc.lines if len(ln.cells) > 1]
    assert rows[0] == ["区分", "令和2年度", "R3", "令和4年度", "令和5年度"]  # (the budget table's header)
    assert ["執行額", "45,870", "50,655", "51,930", "－"] in rows
    assert ["実績値", "1.9", "1.8", "1.7"] in rows  # (an indented row: its indent is no cell)
    assert all(len(ln.cells) == 1 for ln in doc.lines if "。" in "".join(ln.cells))  # sentences are not split
    assert next(ln for ln in doc.lines if "実績評価書" in ln.cells[0]).cells == ["令和5年度　文部科学省　実績評価書"]


def test_the_bureau_in_charge_names_the_sheet_and_R3_heads_its_year(bot):
    ans = bot.ask("高等教育局の評価書で、令和3年度の執行額はいくら？")
    f = ans.figures[0]
    assert (ans.kind, f.sheet, f.measure, f.fiscal_year, f.value) == ("numeric", "mext-r5-4-1-gakusei", "執行額",
                                                                      2021, 50655)


def test_a_trend_says_its_direction_and_the_change_over_the_span(bot):
    ans = bot.ask("学生相談窓口の相談件数はどう推移した？")
    assert ans.kind == "trend" and [f.value for f in ans.figures if f.measure == "実績値"] == [16420, 17880, 19310]
    assert "毎年増え、2,890件増えました" in ans.text


def test_indicators_counted_by_their_result(bot):
    ans = bot.ask("3つの指標のうちいくつが令和4年度に目標を達成した？")
    assert ans.found and "2件" in ans.text.splitlines()[0]
    assert "学生相談窓口の相談件数" in ans.text and "給付型奨学金の支援対象者数" not in ans.text.split("\n\n")[0]


def test_a_why_is_answered_by_the_cause_not_by_the_reason_for_the_rating(bot):
    ans = bot.ask("給付型奨学金の支援対象者数が目標を下回った理由は？")
    assert ans.kind == "prose" and "周知が高校3年生に十分届かなかったため" in ans.text
    assert "と判断した" not in ans.text


def test_applications_asked_are_not_the_indicator_that_counts_something_else(bot):
    ans = bot.ask("家計急変者向けの特別採用には何件の応募があった？")
    assert (ans.kind, ans.figures[0].value) == ("stated", 412)


def test_how_many_of_a_share_is_no_count(bot):
    ans = bot.ask("How many students dropped out (中途退学者) in FY2022?")
    assert not any(f.unit == "%" for f in ans.figures)


def test_fields_with_their_values_on_one_line_are_the_indicators(bot):
    ans = bot.ask("給付型奨学金の支援対象者数の令和7年度の目標値は？")
    f = ans.figures[0]
    assert (ans.kind, f.measure, f.fiscal_year, f.value) == ("numeric", "目標値", 2025, 320000)
    base = bot.ask("給付型奨学金の支援対象者数の基準値は？")
    assert (base.figures[0].measure, base.figures[0].fiscal_year, base.figures[0].value) == ("基準値", 2019, 250000)
