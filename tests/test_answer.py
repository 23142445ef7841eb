"""Answers through the Python API and the CLI, on a real index of three sheets."""
import json
import re
import subprocess
import sys

import pytest

from conftest import ROOT
from evalqa.evaluation import evaluate, load_cases

pytestmark = pytest.mark.slow


def test_contract_example(assistant):
    ans = assistant.ask("令和2年度の日加会談数は？")
    assert ans.found
    f = ans.figures[0]
    assert (f.value, f.measure, f.fiscal_year, f.sheet) == (3, "実績値", 2020, "mofa-r3-I-2-hokubei")
    assert "年度目標値7" in ans.text and "達成率約43%" in ans.text and "計算値" in ans.text
    assert "測定指標1-4" in ans.text and "183行目" in ans.text
    assert any("測定指標1-4" in " ".join(s["section"]) for s in ans.sources)
    d = ans.to_dict()
    assert list(d)[:5] == ["question", "answer", "found", "figures", "sources"]
    assert set(d["sources"][0]) >= {"sheet", "section", "text", "score"}


def test_four_turn_conversation(assistant):
    conv = assistant.conversation()
    turns = ["令和2年度の日加会談数は？", "目標は？", "日米は？", "令和3年度の目標値は？"]
    got = [conv.ask(q).figures[0].value for q in turns]
    assert got == [3, 7, 30, 20]
    # A new full question starts a new frame.
    ans = conv.ask("インターンシップ事業の令和元年度の執行額は？")
    assert ans.figures[0].value == 31 and "インターンシップ" in ans.figures[0].subject


@pytest.mark.parametrize("question,words", [
    ("令和5年度の日加会談数は？", ["令和5年度", "令和2年度", "令和3年度"]),
    ("フランスとの首脳会談数は？", ["フランス"]),
    ("中国との会談数の実績は？", ["中国"]),
    ("外務本省の4年度概算要求額は？", ["記載されていません"]),
    ("令和3年度の日加会談数の実績は？", ["実績値", "令和3年度（年度目標値）"]),
])
def test_refusals_say_what_is_missing_and_what_is_there(assistant, question, words):
    ans = assistant.ask(question)
    assert not ans.found and ans.figures == []
    for w in words:
        assert w in ans.text, ans.text


def test_no_invented_numbers(assistant):
    """Every number in an answer is in one of its figures, a quoted passage, the citation or a labelled ratio."""
    for q in ["令和2年度の日加会談数は？", "グラスルーツ事業の令和2年度の予算", "ハローワークの就職率の推移",
              "在日米軍駐留経費負担の特別協定はどうなった？", "令和元年度の繰越し等は？"]:
        ans = assistant.ask(q)
        allowed = set()
        for f in ans.figures:
            allowed |= {str(abs(f.value)) if isinstance(f.value, int) else f"{abs(f.value):g}",
                        f"{abs(f.value):,}" if f.value is not None else ""}
            allowed |= set(re.findall(r"\d+", f"{f.year_label} {f.fiscal_year} {f.line} {' '.join(f.section)}"))
        quoted = " ".join(re.findall(r"「([^」]*)」", ans.text)) + " " + " ".join(s["text"] for s in ans.sources)
        body = re.sub(r"(達成率|執行率)約\d+%", "", ans.text)
        body = re.sub(r"［[\d〜]+行目］|令和\d+年度|平成\d+年度", "", body)
        for num in re.findall(r"\d[\d,.]*", body):
            assert num in allowed or num in quoted, (q, num, ans.text)


def test_trend_lists_years_in_order(assistant):
    ans = assistant.ask("インターンシップ事業の予算額の推移")
    vals = [(f.fiscal_year, f.value) for f in ans.figures if f.measure == "予算額計"]
    assert vals == [(2018, 45), (2019, 38), (2020, 36)]
    assert ans.text.index("平成30年度") < ans.text.index("令和元年度") < ans.text.index("令和2年度")


def test_prose_answer_quotes_the_sheet(assistant):
    ans = assistant.ask("在日米軍駐留経費負担の特別協定はどうなった？")
    assert ans.found and ans.figures == [] and ans.kind == "prose"
    assert "1年間延長することに合意" in ans.text and "測定指標3-1" in ans.text


def test_empty_question(assistant):
    ans = assistant.ask("  ")
    assert not ans.found and "空" in ans.text


def test_eval_set_meets_thresholds(assistant):
    """The shipped question set: exact answers, retrieval and refusals (thresholds, not 100%)."""
    report = evaluate(assistant, load_cases(ROOT / "tests" / "qa.jsonl"))
    s = report.summary()
    assert s["questions"] >= 60
    assert s["accuracy"] >= 0.95, report.text()
    assert s["by_kind"]["refusal"]["accuracy"] == 1.0, report.text()
    assert s["wrong_answers"] <= 1, report.text()
    assert s["retrieval"]["hit@5"] >= 0.95 and s["retrieval"]["hit@1"] >= 0.8, report.text()


def test_held_out_set(assistant):
    """40 questions written from the sheets by someone who had not read the code (see README)."""
    report = evaluate(assistant, load_cases(ROOT / "tests" / "qa_holdout.jsonl"))
    s = report.summary()
    assert s["questions"] == 40
    assert s["accuracy"] >= 0.9 and s["wrong_answers"] <= 1, report.text()
    assert s["by_kind"]["refusal"]["accuracy"] == 1.0, report.text()


def test_blind_question_sets(assistant):
    """224 questions written from the sheets alone by a helper who read no code (README: Evaluation). Both parts
    have since guided general fixes (first held-out run 59.8%); they guard against going back."""
    dev = evaluate(assistant, load_cases(ROOT / "tests" / "qa_blind_dev.jsonl")).summary()
    held = evaluate(assistant, load_cases(ROOT / "tests" / "qa_blind_holdout.jsonl")).summary()
    assert dev["accuracy"] >= 0.93 and dev["by_kind"]["refusal"]["accuracy"] == 1.0, dev
    assert held["accuracy"] >= 0.9 and held["by_kind"]["refusal"]["accuracy"] == 1.0, held


@pytest.fixture(scope="module")
def five_sheets(tmp_path_factory):
    """The three sheets above and two of other forms (国土交通省 施策目標個票, 総務省 評価書)."""
    import shutil

    from conftest import MEXT, MHLW, SEED, SHEETS
    from evalqa import Assistant, Index

    root = tmp_path_factory.mktemp("fresh")
    corpus = root / "corpus"
    corpus.mkdir()
    for p in (SEED, MEXT, MHLW, SHEETS / "mlit-r4-12-shisaku-kohyo.txt", SHEETS / "soumu-r4-7-hyokasho.txt"):
        shutil.copy(p, corpus / p.name)
    return Assistant(Index.build(corpus, root / "index", progress=False))


def test_fresh_question_set(five_sheets):
    """110 questions a second blind helper wrote over five sheets; first run 73.6% with 14 wrong answers."""
    report = evaluate(five_sheets, load_cases(ROOT / "tests" / "qa_fresh.jsonl"))
    s = report.summary()
    assert s["questions"] == 110
    assert s["accuracy"] >= 0.87 and s["by_kind"]["refusal"]["accuracy"] == 1.0, report.text()


def run_cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "evalqa", *args], input=stdin, capture_output=True, text=True)


def test_cli_ask_json(built):
    index = str(built[0] / "index")
    r = run_cli("ask", "--index", index, "--json", "令和2年度の日加会談数は？", "令和5年度の日加会談数は？")
    assert r.returncode == 0, r.stderr
    first, second = [json.loads(line) for line in r.stdout.splitlines()]
    assert first["figures"][0]["value"] == 3 and first["found"] is True and "年度目標値7" in first["answer"]
    assert first["question"] == "令和2年度の日加会談数は？"
    assert second["found"] is False and second["figures"] == []


def test_cli_chat_is_one_conversation(built):
    r = run_cli("chat", "--index", str(built[0] / "index"), "--json",
                stdin="令和2年度の日加会談数は？\n目標は？\n日米は？\n令和3年度の目標値は？\n")
    assert r.returncode == 0, r.stderr
    assert [json.loads(line)["figures"][0]["value"] for line in r.stdout.splitlines()] == [3, 7, 30, 20]


def test_cli_eval_and_errors(built, tmp_path):
    r = run_cli("eval", str(ROOT / "tests" / "qa.jsonl"), "--index", str(built[0] / "index"), "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["questions"] >= 60
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    r = run_cli("eval", str(bad), "--index", str(built[0] / "index"))
    assert r.returncode == 1 and f"{bad}:1: not a question object" in r.stderr
    r = run_cli("ask", "--index", str(tmp_path / "none"), "x")
    assert r.returncode == 1 and "no index here" in r.stderr and "Traceback" not in r.stderr
