from __future__ import annotations

from storefront.services.search.spelling import SpellingCorrector


def test_unknown_words_become_the_most_frequent_close_catalog_word() -> None:
    speller = SpellingCorrector([["toilet", "seat"], ["toilet", "paper"], ["tablet"]])
    assert speller.correct("toliet") == "toilet"  # a swap is one edit
    assert speller.correct("toilet") is None  # known words stay


def test_short_words_numbers_and_far_words_are_left_alone() -> None:
    speller = SpellingCorrector([["lamp", "oak"], ["2x4"]])
    assert speller.correct("oaj") is None
    assert speller.correct("2x5") is None
    assert speller.correct("xylophone") is None


def test_long_words_tolerate_two_edits() -> None:
    speller = SpellingCorrector([["refrigerator"]])
    assert speller.correct("refrigirater") == "refrigerator"


def test_another_form_of_a_catalog_word_is_not_taken_for_a_typo() -> None:
    # "robe" (the catalog says "robes") became "rose", the commoner word one letter away:
    # a French shopper looking for a dress was shown perfumes.
    speller = SpellingCorrector([["robes"], ["rose"], ["rose"], ["rose"]])
    assert speller.correct("robe") is None
    assert speller.correct("rosse") == "rose"  # a real typo is still corrected
