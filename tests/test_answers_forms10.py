"""Reading and answering a tenth group of forms:
- a 実績評価書 in 【】-header style whose one table holds two indicators, its columns labelled 「指標3目標値 |
  指標3実績値 | 指標3達成状況 | 指標4目標値 …」 under a caption naming both (個人情報保護委員会);
- a 事前分析表 whose indicator rows carry a grade column of one year (「令和4年度の達成状況」) and whose
  document number looks like a year (「原子力規制委員会R5－2」);
- an Excel workbook with breakdowns (種類別, 仕出国・地域別) under captions of their own (財務省関税局).

The sheets (tests/sheets/ppc-r5-1-kanshi.txt, nra-r5-2-kensa.txt, mof-r5-5-2-zeikan.xlsx) were written by someone
who had read no code. The questions here are phrased anew, not taken from the question sets measured in the
README.
"""
import pytest

from conftest import SHEETS, assistant_over

pytestmark = [pytest.mark.slow]
PPC, NRA, MOF, NTA5, MHLW, CAO, JSA = (SHEETS / n for n in (
    "ppc-r5-1-kanshi.txt", "nra-r5-2-kensa.txt", "mof-r5-5-2-zeikan.xlsx", "nta-r5-3-1-chozei.txt",
    "mhlw-r5-iii-1-1-rousai.txt", "cao-r5-8-bousai.txt", "jsa-r5-2-sport.txt"))


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return assistant_over(tmp_path_factory, "forms10", (PPC, NRA, MOF, NTA5, MHLW, CAO, JSA))


def _of(path, subject, **kw):
    from evalqa.parser import load_sheet

    return [f for f in load_sheet(path).figures if f.subject.startswith(subject)
            and all(getattr(f, k) == v for k, v in kw.items())]


def test_columns_labelled_by_indicator_are_read_as_two_indicators():
    # 「測定指標3　…参加者数（人）／測定指標4　…応答率（％）」 over 「年度 | 指標3目標値 | … | 指標4達成状況」
    people = {(f.measure, f.fiscal_year): f for f in _of(PPC, "個人情報保護法に関する説明会")}
    rate = {(f.measure, f.fiscal_year): f for f in _of(PPC, "個人情報保護法相談ダイヤルの応答率")}
    assert (people[("実績値", 2020)].value, people[("実績値", 2020)].unit) == (26418, "人")
    assert (rate[("実績値", 2020)].value, rate[("実績値", 2020)].unit) == (86.2, "%")
    # each graded by its own column, not by the other's
    assert people[("実績値", 2020)].note == "達成状況: 達成" and rate[("実績値", 2020)].note == "達成状況: 未達成"
    # 「5.0以内」: a bound, not a unit
    days = _of(PPC, "漏えい等報告の受付から", measure="目標値", fiscal_year=2020)
    assert [(f.value, f.unit, f.raw) for f in days] == [(5.0, "日", "5.0以内")]


def test_a_policy_budget_table_under_field_rows_of_a_general_document():
    # 【政策ごとの予算額】 of a 政策評価調書: 政策名 / 評価方式 rows, then 「会計 | 組織 | 項 | 事項 | 5年度当初予算額 |
    # 6年度概算要求額」; two rows of one 組織 told apart by their 事項
    got = {(f.series, f.measure): f.value for f in _of(CAO, "政策ごとの予算額")}
    assert got[("小計(一般会計)", "概算要求額")] == 9195240 and got[("小計(一般会計)", "当初予算額")] == 7622380
    assert got[("内閣本府（被災者生活再建支援に必要な経費）", "当初予算額")] == 1210000


def test_indicators_missing_their_target_in_a_year_of_a_split_table(bot):
    ans = bot.ask("個人情報保護委員会の評価で、令和2年度に目標に届かなかった指標を挙げて")
    assert ans.kind == "list" and "立入検査" in ans.text and "応答率" in ans.text
    assert "説明会" not in ans.text.split("\n\n")[0]


def test_a_grade_mark_with_its_word_in_brackets_and_a_document_number(bot):
    ans = bot.ask("原子力規制委員会R5－2で令和4年度が×（未達成）になった測定指標は？")
    listed = ans.text.split("\n\n")[0]
    assert ans.found and "検査指摘事項" in listed and "検査官数" not in listed  # (△ is not ×)


def test_named_categories_of_a_breakdown_added_up(bot):
    ans = bot.ask("令和4年度の漏えい等の原因のうち、不正アクセスと盗難を足すと何件になる？")
    assert ans.kind == "sum" and [f.value for f in ans.figures] == [512, 96]
    assert "608件" in ans.text.splitlines()[0] and "計算値" in ans.text
    # the passages of the parts are the sources (not the search's top hits)
    assert ans.sources and all(x["sheet"] == "ppc-r5-1-kanshi" and "盗難" in x["text"] for x in ans.sources)
    ans = bot.ask("2022年の指定薬物とあへんの摘発件数を合わせると？")
    assert ans.kind == "sum" and [f.value for f in ans.figures] == [49, 3] and "52件" in ans.text.splitlines()[0]


def test_a_sum_with_a_part_the_sheets_lack_is_refused_not_answered_with_the_other(bot):
    ans = bot.ask("2022年の覚醒剤とヘロインの摘発件数を合計すると何件？")
    assert not ans.found and not ans.figures and "ヘロイン" in ans.text


def test_the_amount_of_a_change_is_the_first_figure(bot):
    ans = bot.ask("財務省の大型X線検査装置の配備官署数、2021年度から2022年度で何か所増えた？")
    assert ans.kind == "comparison"
    first = ans.figures[0]
    assert (first.measure, first.value, first.unit) == ("増加（計算値）", 2, "か所")
    assert sorted(f.value for f in ans.figures[1:]) == [20, 22]
    # whether it rose, not by how much: the two values only
    ans = bot.ask("財務省の大型X線検査装置の配備官署数は2021年度より2022年度のほうが多い？")
    assert all("計算値" not in f.measure for f in ans.figures)


def test_a_follow_up_after_a_breakdowns_top_row_asks_that_row(bot):
    conv = bot.conversation()
    top = conv.ask("財務省の知的財産侵害物品の輸入差止件数で、2022年に一番多い仕出国・地域は？")
    assert top.kind == "ranking" and "中国" in top.text.splitlines()[0]
    share = conv.ask("その構成比は？")
    assert share.found and (share.figures[0].value, share.figures[0].series) == (82.5, "中国")


def test_a_breakdown_only_a_sentence_states_is_ranked(bot):
    # 「業種別では、建設業が283人と最も多く、次いで製造業が140人、陸上貨物運送事業が90人」: no table splits it
    ans = bot.ask("令和4年の労働災害で亡くなった人を業種別でみたとき、一番多いのは？")
    assert ans.kind == "ranking" and "建設業" in ans.text.splitlines()[0]
    assert [(f.subject, f.value, f.measure) for f in ans.figures][:2] == [("建設業", 283, "本文記載"),
                                                                         ("製造業", 140, "本文記載")]


def test_causes_as_a_breakdowns_rows_and_the_businesses_reporting_them(bot):
    # 「原因として」 names the rows of 原因別内訳, not a why; 「民間事業者」 are who reports, not the sheet's 事業
    ans = bot.ask("令和4年度、民間事業者から報告された漏えい等で、原因として一番多かったのは？")
    assert ans.kind == "ranking" and "誤送付・誤交付" in ans.text.splitlines()[0]
    assert ans.figures[0].value == 2214


def test_a_subtotal_of_the_policy_budget_is_answered(bot):
    ans = bot.ask("内閣府の防災政策について、令和6年度の概算要求額の小計はいくら？")
    assert ans.found and (ans.figures[0].value, ans.figures[0].measure) == (9195240, "概算要求額")


def test_english_one_sentences_numbers_told_apart_by_their_counted_noun(bot):
    # 「約6,500件のドーピング検査を実施し、規則違反は4件確定した」: the tests, not the violations
    ans = bot.ask("How many doping tests did Japan conduct domestically in FY2022?")
    assert ans.found and (ans.figures[0].value, ans.figures[0].subject) == (6500, "ドーピング検査")


def test_english_a_sentences_new_ones_are_not_the_stock_asked(bot):
    # 「検査官は…277人であり、令和4年度に新たに31人に検査官の資格を付与した」: 31 is not how many inspectors there were
    ans = bot.ask("How many nuclear regulatory inspectors were there in FY2022?")
    assert not ans.figures or ans.figures[0].value == 277, ans.text

