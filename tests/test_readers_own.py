"""The breakdown and transposed readers on sheets of our own, in layouts none of the question sets' sheets
use: indicators coded ア・イ・ウ with 令和 years in full-width digits, a 「目標（令和５年度）」 row, a breakdown
by 地方 with its unit in the caption, and a breakdown whose second column is a share of the first."""
from pathlib import Path

import pytest

from evalqa import load_sheet

SHEET = Path(__file__).parent / "fixtures" / "own" / "jpo-r5-2-1-shinsa.txt"


@pytest.fixture(scope="module")
def figures():
    return load_sheet(SHEET).figures


def one(figures, subject, measure, year, series=None):
    hits = [f for f in figures if f.subject == subject and f.measure == measure and f.fiscal_year == year
            and f.series == series]
    assert len(hits) == 1, (subject, measure, year, series, [(f.subject, f.measure) for f in figures][:12])
    return hits[0]


def test_katakana_coded_columns_name_their_indicators(figures):
    subjects = {f.subject for f in figures if f.series is None}
    assert subjects == {"一次審査通知までの期間（月）", "権利化までの期間（月）", "審査の質についての満足度（％）"}
    f = one(figures, "一次審査通知までの期間（月）", "実績値", 2021)
    assert (f.value, f.unit, f.year_label) == (10.2, "月", "令和３年度")
    assert one(figures, "審査の質についての満足度（％）", "実績値", 2022).value == 59.3


def test_baseline_year_row_and_target_row_with_its_year(figures):
    base = one(figures, "権利化までの期間（月）", "基準値", 2018)
    assert (base.value, base.year_label) == (14.1, "平成30年度")
    assert one(figures, "権利化までの期間（月）", "実績値", 2018).value == 14.1
    target = one(figures, "権利化までの期間（月）", "目標値", 2023)
    assert (target.value, target.unit) == (14.0, "月")
    assert not [f for f in figures if f.measure == "目標値" and f.fiscal_year != 2023]


def test_breakdown_by_region_with_unit_in_caption(figures):
    name = "地方別の知財総合支援窓口の相談件数"
    kanto = one(figures, name, "実績値", 2022, "関東")
    assert (kanto.value, kanto.unit, kanto.year_label) == (43015, "件", "令和４年度")
    assert one(figures, name, "実績値", 2021, "計").value == 109887
    regions = {f.series for f in figures if f.subject == name}
    assert len(regions) == 8 and not any(r.startswith("※") for r in regions)


def test_breakdown_share_column_is_a_share_of_the_caption_quantity(figures):
    count = [f for f in figures if f.series == "化学" and f.unit == "件"]
    share = [f for f in figures if f.series == "化学" and f.unit == "%"]
    assert [(f.value, f.fiscal_year) for f in count] == [(61880, 2022)]
    assert [f.value for f in share] == [21.4]
    assert share[0].subject == count[0].subject + "の構成比"


PPC = Path(__file__).parent / "fixtures" / "own" / "ppc-r6-1-kojin.txt"  # another layout of our own


def test_indicator_names_spanning_measures_a_unit_row_and_a_unit_column():
    """「年度 | 指標A … | | | 指標B …」 over 「 | 目標値 | 実績値 | 判定 …」, a 「単位：百万円」 row over the budget
    header, a 参考指標 table with a 単位 column, and 【label】 cells with a label/value pair twice on one line."""
    sheet = load_sheet(PPC)
    assert (sheet.ministry, sheet.fiscal_year) == ("個人情報保護委員会", 2024)
    assert (sheet.title, sheet.bureau) == ("個人情報の適正な取扱いの確保", "事務局監視・監督室")
    f = sheet.figures
    reports = one(f, "漏えい等報告の処理件数（件）", "実績値", 2022)
    assert (reports.value, reports.unit, reports.note) == (8876, "件", "判定: ×")
    assert one(f, "漏えい等報告の処理件数（件）", "目標値", 2022).value == 9000
    assert one(f, "相談対応の満足度（％）", "実績値", 2021).value == 78.5
    total = one(f, "施策の予算額・執行額等", "合計(a+b+c)", 2021)
    assert (total.value, total.unit) == (2530, "百万円")
    visits = one(f, "立入検査の件数", "実績値", 2022)
    assert (visits.value, visits.unit) == (44, "件")


def test_rows_that_pair_each_year_with_its_value(tmp_path):
    # A layout with no header row: a name, then 年度 and value in turn (full-width years, a bound, 千件).
    p = tmp_path / "meti-r6-4-2-hoshou.txt"
    # The first row's caption also stands as a heading above the rows, as in a PDF's text.
    p.write_text("令和6年度　経済産業省　実績評価書\n\n施策名\t信用保証制度の運用\n\n■参考指標\n"
                 "参考指標1　保証承諾件数（千件）\n"
                 "参考指標1　保証承諾件数（千件）\t令和３年度\t512\t令和４年度\t498\t令和５年度\t530\n"
                 "参考指標2　代位弁済率（％）\t2021年度\t1.9\t2022年度\t2.3\n\n■施策の分析\n本文。\n",
                 encoding="utf-8")
    figs = [f for f in load_sheet(p).figures if f.subject.startswith("参考指標")]
    assert {f.subject: f.section for f in figs} == {  # each under its own caption, not the heading above
        "参考指標1 保証承諾件数（千件）": ["■参考指標", "参考指標1 保証承諾件数（千件）"],
        "参考指標2 代位弁済率（％）": ["■参考指標", "参考指標2 代位弁済率（％）"]}
    got = {(f.subject, f.fiscal_year): (f.measure, f.value, f.unit) for f in figs}
    assert got == {
        ("参考指標1 保証承諾件数（千件）", 2021): ("実績値", 512, "千件"),
        ("参考指標1 保証承諾件数（千件）", 2022): ("実績値", 498, "千件"),
        ("参考指標1 保証承諾件数（千件）", 2023): ("実績値", 530, "千件"),
        ("参考指標2 代位弁済率（％）", 2021): ("実績値", 1.9, "%"),
        ("参考指標2 代位弁済率（％）", 2022): ("実績値", 2.3, "%"),
    }, got


def test_long_form_rows_keyed_by_indicator_number(tmp_path):
    # One row per indicator and year, the indicator given by its number in a list of indicators above (keys
    # written 「指標1」 here, years in Western digits, a grade column of marks, a bound 「以下」).
    p = tmp_path / "mlit-r6-9-1-kouwan.txt"
    p.write_text("令和6年度　国土交通省　実績評価書\n\n施策名\t港湾の機能強化\n\n■測定指標\n"
                 "No.\t指標名\t単位\t評価の向き\n指標1\t国際コンテナ戦略港湾の取扱貨物量\t万TEU\t大きいほど良好\n"
                 "指標2\t港湾工事の事故件数\t件\t小さいほど良好\n\n■年度ごとの値\n"
                 "No.\t年度\t目標値\t実績値\t達成状況\n指標1\t2021年度\t1,050\t1,012\t×\n"
                 "指標1\t2022年度\t1,080\t1,101\t○\n指標2\t2022年度\t30以下\t27\t○\n\n■施策の分析\n本文。\n",
                 encoding="utf-8")
    figs = [f for f in load_sheet(p).figures if f.section and f.section[-1] == "■年度ごとの値"]
    got = {(f.subject, f.measure, f.fiscal_year): (f.value, f.unit, f.note) for f in figs}
    assert got == {
        ("国際コンテナ戦略港湾の取扱貨物量", "目標値", 2021): (1050, "万TEU", None),
        ("国際コンテナ戦略港湾の取扱貨物量", "実績値", 2021): (1012, "万TEU", "達成状況: 未達成"),
        ("国際コンテナ戦略港湾の取扱貨物量", "目標値", 2022): (1080, "万TEU", None),
        ("国際コンテナ戦略港湾の取扱貨物量", "実績値", 2022): (1101, "万TEU", "達成状況: 達成"),
        ("港湾工事の事故件数", "目標値", 2022): (30, "件", None),
        ("港湾工事の事故件数", "実績値", 2022): (27, "件", "達成状況: 達成"),
    }, got


def test_a_units_line_over_budget_tables_under_headings_of_their_own(tmp_path):
    # 「（単位：百万円）」 once under the heading, then one table per account under 「◇…」 headings.
    p = tmp_path / "mlit-r6-9-1-kouwan.txt"
    p.write_text("令和6年度　国土交通省　実績評価書\n\n施策名\t港湾の機能強化\n\nⅡ　予算額・執行額等\n"
                 "（単位：百万円）\n◇一般会計\n区分\t令和4年度\t令和5年度\n当初予算\t1,200\t1,250\n執行額\t1,100\t1,180\n"
                 "◇特別会計\n区分\t令和4年度\t令和5年度\n当初予算\t300\t320\n執行額\t290\t300\n\nⅢ　本文\n本文。\n",
                 encoding="utf-8")
    figs = {(f.subject, f.measure, f.fiscal_year): (f.value, f.unit) for f in load_sheet(p).figures}
    assert figs[("一般会計", "当初予算(a)", 2023)] == (1250, "百万円")  # (「当初予算」 alone is the measure)
    assert figs[("特別会計", "執行額", 2022)] == (290, "百万円")


def test_a_breakdown_whose_caption_counts_two_quantities(tmp_path):
    # 「…別入港隻数及び取扱量」 over 「港湾 | 入港隻数（隻） | 取扱量（万kl）」: each column is one of the two
    p = tmp_path / "mlit-r6-9-2-kouwan.txt"
    p.write_text("令和6年度　国土交通省　実績評価書\n\n施策名\t港湾の機能強化\n\n■参考指標\n"
                 "参考指標1　港湾別の入港隻数及び取扱量（2022年）\n港湾\t入港隻数（隻）\t取扱量（万kl）\n"
                 "苫小牧港\t1,204\t35.2\n四日市港\t986\t41.7\n合計\t2,190\t76.9\n\n■施策の分析\n本文。\n",
                 encoding="utf-8")
    figs = {(f.subject, f.series): (f.value, f.unit) for f in load_sheet(p).figures if f.series}
    assert figs[("港湾別の入港隻数", "苫小牧港")] == (1204, "隻")
    assert figs[("港湾別の取扱量", "四日市港")] == (41.7, "万kl")


def test_year_and_short_measure_headers_and_a_unit_line_under_a_numbered_heading(tmp_path):
    # 「令和3年度 目標 | 令和3年度 実績」: a year and a measure said short in one cell; 「５．達成手段」 then
    # 「（単位：百万円）」 then a header row that opens the standard 達成手段 section: the unit is that table's.
    p = tmp_path / "cao-r5-9-koho.txt"
    p.write_text("令和5年度　実績評価書\n\n施策名\t広報の推進\n\n４．測定指標\n"
                 "指標\t基準値\t令和3年度 目標\t令和3年度 実績\t令和4年度 目標\t令和4年度 実績\n"
                 "①広報に接した人の割合（％）\t58.3\t60\t61.0\t60\t62.4\n\n"
                 "５．達成手段\n（単位：百万円）\n"
                 "達成手段\t令和3年度 予算額\t令和3年度 執行額\t令和4年度 予算額\t令和4年度 執行額\n"
                 "①テレビ広報\t4,120\t3,980\t4,050\t3,912\n②共同広報\t160\t118\t175\t149\n", encoding="utf-8")
    figs = {(f.subject, f.measure, f.fiscal_year): (f.value, f.unit) for f in load_sheet(p).figures}
    assert figs[("広報に接した人の割合（％）", "目標値", 2022)][0] == 60
    assert figs[("広報に接した人の割合（％）", "実績値", 2022)][0] == 62.4
    assert figs[("テレビ広報", "執行額", 2022)] == (3912, "百万円")


def test_long_form_rows_that_carry_their_indicators_name_and_unit(tmp_path):
    # Each row names its indicator and unit itself and repeats the indicator's 基準値 and 目標 (with their years in
    # the cells) before the row's year: those are read once, of their own years; 「年度目標」 is the year's target.
    p = tmp_path / "cao-r7-5-soudan.txt"
    p.write_text("令和7年度　事後評価書\n\n施策名\t相談体制の充実\n\n測定指標の状況\n"
                 "指標番号\t測定指標\t単位\t基準値\t目標（目標年度）\t年度\t年度目標\t実績\t判定\n"
                 "1\t相談窓口の認知度\t％\t20.5（R3年度）\t40以上（R9年度）\tR4年度\t25以上\t24.1\t－\n"
                 "1\t相談窓口の認知度\t％\t20.5（R3年度）\t40以上（R9年度）\tR5年度\t30以上\t31.2\ta\n"
                 "2\t相談件数\t万件\t－\t50（毎年度）\tR5年度\t45\t48.3\ta\n\n施策の分析\n本文。\n", encoding="utf-8")
    got = {(f.subject, f.measure, f.fiscal_year): (f.value, f.unit) for f in load_sheet(p).figures}
    assert got[("相談窓口の認知度", "基準値", 2021)] == (20.5, "%")
    assert got[("相談窓口の認知度", "目標値", 2027)] == (40, "%")
    assert got[("相談窓口の認知度", "年度目標値", 2023)] == (30, "%")
    assert got[("相談窓口の認知度", "実績値", 2023)] == (31.2, "%")
    assert got[("相談件数", "実績値", 2023)] == (48.3, "万件")
    assert len([k for k in got if k[:2] == ("相談窓口の認知度", "基準値")]) == 1
    # the grade column's letter is the year's grade as the sheet writes it (「判定: a」), a mark in words 達成状況
    notes = {(f.subject, f.fiscal_year): f.note for f in load_sheet(p).figures if f.measure == "実績値"}
    assert notes[("相談窓口の認知度", 2023)] == "判定: a" and notes[("相談窓口の認知度", 2022)] is None


def test_long_form_rows_named_once_and_left_empty_below(tmp_path):
    # 「指標 | 基準値（基準年度） | 目標値（目標年度） | 年度 | 目標 | 実績 | 達成度」: the name (after its circled
    # number) in the first row of an indicator's years, the rows under it left empty
    p = tmp_path / "caa-r7-3-anzen.txt"
    p.write_text("令和7年度　事前分析表\n\n施策名\t製品事故の防止\n\n測定指標\n"
                 "指標\t基準値（基準年度）\t目標値（目標年度）\t年度\t目標\t実績\t達成度\n"
                 "①重大製品事故の報告件数（件）\t1,120（令和元年度）\t900（令和8年度）\t2022年度（R4）\t1,000\t1,043\t×\n"
                 "\t\t\t2023年度（R5）\t980\t961\t○\n"
                 "②リコール情報の認知度（％）\t41.0（令和元年度）\t60（令和8年度）\t2023年度（R5）\t50\t52.4\t○\n"
                 "\n施策の分析\n本文。\n", encoding="utf-8")
    got = {(f.subject, f.measure, f.fiscal_year): f.value for f in load_sheet(p).figures}
    assert got[("重大製品事故の報告件数（件）", "実績値", 2023)] == 961
    assert got[("重大製品事故の報告件数（件）", "目標値", 2022)] == 1000
    assert got[("重大製品事故の報告件数（件）", "基準値", 2019)] == 1120
    assert got[("リコール情報の認知度（％）", "実績値", 2023)] == 52.4


def test_a_row_of_rates_named_by_its_grade_word(tmp_path):
    # 「達成度（達成率％）」 under 目標 and 実績: the sheet's own 達成率 in %, not a third row of 実績 in its unit
    p = tmp_path / "pko-r6-9-kyoryoku.txt"
    p.write_text("令和6年度　政策評価書\n\n施策名\t国際協力の推進\n\n測定指標\n"
                 "測定指標\t基準値\t区分\t令和4年度\t令和5年度\n1 物資協力の実施件数（件）\t2\t目標\t3\t3\n"
                 "\t\t実績\t4\t3\n\t\t達成度（達成率％）\t133.3\t100.0\n\n施策の分析\n本文。\n", encoding="utf-8")
    got = {(f.measure, f.fiscal_year): (f.value, f.unit) for f in load_sheet(p).figures}
    assert got[("実績値", 2022)] == (4, "件") and got[("達成率", 2022)] == (133.3, "%"), got


def test_targets_labelled_in_one_cell_and_a_year_wrapped_from_the_cell_above(tmp_path):
    # 「中間目標 30（令和7年度） 最終目標 45（令和10年度）」 in the 目標値 column: a 中期目標値 and a 目標値, each of
    # its own year; 「（令和10年度）4,000（令和7年度）」: the first year is the row above's, wrapped by the PDF
    p = tmp_path / "mofa-r6-9-jinzai.txt"
    p.write_text("令和6年度　政策評価書\n\n施策名\t人材育成の推進\n\n測定指標\n"
                 "測定指標\t基準値（基準年度）\t区分\t令和4年度\t令和5年度\t目標値（目標年度）\n"
                 "1 派遣者数（人）\t18（令和2年度）\t目標\t26\t28\t中間目標 30（令和7年度） 最終目標 45（令和10年度）\n"
                 "\t\t実績\t27\t29\t\n"
                 "2 参加者数（人）\t1,240（令和2年度）\t目標\t3,500\t3,800\t（令和10年度）4,000（令和7年度）\n"
                 "\t\t実績\t3,612\t4,315\t\n\n施策の分析\n本文。\n", encoding="utf-8")
    got = {(f.subject, f.measure, f.fiscal_year): f.value for f in load_sheet(p).figures}
    assert got[("派遣者数（人）", "中期目標値", 2025)] == 30 and got[("派遣者数（人）", "目標値", 2028)] == 45, got
    assert got[("参加者数（人）", "目標値", 2025)] == 4000 and ("参加者数（人）", "目標値", 2028) not in got
    assert got[("派遣者数（人）", "実績値", 2023)] == 29


def test_a_numbered_title_line_names_the_sheet(tmp_path):
    p = tmp_path / "mhlw-r6-iv-6-1-kokoro.txt"
    p.write_text("令和6年度　実績評価書\n施策目標Ⅳ－6－1 こころの健康づくりを推進すること\n"
                 "担当部局名\t障害保健福祉部\n\n測定指標\n測定指標\t令和4年度\t令和5年度\n相談件数（件）\t120\t130\n",
                 encoding="utf-8")
    assert load_sheet(p).title == "こころの健康づくりを推進すること"


def test_tables_copied_one_cell_to_a_line(tmp_path):
    # A web page's tables copied with each cell on a line of its own: the header of non-values sets the width,
    # each row a name and values (a grade, 「－」, the numbers of related indicators 「2、3」); short lines of prose
    # and headings around them stay lines.
    p = tmp_path / "mext-r6-3-1-dokusho.txt"
    p.write_text("令和6年度　事後評価書\n\n施策名\n読書活動の推進\n担当部局名\n総合教育政策局\n\n"
                 "1　予算額・執行額\n（単位：千円）\n区分\n"
                 "令和4年度\n令和5年度\n当初予算（a）\n120,500\n131,200\n執行額\n110,300\n125,900\n\n"
                 "2　測定指標\n測定指標1　学校図書館の図書整備率（％）\n年度\n年度ごとの目標値\n実績値\n達成状況\n"
                 "令和4年度\n60\n58.2\n未達成\n令和5年度\n62\n63.5（速報値）\n達成\n"
                 "3　達成手段\n達成手段名\n令和5年度予算額\n関連する測定指標\n①学校図書館整備事業\n80,000\n1、2\n"
                 "②読書推進事業\n51,200\n3\n\n4　施策の分析\n取組を進めた。\n成果が出た。\n", encoding="utf-8")
    got = {(f.subject, f.measure, f.fiscal_year): f.value for f in load_sheet(p).figures}
    assert any(k[1:] == ("当初予算(a)", 2023) and v == 131200 for k, v in got.items()), got
    assert got[("学校図書館の図書整備率（％）", "実績値", 2023)] == 63.5
    assert got[("学校図書館の図書整備率（％）", "年度目標値", 2022)] == 60
    assert got[("学校図書館整備事業", "予算額", 2023)] == 80000 and got[("読書推進事業", "予算額", 2023)] == 51200
    from evalqa.readers import read_document
    rows = {ln.number: ln.cells for ln in read_document(p).lines}
    assert rows[10] == ["区分", "令和4年度", "令和5年度"] and rows[13] == ["当初予算（a）", "120,500", "131,200"]
    assert rows[46] == ["取組を進めた。"] and rows[21] == ["測定指標1　学校図書館の図書整備率（％）"]
    # (a header field's label over its value is one row of both: the sheet's 施策名 and 担当部局名)
    sheet = load_sheet(p)
    assert (sheet.title, sheet.bureau) == ("読書活動の推進", "総合教育政策局"), rows


def test_a_workbook_with_a_sheet_per_year(tmp_path):
    # The list of indicators (基準値, 目標値) on one worksheet, each year's 目標 and 実績 on a worksheet of that year
    # (「業績指標の実績（令和4年）」, the year only in the caption; a name written 「…（人）（令和4年度）」 there), and
    # under each a 参考指標 table captioned in its first column: one indicator across the worksheets.
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "指標一覧"
    for r in (["令和6年度実績評価書"], ["施策名", "消費者被害の防止"], [], ["業績指標一覧"],
              ["番号", "業績指標", "単位", "基準値", "基準年", "目標値", "目標年"],
              [1, "消費生活相談の解決率", "％", 80.1, "令和3年", 85, "令和7年"],
              [2, "研修の修了者数", "人", 300, "令和3年度", 500, "令和7年度"]):
        ws.append(r)
    for year, rows, ref in (("令和4年", [(1, "消費生活相談の解決率（％）", "81以上", 81.5, "達成"),
                                        (2, "研修の修了者数（人）（令和4年度）", "350以上", 340, "未達成")], 12.5),
                            ("令和5年", [(1, "消費生活相談の解決率（％）【主要】", "82以上", 82.4, "達成"),
                                        (2, "研修の修了者数（人）（令和5年度）", "400以上", 410, "達成")], 14.2)):
        ws = wb.create_sheet(year)
        ws.append([f"業績指標の実績（{year}）"])
        ws.append(["番号", "業績指標", "年の目標値", "実績値", "達成状況"])
        for r in rows:
            ws.append(list(r))
        ws.append([])
        ws.append(["参考指標（目標値なし）", "区分", year])
        ws.append([None, "架空請求の相談件数（万件）", ref])
    p = tmp_path / "caa-r6-3-1-higai.xlsx"
    wb.save(p)
    figures = load_sheet(p).figures
    got = {(f.subject, f.measure, f.fiscal_year): f.value for f in figures}
    name = "消費生活相談の解決率（％）【主要】"  # (its fullest name, for every table's values)
    assert got[(name, "基準値", 2021)] == 80.1 and got[(name, "実績値", 2022)] == 81.5, got
    assert got[(name, "年度目標値", 2023)] == 82 and got[(name, "実績値", 2023)] == 82.4
    assert got[("研修の修了者数（人）", "実績値", 2022)] == 340 and got[("研修の修了者数（人）", "目標値", 2025)] == 500
    assert got[("架空請求の相談件数（万件）", "実績値", 2022)] == 12.5
    assert got[("架空請求の相談件数（万件）", "実績値", 2023)] == 14.2
    assert len({f.table for f in figures if f.subject == name}) == 1


def test_reference_rows_under_calendar_years_and_a_row_of_values_without_a_name(tmp_path):
    # Under a 参考指標 heading, 「区分 | 2020年 | 2021年」 over rows of quantities: what each year was; a row of values
    # with no name (「487 | 919」 under 「2020年度 | 2021年度」) names nothing: no figure of a subject 「487」.
    p = tmp_path / "mof-r6-7-1-mitsuyu.txt"
    p.write_text("令和6年度　実績評価書\n\n施策名\t密輸の取締り\n\n3　参考指標\n"
                 "参考指標1　金の密輸入事犯の処分件数及び脱税額（目標値は設定していない）\n"
                 "区分\t2020年\t2021年\t2022年\n処分件数（件）\t17\t11\t38\n脱税額（億円）\t0.8\t0.3\t1.9\n"
                 "参考指標2　原状回復額（百万円）\n2020年度\t2021年度\n487\t919\n\n4　施策の分析\n本文。\n",
                 encoding="utf-8")
    figures = load_sheet(p).figures
    got = {(f.subject, f.measure, f.fiscal_year): f.value for f in figures}
    # (each row is a quantity of what the caption counts: 「金の密輸入事犯の」 処分件数 and 脱税額)
    assert got[("金の密輸入事犯の処分件数（件）", "実績値", 2022)] == 38, got
    assert got[("金の密輸入事犯の脱税額（億円）", "実績値", 2020)] == 0.8
    assert not [f for f in figures if f.subject == "487"]


def test_an_indicator_table_of_years_alone_holds_what_each_year_was(tmp_path):
    # 「測定指標 | 令和元年 | 令和2年」 with no 目標 column: the rows are indicators, each year's value its 実績値
    p = tmp_path / "soumu-r5-14-kasai.txt"
    p.write_text("令和5年度　実績評価書\n\n施策名\t消防\n\n１．測定指標\n測定指標\t令和元年\t令和2年\t令和3年\n"
                 "住宅火災による死者数（人）\t899\t899\t951\n\n２．施策の分析\n本文。\n", encoding="utf-8")
    got = {(f.subject, f.measure, f.fiscal_year): f.value for f in load_sheet(p).figures}
    assert got == {("住宅火災による死者数（人）", "実績値", y): v for y, v in ((2019, 899), (2020, 899), (2021, 951))}


def test_a_caption_over_a_units_line_names_its_table(tmp_path):
    # 「指標3 …（累計）」 over 「単位：団体 ｜ 基準値：12 ｜ 目標：…」 over 「年度 | R3年度 …」「年度目標 | …」
    # 「実績 | …」: the caption names the indicator (long as it is), the units line gives the unit, 年度目標 is the
    # year's target
    p = tmp_path / "cao-r6-31-tsunagari.txt"
    p.write_text("令和6年度　事後評価書\n\n施策名\tつながりの創出\n\n4 測定指標の状況\n"
                 "指標3 地方版官民連携プラットフォームを設置した地方公共団体及び広域連合の数（累計）\n"
                 "単位：団体 ｜ 基準値：12（R3年度） ｜ 目標：300以上（R9年度）\n"
                 "年度\tR3年度\tR4年度\tR5年度\n年度目標\t－\t60以上\t120以上\n実績\t12\t48\t131\n\n"
                 "5 施策の分析\n本文。\n",
                 encoding="utf-8")
    got = {(f.subject, f.measure, f.fiscal_year): (f.value, f.unit) for f in load_sheet(p).figures}
    name = "指標3 地方版官民連携プラットフォームを設置した地方公共団体及び広域連合の数（累計）"
    assert got[(name, "年度目標値", 2023)] == (120, "団体") and got[(name, "実績値", 2022)] == (48, "団体"), got


def test_a_web_page_whose_tables_set_cells_apart_with_spaced_pipes(tmp_path):
    # Rows 「区分 | 令和4年度 | 令和5年度」 with no outer bars, a row's first cell left empty (「 | 実績値 | …」), a
    # breakdown with no header of its own under its caption (「地域別の…」 then 「北海道 | 120」), a value with a
    # footnote's mark (「1,520※」); a pipe in a sentence is no table.
    p = tmp_path / "mlit-r6-7-2-kanko.txt"
    p.write_text("観光庁ホーム ＞ 政策評価 ＞ 施策7－2\n施策名：観光地域づくりの推進\n\n"
                 "■ 施策の予算額・執行額等（単位：千円）\n区分 | 令和4年度 | 令和5年度\n"
                 "当初予算（a） | 410,200 | 455,800\n執行額 | 398,100 | 431,700\n\n"
                 "■ 測定指標\n指標 | 区分 | 令和4年度 | 令和5年度\n指標1 登録DMO数（法人） | 目標値 | 280 | 300\n"
                 " | 実績値 | 286 | 1,520※\n※令和5年度の値は速報値。\n\n■ 参考指標\n"
                 "参考指標1 地域別の登録DMO数（令和5年度）\n"
                 "北海道 | 120\n東北 | 310\n関東 | 540\n合計 | 970\n\n■ 施策の分析\n"
                 "検索語は「DMO | 観光」のように区切って入力する。\n", encoding="utf-8")
    got = {(f.subject, f.series, f.measure, f.fiscal_year): f.value for f in load_sheet(p).figures}
    assert got[("施策の予算額・執行額等", None, "執行額", 2023)] == 431700, got
    assert got[("指標1 登録DMO数（法人）", None, "実績値", 2022)] == 286
    assert got[("指標1 登録DMO数（法人）", None, "実績値", 2023)] == 1520
    region = {k[1]: v for k, v in got.items() if k[0].startswith("地域別の登録DMO数")}
    assert region == {"北海道": 120, "東北": 310, "関東": 540, "合計": 970}, got
    from evalqa.readers import read_document
    said = "検索語は「DMO | 観光」のように区切って入力する。"
    assert [ln.cells for ln in read_document(p).lines if ln.text == said] == [[said]]


def test_a_caption_and_its_tables_header_on_one_line(tmp_path):
    # A PDF sets a 参考指標's caption and its columns on one baseline: 「参考指標1 獣種別の被害額（令和5年度） |
    # 被害額（億円）」 over the rows of a breakdown; 「参考指標2 …処理加工施設数（施設） | 令和3年度 | 令和4年度」
    # over one row 「施設数」, named whole by the caption.
    p = tmp_path / "maff-r7-19-higai.txt"
    p.write_text("施策名\t鳥獣被害の防止\n\n参考指標\n参考指標1 獣種別の被害額（令和5年度）\t被害額（億円）\n"
                 "シカ\t70\nイノシシ\t36\nサル\t8\n合計\t114\n"
                 "参考指標2 認証を取得した処理加工施設数（施設）\t令和3年度\t令和4年度\n"
                 "施設数\t29\t35\n\n施策の分析\n被害は減った。\n", encoding="utf-8")
    got = {(f.subject, f.series, f.fiscal_year): f.value for f in load_sheet(p).figures}
    assert got[("獣種別の被害額", "イノシシ", 2023)] == 36, got
    assert got[("認証を取得した処理加工施設数", None, 2022)] == 35, got


def test_a_line_of_header_fields_whose_value_holds_a_full_width_space(tmp_path):
    # 「担当部局名：…　　作成責任者名：…課長　山田　一郎」: a person's name written with a full-width space is one value
    p = tmp_path / "mofa-r6-v-9-ryoji.txt"
    p.write_text("施策名：領事業務の充実\n担当部局名：領事局政策課　　作成責任者名：領事局政策課長　山田　一郎\n\n"
                 "■ 施策の分析\n取組を進めた。\n", encoding="utf-8")
    fields = {f["label"]: f["value"] for f in load_sheet(p).fields}
    assert fields["担当部局名"] == "領事局政策課" and fields["作成責任者名"].endswith("山田一郎"), fields
    assert not any(v == "一郎" for v in fields.values())  # (the name's parts are not a label and its value)


def test_a_kind_of_value_run_into_the_cell_before_and_categories_across(tmp_path):
    """「大きいほど良好目標」: the direction column run into the 区分 after it (the row is of targets, the direction
    is the indicator's); a field written after a mark (「■総合判定：B」); categories across the first row."""
    p = tmp_path / "mlit-r7-40-bousai.txt"
    p.write_text("国土交通省 政策評価書\n\n■総合判定：B（相当程度進展あり）\n施策目標：浸水被害の軽減\n\n"
                 "■測定指標\n"
                 "測定指標\t評価の向き\t区分\t2022年度\t2023年度\n"
                 "1 浸水想定区域の住宅戸数（万戸）\t小さいほど良好目標\t\t120\t110\n"
                 "\t\t実績\t131\t118\n\n"
                 "■参考指標：県別の浸水想定区域の住宅戸数（2023年度末、万戸）\n"
                 "県\t愛知県\t大阪府\t福岡県\t合計\n"
                 "戸数（万戸）\t42\t38\t17\t97\n\n■分析\n本文。\n", encoding="utf-8")
    sheet = load_sheet(p)
    got = {(f.subject, f.series, f.measure, f.fiscal_year): f.value for f in sheet.figures}
    name = "浸水想定区域の住宅戸数（万戸）"
    assert got[(name, None, "目標値", 2023)] == 110 and got[(name, None, "実績値", 2023)] == 118
    assert not [k for k in got if k[0] == name and k[2] == "実績値" and got[k] in (120, 110)]
    across = {f.series: f.value for f in sheet.figures if f.series}
    assert across == {"愛知県": 42, "大阪府": 38, "福岡県": 17, "合計": 97}
    assert {f["label"]: f["value"] for f in sheet.fields}["総合判定"] == "B（相当程度進展あり）"
    # the direction column says which way the indicator is better (its targets falling say so too)
    from evalqa.direction import lower_is_better
    from evalqa.subject import Subject
    figs = [f for f in sheet.figures if f.subject == name]
    assert lower_is_better(Subject(sheet.id, name, [], name, figs, set())) is True


def test_a_caption_and_unit_written_as_the_tables_first_row(tmp_path):
    """「主な達成手段 | | | （単位：百万円）」 over a two-row header: the caption is no header row of the table."""
    p = tmp_path / "maff-r7-4-yushutsu.txt"
    p.write_text("令和7年度 農林水産省 政策評価書\n\n施策名：輸出の促進\n\n【達成手段】\n"
                 "主な達成手段\t\t\t\t（単位：百万円）\n"
                 "達成手段名（開始年度）\t2024年度\t\t\t2025年度当初予算額\n"
                 "\t予算現額\t執行額\t執行率（％）\t\n"
                 "①輸出促進対策事業（2020年度）\t18,420\t16,958\t92.1\t4,210\n"
                 "②輸出証明書発給システムの整備（2019年度）\t1,660\t1,356\t81.7\t440\n\n"
                 "【分析】\n本文。\n", encoding="utf-8")
    got = {(f.subject, f.measure, f.fiscal_year): (f.value, f.unit) for f in load_sheet(p).figures}
    assert got[("輸出証明書発給システムの整備（2019年度）", "執行額", 2024)] == (1356, "百万円")
    assert got[("輸出促進対策事業（2020年度）", "予算現額", 2024)] == (18420, "百万円")


def test_cut_brackets_a_baseline_column_and_two_row_headers_of_means(tmp_path):
    # A PDF's column edge cuts 「15,038（速報値）」 and sets its bracket on the row above (「…（令和7年度）| ）○」);
    # a 基準値 column holds the baseline on the 目標値 row; a 達成手段 table numbers its rows in a 番号 column, says
    # 「関連する | 指標」 over two header rows and 「2024年度当初予算額」 in one cell over an empty one.
    p = tmp_path / "cao-r6-9-1-kiroku.txt"
    p.write_text("令和6年度　内閣府　実績評価書\n\n施策名\t記録の保存\n\n測定指標\n"
                 "測定指標\t基準値（平成30年度）\t区分\t令和4年度\t令和5年度\t最終目標（年度）\t達成状況\n"
                 "1 移管冊数（冊）\t11,842\t目標値\t13,500\t14,000\t16,000（令和7年度\t）○\n"
                 "\t\t実績値\t14,102\t15,038（速報値\t\t\n\n"
                 "達成手段（単位：百万円）\n"
                 "番号\t達成手段名（開始年度）\t2023年度\t\t\t2024年度当初予算額\t関連する\n"
                 "\t\t予算額\t執行額\t執行率（％）\t\t指標\n"
                 "①\t記録保存システムの運用（令和2年度）\t446\t421\t94.4\t480\t1、2\n"
                 "②\t移管業務の支援（平成23年度）\t204\t192\t94.1\t225\t1\n\n施策の分析\n本文。\n",
                 encoding="utf-8")
    got = {(f.subject, f.measure, f.fiscal_year): f.value for f in load_sheet(p).figures}
    assert got[("移管冊数（冊）", "実績値", 2023)] == 15038 and got[("移管冊数（冊）", "基準値", 2018)] == 11842
    assert ("移管冊数（冊）", "目標値", 2018) not in got and got[("移管冊数（冊）", "目標値", 2025)] == 16000
    means = {k: v for k, v in got.items() if "（令和2年度）" in k[0]}
    assert means == {("記録保存システムの運用（令和2年度）", "予算額", 2023): 446,
                     ("記録保存システムの運用（令和2年度）", "執行額", 2023): 421,
                     ("記録保存システムの運用（令和2年度）", "執行率", 2023): 94.4,
                     ("記録保存システムの運用（令和2年度）", "当初予算額", 2024): 480}, means


def test_an_indicators_fields_on_one_line_and_a_caption_over_a_year_to_a_line(tmp_path):
    """A web page's indicator block: 「基準値：…（年度）／目標値：…（年度）／値が低いほど良好」 over its years, and a
    参考指標 caption over 「令和3年度　1,234」 lines (one value each). A target with no year (毎年度) is no figure."""
    p = tmp_path / "soumu-r6-3-1-shobo.txt"
    p.write_text("令和6年度　総務省　事前分析表\n\n施策名：消防力の充実強化\n\n▼測定指標\n"
                 "■指標1　住宅火災による死者数（人）\n"
                 "基準値：1,020人（令和元年度）／目標値：800人以下（令和7年度）／値が低いほど良好\n"
                 "　令和3年度　目標 950　実績 1,012\n　令和4年度　目標 900　実績 968\n"
                 "■指標2　消防団員の充足率（％）\n"
                 "基準値：91.0%（令和元年度）／目標値：95%以上（毎年度）\n"
                 "　令和3年度　目標 95　実績 89.2\n　令和4年度　目標 95　実績 88.4\n\n"
                 "▼参考指標\n■消防団員数（人）（各年4月1日現在）\n"
                 "　令和3年度　804,877\n　令和4年度　783,578\n　令和5年度　762,670\n\n▼施策の分析\n本文。\n",
                 encoding="utf-8")
    figs = load_sheet(p).figures
    got = {(f.subject, f.measure, f.fiscal_year): f.value for f in figs if f.measure in ("基準値", "目標値")
           and f.fiscal_year not in (2021, 2022)}
    assert got == {("指標1 住宅火災による死者数（人）", "基準値", 2019): 1020,
                   ("指標1 住宅火災による死者数（人）", "目標値", 2025): 800,
                   ("指標2 消防団員の充足率（％）", "基準値", 2019): 91.0}, got
    assert [(f.line, f.value) for f in figs if f.measure == "基準値"] == [(7, 1020), (11, 91.0)]
    members = [(f.measure, f.fiscal_year, f.value, f.line) for f in figs if f.subject.startswith("消防団員数")]
    assert members == [("実績値", 2021, 804877, 17), ("実績値", 2022, 783578, 18), ("実績値", 2023, 762670, 19)]


def test_a_breakdown_of_counts_with_the_rate_each_row_works_out(tmp_path):
    """「区分 | 計画数 | 実績数 | 達成率（％）」 under a caption of one year: the categories of the caption's counts,
    the rate column the table's own 達成率 of each category (not an indicator's 達成率 row)."""
    p = tmp_path / "moj-r6-2-3-kensyu.txt"
    p.write_text("令和6年度　法務省　実績評価書\n\n施策名\t職員研修の充実\n\n■参考指標\n"
                 "研修区分別の定員及び受講者数（令和5年度）\n研修区分\t定員（人）\t受講者数（人）\t達成率（％）\n"
                 "初任者研修\t1,200\t1,152\t96.0\n中堅研修\t800\t612\t76.5\n管理者研修\t300\t291\t97.0\n"
                 "合計\t2,300\t2,055\t89.3\n\n■施策の分析\n本文。\n", encoding="utf-8")
    got = {(f.subject, f.series, f.measure): f.value for f in load_sheet(p).figures if f.fiscal_year == 2023}
    assert got[("研修区分別の定員及び受講者数", "中堅研修", "達成率")] == 76.5
    assert got[("研修区分別の定員及び受講者数", "合計", "達成率")] == 89.3
    assert got[("研修区分別の受講者数", "管理者研修", "実績値")] == 291
    assert not [k for k in got if k[0] == "中堅研修"]  # (no category read as an indicator of its own)


def test_a_total_row_under_columns_that_name_their_measures_is_no_measure_of_its_own(tmp_path):
    # (「合計」 under 「令和5年度予算額 | 令和5年度執行額 | 執行率」: the means added up; read as a measure 合計 of the
    # table's name it gave 92.6 as a 合計)
    sheet = tmp_path / "test-r6-3-x.txt"
    sheet.write_text("施策名：試験施策\n達成手段（単位：千円）\n"
                     "達成手段名（開始年度）\t令和5年度予算額\t令和5年度執行額\t執行率（％）\n"
                     "①相談員養成事業（平成21年度）\t1,520,000\t1,444,000\t95.0\n"
                     "②出張相談推進事業（令和2年度）\t380,400\t301,900\t79.4\n"
                     "合計\t1,900,400\t1,745,900\t91.9\n", encoding="utf-8")
    figs = load_sheet(sheet).figures
    assert not any(f.measure == "合計" for f in figs), [(f.subject, f.measure, f.value) for f in figs]
    assert sorted((f.subject[:6], f.value) for f in figs if f.measure == "執行率") == [
        ("出張相談推進", 79.4), ("相談員養成事", 95.0)]
