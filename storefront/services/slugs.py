"""URL-safe slugs and tokens for names, brands and facet values."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from models.catalog import PRODUCT_SLUG_MAX_LENGTH
from storefront.services.text_folding import SPELLED_OUT

_NON_WORD = re.compile(r"[^a-z0-9]+")
# Every product slug is unique_slug(slugify(title)): lower-case ASCII letters, digits and
# hyphens, stored in a column of this length. Nothing else can name a product.
_PRODUCT_SLUG = re.compile(rf"[a-z0-9-]{{1,{PRODUCT_SLUG_MAX_LENGTH}}}")


# Letters that are no accent on a Latin letter, which NFKD therefore keeps whole, and which
# the ASCII step would drop: 'Cœur' became 'cur', 'Ørsted' 'rsted' (QA). Spelled out as the
# searches spell them.
_SPELLED_OUT = str.maketrans(SPELLED_OUT)


def slugify(text: str, max_length: int = 80) -> str:
    """'Café Crème, 250 g' -> 'cafe-creme-250-g'; never empty (falls back to 'item')."""
    spelled = unicodedata.normalize("NFKD", text.translate(_SPELLED_OUT))
    ascii_text = spelled.encode("ascii", "ignore").decode("ascii")
    slug = _NON_WORD.sub("-", ascii_text.lower()).strip("-")
    slug = slug[:max_length].rstrip("-")
    return slug or "item"


def unique_slug(base: str, is_taken: Callable[[str], bool]) -> str:
    """`base`, or `base-2`, `base-3`... whichever is free first."""
    if not is_taken(base):
        return base
    n = 2
    while is_taken(f"{base}-{n}"):
        n += 1
    return f"{base}-{n}"


def could_be_product_slug(text: str) -> bool:
    """Whether `text` has the shape of a product slug. Product URLs are anyone's to type:
    one that cannot be ours is answered as not found before the cache or the database."""
    return _PRODUCT_SLUG.fullmatch(text) is not None
