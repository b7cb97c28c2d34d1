"""Ports of the search and recommendation services. Adapters wrap sentence-transformers,
faiss and bm25s; unit tests use small exact fakes."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.float32]
Vector = npt.NDArray[np.float32]
Scores = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class SearchDocument:
    """What search knows of one active product."""

    product_id: int
    title: str
    description: str = ""
    category_path: tuple[str, ...] = ()
    category_id: int | None = None
    # The names of those categories in the shop's other languages ("Robes", "Chaussures"):
    # a French shopper types them in the search box.
    category_names: tuple[str, ...] = ()
    brand: str = ""
    attributes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    popularity: float = 0.0


@dataclass(frozen=True, slots=True)
class StoredEmbedding:
    product_id: int
    text_hash: str
    vector: Vector


@dataclass(frozen=True, slots=True)
class Activity:
    """One thing a visitor did: viewed or carted a product, or searched."""

    kind: str  # view | search | cart
    product_id: int | None
    query: str | None
    at: datetime


class Embedder(Protocol):
    """A sentence encoder returning L2-normalised float32 vectors."""

    @property
    def model_name(self) -> str: ...

    @property
    def dimension(self) -> int: ...

    def encode(self, texts: Sequence[str]) -> Matrix: ...

    def encode_query(self, text: str) -> Vector: ...


@dataclass(frozen=True, slots=True)
class SkuMatch:
    """The variant a SKU typed names: its product opens on it, at its price."""

    product_id: int
    variant_id: int
    price_minor: int
    compare_at_minor: int | None = None
    in_stock: bool = True


@dataclass(frozen=True, slots=True)
class Hits:
    """Product ids with scores, best first."""

    ids: tuple[int, ...]
    scores: tuple[float, ...]


class VectorIndex(Protocol):
    """Nearest neighbours by inner product over normalised vectors."""

    def replace(self, ids: Sequence[int], vectors: Matrix) -> None: ...

    def upsert(self, ids: Sequence[int], vectors: Matrix) -> None: ...

    def remove(self, ids: Collection[int]) -> None: ...

    def search(self, vector: Vector, k: int) -> Hits: ...

    def similarities(self, vector: Vector, product_ids: Sequence[int]) -> Scores:
        """Cosine of `vector` with each product's vector (0 for unknown products)."""
        ...

    def vector(self, product_id: int) -> Vector | None: ...

    def __len__(self) -> int: ...


class KeywordScorer(Protocol):
    """Keyword scores over a fixed set of documents: it never changes once built."""

    def scores(self, terms: list[str]) -> Scores:
        """BM25 score of every document, in the order they were given to `build`."""
        ...


class LexicalIndex(Protocol):
    """Builds keyword scorers over analysed terms (the analyser lives in the service)."""

    def build(self, documents: Sequence[list[str]]) -> KeywordScorer: ...


class EmbeddingClaims(Protocol):
    """Which process encodes which texts: each web process keeps its own index, and without
    claims every one of them encoded every changed product (an import of 50,000 products,
    once per process)."""

    def claim(self, keys: Sequence[str], seconds: int) -> set[str]:
        """The keys this process now holds for `seconds` (the others are held elsewhere).
        A claims store that cannot answer grants every key: encoding twice is better than
        not at all."""
        ...


class SearchStore(Protocol):
    """The database side of search: documents, stored embeddings, logs and activity."""

    def documents(self, product_ids: Collection[int] | None = None) -> list[SearchDocument]:
        """Active products (all of them when `product_ids` is None)."""
        ...

    def embeddings(
        self, model: str, product_ids: Collection[int] | None = None
    ) -> list[StoredEmbedding]: ...

    def save_embeddings(self, model: str, rows: Sequence[StoredEmbedding]) -> None: ...

    def log_search(self, visitor_id: str, query: str, result_count: int, source: str) -> int: ...

    def variant_of_sku(self, sku: str) -> SkuMatch | None:
        """The variant of this SKU (as written, or in capitals) of an active product."""
        ...

    def product_of_sku_stem(self, stem: str) -> int | None:
        """The one active product with variant SKUs that begin with `stem` (as written, or in
        capitals) and a separator (BTQ-000004 of BTQ-000004-STD); None when none or several."""
        ...

    def log_click(self, search_id: int, visitor_id: str, product_id: int) -> None:
        """Record the product opened from a search of this visitor (first click only)."""
        ...

    def record_activity(
        self, visitor_id: str, kind: str, product_id: int | None, query: str | None
    ) -> None: ...

    def recent_activity(self, visitor_id: str, limit: int) -> list[Activity]:
        """Newest first."""
        ...

    def prune_history(self, before: datetime) -> int:
        """Delete searches logged and activity recorded before `before`; how many went."""
        ...

    def changed_since(self, moment: datetime | None) -> list[tuple[int, datetime]]:
        """(product id, updated at) of products of any status updated after `moment`."""
        ...

    def baskets(self, since: datetime) -> list[list[int]]:
        """The products of each paid or fulfilled order placed since `since`, one list per
        order."""
        ...
