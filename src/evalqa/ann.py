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
# Flat search over 20k×384 vectors takes 4 ms here (a fifth of embedding the query), HNSW 0.6 ms.
HNSW_MIN = int(os.environ.get("EVALQA_HNSW_MIN", "10000"))
HNSW_M = 32  # graph degree
# Measured at 1,000 generated sheets (19,919 vectors): efConstruction 80 → 200 took the graph from 1.8 s to
# 5.4 s and recall@10 (ties counted) from 0.991 to 0.9995 at efSearch 256; efSearch 512 gained nothing more.
EF_CONSTRUCTION = 200
EF_SEARCH = 256  # candidates kept per search: recall against speed


def settings() -> dict:
    """What a generation's graph was built with: a build that finds other settings writes it again."""
    return {"hnsw_min": HNSW_MIN, "m": HNSW_M, "ef_construction": EF_CONSTRUCTION}


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


def recall_at(flat: Any, approx: Any, queries: np.ndarray, k: int = 10, ties: bool = False) -> float:
    """Share of the exact top-k that the approximate index also returns, over `queries`.

    With `ties`, a returned chunk counts when its vector (read from the flat index) is as similar to the
    query as the exact k-th: sheets repeat passages word for word, so several chunks share one vector and
    any of them is a right answer."""
    exact_sims, exact = flat.search(queries, k)
    _, found = approx.search(queries, k)
    total = sum(int((e >= 0).sum()) for e in exact)
    if not ties:
        hits = sum(len(set(e[e >= 0]) & set(f[f >= 0])) for e, f in zip(exact, found, strict=True))
        return hits / total if total else 1.0
    import faiss

    position = {int(i): p for p, i in enumerate(faiss.vector_to_array(flat.id_map))}
    hits = 0
    for q, sims, ids in zip(queries, exact_sims, found, strict=True):
        vectors = [flat.index.reconstruct(position[int(i)]) for i in ids if int(i) in position]
        hits += sum(float(v @ q) >= sims[-1] - 1e-5 for v in vectors)
    return min(1.0, hits / total) if total else 1.0
