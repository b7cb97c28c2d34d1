"""Merchandising with embeddings, on an index with hand-made vectors (exact cosines), and
thin descriptions against an in-memory description store."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

import numpy as np
import pytest

from models.admin import Role
from storefront.services.admin.access import AccessDenied, Staff
from storefront.services.admin.merchandising import (
    AttributeSuggestion,
    CategorySuggestion,
    DuplicatePair,
    DuplicateScan,
    ProductMatch,
    QueryFix,
    ThinDescription,
    fixes_for_zero_result_queries,
    near_duplicates,
    suggest_for_new_product,
    thin_descriptions,
)
from storefront.services.admin.merchandising_descriptions import DescriptionRow, word_count
from storefront.services.admin.merchandising_desk import MerchandisingDesk
from storefront.services.search.hybrid import HybridSearch
from storefront.services.search.ports import Matrix, SearchDocument, Vector
from tests.search_fakes import FakeLexicalIndex, FakeVectorIndex

CHAIRS, LAMPS = ("Furniture", "Chairs"), ("Lighting", "Lamps")


def near(value: float) -> float:
    """Equal to any float within pytest's default tolerance (cosines are float32)."""
    return cast(float, pytest.approx(value))


class TableEmbedder:
    """Vectors looked up by text (zeros for any other text); remembers what it was asked."""

    model_name = "table"
    dimension = 4

    def __init__(self, table: Mapping[str, Sequence[float]]) -> None:
        self._table = {k: np.asarray(v, dtype=np.float32) for k, v in table.items()}
        self.asked: list[str] = []

    def encode(self, texts: Sequence[str]) -> Matrix:
        self.asked += texts
        zeros = np.zeros(4, dtype=np.float32)
        return np.stack([self._table.get(t, zeros) for t in texts]).astype(np.float32)

    def encode_query(self, text: str) -> Vector:
        vector: Vector = self.encode([text])[0]
        return vector


def doc(pid: int, title: str, cat: int, **attributes: tuple[str, ...]) -> SearchDocument:
    return SearchDocument(
        pid, title, category_path=CHAIRS if cat == 10 else LAMPS, category_id=cat,
        attributes=attributes,
    )  # fmt: skip


DOCS = [
    doc(1, "Oak chair", 10, material=("Oak",), colour=("Natural",)),
    doc(2, "Oak  CHAIR", 10, material=("Oak",)),  # same title as 1, another vector
    doc(3, "Oak chair with arms", 10, material=("Oak",), colour=("Black", "Black")),
    doc(4, "Beech stool", 10, material=("Beech",)),
    doc(5, "Brass lamp", 20, material=("Brass",)),
    doc(6, "Brass lamp shade", 20, material=("Brass",), finish=("Matte",)),
]
VECTORS = [[1, 0, 0, 0], [0.6, 0.8, 0, 0], [0.96, 0.28, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]
VECTORS += [[0, 0, 0.28, 0.96]]


def make_index(table: Mapping[str, Sequence[float]] | None = None) -> HybridSearch:
    index = HybridSearch(TableEmbedder(table or {}), FakeVectorIndex(), FakeLexicalIndex())
    index.load(DOCS, np.asarray(VECTORS, dtype=np.float32))
    return index


def test_near_duplicates_pairs_close_vectors_and_equal_titles_once_most_similar_first() -> None:
    pairs = near_duplicates(make_index(), threshold=0.95).pairs

    assert pairs == [
        DuplicatePair(1, "Oak chair", 3, "Oak chair with arms", near(0.96), False),
        DuplicatePair(5, "Brass lamp", 6, "Brass lamp shade", near(0.96), False),
        DuplicatePair(1, "Oak chair", 2, "Oak  CHAIR", near(0.6), True),
    ]


def test_near_duplicates_respect_threshold_and_limit() -> None:
    index = make_index()

    assert [(p.a_id, p.b_id) for p in near_duplicates(index, threshold=0.97).pairs] == [(1, 2)]
    limited = near_duplicates(index, limit=1)
    assert [(p.a_id, p.b_id) for p in limited.pairs] == [(1, 3)]
    assert limited.found == 3  # the page says how many more there are
    # 0.8 between 2 and 3 is below the threshold and they do not share a title
    assert (2, 3) not in {(p.a_id, p.b_id) for p in near_duplicates(index, threshold=0.85).pairs}
    assert (2, 3) in {(p.a_id, p.b_id) for p in near_duplicates(index, threshold=0.8).pairs}


def test_near_duplicates_of_an_empty_index_are_none() -> None:
    index = HybridSearch(TableEmbedder({}), FakeVectorIndex(), FakeLexicalIndex())
    assert near_duplicates(index) == DuplicateScan([], 0)


def test_suggestions_for_a_new_product_vote_by_similarity_of_its_neighbours() -> None:
    embedder_table = {"Walnut chair": [0.6, 0, 0, 0.8]}
    index = make_index(embedder_table)
    # cosines: 5 -> 0.8, 6 -> 0.768, 1 -> 0.6, 3 -> 0.576 (then 2 -> 0.36, 4 -> 0)
    suggestions = suggest_for_new_product(index, "  Walnut chair ", "A long description.", k=4)

    total = 0.8 + 0.768 + 0.6 + 0.576
    assert [n.product_id for n in suggestions.neighbours] == [5, 6, 1, 3]
    assert suggestions.neighbours[0] == ProductMatch(5, "Brass lamp", near(0.8))
    assert suggestions.categories == (
        CategorySuggestion(20, LAMPS, near((0.8 + 0.768) / total)),
        CategorySuggestion(10, CHAIRS, near((0.6 + 0.576) / total)),
    )
    # finish: only product 6, 0.768 / 2.744 = 0.28 of the weight, under the 0.3 cut
    assert suggestions.attributes == (
        AttributeSuggestion("material", ("Brass", "Oak"), near(1.0)),
        AttributeSuggestion("colour", ("Natural", "Black"), near((0.6 + 0.576) / total)),
    )
    assert isinstance(index.embedder, TableEmbedder)
    assert index.embedder.asked == ["Walnut chair"]  # the title, as products are embedded


def test_suggestions_use_the_description_without_a_title_and_ignore_dissimilar_products() -> None:
    index = make_index({"A stool of solid beech.": [0, 0, 1, 0]})

    suggestions = suggest_for_new_product(index, " ", "A stool of solid beech.", k=3)

    assert [n.product_id for n in suggestions.neighbours] == [4, 6, 1]
    # product 1 has cosine 0: it neither votes nor counts
    assert suggestions.categories == (
        CategorySuggestion(10, CHAIRS, near(1 / 1.28)),
        CategorySuggestion(20, LAMPS, near(0.28 / 1.28)),
    )
    assert suggestions.attributes == (
        AttributeSuggestion("material", ("Beech", "Brass"), near(1.0)),
    )
    assert suggest_for_new_product(index, "", "", k=3).neighbours == ()
    assert suggest_for_new_product(index, "Beech stool", "", k=0).categories == ()


def test_zero_result_queries_get_their_nearest_products_and_found_ones_are_skipped() -> None:
    index = make_index({"settee": [0.3, 0.2, 0.4, 0], "the glowing orb": [0, 0, 0, 0.44]})

    fixes = fixes_for_zero_result_queries(
        index, ["Settee", "oak", "settee ", "", "the glowing orb!"], k=2
    )

    assert fixes == [
        QueryFix(
            "Settee",
            ("Settee",),
            (ProductMatch(4, "Beech stool", near(0.4)),
             ProductMatch(3, "Oak chair with arms", near(0.344))),
        ),
        QueryFix(
            "the glowing orb!",
            ("glowing", "orb"),
            (ProductMatch(5, "Brass lamp", near(0.44)),
             ProductMatch(6, "Brass lamp shade", near(0.4224))),
        ),
    ]  # fmt: skip


def test_a_query_close_in_meaning_counts_as_found() -> None:
    index = make_index({"lantern": [0, 0, 0, 0.9]})  # cosine 0.9 with the brass lamp
    assert fixes_for_zero_result_queries(index, ["lantern"]) == []


class FakeDescriptionStore:
    """Filters and orders as the SQL does; counts the pages asked for."""

    def __init__(self, rows: Sequence[DescriptionRow]) -> None:
        self.rows = list(rows)
        self.pages: list[tuple[int, int]] = []

    def thin_candidates(
        self, statuses: Sequence[str], max_gaps: int, offset: int, limit: int
    ) -> list[DescriptionRow]:
        self.pages.append((offset, limit))

        def gaps(row: DescriptionRow) -> int:
            return sum(row.description.strip(" ").count(c) for c in " \n\r\t")

        found = [
            r
            for r in self.rows
            if r.status in statuses
            and (
                gaps(r) < max_gaps or r.description.strip(" ").lower() == r.title.strip(" ").lower()
            )
        ]
        found.sort(key=lambda r: (gaps(r), len(r.description.strip(" ")), r.product_id))
        return found[offset : offset + limit]


LONG = "A sturdy chair of solid oak, oiled by hand, made to last for many years of daily use."


def row(pid: int, description: str, status: str = "active", title: str = "") -> DescriptionRow:
    return DescriptionRow(pid, title or f"Product {pid}", description, status)


def test_thin_descriptions_are_missing_title_only_or_short_shortest_first() -> None:
    store = FakeDescriptionStore(
        [
            row(1, LONG),
            row(2, "Solid oak.  Hand-made, it's   lovely.", "draft"),
            row(3, ""),
            row(4, "  oak CHAIR ", title="Oak chair"),
            row(5, "Short.", "archived"),
            row(6, "- — -"),  # punctuation only: no words
            row(7, "one two three four five six seven eight nine ten eleven twelve"),
        ]
    )

    thin = thin_descriptions(store, min_words=12)

    assert thin == [
        ThinDescription(3, "Product 3", "active", 0, "missing"),
        ThinDescription(6, "Product 6", "active", 0, "missing"),
        ThinDescription(4, "Oak chair", "active", 2, "same_as_title"),
        ThinDescription(2, "Product 2", "draft", 5, "short"),
    ]
    assert store.pages == [(0, 200)]


def test_thin_descriptions_page_through_candidates_until_the_limit() -> None:
    rows = [row(n, "one two three " * 3 + "x" * n) for n in range(1, 251)]  # 9 + 1 words
    rows += [row(n, "one two " * 11) for n in range(251, 301)]  # 22 words: not thin
    store = FakeDescriptionStore(rows)

    assert [t.product_id for t in thin_descriptions(store, limit=3)] == [1, 2, 3]
    assert store.pages == [(0, 200)]
    assert len(thin_descriptions(store, limit=250)) == 250
    assert store.pages[1:] == [(0, 500)]
    assert thin_descriptions(store, limit=0) == []


def test_word_count_reads_words_not_punctuation() -> None:
    assert word_count("Hand-made, don't  worry — 12 cm!") == 5
    assert word_count(" \n ") == 0


def test_the_dashboard_is_told_which_searches_find_products_now_as_the_fixes_decide() -> None:
    """QA: the dashboard listed "qazwire" with "Fix it" among the searches that found
    nothing, and the merchandising page it opened said "Nothing to fix here": a product
    matching it exists now. The dashboard asks the same question, once per state of the
    index (a dashboard load is no search per query each time)."""
    index = make_index({"settee": [0.3, 0.2, 0.4, 0]})
    searches: list[str] = []
    search = index.search

    def counted(query: str, k: int = 100, *, every_match: bool = False) -> Any:
        searches.append(query)
        return search(query, k, every_match=every_match)

    index.search = counted  # type: ignore[method-assign]
    desk = MerchandisingDesk(lambda: index, FakeDescriptionStore([]), cast(Any, None))
    boss = Staff(1, "boss@example.com", Role.ADMIN)
    queries = ["qazwire", "oak", "settee"]
    assert desk.found_now(boss, queries) == {"oak"}
    fixed = {fix.query for fix in fixes_for_zero_result_queries(index, queries)}
    assert fixed == {"qazwire", "settee"}  # the page's fixes: exactly the others
    searches.clear()
    assert desk.found_now(boss, queries) == {"oak"}
    assert searches == []  # answered from what was read of this index
    index.update([doc(7, "Qazwire sofa", 10)], np.asarray([[0, 0, 1, 0]], dtype=np.float32))
    assert desk.found_now(boss, queries) == {"oak", "qazwire"}
    assert fixes_for_zero_result_queries(index, ["qazwire"]) == []
    with pytest.raises(AccessDenied):
        desk.found_now(Staff(2, "ann@example.com", Role.SHOPPER), queries)
