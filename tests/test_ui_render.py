"""What the UI renders of an answer (sources as tables, the cited cell marked, the 数値一覧 columns) and the
serving options' parsing: pure functions, no server."""
import pandas as pd
import pytest

from evalqa.answer import Answer
from evalqa.figure import Figure
from evalqa.serve import AuthError, is_loopback, parse_credentials
from evalqa.ui_render import figures_view, passage_html, sources_html

TABLE = "中期目標値 | 令和2年度 | 令和3年度\n--年度 | 年度目標値 | 実績値 | 年度目標値\n— | 7 | 3 | 5"
SECTION = ["個別分野1 北米諸国との政治分野での協力推進", "測定指標1-4 日加二国間会談数"]


def figure(raw: str, value, measure: str, year: int | None = 2020) -> Figure:
    return Figure("mofa-r3-I-2-hokubei", SECTION, "日加二国間会談数", None, measure, year,
                  f"令和{year - 2018}年度" if year else None, value, None, raw, line=183)


def test_a_table_chunk_renders_as_a_table_with_the_cited_cell_marked():
    html = passage_html(TABLE, "日加会談数は？", {"3": "evalqa-cited evalqa-asked", "7": "evalqa-cited"})
    assert html.startswith("<table class='evalqa-table'>") and html.count("<tr>") == 3
    assert "<td class='evalqa-cited evalqa-asked'>3</td>" in html and "<td class='evalqa-cited'>7</td>" in html
    assert "<td>5</td>" in html and "<td>—</td>" in html  # other cells are not marked
    assert "<th>中期目標値</th>" in html and " | " not in html
    # The shorter header row spans what is left, so the year headers line up with their values.
    assert "<th colspan='2'>令和3年度</th>" in html


def test_prose_stays_prose_and_a_lone_row_is_a_line():
    html = passage_html("米国議会との関係を強化した。\n外相間で6回 | 電話会談を含む", "米国議会", set())
    assert "<table" not in html and "<mark>米国</mark>" in html and "<br>" in html
    mixed = passage_html("表の説明です。\n" + TABLE + "\n注: 電話会談を含む。", "会談", {"7": "evalqa-cited"})
    assert mixed.count("<table") == 1 and "表の説明です。" in mixed.split("<table")[0]
    assert "注: 電話<mark>会談</mark>を含む。" in mixed.split("</table>")[1]


def test_sources_mark_the_cells_of_the_answer_figures_only_in_their_section():
    ans = Answer("q", "…", True, [figure("3", 3, "実績値"), figure("7", 7, "年度目標値")],
                 [{"sheet": "mofa-r3-I-2-hokubei", "section": SECTION, "text": TABLE, "score": 1.0, "page": 3},
                  {"sheet": "mofa-r3-I-2-hokubei", "section": ["他の節"], "text": TABLE, "score": 0.5, "page": None}])
    html = sources_html(ans, "令和2年度の日加会談数は？")
    first, second = html.split("<div class='evalqa-source'>")[1:]
    assert "<td class='evalqa-cited evalqa-asked'>3</td>" in first and "<td class='evalqa-cited'>7</td>" in first
    assert "（p.3）" in first
    assert "evalqa-cited" not in second
    assert "出典はありません" in sources_html(Answer("q", "…", False), "q")


def test_figures_view_leads_with_what_when_kind_value_unit():
    df = pd.DataFrame([{**figure("3", 3, "実績値").to_dict(), "section": " › ".join(SECTION)},
                       {**figure("—", None, "中期目標値", None).to_dict(), "section": "x"}])
    view = figures_view(df)
    assert list(view.columns)[:5] == ["指標・事業", "年度", "種類", "値", "単位"]
    assert list(view.columns)[-1] == "見出し"
    assert view.iloc[0]["年度"] == "令和2年度" and view.iloc[1]["年度"] == ""


def test_credentials_and_loopback():
    assert parse_credentials("a:b\n# team\n\nc:d:e", "f") == [("a", "b"), ("c", "d:e")]
    assert parse_credentials("a:b,c:d", "EVALQA_AUTH") == [("a", "b"), ("c", "d")]
    for bad in ("", "nopass", "user:", ":pw"):
        with pytest.raises(AuthError):
            parse_credentials(bad, "logins.txt")
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("example.org")


def test_sheet_and_question_text_is_escaped():
    text = "<script>alert(1)</script> | <b>x</b>\n<img src=x onerror=alert(1)> | 3"
    html = passage_html(text, "<script>", {"3": "c"})
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "&lt;/<mark>script</mark>&gt;" in html
    ans = Answer("q", "…", True, [], [{"sheet": "<i>s</i>", "section": ["<u>sec</u>"], "text": "ok", "score": 1.0}])
    out = sources_html(ans, "q")
    assert "<i>" not in out and "<u>" not in out and "&lt;i&gt;s&lt;/i&gt;" in out
