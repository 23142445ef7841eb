"""Answers that generalize (issue 10): numbers in prose, paraphrases, header fields, questions over many figures,
years across sheets of the same 施策, English questions. A real index of four sheets, the default embedder."""
import re
import shutil

import pytest

from conftest import MEXT, MHLW, SEED, SHEETS

pytestmark = pytest.mark.slow
MEXT_NEXT = SHEETS / "mext-r2-II-3-kokusai.txt"  # 令和2年度: the same 施策 a year later, one value revised


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    from evalqa import Assistant, Index

    root = tmp_path_factory.mktemp("many")
    corpus = root / "corpus"
    corpus.mkdir()
    for p in (SEED, MEXT, MHLW, MEXT_NEXT):
        shutil.copy(p, corpus / p.name)
    return Assistant(Index.build(corpus, root / "index", progress=False))


def test_number_stated_in_prose_beats_a_table_that_counts_more(bot):
    """「外相」 alone is not the table's 「首脳・外相」: the sentence answers, and the table value is named as such."""
    ans = bot.ask("日米外相会談は何回行われた？")
    assert ans.kind == "stated" and ans.found
    assert (ans.figures[0].value, ans.figures[0].measure) == (6, "本文記載")
    assert "外相間で6回" in ans.text and "86行目" in ans.text
    assert ans.figures[1].value == 9 and "首脳・外相" in ans.text  # the table's figure, named as what it counts


def test_number_stated_in_prose_in_another_unit_than_the_table(bot):
    ans = bot.ask("対日世論調査の一般の部のサンプルは約何人？")
    assert ans.kind == "stated" and ans.figures[0].value == 1000 and "約1,000人" in ans.text


def test_paraphrase_is_answered_from_the_passage(bot):
    ans = bot.ask("アメリカの国会議員との関係づくりの取り組みは？")
    assert ans.kind == "prose" and ans.found
    assert "米国議会" in ans.text or "米日コーカス" in ans.text


def test_unknown_country_still_refuses(bot):
    for q in ["フランスとの文化交流の取り組みは？", "日中首脳会談の回数は？"]:
        ans = bot.ask(q)
        assert not ans.found and ans.figures == [], ans.text


def test_header_fields(bot):
    ans = bot.ask("北米地域外交の施策目標は何ですか？")
    assert ans.kind == "metadata" and "日米同盟関係の更なる強化" in ans.text and "36行目" in ans.text
    ans = bot.ask("国際交流の推進の政策目標の達成度合いは？")
    assert "進展" in ans.text and ans.found


def test_policy_budget_request_is_reachable_by_naming_it(bot):
    ans = bot.ask("北米地域外交の令和4年度概算要求額は？")
    assert ans.found and ans.figures[0].measure == "概算要求額" and ans.figures[0].fiscal_year == 2022
    assert ans.figures[0].subject == "政策ごとの予算額" and "598,665" in ans.text


def test_targets_missed_in_a_year(bot):
    ans = bot.ask("北米地域外交で令和2年度に目標を達成できなかった測定指標は？")
    assert ans.kind == "list" and ans.found
    assert "1-3" in ans.text and "1-4" in ans.text and "| 測定指標 |" in ans.text
    pairs = {(f.subject[:7], f.measure, f.value) for f in ans.figures}
    assert ("日米二国間会談", "実績値", 9) in pairs and ("日米二国間会談", "年度目標値", 30) in pairs


def test_count_of_indicators_and_means(bot):
    assert re.search(r"測定指標は9件", bot.ask("北米地域外交の測定指標はいくつ？").text)
    ans = bot.ask("北米地域外交の達成手段は何件？")
    assert ans.kind == "count" and "7件" in ans.text


def test_comparison_of_two_named_indicators(bot):
    ans = bot.ask("令和2年度の日米会談数と日加会談数はどちらが多い？")
    assert ans.kind == "comparison" and sorted(f.value for f in ans.figures) == [3, 9]
    assert ans.text.index("日米") < ans.text.index("日加")  # the larger first


def test_budget_change_with_direction_and_amount(bot):
    ans = bot.ask("北米地域外交の当初予算は令和3年度、前年度と比べてどうなった？")
    assert ans.kind == "comparison" and [f.value for f in ans.figures] == [568, 652]
    assert "84百万円減りました" in ans.text and "計算値" in ans.text


def test_lowest_execution_rate_among_means(bot):
    ans = bot.ask("北米地域外交の達成手段で、令和2年度の執行率が最も低いのは？")
    assert ans.kind == "ranking" and "日本語補習" in ans.text.splitlines()[0]
    # (the rate ranked is worked out: a figure of its own first, then the amounts it comes from)
    rate, spent = ans.figures[:2]
    assert "計算値" in ans.text and (rate.measure, rate.unit, round(rate.value, 1)) == ("執行率（計算値）", "%", 9.5)
    assert spent.measure == "執行額"


def test_years_across_sheets_of_the_same_policy(bot):
    """A year only the newer sheet reports; a revised value (newest wins, the other named); a trend stitched."""
    ans = bot.ask("外国人留学生の受入れ数の令和2年度の実績は？")
    assert ans.figures[0].value == 279597 and ans.figures[0].sheet == "mext-r2-II-3-kokusai"
    ans = bot.ask("外国人留学生の受入れ数の令和元年度の実績は？")
    assert ans.figures[0].value == 312500 and "312,214" in ans.text  # the older sheet's figure, named
    ans = bot.ask("外国人留学生の受入れ数の実績の推移")
    years = [(f.fiscal_year, f.value) for f in ans.figures if f.measure == "実績値"]
    assert years == [(2017, 267042), (2018, 298980), (2019, 312500), (2020, 279597)]


def test_previous_year_in_a_conversation(bot):
    conv = bot.conversation()
    assert conv.ask("外国人留学生の受入れ数の令和2年度の実績は？").figures[0].value == 279597
    ans = conv.ask("では前年度の外国人留学生の受入れ数の実績はどうでしたか")
    assert (ans.figures[0].fiscal_year, ans.figures[0].value) == (2019, 312500)


def test_english_question_gets_an_english_answer(bot):
    ans = bot.ask("What was the actual number of Japan–US meetings in FY2020?")
    assert ans.found and ans.figures[0].value == 9 and ans.figures[0].measure == "実績値"
    assert "FY2020" in ans.text and "actual" in ans.text and "日米二国間会談数" in ans.text and "Source:" in ans.text
    ans = bot.ask("Did the initial budget for North America diplomacy increase or decrease from FY2020 to FY2021?")
    assert "decrease" in ans.text and {f.value for f in ans.figures} >= {652, 568}


def test_counts_leave_out_what_is_excluded_and_keep_the_starred(bot):
    ans = bot.ask("北米地域外交の測定指標（参考指標を除く）は全部でいくつ？")
    assert ans.kind == "count" and "測定指標は9件" in ans.text.splitlines()[0]
    ans = bot.ask("北米地域外交で「*」の付いた主要な測定指標はいくつ？")
    assert ans.kind == "count" and "4件" in ans.text.splitlines()[0]
    assert "3-2 在日米軍の安定的な駐留" in ans.text and "1-3" not in ans.text
    ans = bot.ask("北米地域外交の個別分野は何と何と何？")
    assert ans.kind == "count" and all(x in ans.text for x in ("政治分野", "経済分野", "安全保障分野"))
    ans = bot.ask("How many reference indicators does the North America sheet have?")
    assert ans.kind == "count" and "1件" in ans.text.splitlines()[0]


def test_two_series_of_one_indicator_compared(bot):
    ans = bot.ask("対日世論調査（友邦として信頼）で2020年度の実績は一般の部と有識者の部どちらが高い？")
    assert ans.kind == "comparison"
    assert sorted(f.value for f in ans.figures) == [70, 96] and "有識者の部が一般の部より大きい" in ans.text


def test_the_year_of_the_largest_and_the_largest_asked_as_a_choice(bot):
    ans = bot.ask("北米地域外交の執行額が最も多かった年度は？")
    assert ans.kind == "ranking" and ans.figures[0].value == 544 and "「平成30年度」" in ans.text
    ans = bot.ask("就労支援の推進の達成手段で、平成30年度の当初予算額が大きいのはどっち？")
    assert ans.kind == "ranking" and ans.figures[0].value == 1650 and "ハローワーク" in ans.text


def test_a_round_is_a_fact_of_its_own(bot):
    ans = bot.ask("日米豪印外相会合は10月で第何回目？")
    assert ans.kind == "stated" and (ans.figures[0].value, ans.figures[0].unit) == (2, "回目")
    # A count question is not answered by a round, nor a round question by a count.
    ans = bot.ask("日米豪印外相会合は何回開かれた？")
    assert not (ans.figures and ans.figures[0].unit == "回目")


def test_a_question_in_another_unit_than_the_table_is_refused_not_answered_with_it(bot):
    ans = bot.ask("現行の日米安保条約は令和2年で署名・発効から何年を迎えた？")
    assert not ans.found and not ans.figures and "%で数える" in ans.text


def test_a_reason_is_a_passage_even_when_an_operation_is_named(bot):
    ans = bot.ask("日加会談数が目標に届かなかった理由は？")
    assert ans.kind == "prose" and not ans.figures


def test_the_sheets_own_year(bot):
    ans = bot.ask("北米地域外交の事前分析表は何年度のもの？")
    assert ans.kind == "metadata" and "令和3年度（2021年度）" in ans.text
