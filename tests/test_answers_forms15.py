"""Sheets in the shapes of the twenty-seventh blind set's forms (tests/qa_blind25_*), written anew: a 政策評価調書
whose indicators write their years on one line apart by slashes, or a line per kind of value, and a paragraph
whose sentences state several counts, each qualified by words of its own sentence or of those before it."""
import pytest

from conftest import bot_over_texts

pytestmark = [pytest.mark.slow]

SHEET = """令和6年度実績評価書
施策名：地域の消費生活相談体制の充実
施策目標：身近な窓口で消費生活相談を受けられる体制を整える。
担当部局：消費者行政課
作成責任者：消費者行政課長　山田　一郎

2．測定指標
指標1　相談窓口の認知率（％）【主要】
　目標：60.0以上（毎年度）
　令和元年度　実績52.1　／　令和2年度　実績53.0　／　令和3年度　実績61.4
　令和3年度評定：A
指標2　出張相談の開催地数（か所）
　目標：300（令和8年度）
　年度目標　令和3年度 120　令和4年度 160
　実績　　　令和2年度 95　令和3年度 118　令和4年度 171

3．評価結果
　令和5年度に新たに受け付けた苦情は1,260件であり、処理を終えたものは1,342件であった。この結果、年度末の未処理件数は418件となった。処理を終えた1,342件のうち582件は調停により解決した。
"""

bot = bot_over_texts("forms15", {"caa-r6-9-sodan.txt": SHEET})


def test_the_years_of_an_indicator_written_on_one_line(bot):
    ans = bot.ask("相談窓口の認知率、令和2年度の実績は？")
    f = ans.figures[0]
    assert (f.measure, f.fiscal_year, f.value) == ("実績値", 2020, 53.0), ans.text


def test_lines_of_a_kind_of_value_keep_each_value_under_its_year(bot):
    ans = bot.ask("出張相談の開催地数、令和4年度の年度目標は？")
    f = ans.figures[0]
    assert (f.measure, f.fiscal_year, f.value) == ("年度目標値", 2022, 160), ans.text
    ans = bot.ask("出張相談の開催地数、令和2年度の実績は？")
    f = ans.figures[0]
    assert (f.measure, f.fiscal_year, f.value) == ("実績値", 2020, 95), ans.text


def test_a_count_qualified_in_a_later_sentence_of_its_paragraph(bot):
    ans = bot.ask("令和5年度に調停で解決した苦情は何件？")
    assert ans.found and ans.figures[0].value == 582 and "調停" in ans.text, ans.text
    ans = bot.ask("令和5年度末の苦情の未処理件数は？")
    assert ans.found and ans.figures[0].value == 418, ans.text
    # (the paragraph's first count is what its own words ask)
    ans = bot.ask("令和5年度に新たに受け付けた苦情は何件？")
    assert ans.found and ans.figures[0].value == 1260, ans.text
