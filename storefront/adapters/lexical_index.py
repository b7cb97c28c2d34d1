"""BM25 over analysed terms, with bm25s (sparse, numpy backend).

bm25s builds in one pass and cannot add documents, so a change rebuilds the index; at
55,000 products that takes well under a second and runs off the request path.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import bm25s
import numpy as np

from storefront.services.search.ports import Scores

# bm25s sets its logger to DEBUG as it is imported, which logged its steps whatever the
# shop's level (BOUTIQUE_LOG_LEVEL): it follows the shop's again.
logging.getLogger("bm25s").setLevel(logging.NOTSET)
_EMPTY = "\x00"  # the one term of a document without any


class Bm25Index:
    def __init__(self, *, k1: float = 1.2, b: float = 0.75) -> None:
        # k1 1.2 and b 0.75 (Lucene's defaults but k1): best on the dev sets.
        self._k1, self._b = k1, b

    def build(self, documents: Sequence[list[str]]) -> Bm25Scorer:
        if not documents:
            return Bm25Scorer(None, frozenset(), 0)
        model = bm25s.BM25(k1=self._k1, b=self._b, method="lucene")
        # An empty document gets a placeholder term: bm25s fails on a corpus of empty ones
        # (products with no words yet), and the rows must stay aligned with the documents.
        # The placeholder is kept out of the vocabulary: no query matches it.
        model.index([doc or [_EMPTY] for doc in documents], show_progress=False)
        return Bm25Scorer(model, frozenset(model.vocab_dict) - {_EMPTY}, len(documents))


class Bm25Scorer:
    """One built index; a rebuild makes a new one, so a search never sees half of two."""

    def __init__(self, model: bm25s.BM25 | None, vocabulary: frozenset[str], count: int) -> None:
        self._model, self._vocabulary, self._count = model, vocabulary, count

    def scores(self, terms: list[str]) -> Scores:
        # Each term once: bm25s sums a repeated one again, so "lamp lamp oak" would rank as
        # if lamps mattered twice as much as oak.
        known = [t for t in dict.fromkeys(terms) if t in self._vocabulary]
        if self._model is None or not known:
            return np.zeros(self._count, dtype=np.float32)
        return np.asarray(self._model.get_scores(known), dtype=np.float32)
