"""Which categories of a breakdown a question names (subject.all_series_in): whole, or by the stem left when the
word they all end in is taken off (「北陸と東北」 of 北陸財務局 and 東北財務局) — a stem named whole, never inside a
longer one (「第1」 is not in 「第11管区」)."""
from evalqa.figure import Figure
from evalqa.question import analyse_question
from evalqa.subject import Subject, all_series_in


def breakdown(categories: list[str]) -> Subject:
    figures = [Figure("s", ["表"], "区域別の件数", c, "実績値", 2023, "令和5年度", 10 + k, "件", str(10 + k))
               for k, c in enumerate([*categories, "合計"])]
    return Subject("s", "区域別の件数", ["表"], "表", figures, set())


def test_categories_named_by_their_stems():
    s = breakdown(["北海道財務局", "東北財務局", "北陸財務局", "近畿財務局"])
    assert all_series_in(analyse_question("令和5年度、北陸と東北ではどっちが多い？"), s) == ["東北財務局", "北陸財務局"]


def test_a_stem_is_not_read_inside_a_longer_one():
    s = breakdown(["第1管区", "第2管区", "第10管区", "第11管区"])
    assert all_series_in(analyse_question("第11管区の件数は？"), s) == ["第11管区"]
    assert all_series_in(analyse_question("第1と第2の件数を合わせると？"), s) == ["第1管区", "第2管区"]
