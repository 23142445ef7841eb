"""English words the glossary does not know, read through the dictionary (JMdict / JMnedict from jamdict-data)
into the Japanese the sheets write: 「Quasi-Zenith satellites」 → 準天頂衛星, 「four-island exchange」 → 四島交流,
「Betsukai」 → 別海. The lookup file is built from a dictionary database of the same schema; the end-to-end
tests use the real dictionary and real indexes of two test sheets."""
import re
import sqlite3
from pathlib import Path

import pytest

from conftest import SHEETS, assistant_over
from evalqa.lexicon import Lexicon, LexiconError, build_lexicon, key
from evalqa.question import analyse_question
from evalqa.translation import translate


def _jamdict(path: Path) -> Path:
    """A dictionary database with jamdict's tables and a few entries."""
    con = sqlite3.connect(path)
    con.executescript("""
        CREATE TABLE Kanji (ID INTEGER PRIMARY KEY, idseq INTEGER, text TEXT);
        CREATE TABLE Kana (ID INTEGER PRIMARY KEY, idseq INTEGER, text TEXT, nokanji BOOLEAN);
        CREATE TABLE KJP (kid INTEGER, text TEXT);
        CREATE TABLE Sense (ID INTEGER PRIMARY KEY, idseq INTEGER);
        CREATE TABLE SenseGloss (sid INTEGER, lang TEXT, gend TEXT, text TEXT);
        CREATE TABLE NEKanji (ID INTEGER PRIMARY KEY, idseq INTEGER, text TEXT);
        CREATE TABLE NEKana (ID INTEGER PRIMARY KEY, idseq INTEGER, text TEXT, nokanji BOOLEAN);
        CREATE TABLE NETranslation (ID INTEGER PRIMARY KEY, idseq INTEGER);
        CREATE TABLE NETransGloss (tid INTEGER, lang TEXT, gend TEXT, text TEXT);
        INSERT INTO Kanji VALUES (1, 10, '語り手'), (2, 11, '語り部'), (3, 12, '準天頂衛星');
        INSERT INTO Kana VALUES (1, 13, 'ホットライン', 1), (2, 11, 'かたりべ', 0);
        INSERT INTO KJP VALUES (1, 'ichi1');
        INSERT INTO Sense VALUES (1, 10), (2, 11), (3, 12), (4, 13);
        INSERT INTO SenseGloss VALUES (1, 'eng', '', 'storyteller'), (2, 'eng', '', '(professional) storyteller'),
            (3, 'eng', '', 'quasi-zenith satellite'), (4, 'eng', '', 'hotline'), (2, 'ger', '', 'Erzähler'),
            (1, 'eng', '', 'a person who tells stories to children in the library after school');
        INSERT INTO NEKanji VALUES (1, 20, '別海');
        INSERT INTO NETranslation VALUES (1, 20);
        INSERT INTO NETransGloss VALUES (1, 'eng', '', 'Betsukai');
    """)
    con.commit()
    con.close()
    return path


def test_keys_drop_brackets_articles_and_long_explanations():
    assert key("(professional) storyteller") == "storyteller"
    assert key("to supervise") == "supervise"
    assert key("The Quasi-Zenith Satellite") == "quasi-zenith satellite"
    assert key("a person who tells stories to children") is None  # an explanation, not a name


def test_a_lookup_file_is_built_from_the_dictionary_and_reads_plurals(tmp_path):
    target = tmp_path / "cache" / "lexicon.sqlite"
    build_lexicon(_jamdict(tmp_path / "jamdict.db"), target)
    lexicon = Lexicon(target)
    # the common word (with a frequency mark) first; a word in kana only is its kana; English glosses only
    assert lexicon.japanese("storytellers") == ["語り手", "語り部"]
    assert lexicon.japanese("Quasi-Zenith satellites") == ["準天頂衛星"]
    assert lexicon.japanese("hotline") == ["ホットライン"]
    assert lexicon.japanese("Betsukai") == ["別海"]
    assert lexicon.japanese("Erzähler") == [] and lexicon.japanese("library") == []
    assert not list(target.parent.glob("*.tmp"))  # written whole, then renamed


def test_a_file_that_is_no_dictionary_is_one_clear_error(tmp_path):
    bad = tmp_path / "jamdict.db"
    bad.write_text("not a database")
    with pytest.raises(LexiconError, match="jamdict.db"):
        build_lexicon(bad, tmp_path / "lexicon.sqlite")
    assert not (tmp_path / "lexicon.sqlite").exists()
    with pytest.raises(LexiconError, match="no lexicon file"):
        Lexicon(tmp_path / "missing.sqlite")


@pytest.fixture(scope="module")
def lexicon():
    lexicon = Lexicon.default()  # the real dictionary (built into the cache directory on first use)
    assert lexicon is not None
    return lexicon


SHEET_TEXT = "準天頂衛星の運用機数 北方四島交流等事業 元島民・後継者（語り部）による講話 別海町北方領土館 フォーラム"


def _written(term: str) -> bool:
    return term in SHEET_TEXT and not (term.isascii() or term == "フォー")


def test_english_words_are_read_as_the_japanese_the_sheets_write(lexicon):
    a = translate(analyse_question("How many Quasi-Zenith satellites were operating in FY2022?", None, 2024),
                  lexicon, _written)
    # (the name read stays a name the answer must carry, in the sheets' words)
    assert "準天頂衛星" in a.normalized and "衛星" in a.content and a.proper == ["準天頂衛星"]
    # a word of English alone stays English (「storytellers」 is 語り手 or 語り部 to the dictionary, 「meat」 is
    # 食肉: a qualifier of what the user left open); a capitalised name is read
    a = translate(analyse_question("How many talks did the storytellers give?", None, 2024), lexicon, _written)
    assert "storytellers" in a.content and "語り部" not in a.content
    # words the user hyphenated join into the sheets' compound (四 + 島, then 交流 the glossary reads)
    a = translate(analyse_question("Is the four-island exchange indicator kept?", None, 2024), lexicon, _written)
    assert "四島交流" in a.normalized
    a = translate(analyse_question("Visitors to the Betsukai museum in FY2023?", None, 2024), lexicon, _written)
    assert "別海" in a.normalized and "betsukai" not in a.proper


def test_words_the_sheets_do_not_write_stay_english_and_names_stay_unknown(lexicon):
    # a name the sheets never write stays a proper noun the assistant must refuse
    a = translate(analyse_question("How many visitors came from Kenya in FY2023?", None, 2024), lexicon, _written)
    assert "kenya" in a.proper
    # words of grammar name nothing (「over」 is 越し to the dictionary); 「four」 alone is no 「フォー」 of
    # 「フォーラム」
    q = "How did the share of cases pending over 18 months change for the four forums?"
    a = translate(analyse_question(q, None, 2024), lexicon, _written)
    assert "越し" not in a.normalized and "フォー" not in a.content


def test_common_words_are_read_only_as_a_long_word_the_sheets_write(lexicon):
    """「international organizations」 is 国際機関 where a sheet writes it, and 「international peace」 国際平和;
    「peace」 alone stays English (its commonest words would make a qualifier of it)."""
    words = "国際機関等への個人派遣者数 国際平和協力の推進"

    def written(term: str) -> bool:
        return not term.isascii() and term in words
    a = translate(analyse_question("How many secondments to international organizations were there in FY2023?",
                                   None, 2024), lexicon, written)
    assert "国際機関" in a.normalized and "organizations" not in a.normalized and a.read == ("国際機関",)
    a = translate(analyse_question("What was the budget of international peace cooperation in FY2023?", None, 2024),
                  lexicon, written)
    assert "国際平和" in a.normalized
    a = translate(analyse_question("How much did peace talks cost in FY2023?", None, 2024), lexicon, written)
    assert "平和" not in a.normalized and "peace" in a.normalized


@pytest.mark.slow
def test_a_compound_read_from_english_names_the_subject_that_writes_it_whole(tmp_path_factory):
    # 「international organizations」 → 国際機関: the PKO indicator 国際機関等への個人派遣者数, not 「海外の研究機関との
    # 国際共同研究の実施課題数」, which holds 国際 and 機関 apart (and which the embedder finds as close)
    bot = assistant_over(tmp_path_factory, "compound", (SHEETS / "pko-r6-36-heiwakyoryoku.pdf",
                                                         SHEETS / "csti-r6-21-sip-moonshot.pdf"))
    ans = bot.ask("For FY2023 secondments to international organizations, which was larger: the yearly target or "
                  "the actual number, and by how much?")
    assert ans.found and {f.subject for f in ans.figures} == {"国際機関等への個人派遣者数（延べ人数）（人）【主要】"}
    assert sorted(f.value for f in ans.figures if f.fiscal_year == 2023)[:2] == [29, 30], ans.text


@pytest.mark.slow
def test_english_questions_find_subjects_the_glossary_does_not_know(tmp_path_factory):
    bot = assistant_over(tmp_path_factory, "translation", (SHEETS / "hoppo-r6-1-henkan.txt",
                                                            SHEETS / "space-r6-1-juntencho.xlsx"))
    ans = bot.ask("What was the number of Quasi-Zenith satellites operating in FY2022?")
    f = ans.figures[0]
    assert (ans.found, f.subject, f.measure, f.fiscal_year, f.value) == (True, "準天頂衛星の運用機数", "実績値",
                                                                          2022, 4)
    ans = bot.ask("How many people visited the Betsukai Northern Territories museum in FY2023?")
    assert ans.found and ans.figures[0].value == 9876 and "別海町北方領土館" in ans.text
    ans = bot.ask("How many people visited the Kenya Northern Territories museum in FY2023?")
    assert not ans.found and "kenya" in ans.text.lower()


def test_katakana_loanwords_are_read_from_the_english_they_come_from(lexicon):
    """UniDic gives a loanword's origin (ムーン-moon, ショット-shot): the sheets' katakana words are read back from
    English, joined, spaced or hyphenated, plural or not."""
    from evalqa.romaji import loanwords
    loans = loanwords(["ムーンショット型研究開発制度の推進", "ノンステップバスの導入率", "ジビエ利用量"])
    assert loans["moonshot"] == loans["moon shot"] == "ムーンショット" and loans["non step bus"] == "ノンステップバス"
    a = translate(analyse_question("How many patents did the Moonshot program file?", None, 2024), None, _written,
                  loans)
    assert "ムーンショット" in a.normalized and "moonshot" not in a.proper
    a = translate(analyse_question("What share of non-step buses was reached?", None, 2024), None, _written, loans)
    assert "ノンステップバス" in a.normalized
    # a common word alone is no loanword asked (「work」 is ワーク somewhere): it would qualify what is asked
    loans = loanwords(["ワーク・ライフ・バランスの推進", "ノンステップバス"])
    assert loans["work"] == "ワーク"
    a = translate(analyse_question("How many households got subsidies for soundproofing work?", None, 2024), None,
                  _written, loans)
    assert "ワーク" not in a.normalized and "work" in a.normalized


def test_a_name_read_stays_a_name_and_an_aside_in_brackets_is_not_read(lexicon):
    """「Myanmar」 read as ミャンマー is still a name the answer must carry (a table of all nationalities is no
    answer); 「(workplace safety and health)」 restates the policy named before it, so it names no 安全衛生 measure."""
    words = ["ミャンマー", "技能実習生", "安全衛生対策", "労働安全衛生"]

    def written(term: str) -> bool:  # (a katakana word as a word of its own, as `Evidence.written` reads it)
        return term in words or (not re.fullmatch(r"[ァ-ヴー]+", term) and any(term in w for w in words))
    a = translate(analyse_question("How many technical intern trainees from Myanmar entered in 2022?", None, 2024),
                  lexicon, written)
    assert "ミャンマー" in a.proper and "技能実習生" in a.normalized
    a = translate(analyse_question("What was the execution rate of policy goal III-1-1 (workplace safety and health) "
                                   "in FY2021?", None, 2024), lexicon, written)
    assert "安全衛生" not in a.normalized


def test_a_japanese_word_no_sheet_writes_read_as_the_sheets_word_for_it():
    from evalqa.lexicon import default_lexicon
    from evalqa.question import analyse_question
    from evalqa.translation import read_synonyms
    sheets = {"旅券", "発給", "件数", "上級", "参加", "者", "数"}
    a = read_synonyms(analyse_question("パスポートの発給件数は？"), default_lexicon(), sheets.__contains__)
    assert "旅券" in a.normalized and "旅券" in a.content and "パスポート" not in a.normalized
    # (「シニア」 is not what 上級 means, though 'senior' glosses both)
    a = read_synonyms(analyse_question("シニアの参加者数は？"), default_lexicon(), sheets.__contains__)
    assert "シニア" in a.normalized and "上級" not in a.normalized
    # (a word the sheets write inside a longer one is theirs: 「グラスルーツからの…プロジェクト」, not 草の根)
    text = "グラスルーツからの日米経済強化プロジェクト 草の根"
    a = read_synonyms(analyse_question("グラスルーツ事業の予算は？"), default_lexicon(), lambda w: w in text)
    assert "グラスルーツ" in a.normalized and "草の根" not in a.normalized
