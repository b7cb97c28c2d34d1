"""Exact inner-product search with faiss over the catalog's embeddings.

Exact (IndexFlatIP) because at shop sizes it takes a few milliseconds and never misses. The
vectors live only inside the faiss index (reconstructed when needed), and every change
builds a new index that replaces the old one in one assignment, so searches running in
other threads always see a whole index.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

import faiss
import numpy as np

from storefront.services.search.ports import Hits, Matrix, Vector


@dataclass(frozen=True)
class _Snapshot:
    index: faiss.IndexFlatIP
    ids: np.ndarray
    rows: dict[int, int] = field(default_factory=dict)


class FaissVectorIndex:
    def __init__(self, dimension: int) -> None:
        self._dimension = dimension
        self._write_lock = threading.Lock()
        self._snapshot = self._build(np.zeros(0, dtype=np.int64), np.zeros((0, dimension)))

    def _build(self, ids: np.ndarray, vectors: np.ndarray) -> _Snapshot:
        index = faiss.IndexFlatIP(self._dimension)
        if len(ids):
            index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        rows = {int(pid): row for row, pid in enumerate(ids.tolist())}
        return _Snapshot(index, ids, rows)

    def __len__(self) -> int:
        return int(self._snapshot.ids.shape[0])

    def _all_vectors(self, snapshot: _Snapshot) -> np.ndarray:
        count = int(snapshot.ids.shape[0])
        if not count:
            return np.zeros((0, self._dimension), dtype=np.float32)
        return np.asarray(snapshot.index.reconstruct_n(0, count), dtype=np.float32)

    def replace(self, ids: Sequence[int], vectors: Matrix) -> None:
        vectors = np.asarray(vectors, dtype=np.float32).reshape(-1, self._dimension)
        with self._write_lock:
            self._snapshot = self._build(np.asarray(ids, dtype=np.int64), vectors)

    def upsert(self, ids: Sequence[int], vectors: Matrix) -> None:
        with self._write_lock:
            old = self._snapshot
            keep = ~np.isin(old.ids, np.asarray(ids, dtype=np.int64))
            all_ids = np.concatenate([old.ids[keep], np.asarray(ids, dtype=np.int64)])
            all_vectors = np.vstack([self._all_vectors(old)[keep], vectors])
            self._snapshot = self._build(all_ids, all_vectors)

    def remove(self, ids: Collection[int]) -> None:
        with self._write_lock:
            old = self._snapshot
            keep = ~np.isin(old.ids, np.fromiter(ids, dtype=np.int64))
            self._snapshot = self._build(old.ids[keep], self._all_vectors(old)[keep])

    def search(self, vector: Vector, k: int) -> Hits:
        snapshot = self._snapshot
        count = int(snapshot.ids.shape[0])
        if not count or k <= 0:
            return Hits((), ())
        query = np.ascontiguousarray(vector, dtype=np.float32).reshape(1, -1)
        scores, rows = snapshot.index.search(query, min(k, count))
        found = rows[0] >= 0
        return Hits(
            tuple(int(i) for i in snapshot.ids[rows[0][found]]),
            tuple(float(s) for s in scores[0][found]),
        )

    def vector(self, product_id: int) -> Vector | None:
        snapshot = self._snapshot
        row = snapshot.rows.get(product_id)
        if row is None:
            return None
        vector: Vector = np.asarray(snapshot.index.reconstruct(row), dtype=np.float32)
        return vector
