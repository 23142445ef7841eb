"""What a corpus folder holds: the documents to index, and every other entry with the reason it is not read.

Nothing is skipped silently. A document is a `.txt`, `.pdf` or `.xlsx` file (`readers.SUFFIXES`) whose stem
is its sheet id. Every other file or folder is reported by name with a reason. Dotfiles, editor backups
(「name~」「#name#」) and Office lock files (「~$name.xlsx」) are not named one by one: they are what editors
and uploads leave behind while they write, and the report gives how many there were.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .readers import SUFFIXES

# Hints for the file types people most often drop into the corpus by mistake.
_HINTS = {
    ".docx": "a Word document is not read: save it as PDF",
    ".doc": "a Word document is not read: save it as PDF",
    ".xls": "the old Excel format is not read: save it as .xlsx",
    ".xlsm": "a macro workbook is not read: save it as .xlsx",
    ".csv": "CSV is not read: save the sheet as .xlsx, or as tab-separated .txt",
    ".md": "not a sheet (notes or a README)",
    ".json": "not a sheet",
    ".zip": "an archive is not read: unpack it into the corpus folder",
}


@dataclass
class CorpusScan:
    """The documents of a corpus folder by sheet id, and what is not read."""

    files: dict[str, Path] = field(default_factory=dict)
    ignored: dict[str, str] = field(default_factory=dict)  # entry name → why it is not read
    hidden: list[str] = field(default_factory=list)  # dotfiles, editor backups, lock files: counted


def is_hidden(name: str) -> bool:
    """Dotfiles (also an upload in progress, 「.name.uploading」), editor backups and Office lock files."""
    return name.startswith((".", "~$")) or name.endswith("~") or bool(re.fullmatch(r"#.*#", name))


def suffix_list() -> str:
    return ", ".join(sorted(SUFFIXES))


def scan_corpus(corpus: Path) -> CorpusScan:
    """Sort the entries of a corpus folder into documents, reported entries and hidden files."""
    scan = CorpusScan()
    for p in sorted(corpus.iterdir()):
        name = p.name
        if is_hidden(name):
            scan.hidden.append(name)
        elif p.is_dir():
            scan.ignored[name] = "a folder: documents in subfolders are not read"
        elif not p.is_file():
            scan.ignored[name] = "not a regular file"
        elif (suffix := p.suffix.lower()) not in SUFFIXES:
            hint = _HINTS.get(suffix, f"not a document type that is read ({suffix or 'no suffix'})")
            scan.ignored[name] = f"{hint}; the corpus reads {suffix_list()}"
        elif p.stem in scan.files:
            scan.ignored[name] = (f"same sheet id as {scan.files[p.stem].name} (the file stem is the sheet id): "
                                  "rename or remove one of them")
        else:
            scan.files[p.stem] = p
    return scan
