"""Exact inner-product search with faiss over the catalog's embeddings.

Exact (IndexFlatIP) because at shop sizes it takes a few milliseconds and never misses. A
numpy copy of the vectors serves lookups (a product's own vector, the cosine of a few
hundred candidates). Every change builds a new snapshot that replaces the old one in one
assignment, so searches in other threads always see a whole index.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import faiss
import numpy as np
import numpy.typing as npt

from storefront.services.search.ports import Hits, Matrix, Scores, Vector


@dataclass(frozen=True)
class _Snapshot:
    index: faiss.IndexFlatIP
    ids: npt.NDArray[np.int64]
    vectors: npt.NDArray[np.float32]
    rows: dict[int, int]


class FaissVectorIndex:
    def __init__(self, dimension: int) -> None:
        # One OpenMP thread: a single query over 55k vectors then takes ~3 ms; with two,
        # the threads spin against each other and the web workers (measured 20 ms).
        faiss.omp_set_num_threads(1)
        self._dimension = dimension
        self._write_lock = threading.Lock()
        self._snapshot = self._build(
            np.zeros(0, dtype=np.int64), np.zeros((0, dimension), dtype=np.float32)
        )

    def _build(self, ids: npt.NDArray[np.int64], vectors: npt.NDArray[np.float32]) -> _Snapshot:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, self._dimension)
        # One row per product, the last vector given for it winning (two rows for a product
        # given twice in one batch brought it back twice from a search), and rows in
        # product-id order: of products tied at the cut faiss keeps the first rows, so the
        # lowest ids, however the products were added.
        if len(ids) > 1 and not bool(np.all(ids[1:] > ids[:-1])):
            unique, last = np.unique(ids[::-1], return_index=True)
            ids, vectors = unique, np.ascontiguousarray(vectors[len(ids) - 1 - last])
        index = faiss.IndexFlatIP(self._dimension)
        if len(ids):
            index.add(vectors)
        rows = {int(pid): row for row, pid in enumerate(ids.tolist())}
        return _Snapshot(index, ids, vectors, rows)

    def __len__(self) -> int:
        return int(self._snapshot.ids.shape[0])

    def replace(self, ids: Sequence[int], vectors: Matrix) -> None:
        with self._write_lock:
            self._snapshot = self._build(np.asarray(ids, dtype=np.int64), vectors)

    def upsert(self, ids: Sequence[int], vectors: Matrix) -> None:
        with self._write_lock:
            old = self._snapshot
            keep = ~np.isin(old.ids, np.asarray(ids, dtype=np.int64))
            self._snapshot = self._build(
                np.concatenate([old.ids[keep], np.asarray(ids, dtype=np.int64)]),
                np.vstack([old.vectors[keep], vectors]),
            )

    def remove(self, ids: Collection[int]) -> None:
        with self._write_lock:
            old = self._snapshot
            keep = ~np.isin(old.ids, np.fromiter(ids, dtype=np.int64))
            self._snapshot = self._build(old.ids[keep], old.vectors[keep])

    def search(self, vector: Vector, k: int) -> Hits:
        snapshot = self._snapshot
        count = int(snapshot.ids.shape[0])
        if not count or k <= 0:
            return Hits((), ())
        query = np.ascontiguousarray(vector, dtype=np.float32).reshape(1, -1)
        scores, rows = snapshot.index.search(query, min(k, count))
        found = rows[0] >= 0
        ids, best = snapshot.ids[rows[0][found]], scores[0][found]
        # Ties by product id: faiss returns equal scores in no useful order, and the
        # similar-products row should not reshuffle after an unrelated edit.
        order = np.lexsort((ids, -best))
        return Hits(tuple(int(i) for i in ids[order]), tuple(float(s) for s in best[order]))

    def similarities(self, vector: Vector, product_ids: Sequence[int]) -> Scores:
        snapshot = self._snapshot
        rows = np.fromiter((snapshot.rows.get(p, -1) for p in product_ids), dtype=np.int64)
        known = rows >= 0
        result = np.zeros(len(rows), dtype=np.float32)
        if known.any():
            result[known] = snapshot.vectors[rows[known]] @ vector.astype(np.float32)
        return result

    def vector(self, product_id: int) -> Vector | None:
        snapshot = self._snapshot
        row = snapshot.rows.get(product_id)
        return None if row is None else snapshot.vectors[row]
