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
