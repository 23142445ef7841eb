"""The grader: a question set written from the sheets names a measure as the sheet writes it."""
from evalqa.evaluation import measure_matches


def test_measure_labels_as_sheets_write_them():
    assert measure_matches("執行額(百万円)", "執行額")
    assert measure_matches("4年度 概算要求額", "概算要求額")
    assert measure_matches("年度ごとの実績値", "実績値")
    assert measure_matches(None, "実績値")
    # Another measure is still wrong: a target is not an actual, an execution is not a budget.
    assert not measure_matches("実績値", "年度目標値")
    assert not measure_matches("予算額計", "執行額")
    assert not measure_matches("執行額", None)


def test_a_value_in_its_unit_or_its_base_unit():
    from evalqa.answer import Answer
    from evalqa.evaluation import Case, judge
    from evalqa.figure import Figure

    def stated(value, unit):
        f = Figure(sheet="s", section=[], subject="予算", series=None, measure="記述", fiscal_year=None,
                   year_label=None, value=value, unit=unit, raw="総額1.2億円")
        return Answer("q", "総額1.2億円", True, [f], [], "stated")

    case = Case(question="q", kind="stated", expected=120000000)
    assert judge(case, stated(1.2, "億円"))
    assert judge(case, stated(120000000, "円"))
    assert not judge(case, stated(1.2, "円"))
    assert not judge(case, stated(12, "億円"))


def test_a_budget_asked_as_one_kind_and_texts_in_one_width():
    from evalqa.answer import Answer
    from evalqa.evaluation import Case, judge

    # 「予算」 names the budget table's values as one kind; it is still not an indicator's value
    assert measure_matches("予算", "概算要求額") and measure_matches("予算", "合計(a+b+c)")
    assert measure_matches("予算", "補正予算(b)") and not measure_matches("予算", "実績値")
    meta = Case(question="q", kind="metadata", expected="令和６年８月")
    assert judge(meta, Answer("q", "政策評価実施予定時期は「令和6年8月」です。", True, [], [], "metadata"))
    assert not judge(meta, Answer("q", "政策評価実施予定時期は「令和7年8月」です。", True, [], [], "metadata"))


def test_a_sum_is_judged_by_the_total_in_its_first_line():
    from evalqa.answer import Answer
    from evalqa.evaluation import Case, judge

    case = Case(question="q", kind="sum", expected=159637)
    text = "合計すると159,637件です（計算値）。\n\n| 令和元年度 | 39,824件 |"
    assert judge(case, Answer("q", text, True, [], [], "sum"))
    assert not judge(case, Answer("q", "合計すると159,630件です。\n159,637", True, [], [], "sum"))
    assert not judge(case, Answer("q", "合計すると159,637件です。", False, [], [], "refusal"))


def test_a_number_the_set_wrote_in_the_sheets_man_matches_the_count():
    from evalqa.answer import Answer
    from evalqa.evaluation import Case, judge
    from evalqa.figure import Figure

    f = Figure(sheet="s", section=[], subject="利用件数", series=None, measure="本文記載", fiscal_year=None,
               year_label=None, value=1180000, unit="件", raw="約118万件")
    ans = Answer("q", "約1,180,000件です。", True, [f], [], "stated")
    assert judge(Case(question="q", kind="stated", expected=118, why="利用件数は約118万件となった。"), ans)
    assert not judge(Case(question="q", kind="stated", expected=118, why="利用件数は約118件となった。"), ans)
    # (or the set names the unit 万件, its quote cut before the number)
    assert judge(Case(question="q", kind="stated", expected=118, measure="万件", why="利用件数は"), ans)
    assert not judge(Case(question="q", kind="stated", expected=118, measure="件", why="利用件数は"), ans)


def test_a_budget_labelled_only_as_such_is_the_kind_the_question_names():
    from evalqa.answer import Answer
    from evalqa.evaluation import Case, judge
    from evalqa.figure import Figure

    def budget(measure):
        f = Figure(sheet="s", section=[], subject="施策の予算額・執行額等", series=None, measure=measure,
                   fiscal_year=2024, year_label="令和6年度", value=21470, unit="百万円", raw="21,470")
        return Answer("q", "21,470百万円", True, [f], [], "numeric")

    asked = Case(question="What is the FY2024 budget request for this policy?", kind="numeric", expected=21470,
                 measure="予算額", fiscal_year=2024)
    assert judge(asked, budget("概算要求額"))
    assert not judge(asked, budget("補正予算(b)"))  # (a kind the question does not name is still wrong)
    plain = Case(question="令和6年度の予算額は？", kind="numeric", expected=21470, measure="予算額", fiscal_year=2024)
    assert not judge(plain, budget("概算要求額"))


def test_a_trend_or_comparison_written_as_direction_and_change():
    from dataclasses import replace

    from evalqa.answer import Answer
    from evalqa.evaluation import Case, judge
    from evalqa.figure import Figure

    def fig(year, value):
        return Figure(sheet="s", section=[], subject="事故隻数", series=None, measure="実績値", fiscal_year=year,
                      year_label=None, value=value, unit="隻", raw=str(value))
    figs = [fig(2020, 1954), fig(2023, 1798)]
    listed = "実績値: 令和2年 1,954隻、令和5年 1,798隻"
    text = listed + "。令和2年から令和5年にかけて毎年減り、156隻減りました（減少、計算値）"
    trend = Case(question="q", kind="trend", expected={"answer": "減少", "value": -156})
    assert judge(trend, Answer("q", text, True, figs, [], "trend"))
    assert judge(trend, Answer("q", "Change: decrease of 156隻 (1,954 → 1,798).", True, figs, [], "trend"))
    assert not judge(trend, Answer("q", listed, True, figs, [], "trend"))  # no direction
    assert not judge(trend, Answer("q", "減りました（1,954隻→1,798隻）", True, figs, [], "trend"))  # no amount
    rose = Case(question="q", kind="comparison", expected={"answer": "増加", "value": 165})
    assert judge(rose, Answer("q", "165百万件増えました（増加、計算値）", True, figs, [], "comparison"))
    assert not judge(rose, Answer("q", "156隻減りました（減少、計算値）", True, figs, [], "comparison"))
    # (the values of the span written as a list beside the direction: each of them stated)
    span = Case(question="q", kind="trend", expected={"answer": "減少", "value": [1954, 1798]})
    assert judge(span, Answer("q", text, True, figs, [], "trend"))
    assert not judge(replace(span, expected={"answer": "減少", "value": [1954, 1700]}),
                     Answer("q", text, True, figs, [], "trend"))


def test_a_gap_to_the_target_names_the_larger_by_its_kind():
    """{"answer": "年度ごとの目標値", "value": 16}: the target was the larger, by 16, though the sheet's label for it
    (年度目標値) is not the question writer's."""
    from dataclasses import replace

    from evalqa.answer import Answer
    from evalqa.evaluation import Case, judge
    from evalqa.figure import Figure

    actual = Figure(sheet="s", section=[], subject="不法投棄件数", series=None, measure="実績値", fiscal_year=2022,
                    year_label=None, value=94, unit="件", raw="94")
    target = replace(actual, measure="年度目標値", value=110, raw="110")
    text = "令和4年度の「不法投棄件数」は、実績値94件が年度目標値110件を下回りました（差16件）。"
    missed = Case(question="q", kind="comparison", expected={"answer": "年度ごとの目標値", "value": 16})
    assert judge(missed, Answer("q", text, True, [actual, target], [], "comparison"))
    over = Case(question="q", kind="comparison", expected={"answer": "実績値", "value": 16})
    assert not judge(over, Answer("q", text.replace("実績値", "値"), True, [actual, target], [], "comparison"))
    assert not judge(missed, Answer("q", text, True, [replace(actual, value=126), target], [], "comparison"))
    # (the larger named in English, or the result named as a word: 「下回った」 said as 「下回りました」)
    assert judge(replace(missed, expected={"answer": "target", "value": 16}),
                 Answer("q", text, True, [actual, target], [], "comparison"))
    below = replace(missed, expected={"answer": "下回った", "values": [94, 110], "value": 16})
    assert judge(below, Answer("q", text, True, [actual, target], [], "comparison"))
    assert not judge(below, Answer("q", text.replace("下回りました", "上回りました"), True, [actual, target], [],
                                   "comparison"))


def test_a_conversation_turn_written_as_an_object(tmp_path):
    import json

    import pytest

    from evalqa.evaluation import load_cases

    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps({"question": "q", "kind": "numeric", "expected": 1,
                                "conversation": {"id": "c01", "turn": 1}}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert load_cases(path)[0].conversation == "c01"
    path.write_text(json.dumps({"question": "q", "kind": "numeric", "expected": 1, "conversation": 3}) + "\n",
                    encoding="utf-8")
    with pytest.raises(ValueError, match=r"set\.jsonl:1: .*conversation must be an id"):
        load_cases(path)


def test_a_year_ranked_is_right_under_another_label_of_that_year_and_a_part_is_its_files():
    """「R4年度」 expected, 「令和4年度」 answered: the same year. A figure of 「id#2」 (the file's second 施策) is of
    the file the question names."""
    from evalqa.answer import Answer
    from evalqa.evaluation import Case, judge
    from evalqa.figure import Figure

    rate = Figure(sheet="kodoku-r6", section=[], subject="施策の予算額・執行額等", series=None, measure="執行率",
                  fiscal_year=2022, year_label="令和4年度", value=81.2, unit="%", raw="81.2")
    lowest = Case(question="q", kind="ranking", expected={"answer": "R4年度", "value": 81.2})
    assert judge(lowest, Answer("q", "執行率が最も低い年度は「令和4年度」で、81.2%です。", True, [rate], [], "ranking"))
    assert not judge(lowest, Answer("q", "執行率が最も低い年度は「令和3年度」で、81.2%です。", True, [rate], [],
                                    "ranking"))
    women = Case(question="q", kind="stated", expected=14, sheet="csti-r6-21", fiscal_year=2023)
    pm = Figure(sheet="csti-r6-21#2", section=[], subject="女性", series=None, measure="本文記載", fiscal_year=2023,
                year_label=None, value=14, unit="人", raw="14人")
    assert judge(women, Answer("q", "14人です。", True, [pm], [], "stated"))
    assert not judge(women, Answer("q", "14人です。", True, [Figure(**{**pm.__dict__, "sheet": "csti-r6-22#2"})],
                                   [], "stated"))


def test_a_count_written_with_its_thousands_separator():
    from evalqa.answer import Answer
    from evalqa.evaluation import Case, judge

    case = Case(question="q", kind="count", expected=12480)
    assert judge(case, Answer("q", "令和5年度の募集説明会は12,480回です。", True, [], [], "stated"))
    assert judge(case, Answer("q", "令和5年度の募集説明会は12480回です。", True, [], [], "stated"))
    assert not judge(case, Answer("q", "令和5年度の募集説明会は112,480回です。", True, [], [], "stated"))
    assert not judge(Case(question="q", kind="count", expected=5), Answer("q", "令和5年度は3件", True, [], [], "count"))
