"""PDF and Excel in, page and cell citations out.

The fixtures under tests/fixtures/ are made by tools/make_fixtures.py: the text sheets laid out as an Excel
form (openpyxl) and printed to PDF by LibreOffice, as ministries make them. Golden rule: the PDF and the
Excel of a sheet give the figures of its text, value by value.
"""
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import MEXT, MHLW, SEED
from evalqa import SheetError, load_sheet
from evalqa.cli import main
from evalqa.figure import Figure
from evalqa.readers import SUFFIXES, read_document
from evalqa.readers.base import join_wrapped
from evalqa.readers.excel import format_number
from evalqa.readers.pdf import _document, _Item
from evalqa.wording import cite

FIXTURES = Path(__file__).resolve().parent / "fixtures"
KEYS = ["subject", "series", "measure", "fiscal_year", "year_label", "value", "unit", "raw"]
SHEETS = {p.stem: p for p in (SEED, MEXT, MHLW)}


def values(figures: list[Figure]) -> list[tuple]:
    return [tuple(getattr(f, k) for k in KEYS) for f in figures]


@pytest.fixture(scope="module")
def texts():
    return {stem: load_sheet(p) for stem, p in SHEETS.items()}


@pytest.fixture(scope="module")
def loaded():
    """Each fixture read once (a PDF takes about 0.1 s a page)."""
    cache: dict = {}

    def load(name: str):
        if name not in cache:
            cache[name] = load_sheet(FIXTURES / name)
        return cache[name]

    return load


@pytest.mark.parametrize("stem", sorted(SHEETS))
def test_pdf_gives_the_figures_of_the_text_with_pages(texts, loaded, stem):
    sheet = loaded(f"{stem}.pdf")
    want = texts[stem].figures
    assert values(sheet.figures) == values(want)
    assert all(isinstance(f.page, int) and f.page >= 1 for f in sheet.figures)
    assert all(f.cell is None for f in sheet.figures)
    if stem == SEED.stem:
        assert len(sheet.figures) == 117


@pytest.mark.parametrize("stem", sorted(SHEETS))
def test_excel_gives_the_figures_of_the_text_with_cells(texts, loaded, stem):
    sheet = loaded(f"{stem}.xlsx")
    assert values(sheet.figures) == values(texts[stem].figures)
    assert all(f.page is None for f in sheet.figures)
    # Every value stands in a cell; only the empty cells a shifted 政策ごとの予算額 row lacks have none.
    assert all(f.cell and f.cell.startswith("事前分析表!") for f in sheet.figures if f.raw)


def test_the_seed_count_in_pdf_and_excel(loaded):
    pdf = loaded("mofa-r3-I-2-hokubei.pdf").figures
    xlsx = loaded("mofa-r3-I-2-hokubei.xlsx").figures

    def kaidan(figs):
        return next(f for f in figs if f.subject.startswith("日加二国間会談数") and f.measure == "実績値")

    assert (kaidan(pdf).value, kaidan(xlsx).value) == (3, 3)
    assert kaidan(pdf).page and 1 < kaidan(pdf).page < 26
    assert kaidan(xlsx).cell == f"事前分析表!D{kaidan(xlsx).line}"


def test_pdf_lines_keep_pages_and_join_vertical_and_wrapped_cells():
    doc = read_document(FIXTURES / "mext-r1-II-3-kokusai.pdf")
    assert all(ln.page for ln in doc.lines)
    assert [ln.page for ln in doc.lines] == sorted(ln.page for ln in doc.lines if ln.page)
    first_cells = [ln.cells[0] for ln in doc.lines]
    assert "予算の状況(百万円)" in first_cells  # written one character per line in the form
    assert "施策 II - 3 国際交流の推進" in first_cells
    assert max(ln.page or 0 for ln in doc.lines) == 4  # every page of the PDF
    # The page numbers in the footer are not text of the sheet.
    assert not any(c.strip("- ").isdigit() for c in first_cells)


def test_excel_lines_keep_cell_refs_and_merged_cells_as_text_extraction_has_them():
    doc = read_document(FIXTURES / "mofa-r3-I-2-hokubei.xlsx")
    row = next(ln for ln in doc.lines if ln.cells[0] == "政策名")
    assert row.cells[:3] == ["政策名", "北米地域外交", ""]  # merged B:E: text in B, C–E empty
    assert row.cell_refs is not None and row.cell_refs[1] == f"事前分析表!B{row.number}"
    prose = next(ln for ln in doc.lines if ln.cells[0].startswith("施策 I - 2"))
    assert len(prose.cells) == 1  # a paragraph merged across the page is one cell


def test_table_continued_on_next_page_drops_its_repeated_header():
    head = [["", "令和2年度", "令和3年度"]]
    a = _Item(1, 400, 500, 10, 300, rows=head + [["①", "1", "2"]], columns=[10, 100, 200])
    b = _Item(2, 40, 100, 10, 300, rows=head + [["②", "3", "4"]], columns=[10, 100, 200])
    doc = _document("x.pdf", [a, b])
    assert [ln.cells for ln in doc.lines] == head + [["①", "1", "2"], ["②", "3", "4"]]
    assert [ln.page for ln in doc.lines] == [1, 1, 2]


def test_a_lone_header_row_is_spread_over_the_columns_of_its_continuation():
    a = _Item(1, 500, 520, 10, 300, rows=[["名", "予算額"]], columns=[10, 100])  # 予算額 merged over 2 columns
    b = _Item(2, 40, 100, 10, 300, rows=[["", "1", "2"]], columns=[10, 100, 200])
    doc = _document("x.pdf", [a, b])
    assert [ln.cells for ln in doc.lines] == [["名", "予算額", ""], ["", "1", "2"]]


def test_a_row_cut_by_the_page_break_and_drawn_without_rules_goes_back_into_its_table():
    """The end of a wrapped name (「数（件）」) and the row's second line set out in columns stand at the top of the
    next page, above the rest of the table: they go back into the table, each piece under its column."""
    head = [["測定指標", "区分", "令和4年度", "令和5年度"]]
    a = _Item(1, 400, 700, 10, 400, rows=head + [["1 相談の受付件", "目標値", "10", "12"]], columns=[10, 150, 250, 320])
    tail = _Item(2, 40, 50, 12, 60, text="数（件）")
    actual = _Item(2, 52, 62, 150, 360, text="実績値 11 13", cells=["実績値", "11", "13"],
                   spans=[(152, 180), (262, 275), (330, 345)])
    b = _Item(2, 70, 120, 10, 400, rows=[["2 研修の回数（回）", "目標値", "5", "6"]], columns=[10, 150, 250, 320])
    doc = _document("x.pdf", [a, tail, actual, b])
    assert [ln.cells for ln in doc.lines] == head + [
        ["1 相談の受付件数（件）", "目標値", "10", "12"], ["", "実績値", "11", "13"],
        ["2 研修の回数（回）", "目標値", "5", "6"]]
    assert [ln.page for ln in doc.lines] == [1, 1, 2, 2]
    # (a sentence above the next page's table is no piece of a row: the table is not joined)
    note = _Item(2, 40, 50, 12, 400, text="（注）令和5年度の値は速報値である。")
    doc = _document("x.pdf", [a, note, b])
    assert [ln.cells[0] for ln in doc.lines][-2:] == ["（注）令和5年度の値は速報値である。", "2 研修の回数（回）"]


def test_a_cut_row_below_the_first_part_with_its_kind_written_down_its_cell():
    """Under the first part: the end of the name and the row's values, its kind 「実績値」 one character a line,
    the last character at the top of the next page."""
    head = [["測定指標", "区分", "令和4年度", "令和5年度"]]
    a = _Item(1, 500, 700, 10, 400, rows=head + [["1 採用計画達成率（％）【主", "目標値", "100", "100"]],
              columns=[10, 150, 250, 320])
    row = _Item(1, 702, 712, 12, 360, text="要】 実 66.5 51.8", cells=["要】", "実", "66.5", "51.8"],
                spans=[(12, 30), (152, 160), (262, 275), (330, 345)])
    down = [_Item(1, 714, 724, 152, 160, text="績"), _Item(2, 30, 40, 152, 160, text="値")]
    b = _Item(2, 42, 120, 10, 400, rows=[["2 応募者数（人）", "目標値", "110,000", "110,000"]],
              columns=[10, 150, 250, 320])
    doc = _document("x.pdf", [a, row, *down, b])
    assert [ln.cells for ln in doc.lines] == head + [
        ["1 採用計画達成率（％）【主要】", "目標値", "100", "100"], ["", "実績値", "66.5", "51.8"],
        ["2 応募者数（人）", "目標値", "110,000", "110,000"]]
    assert [ln.page for ln in doc.lines] == [1, 1, 1, 2]


def test_wrapped_paragraph_lines_join_and_short_lines_end_a_paragraph():
    items = [_Item(1, 10, 20, 10, 500, text="日米間で、首脳間、外相間を始め、"),
             _Item(1, 22, 32, 10, 200, text="連携していく。"),
             _Item(1, 34, 44, 10, 120, text="令和3年度目標")]
    doc = _document("x.pdf", items)
    assert [ln.cells for ln in doc.lines] == [["日米間で、首脳間、外相間を始め、連携していく。"], ["令和3年度目標"]]


def test_join_wrapped_and_number_formats():
    assert join_wrapped(["予", "算", "の", "状", "況"]) == "予算の状況"
    assert join_wrapped(["65", "(56)"]) == "65 (56)"
    assert format_number(598665, "#,##0") == "598,665"
    assert format_number(-14, '#,##0;"△"#,##0') == "△14"
    assert format_number(0.7, "0%") == "70%"
    assert format_number(0.305, "0.0%") == "30.5%"
    assert format_number(3, "General") == "3"


def test_suffixes():
    assert {".txt", ".pdf", ".xlsx"} == SUFFIXES


def test_citations_name_the_page_or_the_cell():
    f = Figure("s", ["測定指標1-4 日加"], "日加", None, "実績値", 2020, "令和2年度", 3, None, "3", line=183)
    assert cite(f, "北米").endswith("［183行目］")
    f.page = 3
    assert cite(f, "北米").endswith("［p.3、183行目］")
    f.page, f.cell = None, "事前分析表!F12"
    assert cite(f, "北米").endswith("［事前分析表!F12］")


@pytest.mark.parametrize("name,count", [("mhlw-h30-V-1-shuro.pdf", 49), ("mofa-r3-I-2-hokubei.xlsx", 117)])
def test_cli_figures_json_on_pdf_and_excel(capsys, name, count):
    assert main(["figures", str(FIXTURES / name), "--json"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(rows) == count
    key = "page" if name.endswith(".pdf") else "cell"
    assert all(r[key] is not None for r in rows if r["raw"])


# --- files that cannot be read ------------------------------------------------------------------


def _raises(path: Path, reason: str) -> None:
    with pytest.raises(SheetError) as e:
        load_sheet(path)
    assert str(path) in str(e.value) and reason in str(e.value)


def test_scanned_pdf_needs_ocr(tmp_path):
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (600, 300), "white")
    ImageDraw.Draw(im).text((20, 20), "令和2年度 3", fill="black")
    p = tmp_path / "scan.pdf"
    im.save(p)
    _raises(p, "no text layer (a scanned PDF?): OCR is needed")


def test_encrypted_pdf(tmp_path):
    from pypdf import PdfWriter

    w = PdfWriter(clone_from=FIXTURES / "mhlw-h30-V-1-shuro.pdf")
    w.encrypt(user_password="secret", owner_password="owner")
    p = tmp_path / "locked.pdf"
    w.write(p)
    _raises(p, "is encrypted (password-protected PDF)")


def test_pdf_with_only_an_owner_password_is_read(tmp_path):
    """Many published PDFs forbid editing but open without a password: those are readable."""
    from pypdf import PdfWriter

    w = PdfWriter(clone_from=FIXTURES / "mhlw-h30-V-1-shuro.pdf")
    w.encrypt(user_password="", owner_password="owner")
    p = tmp_path / "mhlw-h30-V-1-shuro.pdf"
    w.write(p)
    assert len(load_sheet(p).figures) == 49


@pytest.mark.parametrize("name,cut,reason", [
    ("truncated.pdf", 3, "cannot be read as a PDF: the file is corrupt or truncated"),
    ("truncated.xlsx", 3, "is a corrupt or unreadable Excel file"),
])
def test_truncated_files(tmp_path, name, cut, reason):
    src = FIXTURES / ("mhlw-h30-V-1-shuro" + Path(name).suffix)
    data = src.read_bytes()
    p = tmp_path / name
    p.write_bytes(data[: len(data) // cut])
    _raises(p, reason)


def test_not_a_pdf_and_empty_files(tmp_path):
    p = tmp_path / "note.pdf"
    p.write_text("これはPDFではない", encoding="utf-8")
    _raises(p, "is not a PDF")
    e = tmp_path / "empty.xlsx"
    e.write_bytes(b"")
    _raises(e, "file is empty")


def test_encrypted_and_old_excel(tmp_path):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    old = tmp_path / "old.xlsx"
    old.write_bytes(ole + b"\0" * 600)
    _raises(old, "old Excel 97-2003 (.xls)")
    msoffcrypto = pytest.importorskip("msoffcrypto.format.ooxml")
    locked = tmp_path / "locked.xlsx"
    with open(FIXTURES / "mhlw-h30-V-1-shuro.xlsx", "rb") as src, open(locked, "wb") as out:
        msoffcrypto.OOXMLFile(src).encrypt("secret", out)
    _raises(locked, "is encrypted (password-protected Excel file)")


# --- a PDF printed by a browser -----------------------------------------------------------------

_PRINTED = """<html><head><meta charset="utf-8"><style>body{font-family:"Noto Sans CJK JP"}
td,th{border:1px solid #000;padding:3px 8px} table{border-collapse:collapse}</style></head><body>
<p>施策名：地域における日本語教育の推進（文化庁長官官房）</p><p>測定指標１　日本語教室の設置数（か所）</p>
<table><tr><th>区分</th><th>令和3年度</th><th>令和4年度</th><th>令和5年度</th></tr>
<tr><td>目標値</td><td>100</td><td>120</td><td>140</td></tr><tr><td>実績値</td><td>98</td><td>125</td><td>151</td></tr>
</table><p>令和5年度は、長野県など12県で新たに教室が開かれ、実績値は目標を上回った。</p></body></html>"""


def test_pdf_whose_font_gives_radicals_reads_as_ideographs(tmp_path):
    """Chromium printing with Noto CJK (as many ministries' tools do) makes pdfplumber extract 「⽇本語」「⻑官」:
    Kangxi radicals and the radicals supplement's, which NFKC does not map. The sheet reads the ideographs."""
    html = tmp_path / "s.html"
    html.write_text(_PRINTED, encoding="utf-8")
    pdf = tmp_path / "bunka-r5-9-nihongo.pdf"
    subprocess.run(["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", str(html)], check=True, capture_output=True, timeout=120)
    raw = read_document(pdf).text
    assert "日本語教室" in raw and "長官" in raw and "長野県" in raw
    sheet = load_sheet(pdf)
    assert not re.search("[\u2e80-\u2fdf]", sheet.text)
    target = [f for f in sheet.figures if f.measure == "目標値" and f.fiscal_year == 2023]
    assert [(f.subject, f.value) for f in target] == [("日本語教室の設置数（か所）", 140)]


# --- a corpus of PDFs ---------------------------------------------------------------------------


@pytest.mark.slow
def test_corpus_of_only_the_seed_pdf_answers_with_a_page(tmp_path):
    from evalqa import Assistant, Index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(FIXTURES / "mofa-r3-I-2-hokubei.pdf", corpus)
    idx = Index.build(corpus, tmp_path / "index")
    ans = Assistant(idx).ask("令和2年度の日加会談数は？")
    assert ans.found and "3" in ans.text and "p." in ans.text
    assert ans.figures[0].value == 3 and ans.figures[0].page
    assert ans.sources and all(s.get("page") for s in ans.sources)


# --- rows cut by a page break, years down the rows ------------------------------------------------

SHEETS_DIR = Path(__file__).resolve().parent / "sheets"


def _one(sheet, subject_start, measure, year):
    hits = [f for f in sheet.figures if f.subject.startswith(subject_start) and f.measure == measure
            and f.fiscal_year == year]
    assert len(hits) == 1, (subject_start, measure, year, hits)
    return hits[0]


def test_a_row_cut_by_the_page_break_keeps_its_cells_and_its_name():
    """The first indicator's row starts at the foot of page 1 (no rule under it) and ends on page 2 (「度）」
    「年度）」「値」): its name, baseline, target and 年度目標値 are read as one row, the 実績値 row under it too."""
    sheet = load_sheet(SHEETS_DIR / "okinawa-r6-1-shinko.pdf")
    name = "沖縄県の入域観光客数（万人）【主要】"
    assert _one(sheet, name, "年度目標値", 2023).value == 800
    assert _one(sheet, name, "実績値", 2023).value == 853.8
    assert (_one(sheet, name, "基準値", 2019).value, _one(sheet, name, "目標値", 2031).value) == (1016.4, 1200)
    assert not [f for f in sheet.figures if f.subject == "測定指標"]
    # another sheet's cut row: its values were the indicator's above (満足度) before, now they are its own
    other = load_sheet(SHEETS_DIR / "kouchoi-r5-1-funso.pdf")
    assert _one(other, "公害紛争処理制度の認知度", "実績値", 2022).value == 22.9
    assert not [f for f in other.figures if f.subject.startswith("事件終結時") and f.value == 22.9]


def test_years_down_the_rows_with_both_calendars_and_a_baseline_row():
    """Excel with one row per 年度 (「令和元年度（2019年度）」), the budget's measures across, and indicators as
    merged groups of 目標値 / 実績値 / 達成状況 over a 「基準値（平成30年度）」 row."""
    sheet = load_sheet(SHEETS_DIR / "kunai-r5-2-sankan.xlsx")
    assert _one(sheet, "施策の予算額・執行額等", "執行額", 2022).value == 4205318
    assert _one(sheet, "施策の予算額・執行額等", "繰越し等", 2020).value == -120400
    visits = "皇居一般参観の参観者数"
    assert _one(sheet, visits, "基準値", 2018).value == 136842
    actual = _one(sheet, visits, "実績値", 2021)
    assert (actual.value, actual.note) == (24815, "達成状況: 未達成")
    assert _one(sheet, visits, "目標値", 2025).value == 160000
    assert _one(sheet, "京都御所等（京都御所・仙洞御所・桂離宮・修学院離宮）の参観者数", "実績値", 2022).value == 88.4


def test_a_group_header_naming_both_measures_leaves_the_row_label_to_say_which():
    """「実績値・目標値」 over the year columns heads both rows: the first year's 実績値 is no 目標値."""
    sheet = load_sheet(SHEETS_DIR / "mof-r5-5-2-zeikan.xlsx")
    first = [f for f in sheet.figures if f.subject.startswith("旅客の税関検査の平均所要時間") and f.fiscal_year == 2019]
    assert sorted((f.measure, f.value) for f in first) == [("実績値", 18.5), ("目標値", 20)]


def test_a_breakdown_headed_by_its_year_in_the_corner_cell():
    """「区分（令和5年度） | 入域観光客数（万人）」 over 国内客, 外国客（空路）…: categories of one year, named by the
    value column when the caption is only 「参考指標」."""
    sheet = load_sheet(SHEETS_DIR / "okinawa-r6-1-shinko.pdf")
    air = [f for f in sheet.figures if f.series == "外国客（空路）"]
    assert [(f.subject, f.fiscal_year, f.value, f.unit) for f in air] == [
        ("（参考指標）入域観光客数（万人）", 2023, 104.5, "万人")]
    atla = load_sheet(SHEETS_DIR / "atla-r6-2-soubi.pdf")
    assert [f.value for f in atla.figures if f.series == "戦闘機の一括調達" and f.fiscal_year == 2023] == [824]


def test_reading_a_pdf_leaves_no_font_warnings(caplog):
    """pdfminer warns once per glyph about fonts it reads anyway (「Could not get FontBBox」); a build printed
    hundreds of such lines. The reader keeps them out; what it has to say about the sheet stays."""
    import logging

    caplog.set_level(logging.WARNING)
    sheet = load_sheet(Path(__file__).parent / "sheets" / "csti-r6-21-sip-moonshot.pdf")
    assert sheet.figures
    assert not [r for r in caplog.records if r.name.startswith("pdfminer")], caplog.text[:300]


def test_a_text_drawn_over_its_neighbours_cell_goes_whole_to_its_own():
    """A merged cell's 「13.0以下（令和8年）」 overflows leftwards over the 令和5年 cell's 「17.4」 on one baseline:
    read by position the two interleave (「171.43.0」); each text drawn goes whole to the cell holding most of it."""
    sheet = load_sheet(Path(__file__).parent / "sheets" / "mhlw-r6-iv-5-1-jisatsu.pdf")
    rate = [f for f in sheet.figures if f.subject.startswith("自殺死亡率")]
    assert [f.value for f in rate if f.measure == "実績値" and f.fiscal_year == 2023] == [17.4]
    assert [(f.value, f.fiscal_year) for f in rate if f.raw.startswith("13.0以下")] == [(13, 2026)]
    assert not any("171.4" in f.raw for f in sheet.figures)
