"""Processes share the encoding of changed products: each text is encoded once across the
shop, the others take its stored vector; a claim whose holder died lapses."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

import numpy as np
import pytest

from storefront.services.search import indexing
from storefront.services.search.indexing import embed_documents
from storefront.services.search.product_text import embedding_text, text_hash
from tests.search_fakes import FakeEmbedder, FakeSearchStore
from tests.unit.search.conftest import CATALOG


class SharedClaims:
    """As Redis's SET NX EX does it, for threads standing in for processes."""

    def __init__(self) -> None:
        self.until: dict[str, float] = {}
        self._lock = threading.Lock()

    def claim(self, keys: Sequence[str], seconds: int) -> set[str]:
        now = time.monotonic()
        with self._lock:
            granted = {key for key in keys if self.until.get(key, 0.0) <= now}
            for key in granted:
                self.until[key] = now + seconds
        return granted


def test_two_processes_encode_each_changed_text_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(indexing, "ENCODE_BATCH", 2)
    store, claims = FakeSearchStore(CATALOG), SharedClaims()
    embedders = [FakeEmbedder(), FakeEmbedder()]
    matrices: list[np.ndarray] = [np.zeros(0), np.zeros(0)]
    start = threading.Barrier(2)

    def process(n: int) -> None:
        start.wait()
        matrices[n], _, _ = embed_documents(store, embedders[n], CATALOG, claims=claims)

    threads = [threading.Thread(target=process, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sum(e.encoded for e in embedders) == len(CATALOG)  # not twice
    assert np.array_equal(matrices[0], matrices[1])
    assert np.all(np.linalg.norm(matrices[0], axis=1) > 0)  # every row has its vector


def test_a_claim_whose_holder_died_lapses_and_is_encoded_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(indexing, "CLAIM_SECONDS", 0.3)
    store, claims, embedder = FakeSearchStore(CATALOG), SharedClaims(), FakeEmbedder()
    # Another process claimed every text, then died before storing a vector.
    model = embedder.model_name
    keys = [f"{model}:{d.product_id}:{text_hash(model, embedding_text(d))}" for d in CATALOG]
    assert claims.claim(keys, 0.3) == set(keys)  # type: ignore[arg-type]
    started = time.monotonic()
    matrix, encoded, _ = embed_documents(store, embedder, CATALOG, claims=claims)
    assert encoded == len(CATALOG)
    assert time.monotonic() - started >= 0.25  # it waited for the claims to lapse
    assert np.all(np.linalg.norm(matrix, axis=1) > 0)
