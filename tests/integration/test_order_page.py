"""The order page's state for an order it cannot show, on real SQLite and PostgreSQL: one
that does not exist and one opened without its key end alike (the page tells a stranger
nothing of which references exist), with a way to sign in and come back."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from models.orders import OrderStatus
from storefront.bootstrap import Shop, set_shop
from tests.integration.checkout_fixtures import VISA, checkout, commerce, paying_shop, place
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
