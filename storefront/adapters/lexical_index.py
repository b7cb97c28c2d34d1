"""BM25 over analysed terms, with bm25s (sparse, numpy backend).

bm25s builds in one pass and cannot add documents, so a change rebuilds the index; at
55,000 products that takes well under a second and runs off the request path.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import bm25s
import numpy as np

from storefront.services.search.ports import Scores


class Bm25Index:
    def __init__(self, *, k1: float = 1.2, b: float = 0.75) -> None:
        # k1 1.2 and b 0.75 (Lucene's defaults but k1): best on the dev sets.
        self._k1, self._b = k1, b
        self._lock = threading.Lock()
        self._ids = np.zeros(0, dtype=np.int64)
        self._model: bm25s.BM25 | None = None
        self._vocabulary: frozenset[str] = frozenset()

    def __len__(self) -> int:
        return int(self._ids.shape[0])

    def replace(self, ids: Sequence[int], documents: Sequence[list[str]]) -> None:
        model = None
        vocabulary: set[str] = set()
        if len(ids):
            model = bm25s.BM25(k1=self._k1, b=self._b, method="lucene")
            # An empty document would be dropped by bm25s; keep rows aligned with ids.
            model.index([doc or ["\x00"] for doc in documents], show_progress=False)
            vocabulary = set(model.vocab_dict)
        with self._lock:
            self._ids = np.asarray(ids, dtype=np.int64)
            self._model = model
            self._vocabulary = frozenset(vocabulary)

    def scores(self, terms: list[str]) -> Scores:
        with self._lock:
            model, ids, vocabulary = self._model, self._ids, self._vocabulary
        known = [t for t in terms if t in vocabulary]
        if model is None or not known:
            return np.zeros(len(ids), dtype=np.float32)
        return np.asarray(model.get_scores(known), dtype=np.float32)
