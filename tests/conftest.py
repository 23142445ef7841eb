import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "mofa-r3-I-2-hokubei.txt"
SHEETS = Path(__file__).resolve().parent / "sheets"
MEXT = SHEETS / "mext-r1-II-3-kokusai.txt"  # UTF-8 with BOM, 令和元年度, three series, 基準値
MHLW = SHEETS / "mhlw-h30-V-1-shuro.txt"  # CP932, 平成30年度, no 個別分野

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def assistant_over(tmp_path_factory, name, paths):
    """An Assistant over an index built from a fresh corpus of ``paths`` (one per test module)."""
    import shutil

    from evalqa import Assistant, Index
    from evalqa.build import build_index

    root = tmp_path_factory.mktemp(name)
    (root / "corpus").mkdir()
    for p in paths:
        shutil.copy(p, root / "corpus" / p.name)
    build_index(root / "corpus", root / "index", progress=False)
    return Assistant(Index.open(root / "index"))


def assistant_over_texts(tmp_path_factory, name, texts):
    """An Assistant over sheets of our own given as text: ``texts`` maps a file name to its content."""
    root = tmp_path_factory.mktemp(f"{name}_src")
    for file_name, text in texts.items():
        (root / file_name).write_text(text, encoding="utf-8")
    return assistant_over(tmp_path_factory, name, tuple(root / f for f in texts))


def bot_over_texts(name, texts):
    """A module-scoped fixture ``bot``: an Assistant over sheets of our own given as text (as
    assistant_over_texts). A test module assigns it: ``bot = bot_over_texts("name", {"file.txt": SHEET})``."""
    @pytest.fixture(scope="module", name="bot")
    def _bot(tmp_path_factory):
        return assistant_over_texts(tmp_path_factory, name, texts)

    return _bot


@pytest.fixture(scope="session")
def seed():
    from evalqa import load_sheet

    return load_sheet(SEED)


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """corpus (seed + two test sheets) and its index, built once with the default embedder."""
    import shutil

    from evalqa.build import build_index

    root = tmp_path_factory.mktemp("built")
    corpus = root / "corpus"
    corpus.mkdir()
    for p in (SEED, MEXT, MHLW):
        shutil.copy(p, corpus / p.name)
    report = build_index(corpus, root / "index", progress=False)
    return root, report


@pytest.fixture(scope="session")
def assistant(built):
    from evalqa import Assistant, Index

    return Assistant(Index.open(built[0] / "index"))
