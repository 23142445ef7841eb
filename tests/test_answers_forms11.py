"""Reading and answering an eleventh group of forms:
- a 評価書 whose measured values come in long form, one row per indicator and year keyed by the indicator's number
  (「番号 | 年度 | 年度目標値 | 実績値 | 判定」), its names and units in a list of indicators above; budget tables
  per account under 「◇…」 headings, one 「（単位：百万円）」 line over them (資源エネルギー庁);
- a workbook with one worksheet per indicator: a block of fields (単位, 評価の向き, 基準値, 最終目標値) above a table
  of years down the rows (運輸安全委員会);
- bodies of the central government other than ministries and agencies (国土地理院, 公害等調整委員会).

The sheets (tests/sheets/ene-r5-3-1-shoene.txt, jtsb-r6-1-jikochosa.xlsx, gsi-r5-2-chiri.xlsx,
kouchoi-r5-1-funso.pdf) were written by someone who had read no code; the questions here are phrased anew.
"""
import pytest

from conftest import SHEETS, assistant_over

pytestmark = [pytest.mark.slow]
ENE, JTSB, GSI, KOUCHOI, CAA6, MOJ = (SHEETS / n for n in (
    "ene-r5-3-1-shoene.txt", "jtsb-r6-1-jikochosa.xlsx", "gsi-r5-2-chiri.xlsx", "kouchoi-r5-1-funso.pdf",
    "caa-r6-4-2-shohisha.txt", "moj-r5-v-13-saihan.txt"))


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return assistant_over(tmp_path_factory, "forms11", (ENE, JTSB, GSI, KOUCHOI, CAA6, MOJ))


def test_long_form_rows_answer_by_the_indicators_name(bot):
    ans = bot.ask("資源エネルギー庁の評価書で、令和3年度の最終エネルギー消費量の実績は？")
    f = ans.figures[0]
    assert (ans.kind, f.measure, f.fiscal_year, f.value) == ("numeric", "実績値", 2021, 316)
    assert f.unit == "百万kl（原油換算）"
    assert f.note == "達成状況: 未達成"  # (its row's 判定 ×)


def test_one_units_line_over_the_accounts_budget_tables(bot):
    ans = bot.ask("資源エネルギー庁のエネルギー対策特別会計の令和4年度の執行額は？")
    f = ans.figures[0]
    assert (f.subject, f.measure, f.value, f.unit) == (
        "エネルギー対策特別会計（エネルギー需給勘定）", "執行額", 268407, "百万円")


def test_a_worksheets_field_block_gives_the_unit_and_the_final_target(bot):
    conv = bot.conversation()
    first = conv.ask("運輸安全委員会で、勧告・意見等に対する関係者の措置の実施率は令和3年度に何％だった？")
    assert (first.figures[0].value, first.figures[0].unit) == (92.3, "%")
    # 「…に引き上げられた」 says how the target changed, not what it is of: a follow-up of the indicator
    conv = bot.conversation()
    conv.ask("運輸安全委員会の、調査開始から1年以内に調査報告書を公表した事案の割合は令和5年度に何％？")
    final = conv.ask("最終目標は何％に引き上げられた？")
    assert (final.figures[0].measure, final.figures[0].fiscal_year, final.figures[0].value) == ("目標値", 2025, 70)


def test_bodies_other_than_ministries_name_their_sheets(bot):
    ans = bot.ask("国土地理院の令和5年度の当初予算は？")  # the 施策's own table, not a 達成手段 named 「地理院…」
    assert (ans.figures[0].subject, ans.figures[0].value) == ("施策の予算額・執行額等", 10712)
    en = bot.ask("What was the Japan Transport Safety Board's supplementary budget in FY2023 (thousand yen)?")
    assert (en.figures[0].measure, en.figures[0].value) == ("補正予算", 138600)


def test_a_stated_change_answers_how_many_fewer(bot):
    ans = bot.ask("消費者庁の令和6年度評価書で、消費生活相談員は前年から何人減った？")
    assert (ans.kind, ans.figures[0].value, ans.figures[0].fiscal_year) == ("stated", 27, 2024)
    stock = bot.ask("消費者庁の令和6年度評価書で、消費生活相談員は何人？")  # the count, not its change
    assert stock.figures[0].value == 3276


def test_a_table_counting_others_does_not_answer_for_the_noun_counted(bot):
    # the indicator counts those employed by cooperating employers; the sentence counts the employers
    ans = bot.ask("令和4年度末の協力雇用主の数は？")
    assert (ans.kind, ans.figures[0].value, ans.figures[0].unit) == ("stated", 25202, "社")
    own = bot.ask("協力雇用主のもとで就労した刑務所出所者等の数は令和4年度に何人？")
    assert (own.kind, own.figures[0].value) == ("numeric", 1097)


def test_the_year_before_judged_against_its_target_in_a_follow_up(bot):
    conv = bot.conversation()
    conv.ask("運輸安全委員会の、勧告・意見等に対する関係者の措置の実施率は令和4年度に何％？")
    ans = conv.ask("その前の年度は目標を達成できてた？")  # 令和3年度: 92.3 against 95
    assert ans.kind == "comparison"
    got = {(f.measure, f.fiscal_year, f.value) for f in ans.figures}
    assert got >= {("実績値", 2021, 92.3), ("年度目標値", 2021, 95)}


def test_a_ranking_leaves_out_subtotals_and_the_rest(bot):
    # 「典型7公害 計」 sums the rows above it and 「典型7公害以外」 is what they leave out: neither is a type
    ans = bot.ask("公害等調整委員会の評価書で、令和3年度に公害苦情が最も多かった公害の種類は？")
    assert ans.kind == "ranking" and (ans.figures[0].series, ans.figures[0].value) == ("騒音", 19446)
