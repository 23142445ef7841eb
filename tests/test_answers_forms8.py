"""Reading and answering an eighth group of forms:
- a PDF whose year header stands alone above one block per indicator (海上保安庁), with 達成状況 rows;
- 令和4年末 and 令和4事務年度 columns, a breakdown whose year is in the note under it (金融庁);
- ■ / ◆ marked headings and 参考表 captions (気象庁);
- a grid whose first indicator row holds bounded values (10.5以内) under 基準値（基準年度） (特許庁);
- two years' 事前分析表 of one 施策, the later one revising a value (国税庁);
- an Excel workbook whose one-year grade column stands on the target row (文化庁).

The sheets (tests/sheets/jcg-r5-2-kainan.pdf, fsa-r4-II-4-shisan, jma-r5-1-bosai-kisho, jpo-r5-1-1-shinsa,
nta-r5/r6-3-1-chozei, bunka-r5-12-2-bunkazai.xlsx) were written by someone who had read no code. The questions
here are phrased anew, not taken from the question sets measured in the README.
"""

import pytest

from conftest import SEED, SHEETS, assistant_over

pytestmark = [pytest.mark.slow]
JCG, FSA, JMA, JPO, NTA5, NTA6, BUNKA = (SHEETS / n for n in (
    "jcg-r5-2-kainan.pdf", "fsa-r4-II-4-shisan.txt", "jma-r5-1-bosai-kisho.txt", "jpo-r5-1-1-shinsa.txt",
    "nta-r5-3-1-chozei.txt", "nta-r6-3-1-chozei.txt", "bunka-r5-12-2-bunkazai.xlsx"))


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return assistant_over(tmp_path_factory, "forms8", (SEED, JCG, FSA, JMA, JPO, NTA5, NTA6, BUNKA))


def _of(path, subject, **kw):
    from evalqa.parser import load_sheet

    return [f for f in load_sheet(path).figures if f.subject.startswith(subject)
            and all(getattr(f, k) == v for k, v in kw.items())]


def test_a_year_header_alone_heads_the_indicator_blocks_below_it():
    actual = _of(JCG, "船舶事故隻数", measure="実績値")
    assert [(f.fiscal_year, f.value) for f in actual] == [(2019, 2029), (2020, 1954), (2021, 1934), (2022, 1881)]
    assert actual[-1].note == "達成状況: 未達成"
    target = _of(JCG, "海中転落者のライフジャケット着用率", measure="年度目標値", fiscal_year=2022)
    assert [f.value for f in target] == [77]
    assert not _of(JCG, "測定指標／区分")  # the header's first cell names no table


def test_year_end_and_business_year_columns_and_a_breakdown_dated_by_its_note():
    assert [f.value for f in _of(FSA, "つみたてNISA口座数", measure="実績値", fiscal_year=2021)] == [518]
    assert [f.unit for f in _of(FSA, "つみたてNISA口座数", measure="実績値")] == ["万口座"] * 4
    assert [f.value for f in _of(FSA, "金融経済教育に係る出張授業", measure="実績値", fiscal_year=2022)] == [1544]
    crypto = _of(FSA, "（参考指標）金融サービス利用者相談室", series="暗号資産（仮想通貨）等")
    assert sorted((f.fiscal_year, f.value) for f in crypto) == [(2021, 3744), (2022, 3152)]


def test_marked_headings_and_reference_table_captions():
    months = _of(JMA, "（参考指標）2022年の月別の記録的短時間大雨情報の発表回数")
    assert {f.series for f in months} >= {"7月", "8月", "合計"}
    assert [f.value for f in months if f.series == "8月"] == [52]
    ttl = _of(JMA, "気象防災アドバイザーの委嘱者数", measure="実績値", fiscal_year=2021)
    assert [f.value for f in ttl] == [168]


def test_an_indicator_row_of_bounded_targets_is_not_a_header_row():
    fa = "特許の一次審査通知までの平均期間"
    assert [f.value for f in _of(JPO, fa, measure="基準値")] == [9.5]
    assert [f.value for f in _of(JPO, fa, measure="目標値", fiscal_year=2022)] == [10.0]
    assert [f.value for f in _of(JPO, fa, measure="実績値", fiscal_year=2022)] == [10.3]


def test_last_years_sheet_is_read_when_asked_for(bot):
    conv = bot.conversation()
    first = conv.ask("令和6年度の国税庁の事前分析表にあるキャッシュレス納付割合、令和4年度の実績は？")
    assert first.figures[0].value == 36.4 and first.figures[0].sheet == "nta-r6-3-1-chozei"
    older = conv.ask("一年前の事前分析表ではいくつだった？")
    assert (older.figures[0].value, older.figures[0].sheet, older.figures[0].fiscal_year) == (
        36.2, "nta-r5-3-1-chozei", 2022)


def test_the_final_target_is_the_target_years_not_an_annual_one(bot):
    ans = bot.ask("海上保安庁の評価書で、船舶事故隻数の最終目標は？")
    assert (ans.kind, ans.figures[0].value, ans.figures[0].fiscal_year) == ("numeric", 1600, 2025)


def test_a_category_the_table_lacks_is_refused_and_a_whole_is_its_total(bot):
    missing = bot.ask("第十二管区では令和4年に船舶事故が何隻あった？")
    assert not missing.found and not missing.figures and "第十二管区" in missing.text
    whole = bot.ask("令和4年度末時点の国税の滞納残高を国税局別の表で見るといくら？")
    assert whole.figures[0].series == "合計" and whole.figures[0].value == 8922


def test_a_one_year_grade_on_the_target_row_grades_the_actual_below(bot):
    ans = bot.ask("文化庁の測定指標で令和4年度に未達成とされたものは何件？")
    first = ans.text.splitlines()[0]
    assert "2件" in first and ans.kind == "list"
    assert "保存修理" in ans.text and "防火設備" in ans.text


def test_english_agency_initials_and_the_agencys_program(bot):
    ans = bot.ask("How much did the NTA's tax delinquency program spend in FY2022?")
    assert ans.found and ans.figures[0].measure == "執行額" and ans.figures[0].fiscal_year == 2022
    assert ans.figures[0].sheet.startswith("nta-")
    missed = bot.ask("How many indicators in the JMA evaluation missed their 2022 targets?")
    assert "4" in missed.text.splitlines()[0]
