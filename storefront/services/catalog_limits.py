"""The longest texts a product may hold, one figure for every way in: the admin's product
form and the catalog import accept the same product, so whatever one saves the other edits."""

from __future__ import annotations

MAX_TITLE = 500  # product.title's length
MAX_SKU = 120  # variant.sku's length
# product.description is TEXT (no length); the bound keeps a form within the websocket's
# 1 MB message (REFLEX_SOCKET_MAX_HTTP_BUFFER_SIZE), even at 4 bytes a character.
MAX_DESCRIPTION = 100_000
