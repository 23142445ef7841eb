"""Tables drawn with box characters in Shift_JIS text, and a workbook of several worksheets whose indicator table is
transposed (years down, each indicator over a 目標値 / 実績値 pair): sheets of our own, read into figures."""
import openpyxl

from evalqa import load_sheet

_BOXED = """令和６年度　実績評価書（消費者行政）
【施策名】　食品表示の適正化
【担当部局名】　表示対策課
１．施策の予算額・執行額等　　　　　　　　　　　（単位：千円）
┌────────┬────────┬────────┬────────┐
│区分　　　　　　│令和４年度　　　│令和５年度　　　│令和６年度　　　│
├────────┼────────┼────────┼────────┤
│当初予算（ａ）　│　　４１２，５００│　　４３０，２００│　　４５５，０００│
│執行額　　　　　│　　３９８，１２０│　　４０１，９００│　　　　　　　－│
└────────┴────────┴────────┴────────┘
２．測定指標
測定指標１　表示監視の立入検査件数（件）
┌─────┬──────┬──────┐
│区分　　　│令和４年度　│令和５年度　│
├─────┼──────┼──────┤
│目標値　　│　　　１２０│　　　１３０│
│実績値　　│　　　１２６│　　　１２２│
└─────┴──────┴──────┘
３．達成手段
┌────────────┬─────────┬─────────┬────────┐
│達成手段名　　　　　　　│令和５年度予算額　│令和５年度執行額　│令和６年度当初　│
├────────────┼─────────┼─────────┼────────┤
│①表示監視事業　　　　　│　　1億2,300万円│　　1億1,980万円│　　1億3,000万円│
│②事業者向け研修　　　　│　　　　 4,500万円│　　　　 4,120万円│　　　 4,800万円│
└────────────┴─────────┴─────────┴────────┘
４．施策の進捗状況
　啓発動画の再生回数は約２３万回となった。相談員の平均年齢は５２．４歳である。
"""


def _figure(sheet, subject_start, measure, year):
    hits = [f for f in sheet.figures if f.subject.startswith(subject_start) and f.measure == measure
            and f.fiscal_year == year]
    assert len(hits) == 1, (subject_start, measure, year, [(f.subject, f.measure, f.fiscal_year) for f in
                                                           sheet.figures])
    return hits[0]


def test_box_drawn_tables_in_shift_jis_text(tmp_path):
    """Rows between │ bars are cells, border lines are no rows; full-width digits are numbers; 「1億2,300万円」 is
    12,300万円 as its column's other cells are in 万円; 「令和６年度当初」 heads the initial budget; 「約２３万回」 and
    「５２．４歳」 are counted in sentences."""
    p = tmp_path / "caa-r6-9-1-hyoji.txt"
    p.write_bytes(_BOXED.replace("\n", "\r\n").encode("cp932"))
    sheet = load_sheet(p)
    assert _figure(sheet, "施策の予算額・執行額等", "執行額", 2023).value == 401900
    assert _figure(sheet, "施策の予算額・執行額等", "当初予算(a)", 2024).value == 455000
    assert _figure(sheet, "表示監視の立入検査件数", "実績値", 2023).value == 122
    assert _figure(sheet, "表示監視の立入検査件数", "目標値", 2022).value == 120
    means = _figure(sheet, "表示監視事業", "予算額", 2023)
    assert (means.value, means.unit) == (12300, "万円")
    assert _figure(sheet, "表示監視事業", "執行額", 2023).value == 11980
    assert _figure(sheet, "事業者向け研修", "当初予算額", 2024).value == 4800
    facts = {(f.unit, f.value) for f in sheet.facts}
    assert {("回", 230000), ("歳", 52.4)} <= facts


def test_a_workbook_of_worksheets_with_a_transposed_indicator_table(tmp_path):
    """「測定指標 | 指標1 … | | 指標2 … |」 over rows of 単位, 基準値（基準年度）, 目標値（目標年度）, then
    「年度 | 目標値 | 実績値 | 目標値 | 実績値」 and a row per year, then 「令和5年度の判定」: each indicator's
    figures by year, its baseline and final target with the years their cells say, the year's grade as a note; a
    worksheet that opens with a table is headed by its tab's name."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "概要"
    ws.append(["令和6年度　実績評価書（防災情報）"])
    ws.append(["施策名", "防災情報の高度化"])
    ws.append(["担当部局名", "防災情報室"])
    ws = wb.create_sheet("測定指標")
    ws.append(["測定指標（年度別の目標値・実績値）"])
    ws.append([])
    ws.append(["測定指標", "指標1　警報の発表から伝達までの平均時間", None, "指標2　防災アプリの登録者数"])
    ws.append(["単位", "分", None, "万人"])
    ws.append(["基準値（基準年度）", "12.0（平成30年度）", None, "85（平成29年度）"])
    ws.append(["目標値（目標年度）", "5以内（令和7年度）", None, "300（令和7年度）"])
    ws.append(["年度", "目標値", "実績値", "目標値", "実績値"])
    ws.append(["令和3年度", 10, 9.4, 150, 162])
    ws.append(["令和4年度", 8, 8.1, 200, 214])
    ws.append(["令和5年度", 7, 6.5, 250, "集計中"])
    ws.append(["令和5年度の判定", "達成", None, "－"])
    ws = wb.create_sheet("評価")
    ws.append(["施策の進捗状況（実績）", "令和5年度は警報の伝達時間が6.5分に短縮された。"])
    p = tmp_path / "jma-r6-9-1-bosai.xlsx"
    wb.save(p)
    sheet = load_sheet(p)
    time = _figure(sheet, "警報の発表から伝達までの平均時間", "実績値", 2023)
    assert (time.value, time.unit) == (6.5, "分") and "判定: 達成" in (time.note or "")
    assert _figure(sheet, "警報の発表から伝達までの平均時間", "基準値", 2018).value == 12.0
    assert _figure(sheet, "警報の発表から伝達までの平均時間", "目標値", 2025).value == 5
    assert _figure(sheet, "防災アプリの登録者数", "目標値", 2023).value == 250
    assert _figure(sheet, "防災アプリの登録者数", "実績値", 2022).value == 214
    assert not [f for f in sheet.figures if f.subject.startswith("防災アプリ") and f.measure == "実績値"
                and f.fiscal_year == 2023 and f.value is not None]
    assert not [f for f in sheet.figures if f.subject.startswith("測定指標")]
    assert any(s.path[0] == "【評価】" for s in sheet.sections)
