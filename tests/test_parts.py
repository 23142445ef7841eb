"""A file that holds two 施策 (a sheet of our own): each is a sheet of its own in the index, `<id>` and `<id>#2`,
with its own title, fields and figures; rebuilding after the file changes or goes keeps no stale part."""
import shutil

import pytest

from evalqa import Index, load_sheet, load_sheets
from evalqa.build import build_index
from evalqa.parts import file_id, part_id

_PART = """（内閣府R6－⑨－{n}）令和6年度実施施策に係る政策評価の事前分析表　〔施策{n}／2〕
施策名	{title}	担当部局名	{bureau}
政策評価実施予定時期	{when}

１．施策の予算額・執行額等（単位：百万円）
区分	令和3年度	令和4年度	令和5年度
当初予算（a）	{b1}	{b2}	{b3}
執行額	{e1}	{e2}	{e3}

２．測定指標
測定指標	令和3年度	令和4年度	令和5年度	目標値（令和7年度）
研究成果に基づく特許出願件数（件）	{p1}	{p2}	{p3}	300
"""
TWO = _PART.format(n=1, title="宇宙輸送技術の研究開発の推進", bureau="宇宙輸送推進室", when="令和7年8月",
                   b1="1,200", b2="1,250", b3="1,300", e1="1,100", e2="1,180", e3="1,240",
                   p1="120", p2="131", p3="142") + "\n" + \
    _PART.format(n=2, title="月面探査技術の研究開発の推進", bureau="月面探査推進室", when="令和8年8月",
                 b1="800", b2="820", b3="860", e1="700", e2="790", e3="845", p1="40", p2="52", p3="61")


def test_part_ids_name_their_file():
    assert part_id("csti-r6-9", 0) == "csti-r6-9" and part_id("csti-r6-9", 1) == "csti-r6-9#2"
    assert file_id("csti-r6-9#2") == "csti-r6-9" and file_id("csti-r6-9") == "csti-r6-9"
    assert file_id("csti-r6-90#2") != "csti-r6-9" and file_id("csti#x") == "csti#x"  # (only a number is a part)


def test_each_policy_of_a_file_is_a_sheet_with_its_own_fields_and_figures(tmp_path):
    path = tmp_path / "cao-r6-9-uchu.txt"
    path.write_text(TWO, encoding="utf-8")
    first, second = load_sheets(path)
    assert (first.id, second.id) == ("cao-r6-9-uchu", "cao-r6-9-uchu#2")
    assert (first.title, second.title) == ("宇宙輸送技術の研究開発の推進", "月面探査技術の研究開発の推進")
    assert (first.metadata["evaluation_time"], second.metadata["evaluation_time"]) == ("令和7年8月", "令和8年8月")

    def value(sheet, subject, measure, year):
        return [f.value for f in sheet.figures if f.subject.startswith(subject) and f.measure == measure
                and f.fiscal_year == year]
    assert value(first, "施策の予算額", "執行額", 2023) == [1240]
    assert value(second, "施策の予算額", "執行額", 2023) == [845]  # not the first 施策's too
    assert value(second, "研究成果に基づく特許出願件数", "実績値", 2022) == [52]
    assert all(f.line > 17 for f in second.figures)  # lines are the file's (citations point into it)
    one = tmp_path / "cao-r6-8-uchu.txt"
    one.write_text(TWO.split("\n\n（内閣府")[0], encoding="utf-8")
    assert [s.id for s in load_sheets(one)] == ["cao-r6-8-uchu"]
    assert load_sheet(path).id == "cao-r6-9-uchu"  # (the whole file, as before)


@pytest.mark.slow
def test_the_index_holds_each_policy_and_a_rebuild_keeps_no_stale_part(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "cao-r6-9-uchu.txt").write_text(TWO, encoding="utf-8")
    shutil.copy(__import__("conftest").SEED, corpus)
    build_index(corpus, index, progress=False)
    ids = {s["id"] for s in Index.open(index).sheets()}
    assert {"cao-r6-9-uchu", "cao-r6-9-uchu#2"} <= ids
    report = build_index(corpus, index, progress=False)  # nothing changed: nothing rebuilt, nothing removed
    assert not report.added and not report.updated and not report.removed
    (corpus / "cao-r6-9-uchu.txt").write_text(TWO.split("\n\n（内閣府")[0], encoding="utf-8")  # one 施策 left
    build_index(corpus, index, progress=False)
    ids = {s["id"] for s in Index.open(index).sheets()}
    assert "cao-r6-9-uchu" in ids and "cao-r6-9-uchu#2" not in ids
    (corpus / "cao-r6-9-uchu.txt").unlink()
    build_index(corpus, index, progress=False)
    assert not [s for s in Index.open(index).sheets() if s["id"].startswith("cao-r6-9-uchu")]
