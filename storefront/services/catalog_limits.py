"""The longest texts a product may hold, one figure for every way in: the admin's product
form and the catalog import accept the same product, so whatever one saves the other edits."""

from __future__ import annotations

MAX_TITLE = 500  # product.title's length
MAX_SKU = 120  # variant.sku's length
# product.description is TEXT (no length); the bound keeps a form within the websocket's
# 1 MB message (REFLEX_SOCKET_MAX_HTTP_BUFFER_SIZE), even at 4 bytes a character.
MAX_DESCRIPTION = 100_000
# 100 million minor units (a million euros): far above any shop price, and x6 (the largest
# bulk increase) still fits PostgreSQL's 32-bit integer columns. The form, the import and
# bulk changes alike (an import up to 2,147,483,647 left its product unsaveable).
MAX_PRICE_MINOR = 100_000_000
# The most units one variant may hold: the form, the import and a stock change alike (an
# import above it left a product whose every form save was refused).
MAX_STOCK = 1_000_000


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def sku_key(sku: str) -> str:
    """What two SKUs share when they read the same to a person: "ab-1" is "AB-1". Only
    ASCII letters are folded, as SQLite's lower() (the index the shop looks SKUs up by)."""
    return sku.translate(_ASCII_LOWER)


def is_sku(text: str) -> bool:
    """A SKU as the form and the import take one: 1 to MAX_SKU characters, no space (a SKU
    with one imported left its product unsaveable from the form)."""
    return 0 < len(text) <= MAX_SKU and not any(ch.isspace() for ch in text)


# Between the parts of a SKU, and between a product's SKU stem and a variant's suffix.
SKU_SEPARATORS = ("-", "_", ".", "/")


def looks_like_sku(text: str) -> bool:
    """Whether a one-word query could be a SKU worth looking up: a digit in it, or a
    separator between two parts ("HAL-APR-RUST": a shop's own SKUs need no digit; QA found
    them unsearchable). A plain word ("apron") is left to the search index."""
    if not is_sku(text):
        return False
    inner = text.strip("".join(SKU_SEPARATORS))
    return any(ch.isdigit() for ch in text) or any(sep in inner for sep in SKU_SEPARATORS)
