"""Facts from prose: counts and amounts stated in sentences, read into Figures (measure 本文記載)."""
import re
import unicodedata

import pytest

from conftest import MEXT, MHLW, SEED
from evalqa import load_sheet
from evalqa.facts import MEASURE, extract_facts
from evalqa.readers import read_document

SHEETS = (SEED, MEXT, MHLW)


@pytest.fixture(scope="module")
def facts():
    return {p.name: extract_facts(load_sheet(p)) for p in SHEETS}


def one(facts, **want):
    hits = [f for f in facts if all(getattr(f, k) == v for k, v in want.items())]
    assert len(hits) == 1, (want, [(f.value, f.unit, f.subject, f.series, f.note) for f in facts])
    return hits[0]


def forms(value) -> set[str]:
    """How a value can be written: 1000 → {'1000', '1,000'}, 3.5 → {'3.5'}, 2 → {'2', '二'}."""
    out = {f"{value:,}", str(value)} if isinstance(value, int) else {f"{value:,.10g}", f"{value:.10g}"}
    if isinstance(value, int) and 2 <= value <= 99:
        k = "一二三四五六七八九"
        tens, ones = divmod(value, 10)
        out.add((k[tens - 1] if tens > 1 else "") + ("十" if tens else "") + (k[ones - 1] if ones else ""))
    return out


def flat(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_seed_meetings_stated_apart(facts):
    seed = [f for f in facts[SEED.name] if f.line == 86]
    leaders = one(seed, value=4, subject="会談")
    ministers = one(seed, value=6, subject="会談")
    assert (leaders.series, leaders.unit, leaders.note) == ("日米・首脳間", "回", "(全て電話会談)")
    assert (ministers.series, ministers.unit, ministers.note) == ("日米・外相間", "回", "(うち電話会談が4回)")
    phone = one(seed, subject="電話会談")
    assert (phone.value, phone.series, phone.note) == (4, "日米・外相間", "うち")
    for f in (leaders, ministers, phone):
        assert f.measure == MEASURE == "本文記載"
        assert (f.sheet, f.fiscal_year, f.year_label) == ("mofa-r3-I-2-hokubei", 2020, "令和2年度")
        assert f.section[-1] == "施策の進捗状況・実績" and f.section[0].startswith("個別分野1")
        assert f.raw.startswith("日米は首脳間で4回") and f.raw.endswith("継続して行った。")


def test_seed_survey_samples(facts):
    for line in (198, 431):
        here = [f for f in facts[SEED.name] if f.line == line]
        general = one(here, value=1000)
        experts = one(here, value=200)
        assert (general.unit, general.subject, general.series, general.note) == ("人", "サンプル", "一般", "約")
        assert (experts.unit, experts.subject, experts.series, experts.note) == ("人", "サンプル", "有識者", None)
        assert general.fiscal_year is None  # no year in the sentence or its section: none, not the sheet's


def test_seed_other_counts(facts):
    seed = facts[SEED.name]
    jusep = one(seed, line=268)
    assert (jusep.value, jusep.unit, jusep.note) == (2, "回", "計")
    assert (jusep.year_label, jusep.fiscal_year) == ("令和2年", 2020)  # a calendar year keeps its 「年」
    assert "JUSEP" in jusep.subject
    assert one(seed, line=91).series == "首脳間" and one(seed, line=91).subject == "電話会談"
    assert one(seed, line=147).subject == "参加者" and one(seed, line=147).value == 166


def test_other_sheets(facts):
    mext = one(facts[MEXT.name], value=4400)
    assert (mext.unit, mext.subject, mext.series, mext.fiscal_year, mext.year_label) == (
        "人", "参加者", "青少年交流事業", 2019, "令和元年度")
    mhlw = one(facts[MHLW.name], value=32.8)
    assert (mhlw.unit, mhlw.subject, mhlw.fiscal_year, mhlw.year_label) == ("%", "就職率", 2017, "平成29年度")


def test_person_days_and_a_results_section_of_the_document_year(tmp_path):
    # 「延べ約3,400人日」 counts person-days, not people; an undated sentence under 施策の実施状況 is of the year the
    # document reports (the last of its 評価対象期間)
    p = tmp_path / "nra-r5-9-kensa.txt"
    p.write_text("令和5年度　実績評価書\n評価対象期間：令和2年度～令和4年度\n\n施策の実施状況\n"
                 "検査官による日常検査は延べ約3,400人日であった。集落の法人化は214か所で実現した。\n",
                 encoding="utf-8")
    got = {f.value: (f.unit, f.fiscal_year) for f in extract_facts(load_sheet(p))}
    assert got[3400] == ("人日", 2022) and got[214] == ("か所", 2022), got


def test_no_year_date_or_indicator_number(facts):
    bad_units = {"年", "年度", "月", "日", "条", "頁"}
    for name, fs in facts.items():
        assert fs, name
        for f in fs:
            assert f.unit not in bad_units and f.unit
            assert f.subject and not re.search(r"年度$|^測定指標|^第", f.subject), f
            assert not (isinstance(f.value, int) and 1900 <= f.value <= 2100 and f.unit != "人"), f
            assert f.raw and f.measure == MEASURE and f.sheet == name.removesuffix(".txt")


def test_number_in_raw_and_on_its_line(facts):
    for p in SHEETS:
        lines = {ln.number: ln.text for ln in read_document(p).lines}
        for f in facts[p.name]:
            assert any(v in flat(f.raw) for v in forms(f.value)), f
            assert any(v + flat(f.unit)[:1] in flat(lines[f.line]) for v in forms(f.value)), (f, lines[f.line])


# --- hand-written sentences -----------------------------------------------------------------------------

HEAD = "施策 I - 1 テスト施策\n\n令和3年度事前分析表\n\n測定指標 1-1 テスト指標\n\n令和2年度目標\n\n"


def sheet_facts(tmp_path, body: str, head: str = HEAD):
    p = tmp_path / "test-sheet.txt"
    p.write_text(head + body + "\n", encoding="utf-8")
    return extract_facts(load_sheet(p))


def test_amounts_and_counters(tmp_path):
    fs = sheet_facts(tmp_path, "本事業の予算は総額3.5億円である。\n"
                               "事務経費として150百万円を計上した。\n"
                               "支援対象は44カ国に上り、相談件数は1,234件であった。\n"
                               "満足と回答した割合は70%以上となった。\n")
    budget = one(fs, unit="億円")
    assert (budget.value, budget.subject, budget.note, budget.line) == (3.5, "予算", "総額", 9)
    assert (one(fs, unit="百万円").value, one(fs, unit="百万円").subject) == (150, "計上額")
    countries = one(fs, unit="か国")
    assert (countries.value, countries.subject) == (44, "支援対象")
    assert countries.raw == "支援対象は44カ国に上り、相談件数は1,234件であった。"
    assert (one(fs, unit="件").value, one(fs, unit="件").subject) == (1234, "相談件数")
    rate = one(fs, unit="%")
    assert (rate.value, rate.subject, rate.note, rate.line) == (70, "割合", "以上", 12)
    # The section's year: these sentences stand under 令和2年度目標.
    assert {(f.fiscal_year, f.year_label) for f in fs} == {(2020, "令和2年度")}


def test_totals_approximations_and_years(tmp_path):
    fs = sheet_facts(tmp_path, "施策の進捗状況・実績\n\n"
                               "令和元年度は、全国でセミナーを計12回開催し、延べ約3,500人が参加した。\n"
                               "2018年には、首脳会談を二回行った。\n")
    seminars = one(fs, unit="回", value=12)
    assert (seminars.subject, seminars.series, seminars.note) == ("セミナー", "全国", "計")
    assert (seminars.fiscal_year, seminars.year_label) == (2019, "令和元年度")
    people = one(fs, unit="人")
    assert (people.value, people.subject, people.note, people.fiscal_year) == (3500, "参加者", "延べ、約", 2019)
    kanji = one(fs, value=2)
    assert (kanji.subject, kanji.unit, kanji.fiscal_year, kanji.year_label) == ("首脳会談", "回", 2018, "2018年")


def test_not_facts(tmp_path):
    fs = sheet_facts(tmp_path, "第5条に基づき、開催した。\n"
                               "詳細は測定指標1-4のとおりであり、2020年に「G7」サミットの3回目の会合が行われた。\n"
                               "一人ひとりの参加を促す。\n"
                               "これにより、3回にわたり実施した。\n"
                               "- 2 回答率の向上を図る。\n"
                               "事業番号0017を参照(p.5)。\n")
    assert fs == []


def test_table_cells_are_not_facts_but_prose_cells_are(tmp_path):
    head = "施策 I - 1 テスト施策\n\n令和3年度事前分析表\n\n測定指標 1-1 会談数\n\n"
    fs = sheet_facts(tmp_path, "\t令和元年度\t令和2年度\n\t5回\t3回\n"
                               "(注)会談は計8回のうち、対面で2回行った。\t12\t9\n", head)
    assert sorted((f.value, f.subject, f.line) for f in fs) == [(2, "会談", 9), (8, "会談", 9)]


def test_scopes_rates_spans_and_coordination(tmp_path):
    fs = sheet_facts(tmp_path, "施策の進捗状況・実績\n\n"
                               "研修を全国47ヶ所で実施し、受講者は延べ1万2,000人に達した。\n"
                               "アジア10か国・地域の若手研究者を対象に、1人当たり3万円を支給した。\n"
                               "同事業には、令和2年度に約1,500人、令和3年度に約1,800人が参加した。\n"
                               "相談件数は3,210件(前年度2,980件)であった。\n"
                               "オンライン利用率を令和4年度までに70%に引き上げる。\n")
    places = one(fs, unit="か所")
    # (the scope, and what was done there: 研修 … 実施)
    assert (places.value, places.subject, places.series) == (47, "箇所", "全国・研修・実施")
    assert (one(fs, value=12000).subject, one(fs, value=12000).note) == ("受講者", "延べ")
    countries = one(fs, unit="か国・地域")
    assert (countries.value, countries.subject, countries.series) == (10, "国・地域", "アジア・若手研究者")
    grant = one(fs, value=30000)  # 「3万円」 is 30,000円, as 「1万2千人」 is 12,000人
    assert (grant.unit, grant.subject, grant.note) == ("円", "支給額", "1人当たり")
    y2020, y2021 = one(fs, value=1500), one(fs, value=1800)
    assert (y2020.subject, y2020.note, y2020.year_label) == ("参加者", "約", "令和2年度")
    assert (y2021.subject, y2021.note, y2021.year_label) == ("参加者", "約", "令和3年度")
    # 「前年度2,980件」 would need a year computed from a relative word: left out, stated in the note of 3,210件.
    cases = one(fs, unit="件")
    assert (cases.value, cases.subject, cases.note) == (3210, "相談件数", "(前年度2,980件)")
    deadline = one(fs, unit="%")
    assert (deadline.value, deadline.subject, deadline.note) == (70, "オンライン利用率", "令和4年度までに")


def test_rounds_dates_and_bracketed_amounts(tmp_path):
    fs = sheet_facts(tmp_path, "施策の進捗状況・実績\n\n"
                               "令和元年10月に開催された第7回日米サイバー対話では、協力を確認した。\n"
                               "第5条に基づき、第3回会合を令和3年3月16日に開催した。\n"
                               "平成29年12月に北部訓練場の過半（約4,000ヘクタール）の引渡しが行われた。\n")
    # Which round is a number of its own (unit 回目), of the noun it names; a date's year is its fiscal year.
    cyber = one(fs, unit="回目", value=7)
    assert (cyber.subject, cyber.note, cyber.fiscal_year) == ("日米サイバー対話", "第7回", 2019)
    meeting = one(fs, unit="回目", value=3)
    assert (meeting.subject, meeting.fiscal_year) == ("会合", 2020)  # 令和3年3月 is in 令和2年度
    area = one(fs, unit="ヘクタール")
    assert (area.value, area.subject, area.note, area.fiscal_year) == (4000, "北部訓練場の過半", "約", 2017)


def test_thousands_written_with_sen_and_places_counted_as_regions(tmp_path):
    fs = sheet_facts(tmp_path, "相談窓口の利用者は約1万8千人増加した。\n"
                               "訪問指導は8千件に上った。\n"
                               "モデル地域は累計74地域となった。\n"
                               "研修費は5千円であった。\n")
    assert one(fs, unit="人").value == 18000 and "約" in (one(fs, unit="人").note or "")
    assert one(fs, unit="件").value == 8000
    regions = one(fs, unit="地域")
    assert (regions.value, regions.subject) == (74, "モデル地域") and "累計" in (regions.note or "")
    assert not [f for f in fs if f.value == 5000]  # 「5千円」: 千円 is a unit of its own, not read as 5,000


def test_amount_with_oku_and_man_is_read_in_yen(tmp_path):
    fs = sheet_facts(tmp_path, "本事業には総額1億2,300万円を計上した。\n")
    assert [(f.value, f.unit) for f in fs] == [(123000000, "円")]


def test_places_counted_by_the_noun_before_the_number(tmp_path):
    fs = sheet_facts(tmp_path, "待機児童がいる市区町村は231で、前年から21減少した。\n参加団体数は45に上った。\n")
    assert [(f.value, f.unit) for f in fs] == [(231, "市区町村"), (45, "団体")]
    assert "待機児童" in fs[0].raw


def test_what_a_number_counts_when_the_noun_hides(tmp_path):
    fs = sheet_facts(tmp_path, "施策の進捗状況・実績\n\n"
                               "また、財産の差押えを延べ9万1,204件実施した。\n"  # okurigana え in the noun
                               "本国に移送された者は2,310人（41か国）であった。\n"  # who, by what was done to them
                               "このうちまぐろが約420億円と最も多く、17か国・地域に輸出された。\n"  # a name in kana
                               "東南アジアを中心に12か国の当局から計88名を受け入れた。\n"  # a scope, not what counts
                               "通報のなかった事例（空振り）は6回あった。\n")  # a bracketed name of the noun
    seized = one(fs, value=91204)
    assert (seized.subject, seized.series) == ("差押え", "財産")
    assert one(fs, value=2310).subject == "移送者"
    assert one(fs, unit="か国", value=41).series == one(fs, value=2310).subject  # countries of those people
    tuna = one(fs, value=420)
    assert (tuna.subject, tuna.unit) == ("まぐろ", "億円")
    assert one(fs, value=17).series.startswith("まぐろ") and "輸出" in one(fs, value=17).series
    assert one(fs, value=12).subject == "当局" and "中心" in (one(fs, value=12).note or "")
    assert one(fs, value=6).series == "空振り"


def test_changes_on_the_year_before_and_parts_by_category(tmp_path):
    fs = sheet_facts(tmp_path, "施策の進捗状況・実績\n\n"
                               "令和4年度の苦情件数は4,512件（前年度比2.4%減）であった。\n"
                               "令和4年12月末の登録者数は312万人で、前年末比8.1%増となった。\n"
                               "令和4年度の被害額は88億円であった。地域別では北部が31億円、南部が12億円となっている。\n")
    assert (one(fs, value=2.4).subject, one(fs, value=2.4).fiscal_year) == ("苦情件数の前年度比", 2022)
    assert one(fs, value=8.1).subject == "登録者数の前年末比"
    north = one(fs, value=31)
    assert (north.subject, north.fiscal_year) == ("北部", 2022) and north.series.startswith("被害額")


def test_a_results_section_reports_the_last_year_the_document_evaluates(tmp_path):
    head = "施策 I - 1 テスト施策\n\n令和3年度事前分析表\n\n"
    body = "施策の進捗状況・実績\n\n相談件数は1,234件であった。\n"
    # No period stated: a 令和3年度 document's results are of 令和2年度, the year closed when it was written.
    assert one(sheet_facts(tmp_path, body, head=head), value=1234).fiscal_year == 2020
    # A stated 評価対象期間 says which: a 事務年度 evaluation reports its own year, brackets aside.
    period = head + "評価対象期間\t令和元事務年度～令和3事務年度（令和元年7月～令和4年6月）\n\n"
    assert one(sheet_facts(tmp_path, body, head=period), value=1234).fiscal_year == 2021


def test_days_counted_people_in_man_mei_and_oku_with_sen_man(tmp_path):
    fs = sheet_facts(tmp_path, "施策の進捗状況・実績\n\n"
                               "派遣先は延べ35市町村で、派遣日数は延べ212日であった。\n"  # days counted, as it says
                               "令和4年4月1日に要領を改正した。\n"  # a date, not a count of days
                               "事業者約4万名を対象に調査を行い、総額約12億3千万円を交付した。\n"
                               "相談窓口は令和4年度に新たに58か所で開設し、累計640か所となった。\n")
    days = one(fs, unit="日")
    assert (days.value, days.subject) == (212, "派遣日数")
    assert one(fs, unit="名").value == 40000
    assert one(fs, unit="円").value == 1_230_000_000
    assert "新たに" in (one(fs, value=58).note or "") and "累計" in (one(fs, value=640).note or "")


def test_bodies_counted_with_no_and_people_by_what_they_do(tmp_path):
    fs = sheet_facts(tmp_path, "施策の進捗状況・実績\n\n"
                               "モデル事業を全国で計38の市町村において実施した。\n"
                               "出頭を拒否する者は令和5年3月末時点で812人に上る。\n")
    towns = one(fs, value=38)
    assert (towns.unit, towns.subject) == ("市町村", "モデル事業")
    refusing = one(fs, value=812)
    assert (refusing.subject, refusing.unit) == ("拒否者", "人") and refusing.fiscal_year == 2022


def test_counts_with_sen_inside_and_counters_that_are_nouns(tmp_path):
    """「約11万1千km」「約13万6千戸」 are 111,000km and 136,000戸 (千 inside, any unit but 円); 「1,306事業者」 counts
    事業者, not 事業 followed by 者; 「このうち85隻は外国船籍であった」 counts 外国船籍."""
    fs = sheet_facts(tmp_path, "全国の基幹管路の総延長は約11万1千kmであった。\n"
                               "地震では最大約13万6千戸で断水が発生した。\n"
                               "上水道事業者数は1,306事業者である。\n"
                               "寄港したクルーズ船は延べ120隻で、このうち85隻は外国船籍であった。\n"
                               "予算は5千円の増額となった。\n")
    assert (one(fs, unit="km").value, one(fs, unit="km").subject) == (111000, "総延長")
    from evalqa.counts import counted_numbers
    assert [(v, u) for _, _, v, u in counted_numbers("最大約13万6千戸で断水が発生した")] == [(136000, "戸")]
    assert one(fs, unit="事業者").value == 1306
    assert {(f.subject, f.value) for f in fs if f.unit == "隻"} == {("クルーズ船", 120), ("外国船籍", 85)}
    assert not [f for f in fs if f.value == 5000]


def test_parts_of_a_count_said_before_them(tmp_path):
    """「終結した71件のうち29件は和解により終結した」: 71 counts 終結 (the verb before the number), 29 is a part of it
    named by how it ended; 「…51件のうち、和解による終結は20件」 is a part qualified by 和解; 「参加した120人のうち、
    98人が修了した」 counts 修了者 of the 参加者; 「事件15件のうち10件が解決し」 counts 解決."""
    fs = sheet_facts(tmp_path, "令和5年度に終結した71件のうち29件は和解により終結した。\n"
                               "令和4年度に終結した51件のうち、和解による終結は20件であった。\n"
                               "令和5年度は研修に参加した120人のうち、98人が修了した。\n"
                               "令和5年度に終結した事件15件のうち10件が解決した。\n")
    assert (one(fs, value=71).subject, one(fs, value=71).note) == ("終結", None)
    settled = one(fs, value=29)
    assert (settled.subject, settled.series, settled.note, settled.fiscal_year) == ("和解", "終結", "うち", 2023)
    assert (one(fs, value=20).subject, one(fs, value=20).series, one(fs, value=20).note) == ("終結", "和解", "うち")
    assert one(fs, value=120).subject == "参加者"
    assert (one(fs, value=98).subject, one(fs, value=98).note) == ("修了者", "うち")
    assert (one(fs, value=10).subject, one(fs, value=10).note) == ("解決", "うち")


def test_corrections_things_done_places_and_bare_counts(tmp_path):
    """「前回の評価書では28,774人としていたが、…29,106人に改めた」: the value before and after a correction (a value
    of 前回's document is read when it is what was corrected); 「勧告を行ったものは5件」 counts 勧告;
    「防災訓練での利用は計54回」 is qualified by where; 「元島民の数は5,397人」 counts 元島民の数, not 数; 「約42万筆」
    counts signatures."""
    fs = sheet_facts(tmp_path, "指標3の令和4年度の実績値は、前回の評価書では28,774人としていたが、集計漏れを反映し、"
                               "29,106人に改めた。\n"
                               "このうち指導を行ったものは190件、勧告を行ったものは5件であった。\n"
                               "令和5年度の防災訓練での利用は計54回であった。\n"
                               "元島民の数は令和6年3月末現在で5,397人となった。\n"
                               "返還要求署名は令和5年度に約42万筆が集まった。\n")
    before, after = one(fs, value=28774), one(fs, value=29106)
    assert "修正前" in (before.series or "") and "修正後" in (after.series or "")
    assert before.fiscal_year == after.fiscal_year == 2022
    assert one(fs, value=5).subject == "勧告"
    assert (one(fs, value=54).subject, one(fs, value=54).series) == ("利用", "防災訓練")
    assert one(fs, value=5397).subject == "元島民の数"
    assert one(fs, unit="筆").value == 420000


def test_a_paragraphs_opening_year_holds_for_the_paragraphs_after_it(tmp_path):
    # 「令和4年度は、…」 then a paragraph on another topic without a year: the same year's results. A note or a table's
    # labelled text cell is a topic of its own, and a part (「このうち」) is of its whole's year.
    p = tmp_path / "meti-r5-9-chusho.txt"
    p.write_text("令和5年度　事前分析表\n\n達成手段\n"
                 "令和4年度は、支援センターへの相談者数が22,361者と過去最高となった。\n"
                 "取引適正化については、計6,842件の相談に対応した。\n"
                 "（注）研修は延べ335人が受講した。\n"
                 "取組を行う市区町村は令和6年3月末時点で計74市区町村となった。このうち大臣認定を受けたものは31件である。\n"
                 "課題\t出前講座を計46回実施し、関係者の理解を深めた。\n", encoding="utf-8")
    got = {f.value: f.fiscal_year for f in extract_facts(load_sheet(p))}
    assert got[22361] == 2022 and got[6842] == 2022, got
    assert got[335] is None and got[46] is None, got
    assert got[74] == 2023 and got[31] == 2023, got


def test_a_change_said_of_the_count_and_a_part_by_its_cause(tmp_path):
    # 「前年比約3割減の約473億円」 is this year's amount, changed on last year's (not last year's amount); 「自然災害に
    # 起因するものは1,862件」 is a part counted by its cause, of the count before it.
    fs = sheet_facts(tmp_path, "ホタテガイの輸出額が前年比約3割減の約473億円となった。\n"
                               "輸送障害5,294件のうち、大雨等の自然災害に起因するものは1,862件であった。\n")
    scallops = one(fs, value=473)
    assert (scallops.subject, scallops.series, scallops.unit) == ("輸出額", "ホタテガイ", "億円")
    cause = one(fs, value=1862)
    assert (cause.subject, cause.series, cause.unit) == ("自然災害", "輸送障害", "件")


def test_x_and_others_is_not_x_alone(tmp_path):
    """「京都御所等の参観者88.4万人のうち、京都御所の…参観者は約61万人」: 「京都御所の参観者数」 is the 61万人, not the
    whole of 京都御所等 (X等 is X and others)."""
    from evalqa.question import analyse_question
    from evalqa.stated import best_fact

    facts = sheet_facts(tmp_path, "令和4年度は、京都御所等の参観者88.4万人のうち、"
                                  "京都御所の通年公開による参観者は約61万人、桂離宮は約11万3千人であった。")
    _, fact = best_fact(analyse_question("京都御所の参観者数は令和4年度に何人だった？"), facts, lambda t: 1.0)
    assert fact is not None and fact.value == 610000, fact
    _, fact = best_fact(analyse_question("京都御所等の参観者数は令和4年度に何人だった？"), facts, lambda t: 1.0)
    assert fact is not None and fact.value == 884000, fact


def test_essays_counted_by_hen(tmp_path):
    facts = sheet_facts(tmp_path, "令和5年度は、作文コンテストに約6,700校から約71万編の応募があった。")
    assert {(f.value, f.unit) for f in facts} >= {(6700, "校"), (710000, "編")}


def test_the_results_year_is_the_end_of_the_period_not_a_field_after_it_on_the_line():
    from evalqa.fact_years import results_year

    line = "評価実施時期：令和6年8月　　評価対象期間：平成30年度～令和5年度　　次回評価実施予定時期：令和9年8月"
    assert results_year(line, 2024, "令和") == 2023
    assert results_year("評価対象期間：令和元事務年度～令和4事務年度\n", 2023, "令和") == 2022
    assert results_year("施策名：x\n", 2024, "令和") == 2023  # (no period stated: the year before the sheet's own)


def test_ones_a_clause_names_and_a_word_that_orders_them(tmp_path):
    """「学校が関係するものが58件」: 学校 counted; 「次いで」 orders the counts, it qualifies none."""
    fs = sheet_facts(tmp_path, "令和2年度に処理した事件を類型別にみると、学校が関係するものが58件と最も多く、"
                               "次いで職場が41件、地域社会が33件であった。")
    assert [(f.subject, f.series, f.value) for f in fs] == [("学校", None, 58), ("職場", None, 41),
                                                           ("地域社会", None, 33)]


def test_a_word_after_a_number_is_no_counter_of_it(tmp_path):
    """「指標1人権相談窓口」 is the list number of a name, not one person."""
    fs = sheet_facts(tmp_path, "指標1人権相談窓口の設置箇所数は、令和2年度に312か所となった。")
    assert [(f.value, f.unit) for f in fs] == [(312, "か所")]


def test_a_breakdown_opening_a_paragraph_is_of_the_count_before(tmp_path):
    """「船舶の種類別では、漁船が…118件」 opening a paragraph counts parts of the 裁決 the paragraph before counted."""
    fs = sheet_facts(tmp_path, "令和2年度の裁決は295件であった。免許の取消しはなかった。\n"
                               "船舶の種類別では、漁船が関係するものが118件と最も多かった。\n")
    fishing = next(f for f in fs if f.subject == "漁船")
    assert "裁決" in (fishing.series or "") and "うち" in (fishing.note or "") and fishing.value == 118


def test_counts_in_a_counter_of_katakana_or_of_routes(tmp_path):
    """「計14バース」「計6航路」「計42コース」: a word in katakana right after a number is its counter; not a number of
    a name (「ゾーン30プラス」) nor a label before a word (「指標3　フロン類」)."""
    from evalqa.counts import counted_numbers

    def read(s):
        return [(v, u) for _, _, v, u in counted_numbers(s)]

    assert read("2023年度に新たに計14バースで整備が完了した") == [(14, "バース")]
    assert read("国際フィーダー航路の新規開設を計6航路支援した") == [(6, "航路")]
    assert read("ゾーン30プラスは51地区で整備が完了した") == [(51, "地区")]
    assert read("指標3　フロン類は二酸化炭素の数百倍の温室効果を持つ") == []
    fs = sheet_facts(tmp_path, "令和5年度は、防災拠点岸壁を新たに計9バースで整備した。\n")
    assert (one(fs, unit="バース").value, one(fs, unit="バース").fiscal_year) == (9, 2023)


def test_a_date_opening_a_span_is_not_the_year_of_the_count(tmp_path):
    """「令和5年4月から…適用されることに向け、…説明会を計62回開催した」 in a 令和5年度 評価書 counts 令和4年度's
    meetings: the date says when the law applies. A span closed by its end date is the count's own year."""
    head = "令和5年度　実績評価書\n評価対象期間：令和2年度～令和4年度\n\n"
    fs = sheet_facts(tmp_path, "施策の実施状況\n\n"
                               "令和5年4月から地方公共団体にも法が適用されることに向け、説明会を計62回開催した。\n"
                               "令和4年4月から令和5年3月までに相談を1,480件受け付けた。\n"
                               "令和4年10月に窓口を開設し、相談員を12人配置した。\n"
                               "令和4年2月から職員の賃金を月額9,000円引き上げた。\n", head=head)
    assert one(fs, value=62).fiscal_year == 2022
    assert one(fs, value=1480).fiscal_year == 2022
    assert one(fs, value=12).fiscal_year == 2022
    assert one(fs, value=9000).fiscal_year == 2021  # (the date of the number's own change)
    later = sheet_facts(tmp_path, "施策の実施状況\n\n令和3年4月から令和4年3月までに相談を2,210件受け付けた。\n",
                        head=head)
    assert one(later, value=2210).fiscal_year == 2021


def test_a_topic_of_については_and_those_a_verb_was_done_for(tmp_path):
    """「研修については、…延べ182回実施し」: the topic is what is counted; 「148件について…を承認した」 counts the
    ones approved, not the clause's other number."""
    fs = sheet_facts(tmp_path, "施策の進捗状況・実績\n\n"
                               "相談員の研修については、令和5年度は延べ182回実施し、約1万2千人が受講した。\n"
                               "登録制度については、令和5年度末までに905件の申請を受け付け、148件について登録を承認した。\n")
    assert (one(fs, value=182).subject, one(fs, value=182).unit) == ("相談員の研修", "回")
    assert one(fs, value=148).subject == "承認"
