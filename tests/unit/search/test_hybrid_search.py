from __future__ import annotations

import threading
from collections.abc import Sequence

from storefront.services.search.analysis import terms
from storefront.services.search.hybrid import HybridSearch
from storefront.services.search.indexing import rebuild_index, refresh_products
from storefront.services.search.ports import Vector
from storefront.services.search.product_text import lexical_text
from storefront.services.search.ranking import RankingParams
from tests.search_fakes import (
    FakeEmbedder,
    FakeKeywordScorer,
    FakeLexicalIndex,
    FakeSearchStore,
    FakeVectorIndex,
)
from tests.unit.search.conftest import LIGHTING, doc


def test_a_query_word_in_the_title_counts_more_than_one_in_the_description(
    embedder: FakeEmbedder,
) -> None:
    store = FakeSearchStore(
        [
            doc(1, "Oak side table", ("Home",), 1, description="Pairs well with a brass lamp."),
            doc(2, "Brass lamp", ("Home",), 1, description="A reading light."),
        ]
    )
    index = HybridSearch(embedder, FakeVectorIndex(), FakeLexicalIndex())
    rebuild_index(store, index)
    result = index.search("brass lamp", k=2)
    assert result.ids == (2, 1)
    assert result.matched == (True, True)


def test_products_found_only_by_meaning_are_candidates_too(search: HybridSearch) -> None:
    # "lighting" is no product's word, but the category path puts it near the lamps.
    result = search.search("cookware", k=8)
    assert {6, 7} <= set(result.ids[:2])


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


def test_with_no_match_the_nearest_are_flagged_near_only_within_the_floor(
    store: FakeSearchStore, embedder: FakeEmbedder
) -> None:
    for floor, near in ((-1.0, True), (1.01, False)):
        params = RankingParams(nearest_cosine=floor)
        index = HybridSearch(embedder, FakeVectorIndex(), FakeLexicalIndex(), params)
        rebuild_index(store, index)
        result = index.search("zzqx", k=3)
        assert not result.close_match
        assert result.ids
        assert result.near == (near,) * len(result.ids)


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


def test_the_query_words_side_by_side_in_a_title_rank_it_first(embedder: FakeEmbedder) -> None:
    store = FakeSearchStore(
        [
            doc(1, "Lamp stand for the floor", ("Home",), 1),
            doc(2, "Floor lamp stand", ("Home",), 1),
        ]
    )
    index = HybridSearch(embedder, FakeVectorIndex(), FakeLexicalIndex())
    rebuild_index(store, index)
    assert index.search("floor lamp", k=2).ids == (2, 1)


def test_a_hyphenated_word_typed_as_one_is_found_not_corrected(embedder: FakeEmbedder) -> None:
    """ "tshirt" was corrected to "shirt", flannel shirts before the T-shirts (QA); written
    "t-shirt", the query finds the same."""
    store = FakeSearchStore(
        [
            doc(1, "Flannel shirt", ("Men",), 1),
            doc(2, "Crew T-Shirt", ("Men",), 1),
            doc(3, "Self closing hinge", ("Home",), 1),
        ]
    )
    index = HybridSearch(embedder, FakeVectorIndex(), FakeLexicalIndex())
    rebuild_index(store, index)
    typed = index.search("tshirt", k=2)
    assert (typed.ids[0], typed.corrected_query) == (2, None)
    assert index.search("t-shirt", k=2).ids[0] == 2
    # A query's hyphen joins nothing: "self-closing" still finds "self closing".
    assert index.search("self-closing", k=1).ids == (3,)


def test_a_french_article_is_no_word_of_the_query(embedder: FakeEmbedder) -> None:
    """ "chaussures de course" (running shoes): its "de" matched the catalog's "Eau de
    Toilette", so "course" was read as "hours", a perfume's burn time first (QA)."""
    store = FakeSearchStore(
        [
            doc(1, "Eau de Toilette, 45-hour burn time", ("Beauty",), 1),
            doc(2, "Trail running shoes", ("Shoes",), 1),
        ]
    )
    index = HybridSearch(embedder, FakeVectorIndex(), FakeLexicalIndex())
    rebuild_index(store, index)
    assert terms("chaussures de course") == terms("chaussures course")
    assert terms("Eau de Toilette") == terms("eau toilette")
    assert index.search("eau de toilette", k=1).ids == (1,)  # still found by its other words


def test_a_hyphenated_query_still_matches_the_products_writing_it_as_two_words(
    embedder: FakeEmbedder,
) -> None:
    """The joined word only scores: a "Tee shirt" or "T shirt" holds every word of
    "t-shirt" (review: the join had become a word every result must hold)."""
    store = FakeSearchStore(
        [
            doc(1, "Crew T-Shirt", ("Men",), 1),
            doc(2, "Striped T shirt", ("Men",), 1),
            doc(4, "Self-closing hinge", ("Home",), 2),
            doc(5, "Self closing gate hinge", ("Home",), 2),
        ]
    )
    index = HybridSearch(embedder, FakeVectorIndex(), FakeLexicalIndex())
    rebuild_index(store, index)
    found = index.search("t-shirt", k=2, every_match=True)
    assert found.ids[0] == 1
    assert {pid for pid, ok in zip(found.ids, found.matched, strict=True) if ok} == {1, 2}
    hinges = index.search("self-closing hinge", k=2)
    assert set(hinges.ids) == {4, 5}
    assert all(hinges.matched)


def test_results_page_counts_only_matching_products(search: HybridSearch) -> None:
    result = search.search("floor lamp", k=8)
    assert len(result.matched) == len(result.ids)
    matched = {pid for pid, ok in zip(result.ids, result.matched, strict=True) if ok}
    assert {1, 2, 8} <= matched
    assert 6 not in matched  # a frying pan shares no word and little meaning with it


def test_a_product_lacking_a_word_others_hold_with_the_rest_is_no_result(
    embedder: FakeEmbedder,
) -> None:
    """ "grey sofa" counted every sofa (close in meaning) and a price sort opened with
    charcoal and green ones, when grey sofas there were (QA); with none, sofas still do."""
    sofas = ("Sofas",)
    store = FakeSearchStore(
        [
            doc(1, "Velvet Sofa", sofas, 20, attributes={"colour": ("Grey", "Blue")}),
            doc(2, "Velvet Sofa Bed", sofas, 20, attributes={"colour": ("Charcoal",)}),
            doc(3, "Corner Sofa", sofas, 20, attributes={"colour": ("Green",)}),
            doc(4, "Grey Wool Throw", ("Textiles",), 30),
        ]
    )
    index = HybridSearch(embedder, FakeVectorIndex(), FakeLexicalIndex())
    rebuild_index(store, index)

    def results(query: str) -> set[int]:
        found = index.search(query, k=4)
        return {pid for pid, ok in zip(found.ids, found.matched, strict=True) if ok}

    assert results("grey sofa") == {1}  # not 2 and 3, close in meaning
    assert results("pink sofa") == {1, 2, 3}  # no product is pink: the sofas


def test_a_search_during_a_refresh_sees_the_whole_index_before_it(embedder: FakeEmbedder) -> None:
    """The keyword index is part of the snapshot: a search while a refresh builds the next
    one reads the last one whole (it used to pair old rows with new keyword scores)."""
    building, go_on = threading.Event(), threading.Event()

    class SlowLexicalIndex(FakeLexicalIndex):
        hold = False

        def build(self, documents: Sequence[list[str]]) -> FakeKeywordScorer:
            if self.hold:
                building.set()
                go_on.wait(5)
            return super().build(documents)

    lexical = SlowLexicalIndex()
    store = FakeSearchStore([doc(1, "Brass lamp", ("Home",), 1), doc(2, "Oak table", ("Home",), 1)])
    index = HybridSearch(embedder, FakeVectorIndex(), lexical)
    rebuild_index(store, index)
    store.docs[3] = doc(3, "Brass floor lamp", ("Home",), 1)
    lexical.hold = True
    refresh = threading.Thread(target=refresh_products, args=(store, index, [3]))
    refresh.start()
    assert building.wait(5)
    during = index.search("brass lamp", k=5)  # the refresh is half done
    go_on.set()
    refresh.join(5)
    assert during.ids[0] == 1
    assert 3 not in during.ids
    assert index.search("brass lamp", k=5).ids[:2] in ((3, 1), (1, 3))


def test_every_match_adds_the_other_keyword_matches_after_the_ranked_ones(
    search: HybridSearch,
) -> None:
    """A broad word matches more products than are ranked: a sort by price or a count must
    see them all, and the ranked ones stay as they were."""
    ranked = search.search("lamp", k=1)
    every = search.search("lamp", k=1, every_match=True)
    assert (every.ids, ranked.more_matches) == (ranked.ids, ())
    lamps = {d.product_id for d in search.documents() if "lamp" in lexical_text(d).lower()}
    assert len(lamps) > 1
    assert set(every.ids) | set(every.more_matches) == lamps | set(every.ids)
    assert not set(every.more_matches) & set(every.ids)


def test_beyond_the_ranked_ones_a_product_must_match_every_word(search: HybridSearch) -> None:
    """ "floor lamp" sorted by price lists floor lamps, not every lamp and floor cushion."""
    every = search.search("floor lamp", k=1, every_match=True)
    texts = {d.product_id: lexical_text(d).lower() for d in search.documents()}
    both = {pid for pid, text in texts.items() if "floor" in text and "lamp" in text}
    either = {pid for pid, text in texts.items() if "floor" in text or "lamp" in text}
    assert either - both - set(every.ids)  # products naming one of the words only...
    assert set(every.more_matches) == both - set(every.ids)  # ...are not added


def test_products_scoring_the_same_come_in_catalog_order(embedder: FakeEmbedder) -> None:
    """Ties are not left to the order of a set of candidates (which, beyond its table's size,
    is not the catalog's): the same search lists the same products in the same order."""
    walnut = {7, 700, 1_100, 1_190}
    store = FakeSearchStore(
        [
            doc(pid, "Walnut desk" if pid in walnut else f"Filler item {pid}", ("Home",), 1)
            for pid in range(1, 1_201)
        ]
    )
    index = HybridSearch(embedder, FakeVectorIndex(), FakeLexicalIndex())
    rebuild_index(store, index)
    assert index.search("walnut desk", k=4).ids == tuple(sorted(walnut))


def test_the_query_is_embedded_as_typed_unless_its_spelling_was_corrected() -> None:
    """Products are embedded as written ("Weiß"), so the query is too: folding it first
    ("weiss") would give the model a word it reads differently. A corrected query is
    embedded as corrected."""

    class Recording(FakeEmbedder):
        def __init__(self) -> None:
            super().__init__()
            self.queries: list[str] = []

        def encode_query(self, text: str) -> Vector:
            self.queries.append(text)
            return super().encode_query(text)

    embedder = Recording()
    index = HybridSearch(embedder, FakeVectorIndex(), FakeLexicalIndex())
    rebuild_index(FakeSearchStore([doc(1, "Weiße Tasse aus Porzellan", ("Home",), 1)]), index)
    assert index.search("Weiße Tasse").ids == (1,)
    assert index.search("Weiße Tase").corrected_query == "weisse tasse"
    assert embedder.queries == ["Weiße Tasse", "weisse tasse"]


def test_a_query_naming_a_category_puts_its_products_first(embedder: FakeEmbedder) -> None:
    """A French shopper's "chaises" (the Chaises category: dining chairs) had opened with
    the chaises longues, whose English titles hold the word."""
    chairs = ("Furniture", "Dining Chairs")
    store = FakeSearchStore(
        [
            doc(1, "Velvet Chaise Longue", ("Furniture", "Sofas"), 20),
            doc(2, "Oak Bar Stool", chairs, 21, category_names=("Mobilier", "Chaises")),
            doc(3, "Beech Rocking Chair", chairs, 21, category_names=("Mobilier", "Chaises")),
        ]
    )
    index = HybridSearch(embedder, FakeVectorIndex(), FakeLexicalIndex())
    rebuild_index(store, index)
    assert set(index.search("chaises", k=3).ids[:2]) == {2, 3}
    assert set(index.search("Dining chair", k=3).ids[:2]) == {2, 3}
    # Only the whole name: "chaise longue" is the sofa, and "oak" names no category.
    assert index.search("chaise longue", k=3).ids[0] == 1
    assert index.search("oak", k=3).ids[0] == 2


def test_ligatures_and_special_letters_are_found_spelled_out_and_the_other_way_round(
    embedder: FakeEmbedder,
) -> None:
    """ "oeuf" did not find "Œuf": "œ" was no letter of a word, so "Œuf" read "uf" (QA)."""
    store = FakeSearchStore(
        [
            doc(1, "Œuf en chocolat", ("Food",), 1),
            doc(2, "Oeuf cup", ("Kitchen",), 2),
            doc(3, "Cœur pendant", ("Jewellery",), 3),
            doc(4, "Straße sign", ("Home",), 4),
            doc(5, "Ørsted ﬁlet knife", ("Kitchen",), 2),
            doc(6, "Brass lamp", ("Home",), 4),
        ]
    )
    index = HybridSearch(embedder, FakeVectorIndex(), FakeLexicalIndex())
    rebuild_index(store, index)
    assert terms("Œuf en chocolat") == terms("oeuf chocolat")

    def matching(query: str) -> set[int]:
        found = index.search(query, k=6)
        return {pid for pid, matched in zip(found.ids, found.matched, strict=True) if matched}

    assert matching("oeuf") == matching("œuf") == matching("ŒUF") == {1, 2}
    assert matching("coeur") == matching("cœur") == {3}
    assert matching("strasse") == matching("STRAẞE") == matching("straße") == {4}
    assert matching("orsted filet") == matching("ørsted ﬁlet") == {5}
    assert index.search("coeur", k=1).corrected_query is None


def test_one_character_left_when_unknown_words_are_left_out_matches_nothing(
    embedder: FakeEmbedder,
) -> None:
    """QA: "<script>alert(1)</script>" matched every product with a "1" in it."""
    store = FakeSearchStore(
        [
            doc(1, "Charging cable 1 m", ("Electronics",), 1),
            doc(2, "Water bottle 1 l", ("Sports",), 2),
            doc(3, "Oak side table", ("Home",), 3),
        ]
    )
    index = HybridSearch(embedder, FakeVectorIndex(), FakeLexicalIndex())
    rebuild_index(store, index)
    for query in ("<script>alert(1)</script>", "xyzzyqw 1"):
        result = index.search(query, k=3, every_match=True)
        assert not any(result.matched), query
        assert (result.more_matches, result.left_out) == ((), ()), query
    alone = index.search("1", k=3, every_match=True)
    assert {p for p, m in zip(alone.ids, alone.matched, strict=True) if m} == {1, 2}
    beside = index.search("bottle 1 l xyzzyqw", k=3)
    assert (beside.ids[0], beside.matched[0]) == (2, True)
    assert beside.left_out == ("xyzzyqw",)
