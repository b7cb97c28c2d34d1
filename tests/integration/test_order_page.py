"""The order page's state for an order it cannot show, on real SQLite and PostgreSQL: one
that does not exist and one opened without its key end alike (the page tells a stranger
nothing of which references exist), with a way to sign in and come back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from models.catalog import ProductStatus
from models.orders import OrderStatus
from storefront.bootstrap import Shop, set_shop
from storefront.services.inventory import HOLD_MINUTES
from storefront.services.product_edits import edit_product
from tests.integration.checkout_fixtures import (
    VISA,
    card_token,
    checkout,
    commerce,
    paying_shop,
    place,
)
from tests.integration.test_customer_cancel_page import page_at


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop], localstripe_url: str) -> Shop:
    return paying_shop(make_shop, database_url, localstripe_url)


async def test_a_missing_order_and_one_opened_without_its_key_end_alike(shop: Shop) -> None:
    placed = place(shop, "g1", "SKU-2-0", 1)
    assert checkout(shop).pay(placed.order_id, VISA).status is OrderStatus.PAID
    order = commerce(shop).orders.get(placed.order_id)
    assert order is not None
    set_shop(shop)
    try:
        missing, _ = page_at("NOSUCHORDER", "")
        await missing.load()
        stranger, _ = page_at(order.reference, "not-the-key")
        await stranger.load()
        owner, _ = page_at(order.reference, order.access_key)
        await owner.load()
    finally:
        set_shop(None)
    for page, path in ((missing, "/order/NOSUCHORDER"), (stranger, f"/order/{order.reference}")):
        assert (page.loaded, page.found) == (True, False)
        assert page.reference == ""
        assert page.sign_in_href == f"/account/sign-in?next={path}"
    assert (owner.loaded, owner.found) == (True, True)
    assert owner.sign_in_href == ""


async def test_a_declined_order_says_declined_and_cancels_itself_when_it_said(
    shop: Shop, localstripe_url: str
) -> None:
    """Its page said it waited for the bank's answer (QA): it says the card was declined,
    nothing was charged, and when it is canceled unpaid, which the reconciliation then does
    (not before)."""
    placed = place(shop, "g1", "SKU-2-0", 1)
    declined = card_token(localstripe_url, "4000000000000002")
    assert checkout(shop).pay(placed.order_id, declined).status is OrderStatus.FAILED
    order = commerce(shop).orders.get(placed.order_id)
    assert order is not None
    set_shop(shop)
    try:
        page, _ = page_at(order.reference, order.access_key)
        await page.load()
    finally:
        set_shop(None)
    assert (page.found, page.declined, page.waiting, page.just_placed) == (True, True, False, False)
    assert page.status_labels == {"en": "Payment failed", "fr": "Paiement refusé"}
    assert page.cancel_offered  # unpaid: the shopper may cancel it at once
    cancels_at = datetime.fromisoformat(page.cancels_at)
    assert cancels_at == (order.updated_at or order.created_at) + timedelta(minutes=HOLD_MINUTES)
    reconciliation = commerce(shop).reconciliation
    assert reconciliation is not None
    settle_after = timedelta(minutes=10)
    just_before = cancels_at - timedelta(seconds=1)
    reconciliation.reconcile(just_before, settle_after, timedelta(minutes=HOLD_MINUTES))
    assert commerce(shop).orders.get(order.id).status is OrderStatus.FAILED  # type: ignore[union-attr]
    reconciliation.reconcile(cancels_at, settle_after, timedelta(minutes=HOLD_MINUTES))
    assert commerce(shop).orders.get(order.id).status is OrderStatus.CANCELED  # type: ignore[union-attr]


async def test_each_line_leads_to_its_product_until_the_product_is_no_longer_on_sale(
    shop: Shop,
) -> None:
    """QA: a returning shopper could not get from an order back to what she bought. A line
    links to its product's page on the variant bought; once the product is archived, its
    line is plain text (its page would say "not found")."""
    shop.carts.add("g1", None, "SKU-1-0", 2)  # type: ignore[union-attr]
    placed = place(shop, "g1", "SKU-2-0", 1)
    assert checkout(shop).pay(placed.order_id, VISA).status is OrderStatus.PAID
    order = commerce(shop).orders.get(placed.order_id)
    assert order is not None
    set_shop(shop)
    try:
        page, _ = page_at(order.reference, order.access_key)
        await page.load()
        assert [(line.sku, line.href) for line in page.lines] == [
            ("SKU-1-0", "/product/chair-number-1?sku=SKU-1-0"),
            ("SKU-2-0", "/product/chair-number-2?sku=SKU-2-0"),
        ]
        with shop.uow() as uow:
            chair_2 = uow.catalog.product_keys()["P2"][0]
        shop.run(edit_product, chair_2, lambda r: replace(r, status=ProductStatus.ARCHIVED))
        await page.load()
    finally:
        set_shop(None)
    assert [(line.sku, line.href) for line in page.lines] == [
        ("SKU-1-0", "/product/chair-number-1?sku=SKU-1-0"),
        ("SKU-2-0", ""),
    ]
    assert [line.title for line in page.lines] == ["Chair number 1", "Chair number 2"]
