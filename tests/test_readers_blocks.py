"""Tables a block of rows holds more than one of, and headers with a remark (the twenty-ninth set's sheets): a
worksheet's caption in a row of its own between two tables, 「達成手段（開始年度）」 as the means table's header,
a PDF's two tables one under the other with no caption between, a column that says its own year. Sheets of our
own, written here: a workbook and a text of other ministries than the set's."""
import openpyxl
import pytest

from evalqa import load_sheet


def sheet_of(tmp_path, name, lines):
    """The sheet of a text of our own, one line a list item, written under the file name given."""
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return load_sheet(path)



def figs(sheet, subject_part, measure=None):
    return {(f.series, f.fiscal_year): f.value for f in sheet.figures
            if subject_part in f.subject and (measure is None or f.measure == measure)}


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    """An 事前分析表 workbook: a 参考指標 table, a caption alone in its row over a breakdown whose category column
    spans two cells, and a means table of 「予算額計（執行額）」 under a header 「達成手段（開始年度）」."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "事前分析表"
    rows = [
        ["令和6年度実施施策に係る政策評価の事前分析表"],
        ["施策名", "⑦漁港の機能保全", None, None, None, "担当部局名", "水産庁漁港漁場整備部"],
        ["達成すべき目標", "機能保全計画に基づく対策を進め、漁港の機能を維持する。"],
        ["施策の予算額・執行額等", None, "区分", "令和3年度", "令和4年度", "令和5年度", "令和6年度"],
        ["予算の状況（百万円）", None, "当初予算（a）", 9000, 9500, 10000, 11000],
        [None, None, "合計（a＋b＋c）", 9200, 9600, 10100, "－"],
        ["執行額（百万円）", None, None, 8800, 9400, 9900, "－"],
        ["（注）令和6年度は当初予算額。"],
        ["測定指標", None, "基準値", "基準年度", "目標値", "目標年度", "区分", "令和3年度", "令和4年度", "令和5年度"],
        ["1 機能保全計画に基づく対策を実施した漁港の割合（％）", None, 30, "令和2年度", 80, "令和7年度",
         "年度ごとの目標値", 40, 50, 60],
        [None, None, None, None, None, None, "実績値", 41.2, 48.5, 61.0],
        ["参考指標", None, None, None, None, None, "区分", "令和3年度", "令和4年度", "令和5年度"],
        ["漁港数（か所）", None, None, None, None, None, "実績値", 2780, 2777, 2772],
        ["漁業地域別の対策に着手した漁港数（令和5年度末）（か所）"],
        ["漁業地域", None, "着手漁港数"],
        ["北海道", None, 210],
        ["東北", None, 355],
        ["九州", None, 402],
        ["合計", None, 967],
        ["達成手段（開始年度）", None, "予算額計（執行額）（単位：百万円）", None, None, "当初予算額（百万円）",
         "関連する指標"],
        [None, None, "令和3年度", "令和4年度", "令和5年度", "令和6年度"],
        ["①水産基盤整備事業（平成14年度）", None, "8,100（7,420）", "8,350（7,905）", "8,600（8,012）", 7900, "1"],
        ["②漁港機能保全対策（令和2年度）", None, "420（310）", "455（398）", "470（402）", 300, "1"],
    ]
    for r in rows:
        ws.append(r)
    path = tmp_path_factory.mktemp("wb") / "jfa-r6-7-gyoko.xlsx"
    wb.save(path)
    return load_sheet(path)


def test_a_caption_alone_in_its_row_names_the_breakdown_under_it(workbook):
    by_region = figs(workbook, "漁業地域別の対策に着手した漁港数")
    assert by_region == {("北海道", 2023): 210, ("東北", 2023): 355, ("九州", 2023): 402, ("合計", 2023): 967}
    # (the caption row is no row of the 参考指標 table above it)
    assert figs(workbook, "漁港数（か所）") == {(None, 2021): 2780, (None, 2022): 2777, (None, 2023): 2772}


def test_a_means_header_with_its_remark_opens_the_means_table(workbook):
    assert figs(workbook, "水産基盤整備事業", "予算額計") == {
        (None, 2021): 8100, (None, 2022): 8350, (None, 2023): 8600}
    assert figs(workbook, "水産基盤整備事業", "執行額") == {(None, 2021): 7420, (None, 2022): 7905, (None, 2023): 8012}
    assert figs(workbook, "漁港機能保全対策", "当初予算額") == {(None, 2024): 300}
    assert all(f.table == "達成手段" for f in workbook.figures if "漁港機能保全対策" in f.subject)
    assert not figs(workbook, "水産基盤整備事業", "基準値")  # (it was read as an indicator's 基準値)


def test_two_tables_of_one_block_are_read_apart(tmp_path):
    """A PDF prints the 参考指標 tables one under the other: the second's header row follows the first's values."""
    s = sheet_of(tmp_path, "mhlw-r6-i-2-1-iryo.txt", [
        "令和6年度実績評価書",
        "施策名：医療提供体制の確保（厚生労働省6－Ⅰ－2－1）",
        "3．参考指標（目標値は設定していない）",
        "地方ブロック\t救急搬送件数（件）（令和5年度）\t前年度比（件）",
        "北海道\t2,310\t△40",
        "東北\t3,105\t120",
        "全国\t5,415\t80",
        "搬送の種類\t令和3年度\t令和4年度\t令和5年度",
        "転院搬送（件）\t810\t845\t902",
        "急病（件）\t4,020\t4,150\t4,513",
        "4．評価結果",
        "おおむね目標に近い実績を示した。",
    ])
    # (the column says its year in brackets; the header's first cell, what the rows are)
    assert figs(s, "地方ブロック別の救急搬送件数") == {
        ("北海道", 2023): 2310, ("東北", 2023): 3105, ("全国", 2023): 5415}
    kinds = figs(s, "搬送の種類別")
    assert kinds[("転院搬送（件）", 2021)] == 810 and kinds[("急病（件）", 2023)] == 4513
    assert not any("前年度比" in f.subject for f in s.figures)  # (a change, of no year of its own: not a value)


def test_a_breakdown_of_the_rate_its_caption_names(tmp_path):
    """「地方整備局等別の週休2日の達成率」 over 「地方整備局等 | 達成率」: each row a category of the caption's rate
    (its 実績値), not an indicator of its own named after a bureau."""
    s = sheet_of(tmp_path, "mlit-r6-40-kowan-rodo.txt", [
        "2024年度政策チェックアップ評価書",
        "施策目標\t港湾の労働環境を改善する",
        "■参考指標",
        "（2）港湾管理者別の荷役機械の点検達成率（2023年度）（％）",
        "港湾管理者\t達成率",
        "東京港\t97.2",
        "横浜港\t95.0",
        "全国\t96.1",
    ])
    rows = {f.series: (f.measure, f.value) for f in s.figures if "港湾管理者別の荷役機械の点検達成率" in f.subject}
    assert rows == {"東京港": ("実績値", 97.2), "横浜港": ("実績値", 95.0), "全国": ("実績値", 96.1)}


def test_a_budget_row_labelled_across_the_worksheet_cells_keeps_its_years(workbook):
    """「執行額（百万円） | | | 8,800 | …」, its label over the 区分 column too: each value its own year's (the
    row had been set two years to the right, as a row of text that lost its cells is)."""
    assert figs(workbook, "施策の予算額・執行額等", "執行額") == {
        (None, 2021): 8800, (None, 2022): 9400, (None, 2023): 9900, (None, 2024): None}


def test_a_budget_row_under_merged_cells_of_a_published_layout():
    """The same row in a 様式 workbook whose first cells are merged (tests/sheets): the 執行額 of 令和3年度 is the
    令和3年度 column's, not 令和5年度's."""
    from conftest import SHEETS

    s = load_sheet(SHEETS / "maff-r6-13-tameike.xlsx")
    spent = {f.fiscal_year: f.value for f in s.figures if f.measure == "執行額" and f.table.startswith("施策の予算額")}
    assert spent == {2021: 33870, 2022: 38905, 2023: 42118, 2024: None}


def test_a_year_column_marked_preliminary_is_that_years_and_a_target_beside_its_value(tmp_path):
    """「令和5年度（概算）」 heads 2023's values; 「…率 | 区分別目標 | 達成状況」 under a legend of marks: each row's
    target and grade belong to the rate before them."""
    sheet = sheet_of(tmp_path, "maff-r6-9-9-jikyu.txt", [
        "令和6年度事前分析表", "施策名：食料の安定供給", "",
        "参考指標1　品目別自給率（重量ベース）（単位：％）",
        "品目\t令和3年度\t令和4年度\t令和5年度（概算）",
        "米\t98\t99\t99", "小麦\t17\t15\t17", "大豆\t7\t6\t7", "",
        "参考指標2　地域別の状況（令和5年度）",
        "達成状況　○：地域別目標を達成　×：地域別目標の9割未満",
        "地域\t農地面積（万ha）\t集積率（％）\t地域別目標（％）\t達成状況",
        "北海道\t114\t91.5\t90\t○", "東北\t82\t45.0\t60\t×", "全国\t430\t59.5\t70\t－"])
    rates = {ser: v for (ser, year), v in figs(sheet, "品目別自給率").items() if year == 2023}
    assert rates == {"米": 99, "小麦": 17, "大豆": 7}
    share = [f for f in sheet.figures if "集積率" in f.subject and f.series == "東北"]
    assert {(f.measure, f.value) for f in share} == {("実績値", 45.0), ("目標値", 60)}
    assert "達成状況: ×" in next(f.note for f in share if f.measure == "実績値")
