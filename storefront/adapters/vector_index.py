"""Exact inner-product search with faiss over the catalog's embeddings.

Exact (IndexFlatIP) because at shop sizes it is a few milliseconds and never misses; the
vectors are kept beside the index so that a product's own vector can be looked up and
single products replaced without re-reading the database.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Sequence

import faiss
import numpy as np

from storefront.services.search.ports import Hits, Matrix, Vector


class FaissVectorIndex:
    def __init__(self, dimension: int) -> None:
        self._dimension = dimension
        self._lock = threading.RLock()
        self._ids = np.zeros(0, dtype=np.int64)
        self._vectors = np.zeros((0, dimension), dtype=np.float32)
        self._row: dict[int, int] = {}
        self._index = faiss.IndexFlatIP(dimension)

    def __len__(self) -> int:
        return int(self._ids.shape[0])

    def replace(self, ids: Sequence[int], vectors: Matrix) -> None:
        index = faiss.IndexFlatIP(self._dimension)
        vectors = np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, self._dimension)
        if len(ids):
            index.add(vectors)
        with self._lock:
            self._ids = np.asarray(ids, dtype=np.int64)
            self._vectors = vectors
            self._row = {int(pid): row for row, pid in enumerate(self._ids.tolist())}
            self._index = index

    def upsert(self, ids: Sequence[int], vectors: Matrix) -> None:
        with self._lock:
            keep = ~np.isin(self._ids, np.asarray(ids, dtype=np.int64))
            all_ids = np.concatenate([self._ids[keep], np.asarray(ids, dtype=np.int64)])
            all_vectors = np.vstack([self._vectors[keep], vectors])
            self.replace(all_ids.tolist(), all_vectors)

    def remove(self, ids: Collection[int]) -> None:
        with self._lock:
            keep = ~np.isin(self._ids, np.fromiter(ids, dtype=np.int64))
            self.replace(self._ids[keep].tolist(), self._vectors[keep])

    def search(self, vector: Vector, k: int) -> Hits:
        with self._lock:
            index, ids = self._index, self._ids
        if not len(ids) or k <= 0:
            return Hits((), ())
        scores, rows = index.search(vector.reshape(1, -1).astype(np.float32), min(k, len(ids)))
        found = rows[0] >= 0
        return Hits(
            tuple(int(i) for i in ids[rows[0][found]]),
            tuple(float(s) for s in scores[0][found]),
        )

    def vector(self, product_id: int) -> Vector | None:
        with self._lock:
            row = self._row.get(product_id)
            return None if row is None else self._vectors[row]
