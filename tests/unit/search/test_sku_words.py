"""Which one-word queries the search looks up as SKUs (catalog_limits.looks_like_sku)."""

from __future__ import annotations

import pytest

from storefront.services.catalog_limits import looks_like_sku


@pytest.mark.parametrize(
    "text", ["BTQ-000002-STD", "btq-000004", "iphone15", "HAL-APR-RUST", "hal_apr", "a.b", "x/y"]
)
def test_a_word_with_a_digit_or_an_inner_separator_is_looked_up(text: str) -> None:
    assert looks_like_sku(text)


@pytest.mark.parametrize("text", ["apron", "headphones", "-rust", "rust-", "", "hal apr-1"])
def test_a_plain_word_an_edge_dash_or_two_words_is_left_to_the_index(text: str) -> None:
    assert not looks_like_sku(text)
