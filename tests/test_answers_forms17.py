"""Why a 達成手段's 執行率 was low (the twenty-ninth session): the note names the means by its list number
(「（注2）③の執行率が低調となったのは…ためである」「(2)の執行率が…」), not by its name; the cause is quoted from the
means' own sheet. Sheets of our own, of two ministries, the number written in two ways."""
import pytest

from conftest import bot_over_texts

pytestmark = [pytest.mark.slow]

FISHERY = """令和6年度実績評価書
施策名：漁港の機能保全と水産物の安定供給
担当部局：水産庁漁港漁場整備部計画課

4．達成手段（単位：百万円）
達成手段（開始年度）	令和5年度予算額	令和5年度執行額	執行率（％）	関連指標
①水産基盤整備事業（平成14年度）	8,600	8,012	93.2	1
②漁港機能保全対策（令和2年度）	470	402	85.5	1
③漁業地域の防災拠点整備（令和4年度）	320	211	65.9	2
④水産物流通の高度化支援（令和3年度）	150	141	94.0	3
（注1）予算額は補正予算及び繰越し等を含む。
（注2）③の執行率が低調となったのは、防災拠点の設計において地元漁協との協議に時間を要し、工事の一部を令和6年度に繰り越したためである。
"""

LIBRARY = """令和6年度事前分析表
施策名：公文書の適正な管理と利用の促進
担当部局：大臣官房公文書監理課

5．達成手段（単位：千円）
達成手段（開始年度）	令和5年度予算額	令和5年度執行額	執行率（％）
(1)電子公文書の管理システム運用（令和元年度）	412,000	398,100	96.6
(2)公文書管理研修の実施（平成23年度）	58,000	39,440	68.0
(3)歴史公文書の移管促進（平成24年度）	120,500	115,200	95.6
※(2)の執行率が低調となったのは、集合研修の多くをオンライン研修に切り替えたため会場借料等が減少したためである。
（注）(3)は移管対象の選別に時間を要したため執行率がやや低調となった。
"""

def _edition(year: int, grades: str, cause: str) -> str:
    """A 評価書 of 「消費生活相談の充実」 of 令和{year}年度, grading the year before: 「A,B」 for 指標1 and 指標2,
    and the cause it gives for 指標1 of that year."""
    first, second = grades.split(",")
    return f"""令和{year}年度実績評価書
施策名：消費生活相談の充実
担当部局：地方協力課

2．測定指標
指標1　相談員の研修受講者数（人）
　令和{year - 3}年度　実績1,200　／　令和{year - 2}年度　実績1,260　／　令和{year - 1}年度　実績1,310
　令和{year - 1}年度評定：{first}
指標2　あっせん解決率（％）
　令和{year - 3}年度　実績88.0　／　令和{year - 2}年度　実績89.1　／　令和{year - 1}年度　実績90.2
　令和{year - 1}年度評定：{second}

3．目標未達成の要因
指標1は、{cause}ため、研修受講者数が目標を下回った。
"""


bot = bot_over_texts("forms17", {"jfa-r6-8-gyoko.txt": FISHERY, "cao-r6-3-kobunsho.txt": LIBRARY,
                                 "caa-r6-2-1-sodan.txt": _edition(6, "A,A", "集合研修の会場の確保が難航した"),
                                 "caa-r7-2-1-sodan.txt": _edition(7, "B,A", "講師の選定が遅れた")})


def test_why_a_means_execution_rate_was_low_quotes_the_note_naming_its_number(bot):
    ans = bot.ask("漁業地域の防災拠点整備の執行率が低かったのはなぜ？")
    assert ans.found and ans.kind == "prose"
    assert "地元漁協との協議に時間を要し" in ans.text and "jfa-r6-8-gyoko" in ans.text
    assert ans.frame.subject is not None and "漁業地域の防災拠点整備" in ans.frame.subject.name


def test_the_number_in_brackets_names_the_means_too(bot):
    ans = bot.ask("公文書管理研修の実施は、なぜ執行率が低調だったの？")
    assert ans.found and "オンライン研修に切り替えた" in ans.text
    # (another means' low rate is no cause of this one's)
    other = bot.ask("水産物流通の高度化支援の執行率が低かった理由は？")
    assert not other.found and "理由を述べた記述は、シートに見当たりません" in other.text


def test_a_note_naming_the_means_by_its_number_with_a_cause_of_ため(bot):
    """「（注）(3)は…に時間を要したため執行率がやや低調となった」: a note, no 「ためである」, but it names the means."""
    ans = bot.ask("歴史公文書の移管促進の執行率が低かったのはなぜ？")
    assert ans.found and "移管対象の選別に時間を要した" in ans.text


def test_grades_of_a_year_are_counted_in_the_edition_that_grades_it(bot):
    """Two editions of a 施策: 令和5年度's grades stand in the 令和6年度 評価書 only; the newest grades 令和6年度."""
    older = bot.ask("消費生活相談の充実で、令和5年度の評定がAの指標はいくつ？")
    assert older.found and "2件" in older.text
    newer = bot.ask("消費生活相談の充実で、令和6年度の評定がBの指標はいくつ？")
    assert newer.found and "1件" in newer.text and "相談員の研修受講者数" in newer.text


def test_why_an_indicator_missed_in_a_year_is_the_cause_of_the_edition_reporting_that_year(bot):
    """Both editions give a cause for 指標1: 令和5年度's stands in the 令和6年度 評価書, not in the newest."""
    older = bot.ask("令和5年度に相談員の研修受講者数が目標を下回ったのはなぜ？")
    assert older.found and "会場の確保が難航した" in older.text and "caa-r6-2-1-sodan" in older.text
    newer = bot.ask("令和6年度に相談員の研修受講者数が目標を下回ったのはなぜ？")
    assert newer.found and "講師の選定が遅れた" in newer.text
