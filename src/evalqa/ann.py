"""The vector index chosen by size: exact (flat inner product) while it is fast enough, HNSW beyond.

A generation always keeps the flat index (`vectors.faiss`): builds edit it (HNSW cannot remove vectors)
and filtered searches rank with it. From `HNSW_MIN` vectors on, a build also writes `vectors.hnsw`, an
HNSW graph over the same vectors and ids, rebuilt from the flat one each time a generation is written;
unfiltered searches then use it. `evalqa bench` reports its recall@10 against the flat index.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

APPROXIMATE = "vectors.hnsw"
HNSW_MIN = int(os.environ.get("EVALQA_HNSW_MIN", "50000"))  # flat search over 50k×384 takes about 5 ms here
HNSW_M = 32  # graph degree
EF_CONSTRUCTION = 80
EF_SEARCH = 128  # candidates kept per search: recall against speed


def write_approximate(folder: Path, flat: Any, minimum: int | None = None) -> bool:
    """Write (or remove) the generation's HNSW index for its flat one; True if written."""
    import faiss

    target = folder / APPROXIMATE
    if flat.ntotal < (HNSW_MIN if minimum is None else minimum):
        target.unlink(missing_ok=True)
        return False
    ids = faiss.vector_to_array(flat.id_map).astype("int64")
    vectors = flat.index.reconstruct_n(0, flat.ntotal)
    graph = faiss.IndexHNSWFlat(flat.d, HNSW_M, faiss.METRIC_INNER_PRODUCT)
    graph.hnsw.efConstruction = EF_CONSTRUCTION
    approx = faiss.IndexIDMap(graph)
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(os.cpu_count() or 1)  # building the graph is the slow part: every core
    try:
        approx.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), ids)
    finally:
        faiss.omp_set_num_threads(threads)
    faiss.write_index(approx, str(target))
    return True


def read_approximate(folder: Path) -> Any | None:
    """The generation's HNSW index, or None when it has none (a small index searches exactly)."""
    import faiss

    path = folder / APPROXIMATE
    if not path.exists():
        return None
    approx = faiss.read_index(str(path))
    graph: Any = faiss.downcast_index(approx.index)  # type: ignore[attr-defined]
    graph.hnsw.efSearch = EF_SEARCH
    return approx


def recall_at(flat: Any, approx: Any, queries: np.ndarray, k: int = 10) -> float:
    """Share of the exact top-k that the approximate index also returns, over `queries`."""
    _, exact = flat.search(queries, k)
    _, found = approx.search(queries, k)
    hits = sum(len(set(e[e >= 0]) & set(f[f >= 0])) for e, f in zip(exact, found, strict=True))
    total = sum(int((e >= 0).sum()) for e in exact)
    return hits / total if total else 1.0
