"""Which of two names an English question's words are written in (senses.py), with the real dictionary; and how
crosslingual uses it: the words confirm the embedder's closest name, never put another before it, and a name
that holds another whole (a breakdown of it) is no rival of it."""
import pytest

from evalqa.crosslingual import _key, _leads, _written_most
from evalqa.lexicon import default_lexicon
from evalqa.question import analyse_question
from evalqa.senses import NameWords, question_words


@pytest.fixture(scope="module")
def words():
    lexicon = default_lexicon()
    if lexicon is None:
        pytest.fail("jamdict-data is a dependency: the dictionary must be there")
    return NameWords(lexicon, {"incident": "インシデント"})


def test_a_name_says_a_word_by_its_glosses_its_loanwords_or_the_words_forms(words):
    assert words.says("博士後期課程入学者数", "doctoral")  # (博士 → doctor)
    assert words.says("若手研究者に占める任期付き雇用の割合", "term")  # (任期 → term of office)
    assert words.says("企業版ふるさと納税の寄附額", "donated")  # (寄附 → donation)
    assert words.says("重大インシデントの発生件数", "incidents")  # (the sheets' loanword)
    assert not words.says("航空事故の発生件数", "serious")
    assert not words.says("航空事故の発生件数", "doctoral")


def test_the_questions_words_leave_out_grammar_and_the_forms_words():
    got = question_words("What was the FY2023 target for the share of people who talk with non-household members?")
    assert "talk" in got and "household" in got and "members" in got
    assert not {"what", "the", "target", "for", "who", "with"} & set(got)


def test_the_words_confirm_the_closest_name_only(words):
    names = {1: "同居人以外との会話が「週1回未満」の人の割合",
             2: "孤独・孤立対策の取組を「知っている」と回答した人の割合"}
    a = analyse_question("What share of people talk with non-household members less than once a week?")
    assert _written_most(a, {1: 0.8, 2: 0.78}, names.get, words.says) == {1}
    # (the same words, but the embedder finds the other name closer: they do not overrule it)
    assert _written_most(a, {1: 0.78, 2: 0.8}, names.get, words.says) == set()


def test_a_word_every_name_says_tells_none_apart(words):
    names = {1: "再審査事件の和解率", 2: "再審査事件の1年以内終結率"}
    # ('cases' and 'examination' are said by both names: 'settlement' alone is left, one word is not enough)
    a = analyse_question("What was the settlement rate of re-examination cases?")
    assert _written_most(a, {1: 0.8, 2: 0.79}, names.get, words.says) == set()
    assert words.says(names[1], "settlement") and words.says(names[2], "cases")
    a = analyse_question("How many cases were there?")
    assert _written_most(a, {1: 0.8, 2: 0.79}, names.get, words.says) == set()


def test_forms_of_one_word_not_words_that_begin_alike():
    from evalqa.senses import _stemmed
    assert _stemmed("donated", "donation") and _stemmed("doctoral", "doctor") and _stemmed("taxes", "tax")
    assert not _stemmed("count", "country") and not _stemmed("international", "internet")


def test_a_breakdown_of_a_name_is_no_rival_of_it():
    names = {1: "指標1 博士後期課程入学者数（人）【主要】", 2: "分野別の博士後期課程入学者数",
             3: "卓越研究員事業による採択者数"}
    assert _key(names[1]) in _key(names[2])
    assert _leads({1: 0.8, 2: 0.78, 3: 0.5}, 1, names.get)
    assert not _leads({1: 0.8, 3: 0.79}, 1, names.get)
    # (a name that only holds it, not a breakdown of it, stays a rival: 「オンライン参加者数」 of 参加者数)
    others = {1: "参加者数", 2: "オンライン参加者数"}
    assert not _leads({1: 0.8, 2: 0.79}, 1, others.get)
