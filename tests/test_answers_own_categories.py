"""A sheet of our own with breakdowns and notes on its values: how many categories a breakdown has (a
subtotal's own members when the question names it), two categories of one breakdown added
(「A、BとCを合わせると」), whether a value in focus is final (a final value asked of a preliminary one not
given; a note naming the indicator by the number its table row writes), the value as the previous
sheet wrote it, and a part of a whole (「AのうちB」) that only a sentence states, or nothing does."""
import pytest

from conftest import bot_over_texts

pytestmark = [pytest.mark.slow]

SHEET = ("令和6年度　実績評価書\n\n施策名\t水産資源の適切な管理\n\n測定指標\n"
         "測定指標\t区分\t令和3年度\t令和4年度\t令和5年度\n"
         "1　資源評価の対象魚種数（魚種）\t年度目標値\t150\t170\t190\n\t実績値\t152\t174\t192\n"
         "2　漁業取締船による立入検査件数（件）\t年度目標値\t1200\t1250\t1300\n\t実績値\t1188\t1297\t1342\n"
         "（注1）指標2の令和4年度の実績値は、前年度の評価書では速報値（1,290件）を記載していたが、確定値（1,297件）に改めた。\n"
         "（注2）令和5年度の値は速報値である。\n\n"
         "参考指標1　違反の種類別の検挙件数（令和5年度）\n違反の種類\t件数（件）\n無許可操業\t212\n漁具違反\t95\n"
         "漁獲量超過\t61\n操業区域違反\t48\n沿岸の違反 計\t416\n外国漁船の違反\t37\n合計\t453\n\n"
         "参考指標2　海域別の漁獲量（令和5年度）\n海域\t漁獲量（千トン）\n北海道太平洋\t820\n三陸\t455\n"
         "日本海\t390\n東シナ海\t310\n合計\t1975\n\n施策の分析\n取締りを強化した。令和5年度には立入検査を1,342件実施し、"
         "このうち外国漁船への立入検査は87件であった。\n")


bot = bot_over_texts("categories", {"jfa-r6-3-2-kanri.txt": SHEET})


def test_how_many_categories_a_breakdown_has(bot):
    ans = bot.ask("違反の種類別の検挙件数で、違反は何種類に分けられている？")
    assert ans.kind == "count" and "5つ" in ans.text.splitlines()[0], ans.text  # (the subtotal is no kind)
    assert "外国漁船の違反" in ans.text and "沿岸の違反 計" not in ans.text


def test_a_subtotal_named_counts_its_own_members(bot):
    ans = bot.ask("検挙件数の表で、沿岸の違反に含まれる種類はいくつ？")
    assert ans.kind == "count" and "4つ" in ans.text.splitlines()[0], ans.text
    assert "外国漁船の違反" not in ans.text


def test_two_categories_after_what_they_count_are_added(bot):
    ans = bot.ask("海域別の漁獲量、三陸と日本海を足すと何千トン？")
    assert ans.kind == "sum" and ans.figures and sum(f.value for f in ans.figures) == 845, ans.text
    assert "845千トン" in ans.text


def test_whether_the_value_in_focus_is_final(bot):
    conv = bot.conversation()
    assert conv.ask("立入検査は令和5年度に何件だった？").figures[0].value == 1342
    ans = conv.ask("それって確定値？")
    assert ans.found and "速報値です" in ans.text and "注2" in ans.text, ans.text
    ans = conv.ask("前の年度の数字は、速報値のままですか？")
    assert ans.found and "1,297件は確定値です" in ans.text, ans.text
    ans = conv.ask("Is that a final figure?")
    assert ans.found and "確定値" in ans.text, ans.text


def test_a_final_value_asked_of_a_preliminary_one_is_not_given(bot):
    ans = bot.ask("立入検査件数の令和5年度の確定値はいくつ？")
    assert not ans.found and not ans.figures and "確定値は、シートにありません" in ans.text, ans.text
    assert "1,342件は速報値" in ans.text, ans.text
    ans = bot.ask("立入検査件数の令和4年度の確定値はいくつ？")  # (a note says it was made final)
    assert ans.found and ans.figures[0].value == 1297, ans.text
    ans = bot.ask("令和5年度の立入検査件数の数字って確定値？")  # (asked yes or no: no, and what it is)
    assert ans.found and ans.kind == "prose" and "いいえ" in ans.text and "速報値" in ans.text, ans.text
    ans = bot.ask("What is the final FY2023 number of on-board inspections?")
    assert not ans.found and 1342 not in {f.value for f in ans.figures}, ans.text


def test_the_value_as_first_reported_is_the_notes_earlier_one(bot):
    conv = bot.conversation()
    assert conv.ask("立入検査件数、令和4年度は？").figures[0].value == 1297
    ans = conv.ask("その数字、最初はいくつと報告されていましたか？")
    assert ans.found and ans.figures and ans.figures[0].value == 1290, ans.text


def test_a_state_the_sheet_does_not_give_is_not_guessed(bot):
    conv = bot.conversation()
    assert conv.ask("資源評価の対象魚種数、令和3年度は？").figures[0].value == 152
    ans = conv.ask("それは確定値ですか？")
    assert not ans.found and "速報値か確定値かは、シートに書かれていません" in ans.text, ans.text


def test_the_value_the_previous_sheet_wrote(bot):
    ans = bot.ask("令和4年度の立入検査件数は、前年度の評価書ではいくつと書かれていた？")
    assert ans.found and ans.figures and ans.figures[0].value == 1290, ans.text
    ans = bot.ask("立入検査件数の令和4年度の値は、前年度の評価書の数字から変わった？")
    assert ans.found and "1,290件" in ans.text and "1,297件" in ans.text, ans.text


def test_a_part_of_the_whole_is_the_sentence_that_states_it(bot):
    ans = bot.ask("令和5年度の立入検査のうち、外国漁船に対して行ったものは何件？")
    assert ans.found and ans.kind == "stated" and ans.figures[0].value == 87, ans.text
    conv = bot.conversation()
    assert conv.ask("立入検査は令和5年度に何件？").figures[0].value == 1342
    ans = conv.ask("そのうち外国漁船は？")
    assert ans.found and ans.figures[0].value == 87, ans.text


def test_a_part_no_table_or_sentence_gives_is_refused_not_answered_with_the_whole(bot):
    ans = bot.ask("令和5年度の立入検査のうち、夜間に行ったものは何件？")
    assert not ans.found and "夜間" in ans.text, ans.text


def test_how_much_a_value_exceeded_its_target_asked_with_yori(bot):
    ans = bot.ask("令和5年度の立入検査件数は目標よりどれだけ多かった？")
    assert ans.found and "42件" in ans.text and {f.value for f in ans.figures} >= {1342, 1300}, ans.text


def test_a_range_of_categories_added_in_the_tables_order(bot):
    ans = bot.ask("令和5年度の海域別の漁獲量、北海道太平洋から日本海までを合わせると？")
    assert ans.kind == "sum" and [f.value for f in ans.figures] == [820, 455, 390], ans.text
    assert "1,665千トン" in ans.text
