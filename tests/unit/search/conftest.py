"""A small catalog behind the search and recommendation services, on exact in-memory fakes."""

from __future__ import annotations

import pytest

from storefront.services.recommendations.service import Recommender
from storefront.services.search.hybrid import HybridSearch
from storefront.services.search.indexing import rebuild_index
from storefront.services.search.ports import SearchDocument
from tests.search_fakes import FakeEmbedder, FakeLexicalIndex, FakeSearchStore, FakeVectorIndex

LIGHTING = ("Home", "Lighting")
TABLES = ("Home", "Tables")
KITCHEN = ("Kitchen", "Cookware")


def doc(
    pid: int, title: str, path: tuple[str, ...], category: int, **extra: object
) -> SearchDocument:
    return SearchDocument(
        product_id=pid,
        title=title,
        category_path=path,
        category_id=category,
        **extra,  # type: ignore[arg-type]
    )


CATALOG = (
    doc(
        1,
        "Brass floor lamp",
        LIGHTING,
        10,
        attributes={"material": ("Brass",), "style": ("Modern",)},
        popularity=4.1,
    ),
    doc(
        2,
        "Linen shade floor lamp",
        LIGHTING,
        10,
        attributes={"material": ("Linen",), "style": ("Modern",)},
        popularity=3.9,
    ),
    doc(
        3,
        "Brass table lamp",
        LIGHTING,
        10,
        attributes={"material": ("Brass",), "style": ("Modern",)},
        popularity=4.4,
    ),
    doc(
        4,
        "Oak dining table",
        TABLES,
        11,
        attributes={"material": ("Oak",)},
        brand="Nord",
        popularity=4.6,
    ),
    doc(
        5,
        "Walnut coffee table",
        TABLES,
        11,
        attributes={"material": ("Walnut",)},
        brand="Nord",
        popularity=3.6,
    ),
    doc(
        6,
        "Cast iron frying pan",
        KITCHEN,
        12,
        attributes={"material": ("Cast iron",)},
        popularity=4.8,
    ),
    doc(7, "Copper saucepan", KITCHEN, 12, attributes={"material": ("Copper",)}, popularity=3.5),
    doc(8, "Brass floor lamp", LIGHTING, 10, attributes={"material": ("Brass",)}, popularity=3.0),
)


@pytest.fixture
def store() -> FakeSearchStore:
    return FakeSearchStore(CATALOG)


@pytest.fixture
def embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def search(store: FakeSearchStore, embedder: FakeEmbedder) -> HybridSearch:
    index = HybridSearch(embedder, FakeVectorIndex(), FakeLexicalIndex())
    rebuild_index(store, index)
    return index


@pytest.fixture
def recommender(search: HybridSearch, store: FakeSearchStore) -> Recommender:
    return Recommender(search, store)
