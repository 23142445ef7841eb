"""The sheets an English question names by its 施策's words (title_index.named_in_english), one rule a test, on
titles of several ministries that share words (交通, 事故, 安全, 防止), with the real dictionary."""
import pytest

from evalqa.lexicon import default_lexicon
from evalqa.question import analyse_question
from evalqa.subjects import SubjectCatalogue
from evalqa.title_index import named_by_file, named_in_english

TITLES = {
    "npa-r6-5-1-kotsu": "交通事故の抑止及び交通秩序の維持",
    "mlit-r6-22-douro": "幹線道路における交通安全対策の推進",
    "mlit-r6-25-tetsudo": "鉄道事故の防止と鉄道輸送の安全確保",
    "soumu-r6-9-yusei": "郵政行政の推進",
    "mlit-r6-30-kowan": "港湾の整備と利用の促進",
    "mhlw-r6-1-jisatsu": "自殺対策の推進",
    "mhlw-r6-2-iyaku": "医薬品の安全対策の推進",
    "mhlw-r6-3-kenketsu": "安全な血液製剤の安定供給を確保すること",
    "rinya-r6-1-shinrin": "森林の有する多面的機能の発揮",
}

pytestmark = pytest.mark.skipif(default_lexicon() is None, reason="the dictionary is not installed")


@pytest.fixture(scope="module")
def cat():
    return SubjectCatalogue([], [{"id": k, "metadata": {"title": v, "fiscal_year": 2024}} for k, v in TITLES.items()])


def named(q, cat, within=None):
    return named_in_english(analyse_question(q, "令和", 2024), cat, within)


def test_two_neighbouring_words_are_read_as_the_compound_a_title_writes(cat):
    """'traffic accident' is 交通事故: the 抑止 sheet, though 交通安全 writes 交通 and 鉄道事故 writes 事故 and 防止."""
    sheets, words = named("What was the initial budget of the traffic accident prevention policy in FY2022?", cat)
    assert sheets == ["npa-r6-5-1-kotsu"]
    assert words == {"traffic", "accident"}  # (the words the title says: the sheet's, no subject's)


def test_the_words_after_the_last_article_name_the_policy(cat):
    """'the execution rate of the postal policy': 郵政, not a title of 率 or 執行."""
    assert named("What was the execution rate of the postal policy in FY2023?", cat)[0] == ["soumu-r6-9-yusei"]


def test_a_common_one_kanji_sense_begins_a_title_word(cat):
    """port → 港 → 港湾, which the dictionary glosses 'harbour' only."""
    assert named("What was the FY2024 budget of the port policy?", cat)[0] == ["mlit-r6-30-kowan"]


def test_half_the_phrase_words_at_least_must_be_said_by_the_title(cat):
    """'drug supply stabilization': only 'drug' is a title's word (医薬品): no sheet is named."""
    assert named("What was the budget of the drug supply stabilization policy?", cat) == ([], set())


def test_a_ministry_letters_say_whose_not_which(cat):
    """'MHLW's suicide prevention policy': MHLW is no word of a title; among MHLW's sheets 自殺 names one."""
    mhlw = {k for k in TITLES if k.startswith("mhlw")}
    assert named("What was the budget of MHLW's suicide prevention policy?", cat, mhlw)[0] == ["mhlw-r6-1-jisatsu"]
    # (without the ministry's sheets, 防止 of the railway sheet ties with 自殺: no sheet is guessed)
    assert named("What was the budget of MHLW's suicide prevention policy?", cat)[0] == []


def test_a_programme_names_the_sheet_but_leaves_its_words_to_the_subject(cat):
    """'the … programme' is as often one of the 施策's 達成手段: its words stay the subject's."""
    assert named("What was the budget of the railway accident programme?", cat) == (["mlit-r6-25-tetsudo"], set())
    assert named("What was the budget of the railway accident policy?", cat) == (
        ["mlit-r6-25-tetsudo"], {"railway", "accident"})


def test_a_sheet_named_by_its_file_word(cat):
    assert named_by_file("What is the FY2024 target of the kowan sheet?", cat) == (["mlit-r6-30-kowan"], {"kowan"})
    assert named_by_file("What is the target of the tokyo sheet?", cat) == ([], set())


def test_policy_measures_and_question_words_name_no_document(cat):
    """'How many policy measures does … the blood products evaluation list': 'policy measures' are its 達成手段 and
    'How many' no title's words; the document named is the one after ('blood products' → 血液製剤)."""
    q = "How many policy measures does the blood products evaluation list for FY2024?"
    assert named(q, cat)[0] == ["mhlw-r6-3-kenketsu"]
