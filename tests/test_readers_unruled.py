"""Tables set out without rules, as word processors print them and as text laid out with spaces: sheets of our
own (a Chromium-printed PDF with borderless tables, a text sheet aligned with spaces), read into figures."""
import subprocess

from evalqa import load_sheet

_UNRULED = """<html><head><meta charset="utf-8"><style>body{font-family:"Noto Sans CJK JP";font-size:9pt}
td{padding:1px 16px;border:none} table{border-collapse:collapse}</style></head><body>
<p>令和6年度　政策評価調書（実績評価）</p>
<p>施策目標　がん検診の受診促進</p><p>担当部局　健康局がん・疾病対策課</p>
<p>3．施策の予算額・執行額等（単位：百万円）</p>
<table><tr><td>区分</td><td>令和3年度</td><td>令和4年度</td><td>令和5年度</td></tr>
<tr><td>当初予算（a）</td><td>2,410</td><td>2,530</td><td>2,660</td></tr>
<tr><td>補正予算（b）</td><td>120</td><td>－</td><td>340</td></tr>
<tr><td>繰越し等（c）</td><td>－</td><td>△45</td><td>－</td></tr>
<tr><td>合計（a＋b＋c）</td><td>2,530</td><td>2,485</td><td>3,000</td></tr>
<tr><td>執行額</td><td>2,301</td><td>2,287</td><td>2,712</td></tr></table>
<p>4．測定指標</p>
<p>指標1 大腸がん検診の受診率（％） 基準値 38.2（令和2年度） 目標値 50以上（令和8年度）</p>
<table><tr><td></td><td>令和3年度</td><td>令和4年度</td><td>令和5年度</td></tr>
<tr><td>目標値</td><td>40.0</td><td>42.0</td><td>44.0</td></tr>
<tr><td>実績値</td><td>39.1</td><td>41.7</td><td>44.6</td></tr></table>
<p>5．達成手段</p>
<table><tr><td>達成手段</td><td>令和4年度</td><td>令和5年度</td></tr>
<tr><td>①がん検診受診率向上事業</td><td>1,820（1,702）</td><td>1,960（1,874）</td></tr>
<tr><td>②検診精度管理支援事業</td><td>310（244）</td><td>335（301）</td></tr></table>
<p>（注）各欄は「予算額（執行額）」を示す。</p>
</body></html>"""


def _figure(sheet, subject_start, measure, year):
    hits = [f for f in sheet.figures if f.subject.startswith(subject_start) and f.measure == measure
            and f.fiscal_year == year]
    assert len(hits) == 1, (subject_start, measure, year, hits)
    return hits[0].value


def test_pdf_tables_without_rules_are_read_by_their_columns(tmp_path):
    """Cells apart by wide gaps are a row; a header row with a blank corner stands over its columns; an
    indicator's caption names its table without the 基準値 and 目標値 written after the name; year cells
    「1,820（1,702）」 under a note 「予算額（執行額）」 are both."""
    html = tmp_path / "s.html"
    html.write_text(_UNRULED, encoding="utf-8")
    pdf = tmp_path / "mhlw-r6-9-9-gankenshin.pdf"
    subprocess.run(["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", str(html)], check=True, capture_output=True, timeout=120)
    sheet = load_sheet(pdf)
    # the header's labels set apart from their values by a space only
    assert (sheet.title, sheet.bureau) == ("がん検診の受診促進", "健康局がん・疾病対策課")
    assert _figure(sheet, "施策の予算額・執行額等", "執行額", 2023) == 2712
    assert _figure(sheet, "施策の予算額・執行額等", "繰越し等(c)", 2022) == -45
    assert _figure(sheet, "指標1 大腸がん検診の受診率（％）", "実績値", 2023) == 44.6
    assert _figure(sheet, "指標1 大腸がん検診の受診率（％）", "目標値", 2022) == 42.0
    assert not [f for f in sheet.figures if f.subject.startswith("指標1") and "基準値 38.2" in f.subject]
    assert _figure(sheet, "がん検診受診率向上事業", "予算額", 2023) == 1960
    assert _figure(sheet, "がん検診受診率向上事業", "執行額", 2023) == 1874
    assert _figure(sheet, "検診精度管理支援事業", "執行額", 2022) == 244


_SPACED = """令和6年度 実績評価書
【施策名】　特許審判の迅速化
【担当部局】　審判部審判課

【測定指標】
  指標1　審判請求から審決までの平均審理期間（月）　※小さいほど良好　　最終目標：10.0以下（令和7年度）
    区分          令和3年度  令和4年度  令和5年度
    目標値           12.5       12.0       11.5
    実績値           12.9       12.2       11.3

  指標2　審判事件の処理件数（件）　※主要
    区分          令和3年度  令和4年度  令和5年度
    目標値          6,000      6,100      6,200
    実績値          5,870      6,240      6,315
"""


def test_text_captions_set_out_with_spaces_name_their_tables(tmp_path):
    """「指標1　…（月）　※小さいほど良好　　最終目標：…」 is a caption, not a header row of four cells: the table's
    name is the indicator's (without the note and the target after it); 「※主要」 stays part of the name."""
    path = tmp_path / "jpo-r6-2-1-shinpan.txt"
    path.write_text(_SPACED, encoding="utf-8")
    sheet = load_sheet(path)
    assert _figure(sheet, "指標1 審判請求から審決までの平均審理期間（月）", "実績値", 2023) == 11.3
    assert not [f for f in sheet.figures if "最終目標" in f.subject or f.subject == "【測定指標】"]
    assert _figure(sheet, "指標2 審判事件の処理件数（件）", "実績値", 2022) == 6240
    assert any("主要" in f.subject for f in sheet.figures if f.subject.startswith("指標2"))


# As `pdftotext -layout` prints a table: columns one space apart where they are tight, a name running on into the
# 実績値 row, a 実績値 row whose empty name cell is lost, a page footer and the header again inside the table.
_LAYOUT = """令和5年度 実績評価書（原子力防災）
5 測定指標
        測定指標         基準値     目標値 区分 令和元年度 令和2年度 令和3年度 令和4年度 判定
1 防災訓練への参加機関数      120 150以上 目標値  150   150   150   150 ○
（機関）                （H30年度） （毎年度） 実績値   142    －     98   156
                                                 - 1 -
\f5 測定指標（続き）
          測定指標        基準値       目標値 区分 令和元年度 令和2年度 令和3年度 令和4年度 判定
2 PAZ内住民への安定ヨウ素剤の事前配       61.2    80以上 目標値     64    67    70     73 ×
布率（％）【主要】            （H30年度） （R7年度） 実績値       63.0  64.1  65.8   67.5
3 防災研修の修了者数（人）         2,480 3,000以上 目標値  3,000 3,000 3,000  3,000 ○
                     （H30年度） （毎年度） 実績値       2,915 1,206 2,634  3,128
"""


def test_layout_text_tables_are_read_by_their_kind_column(tmp_path):
    """The 区分 column (目標値 / 実績値) anchors each row: a row that lost its empty name cell keeps its years (2,915
    is 令和元年度's, not 1,206), and a name that runs on into the 実績値 row is one indicator's."""
    path = tmp_path / "nep-r5-1-bousai.txt"
    path.write_text(_LAYOUT, encoding="utf-8")
    sheet = load_sheet(path)
    assert _figure(sheet, "防災訓練への参加機関数", "実績値", 2021) == 98
    assert _figure(sheet, "防災研修の修了者数（人）", "実績値", 2019) == 2915
    assert _figure(sheet, "防災研修の修了者数（人）", "実績値", 2022) == 3128
    name = "PAZ内住民への安定ヨウ素剤の事前配布率（％）【主要】"
    assert (_figure(sheet, name, "目標値", 2022), _figure(sheet, name, "実績値", 2022)) == (73, 67.5)
    assert not [f for f in sheet.figures if f.subject.startswith("布率")]
