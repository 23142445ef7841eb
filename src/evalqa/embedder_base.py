"""What every embedder is: the interface, its error, and the threads a native engine may use."""
from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Protocol

import numpy as np


class EmbedderError(RuntimeError):
    """A model that cannot be loaded, with what to do about it."""


class Embedder(Protocol):
    id: str  # stable: the same id means the same vectors
    name: str  # what to pass to `load_embedder` to get this embedder back
    dim: int

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def encode_documents(self, texts: Sequence[str], batch_size: int = 16, progress: bool = False) -> np.ndarray: ...


def default_threads() -> int:
    """Threads for the native embedder: EVALQA_EMBED_THREADS, else the cores this process may use."""
    env = os.environ.get("EVALQA_EMBED_THREADS")
    if env:
        try:
            return max(1, int(env))
        except ValueError:
            raise EmbedderError(f"EVALQA_EMBED_THREADS must be a number, got {env!r}") from None
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1
