"""The real keyword and vector indexes (bm25s, faiss) where their fakes in tests/search_fakes.py
answer for them in the unit tests: repeated query words, products without words, ties, a
product given twice."""

from __future__ import annotations

import numpy as np
import pytest

from storefront.adapters.lexical_index import Bm25Index
from storefront.adapters.vector_index import FaissVectorIndex
from tests.search_fakes import FakeKeywordScorer, FakeVectorIndex

DOCUMENTS = [["lamp", "brass"], ["lamp", "oak", "tabl"], ["oak", "tabl", "oak"]]


def ranking(scores: np.ndarray) -> list[int]:
    return [int(i) for i in np.argsort(-scores, kind="stable")]


def test_a_query_word_typed_twice_counts_once_as_in_the_fake() -> None:
    """bm25s adds a repeated term's score again: "lamp lamp oak" put the brass lamp above
    the oak table that "lamp oak" ranks above it."""
    scorer = Bm25Index().build(DOCUMENTS)
    once = scorer.scores(["lamp", "oak"])
    assert ranking(once) == [1, 2, 0]
    np.testing.assert_array_equal(scorer.scores(["lamp", "lamp", "oak"]), once)
    np.testing.assert_array_equal(scorer.scores(["oak", "lamp", "oak"]), once)
    fake = FakeKeywordScorer(DOCUMENTS)
    assert ranking(fake.scores(["lamp", "lamp", "oak"])) == ranking(fake.scores(["lamp", "oak"]))


def test_products_without_words_keep_their_rows_and_match_nothing() -> None:
    scorer = Bm25Index().build([["lamp"], [], ["oak", "tabl"], []])
    table = scorer.scores(["tabl"])
    assert table.shape == (4,)
    assert [bool(s > 0) for s in table] == [False, False, True, False]
    # The stand-in term of an empty document is no word a query can match.
    np.testing.assert_array_equal(scorer.scores(["\x00"]), np.zeros(4, dtype=np.float32))


def test_a_catalog_of_products_without_words_still_builds() -> None:
    """Titles in a script the analyser keeps no term of: bm25s alone fails on such a corpus."""
    scorer = Bm25Index().build([[], []])
    np.testing.assert_array_equal(scorer.scores(["lamp"]), np.zeros(2, dtype=np.float32))
    assert Bm25Index().build([]).scores(["lamp"]).shape == (0,)


def unit(*values: float) -> np.ndarray:
    vector = np.zeros(8, dtype=np.float32)
    vector[: len(values)] = values
    return vector / np.linalg.norm(vector)


SAME = unit(1.0)  # five products with one text: the same vector
OTHER = unit(1.0, 1.0)  # nearer to nothing than SAME is to itself


@pytest.mark.parametrize("k", [1, 2, 5, 10])
def test_ties_come_in_product_id_order_however_the_products_were_added(k: int) -> None:
    real, fake = FaissVectorIndex(8), FakeVectorIndex()
    for index in (real, fake):
        index.replace([5, 3, 9, 1, 7, 2], np.vstack([SAME] * 5 + [OTHER]))
    expected = fake.search(SAME, k)
    assert expected.ids == (1, 3, 5, 7, 9, 2)[:k]
    assert real.search(SAME, k) == expected
    for index in (real, fake):  # an edit of product 3 that kept its text: its row moves
        index.upsert([3], SAME.reshape(1, -1))
    assert real.search(SAME, k) == fake.search(SAME, k) == expected
    for index in (real, fake):
        index.remove([1])
        index.upsert([1], SAME.reshape(1, -1))
    assert real.search(SAME, k) == expected


def test_a_product_given_twice_in_one_batch_is_one_row_with_its_last_vector() -> None:
    real, fake = FaissVectorIndex(8), FakeVectorIndex()
    for index in (real, fake):
        index.replace([1, 2], np.vstack([OTHER, OTHER]))
        index.upsert([4, 4], np.vstack([OTHER, SAME]))
    assert len(real) == len(fake) == 3
    hits = real.search(SAME, 10)
    assert hits == fake.search(SAME, 10)
    assert sorted(hits.ids) == [1, 2, 4]
    assert hits.ids[0] == 4
    np.testing.assert_array_equal(real.vector(4), SAME)
    for index in (real, fake):
        index.replace([7, 6, 7], np.vstack([OTHER, OTHER, SAME]))
    assert real.search(SAME, 10) == fake.search(SAME, 10)
    assert real.search(SAME, 10).ids == (7, 6)
    np.testing.assert_array_equal(
        real.similarities(SAME, [6, 7, 8]), fake.similarities(SAME, [6, 7, 8])
    )
