"""A 施策 named in English by words no glossary holds (the twenty-eighth session): 「the postal policy」 by the
dictionary's glosses of its title's words (郵便: 「postal service」), 「the harbour … port policy」 by a common
one-kanji sense that begins a title word (port → 港 → 港湾), and what is then asked of the 施策 itself (its own
budget table), not of a 達成手段 whose name the embedder finds close (「スマートポート…」)."""
import pytest

from conftest import bot_over_texts

pytestmark = [pytest.mark.slow]

POSTAL = """令和6年度実績評価書
施策名：郵便局ネットワークの維持と地域での活用
担当部局：郵便局政策課

1．施策の予算額・執行額等（単位：千円）
区分	令和3年度	令和4年度	令和5年度	令和6年度
当初予算（a）	812,400	820,150	836,700	851,900
補正予算（b）	0	0	40,000	－
合計（a＋b）	812,400	820,150	876,700	－
執行額	771,780	787,344	806,564	－
執行率（％）	95.0	96.0	92.0	－

2．測定指標
指標	令和3年度	令和4年度	令和5年度	目標値
郵便局における自治体事務の受託局数（局）	1,020	1,105	1,210	1,500（令和8年度）

測定指標（業績指標）
業績指標	区分	初期値（年度）	目標値（年度）	令和3年度	令和4年度	令和5年度
差出箱の撤去数（千本）	実績値	42（平成30年）	55程度に抑える（令和10年）	－	－	48
	目標値			－	－	－

4．達成手段（単位：千円）
達成手段（開始年度）	令和5年度予算額	令和5年度執行額	執行率（％）
①信書便事業者の監督（平成15年度）	52,000	41,600	80.0
②郵便局の地域連携推進事業（令和2年度）	784,700	764,964	97.5
"""

PORT = """令和6年度事前分析表
施策名：港湾の防災機能を強化する
担当部局：港湾局防災課

施策の予算額・執行額等（単位：百万円）
区分	2021年度	2022年度	2023年度	2024年度
当初予算（a）	18,200	18,650	19,120	19,480
補正予算（b）	2,100	1,800	2,400	－
合計（a＋b）	20,300	20,450	21,520	－
執行額	19,082	19,632	20,444	－
執行率（％）	94.0	96.0	95.0	－

（参考）地方別の岸壁数（2024年3月末）（単位：バース）
地方	耐震強化岸壁	一般岸壁	計
北海道	12	30	42
東北	18	41	59
関東	25	66	91
中部	15	38	53
近畿	21	47	68
四国	0	22	22
全国	91	244	335

達成手段（単位：百万円）
達成手段（開始年度）	2023年度予算額	2023年度執行額	2024年度当初予算額
①スマートポート実証事業（2021年度）	640	602	700
②防災拠点岸壁整備事業（2010年度）	18,480	17,926	18,780
③港湾BCP策定支援（2019年度）	280	266	300
"""

RATES = """令和6年度実績評価書
施策名：高齢者の就業の割合の向上
担当部局：高齢者雇用課

施策の予算額・執行額等（単位：百万円）
区分	2021年度	2022年度	2023年度	2024年度
当初予算（a）	3,100	3,150	3,210	3,260
執行額	2,945	3,024	3,017	－
執行率（％）	95.0	96.0	94.0	－
（注）東京都の値を含む。
"""

def _edition(year: int, results: str, shares: str, note: str, means: str) -> str:
    years = "\t".join(f"令和{y}年" for y in range(year - 4, year))
    told = (f"相談窓口への電話件数は令和{year - 1}年に{results.split(chr(9))[-1]}件となり、"
            "このうち警察官が相談者を窓口に案内したものは約1万8千件であった。")
    return f"""令和{year}年度 業績目標別評価シート（令和{year - 1}年の実績）
第1 業績目標の概要
業績目標\t3 悪質商法被害の防止
担当課\t生活安全局生活経済対策管理官

第3 業績指標（暦年）
指標\t{years}
1 相談窓口への電話件数（件）\t{results}
2 被害者に占める高齢者の割合（％）\t{shares}
{note}

参考 地方ブロック別の相談・検挙の状況（令和{year - 1}年）
ブロック\t相談件数（件）\t\t検挙件数（件）
\t総数\tうち高齢者\t
東北\t1,200\t640\t31
関東\t4,800\t2,450\t122
近畿\t3,100\t1,720\t88

第4 評価
2 施策の分析
{told}

第5 主な達成手段
達成手段\t令和{year}年度当初予算額（千円）
{means}
"""


OLD = _edition(6, "8,120\t8,460\t8,930\t9,210", "60.2\t61.0\t62.2\t63.5", "（注）令和5年の値は暫定値である。",
               "悪質商法被害防止の広報啓発\t52,000\n相談窓口の運営\t81,000")
NEW = _edition(7, "8,460\t8,930\t9,210\t9,480", "61.0\t62.2\t64.1\t66.0",
               "（注）指標2の令和5年の値は、前年度の評価シートでは暫定値（63.5％）を記載していたが確定値（64.1％）に改めた。",
               "悪質商法被害防止の広報啓発\t54,000\n相談窓口の運営\t83,000\n被害金回復支援の推進\t20,000")

bot = bot_over_texts("forms16", {"soumu-r6-12-yubinkyoku.txt": POSTAL, "mlit-r6-36-kowanbosai.txt": PORT,
                                 "mhlw-r6-v-2-1-koreisha.txt": RATES,
                                 "npa-r6-3-3-akushitsu.txt": OLD, "npa-r7-3-3-akushitsu.txt": NEW})


def test_a_policy_named_by_the_glosses_of_its_title_words(bot):
    # (「postal」 is no gloss of its own in the dictionary; 郵便 is glossed 「postal service」)
    ans = bot.ask("What was the FY2023 execution rate of the postal policy?")
    f = ans.figures[0]
    assert (f.sheet, f.measure, f.fiscal_year, f.value) == ("soumu-r6-12-yubinkyoku", "執行率", 2023, 92.0), ans.text
    # (the words before 「of the」 are what is asked, not the 施策's name: 「rate」 names no 割合 of a title)
    assert "信書便" not in ans.text, ans.text


def test_a_policy_named_by_a_common_one_kanji_sense(bot):
    ans = bot.ask("What was the initial FY2024 budget of the port policy?")
    f = ans.figures[0]
    assert (f.sheet, f.fiscal_year, f.value) == ("mlit-r6-36-kowanbosai", 2024, 19480), ans.text
    assert "スマートポート" not in ans.text, ans.text


def test_an_edition_named_by_its_year_and_the_forms_word_for_the_document(bot):
    ans = bot.ask("令和6年度の悪質商法の評価シートで、令和5年の被害者に占める高齢者の割合は？")
    f = ans.figures[0]
    assert (f.sheet, f.fiscal_year, f.value) == ("npa-r6-3-3-akushitsu", 2023, 63.5), ans.text
    ans = bot.ask("令和6年度の悪質商法の評価シートには、達成手段が何個載ってる？")
    assert ans.kind == "count" and "2件" in ans.text, ans.text


def test_a_value_two_editions_write_set_side_by_side(bot):
    """「前年度版と最新版」 names the two editions, not the year before the one asked."""
    ans = bot.ask("被害者に占める高齢者の割合、令和5年の値は前年度版と最新版でどう違う？")
    assert ans.kind == "comparison" and {63.5, 64.1} <= {f.value for f in ans.figures}, ans.text
    assert all(f.fiscal_year == 2023 for f in ans.figures), ans.text


def test_a_part_of_the_row_in_focus_is_read_from_its_column(bot):
    conv = bot.conversation()
    ans = conv.ask("地方ブロック別で、令和6年の相談件数が最も多いのは？")
    assert ans.kind == "ranking" and ans.figures[0].series == "関東", ans.text
    ans = conv.ask("そのうち高齢者は？")
    f = ans.figures[0]
    assert (f.series, f.value) == ("関東", 2450), ans.text


def test_both_values_of_the_last_two_turns_added(bot):
    conv = bot.conversation()
    assert conv.ask("令和6年の東北の検挙件数は？").figures[0].value == 31
    assert conv.ask("近畿は？").figures[0].value == 88
    ans = conv.ask("両方足すと？")
    assert ans.kind == "sum" and "119" in ans.text, ans.text


def test_a_part_a_sentence_states_that_the_tables_count_does_not_tell_apart(bot):
    ans = bot.ask("相談窓口への電話で、令和6年に警察官が案内したのはどれくらい？")
    assert ans.kind == "stated" and ans.figures[0].value == 18000, ans.text


def test_a_sheet_named_in_english_by_the_word_its_file_name_gives(bot):
    ans = bot.ask("How many measures does the akushitsu sheet list?")
    assert ans.kind == "count" and "3" in ans.text.splitlines()[0], ans.text


def test_means_named_by_their_list_numbers_added(bot):
    ans = bot.ask("郵便局ネットワークの施策で、達成手段①と②の令和5年度執行額の合計は？")
    assert ans.kind == "sum" and "806,564" in ans.text, ans.text
    ans = bot.ask("In the postal sheet, add up the FY2023 budgets of measure ① and measure ②.")
    assert ans.kind == "sum" and "836,700" in ans.text, ans.text


def test_a_year_compared_with_is_the_indicators_baseline_and_a_ceiling_in_words_its_target(bot):
    conv = bot.conversation()
    assert conv.ask("差出箱の撤去数、令和5年度の値は？").figures[0].value == 48
    ans = conv.ask("平成30年と比べるとどれくらい増えた？")
    assert ans.kind == "comparison" and {48, 42} <= {f.value for f in ans.figures} and "初期値" in ans.text, ans.text
    ans = bot.ask("差出箱の撤去数の目標値は？")
    assert 55 in [f.value for f in ans.figures], ans.text
    # (the year in focus has a target cell of 「－」: the target the indicator sets for its own year)
    ans = conv.ask("で、目標では何千本程度に抑えることになってるの？")
    assert [(f.fiscal_year, f.value) for f in ans.figures] == [(2028, 55)], ans.text


def test_a_breakdowns_total_column_is_what_its_caption_counts(bot):
    """「岸壁数」 over 「耐震強化岸壁 | 一般岸壁 | 計」: the caption counts the 計; three regions named, then their
    number, are added."""
    ans = bot.ask("岸壁数（2024年3月末）、北海道・東北・関東の3地方を合計すると何バース？")
    assert ans.kind == "sum" and "192" in ans.text, ans.text


def test_means_of_a_range_of_list_numbers_added(bot):
    ans = bot.ask("港湾の防災機能の施策で、達成手段①〜③の2023年度予算額を合計すると？")
    assert ans.kind == "sum" and "19,400" in ans.text and len(ans.figures) == 3, ans.text


def test_a_region_of_none_and_the_national_row_is_no_region(bot):
    ans = bot.ask("地方別で、耐震強化岸壁が1つもない地方はいくつ？")
    assert "1件" in ans.text.splitlines()[0] and [f.series for f in ans.figures] == ["四国"], ans.text
    ans = bot.ask("岸壁数（2024年3月末）が最も多い地方は？")
    assert ans.kind == "ranking" and ans.figures[0].series == "関東", ans.text


def test_a_place_the_sheet_named_never_writes_is_refused(bot):
    """東京 is in the corpus (another sheet's note), not in the sheet the question names."""
    ans = bot.ask("郵便局ネットワークの施策で、東京都の受託局数は？")
    assert not ans.found and not ans.figures, ans.text
