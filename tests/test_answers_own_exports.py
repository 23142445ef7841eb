"""A sheet of our own copied from a web page, its tables set apart with full-width bars (「年度｜目標｜実績」), with a
breakdown whose first column ranks its rows: its categories named by their head (日本酒 of 日本酒類), the n-th of
them asked in English, the ones that rose between two years, two means added though one is named loosely, and
a count of things built with a subsidy (「補助を使って」 asks no 執行額)."""
import pytest

from conftest import bot_over_texts

pytestmark = [pytest.mark.slow]

SHEET = (
    '農林水産省ホーム ＞ 政策評価 ＞ 令和6年度 施策評価書\n'
    '令和6年度 農林水産省 政策評価書（実績評価）\n'
    '施策名：地域産品の海外販路の拡大\n'
    '担当部局名｜輸出・国際局輸出企画課\n'
    '評価実施時期｜令和6年8月\n'
    '\n'
    '■ 施策の予算額・執行額等（単位：百万円）\n'
    '区分｜令和3年度｜令和4年度｜令和5年度\n'
    '当初予算（a）｜4,210｜4,380｜4,520\n'
    '補正予算（b）｜300｜0｜150\n'
    '繰越し等（c）｜0｜0｜0\n'
    '合計（a＋b＋c）｜4,510｜4,380｜4,670\n'
    '執行額｜4,102｜4,155｜4,401\n'
    '\n'
    '■ 測定指標\n'
    '【測定指標1】海外見本市への出展事業者数（者）【主要】\n'
    '年度｜目標｜実績｜達成状況\n'
    '令和元年度｜200｜214｜達成\n'
    '令和2年度｜220｜96｜未達成\n'
    '令和3年度｜240｜188｜未達成\n'
    '令和4年度｜260｜271｜達成\n'
    '令和5年度｜280｜296｜達成\n'
    '\n'
    '【測定指標2】輸出手続の平均処理日数（日）\n'
    '年度｜目標｜実績｜達成状況\n'
    '令和3年度｜6.0｜6.4｜未達成\n'
    '令和4年度｜5.5｜5.2｜達成\n'
    '令和5年度｜5.0｜4.7｜達成\n'
    '\n'
    '■ 参考指標\u3000品目別の輸出額（億円）\n'
    '順位｜品目｜令和4年｜令和5年\n'
    '1｜日本酒類｜412｜398\n'
    '2｜緑茶｜201｜233\n'
    '3｜菓子｜184｜196\n'
    '4｜味噌・醤油｜102｜99\n'
    '｜合計｜899｜926\n'
    '\n'
    '■ 施策の進捗状況（実績）\n'
    '補助を活用して整備した輸出向けの集出荷施設は令和5年度に12か所であった。\n'
    '事業者向けの輸出相談会を令和5年度に計42回開催し、延べ約3千人が参加した。\n'
    '\n'
    '■ 主な達成手段（令和5年度）（単位：百万円）\n'
    '達成手段名（開始年度）｜予算額｜執行額｜執行率（％）｜関連する指標\n'
    '①海外見本市出展支援事業（平成28年度）｜2,410｜2,298｜95.4｜1\n'
    '②輸出手続・証明書発給システムの整備（令和2年度）｜1,360｜1,251｜92.0｜2\n'
    '③地域産品のブランド発信事業（令和4年度）｜900｜852｜94.7｜1\n'
)

# (another sheet whose table counts 参加者: a follow-up of the sentence above is not its)
OTHER = ("令和6年度　厚生労働省政策評価書\n\n施策名\t職業訓練の推進\n担当部局\t人材開発統括官\n\n【測定指標】\n\n"
         "測定指標\t区分\t令和3年度\t令和4年度\t令和5年度\n1　訓練説明会の参加者数（人）\t目標値\t5,000\t5,000\t5,000\n"
         "\t実績値\t4,812\t5,230\t5,406\n")

bot = bot_over_texts("exports", {"maff-r6-9-hanro.txt": SHEET, "mhlw-r6-v-2-kunren.txt": OTHER})


def test_tables_set_apart_with_full_width_bars_are_read(bot):
    ans = bot.ask("海外見本市への出展事業者数は令和5年度に何者？")
    assert ans.figures and ans.figures[0].value == 296, ans.text
    ans = bot.ask("地域産品の海外販路の拡大、令和5年度の執行額は？")
    assert ans.figures and ans.figures[0].value == 4401, ans.text


def test_a_category_named_by_its_head_and_the_nth_of_a_ranked_table(bot):
    ans = bot.ask("日本酒と緑茶、令和5年の輸出額はどっちが多かった？差は？")
    assert ans.kind == "comparison" and {f.value for f in ans.figures} == {398, 233}, ans.text
    ans = bot.ask("Which export item was the second-largest in 2023?")
    assert ans.kind == "ranking" and ans.figures[0].series == "緑茶" and ans.figures[0].value == 233, ans.text


def test_the_ones_that_rose_between_two_years(bot):
    ans = bot.ask("令和4年から令和5年にかけて輸出額が増えた品目は？")
    assert ans.kind == "list" and "緑茶" in ans.text and "菓子" in ans.text and "日本酒類" not in ans.text, ans.text
    # (how many of them: a count of the rows that moved, not a value)
    ans = bot.ask("品目別の輸出額で、令和5年に前の年より増えちゃったのはいくつ？")
    assert ans.kind == "list" and "2件" in ans.text.splitlines()[0], ans.text


def test_two_means_added_one_named_loosely(bot):
    ans = bot.ask("令和5年度の海外見本市出展支援事業と証明書発給システムの整備、執行額を合わせるといくら？")
    assert ans.kind == "sum" and sorted(f.value for f in ans.figures) == [1251, 2298], ans.text


def test_a_follow_up_after_a_sentences_count_stays_in_its_sheet(bot):
    conv = bot.conversation()
    ans = conv.ask("輸出相談会は令和5年度に何回開いた？")
    assert (ans.kind, ans.figures[0].value) == ("stated", 42), ans.text
    ans = conv.ask("参加者はどれくらい？")
    assert (ans.kind, ans.figures[0].value) == ("stated", 3000), ans.text


def test_a_trend_asked_over_recent_years_and_a_subsidy_used(bot):
    ans = bot.ask("輸出手続の処理日数、ここ数年どう推移してる？")
    assert ans.kind == "trend" and [f.value for f in ans.figures if f.measure == "実績値"] == [6.4, 5.2, 4.7], ans.text
    ans = bot.ask("補助を使って整備した集出荷施設は令和5年度に何か所？")
    assert ans.figures and ans.figures[0].value == 12, ans.text
