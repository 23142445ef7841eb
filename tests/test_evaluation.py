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
