"""Which catalog changes a web process pushes to open product pages: only those the page
shows (state/live_updates.py), read from the real catalog."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace
from typing import Any

from models.catalog import ProductStatus
from models.types import utc_now
from state.live_updates import LivePusher, _with_slugs, forget, watch, watching
from storefront.bootstrap import Shop
from storefront.services.catalog_writer import edit_product, save_drafts, set_variant_price
from tests.unit.conftest import CHAIRS, draft


async def test_a_page_is_pushed_again_only_when_what_it_shows_changed(current_shop: Shop) -> None:
    shop = current_shop
    shop.run(save_drafts, [draft(1, stock=20, price=5_000)], categories=[CHAIRS])
    [card] = shop.catalog.cards([1])
    slug, sku = card.slug, "SKU-1-0"
    app: Any = SimpleNamespace(event_namespace=None)
    pusher = LivePusher(app)
    watch("tab", "product", [1])
    assert shop.inventory is not None

    async def looks_different() -> bool:
        shop.cache.clear()  # as the bus's invalidation does before a push
        return 1 in await pusher._pages_that_look_different({1: slug})

    try:
        assert await looks_different()  # not pushed by this process yet
        assert shop.inventory.reserve("sale-1", [(sku, 1)], utc_now())
        assert not await looks_different()  # 19 left: the badge still says in stock
        assert shop.inventory.reserve("sale-2", [(sku, 15)], utc_now())
        assert await looks_different()  # 4 left: "only 4 left"
        assert shop.inventory.reserve("sale-3", [(sku, 1)], utc_now())
        assert await looks_different()  # 3 left
        shop.run(set_variant_price, 1, sku, 4_500)
        assert await looks_different()
        assert not await looks_different()
    finally:
        forget(watching())


async def test_a_bulk_imports_products_are_refreshed_under_their_slugs_now(
    current_shop: Shop,
) -> None:
    """Its announcement names products, not slugs: an import that renamed one must not
    refresh the open page under the old slug (which no longer finds it)."""
    shop = current_shop
    shop.run(save_drafts, [draft(1), draft(2)], categories=[CHAIRS])
    shop.run(edit_product, 1, lambda record: replace(record, slug="renamed-chair"))
    shop.run(edit_product, 2, lambda record: replace(record, status=ProductStatus.ARCHIVED))
    shop.cache.clear()
    assert await _with_slugs({1: "", 2: ""}) == {1: "renamed-chair", 2: ""}
