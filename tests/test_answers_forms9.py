"""Reading and answering a ninth group of forms:
- an Excel workbook whose indicator names span 目標値 / 実績値 / 達成 columns, years down the first column, and
  whose budget table has its unit in a stray 「単位：億円」 cell (デジタル庁);
- a workbook with a 単位 column naming each row's unit (水産庁);
- a CP932 text whose bounded targets (20以内) and ○/× column judge the 実績値 (公正取引委員会);
- a PDF whose sentences count countries of the people counted before them (出入国在留管理庁);
- two years' 事前分析表 of one 施策 named by its year in brackets (林野庁).

The sheets (tests/sheets/digital-r5-1-mynumber.xlsx, jfa-r5-3-shigen.xlsx, jftc-r5-2-shitauke.txt,
isa-r5-2-shutsunyukoku.pdf, rinya-r5/r6-1-shinrin.txt, with jpo-r5-1-1-shinsa.txt and nta-r6-3-1-chozei.txt of the
eighth group) were written by someone who had read no code. The questions here are phrased anew, not taken from
the question sets measured in the README.
"""
import pytest

from conftest import SEED, SHEETS, assistant_over

pytestmark = [pytest.mark.slow]
DIGITAL, JFA, JFTC, ISA, RINYA5, RINYA6, JPO, NTA6, JSA = (SHEETS / n for n in (
    "digital-r5-1-mynumber.xlsx", "jfa-r5-3-shigen.xlsx", "jftc-r5-2-shitauke.txt", "isa-r5-2-shutsunyukoku.pdf",
    "rinya-r5-1-shinrin.txt", "rinya-r6-1-shinrin.txt", "jpo-r5-1-1-shinsa.txt", "nta-r6-3-1-chozei.txt",
    "jsa-r5-2-sport.txt"))


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return assistant_over(tmp_path_factory, "forms9", (SEED, DIGITAL, JFA, JFTC, ISA, RINYA5, RINYA6, JPO, NTA6))


def _of(path, subject, **kw):
    from evalqa.parser import load_sheet

    return [f for f in load_sheet(path).figures if f.subject.startswith(subject)
            and all(getattr(f, k) == v for k, v in kw.items())]


def test_indicator_names_spanning_their_measures_are_read_column_by_column():
    # 「指標2 …（万件）」 over 「目標値 | 実績値 | 達成」: the target is not taken for the actual
    issued = {(f.measure, f.fiscal_year): f for f in _of(DIGITAL, "マイナ保険証")}
    assert (issued[("目標値", 2021)].value, issued[("実績値", 2021)].value) == (2000, 1196)
    assert issued[("実績値", 2021)].unit == "万件" and "未達成" in (issued[("実績値", 2021)].note or "")
    # 「単位：億円」 alone in a cell above the budget table, and 「計(a+b+c)」 is the total
    budget = {(f.measure, f.fiscal_year): f for f in _of(DIGITAL, "施策の予算額")}
    assert (budget[("当初予算(a)", 2021)].value, budget[("当初予算(a)", 2021)].unit) == (1480.2, "億円")
    assert budget[("合計(a+b+c)", 2021)].value == 3735.3


def test_a_column_of_units_names_each_rows_unit():
    spent = _of(JFA, "施策の予算額", measure="執行額", fiscal_year=2021)
    assert [(f.value, f.unit) for f in spent] == [(224812, "百万円")]
    catch = _of(JFA, "漁獲量", measure="実績値", fiscal_year=2021)
    assert [(f.value, f.unit) for f in catch] == [(417, "万トン")]  # (the 目標値 row above names it)


def test_fields_in_bracketed_or_numbered_labels_and_a_caption_above_a_key_line():
    from evalqa.parser import load_sheet

    jftc, jsa = load_sheet(JFTC), load_sheet(JSA)
    # 「【施策名】 | …」 cells (CP932), and 「1. 施策名：…」 with 「施策番号　スポーツ庁R5-2」 giving the year
    assert jftc.ministry == "公正取引委員会"
    assert jftc.title == "中小事業者の取引の公正化（下請法の厳正な運用と取引適正化の推進）"
    assert (jsa.ministry, jsa.fiscal_year) == ("スポーツ庁", 2023) and jsa.title.startswith("生涯にわたるスポーツ機会")
    # 「指標④ …」 over 「基準値：…」 over 「年度 | 目標 | 実績 | 達成度」 with 「2021年度（R3）」 rows
    doping = {(f.measure, f.fiscal_year): f for f in _of(JSA, "指標④")}
    assert (doping[("目標値", 2021)].value, doping[("実績値", 2021)].value) == (5, 7)
    assert "達成度: ×" in (doping[("実績値", 2021)].note or "")
    assert [f.value for f in _of(JSA, "施策の予算額", measure="概算要求額", fiscal_year=2024)] == [38520]


def test_a_verdict_follows_the_sheets_own_grade_and_a_bounded_target(bot):
    ans = bot.ask("公正取引委員会の下請法違反被疑事件の処理期間、2022年度は目標をクリアできた？")
    assert ans.kind == "comparison" and [f.measure for f in ans.figures] == ["実績値", "目標値"]
    assert "未達成" in ans.text and "目標を達成）" not in ans.text  # 22.3 months against 「20以内」


def test_years_of_one_value_added_up(bot):
    ans = bot.ask("特許庁の中小企業等の特許出願件数を令和2年度から令和4年度まで合計すると何件？")
    assert ans.kind == "sum" and [f.fiscal_year for f in ans.figures] == [2020, 2021, 2022]
    assert "119,813件" in ans.text.splitlines()[0] and "計算値" in ans.text


def test_an_agency_no_sheet_mentions_is_refused(bot):
    ans = bot.ask("宮内庁の施策の令和4年度の執行率は？")
    assert not ans.found and not ans.figures and "宮内庁" in ans.text


def test_a_count_asked_with_nani_is_the_countries_not_the_people(bot):
    ans = bot.ask("令和4年に退去強制令書で送還された人たちは何か国にのぼる？")
    assert ans.kind == "stated" and (ans.figures[0].value, ans.figures[0].unit) == (57, "か国")


def test_a_rate_of_change_a_sentence_states_answers_before_one_computed(bot):
    ans = bot.ask("令和5年度のキャッシュレス納付の件数は前年度比で何％増えた？")
    assert ans.kind == "stated" and (ans.figures[0].value, ans.figures[0].unit) == (9.6, "%")


def test_a_sheet_named_by_its_year_in_brackets(bot):
    older = bot.ask("令和4年度に間伐等の森林整備をした面積は、林野庁の事前分析表（R5）では何万ha？")
    newer = bot.ask("令和4年度に間伐等の森林整備をした面積は、林野庁の事前分析表（R6）では何万ha？")
    assert (older.figures[0].sheet, older.figures[0].value) == (RINYA5.stem, 38.7)
    assert (newer.figures[0].sheet, newer.figures[0].value) == (RINYA6.stem, 38.9)


def test_an_agency_named_outweighs_words_another_agencys_indicator_shares(bot):
    # 特許庁's 「知財総合支援窓口における相談件数」 shares 相談窓口 and 相談件数; the 公正取引委員会 is named
    ans = bot.ask("公正取引委員会の相談窓口で2022年度に受けた相談は何件くらい？")
    assert ans.kind == "stated" and ans.figures[0].sheet == JFTC.stem and ans.figures[0].value == 11000



def test_an_amount_asked_is_not_answered_by_a_count(bot):
    # 「…被害額は？」 asks money: neither the 集落数 indicator nor a count of places in a sentence answers it
    ans = bot.ask("令和5年度の大雨による山地災害の被害額はどれくらい？")
    assert ans.kind == "stated" and (ans.figures[0].value, ans.figures[0].unit) == (1150, "億円")


def test_a_row_of_years_and_values_without_a_header_is_read(bot):
    # 「参考指標2 …原状回復額（百万円） | 2019年度 | 5,748 | 2020年度 | 487 …」: no header row above it
    ans = bot.ask("下請事業者の不利益の原状回復額は2021年度にいくらだった？")
    f = ans.figures[0]
    assert ans.kind == "numeric" and (f.sheet, f.measure, f.fiscal_year, f.value, f.unit) == (
        JFTC.stem, "実績値", 2021, 919, "百万円")
    counted = bot.ask("公正取引委員会の下請取引の施策には測定指標がいくつある？")
    assert counted.kind == "count" and "4件" in counted.text  # a 参考指標 row is not a 測定指標


def test_a_count_of_letters_or_of_new_places_is_not_answered_by_a_budget_or_a_total(bot):
    # 「…通数」 counts 通: the コンビニ交付 means' budget in 百万円 does not answer; the sentence does
    letters = bot.ask("令和4年度、コンビニで交付された証明書の通数は？")
    assert letters.kind == "stated" and (letters.figures[0].value, letters.figures[0].unit) == (15_000_000, "通")


def test_a_quoted_name_gets_the_number_that_counts_it_and_man_mei_is_read(bot):
    # The sentence counts 親事業者 (約7万名) and 下請事業者 (約30万名) alike; the question quotes which
    ans = bot.ask("2022年度の書面調査の対象になった「下請事業者」は約何名？")
    assert ans.kind == "stated" and (ans.figures[0].value, ans.figures[0].unit) == (300000, "名")


def test_a_follow_up_naming_its_year_against_the_target_judges_that_year(bot):
    conv = bot.conversation()
    conv.ask("コンビニ交付を導入した市区町村数、令和3年度末の実績は？")
    judged = conv.ask("令和4年度末は目標に届いた？")  # that year against its target, not 令和3年度 against it
    assert judged.figures and {f.fiscal_year for f in judged.figures} == {2022}


def test_two_years_only_sentences_state_are_compared(bot):
    # 令和4年度's 500億円 is in the R5 sheet's prose, 令和5年度's 600億円 in the R6 sheet's; no table holds them
    ans = bot.ask("令和4年度と令和5年度の森林環境譲与税の総額を比べると？")
    assert ans.kind == "comparison" and [(f.fiscal_year, f.value, f.sheet) for f in ans.figures] == [
        (2022, 500, RINYA5.stem), (2023, 600, RINYA6.stem)]
    assert "100億円増えました" in ans.text

