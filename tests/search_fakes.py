"""In-memory fakes of the search ports. Each has a real twin tested in tests/integration
(MiniLM, faiss, bm25s, SQL)."""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Collection, Sequence
from datetime import UTC, datetime, timedelta

import numpy as np

from storefront.services.search.analysis import terms
from storefront.services.search.ports import (
    Activity,
    Hits,
    Matrix,
    Scores,
    SearchDocument,
    SkuMatch,
    StoredEmbedding,
    Vector,
)

DIMENSION = 64
T0 = datetime(2026, 11, 1, tzinfo=UTC)


class FakeEmbedder:
    """Bag of hashed words: texts sharing words point the same way. Counts its work."""

    model_name = "fake-bag-of-words"
    dimension = DIMENSION

    def __init__(self) -> None:
        self.encoded = 0

    def encode(self, texts: Sequence[str]) -> Matrix:
        self.encoded += len(texts)
        matrix = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in terms(text):
                slot = int(hashlib.md5(word.encode()).hexdigest(), 16) % DIMENSION
                matrix[row, slot] += 1.0
            norm = np.linalg.norm(matrix[row])
            if norm:
                matrix[row] /= norm
        return matrix

    def encode_query(self, text: str) -> Vector:
        vector: Vector = self.encode([text])[0]
        return vector


class FakeVectorIndex:
    """Exact search over a dict; the same answers faiss's IndexFlatIP gives."""

    def __init__(self) -> None:
        self._vectors: dict[int, Vector] = {}

    def __len__(self) -> int:
        return len(self._vectors)

    def replace(self, ids: Sequence[int], vectors: Matrix) -> None:
        self._vectors = {int(i): vectors[n] for n, i in enumerate(ids)}

    def upsert(self, ids: Sequence[int], vectors: Matrix) -> None:
        self._vectors.update({int(i): vectors[n] for n, i in enumerate(ids)})

    def remove(self, ids: Collection[int]) -> None:
        for i in ids:
            self._vectors.pop(i, None)

    def search(self, vector: Vector, k: int) -> Hits:
        scored = sorted(
            ((float(v @ vector), pid) for pid, v in self._vectors.items()),
            key=lambda item: (-item[0], item[1]),
        )[:k]
        return Hits(tuple(p for _, p in scored), tuple(s for s, _ in scored))

    def similarities(self, vector: Vector, product_ids: Sequence[int]) -> Scores:
        return np.array(
            [float(self._vectors[p] @ vector) if p in self._vectors else 0.0 for p in product_ids],
            dtype=np.float32,
        )

    def vector(self, product_id: int) -> Vector | None:
        return self._vectors.get(product_id)


class FakeLexicalIndex:
    def build(self, documents: Sequence[list[str]]) -> FakeKeywordScorer:
        return FakeKeywordScorer(documents)


class FakeKeywordScorer:
    """TF-IDF over term lists: enough to rank documents sharing rare query terms first."""

    def __init__(self, documents: Sequence[list[str]]) -> None:
        self._docs = [Counter(doc) for doc in documents]
        self._df = Counter(t for doc in self._docs for t in doc)

    def scores(self, terms: list[str]) -> Scores:
        n = len(self._docs)
        return np.array(
            [
                sum(doc[t] * math.log(1 + n / self._df[t]) for t in set(terms) if t in doc)
                for doc in self._docs
            ],
            dtype=np.float32,
        )


class FakeSearchStore:
    def __init__(self, documents: Sequence[SearchDocument] = ()) -> None:
        self.docs = {d.product_id: d for d in documents}
        self.stored: dict[int, StoredEmbedding] = {}
        self.searches: list[dict[str, object]] = []
        self.activity: dict[str, list[Activity]] = {}
        self.orders: list[list[int]] = []
        self.updated: dict[int, datetime] = dict.fromkeys(self.docs, T0)
        self.skus: dict[str, SkuMatch] = {}
        self._clock = T0

    def documents(self, product_ids: Collection[int] | None = None) -> list[SearchDocument]:
        wanted = self.docs if product_ids is None else set(product_ids)
        return [self.docs[i] for i in sorted(self.docs) if i in wanted]

    def embeddings(
        self, model: str, product_ids: Collection[int] | None = None
    ) -> list[StoredEmbedding]:
        return [e for pid, e in self.stored.items() if product_ids is None or pid in product_ids]

    def save_embeddings(self, model: str, rows: Sequence[StoredEmbedding]) -> None:
        self.stored.update({row.product_id: row for row in rows})

    def variant_of_sku(self, sku: str) -> SkuMatch | None:
        return self.skus.get(sku, self.skus.get(sku.upper()))

    def product_of_sku_stem(self, stem: str) -> int | None:
        stems = {stem + "-", stem.upper() + "-"}
        found = {m.product_id for sku, m in self.skus.items() if sku.startswith(tuple(stems))}
        return found.pop() if len(found) == 1 else None

    def log_search(self, visitor_id: str, query: str, result_count: int, source: str) -> int:
        self.searches.append(
            {"visitor": visitor_id, "query": query, "count": result_count, "source": source}
        )
        return len(self.searches)

    def log_click(self, search_id: int, visitor_id: str, product_id: int) -> None:
        if 0 < search_id <= len(self.searches):
            search = self.searches[search_id - 1]
            if search["visitor"] == visitor_id:
                search.setdefault("clicked", product_id)

    def record_activity(
        self, visitor_id: str, kind: str, product_id: int | None, query: str | None
    ) -> None:
        self._clock += timedelta(seconds=1)
        self.activity.setdefault(visitor_id, []).insert(
            0, Activity(kind, product_id, query, self._clock)
        )

    def recent_activity(self, visitor_id: str, limit: int) -> list[Activity]:
        return self.activity.get(visitor_id, [])[:limit]

    def changed_since(self, moment: datetime | None) -> list[tuple[int, datetime]]:
        return [(p, at) for p, at in self.updated.items() if moment is None or at > moment]

    def baskets(self, since: datetime) -> list[list[int]]:
        return [list(order) for order in self.orders]

    def put(self, doc: SearchDocument, at: datetime | None = None) -> None:
        """Create or edit a product (as the catalog writer would)."""
        self.docs[doc.product_id] = doc
        self._clock += timedelta(seconds=1)
        self.updated[doc.product_id] = at or self._clock
