"""Nothing in corpus/ is skipped silently: unread files are reported by name with a reason, hidden files are
counted, and a file that fails to read leaves the index and the corpus as they were."""
import shutil
import sqlite3
import subprocess
import sys

import pytest

from conftest import SEED
from evalqa.build import BuildReport, build_index
from evalqa.corpus import scan_corpus


def test_scan_sorts_documents_reported_entries_and_hidden_files(tmp_path):
    for name in ["a.txt", "b.PDF", "c.xlsx", "notes.docx", "data.csv", "README.md", "old.xls", "noext",
                 ".DS_Store", "a.txt~", "#a.txt#", "~$c.xlsx", ".b.pdf.uploading", "a.pdf"]:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "more").mkdir()
    scan = scan_corpus(tmp_path)
    assert {k: v.name for k, v in scan.files.items()} == {"a": "a.pdf", "b": "b.PDF", "c": "c.xlsx"}
    assert set(scan.ignored) == {"notes.docx", "data.csv", "README.md", "old.xls", "noext", "more", "a.txt"}
    assert "Word document" in scan.ignored["notes.docx"] and "save it as PDF" in scan.ignored["notes.docx"]
    assert "same sheet id as a.pdf" in scan.ignored["a.txt"]
    assert "subfolders" in scan.ignored["more"]
    assert all(".pdf, .txt, .xlsx" in r for n, r in scan.ignored.items() if n not in ("a.txt", "more"))
    assert sorted(scan.hidden) == sorted([".DS_Store", "a.txt~", "#a.txt#", "~$c.xlsx", ".b.pdf.uploading"])


def test_report_lines_name_every_file():
    r = BuildReport(added=["x", "y"], general={"x": 23}, text_only=["y"], failed={"z": "file is empty"},
                    failed_files={"z": "z.pdf"}, ignored={"notes.docx": "a Word document is not read"},
                    hidden=[".DS_Store"])
    lines = r.lines()
    assert "general     1  x: not a 事前分析表, read by its own headings; 23 figures from its tables" in lines
    assert "text only   1  y: no tables recognised" in lines
    assert "failed      1  z.pdf: file is empty" in lines
    assert "ignored     1  notes.docx: a Word document is not read" in lines
    assert "hidden      1  dotfiles, editor backups or lock files, not read" in lines
    d = r.to_dict()
    assert d["ignored"] == {"notes.docx": "a Word document is not read"} and d["text_only"] == ["y"]


@pytest.mark.slow
def test_corrupt_pdf_and_docx_are_reported_and_the_index_is_untouched(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    assert build_index(corpus, index, progress=False).added == [SEED.stem]
    live = (index / "CURRENT").read_text()

    (corpus / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj garbage\n")
    (corpus / "memo.docx").write_bytes(b"PK\x03\x04 not really")
    (corpus / ".~lock.memo.docx#").write_bytes(b"lock")
    before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    r = subprocess.run([sys.executable, "-m", "evalqa", "build", "--corpus", str(corpus), "--index", str(index),
                        "-q"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "failed      1  broken.pdf: " in out and "corrupt" in out
    assert "ignored     1  memo.docx: a Word document is not read: save it as PDF" in out
    assert "hidden      1  dotfiles, editor backups or lock files, not read" in out
    assert f"evalqa: error: {corpus / 'broken.pdf'}: " in r.stderr and "memo.docx" in r.stderr
    assert "Traceback" not in r.stderr

    # The index and the corpus are as they were: no new generation, the files left in place.
    assert (index / "CURRENT").read_text() == live
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == before
    report = build_index(corpus, index, progress=False)
    assert report.failed == {"broken": report.failed["broken"]} and report.failed_files == {"broken": "broken.pdf"}
    assert report.ignored == {"memo.docx": "a Word document is not read: save it as PDF; the corpus reads "
                              ".pdf, .txt, .xlsx"}
    assert report.generation is None and report.unchanged == [SEED.stem]
    r = subprocess.run([sys.executable, "-m", "evalqa", "build", "--corpus", str(corpus), "--index", str(index),
                        "-q", "--json"], capture_output=True, text=True, check=True)
    assert '"memo.docx"' in r.stdout and '"broken.pdf"' in r.stdout

    from evalqa import Assistant, Index

    idx = Index.open(index)
    assert {s["id"] for s in idx.sheets()} == {SEED.stem}
    assert Assistant(idx).ask("令和2年度の日加会談数は？").figures[0].value == 3
    db = index / live.strip() / "evalqa.sqlite"
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        chunks = con.execute("SELECT count(*) FROM chunks").fetchone()[0]
        assert chunks == con.execute("SELECT count(*) FROM chunk_terms").fetchone()[0] > 0
