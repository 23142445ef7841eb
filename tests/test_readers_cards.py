"""Forms of our own the readers had not met: indicators by calendar year (「2019年」 column heads beside a 区分
column), a 達成手段 table whose year is in its heading's brackets among other notes (「（令和5年度、単位：百万円）」),
a workbook of indicator cards (「【指標1】 | name」, its fields, then its own table of years down), a breakdown by
「試験区分」 with a 「うち女性」 column, and a budget table that lists carry-overs apart with 予算現額 and 不用額."""
from pathlib import Path

import pytest

from evalqa import load_sheet

CALENDAR = ("令和6年度 船員労働委員会 実績評価書（2023年の実績の評価）\n\n施策名：船員の労働紛争の迅速な解決\n\n"
            "3. 測定指標\n測定指標\t区分\t2020年\t2021年\t2022年\t2023年\t最終目標値（目標年）\n"
            "指標1　あっせんの平均処理日数（日）\t目標値\t－\t60以下\t58以下\t55以下\t50以下（2025年）\n"
            "\t実績値\t66\t61\t57\t52\n\t達成状況\t基準値\t未達成\t達成\t達成\n"
            "指標2　相談窓口の利用件数（件）\t目標値\t－\t400\t420\t440\t480（2025年）\n"
            "\t実績値\t385\t402\t415\t451\n\t達成状況\t基準値\t達成\t未達成\t達成\n\n"
            "8. 主な達成手段（令和5年度、単位：百万円）\n"
            "達成手段名（開始年度）\t予算額\t執行額\t執行率（％）\t令和6年度当初予算額\t関連する測定指標\n"
            "①あっせん・調停の実施（平成元年度）\t82\t77\t93.9\t85\t1\n"
            "②相談窓口の運営（平成15年度）\t41\t36\t87.8\t44\t2\n\n"
            "9. 施策の分析\n処理日数は短縮した。\n")
CARRYOVERS = ("令和6年度 施策評価シート\n施策名\t港湾施設の耐震化の推進\n\nⅠ 施策の予算の状況（単位：百万円）\n"
              "区分\t令和3年度\t令和4年度\t令和5年度\n当初予算（a）\t1,200\t1,260\t1,310\n補正予算（b）\t100\t0\t80\n"
              "前年度からの繰越額（c）\t50\t70\t40\n翌年度への繰越額（d）\t△70\t△40\t△90\n"
              "予算現額（a＋b＋c－d）\t1,280\t1,290\t1,340\n執行額（e）\t1,201\t1,240\t1,255\n"
              "不用額（予算現額－e）\t79\t50\t85\n\nⅡ 施策の分析\n耐震化は進んだ。\n")


def card_workbook(path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "表紙"
    ws.append(["令和6年度　会計検査院　政策評価書（実績評価）"])
    ws.append(["施策名", "検査結果の着実な反映"])
    cards = wb.create_sheet("指標カード")
    cards.append(["測定指標（指標ごとの年度別実績）"])
    for n, name, base, final, rows in (
            (1, "指摘事項の是正完了率（％）【主要】", "72.0（令和元年度）", "90以上（令和7年度）",
             [("令和元年度", "－", "72"), ("令和2年度", "75", "76.4"), ("令和3年度", "78", "77.1"),
              ("令和4年度", "81", "83.9")]),
            (2, "検査報告の掲載件数（件）", "310（令和元年度）", "－",
             [("令和元年度", "－", "310"), ("令和2年度", "300", "288"), ("令和3年度", "300", "305"),
              ("令和4年度", "300", "296")])):
        cards.append([f"【指標{n}】", name])
        cards.append(["評価の向き", "大きいほど良好", "基準値", base])
        cards.append(["最終目標値", final])
        cards.append(["年度", "年度目標値", "実績値", "達成状況"])
        for year, target, actual in rows:
            cards.append([year, target, actual, "－"])
    ref = wb.create_sheet("参考指標")
    ref.append(["参考指標1　検査区分別の検査箇所数（令和4年度）（箇所）"])
    ref.append(["検査区分", "検査箇所数", "うち実地検査"])
    for row in (["本院検査", 1320, 410], ["委託検査", 860, 205], ["書面検査", 2450, 0], ["合計", 4630, 615]):
        ref.append(row)
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def calendar(tmp_path_factory):
    p = tmp_path_factory.mktemp("cards") / "kaiin-r6-1-assen.txt"
    p.write_text(CALENDAR, encoding="utf-8")
    return load_sheet(p).figures


@pytest.fixture(scope="module")
def cards(tmp_path_factory):
    return load_sheet(card_workbook(tmp_path_factory.mktemp("cards") / "jbaudit-r6-1-kensa.xlsx")).figures


def values(figures, subject_has, measure):
    return {f.fiscal_year: f.value for f in figures if subject_has in f.subject and f.measure == measure}


def test_calendar_year_columns_beside_a_kind_column_are_read(calendar):
    assert values(calendar, "あっせんの平均処理日数", "実績値") == {2020: 66, 2021: 61, 2022: 57, 2023: 52}
    assert values(calendar, "相談窓口の利用件数", "目標値") == {2020: None, 2021: 400, 2022: 420, 2023: 440,
                                                          2025: 480}


def test_a_means_tables_year_among_the_notes_of_its_heading(calendar):
    assert values(calendar, "あっせん・調停の実施", "執行額") == {2023: 77}
    assert values(calendar, "相談窓口の運営", "予算額") == {2023: 41}
    assert values(calendar, "相談窓口の運営", "当初予算額") == {2024: 44}


def test_indicator_cards_name_their_own_tables(cards):
    assert values(cards, "指摘事項の是正完了率", "実績値") == {2019: 72, 2020: 76.4, 2021: 77.1, 2022: 83.9}
    assert values(cards, "指摘事項の是正完了率", "基準値") == {2019: 72}
    assert values(cards, "検査報告の掲載件数", "年度目標値") == {2019: None, 2020: 300, 2021: 300, 2022: 300}
    assert not [f for f in cards if f.subject.startswith(("【", "測定指標", "評価の向き"))]


def test_a_breakdown_by_a_kind_of_something_with_a_part_column(cards):
    rows = {(f.subject, f.series): f.value for f in cards if f.series}
    assert rows[("検査区分別の検査箇所数（箇所）", "委託検査")] == 860
    assert rows[("検査区分別の検査箇所数のうち実地検査", "本院検査")] == 410


def test_carry_overs_listed_apart_and_the_budget_they_make(tmp_path):
    p = tmp_path / "mlit-r6-5-2-taishin.txt"
    p.write_text(CARRYOVERS, encoding="utf-8")
    figs = load_sheet(p).figures
    assert values(figs, "予算", "予算現額") == {2021: 1280, 2022: 1290, 2023: 1340}
    assert values(figs, "予算", "前年度繰越額") == {2021: 50, 2022: 70, 2023: 40}
    assert values(figs, "予算", "翌年度繰越額") == {2021: -70, 2022: -40, 2023: -90}
    assert values(figs, "予算", "不用額") == {2021: 79, 2022: 50, 2023: 85}


NOT_YEARS = ("令和6年度 実績評価書\n\n施策名：温室効果ガスの削減\n\n3. 測定指標\n"
             "測定指標\t区分\t削減率（2013年比）\t2022年\t2023年\n"
             "指標1　温室効果ガス排出量の削減率（％）\t目標値\t46\t38\t40\n\t実績値\t25\t22.5\t23.3\n\n"
             "4. 主な事業（計画期間：令和3～7年度、単位：百万円）\n"
             "事業名\t予算額\t執行額\n①排出削減設備の導入支援\t120\t110\n\n"
             "5. 予算\n施策の予算の状況（単位：百万円）\n区分\t令和4年度\t令和5年度\n当初予算（a）\t500\t520\n"
             "執行額\t470\t505\n不用額（予算現額－執行額）\t30\t15\n\n6. 施策の分析\n削減は進んだ。\n")


def test_a_base_year_a_span_and_a_formula_are_no_years_nor_other_measures(tmp_path):
    p = tmp_path / "env-r6-1-1-sakugen.txt"
    p.write_text(NOT_YEARS, encoding="utf-8")
    figs = load_sheet(p).figures
    # 「削減率（2013年比）」 heads no year's column: the 2013 figure is not read
    assert values(figs, "削減率", "実績値") == {2022: 22.5, 2023: 23.3}
    # a span in the heading's brackets gives no year to values that state none
    assert values(figs, "排出削減設備の導入支援", "執行額") == {}
    # 「不用額（予算現額－執行額）」 is the 不用額 row, not a second 執行額
    assert values(figs, "予算", "執行額") == {2022: 470, 2023: 505}
    assert values(figs, "予算", "不用額") == {2022: 30, 2023: 15}
