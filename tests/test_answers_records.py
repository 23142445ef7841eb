"""内閣府's 公文書管理 実績評価書 as a PDF (tests/sheets/kobunsho-r6-1-kanri.pdf): a 達成手段 table whose rows name
the project by its yearly budgets, and a sentence that states the project's whole cost (総事業費約480億円): the
whole cost asked is the sentence's, never a year's budget."""
import pytest

from conftest import SHEETS, assistant_over

pytestmark = [pytest.mark.slow]


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return assistant_over(tmp_path_factory, "records", (SHEETS / "kobunsho-r6-1-kanri.pdf",))


def test_the_whole_cost_of_a_project_is_the_sentences_not_a_years_budget(bot):
    for q in ("新館建設の総事業費はどれくらいの見込み？", "国立公文書館新館を建てるのに総事業費はいくらかかる？"):
        ans = bot.ask(q)
        assert ans.kind == "stated" and ans.figures[0].value == 480 and ans.figures[0].unit == "億円", ans.text


def test_a_value_cut_by_the_pdfs_column_edge_is_read(bot):
    ans = bot.ask("公文書館への歴史公文書の移管冊数、令和5年度は？")
    assert ans.figures[0].value == 15038 and "速報値" in ans.text, ans.text
