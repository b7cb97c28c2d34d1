"""Keeping the search index in step with the database.

Embeddings are stored with a hash of the text (and model) that produced them, so a restart
or a reindex with nothing changed encodes nothing; an edit re-encodes only what it touched.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import numpy as np

from storefront.services.search.change_feed import ChangeFeed
from storefront.services.search.hybrid import HybridSearch
from storefront.services.search.ports import (
    Embedder,
    EmbeddingClaims,
    Matrix,
    SearchDocument,
    SearchStore,
    StoredEmbedding,
)
from storefront.services.search.product_text import embedding_text, text_hash

Progress = Callable[[int, int], None]  # (done, total)
ENCODE_BATCH = 256
# A claim on a batch of texts lasts this long: far more than encoding 256 texts takes, and
# the longest another process waits for them before encoding them itself.
CLAIM_SECONDS = 120
CLAIM_WAIT_STEP = 0.25


@dataclass(frozen=True, slots=True)
class IndexReport:
    products: int
    embedded: int
    embed_seconds: float
    build_seconds: float


def embed_documents(
    store: SearchStore,
    embedder: Embedder,
    documents: Sequence[SearchDocument],
    progress: Progress | None = None,
    claims: EmbeddingClaims | None = None,
) -> tuple[Matrix, int, float]:
    """Vectors for `documents` in order: stored ones reused, new or changed ones encoded and
    saved. Returns the matrix, how many were encoded here and the seconds that took.

    With `claims`, processes share the encoding: each batch is encoded by the process that
    claims its texts first; the others take the vectors it stores (and claim again a text
    whose claim lapsed without its vector, its holder gone)."""
    model = embedder.model_name
    wanted_ids = {d.product_id for d in documents}
    stored = {e.product_id: e for e in store.embeddings(model, wanted_ids)}
    texts = [embedding_text(d) for d in documents]
    hashes = [text_hash(model, text) for text in texts]
    stale = [
        i
        for i, (doc, digest) in enumerate(zip(documents, hashes, strict=True))
        if (found := stored.get(doc.product_id)) is None or found.text_hash != digest
    ]
    matrix = np.zeros((len(documents), embedder.dimension), dtype=np.float32)
    for row, doc in enumerate(documents):
        found = stored.get(doc.product_id)
        if found is not None:
            matrix[row] = found.vector
    started = time.perf_counter()
    encoded, pending = 0, stale
    while pending:
        held: list[int] = []
        for start in range(0, len(pending), ENCODE_BATCH):
            rows = pending[start : start + ENCODE_BATCH]
            keys = {r: f"{model}:{documents[r].product_id}:{hashes[r]}" for r in rows}
            granted = claims.claim(list(keys.values()), CLAIM_SECONDS) if claims else None
            mine = [r for r in rows if granted is None or keys[r] in granted]
            held += [r for r in rows if granted is not None and keys[r] not in granted]
            if mine:
                vectors = embedder.encode([texts[r] for r in mine])
                matrix[mine] = vectors
                store.save_embeddings(
                    model,
                    [
                        StoredEmbedding(documents[r].product_id, hashes[r], vectors[n])
                        for n, r in enumerate(mine)
                    ],
                )
                encoded += len(mine)
            if progress:
                progress(len(stale) - len(pending) + start + len(rows), len(stale))
        pending = _taken_from_others(store, model, documents, hashes, matrix, held=held)
    return matrix, encoded, time.perf_counter() - started


def _taken_from_others(
    store: SearchStore,
    model: str,
    documents: Sequence[SearchDocument],
    hashes: Sequence[str],
    matrix: Matrix,
    *,
    held: list[int],
) -> list[int]:
    """Wait for the vectors of the rows other processes hold, fill them in, and return the
    rows whose claims lapsed without a vector (to claim again)."""
    waiting = list(held)
    deadline = time.monotonic() + CLAIM_SECONDS
    while waiting and time.monotonic() < deadline:
        time.sleep(CLAIM_WAIT_STEP)
        ids = {documents[r].product_id for r in waiting}
        found = {e.product_id: e for e in store.embeddings(model, ids)}
        still = []
        for row in waiting:
            vector = found.get(documents[row].product_id)
            if vector is not None and vector.text_hash == hashes[row]:
                matrix[row] = vector.vector
            else:
                still.append(row)
        waiting = still
    return waiting


def rebuild_index(
    store: SearchStore,
    search: HybridSearch,
    progress: Progress | None = None,
    claims: EmbeddingClaims | None = None,
) -> IndexReport:
    """Load every active product into the search index, encoding only what changed (with
    `claims`, sharing the encoding with the shop's other processes)."""
    documents = store.documents()
    matrix, embedded, embed_seconds = embed_documents(
        store, search.embedder, documents, progress, claims
    )
    started = time.perf_counter()
    search.load(documents, matrix)
    return IndexReport(len(documents), embedded, embed_seconds, time.perf_counter() - started)


def refresh_products(
    store: SearchStore,
    search: HybridSearch,
    product_ids: Collection[int],
    claims: EmbeddingClaims | None = None,
) -> IndexReport:
    """Follow a change to some products: re-read, re-encode if their text changed, re-index.
    Products no longer active leave the index."""
    documents = store.documents(product_ids)
    matrix, embedded, embed_seconds = embed_documents(
        store, search.embedder, documents, claims=claims
    )
    started = time.perf_counter()
    removed = set(product_ids) - {d.product_id for d in documents}
    search.update(documents, matrix, removed)
    return IndexReport(len(documents), embedded, embed_seconds, time.perf_counter() - started)


def follow_changes(
    store: SearchStore,
    search: HybridSearch,
    feed: ChangeFeed,
    *,
    restructured: bool,
    claims: EmbeddingClaims | None = None,
) -> None:
    """Bring the index up to date: the products the feed reports, or every product after the
    catalog was restructured (a large import stamps its products batch by batch, maybe long
    before it commits, so the feed's look-back may not reach them; unchanged texts are not
    re-encoded). Products count as seen only once indexed, so a failed round is repeated."""
    if restructured:
        feed.start()
        rebuild_index(store, search, claims=claims)
        return
    changed = feed.poll()
    if changed:
        refresh_products(store, search, changed, claims)
    feed.commit()
