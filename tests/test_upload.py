"""Uploads from the シート tab: a safe name, type, size and page limits, refusals that write nothing."""
from pathlib import Path

import pytest

from conftest import ROOT
from evalqa import upload
from evalqa.upload import UploadRefused, add_document, pdf_pages, safe_name

FIXTURE_PDF = ROOT / "tests" / "fixtures" / "mofa-r3-I-2-hokubei.pdf"


@pytest.mark.parametrize("original,name", [
    ("mofa-r3-I-2-hokubei.txt", "mofa-r3-I-2-hokubei.txt"),
    ("../../etc/passwd.txt", "passwd.txt"),
    ("C:\\Users\\me\\北米地域外交 (最終版).PDF", "北米地域外交_最終版.pdf"),
    (".hidden.xlsx", "hidden.xlsx"),
    ("a;rm -rf *.txt", "a_rm_-rf.txt"),
    ("....txt", "sheet.txt"),
])
def test_safe_name(original, name):
    assert safe_name(original) == name


def test_refusals_write_nothing(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "kept.txt").write_text("x", encoding="utf-8")
    src = tmp_path / "up"
    src.mkdir()

    def refused(name: str, data: bytes, original: str | None = None) -> str:
        f = src / name
        f.write_bytes(data)
        with pytest.raises(UploadRefused) as e:
            add_document(f, original or name, corpus, tmp_path / "index")
        return str(e.value)

    assert "この形式（.docx）は読めません" in refused("memo.docx", b"PK")
    assert "file is empty" in refused("empty.txt", b"")
    assert "corrupt" in refused("broken.pdf", b"%PDF-1.7\n1 0 obj garbage\n")
    assert "同じシートID「kept」の kept.txt" in refused("kept.pdf", b"%PDF-1.7\n")
    monkeypatch.setattr(upload, "MAX_BYTES", 10)
    assert "上限（0 MB）を超えています" in refused("big.txt", b"x" * 11)
    assert sorted(p.name for p in corpus.iterdir()) == ["kept.txt"]  # no staged file left behind
    assert not (tmp_path / "index").exists()


def test_pdf_page_limit(tmp_path, monkeypatch):
    if not FIXTURE_PDF.exists():
        pytest.skip(f"{FIXTURE_PDF} is missing (made by tools/make_fixtures.py)")
    pages = pdf_pages(FIXTURE_PDF)
    assert pages and pages > 1
    monkeypatch.setattr(upload, "MAX_PAGES", 1)
    with pytest.raises(UploadRefused, match=f"{pages} ページは上限（1 ページ）"):
        add_document(FIXTURE_PDF, FIXTURE_PDF.name, tmp_path, tmp_path / "index")
    assert list(tmp_path.iterdir()) == []
    assert pdf_pages(Path(__file__)) is None  # not a PDF: the reader will say why
