"""Which product or category a path names, and the head its HTML should carry, from the
catalog cache (the reads the page itself makes a moment later)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from models.views import ProductCard
from storefront.bootstrap import Shop
from storefront.services.listing_query import ListingQuery
from storefront.services.page_meta import (
    PageHead,
    category_head,
    first_picture,
    home_head,
    picture_url,
    product_head,
)
from storefront.services.structured_data import SalesTerms

PRODUCT = re.compile(r"^/product/([^/]+)/?$")
CATEGORY = re.compile(r"^/category/([^/]+)/?$")
HOME = "/"
# Scope keys: the canonical URL CanonicalLink computed, and the head NotFoundStatus read.
CANONICAL_URL = "boutique.canonical_url"
PAGE_HEAD = "boutique.page_head"
# A page found, with no head of its own to write (another path, or a head not readable).
FOUND = (True, None)


def is_described(path: str) -> bool:
    """Whether `path` is a page this module looks up: home, a product, a category."""
    return path == HOME or bool(PRODUCT.match(path) or CATEGORY.match(path))


def look_up(shop: Shop, path: str, url: str | None) -> tuple[bool, PageHead | None]:
    """Whether the page at `path` exists, and its head (`url`: its canonical URL, None to
    build one)."""
    catalog, settings = shop.catalog, shop.settings
    public, language = settings.public_url, settings.language
    if match := PRODUCT.match(path):
        page = catalog.product(match.group(1))
        if page is None:
            return False, None
        own = picture_url(public, settings.media_base_url, first_picture(page.product))
        pictures = [
            picture_url(public, settings.media_base_url, image.path)
            for image in page.product.images
        ] or ([own] if own else [])
        head = product_head(
            page,
            url or public + path,
            own or _shop_picture(shop),
            language,
            pictures,
            terms=SalesTerms(settings.withdrawal_days),
        )
        return True, head
    if match := CATEGORY.match(path):
        slug = match.group(1)
        category = catalog.tree().by_slug(slug)
        if category is None:
            return False, None
        listing = catalog.listing(ListingQuery(category_slug=slug))
        cards = listing.cards if listing is not None else ()
        image = _card_picture(shop, cards) or _shop_picture(shop)
        return True, category_head(category, url or public + path, image, language)
    if path == HOME:
        return True, home_head(public, _shop_picture(shop), language)
    return FOUND


def _card_picture(shop: Shop, cards: Iterable[ProductCard]) -> str:
    """The absolute URL of the first picture among `cards`; "" when none has one."""
    path = next((card.image_path for card in cards if card.image_path), None)
    return picture_url(shop.settings.public_url, shop.settings.media_base_url, path)


def _shop_picture(shop: Shop) -> str:
    """The shop's picture for a page without one of its own: the first one the home page
    shows (its featured products first), else the shop's icon."""
    home = shop.catalog.home()
    picture = _card_picture(shop, (*home.featured, *home.newest, *home.best_rated))
    return picture or picture_url(shop.settings.public_url, "", "/favicon.ico")
