"""A workbook of our own layout (built here, not a writer's sheet): a body named by its head line only, years
over 「目標 | 実績」 column pairs, a worksheet that opens with a table (headed by its tab's name), the year
before's count in brackets, ages in a sentence; and conversations over it."""
import pytest

from conftest import assistant_over

pytestmark = [pytest.mark.slow]


def _workbook(path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "概要"
    ws.append(["令和5年度　電波監理委員会　実績評価書"])
    ws.append([])
    ws.append(["施策名", "電波の適正な利用の確保"])
    ws.append(["担当部局名", "監理部電波監視課"])
    ind = wb.create_sheet("測定指標")
    ind.append(["測定指標（各指標とも年度の値。指標1は値が小さいほど良好であることを示す。）"])
    ind.append(["No.", "測定指標", "単位", "令和3年度", None, "令和4年度", None])
    ind.append([None, None, None, "目標", "実績", "目標", "実績"])
    ind.append([1, "無線局検査の平均処理日数", "日", "45以内", 43, "42以内", 44])
    ind.append([2, "混信申告の処理率", "％", 90, 91.5, 92, 93.8])
    res = wb.create_sheet("評価結果")
    res.append(["施策の分析", "令和4年度の混信申告は1,240件で、前年度（1,310件）から減少した。"])
    res.append(["利用者の内訳", "電波利用相談の利用者のうち、60代は320人、20代は150人であった。"])
    for ws in (ind, res):  # bordered cells, as a ministry's tables are
        from openpyxl.styles import Border, Side
        thin = Side(style="thin")
        for row in ws.iter_rows(min_row=2 if ws is ind else 1):
            for c in row:
                c.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wb.save(path)


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    src = tmp_path_factory.mktemp("own_wb_src") / "dkc-r5-1-denpa.xlsx"
    _workbook(src)
    return assistant_over(tmp_path_factory, "own_wb", (src,))


def test_years_over_target_and_actual_column_pairs(bot):
    ans = bot.ask("電波監理委員会の無線局検査の平均処理日数は令和4年度に何日？")  # (a body of no list)
    f = ans.figures[0]
    assert (f.subject, f.measure, f.fiscal_year, f.value, f.unit) == (
        "無線局検査の平均処理日数", "実績値", 2022, 44, "日")
    by_letters = bot.ask("DKCの混信申告の処理率は令和3年度に何％？")  # the letters its file is filed under
    assert (by_letters.figures[0].measure, by_letters.figures[0].value) == ("実績値", 91.5)


def test_a_target_asked_on_the_way_then_a_year_asks_the_result(bot):
    conv = bot.conversation()
    conv.ask("電波監理委員会の無線局検査の平均処理日数は令和4年度に何日？")
    target = conv.ask("その年の目標は何日以内？")
    assert (target.figures[0].measure, target.figures[0].value) == ("目標値", 42)
    before = conv.ask("令和3年度はどうだった？")
    assert (before.figures[0].measure, before.figures[0].fiscal_year, before.figures[0].value) == ("実績値", 2021, 43)


def test_a_worksheet_opening_with_a_table_is_headed_by_its_tab(bot):
    ans = bot.ask("令和3年度の混信申告は何件？")  # 「前年度（1,310件）」 of the 令和4年度 sentence
    f = ans.figures[0]
    assert (ans.kind, f.fiscal_year, f.value) == ("stated", 2021, 1310)
    assert f.section == ["【評価結果】"]  # (the tab in 【】, not under the 測定指標 worksheet's heading)


def test_an_age_asked_is_a_word_the_fact_must_say(bot):
    ans = bot.ask("電波利用相談の利用者のうち20代は何人？")
    assert (ans.kind, ans.figures[0].value) == ("stated", 150)
