"""The invoice page on real SQLite and PostgreSQL through the API: the order's signed-in
owner and the holder of its key get the paid order's invoice, in its language, escaped and
not cached publicly; another shopper, a wrong key, and an unpaid order get a 404."""

from __future__ import annotations

from collections.abc import Callable

from starlette.testclient import TestClient

from models.orders import OrderStatus
from models.types import utc_now
from storefront.adapters.sql_order_store import SqlOrderStore
from storefront.api.routes import build_api
from storefront.bootstrap import Shop, set_shop
from storefront.services.accounts.service import SESSION_COOKIE
from storefront.services.catalog_writer import save_drafts
from storefront.services.checkout.pricing import Totals
from storefront.services.invoices.document import ADMIN_INVOICE_PATH, INVOICE_PATH
from storefront.services.orders.ports import Address, NewOrder, OrderItem
from tests.integration.admin_fixtures import team_sessions
from tests.integration.checkout_fixtures import VISA, checkout, commerce, paying_shop, place
from tests.integration.test_customer_cancel_page import page_at
from tests.unit.conftest import CHAIRS, draft

PASSWORD = "correct horse battery staple"


def placed(orders: SqlOrderStore, reference: str, account_id: int | None) -> int:
    return orders.create(
        NewOrder(
            reference=reference, access_key=f"key-{reference}", account_id=account_id,
            cart_id=None, email="ann@example.com", locale="fr",
            address=Address("Ann <b>Smith</b>", "12 rue des Lilas", "", "75011", "Paris", "FR"),
            shipping_method="standard", discount_code=None,
            amounts=Totals(4_800, 500, 490, 4_790, 2_000, 798, "EUR"),
            lines=(OrderItem(1, "SKU-1-0", "Chaise <script>", 2, 2_400, "M"),),
        )
    )  # fmt: skip


def test_the_owner_and_the_key_holder_get_the_invoice_and_no_one_else(
    database_url: str, make_shop: Callable[..., Shop]
) -> None:
    shop = make_shop(database_url)
    shop.run(save_drafts, [draft(1, stock=10)], categories=[CHAIRS])
    assert shop.commerce is not None
    assert shop.accounts is not None
    orders = shop.commerce.orders
    assert isinstance(orders, SqlOrderStore)
    now = utc_now()
    ann = shop.accounts.sign_up("ann@example.com", PASSWORD, "Ann", now)
    bob = shop.accounts.sign_up("bob@example.com", PASSWORD, "Bob", now)
    paid = placed(orders, "INVPAID01", ann.account_id)
    placed(orders, "INVOPEN01", ann.account_id)
    assert orders.move(paid, OrderStatus.PAID).applied
    set_shop(shop)
    try:
        client = TestClient(build_api())
        path = INVOICE_PATH.format(reference="INVPAID01")
        by_key = client.get(path, params={"key": "key-INVPAID01"})
        wrong_key = client.get(path, params={"key": "key-INVOPEN01"})
        nobody = client.get(path)
        in_french = client.get(path, headers={"Accept-Language": "fr-FR,fr;q=0.9"})
        client.cookies.set(SESSION_COOKIE, bob.session_token)
        other_shopper = client.get(path)
        client.cookies.set(SESSION_COOKIE, ann.session_token)
        owner = client.get(path)
        unpaid = client.get(INVOICE_PATH.format(reference="INVOPEN01"))
    finally:
        set_shop(None)
    for refused in (wrong_key, nobody, other_shopper, unpaid):
        assert refused.status_code == 404
        assert "Ann" not in refused.text
    # Said in the visitor's language, as the pages are (QA: English in a French shop).
    assert (nobody.text, in_french.text) == ("No such invoice.", "Facture introuvable.")
    assert by_key.status_code == 200
    assert owner.status_code == 200
    assert owner.text == by_key.text
    page = owner.text
    assert "private" in owner.headers["cache-control"]
    assert "no-store" in owner.headers["cache-control"]
    assert owner.headers["x-frame-options"] == "DENY"
    record = orders.get(paid)
    assert record is not None
    assert record.invoice_number is not None
    assert f"Facture {record.invoice_number}" in page  # the order's language, French
    assert "Chaise &lt;script&gt;" in page
    assert "<script>" not in page
    assert "Ann &lt;b&gt;Smith&lt;/b&gt;" in page
    assert "Total HT" in page
    assert "39,92\u00a0€" in page  # 47.90 incl. VAT less 7.98 VAT
    assert "FR40123456824" in page  # the seller's VAT number (demo default)


async def test_an_order_paid_through_checkout_links_its_invoice_on_its_page(
    database_url: str, make_shop: Callable[..., Shop], localstripe_url: str
) -> None:
    shop = paying_shop(make_shop, database_url, localstripe_url)
    unpaid = place(shop, "g2", "SKU-2-0", 1)
    placed = place(shop, "g1", "SKU-2-0", 1)
    assert checkout(shop).pay(placed.order_id, VISA).status is OrderStatus.PAID
    order = commerce(shop).orders.get(placed.order_id)
    waiting = commerce(shop).orders.get(unpaid.order_id)
    assert order is not None
    assert waiting is not None
    assert order.invoice_number is not None
    set_shop(shop)
    try:
        page, _cancel = page_at(order.reference, order.access_key)
        await page.load()
        link = page.invoice_url
        other, _cancel = page_at(waiting.reference, waiting.access_key)
        await other.load()
    finally:
        set_shop(None)
    assert link.endswith(f"/api/orders/{order.reference}/invoice?key={order.access_key}")
    assert other.found
    assert other.invoice_url == ""  # not paid: no invoice


def test_staff_get_any_paid_order_s_invoice_and_a_shopper_does_not(
    database_url: str, make_shop: Callable[..., Shop]
) -> None:
    shop = make_shop(database_url)
    shop.run(save_drafts, [draft(1, stock=10)], categories=[CHAIRS])
    assert shop.commerce is not None
    orders = shop.commerce.orders
    assert isinstance(orders, SqlOrderStore)
    sessions = team_sessions(shop)
    paid = placed(orders, "INVPAID02", None)
    placed(orders, "INVOPEN02", None)
    assert orders.move(paid, OrderStatus.PAID).applied
    set_shop(shop)
    try:
        client = TestClient(build_api())
        path = ADMIN_INVOICE_PATH.format(reference="INVPAID02")
        answers = {}
        for who, session in (("staff", sessions.staff), ("shopper", sessions.shopper)):
            client.cookies.set(SESSION_COOKIE, session)
            answers[who] = client.get(path)
        client.cookies.set(SESSION_COOKIE, "forged")
        answers["forged"] = client.get(path)
        client.cookies.set(SESSION_COOKIE, sessions.staff)
        answers["unpaid"] = client.get(ADMIN_INVOICE_PATH.format(reference="INVOPEN02"))
    finally:
        set_shop(None)
    assert answers["staff"].status_code == 200
    assert "Facture F" in answers["staff"].text
    assert "no-store" in answers["staff"].headers["cache-control"]
    for refused in ("shopper", "forged", "unpaid"):
        assert answers[refused].status_code == 404
        assert "Ann" not in answers[refused].text
