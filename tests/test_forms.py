"""Evaluation documents of other forms and ministries: indexed by their own headings, their regular tables read.

The four documents in tests/sheets/ are hand-written after the public layouts (invented numbers):
a 国交省 施策目標個票, a 厚労省 実績評価書, a 総務省 評価書 and a 外務省 政策評価調書 of 令和4年度.
"""
import pytest

from conftest import SHEETS
from evalqa import load_sheet
from evalqa.forms import match_generic_heading

MLIT = SHEETS / "mlit-r4-12-shisaku-kohyo.txt"
MHLW_R4 = SHEETS / "mhlw-r4-VII-2-1-jisseki-hyokasho.txt"
SOUMU = SHEETS / "soumu-r4-7-hyokasho.txt"
MOFA_R4 = SHEETS / "mofa-r4-II-5-chosho.txt"
FORMS = [MLIT, MHLW_R4, SOUMU, MOFA_R4]


def one(sheet, subject, measure, year):
    hits = [f for f in sheet.figures if f.subject.startswith(subject) and f.measure == measure
            and f.fiscal_year == year]
    assert len(hits) == 1, (subject, measure, year, hits)
    return hits[0]


@pytest.mark.parametrize("path,count,title,ministry,year", [
    (MLIT, 26, "公共交通機関等のバリアフリー化を推進する", "国土交通省", 2022),
    (MHLW_R4, 39, "障害者の地域生活への移行を推進し、地域で安心して暮らせる体制を整備すること",
     "厚生労働省", 2022),
    (SOUMU, 28, "行政手続のオンライン化の推進", "総務省", 2022),
    (MOFA_R4, 30, "人的交流の推進", "外務省", 2022),
])
def test_each_form_loads_with_metadata_and_its_figures(path, count, title, ministry, year):
    s = load_sheet(path)
    assert s.form == "general"
    assert (s.title, s.ministry, s.fiscal_year) == (title, ministry, year)
    assert len(s.figures) == count
    assert all(f.measure and f.fiscal_year for f in s.figures)  # every figure tied to a measure and a year
    assert s.sections[0].kind == "preamble" and s.sections[0].text  # the text before the first heading


def test_mlit_performance_indicators_initial_actual_target_and_grade():
    s = load_sheet(MLIT)
    assert s.bureau == "総合政策局"
    init = one(s, "段差解消された旅客施設の割合", "初期値", 2019)
    assert (init.value, init.unit, init.year_label) == (91.2, "%", "R元年度")
    assert one(s, "段差解消された旅客施設の割合", "実績値", 2022).value == 95.6
    target = one(s, "ホームドアの整備駅数", "目標値", 2025)  # the target's year is in the cell
    assert (target.value, target.unit, target.raw, target.year_label) == (1200, "駅", "約1,200駅(R7年度)", "R7年度")
    assert one(s, "ホームドアの整備駅数", "実績値", 2021).value == 1016
    # 評価 A/B is a label of the row, not a figure; 集計中 is a cell without a value (its raw says why).
    assert {f.note for f in s.figures if f.subject == "ノンステップバスの導入率" and f.measure != "年度目標値"} \
        == {"評価: B"}
    pending = {(f.value, f.raw) for f in s.figures if f.fiscal_year == 2023 and f.measure == "実績値"}
    assert pending == {(None, "集計中")}
    annual = [(f.fiscal_year, f.value) for f in s.figures if f.measure == "年度目標値"]
    assert annual == [(2019, None), (2020, 64), (2021, 67), (2022, 70), (2023, 73)]
    assert {f.subject for f in s.figures if f.measure == "年度目標値"} == {"ノンステップバスの導入率"}


def test_mhlw_base_and_target_years_from_the_row_below_and_achievement_rates():
    s = load_sheet(MHLW_R4)
    assert (s.policy_number, s.bureau, s.document) == ("VII-2-1", "社会・援護局障害保健福祉部", "令和4年度実績評価書")
    base = one(s, "施設入所者の地域生活への移行者数", "基準値", 2016)
    assert (base.value, base.unit, base.year_label) == (2150, "人", "平成28年度")
    assert one(s, "施設入所者の地域生活への移行者数", "目標値", 2023).value == 2900
    assert one(s, "施設入所者の地域生活への移行者数", "実績値", 2020).value == 1930
    assert one(s, "施設入所者の地域生活への移行者数", "達成率", 2020).value == 67
    assert one(s, "地域生活支援拠点等を整備した市町村の割合", "実績値", 2021).value == 63.9
    budget = one(s, "予算額・執行額等", "繰越し等(c)", 2019)
    assert (budget.value, budget.unit, budget.raw) == (-35000, "千円", "△35,000")
    assert one(s, "予算額・執行額等", "執行率", 2021).unit == "%"
    assert not [f for f in s.figures if f.measure == "補正予算(b)" and f.fiscal_year == 2022]  # empty cell


def test_soumu_annual_target_and_actual_rows():
    s = load_sheet(SOUMU)
    assert (s.bureau, s.document) == ("行政管理局行政情報システム企画課", "令和4年度総務省政策評価書（事後評価）")
    base = one(s, "国の主要手続のオンライン利用率", "基準値", 2018)
    assert (base.value, base.raw) == (48.5, "48.5%（平成30年度）")
    assert one(s, "国の主要手続のオンライン利用率", "年度目標値", 2021).value == 64
    assert one(s, "国の主要手続のオンライン利用率", "実績値", 2021).value == 62.8
    assert one(s, "オンライン化された地方公共団体の手続数", "目標値", 2022).value == 59
    # 「―」 with neither a year of its own nor a year column (基準値, 目標値 of ③): no figure.
    third = [(f.measure, f.fiscal_year, f.value) for f in s.figures if f.subject.startswith("行政手続のデジタル化")]
    assert third == [("年度目標値", 2019, None), ("年度目標値", 2020, None), ("年度目標値", 2021, None),
                     ("実績値", 2019, None), ("実績値", 2020, None), ("実績値", 2021, None)]  # (調査中)
    assert one(s, "予算額・執行額等", "執行額", 2020).value == 8830


def test_mofa_r4_indicator_grids_under_numbered_headings():
    s = load_sheet(MOFA_R4)
    assert (s.policy_number, s.document) == ("II-5", "令和4年度政策評価調書（個別票）")
    mid = one(s, "対日理解促進交流プログラムの招へい・派遣人数", "中期目標値", 2023)
    assert (mid.value, mid.unit) == (8000, "人")
    assert mid.section == ["Ⅱ 測定指標及び実績", "（1）測定指標1-1 対日理解促進交流プログラムの招へい・派遣人数"]
    assert one(s, "対日理解促進交流プログラムの招へい・派遣人数", "実績値", 2020).value == 820
    assert one(s, "招へい者の対日理解度", "実績値", 2021).value == 96
    assert one(s, "施策の予算額・執行額等", "補正予算(b)", 2020).value == -640
    assert one(s, "施策の予算額・執行額等", "執行額", 2022).value is None
    progress = s.section("（3）測定指標1-3").children[-1]
    assert progress.kind == "progress" and "延べ約3万件" in progress.text


def test_a_table_not_tied_to_years_and_measures_gives_no_figure(tmp_path):
    p = tmp_path / "doc.txt"
    p.write_text("令和4年度政策評価書\n\n1　主な取組\n\n事業名\t件数\t金額\n相談事業\t120\t3,400\n研修事業\t45\t1,200\n"
                 "\n2　評価結果\n\n区分\t令和3年度\n実績\t55\n謎の列\t77\n", encoding="utf-8")
    s = load_sheet(p)
    assert [(f.measure, f.fiscal_year, f.value) for f in s.figures] == [("実績値", 2021, 55)]


def test_the_seed_and_the_other_sheets_stay_in_the_standard_form(seed):
    assert seed.form == "事前分析表" and len(seed.figures) == 117


@pytest.mark.parametrize("line,kind,level,name", [
    ("Ⅰ　施策の概要", "heading", 0, "施策の概要"),
    ("第2 評価結果", "heading", 0, "評価結果"),
    ("1　政策の概要", "heading", 1, "政策の概要"),
    ("評価結果", "heading", 1, "評価結果"),
    ("業績指標", "heading", 1, "業績指標"),
    ("（2）測定指標", "heading", 2, "測定指標"),
    ("（1）測定指標1-1　対日理解の促進", "indicator", 2, "対日理解の促進"),
    ("（判断根拠）", "heading", 2, "判断根拠"),
])
def test_generic_headings(line, kind, level, name):
    h = match_generic_heading(line)
    assert h is not None and (h.kind, h.level, h.name) == (kind, level, name)


@pytest.mark.parametrize("line", [
    "1　施設入所者の高齢化・重度化が進み、地域生活への移行が伸び悩んでいる。", "（千円）", "（単位：人）",
    "（国土交通省R4－⑫）", "（注）", "2020 annual report",
])
def test_not_headings(line):
    assert match_generic_heading(line) is None


@pytest.mark.slow
def test_every_form_is_indexed_and_its_prose_searchable(tmp_path):
    import shutil

    from conftest import SEED
    from evalqa import Index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in [SEED, *FORMS]:
        shutil.copy(p, corpus / p.name)
    idx = Index.build(corpus, tmp_path / "index", progress=False)
    ids = {s["id"] for s in idx.sheets()}
    assert ids == {p.stem for p in [SEED, *FORMS]}
    assert len(idx.figures("mlit-r4-12-shisaku-kohyo")) == 26  # (3 of them 集計中, without a value)
    for query, sheet, words in [
        ("ノンステップバスの導入率が目標を下回った理由", "mlit-r4-12-shisaku-kohyo", "先送り"),
        ("グループホームの整備費補助の効果", "mhlw-r4-VII-2-1-jisseki-hyokasho", "グループホーム"),
        ("利用者満足度の調査方法についての有識者の意見", "soumu-r4-7-hyokasho", "調査方法"),
        ("招へい者による情報発信の実績", "mofa-r4-II-5-chosho", "延べ約3万件"),
    ]:
        hits = idx.search(query, k=3, sheet=sheet)
        assert hits and any(words in h.text for h in hits), (query, [h.text[:60] for h in hits])
    # And across the whole corpus, the document that says it comes first.
    assert idx.search("ホームドアの整備費用の低廉化", k=1)[0].sheet == "mlit-r4-12-shisaku-kohyo"


# A layout none of the sheets above has, written for these tests: years down the first column, 【…】 indicator
# headings, 「key：value」 metadata several to a line, a budget table opened by a row of years inside a block of
# fields, paired 「予算額計（執行額）」 cells, and a table whose title states its one year.
YEARS_DOWN = """令和5年度 政策評価書

（経済産業省5－③）

施策名：③中小企業の事業承継の円滑化
担当部局名：中小企業庁　　作成責任者名：財務課長　田中　一郎
評価実施時期：令和5年8月

施策の予算額・執行額等\t区分\t令和2年度\t令和3年度\t令和4年度
予算の状況（千円）\t当初予算(a)\t1,000\t2,000\t3,000
\t補正予算(b)\t100\t200\t/
執行額（千円）\t\t900\t1,800\t/

【測定指標1】事業承継診断の実施件数
年度\t年度目標値（件）\t実績値（件）\t判定
令和2年度\t5,000\t4,200\t×
令和3年度\t5,500\t5,600\t○

【達成手段】
達成手段名\t予算額計（執行額）（千円）
\t令和3年度\t令和4年度
①事業承継補助金\t800（640）\t900（855）

２．主な事業（令和4年度）
事業名\t予算額（千円）\t執行額（千円）
1　承継相談窓口事業\t300\t270
"""


def test_years_down_a_column_paired_cells_and_key_value_lines(tmp_path):
    path = tmp_path / "meti-r5-3.txt"
    path.write_text(YEARS_DOWN, encoding="utf-8")
    s = load_sheet(path)
    assert (s.title, s.ministry, s.bureau, s.evaluation_time) == (
        "中小企業の事業承継の円滑化", "経済産業省", "中小企業庁", "令和5年8月")
    fields = {f["label"]: f["value"] for f in s.fields}
    assert fields["作成責任者名"] == "財務課長田中一郎" and not any(k[-2:] == "年度" for k in fields)
    # Years down the first column: each row's year, the measure from its column, the unit from its header.
    target = one(s, "事業承継診断の実施件数", "年度目標値", 2021)
    assert (target.value, target.unit) == (5500, "件")
    assert one(s, "事業承継診断の実施件数", "実績値", 2020).value == 4200
    # The budget table named by its first cell, its years from the row of years inside the block.
    budget = [f for f in s.figures if f.subject == "施策の予算額・執行額等"]
    assert {(f.measure, f.fiscal_year, f.value) for f in budget if f.value is not None} == {
        ("当初予算(a)", 2020, 1000), ("当初予算(a)", 2021, 2000), ("当初予算(a)", 2022, 3000),
        ("補正予算(b)", 2020, 100), ("補正予算(b)", 2021, 200), ("執行額", 2020, 900), ("執行額", 2021, 1800)}
    # 「800（640）」 under 「予算額計（執行額）」: two figures.
    assert one(s, "事業承継補助金", "予算額計", 2022).value == 900
    assert one(s, "事業承継補助金", "執行額", 2022).value == 855
    # A table of one year (「主な事業（令和4年度）」) gives its values that year; the document's own heading
    # (「令和5年度 政策評価書」) gives no table a year.
    assert one(s, "承継相談窓口事業", "執行額", 2022).value == 270
    assert not [f for f in s.figures if f.fiscal_year == 2023]


def test_a_label_naming_a_year_is_not_a_row_of_that_year(tmp_path):
    """「新規就農者数(R5)」 names an indicator (with a year in it); only a cell that is a year is a row's year."""
    path = tmp_path / "labels.txt"
    path.write_text("令和5年度 政策評価書\n\n（農林水産省5－①）\n\n1．測定指標\n\n"
                    "測定指標\t区分\t令和3年度\t令和4年度\n認定農業者数（経営体）\t実績値\t10\t20\n"
                    "新規就農者数(R5)\t実績値\t15\t25\n", encoding="utf-8")
    s = load_sheet(path)
    assert one(s, "新規就農者数", "実績値", 2022).value == 25
    assert not [f for f in s.figures if f.subject.startswith("認定農業者数") and f.value in (15, 25)]


def test_units_in_brackets_are_units_and_qualifiers_are_not():
    from evalqa.cells import unit_of

    assert [unit_of(t) for t in ("年度目標値（％）", "実績値（ha）", "排出量（百万t-CO2）", "当初予算額（千円）")] == [
        "%", "ha", "百万t-CO2", "千円"]
    assert unit_of("地域活性化交付金（市町村）") is None and unit_of("（社）日本観光協会補助") is None


def test_a_documents_number_labelled_in_its_header(tmp_path):
    """「評価書番号：海難審判所R6－1」「整理番号：…2024－1」 in the first lines: the document's number."""
    p = tmp_path / "kaishin-r7-1-shinpan.txt"
    p.write_text("令和7年度 海難審判所 実績評価書\n掲載日：2025年8月29日　　評価書番号：海難審判所R7－1\n\n"
                 "施策名：海難審判の迅速な実施\n", encoding="utf-8")
    assert load_sheet(p).code == "海難審判所R7－1"


def test_a_bracketed_indicator_heading_marked_main():
    """「【測定指標1】…【主要】」 opens an indicator (a main one), not a part of the form like 「【施策の概要】」."""
    from evalqa.headings import heading_of
    h = heading_of("【測定指標1】登記所備付地図作成作業の実施面積（km²）【主要】", "令和")
    assert (h.kind, h.number, h.main) == ("indicator", "1", True)
    assert heading_of("【測定指標3】オンライン申請の利用率（％）", "令和").main is False
    assert heading_of("【施策の概要】", "令和").kind == "part"


def test_a_performance_goal_sheet_names_its_title_and_section_by_the_forms_own_labels(tmp_path):
    """The 業績目標別評価シート calls its 施策 「業績目標」 and its 担当部局 「担当課」."""
    p = tmp_path / "npa-r6-2-1-hanzai.txt"
    p.write_text("令和6年度 業績目標別評価シート（令和5年の実績）\n\n第1 業績目標の概要\n"
                 "基本目標\t2 安全で安心して暮らせる社会の実現\n業績目標\t1 少年非行の防止\n"
                 "業績目標の説明\t少年の非行を防止し、立ち直りを支援する。\n担当課\t生活安全局人身安全・少年課\n\n"
                 "第2 測定指標\n指標\t令和4年\t令和5年\n少年の刑法犯検挙人員（人）\t14,887\t15,102\n", encoding="utf-8")
    s = load_sheet(p)
    assert (s.title, s.bureau) == ("少年非行の防止", "生活安全局人身安全・少年課")


def test_the_next_evaluation_time_over_the_one_of_this_evaluation(tmp_path):
    """「評価実施時期｜令和6年8月」 beside 「次回評価予定時期｜令和9年8月」: the scheduled time is the next one."""
    path = tmp_path / "caa-r6-5-1-hyoji.txt"
    path.write_text("令和6年度実績評価書\n施策名｜食品表示の適正化\n担当部局名｜食品表示課\n評価実施時期｜令和6年8月\n"
                    "次回評価予定時期｜令和9年8月\n", encoding="utf-8")
    assert load_sheet(path).evaluation_time == "令和9年8月"
