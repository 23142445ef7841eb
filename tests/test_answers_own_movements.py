"""Sheets of our own for how a value moved and what a question names: a change from the baseline (not the
baseline alone), two years listed with one era (「令和3年と4年」), 予算額計 asked of a sheet that writes its
total 合計(a+b+c), ones opened in a year (a sentence) beside the stock (the table), and a sheet named by its
agency whose sentence answers though another agency's table has like words; two 達成手段 named to compare,
in Japanese after where they are and in English."""
import pytest

from conftest import bot_over_texts

pytestmark = [pytest.mark.slow]

CENTRES = ("令和6年度　観光庁政策評価書（実績評価）\n\n施策名\t訪日外国人旅行者の受入環境の整備\n"
           "担当部局\t観光庁国際観光部\n\n施策の予算額・執行額等（単位：百万円）\n"
           "区分\t令和3年度\t令和4年度\t令和5年度\n当初予算（a）\t8,200\t8,450\t8,610\n補正予算（b）\t1,300\t900\t0\n"
           "繰越し等（c）\t△400\t250\t120\n合計（a＋b＋c）\t9,100\t9,600\t8,730\n執行額\t8,650\t9,210\t8,402\n\n"
           "【測定指標】\n\n"
           "測定指標\t基準値\t目標値\t区分\t令和3年度\t令和4年度\t令和5年度\n"
           "1　外国人観光案内所の設置数（か所）\t1,020（平成30年度）\t1,300（令和7年度）\t目標値\t1,150\t1,200\t1,250\n"
           "\t\t\t実績値\t1,105\t1,168\t1,212\n"
           "2　案内所での苦情件数（件）\t640（平成30年度）\t400（令和7年度）\t目標値\t520\t480\t440\n"
           "\t\t\t実績値\t598\t455\t431\n\n"
           "施策の進捗状況（実績）\n"
           "外国人観光案内所は令和6年4月1日現在1,212か所となり、令和5年度中に新たに44か所が開設された。\n"
           "海外の観光関係機関との協議は令和4年度に計37回実施し、前年度から5回増加した。\n\n"
           "達成手段（単位：百万円）\n達成手段名\t令和5年度予算額\t令和5年度執行額\n"
           "①多言語案内標識の整備支援\t320\t301\n②高齢旅行者の移動支援\t210\t188\n"
           "③観光案内所の受入機材の整備\t450\t430\n")
PORTS = ("令和6年度　港湾局政策評価書\n\n施策名\t国際クルーズ船の受入れ環境の整備\n担当部局\t港湾局産業港湾課\n\n"
         "【測定指標】\n\n測定指標\t基準値\t目標値\t区分\t令和3年度\t令和4年度\t令和5年度\n"
         "1　海外の観光関係機関との協議の実施回数（回）\t10（令和2年度）\t20（令和7年度）\t目標値\t12\t14\t16\n"
         "\t\t\t実績値\t9\t15\t18\n\n施策の進捗状況（実績）\n寄港回数は回復した。\n")

bot = bot_over_texts("movements", {"jta-r6-2-1-annai.txt": CENTRES, "mlit-r6-9-2-cruise.txt": PORTS})


def test_a_change_from_the_baseline_goes_to_the_last_actual(bot):
    ans = bot.ask("案内所での苦情件数は基準値からどう変わった？")
    assert ans.kind == "trend" and [f.value for f in ans.figures] == [640, 431, 209], ans.text
    assert "減" in ans.text.splitlines()[0], ans.text
    ans = bot.ask("How did the number of complaints at tourist information centres change from the FY2018 "
                  "baseline to FY2022?")
    assert [f.value for f in ans.figures] == [640, 455, 185] and "decrease of 185件" in ans.text, ans.text


def test_two_years_listed_in_one_era_are_both_asked(bot):
    ans = bot.ask("外国人観光案内所の設置数、令和3年と4年ではどっちが多い？")
    assert {1105, 1168} <= {f.value for f in ans.figures}, ans.text


def test_the_budget_total_asked_is_the_sheets_a_plus_b_plus_c(bot):
    ans = bot.ask("訪日外国人旅行者の受入環境の整備、令和4年度の予算額計は？")
    assert ans.figures and ans.figures[0].value == 9600, ans.text
    ans = bot.ask("訪日外国人旅行者の受入環境の整備の当初予算は令和4年度にいくら？")
    assert ans.figures and ans.figures[0].value == 8450, ans.text


def test_the_budget_total_compared_between_two_years_is_the_total(bot):
    ans = bot.ask("Did the Japan Tourism Agency's total budget rise between FY2021 and FY2022, and by how much?")
    assert {9100, 9600} <= {f.value for f in ans.figures} and "increase" in ans.text, ans.text
    assert 8450 not in {f.value for f in ans.figures}, ans.text


def test_two_years_of_one_kind_with_the_difference_asked_as_an_amount(bot):
    # (「差はいくら」 asks an amount, not a kind of value of its own to set beside 執行額)
    ans = bot.ask("訪日外国人旅行者の受入環境の整備、令和4年度と令和5年度で施策の執行額はどっちが多くて、差はいくら？")
    assert {f.value for f in ans.figures} >= {9210, 8402} and "808" in ans.text, ans.text


def test_two_means_named_after_where_they_are_are_compared(bot):
    ans = bot.ask("受入環境の整備の達成手段で、多言語案内標識と高齢旅行者の移動支援、予算が大きいのはどっち？")
    assert ans.kind == "comparison" and {f.value for f in ans.figures} >= {320, 210}, ans.text
    assert 450 not in {f.value for f in ans.figures}, ans.text
    ans = bot.ask("Among the tourist reception means in FY2023, which had the larger budget: multilingual signage "
                  "support or equipment for information centres, and by how much?")
    assert {f.value for f in ans.figures} >= {320, 450} and "130" in ans.text, ans.text


def test_ones_opened_in_a_year_are_the_sentences_not_the_stock(bot):
    ans = bot.ask("外国人観光案内所は令和5年度中に何か所開設された？")
    assert ans.kind == "stated" and ans.figures[0].value == 44, ans.text
    ans = bot.ask("外国人観光案内所は令和5年度に何か所あった？")
    assert ans.kind != "stated" and ans.figures[0].value == 1212, ans.text
    # (the stock's table, 「…の設置数」, says neither 新たに nor 累計: the ones added are the sentence's)
    ans = bot.ask("外国人観光案内所は令和5年度に新たに何か所できた？")
    assert ans.kind == "stated" and ans.figures[0].value == 44, ans.text


def test_the_agency_named_bounds_the_sheets(bot):
    ans = bot.ask("観光庁、海外の観光関係機関との協議は令和4年度に何回？")
    assert ans.kind == "stated" and ans.figures[0].value == 37, ans.text
    ans = bot.ask("港湾局の海外の観光関係機関との協議の実施回数は令和4年度に何回？")
    assert ans.kind != "stated" and ans.figures[0].value == 15, ans.text


def test_follow_ups_asking_how_far_a_target_goes_and_whether_it_got_better(bot):
    conv = bot.conversation()
    assert conv.ask("外国人観光案内所の設置数、令和4年度の目標は？").figures[0].value == 1200
    ans = conv.ask("翌年度はどこまで目標を上げてるの？")  # (どこまで … 上げ: how far, of the one in focus)
    assert ans.figures and (ans.figures[0].value, ans.figures[0].fiscal_year) == (1250, 2023), ans.text
    conv = bot.conversation()
    assert conv.ask("案内所での苦情件数、令和5年度は？").figures[0].value == 431
    ans = conv.ask("じゃあ前の年と比べて良くなった？差は？")
    assert {f.value for f in ans.figures} >= {431, 455} and "24件" in ans.text, ans.text
