"""Which catalog changes a web process pushes to open product pages: only those the page
shows (state/live_updates.py), read from the real catalog."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace
from typing import Any

import pytest
from reflex.istate.data import RouterData

from models.catalog import ProductStatus
from models.types import utc_now
from state import cart as cart_state
from state import checkout as checkout_state
from state import product as product_state
from state.cart import CartState
from state.checkout import CheckoutState
from state.live_updates import LivePusher, _with_slugs, forget, watch, watchers_of, watching
from state.product import ProductState
from state.recommendations import ProductRecsState
from state.reviews import ReviewsState
from storefront.bootstrap import Shop
from storefront.services.accounts.credentials import token_hash
from storefront.services.catalog_writer import save_drafts
from storefront.services.product_edits import edit_product, set_variant_price
from tests.integration.test_admin_authorization import state_at, visit
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


async def test_a_change_that_comes_while_the_page_is_read_is_not_missed(
    current_shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read, then watch: a price edited in between found no watcher to push to. The page
    sees that a change came and reads again."""
    shop = current_shop
    shop.run(save_drafts, [draft(1, price=5_000)], categories=[CHAIRS])
    [card] = shop.catalog.cards([1])
    page: Any = state_at(ProductState, "", {})
    visit(page, f"/product/{card.slug}", "")
    reads = product_state.call_cached

    async def read_then_edited(fn: Any, *args: Any) -> Any:
        found = await reads(fn, *args)
        if not edited:
            edited.append(True)
            shop.run(set_variant_price, 1, "SKU-1-0", 4_200)
            shop.cache.clear()  # the bus's invalidation, then its announcement:
            LivePusher(SimpleNamespace(event_namespace=None)).changed({1: card.slug})  # type: ignore[arg-type]
        return found

    edited: list[bool] = []
    monkeypatch.setattr(product_state, "call_cached", read_then_edited)
    try:
        await page.load()
        assert [v.price_minor for v in page.variants] == [4_200]
    finally:
        forget(watching())


async def test_a_change_that_comes_while_the_cart_is_read_is_not_missed(
    current_shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same window for the cart: a price edited between the cart's read and its watch
    found no watcher, so the cart (and the checkout's totals, which read it) read again."""
    shop = current_shop
    shop.run(save_drafts, [draft(1, price=5_000)], categories=[CHAIRS])
    [card] = shop.catalog.cards([1])
    assert shop.carts is not None
    shop.carts.add(token_hash("tab-cart"), None, "SKU-1-0", 1)
    reads = {"cart": cart_state.call, "checkout": checkout_state.call}
    edited: list[int] = []

    def read_then_edited(module: str, price_minor: int) -> Any:
        async def call(fn: Any, *args: Any) -> Any:
            found = await reads[module](fn, *args)
            if (
                fn in (cart_state.view_cart, checkout_state.price_cart)
                and price_minor not in edited
            ):
                edited.append(price_minor)
                shop.run(set_variant_price, 1, "SKU-1-0", price_minor)
                shop.cache.clear()  # the bus's invalidation, then its announcement:
                LivePusher(SimpleNamespace(event_namespace=None)).changed({1: card.slug})  # type: ignore[arg-type]
            return found

        return call

    monkeypatch.setattr(cart_state, "call", read_then_edited("cart", 4_200))
    page: Any = state_at(CartState, "", {})
    page.cart_token = "tab-cart"
    try:
        await page.load()
        assert [line.price_minor for line in page.lines] == [4_200]
        monkeypatch.setattr(cart_state, "call", reads["cart"])
        monkeypatch.setattr(checkout_state, "call", read_then_edited("checkout", 3_900))
        checkout: Any = await page.get_state(CheckoutState)
        await checkout._requote()
        assert [line.price_minor for line in page.lines] == [3_900]
    finally:
        forget(watching())


async def test_a_change_to_a_product_the_cart_does_not_hold_reads_it_once(
    current_shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checkouts change stock all the time: only the cart's own products read it again."""
    shop = current_shop
    shop.run(save_drafts, [draft(1), draft(2)], categories=[CHAIRS])
    assert shop.carts is not None
    shop.carts.add(token_hash("tab-cart"), None, "SKU-1-0", 1)
    reads = cart_state.call
    views: list[bool] = []

    async def other_product_changes(fn: Any, *args: Any) -> Any:
        found = await reads(fn, *args)
        if fn is cart_state.view_cart:
            views.append(True)
            LivePusher(SimpleNamespace(event_namespace=None)).changed({2: ""})  # type: ignore[arg-type]
        return found

    monkeypatch.setattr(cart_state, "call", other_product_changes)
    page: Any = state_at(CartState, "", {})
    page.cart_token = "tab-cart"
    try:
        await page.load()
        assert len(views) == 1
    finally:
        forget(watching())


async def test_the_not_found_page_of_a_draft_comes_back_when_it_is_published(
    current_shop: Shop,
) -> None:
    """QA: a page open on a product set to draft said "not found", and stayed so when the
    product was published again. The page watches the product it is about, shown or not;
    nothing of the draft reaches it (an edit while it is a draft leaves it not found, with
    no title), and published it shows the product as it is then, its reviews and rows too."""
    shop = current_shop
    shop.run(save_drafts, [draft(1, price=5_000)], categories=[CHAIRS])
    [card] = shop.catalog.cards([1])
    shop.run(edit_product, 1, lambda record: replace(record, status=ProductStatus.DRAFT))
    shop.cache.clear()
    page: Any = state_at(ProductState, "", {})
    root = page.parent_state
    path = f"/product/{card.slug}"
    root.router = RouterData.from_router_data({"pathname": path, "asPath": path, "token": "tab"})
    pusher = LivePusher(SimpleNamespace(event_namespace=None))  # type: ignore[arg-type]
    try:
        await page.load()
        assert (page.not_found, page.product_id, page.title) == (True, 0, "")
        assert (page._watched, watchers_of([1])) == (1, {"tab"})
        shop.run(edit_product, 1, lambda record: replace(record, title="Secret new chair"))
        shop.cache.clear()
        await page._refresh(card.slug)  # even if pushed: still a draft, nothing shown
        assert (page.not_found, page.title, page.variants) == (True, "", [])
        assert shop.catalog.hidden_product(card.slug) == 1
        shop.run(edit_product, 1, lambda record: replace(record, status=ProductStatus.ACTIVE))
        shop.cache.clear()
        assert 1 in await pusher._pages_that_look_different({1: card.slug})
        await page._refresh(card.slug)
        assert (page.not_found, page.product_id, page.title) == (False, 1, "Secret new chair")
        assert [v.price_minor for v in page.variants] == [5_000]
        assert (await page.get_state(ReviewsState)).product_id == 1
        # Its rows too (without a search index loaded here: read empty, as a load reads them).
        assert (await page.get_state(ProductRecsState)).product_id == 1
        assert shop.catalog.hidden_product(card.slug) is None  # on sale: not hidden
        assert shop.catalog.hidden_product("no-such-product") is None
    finally:
        forget(watching())
