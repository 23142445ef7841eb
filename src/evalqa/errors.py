"""Errors of the reading stage."""
from __future__ import annotations

from pathlib import Path


class SheetError(ValueError):
    """A file that cannot be read as a sheet; the message names the file and the problem."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")
