"""Question analysis alone: no index, no model."""
import pytest

from evalqa.counts import asked_noun
from evalqa.question import analyse_question, content_terms


@pytest.mark.parametrize("question,years,family,trend", [
    ("令和2年度の日加会談数は？", [2020], None, False),
    ("令和2年度の日加会談数は何回？", [2020], "actual", False),
    ("R3の日加会談数の目標", [2021], "target", False),
    ("平成30〜令和2年度の予算の推移", [2018, 2019, 2020], "budget", True),
    ("2020年度の執行率は？", [2020], "execution_rate", False),
    ("予算額計（執行額ではなく）は？", [], "budget", False),
    ("事業について、予算額計（執行額ではなく）の推移は？", [], "budget", True),
    ("執行額ではなく当初予算は？", [], "initial_budget", False),
    ("令和4年度の概算要求額", [2022], "request", False),
    ("インターンシップ事業の中期目標", [], "midterm", False),
])
def test_years_family_trend(question, years, family, trend):
    a = analyse_question(question)
    assert (a.years, a.family, a.trend) == (years, family, trend)


def test_bare_year_far_ahead_is_read_in_the_previous_era():
    # In a corpus whose newest figures are of 2021, 「30年度」 is 平成30年度, not 令和30年度.
    assert analyse_question("30年度の実績は？", "令和", latest=2021).years == [2018]
    assert analyse_question("3年度の実績は？", "令和", latest=2021).years == [2021]


def test_subject_words_leave_out_asking_words_and_years():
    a = analyse_question("令和2年度の日加会談数の実績は何回ですか？")
    assert "日加" in a.content and "会談" in a.content
    assert not {"令和", "年度", "実績", "何", "回"} & set(a.content)


def test_proper_nouns_are_kept_apart():
    words, proper = content_terms("フランスとの首脳会談数")
    assert "フランス" in proper and "首脳" in words and "首脳" not in proper


def test_followup_fragments_and_connectives():
    assert analyse_question("目標は？").short
    assert analyse_question("では令和元年度の執行額は？").connective
    assert not analyse_question("グラスルーツ事業の令和2年度の予算額計は？").short


def test_prose_and_explicit_cues():
    a = analyse_question("在日米軍駐留経費負担の特別協定はどうなった？")
    assert a.prose and not a.explicit and a.family is None
    b = analyse_question("インターンシップ事業の予算額はどのように推移した？")
    assert b.prose and b.explicit


@pytest.mark.parametrize("question,field", [
    ("担当部局はどこ？", "bureau"),
    ("政策評価の実施予定時期はいつ？", "evaluation_time"),
    ("この施策の政策体系上の位置付けは？", "position"),
    ("令和2年度の日加会談数は？", None),
])
def test_metadata_fields(question, field):
    a = analyse_question(question)
    assert (a.metadata[0] if a.metadata else None) == field


def test_start_year_and_contribution_cues():
    assert analyse_question("グラスルーツ事業はいつから？").asks_start
    assert analyse_question("分担金・拠出金の予算は？").asks_contribution
    assert not analyse_question("分担金・拠出金を除く予算は？").asks_contribution


def test_a_thing_done_is_asked_of_a_passage_though_a_kind_of_value_is_named():
    from evalqa.question import analyse_question

    for q in ("次の概算要求で何を拡充するとしている？", "次の予算要求ではどんな広報を拡充するとしている？"):
        a = analyse_question(q)
        assert a.prose and not a.explicit, q
    a = analyse_question("次の概算要求でいくら要求している？")
    assert a.explicit and not a.prose


def test_grades_asked_and_negated():
    from evalqa.question import analyse_question

    assert (analyse_question("令和3年度の判定が「×」だった測定指標の数は？").operation,
            analyse_question("令和3年度の判定が「×」だった測定指標の数は？").grade) == ("graded", "×")
    assert analyse_question("A評価だった業績指標は？").grade == "A"
    # (a sheet that grades a/b/c is asked in its own letters)
    a = analyse_question("R6年度の判定が「b」だった指標をすべて挙げてください。")
    assert (a.operation, a.grade) == ("graded", "b")
    a = analyse_question("令和5年度の評定がsかaだったのはいくつ？")  # (either of two grades)
    assert (a.operation, a.grade) == ("graded", "s|a")
    for q in ("判定が×以外の測定指標は？", "判定が「×」ではなかった測定指標は？"):
        assert analyse_question(q).operation != "graded", q
    # 「災害対応事業」 is a name, not 「対応する事業」.
    assert analyse_question("災害対応事業の令和3年度の予算額は？").operation is None
    assert analyse_question("測定指標1に関連する主な事務事業は？").operation == "related"


@pytest.mark.parametrize("question,counter", [
    ("移送された人は何か国から来ていた？", "か国"),  # the counter asked with 何, not the one the words imply
    ("参加した人は何人？", "人"),
    ("研修を受けた人は何か国・地域から来た？", "か国"),
    ("受講者数は？", "人"),
    ("窓口の待ち時間は何分？", "分"),  # a time asked, not a count
    ("協力事業所の数は？", "事業所"),  # the body counted, not the 数 of a count of people
    ("実施した自治体の数を教えて", "自治体"),
])
def test_the_counter_asked_with_nani_comes_first(question, counter):
    assert analyse_question(question).counter == counter


@pytest.mark.parametrize("question,document_year,years", [
    ("水産庁の事前分析表（R5）によれば令和3年度の実績値は？", 2023, [2021]),
    ("延焼面積を令和2年から令和5年まで並べて（水産庁R6）", 2024, [2020, 2021, 2022, 2023]),
    ("令和4年度（2022年度）の実績は？", None, [2022]),
    ("交付枚数を令和元年度末から令和3年度末まで並べて", None, [2019, 2020, 2021]),  # a range of 年度末
    ("研修会の開催回数 FY2021 の実績は？", None, [2021]),  # FY written in a Japanese question
])
def test_a_year_in_brackets_after_a_document_or_agency_names_that_sheet(question, document_year, years):
    a = analyse_question(question)
    assert (a.document_year, a.years) == (document_year, years)


def test_a_target_cleared_or_satisfied_is_a_comparison_and_kana_nouns_keep_their_kanji():
    assert analyse_question("令和2年の交通事故死者数は目標をクリアできた？").operation == "compare"
    assert analyse_question("違反件数は目標を満たした？").operation == "compare"
    assert "鰯" in analyse_question("いわしの漁獲量は？").content  # 「いわし」 is a noun, written 鰯 too
    assert "作り" not in analyse_question("関係づくりの取組は？").content


@pytest.mark.parametrize("question, asks_money", [
    ("消費者相談の件数は？", False),  # 消費者 is people, not 費 asked
    ("金融教育の受講者数は？", False),
    ("相談事業の経費は？", True),
    ("補助金はいくら？", True),
    ("How much was spent on the project?", True),
])
def test_whether_a_question_asks_for_money(question, asks_money):
    from evalqa.stated import money_unasked
    # a subject whose values are all yen answers only a question that asks for money
    assert money_unasked(analyse_question(question), ["千円"]) is not asks_money


@pytest.mark.parametrize("question, counter", [
    ("支援日数は延べ何日？", "日"), ("証明書の交付通数（令和4年度）は？", "通"), ("巡視船の出動隻数は？", "隻"),
    ("指標数は？", None), ("交付金はいくつの自治体に交付された？", "自治体"),
])
def test_a_counter_before_su_names_what_is_counted(question, counter):
    assert analyse_question(question).counter == counter


@pytest.mark.parametrize("question, text, state", [
    ("見直し後の目標値は？", "目標値・見直し前の目標", "見直し後"),
    ("令和4年度に新たに整備された箇所は？", "整備箇所数（累計）", "新たに"),
    ("確定値は？", "件数（速報値）", "確定値"),
    ("見直し後の目標値は？", "見直し前と見直し後の目標", None),  # the text says both
    ("整備箇所数は？", "整備箇所数（累計）", None),  # no state asked
    ("速報値から確定値でどう変わった？", "件数（確定値）", None),  # both asked: the change between them
])
def test_a_figure_of_the_other_state_of_a_quantity(question, text, state):
    from evalqa.matching import other_state, states_asked
    assert other_state(states_asked(analyse_question(question).normalized), text) == state


def test_a_unit_in_brackets_in_english_is_not_a_name_for_the_words_before_it():
    a = analyse_question("What was the forest-thinning target (万ha) for FY2022?")
    assert a.family == "target" and "間伐" in a.content and a.years == [2022]


@pytest.mark.parametrize("question, operation", [
    ("令和4年度に目標を下回った（実績が目標未満）林野庁の指標は？", "missed"),
    ("目標を下回った指標は？", "missed"),
    ("予算が前年度を下回った年度の執行率は？", "compare"),  # not indicators that missed
])
def test_indicators_below_target_with_an_aside_and_whose_they_are(question, operation):
    assert analyse_question(question).operation == operation


def test_a_bare_era_year_before_a_part_of_the_document_names_the_document():
    a = analyse_question("R6測定指標のうち、令和5年度の実績値が最も高いものは？")
    assert (a.years, a.document_year) == ([2023], 2024)


def test_a_year_of_a_value_before_a_document_named_is_the_year_asked():
    a = analyse_question("死者数の令和3年の値は前年度の評価書からどう変わった？")
    assert (a.years, a.document_year) == ([2021], None)


@pytest.mark.parametrize("question, operation", [
    ("外国人受入れの相談件数、令和4年度は目標達成？", "compare"),
    ("目標達成した指標は？", "met"),
    ("目標達成率は？", None),
])
def test_a_bare_mokuhyou_tassei_asks_the_verdict_of_the_subject_in_focus(question, operation):
    assert analyse_question(question).operation == operation


def test_english_parts_of_a_sheet_in_brackets_are_counted_not_named():
    # 「performance measures (測定指標)」: the part of the sheet counted, not a name quoted; 「years A through B」:
    # a span
    from evalqa.english import quoted_names

    q = "How many performance measures (測定指標) are listed in the JPO FY2023 pre-analysis sheet?"
    assert quoted_names(q) == [] and analyse_question(q).operation == "count"
    assert quoted_names("the grant (地方創生交付金) in FY2022") == ["地方創生交付金"]
    a = analyse_question("FSA: outreach classes held in business years 2019 through 2022?")
    assert a.years == [2019, 2020, 2021, 2022] and a.trend



@pytest.mark.parametrize("question, years, document_offset, year_offset", [
    ("What had the previous year's report said for 2021?", [2021], -1, 0),  # the document before, same year
    ("前年度（令和3年度）の調書だと何件だった？", [], -1, 0),  # not the year before
    ("And what figure does that report give for 2021?", [2021], 0, 0),  # 「that report」 names no subject
])
def test_an_earlier_document_is_not_an_earlier_year(question, years, document_offset, year_offset):
    a = analyse_question(question)
    assert (a.years, a.document_offset, a.year_offset, a.content) == (years, document_offset, year_offset, [])


def test_a_policy_number_and_a_bound_asked_are_no_words_of_a_value():
    assert analyse_question("施策目標22の道路交通事故死者数の推移は？").family is None  # (施策目標22 names the 施策)
    # 「（目標2－1）」 numbers the 施策 too: the 当初予算額 is asked, not a 目標値
    assert analyse_question("循環型社会の形成（目標2－1）の達成手段、令和6年度当初予算額の合計は？").family == \
        "initial_budget"
    assert analyse_question("その年の目標は何日以内？").content == []
    assert "以内" in analyse_question("1年以内に公表できた割合は？").content
    english = analyse_question("Did the start-up rate meet its FY2022 target?")
    assert (english.operation, english.years) == ("compare", [2022])


@pytest.mark.parametrize("question, operation", [
    ("5つの業績指標のうちいくつが目標を達成した？", "met"),
    ("指標のうち何件が目標に届かなかった？", "missed"),
    ("測定指標のうちいくつありますか？", "count"),
])
def test_a_count_asked_before_the_result_counts_by_that_result(question, operation):
    assert analyse_question(question, "令和", 2024).operation == operation


@pytest.mark.parametrize("question, operation", [
    ("ノンステップバスの導入率、R4年度は年度目標に何ポイント届かなかった？", "compare"),
    ("移住者数、2022年度は年度目標に何人足りなかった？", "compare"),
    ("平均所要時間、2022年は目標をどれだけオーバーした？", "compare"),
    ("Did illegal dumping in FY2022 stay under that year's target, and by what margin?", "compare"),
    ("令和4年度に目標に届かなかった指標はどれ？", "missed"),
    ("目標に届かなかった指標はいくつ？", "missed"),
])
def test_by_how_much_a_target_was_missed_is_one_value_against_its_target(question, operation):
    """「何ポイント届かなかった」 asks the gap of one indicator (a comparison with its target), not which missed."""
    assert analyse_question(question, "令和", 2024).operation == operation


def test_english_ages_and_casualties_are_written_as_the_sheets_write_them():
    from evalqa.english import gloss
    glossed = gloss("How many workers aged 60 or over were killed or injured in 2022?")
    assert "60歳以上" in glossed and "死傷者" in glossed
    assert "20代" in gloss("people in their 20s or their 70s") and "70代" in gloss("people in their 20s or their 70s")
    assert "20歳未満" in gloss("consultations from people aged under 20")


def test_english_policy_phrases_read_whole():
    from evalqa.english import gloss
    glossed = gloss("Were there more illicit drug seizure cases at customs in 2022 or in 2019?")
    assert "不正薬物" in glossed and "摘発件数" in glossed
    glossed = gloss("How did the number of children on nursery-school waiting lists change?")
    assert "待機児童" in glossed and "子供" not in glossed  # (the children of 待機児童, no qualifier of them)
    assert "脱税" in gloss("And how much tax was evaded in those cases?")
    from evalqa.question import analyse_question
    assert analyse_question("Did that beat the target, and by how much?").operation == "compare"
    assert analyse_question("Which of the human-rights indicators met their target in FY2023?").operation == "met"
    assert analyse_question("Which of the indicators missed their target in FY2023?").operation == "missed"


def test_english_directions_gaps_and_the_prior_year():
    from evalqa.english import gloss
    assert "低いほど良い測定指標はいくつ" in gloss("How many of the tribunal's six indicators are lower-is-better?")
    assert "高いほど良い測定指標はいくつ" in gloss("How many indicators are higher-is-better?")
    a = analyse_question("For the shelters in FY2023, how far was the actual count from the target?")
    assert (a.operation, a.family) == ("compare", "target")
    assert analyse_question("And the prior year?").year_offset == -1
    assert analyse_question("How many statistics seminars were held in FY2023?").counter == "回"


def test_a_mistake_is_no_difference_and_recent_years_a_trend():
    a = analyse_question("勲記の書き間違いで再交付した件数、ここ数年どう推移してます？")
    assert (a.operation, a.trend) == (None, True) and "ここ" not in a.content
    assert analyse_question("補助を使って整備した施設は何か所？").family is None
    assert analyse_question("令和5年度に実際に使った額は？").family == "execution"


def test_english_places_named_in_capitals_and_glossed_words_side_by_side():
    a = analyse_question("How many people joined the general public tours of the Imperial Palace in FY2022?")
    assert "皇居" in a.proper
    assert "統計局" not in analyse_question("What was the Statistics Bureau's response rate in FY2024?").proper
    a = analyse_question("What was the average number of days from filing to ruling at the Japan Marine Accident "
                         "Tribunal in 2023?")
    assert not [p for p in a.proper if "裁決" in p]  # (not 「裁決海難審判所」, two glossed words run together)
    assert analyse_question("And in the previous fiscal year?").year_offset == -1
    assert analyse_question("And how much tax was evaded in those cases?").connective
    assert "マイナンバー" not in analyse_question("What was the downtime of the My Number systems?").proper
    assert "以下" not in analyse_question("それって毎年の目標はいくつ以下なの？").content  # (not 49歳以下)


def test_a_gap_between_two_named_is_a_comparison():
    assert analyse_question("令和4年度の不登校、小学校と中学校でどれくらい差がある？").operation == "compare"
    from evalqa.operations import PAIR_RE
    assert PAIR_RE.search("小学校と中学校でどれくらい差がある").groups() == ("小学校", "中学校")
    assert PAIR_RE.search("令和4年度と5年度でどれくらい差がある")  # (two years: the caller tells them apart)


def test_english_durations_and_place_policies_read_as_the_sheets_write_them():
    from evalqa.english import gloss

    assert "24時間" in gloss("How did 24-hour traffic deaths change from 2019 to 2022?")
    assert "18歳・19歳" in gloss("How many consultations from 18- and 19-year-olds?")  # (ages, not 19年)
    assert "北海道の施策" in gloss("What was the execution amount of the Hokkaido policy in FY2022?")
    assert "沖縄の評価書で" in gloss("In the evaluation on Okinawa, how many sessions were held?")
    assert "水道の評価書で" in gloss("Which means in the water supply sheet had the lowest execution rate?")
    assert "水道の評価書で" in gloss("In the MLIT water-supply evaluation, what was the target?")  # (hyphenated)
    # (a word the glossary lacks would be lost: the phrase stays as written)
    assert "entire" in gloss("What was the execution rate of the entire policy in FY2022?")


def test_an_english_ministry_evaluation_does_not_date_the_years_before_it():
    """'from 2019 to 2022 in the MIC evaluation': the years asked, not the 2022 document of 総務省 (a ministry alone
    says where already; 'the water supply sheet' is a document phrase)."""
    a = analyse_question("How has the average ambulance arrival time changed from 2019 to 2022 in the MIC evaluation?")
    assert (a.years, a.document_year) == ([2019, 2020, 2021, 2022], None)
    a = analyse_question("How many people died in traffic accidents in 2023 according to the NPA evaluation?")
    assert (a.years, a.document_year) == ([2023], None)


def test_relative_years_name_nothing():
    """「翌年は？」 moves the year in focus; it is no word of a name (「不法残留者数（翌年1月1日現在）」 holds it)."""
    a = analyse_question("翌年は？")
    assert a.year_offset == 1 and "翌年" not in a.content
    assert "前年度" not in analyse_question("前年度の執行額は？").content


def test_the_parts_to_add_after_what_they_count():
    # 「間伐面積、北海道と東北を足すと」: 間伐面積 is what is counted, 北海道 and 東北 its parts; a list of three names
    # stays three parts
    from evalqa.sums import named_parts
    assert named_parts("令和5年度の国有林の間伐面積、北海道と東北を足すと何ha？") == [
        ("北海道", "令和5年度の国有林の間伐面積の北海道は何ha?"), ("東北", "令和5年度の国有林の間伐面積の東北は何ha?")]
    assert [n for n, _ in named_parts("令和4年度の覚醒剤、大麻と麻薬の摘発件数を合計すると何件？") or []] == [
        "覚醒剤", "大麻", "麻薬"]


def test_what_a_sheet_added_is_not_a_plan_to_add():
    from evalqa.additions import asked_change
    from evalqa.question import analyse_question
    added = asked_change(analyse_question("令和6年度の評価書で、新たに加わった達成手段は？"))
    assert added == (True, "means", "達成手段")
    for q in ("令和6年度から参考指標への追加を検討しているのは何？",
              "次の評価に向けてどんな参考指標を追加しようとしている？"):
        assert asked_change(analyse_question(q)) is None, q


def test_a_state_asked_of_the_value_in_focus_and_a_kind_of_budget_that_is_none():
    from evalqa.portion import part_asked
    from evalqa.value_state import asks_state, of_value_in_focus

    assert of_value_in_focus(analyse_question("前年度の値は、速報値のままですか？"))
    assert of_value_in_focus(analyse_question("最初はいくつと報告されていた？"))
    assert asks_state(analyse_question("Is that a final figure?"))
    assert not asks_state(analyse_question("速報値は何件？"))  # (a number of a state, not yes or no)
    assert not of_value_in_focus(analyse_question("令和6年度の当初予算はどうなってる？"))  # (当初: a kind of budget)
    # 「AのうちB」: a noun is a part asked; a clause (「救助されたのは」) is worded otherwise by sentences
    assert part_asked(analyse_question("品目のうち、後発医薬品はどれくらい？")) == "後発医薬品"
    assert part_asked(analyse_question("乗船者のうち救助されたのは何人？")) is None
    assert part_asked(analyse_question("指標のうち最も高いのは？")) is None


def test_where_asks_names_unless_it_ranks():
    assert analyse_question("令和5年度に制度を新しく始めた相手国ってどこ？").prose
    a = analyse_question("令和5年度に件数が一番多かった地域はどこ？")
    assert a.operation == "rank" and not a.prose
    assert not analyse_question("滞納残高が1,000億円を超えている局はどこ？").prose  # (rows by their values)


def test_the_period_evaluated_is_no_evaluation_time():
    assert analyse_question("評価対象期間はいつからいつまで？").metadata is None
    assert analyse_question("政策評価はいつ実施する予定？").metadata is not None


def test_bodies_counted_in_the_tables_own_unit():
    from evalqa.counts import same_counter

    assert same_counter("団体", "地方公共団体") and same_counter("団体", "市区町村") and same_counter("社", "企業")
    assert not same_counter("人", "事業所")
    assert analyse_question("地方公共団体数は？").counter != "地方公共団体"  # (a compound names the quantity)
    assert analyse_question("前の評価書ではいくつだった？").document_offset == -1


def test_an_aside_in_brackets_asks_nothing():
    # (「（低いほど良い指標）」 says what the indicator is; the question asks how it moved)
    a = analyse_question("参観者1人当たりの運営経費（低いほど良い指標）は平成30年度から令和5年度でどう変わった？")
    assert a.operation != "count" and a.trend, a
    assert analyse_question("値が低いほど良い測定指標はいくつ？").operation == "count"


def test_years_met_counted_and_met_said_as_became():
    assert analyse_question("配置校数の指標、目標を達成した年度はいくつ？").operation == "met"
    assert analyse_question("2022年度に達成になった指標はいくつ？").operation == "met"
    assert analyse_question("2022年度に未達成になった指標はいくつ？").operation == "missed"


def test_parts_added_named_before_what_they_share():
    from evalqa.sums import named_parts
    # (「学術フォーラムの開催」: the thing is the run before the 「の」 that says what is done to it)
    printed = {"学術フォーラム", "共同主催国際会議", "開催"}.__contains__
    got = named_parts("学術フォーラムの開催と共同主催国際会議、2023年度の予算額を合わせると？", printed)
    assert got == [("学術フォーラム", "学術フォーラム、2023年度の予算額は?"),
                   ("共同主催国際会議", "共同主催国際会議、2023年度の予算額は?")]


def test_a_grade_before_its_word_asks_the_indicators_graded_so():
    a = analyse_question("迎賓館の測定指標のうち、令和5年度にS評定だったのはいくつ？")
    assert a.operation == "graded" and a.grade and a.grade.lower() == "s", a
    # (「目標を達成した令和4年度の執行額は？」 asks a value, not which years met)
    assert analyse_question("目標を達成した令和4年度の執行額は？").operation != "met"


def test_english_counts_of_those_that_met_and_the_most_recent_document():
    # 'how many of the seven indicators hit …' counts the met ones; 'the most recent …' ranks nothing
    assert analyse_question("How many of the five indicators reached their FY2021 targets?").operation == "met"
    assert analyse_question("How many indicators fell short of their FY2022 targets?").operation == "missed"
    assert analyse_question("In the most recent statistics evaluation, what is the FY2023 figure for API requests?"
                            ).operation is None
    assert analyse_question("Which indicator had the most visitors in FY2022?").operation == "rank"


def test_two_named_first_then_which_is_larger_compares_them():
    assert analyse_question("第三区と第七区、令和4年の件数が多いのはどっち？").operation == "compare"
    assert analyse_question("達成手段で当初予算額が大きいのはどっち？").operation == "rank"
    # (two years named first: which of all in those years, a ranking)
    assert analyse_question("令和4年度と5年度で、執行率が一番高い達成手段はどっち？").operation == "rank"


def test_a_budget_rows_year_word_names_no_year():
    a = analyse_question("令和5年度の翌年度への繰越額は？")
    assert (a.years, a.year_offset, a.family) == ([2023], 0, "carryover")
    assert analyse_question("令和5年度の翌年度の目標値は？").years == [2024]


def test_a_final_value_and_both_ways_are_asked_only_where_said():
    from evalqa.additions import _both_asked
    from evalqa.value_state import _FINAL_ASKED_RE

    assert _FINAL_ASKED_RE.search("2023年の確定値っていくつ？") and _FINAL_ASKED_RE.search("Is that a final figure?")
    assert not any(_FINAL_ASKED_RE.search(q) for q in ("有罪が確定した件数は？", "What was the final year of the plan?",
                                                        "How many confirmed cases were there?"))
    assert _both_asked("新しい評価書で、達成手段から外れたものと新しく加わったものを教えて", "means")
    assert not _both_asked("新たな事前分析表で削除された測定指標は？", "indicator")


def test_a_number_column_headed_no_goes_with_the_means_name():
    from evalqa.tables import Row, _numbered_first

    rows = [Row(1, ["No.", "達成手段名", "予算額"]), Row(2, ["1", "史跡公開事業", "300"]),
            Row(3, ["2", "史跡修理事業", "200"])]
    assert _numbered_first(rows)


def test_an_amount_named_is_no_budget_and_a_span_asked_yes_no_is_a_trend():
    assert analyse_question("特殊詐欺の被害額って令和5年はいくらだった？").family is None
    assert analyse_question("農産物の輸出額はいくら？").family is None
    assert analyse_question("令和5年度の予算額はいくら？").family == "budget"
    assert analyse_question("令和5年度はいくら？").family == "budget"
    assert analyse_question("執行額はいくら？").family == "execution"
    a = analyse_question("相談件数は令和元年度から令和4年度にかけて減ってますか？")
    assert (a.operation, a.trend, a.years) == (None, True, [2019, 2020, 2021, 2022])
    assert analyse_question("相談件数は令和3年度と令和4年度で比べて減ってますか？").operation == "compare"


def test_english_grades_quoted_or_in_capitals_after_rated():
    assert analyse_question('Which indicators received an "a" (achieved) rating in FY2023?').grade == "a"
    assert analyse_question("Which indicators were rated B in FY2023?").grade in ("B", "b")  # (either case)
    assert analyse_question("Was the programme rated a success?").grade is None


def test_the_noun_asked_across_an_aside_and_a_year():
    assert asked_noun("保育士の平均給与(月額)は令和6年度でいくらになっていますか?") == "平均給与"
    assert asked_noun("相談件数は令和5年度に何件？") == "相談件数"


def test_an_edition_named_by_its_year_is_a_document_not_a_year_asked():
    a = analyse_question("受け皿拡大量の令和5年度の値、令和6年度版と令和7年度版で違う？", latest=2025)
    assert a.years == [2023] and "版" not in a.content


def test_a_bound_the_question_sets_on_which_values_it_asks():
    from evalqa.operations import bound_of

    b = bound_of("達成手段のうち、執行率が90％を下回ったものは？")
    assert (b.value, b.unit, b.above, b.inclusive, b.said) == (90.0, "%", False, False, "90%未満")
    b = bound_of("予算額が10億円以上の事業はどれ？")
    assert (b.value, b.unit, b.above, b.inclusive) == (1e9, "円", True, True)
    assert b.in_unit("千円") == 1e6 and b.in_unit("百万円") == 1e3 and b.in_unit("件") is None
    b = bound_of("Which bureaus had balances above 100 billion yen?")
    assert (b.value, b.unit, b.above) == (1e11, "円", True) and b.in_unit("億円") == 1000
    # (one value asked yes or no, and a year compared, set no bound)
    assert bound_of("令和5年度の執行率は90%を下回った？") is None
    assert bound_of("Which programmes had more than 2022 cases?") is None
    # (「目標の13百万トン以下を満たしてる？どれだけ下回ってる？」: one value against its target, by how much)
    assert bound_of("令和2年度は目標の13百万トン以下を満たしてる？どれだけ下回ってる？") is None
    assert bound_of("障害者の週1回以上のスポーツ実施率、2022年度の値はいくつ？") is None
    assert analyse_question("執行率が90％を下回った達成手段はどれ？").operation == "bounded"


def test_a_measure_taken_is_not_an_amount_executed_and_a_previous_edition_is_no_year():
    """代執行 (a measure taken against a vacant house) holds 執行 but asks no 執行額; 「前年度版」 names the edition
    before, not the year before the one asked; 「令和6年度の…評価シート」 names the edition of that year."""
    assert analyse_question("略式代執行が多いのはどっち？").family is None
    assert analyse_question("執行額が多いのはどっち？").family == "execution"
    a = analyse_question("令和5年の値は前年度版と最新版でどう違う？")
    assert a.years == [2023] and a.year_offset == 0
    assert analyse_question("令和6年度の特殊詐欺の評価シートには達成手段が何個？").document_year == 2024


def test_an_english_document_of_a_year_named_with_its_theme_words():
    """「as the FY2024 harbour evaluation says」 names the document of FY2024 (its theme word kept for the sheet it
    names), not a year asked beside FY2019–FY2023; a year's value asked in it stays the year asked."""
    a = analyse_question("By how much did cargo handled change from FY2019 to FY2023, as the FY2024 harbour "
                         "evaluation says?", "令和", 2025)
    assert (a.years, a.document_year) == ([2019, 2020, 2021, 2022, 2023], 2024)
    b = analyse_question("What was the FY2023 budget in the FY2024 evaluation?", "令和", 2025)
    assert (b.years, b.document_year) == ([2023], 2024)
    # (a kind of document is no theme: 「the FY2026 nursing pre-analysis sheet」 is the 事前分析表 of FY2026)
    d = analyse_question("What is the initial budget in the FY2026 nursing pre-analysis sheet?", "令和", 2026)
    assert d.document_year == 2026 and "事前分析表" in d.normalized
    # (a value's words before 'report' are no document's theme, nor words of judging: 'achievement evaluation')
    c = analyse_question("What is the FY2023 actual value reported in the sheet?", "令和", 2025)
    assert (c.years, c.document_year) == ([2023], None)
    e = analyse_question("What was the FY2022 achievement evaluation of indicator 3?", "令和", 2025)
    assert (e.years, e.document_year) == ([2022], None)


def test_a_total_asked_with_how_much_is_a_sum():
    from evalqa.sums import asks_sum

    assert asks_sum(analyse_question("補助金の交付額は令和2〜4年度で合計いくら？", "令和", 2024))
    assert asks_sum(analyse_question("研修の受講者は3年間で合計何人？", "令和", 2024))
    assert not asks_sum(analyse_question("令和5年度の予算の合計額は？", "令和", 2024))  # (the 合計 row's value)


def test_english_two_names_joined_under_a_combined_quantity():
    """'the combined FY2022 visitor count of the Nara and Kyoto offices': each name asked alone, in the singular
    of the kind they are; no capitals joined (nor two years), no parts."""
    from evalqa.sums import english_parts

    q = "In the heritage sheet, what is the combined FY2022 visitor count of the Nara and Kyoto offices?"
    assert english_parts(q) == [
        ("Nara", "In the heritage sheet, what is the FY2022 visitor count of the Nara office?"),
        ("Kyoto", "In the heritage sheet, what is the FY2022 visitor count of the Kyoto office?")]
    assert english_parts("What was the total budget in FY2022 and FY2023?") is None
    assert english_parts("What was the total budget of the Tokyo and Osaka branches in FY2022?")[1][1] == \
        "What was the budget of the Osaka branch in FY2022?"
    assert english_parts("What is the total budget of roads and ports in FY2023?") is None


def test_english_debt_words_and_a_year_that_closes_its_clause():
    """'JGB' is 国債 and 'auctions' 入札; 'in FY2021, according to the MOF sheet …': the year is the value's,
    not the document's the next words name."""
    from evalqa.english import gloss
    from evalqa.question import analyse_question

    q = "What was the average bid-to-cover ratio at JGB auctions in FY2021, according to the MOF sheet on bonds?"
    assert "応札倍率" in gloss(q) and "国債" in gloss(q) and "入札" in gloss(q)
    assert analyse_question(q, "令和", 2024).years == [2021]
    assert analyse_question("What was the bid-to-cover ratio in the FY2021 MOF sheet?", "令和", 2024).years != [2021]


def test_a_grade_mark_quoted_with_its_meaning_lists_the_ones_so_graded():
    """「「△（概ね達成）」だった測定指標を挙げて」「「×」となった指標は」: a quoted mark is the grade asked."""
    from evalqa.question import analyse_question

    for q in ("2024年度に「△（概ね達成）」だった測定指標を挙げてください。", "2023年度に「×」となった指標はどれ？"):
        a = analyse_question(q, "令和", 2024)
        assert (a.operation, a.grade) == ("graded", "△" if "△" in q else "×")
    assert analyse_question("「A」と「B」ではどちらが多い？", "令和", 2024).grade is None
