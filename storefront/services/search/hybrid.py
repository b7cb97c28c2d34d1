"""Hybrid product search: BM25 over weighted fields and MiniLM similarity, fused by score.

Per process, built from the database and refreshed on catalog changes; never stored in
State. The ranking steps are plain functions so that unit tests can pin them down.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from storefront.services.search.analysis import terms, words
from storefront.services.search.ports import (
    Embedder,
    Hits,
    LexicalIndex,
    Matrix,
    SearchDocument,
    VectorIndex,
)
from storefront.services.search.product_text import lexical_fields
from storefront.services.search.spelling import SpellingCorrector

# How often each field's terms are repeated in the BM25 document: a cheap field weight.
FIELD_WEIGHTS: Mapping[str, int] = {
    "title": 2,
    "brand": 1,
    "category": 1,
    "attributes": 1,
    "description": 1,
}
DESCRIPTION_WORDS = 60


@dataclass(frozen=True, slots=True)
class RankingParams:
    """The few knobs of the fusion, set once from dev data (never per query)."""

    candidates: int = 100
    lexical_weight: float = 0.5
    # Below this cosine, with no keyword match either, results are "nearest", not matches.
    close_match_cosine: float = 0.45


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    ids: tuple[int, ...]
    scores: tuple[float, ...]
    corrected_query: str | None
    # False when nothing matched closely and the ids are merely the nearest products.
    close_match: bool


def document_terms(doc: SearchDocument) -> list[str]:
    """BM25 terms of a product, fields repeated by weight."""
    fields = lexical_fields(doc)
    fields["description"] = " ".join(fields["description"].split()[:DESCRIPTION_WORDS])
    result: list[str] = []
    for name, weight in FIELD_WEIGHTS.items():
        result += terms(fields[name]) * weight
    return result


def fuse(lexical: Hits, semantic: Hits, lexical_weight: float, k: int) -> Hits:
    """Convex combination of scores, each list scaled to [0, 1] by its own best score."""
    combined: dict[int, float] = {}
    for hits, weight in ((lexical, lexical_weight), (semantic, 1.0 - lexical_weight)):
        if not hits.ids:
            continue
        top = max(hits.scores[0], 1e-9)
        for product_id, score in zip(hits.ids, hits.scores, strict=True):
            combined[product_id] = combined.get(product_id, 0.0) + weight * max(score, 0) / top
    ranked = sorted(combined.items(), key=lambda item: -item[1])[:k]
    return Hits(tuple(i for i, _ in ranked), tuple(s for _, s in ranked))


class HybridSearch:
    """The catalog's search index: documents, a lexical and a vector index, a speller."""

    def __init__(
        self,
        embedder: Embedder,
        vectors: VectorIndex,
        lexical: LexicalIndex,
        params: RankingParams | None = None,
    ) -> None:
        self.embedder = embedder
        self.vectors = vectors
        self._lexical = lexical
        self.params = params or RankingParams()
        self._lock = threading.Lock()
        self._documents: dict[int, SearchDocument] = {}
        self._terms: dict[int, list[str]] = {}
        self._speller = SpellingCorrector(())

    def __len__(self) -> int:
        return len(self._documents)

    def document(self, product_id: int) -> SearchDocument | None:
        return self._documents.get(product_id)

    def documents(self) -> Iterable[SearchDocument]:
        return self._documents.values()

    def load(self, documents: Sequence[SearchDocument], vectors: Matrix) -> None:
        """Replace everything: the documents and their vectors, row for row."""
        with self._lock:
            self._documents = {d.product_id: d for d in documents}
            self._terms = {d.product_id: document_terms(d) for d in documents}
            self.vectors.replace([d.product_id for d in documents], vectors)
            self._rebuild_lexical()

    def update(
        self, documents: Sequence[SearchDocument], vectors: Matrix, removed: Iterable[int] = ()
    ) -> None:
        """Add or replace some products and drop others, without a full reload."""
        with self._lock:
            gone = set(removed)
            for product_id in gone:
                self._documents.pop(product_id, None)
                self._terms.pop(product_id, None)
            for doc in documents:
                self._documents[doc.product_id] = doc
                self._terms[doc.product_id] = document_terms(doc)
            if gone:
                self.vectors.remove(gone)
            if documents:
                self.vectors.upsert([d.product_id for d in documents], vectors)
            self._rebuild_lexical()

    def _rebuild_lexical(self) -> None:
        ids = list(self._terms)
        self._lexical.replace(ids, [self._terms[i] for i in ids])
        self._speller = SpellingCorrector(self._terms.values())

    def correct(self, query: str) -> tuple[list[str], str | None]:
        """The query's terms with unknown words corrected, and the corrected text if any."""
        changed = False
        corrected_words = []
        for word in words(query):
            fixed = self._speller.correct(word)
            corrected_words.append(fixed or word)
            changed |= fixed is not None
        text = " ".join(corrected_words) if changed else None
        return terms(" ".join(corrected_words)), text

    def search(self, query: str, k: int = 100) -> SearchResult:
        """Products for `query`, best first; the nearest ones when nothing matches closely."""
        query = " ".join(query.split())[:200]
        if not query or not self._documents:
            return SearchResult(query, (), (), None, close_match=False)
        params = self.params
        query_terms, corrected = self.correct(query)
        pool = max(k, params.candidates)
        lexical = self._lexical.search(query_terms, pool)
        vector = self.embedder.encode_query(corrected or query)
        semantic = self.vectors.search(vector, pool)
        fused = fuse(lexical, semantic, params.lexical_weight, k)
        best_cosine = semantic.scores[0] if semantic.scores else 0.0
        close = bool(lexical.ids) or best_cosine >= params.close_match_cosine
        return SearchResult(query, fused.ids, fused.scores, corrected, close_match=close)

    def vector_of(self, product_id: int) -> np.ndarray | None:
        return self.vectors.vector(product_id)
