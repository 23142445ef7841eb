"""Adding a document to the corpus from an upload: a safe file name, size and page limits, an atomic write.

The UI's シート tab calls `add_document`; it validates the file by parsing it before anything is written, so
a file that cannot be read leaves the corpus and the index as they were.
"""
from __future__ import annotations

import os
import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .build import BuildReport, build_index
from .corpus import suffix_list
from .errors import SheetError
from .parser import load_sheet
from .readers import SUFFIXES
from .sheet import GENERAL, Sheet

MAX_BYTES = 20 * 1024 * 1024  # 20 MB
MAX_PAGES = 200  # a PDF's pages; ministries' sheets have a few dozen at most
MAX_FILES = 10  # files in one upload: each is parsed and indexed while the uploader waits


class UploadRefused(ValueError):
    """An upload that is not added; the message says why (in Japanese, for the UI)."""


@dataclass
class Added:
    """What an accepted upload did: the corpus file, whether it replaced one, the sheet and the build report."""

    name: str
    replaced: bool
    sheet: Sheet
    report: BuildReport
    notes: list[str] = field(default_factory=list)


def safe_name(original: str) -> str:
    """A corpus file name from an uploaded one: no folder parts, letters (Japanese too), digits, 「_」 and
    「-」 only, no leading dot, at most 80 characters before the suffix (lower-cased)."""
    base = unicodedata.normalize("NFKC", Path(original.replace("\\", "/")).name)
    stem, dot, ext = base.rpartition(".")
    stem, suffix = (stem, dot + ext) if dot else (ext, "")
    stem = re.sub(r"[^\w\-]+", "_", stem)
    stem = re.sub(r"_{2,}", "_", stem).strip("._-")[:80] or "sheet"
    return stem + suffix.lower()


def pdf_pages(path: Path) -> int | None:
    """The page count of a PDF from its page tree (cheap: nothing is rendered); None when it cannot be
    opened, which the reader then reports (encrypted, corrupt …)."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        return None
    try:
        doc = pdfium.PdfDocument(str(path))
    except Exception:  # pdfium's own errors; the PDF reader says what is wrong with the file
        return None
    try:
        return len(doc)
    finally:
        doc.close()


def check_upload(src: Path, name: str) -> None:
    """Refuse a file of another type, over 20 MB, or a PDF over 200 pages, before it is parsed."""
    suffix = Path(name).suffix
    if suffix not in SUFFIXES:
        kind = suffix or "拡張子なし"
        raise UploadRefused(f"{name}: この形式（{kind}）は読めません。{suffix_list()} のみ受け付けます")
    size = src.stat().st_size
    if size > MAX_BYTES:
        mb = size / 2**20
        raise UploadRefused(f"{name}: {mb:.1f} MB は上限（{MAX_BYTES // 2**20} MB）を超えています")
    if suffix == ".pdf" and (pages := pdf_pages(src)) is not None and pages > MAX_PAGES:
        raise UploadRefused(f"{name}: {pages} ページは上限（{MAX_PAGES} ページ）を超えています")


def add_document(src: Path, original_name: str, corpus_dir: Path, index_dir: Path) -> Added:
    """Validate an uploaded document, write it into the corpus atomically and build the index.

    Raises `UploadRefused` (nothing written) for a bad name, type, size or page count, a sheet id that
    another file already uses, or a file that cannot be read (the reader's reason is given).
    """
    name = safe_name(original_name)
    check_upload(src, name)
    stem, target = Path(name).stem, corpus_dir / name
    others = [p.name for p in corpus_dir.glob(f"{glob_escape(stem)}.*") if p.name != name and p.suffix.lower()
              in SUFFIXES]
    if others:
        raise UploadRefused(f"{name}: 同じシートID「{stem}」の {others[0]} が corpus/ にあります。"
                            "名前を変えるか、古いファイルを削除してから追加してください")
    # Staged under a hidden name with the right suffix: the build does not see it, the reader can read it.
    staged = corpus_dir / f".{stem}.uploading{Path(name).suffix}"
    try:
        shutil.copyfile(src, staged)
        with open(staged, "rb") as f:
            os.fsync(f.fileno())
        try:
            sheet = load_sheet(staged, sheet_id=stem)
        except SheetError as e:
            raise UploadRefused(f"{name}: {e.reason}") from None
        replaced = target.exists()
        os.replace(staged, target)
    finally:
        staged.unlink(missing_ok=True)
    report = build_index(corpus_dir, index_dir, progress=False)
    notes = [f"既存の {name} を置き換えました"] if replaced else []
    if sheet.form == GENERAL:
        tables = "（読み取れた表の数値も登録）" if sheet.figures else "（表は読み取れませんでした: text only）"
        notes.append("事前分析表の様式ではないため、見出しと本文を索引しました" + tables)
    return Added(name, replaced, sheet, report, notes)


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)
