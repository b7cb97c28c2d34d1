from __future__ import annotations

from storefront.services.search.hybrid import HybridSearch, fuse
from storefront.services.search.indexing import rebuild_index, refresh_products
from storefront.services.search.ports import Hits
from tests.search_fakes import FakeEmbedder, FakeSearchStore
from tests.unit.search.conftest import LIGHTING, doc


def test_fusion_scales_each_list_by_its_best_score_and_adds_them() -> None:
    lexical = Hits((1, 2), (10.0, 5.0))
    semantic = Hits((2, 3), (0.8, 0.4))
    fused = fuse(lexical, semantic, lexical_weight=0.5, k=3)
    assert fused.ids == (2, 1, 3)
    assert fused.scores == (0.75, 0.5, 0.25)


def test_fusion_with_one_empty_list_keeps_the_other_order() -> None:
    fused = fuse(Hits((), ()), Hits((7, 8), (0.9, 0.3)), lexical_weight=0.7, k=5)
    assert fused.ids == (7, 8)


def test_search_ranks_the_products_naming_the_query_first(search: HybridSearch) -> None:
    result = search.search("floor lamp", k=3)
    assert set(result.ids[:2]) <= {1, 2, 8}
    assert result.close_match
    assert result.corrected_query is None


def test_a_misspelt_word_is_corrected_from_the_catalog_vocabulary(search: HybridSearch) -> None:
    result = search.search("walnutt coffe table", k=1)
    assert result.corrected_query == "walnut coffee table"
    assert result.ids == (5,)


def test_a_query_matching_nothing_returns_the_nearest_products_labelled(
    search: HybridSearch,
) -> None:
    result = search.search("zzqx", k=3)
    assert not result.close_match
    assert len(result.ids) <= 3


def test_empty_and_whitespace_queries_find_nothing(search: HybridSearch) -> None:
    assert search.search("   ").ids == ()


def test_reindex_with_nothing_changed_encodes_nothing(
    store: FakeSearchStore, embedder: FakeEmbedder, search: HybridSearch
) -> None:
    assert embedder.encoded == 8
    report = rebuild_index(store, search)
    assert report.embedded == 0
    assert embedder.encoded == 8
    assert report.products == 8


def test_an_edited_product_is_re_encoded_alone_and_found_by_its_new_words(
    store: FakeSearchStore, embedder: FakeEmbedder, search: HybridSearch
) -> None:
    store.put(doc(2, "Rattan shade floor lamp", LIGHTING, 10))
    report = refresh_products(store, search, [2])
    assert report.embedded == 1
    assert embedder.encoded == 9
    assert search.search("rattan", k=1).ids == (2,)
    assert search.search("linen", k=5).ids.count(2) == 0 or not search.search("linen").close_match


def test_a_product_no_longer_active_leaves_the_index(
    store: FakeSearchStore, search: HybridSearch
) -> None:
    del store.docs[6]
    refresh_products(store, search, [6])
    assert search.document(6) is None
    assert 6 not in search.search("frying pan", k=10).ids


def test_a_new_product_is_findable_after_refresh(
    store: FakeSearchStore, search: HybridSearch
) -> None:
    store.put(doc(9, "Terracotta plant pot", ("Garden", "Pots"), 13))
    refresh_products(store, search, [9])
    assert search.search("terracotta pot", k=1).ids == (9,)
