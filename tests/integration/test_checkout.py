"""Checkout to payment on real databases and localstripe: never oversold, paid once."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from models.orders import OrderStatus
from storefront.adapters.mailer import SmtpMailer
from storefront.adapters.sql_discounts import SqlDiscountAdmin
from storefront.bootstrap import Shop
from storefront.services.checkout.quotes import CheckoutError
from storefront.services.checkout.reconciliation import Reconciliation
from storefront.services.inventory import HOLD_MINUTES
from storefront.services.orders.confirmation_due import confirmation_due
from storefront.services.orders.mail import CLAIM_MINUTES
from storefront.services.orders.viewing import order_history
from storefront.services.payments import PaymentIntent
from tests.integration.checkout_fixtures import (
    DECLINED,
    NOW,
    VISA,
    authenticate,
    authenticate_order,
    card_token,
    checkout,
    commerce,
    form,
    paying_shop,
    place,
    scalar,
)
from tests.localstripe import SECRET_KEY
from tests.ports import free_port


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop], localstripe_url: str) -> Shop:
    return paying_shop(make_shop, database_url, localstripe_url)


def reconciliation(shop: Shop) -> Reconciliation:
    assert commerce(shop).reconciliation is not None
    return commerce(shop).reconciliation  # type: ignore[return-value]


def status_of(shop: Shop, order_id: int) -> OrderStatus:
    order = commerce(shop).orders.get(order_id)
    assert order is not None
    return order.status


def test_two_hundred_concurrent_checkouts_for_ten_in_stock_pay_exactly_ten(shop: Shop) -> None:
    assert shop.carts is not None
    for n in range(200):  # 200 shoppers put the product in their carts
        shop.carts.add(f"guest-{n}", None, "SKU-1-0", 1)

    def buy(n: int) -> str:
        try:
            placed = checkout(shop).place_order((f"guest-{n}", None), form(), NOW)
        except CheckoutError as exc:
            return exc.code
        return checkout(shop).pay(placed.order_id, VISA).status.value

    with ThreadPoolExecutor(max_workers=24) as pool:  # then all check out at once
        results = list(pool.map(buy, range(200)))
    assert results.count("paid") == 10
    # Refused at the hold, or earlier when their cart already showed the product sold out.
    refusals = {"checkout.error.out_of_stock", "checkout.error.cart_changed"}
    assert all(result in refusals for result in results if result != "paid")
    assert scalar(shop, "select count(*) from sales_order where status = 'paid'") == 10
    assert scalar(shop, "select stock from variant where sku = 'SKU-1-0'") == 0
    assert scalar(shop, "select stock from product where external_id = 'P1'") == 0
    held = "select count(*) from stock_reservation where status = 'committed'"
    assert scalar(shop, held) == 10
    assert scalar(shop, "select count(*) from mail_outbox") == 10


def test_the_total_comes_from_the_server_with_vat_shipping_and_discount(shop: Shop) -> None:
    assert shop.engine is not None
    with shop.engine.begin() as connection:
        connection.exec_driver_sql(
            "insert into discount_code (code, kind, value, min_subtotal_minor, used_count,"
            " active, created_at) values ('TEN', 'percent', 10, 0, 0, true, now())"
            if shop.engine.dialect.name == "postgresql"
            else "insert into discount_code (code, kind, value, min_subtotal_minor, used_count,"
            " active, created_at) values ('TEN', 'percent', 10, 0, 0, 1, datetime('now'))"
        )
    placed = place(shop, "g1", "SKU-2-0", 1, discount_code="ten", shipping_method="express")
    order = commerce(shop).orders.get(placed.order_id)
    assert order is not None
    amounts = order.amounts
    # 60.00 - 10 % = 54.00, express 12.90 (not free) = 66.90, of which 20 % VAT = 11.15.
    assert (amounts.subtotal_minor, amounts.discount_minor) == (6_000, 600)
    assert (amounts.shipping_minor, amounts.total_minor, amounts.vat_included_minor) == (
        1_290,
        6_690,
        1_115,
    )
    assert commerce(shop).gateway is not None
    intent = commerce(shop).gateway.retrieve_intent(order.payment_intent_id or "")  # type: ignore[union-attr]
    assert (intent.amount_minor, intent.currency) == (6_690, "EUR")
    assert scalar(shop, "select used_count from discount_code where code = 'TEN'") == 1
    with shop.engine.begin() as connection:  # a code for carts of 1,000.00 or more
        connection.execute(
            text("update discount_code set code = 'BIG', min_subtotal_minor = 100000")
        )
    cart = shop.carts.view("g1", None)  # type: ignore[union-attr]
    refused = checkout(shop).quotes.quote_choices(cart, "FR", "standard", "big", NOW)
    assert refused.errors == {"discount": "checkout.error.discount_minimum"}
    assert refused.amounts == {"minimum": 100_000}  # named in the message


def test_a_single_use_code_survives_its_shoppers_declined_attempt(shop: Shop) -> None:
    """The declined attempt holds the code's one use until it is canceled: the shopper's next
    Pay must not be refused for it (it cancels that attempt first), another cart's must."""
    assert shop.engine is not None
    with shop.engine.begin() as connection:
        connection.exec_driver_sql(
            "insert into discount_code (code, kind, value, min_subtotal_minor, used_count,"
            " usage_limit, active, created_at) values ('ONCE', 'fixed', 500, 0, 0, 1, true,"
            + (" now())" if shop.engine.dialect.name == "postgresql" else " datetime('now'))")
        )
    first = place(shop, "g1", discount_code="once")
    assert checkout(shop).pay(first.order_id, DECLINED).status is OrderStatus.FAILED
    with pytest.raises(CheckoutError) as refused:
        place(shop, "g2", discount_code="once")
    # Not "used up": the use comes back if that attempt is not paid.
    assert refused.value.fields == {"discount": "checkout.error.discount_held"}
    admin = SqlDiscountAdmin(shop.engine)
    row = admin.get("ONCE")
    assert row is not None
    assert (row.used, row.awaiting, row.status(NOW)) == (1, 1, "held")  # the admin's list too
    again = checkout(shop).place_order(("g1", None), form(discount_code="once"), NOW)
    assert status_of(shop, first.order_id) is OrderStatus.CANCELED
    assert checkout(shop).pay(again.order_id, VISA).status is OrderStatus.PAID
    assert scalar(shop, "select used_count from discount_code where code = 'ONCE'") == 1
    assert [(r.used, r.awaiting, r.status(NOW)) for r in admin.page(0, 10)[0]] == [
        (1, 0, "used_up")
    ]
    with pytest.raises(CheckoutError) as refused:  # paid: used up for good
        place(shop, "g2", discount_code="once")
    assert refused.value.fields == {"discount": "checkout.error.discount_used_up"}


def test_what_the_cart_says_is_what_is_ordered(shop: Shop) -> None:
    """A reduced line is ordered at what is left, a changed price at today's, a line out of
    stock stays in the cart; the shopper pays the total the page showed for exactly that."""
    assert shop.carts is not None
    assert shop.engine is not None
    for guest in ("g1", "g2"):
        shop.carts.add(guest, None, "SKU-1-0", 5 if guest == "g1" else 1)
        shop.carts.add(guest, None, "SKU-2-0", 1)
    with shop.engine.begin() as connection:  # meanwhile, in the admin
        connection.exec_driver_sql("update variant set stock = 3 where sku = 'SKU-1-0'")
        connection.exec_driver_sql("update variant set price_minor = 5500 where sku = 'SKU-2-0'")

    def order_as_shown(guest: str) -> list[tuple[str, int, int]]:
        cart = shop.carts.view(guest, None)  # type: ignore[union-attr]
        shown = checkout(shop).quotes.quote_choices(cart, "FR", "standard", "", NOW).totals
        assert shown is not None
        placed = checkout(shop).place_order(
            (guest, None), form(shown_total_minor=shown.total_minor), NOW
        )
        order = commerce(shop).orders.get(placed.order_id)
        assert order is not None
        assert order.amounts.total_minor == shown.total_minor
        return [(x.sku, x.quantity, x.unit_price_minor) for x in order.lines]

    assert [line.status for line in shop.carts.view("g1", None).lines] == [
        "reduced",
        "price_changed",
    ]
    assert order_as_shown("g1") == [("SKU-1-0", 3, 2_000), ("SKU-2-0", 1, 5_500)]
    assert [line.status for line in shop.carts.view("g2", None).lines] == [
        "out_of_stock",  # g1's order holds the last three
        "price_changed",
    ]
    assert order_as_shown("g2") == [("SKU-2-0", 1, 5_500)]


def test_an_order_keeps_the_options_of_the_variant_bought(shop: Shop) -> None:
    """Stored with the line: renaming the variant's colour later does not rewrite the order."""
    assert shop.engine is not None
    placed = place(shop, "g1", "SKU-1-0", 2)
    with shop.engine.begin() as connection:
        connection.exec_driver_sql(
            "update variant set options = '{\"colour\": \"Walnut\"}' where sku = 'SKU-1-0'"
        )
    order = commerce(shop).orders.get(placed.order_id)
    assert order is not None
    assert [(x.title, x.options, x.quantity) for x in order.lines] == [("Chair number 1", "Oak", 2)]


def test_bad_input_is_refused_field_by_field_and_writes_nothing(shop: Shop) -> None:
    assert shop.carts is not None
    shop.carts.add("g1", None, "SKU-1-0", 1)
    bad = form(
        email="not-an-email",
        address={"name": "", "line1": "1 rue \x07bell", "postal_code": "ABC", "city": "Paris",
                 "country": "FR"},
    )  # fmt: skip
    with pytest.raises(CheckoutError) as refused:
        checkout(shop).place_order(("g1", None), bad, NOW)
    assert refused.value.fields == {
        "email": "checkout.error.email",
        "name": "checkout.error.required",
        "line1": "checkout.error.characters",
        "postal_code": "checkout.error.postal_code",
    }
    with pytest.raises(CheckoutError) as unknown:
        checkout(shop).place_order(("g1", None), form(discount_code="NOPE"), NOW)
    assert unknown.value.fields == {"discount": "checkout.error.discount_unknown"}
    # A page priced before a change showed another total: refused, nothing written.
    with pytest.raises(CheckoutError, match="total_changed"):
        checkout(shop).place_order(("g1", None), form(shown_total_minor=2_000), NOW)
    assert scalar(shop, "select count(*) from sales_order") == 0
    assert scalar(shop, "select count(*) from stock_reservation") == 0


def test_a_declined_card_leaves_the_order_unpaid_and_another_card_pays_it(shop: Shop) -> None:
    placed = place(shop, "g1")
    step = checkout(shop).pay(placed.order_id, DECLINED)
    assert step.status is OrderStatus.FAILED
    assert "declined" in step.error.lower()
    assert step.reason == "card_declined"  # the provider's code: said in the shopper's language
    assert status_of(shop, placed.order_id) is OrderStatus.FAILED
    assert scalar(shop, "select count(*) from mail_outbox") == 0
    assert scalar(shop, "select stock from variant where sku = 'SKU-1-0'") == 9  # still held
    assert checkout(shop).pay(placed.order_id, VISA).status is OrderStatus.PAID
    assert scalar(shop, "select count(*) from mail_outbox") == 1


def test_stripes_generic_decline_card_is_declined_by_the_sandbox_too(
    shop: Shop, localstripe_url: str
) -> None:
    """4000 0000 0000 0002, the card Stripe's docs give for a decline: the demo must refuse
    it as Stripe does (localstripe declined it only when attached to a customer)."""
    placed = place(shop, "g1")
    step = checkout(shop).pay(placed.order_id, card_token(localstripe_url, "4000000000000002"))
    assert step.status is OrderStatus.FAILED
    assert "declined" in step.error.lower()


def test_three_d_secure_pays_after_authentication_and_fails_without(
    shop: Shop, localstripe_url: str
) -> None:
    for ok, expected in ((True, OrderStatus.PAID), (False, OrderStatus.FAILED)):
        placed = place(shop, f"g-{ok}")
        card = card_token(localstripe_url, "4000002500003155")
        step = checkout(shop).pay(placed.order_id, card)
        assert step.status is OrderStatus.REQUIRES_ACTION
        assert step.client_secret
        authenticate_order(shop, localstripe_url, placed.order_id, step.client_secret, ok)
        assert checkout(shop).refresh(placed.order_id).status is expected


def test_the_success_page_and_the_webhook_racing_pay_once(shop: Shop, localstripe_url: str) -> None:
    placed = place(shop, "g1")
    card = card_token(localstripe_url, "4000002500003155")
    step = checkout(shop).pay(placed.order_id, card)
    order = commerce(shop).orders.get(placed.order_id)
    assert order is not None
    assert order.payment_intent_id
    authenticate(localstripe_url, order.payment_intent_id, step.client_secret, True)
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda _: checkout(shop).refresh(placed.order_id), range(8)))
    assert status_of(shop, placed.order_id) is OrderStatus.PAID
    assert scalar(shop, "select count(*) from mail_outbox") == 1
    assert scalar(shop, "select stock from variant where sku = 'SKU-1-0'") == 9


def test_reconciliation_settles_paid_orders_and_cancels_abandoned_ones(
    shop: Shop, localstripe_url: str
) -> None:
    paid_elsewhere = place(shop, "g1")
    card = card_token(localstripe_url, "4000002500003155")
    step = checkout(shop).pay(paid_elsewhere.order_id, card)
    order = commerce(shop).orders.get(paid_elsewhere.order_id)
    assert order is not None
    assert order.payment_intent_id
    # The shopper authenticated, closed the tab, and the webhook never came.
    authenticate(localstripe_url, order.payment_intent_id, step.client_secret, True)
    abandoned = place(shop, "g2", quantity=2)
    assert scalar(shop, "select stock from variant where sku = 'SKU-1-0'") == 7
    later = order.created_at + timedelta(hours=2)
    counts = reconciliation(shop).reconcile(later, timedelta(minutes=5), timedelta(hours=1))
    assert counts == {
        "checked": 2, "paid": 1, "canceled": 1, "failed": 0, "finished": 0, "refunded": 0,
        "refunds_failed": 0, "refund_mails": 0, "cancel_release_mails": 0,
        "withdrawal_acks": 0,
    }  # fmt: skip
    assert status_of(shop, paid_elsewhere.order_id) is OrderStatus.PAID
    assert status_of(shop, abandoned.order_id) is OrderStatus.CANCELED
    assert scalar(shop, "select stock from variant where sku = 'SKU-1-0'") == 9
    assert (
        reconciliation(shop).reconcile(later, timedelta(minutes=5), timedelta(hours=1))["checked"]
        == 0
    )


def test_the_reconciliation_refuses_to_give_up_on_orders_at_their_first_look(
    shop: Shop,
) -> None:
    """Given up after 0 minutes, every unpaid order looked at was canceled at once, a shopper
    in 3-D Secure among them (QA): the service refuses such windows itself."""
    placed = place(shop, "g1")
    order = commerce(shop).orders.get(placed.order_id)
    assert order is not None
    later = order.created_at + timedelta(hours=2)
    for settle_after, give_up_after in (
        (timedelta(minutes=10), timedelta(0)),
        (timedelta(minutes=10), timedelta(minutes=10)),
        (timedelta(minutes=-5), timedelta(minutes=15)),
    ):
        with pytest.raises(ValueError, match="must exceed settle_after"):
            reconciliation(shop).reconcile(later, settle_after, give_up_after)
    assert status_of(shop, placed.order_id) is OrderStatus.PENDING
    assert scalar(shop, "select stock from variant where sku = 'SKU-1-0'") == 9


def test_refunds_are_idempotent_and_never_exceed_what_was_paid(shop: Shop) -> None:
    placed = place(shop, "g1", "SKU-2-0", 1)
    assert checkout(shop).pay(placed.order_id, VISA).status is OrderStatus.PAID
    refunds = commerce(shop).refunds
    assert refunds is not None
    first = refunds.refund(placed.order_id, 1_000, "r-1", "scratched")
    again = refunds.refund(placed.order_id, 1_000, "r-1", "scratched")
    assert (first.refund_id, first.provider_refund_id, first.settled_now) == (
        again.refund_id,
        again.provider_refund_id,
        not again.settled_now,  # the repeat was answered from the first
    )
    assert status_of(shop, placed.order_id) is OrderStatus.PARTIALLY_REFUNDED
    from storefront.services.orders.refunds import RefundError

    with pytest.raises(RefundError) as too_much:
        refunds.refund(placed.order_id, 5_001, "r-2")  # 60.00 paid, 10.00 back already
    assert too_much.value.code == "refund.error.exceeds_paid"
    refunds.refund(placed.order_id, 5_000, "r-3")
    # Refunded in full before it shipped: canceled (status.closed_by_refund).
    assert status_of(shop, placed.order_id) is OrderStatus.CANCELED
    assert scalar(shop, "select refunded_minor from sales_order") == 6_000


def test_paying_again_after_the_first_payment_went_through_charges_nothing(
    shop: Shop, localstripe_url: str
) -> None:
    placed = place(shop, "g1")
    order = commerce(shop).orders.get(placed.order_id)
    assert order is not None
    assert order.payment_intent_id
    # Our confirm call timed out, but Stripe took the payment.
    auth = (SECRET_KEY, "")
    base = f"{localstripe_url}/v1/payment_intents/{order.payment_intent_id}"
    httpx.post(base, data={"payment_method": VISA}, auth=auth).raise_for_status()
    httpx.post(f"{base}/confirm", auth=auth).raise_for_status()
    with pytest.raises(CheckoutError) as refused:  # the shopper presses Pay again
        checkout(shop).place_order(("g1", None), form(), NOW, replaces=placed.order_id)
    assert refused.value.code == "checkout.error.already_paid"
    assert status_of(shop, placed.order_id) is OrderStatus.PAID
    assert scalar(shop, "select count(*) from sales_order") == 1


def test_a_tab_whose_last_order_was_paid_meanwhile_can_place_the_next(shop: Shop) -> None:
    """The page lost track of its order (a 3-D Secure answer lost in a reload) and a webhook
    paid it: the shopper's next purchase in that tab is a new order, not refused as paid."""
    first = place(shop, "g1")
    assert checkout(shop).pay(first.order_id, VISA).status is OrderStatus.PAID
    shop.carts.add("g1", None, "SKU-2-0", 1)  # type: ignore[union-attr]
    second = checkout(shop).place_order(("g1", None), form(), NOW, replaces=first.order_id)
    assert second.order_id != first.order_id
    assert status_of(shop, first.order_id) is OrderStatus.PAID
    assert status_of(shop, second.order_id) is OrderStatus.PENDING


def test_two_tabs_placing_at_the_same_moment_leave_one_order_to_pay(shop: Shop) -> None:
    """Each tab reads the cart's earlier attempts before the other's order exists: the one
    placed second yields, so one cart is never paid twice."""
    assert shop.carts is not None
    shop.carts.add("g1", None, "SKU-1-0", 1)
    orders = commerce(shop).orders
    read_attempts = orders.unpaid_for_cart
    other_tab: list[object] = []
    started: list[bool] = []

    def meanwhile(cart_id: int) -> list[int]:
        found = read_attempts(cart_id)
        if not started:  # right after this tab's read, the other tab places its order
            started.append(True)
            other_tab.append(checkout(shop).place_order(("g1", None), form(), NOW))
        return found

    orders.unpaid_for_cart = meanwhile  # type: ignore[method-assign]
    try:
        with pytest.raises(CheckoutError) as refused:
            checkout(shop).place_order(("g1", None), form(), NOW)
    finally:
        orders.unpaid_for_cart = read_attempts  # type: ignore[method-assign]
    assert refused.value.code == "checkout.error.in_progress"
    [first] = other_tab
    assert status_of(shop, first.order_id) is OrderStatus.PENDING  # type: ignore[attr-defined]
    assert scalar(shop, "select count(*) from sales_order where status = 'pending'") == 1
    assert scalar(shop, "select stock from variant where sku = 'SKU-1-0'") == 9  # held once


def test_reconciliation_mails_a_confirmation_that_never_went_out(
    shop: Shop, localstripe_url: str
) -> None:
    placed = place(shop, "g1")
    shop.carts.add("g1", None, "SKU-2-0", 1)  # type: ignore[union-attr]  (not in the order)
    checkout(shop).pay(placed.order_id, card_token(localstripe_url, "4242424242424242"))
    assert status_of(shop, placed.order_id) is OrderStatus.PAID
    assert scalar(shop, "select count(*) from mail_outbox") == 1
    # Its last line links the shop's refund policy (the right of withdrawal).
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        body = connection.exec_driver_sql("select body from mail_outbox").scalar_one()
    assert body.endswith(f"\n{shop.settings.public_url}/policies/refund")
    # The paid line left the cart in the payment's own transaction; the other line stays.
    assert [line.sku for line in shop.carts.view("g1", None).lines] == ["SKU-2-0"]  # type: ignore[union-attr]
    # As if the process stopped right after recording the payment, before the mail.
    assert shop.engine is not None
    with shop.engine.begin() as connection:
        connection.exec_driver_sql("delete from mail_outbox")
        connection.exec_driver_sql(
            "update sales_order set confirmation_sent_at = null, confirmation_claimed_at = null"
        )
    later = datetime.now(UTC) + timedelta(minutes=20)
    counts = reconciliation(shop).reconcile(later, timedelta(minutes=5), timedelta(hours=1))
    assert counts["finished"] == 1
    assert scalar(shop, "select count(*) from mail_outbox") == 1
    again = reconciliation(shop).reconcile(later, timedelta(minutes=5), timedelta(hours=1))
    assert again["finished"] == 0
    assert scalar(shop, "select count(*) from mail_outbox") == 1
    # A sender that claimed the mail and died: its claim is taken over once it is stale.
    claimed = datetime.now(UTC)
    with shop.engine.begin() as connection:
        connection.exec_driver_sql("delete from mail_outbox")
        connection.execute(
            text(
                "update sales_order set confirmation_sent_at = null, confirmation_claimed_at = :at"
            ),
            {"at": claimed},
        )
    busy = reconciliation(shop).reconcile(later, timedelta(minutes=5), timedelta(hours=1))
    assert busy["finished"] == 0  # a live claim: someone else is sending it
    with shop.engine.begin() as connection:
        connection.execute(
            text("update sales_order set confirmation_claimed_at = :at"),
            {"at": claimed - timedelta(minutes=CLAIM_MINUTES + 1)},
        )
    taken_over = reconciliation(shop).reconcile(later, timedelta(minutes=5), timedelta(hours=1))
    assert taken_over["finished"] == 1
    assert scalar(shop, "select count(*) from mail_outbox") == 1
    a_day_later = later + timedelta(days=2)  # too old to mail now: left for an operator
    with shop.engine.begin() as connection:
        connection.exec_driver_sql(
            "update sales_order set confirmation_sent_at = null, confirmation_claimed_at = null"
        )
    assert (
        reconciliation(shop).reconcile(a_day_later, timedelta(minutes=5), timedelta(hours=1))[
            "finished"
        ]
        == 0
    )


def test_a_failed_confirmation_mail_is_tried_again(shop: Shop, localstripe_url: str) -> None:
    settlement = commerce(shop).settlement
    placed = place(shop, "g1")

    working = settlement._mailer
    # SMTP configured, its server down: the real mailer, to a port nobody listens on.
    settlement._mailer = SmtpMailer(f"smtp://127.0.0.1:{free_port()}", "shop@example.com", 2.0)
    try:  # the shopper's payment goes through all the same
        step = checkout(shop).pay(placed.order_id, card_token(localstripe_url, "4242424242424242"))
    finally:
        settlement._mailer = working
    assert step.status is OrderStatus.PAID
    assert status_of(shop, placed.order_id) is OrderStatus.PAID
    assert scalar(shop, "select count(*) from mail_outbox") == 0
    # The order page reads it unsent: it says a confirmation will be sent, not that it was.
    unsent = commerce(shop).orders.get(placed.order_id)
    assert unsent is not None
    assert unsent.confirmation_sent_at is None
    assert confirmation_due(unsent, datetime.now(UTC)) is True
    later = datetime.now(UTC) + timedelta(minutes=20)
    counts = reconciliation(shop).reconcile(later, timedelta(minutes=5), timedelta(hours=1))
    assert counts["finished"] == 1
    assert scalar(shop, "select count(*) from mail_outbox") == 1
    sent = commerce(shop).orders.get(placed.order_id)
    assert sent is not None
    assert sent.confirmation_sent_at is not None
    assert confirmation_due(sent, later) is False


def test_the_page_says_will_be_sent_of_the_confirmations_the_catch_up_sends_and_no_other(
    shop: Shop, localstripe_url: str
) -> None:
    """Review: the order page said "A confirmation will be sent" of orders the catch-up
    never sends (paid over a day ago, or not placed in the shop): both read them by
    `confirmation_due`'s rule."""
    settlement = commerce(shop).settlement
    placed = place(shop, "g1")
    working = settlement._mailer
    settlement._mailer = SmtpMailer(f"smtp://127.0.0.1:{free_port()}", "shop@example.com", 2.0)
    try:
        checkout(shop).pay(placed.order_id, card_token(localstripe_url, "4242424242424242"))
    finally:
        settlement._mailer = working
    unsent = commerce(shop).orders.get(placed.order_id)
    assert unsent is not None
    assert unsent.paid_at is not None
    assert unsent.source == "shop"
    beyond = unsent.paid_at + timedelta(days=1, minutes=1)
    assert confirmation_due(unsent, beyond) is False
    counts = reconciliation(shop).reconcile(beyond, timedelta(minutes=5), timedelta(hours=1))
    assert counts["finished"] == 0
    assert scalar(shop, "select count(*) from mail_outbox") == 0
    within = unsent.paid_at + timedelta(hours=23)
    with shop.engine.begin() as connection:
        connection.exec_driver_sql("update sales_order set source = 'demo'")
    demo = commerce(shop).orders.get(placed.order_id)
    assert demo is not None
    assert (demo.source, confirmation_due(demo, within)) == ("demo", False)
    counts = reconciliation(shop).reconcile(within, timedelta(minutes=5), timedelta(hours=1))
    assert counts["finished"] == 0
    assert scalar(shop, "select count(*) from mail_outbox") == 0
    with shop.engine.begin() as connection:
        connection.exec_driver_sql("update sales_order set source = 'shop'")
    assert confirmation_due(unsent, within) is True
    counts = reconciliation(shop).reconcile(within, timedelta(minutes=5), timedelta(hours=1))
    assert counts["finished"] == 1
    assert scalar(shop, "select count(*) from mail_outbox") == 1


def test_paying_again_after_a_restart_lost_the_page_state_charges_nothing(
    shop: Shop, localstripe_url: str
) -> None:
    first = place(shop, "g1")
    step = checkout(shop).pay(first.order_id, card_token(localstripe_url, "4000002500003155"))
    order = commerce(shop).orders.get(first.order_id)
    assert order is not None
    assert order.payment_intent_id
    # The shopper authenticates while the server restarts: the page forgot its order.
    authenticate(localstripe_url, order.payment_intent_id, step.client_secret, True)
    with pytest.raises(CheckoutError, match="already_paid"):
        checkout(shop).place_order(("g1", None), form(), NOW)  # no `replaces`
    assert status_of(shop, first.order_id) is OrderStatus.PAID
    assert scalar(shop, "select count(*) from sales_order") == 1


def test_a_total_the_page_did_not_show_is_refused_and_the_last_attempt_kept(shop: Shop) -> None:
    placed = place(shop, "g1")
    order = commerce(shop).orders.get(placed.order_id)
    assert order is not None
    shown = order.amounts.total_minor
    with pytest.raises(CheckoutError, match="total_changed"):  # priced before a change
        checkout(shop).place_order(
            ("g1", None), form(shown_total_minor=shown + 100), NOW, replaces=placed.order_id
        )
    assert status_of(shop, placed.order_id) is OrderStatus.PENDING
    assert scalar(shop, "select count(*) from sales_order") == 1
    assert scalar(shop, "select count(*) from stock_reservation") == 1
    again = checkout(shop).place_order(
        ("g1", None), form(shown_total_minor=shown), NOW, replaces=placed.order_id
    )
    assert status_of(shop, placed.order_id) is OrderStatus.CANCELED
    assert status_of(shop, again.order_id) is OrderStatus.PENDING


def test_a_hold_outlives_its_time_while_its_order_may_be_paid_then_goes_with_the_order(
    shop: Shop, localstripe_url: str
) -> None:
    """3-D Secure still under way when the hold's time is up: giving the stock back let the
    last unit sell to another shopper, then the bank's answer charged the first for stock
    that was gone (QA). The hold stays while the order may be paid; once reconciliation gives
    the order up, its payment is canceled at the provider, the stock comes back, and the
    bank's late answer charges nothing."""
    slow = place(shop, "slow")
    step = checkout(shop).pay(slow.order_id, card_token(localstripe_url, "4000002500003155"))
    assert shop.inventory is not None
    lapsed = datetime.now(UTC) + timedelta(minutes=HOLD_MINUTES + 1)
    shop.inventory.release_expired(lapsed)
    assert scalar(shop, "select stock from variant where sku = 'SKU-1-0'") == 9  # kept
    fast = place(shop, "fast", quantity=9)  # what is left, never the slow shopper's unit
    assert scalar(shop, "select stock from variant where sku = 'SKU-1-0'") == 0
    reconciliation = commerce(shop).reconciliation
    assert reconciliation is not None
    reconciliation.reconcile(lapsed, timedelta(minutes=10), timedelta(minutes=HOLD_MINUTES))
    assert status_of(shop, slow.order_id) is OrderStatus.CANCELED
    assert status_of(shop, fast.order_id) is OrderStatus.CANCELED  # never paid either
    assert scalar(shop, "select stock from variant where sku = 'SKU-1-0'") == 10
    with pytest.raises(httpx.HTTPStatusError):
        authenticate_order(shop, localstripe_url, slow.order_id, step.client_secret)
    assert checkout(shop).refresh(slow.order_id).status is OrderStatus.CANCELED
    assert scalar(shop, "select count(*) from sales_order where stock_short") == 0


def test_a_hold_kept_for_3d_secure_goes_all_the_same_twice_its_time_after_the_last_step(
    shop: Shop, localstripe_url: str
) -> None:
    """Reconciliation may never give such an order up (its provider out of reach, say): the
    stock was then held for good (review). A pending order's hold is never kept: it pays
    only through Pay, which takes its stock again."""
    waiting = place(shop, "waiting")
    checkout(shop).pay(waiting.order_id, card_token(localstripe_url, "4000002500003155"))
    place(shop, "pending", quantity=2)
    assert shop.inventory is not None
    now = datetime.now(UTC)
    shop.inventory.release_expired(now + timedelta(minutes=HOLD_MINUTES + 1))
    assert scalar(shop, "select stock from variant where sku = 'SKU-1-0'") == 9  # 3-D Secure's
    shop.inventory.release_expired(now + timedelta(minutes=2 * HOLD_MINUTES + 1))
    assert scalar(shop, "select stock from variant where sku = 'SKU-1-0'") == 10
    assert status_of(shop, waiting.order_id) is OrderStatus.REQUIRES_ACTION  # never given up


def test_a_payment_after_the_hold_was_lost_needs_the_stock_again(shop: Shop) -> None:
    slow = place(shop, "slow")
    assert shop.inventory is not None
    shop.inventory.release(f"order:{slow.order_id}", NOW)  # lost (kept while payable)
    assert scalar(shop, "select stock from variant where sku = 'SKU-1-0'") == 10
    place(shop, "fast", quantity=10)  # meanwhile someone else takes all of it
    with pytest.raises(CheckoutError) as refused:
        checkout(shop).pay(slow.order_id, VISA)
    assert refused.value.code == "checkout.error.out_of_stock"
    assert status_of(shop, slow.order_id) is OrderStatus.CANCELED
    assert scalar(shop, "select stock from variant where sku = 'SKU-1-0'") == 0


def provider_intent(localstripe: str, intent_id: str, action: str = "") -> dict[str, object]:
    """Stripe's own record of an intent (after `action`, e.g. a confirm with a card)."""
    auth, base = (SECRET_KEY, ""), f"{localstripe}/v1/payment_intents/{intent_id}"
    if action == "pay":  # the shopper pays at Stripe; we never hear of it
        httpx.post(base, data={"payment_method": VISA}, auth=auth).raise_for_status()
        confirmed = httpx.post(f"{base}/confirm", auth=auth)
        assert confirmed.is_success, confirmed.text
    return dict(httpx.get(base, auth=auth).json())


def test_news_of_an_intent_the_order_has_replaced_moves_nothing(
    shop: Shop, localstripe_url: str
) -> None:
    """Reconciliation read the order while it still paid through its first intent; the
    shopper has paid again since (3-D Secure under way): the first intent's cancellation
    must not cancel the order."""
    placed = place(shop, "g1")
    assert checkout(shop).pay(placed.order_id, DECLINED).status is OrderStatus.FAILED
    stale = commerce(shop).orders.get(placed.order_id)
    assert stale is not None
    assert stale.payment_intent_id
    step = checkout(shop).pay(placed.order_id, card_token(localstripe_url, "4000002500003155"))
    assert step.status is OrderStatus.REQUIRES_ACTION
    gateway = commerce(shop).gateway
    assert gateway is not None
    first = gateway.retrieve_intent(stale.payment_intent_id)
    assert first.status == "canceled"
    commerce(shop).settlement.apply_intent(stale, first)
    assert status_of(shop, placed.order_id) is OrderStatus.REQUIRES_ACTION
    authenticate_order(shop, localstripe_url, placed.order_id, step.client_secret)
    assert checkout(shop).refresh(placed.order_id).status is OrderStatus.PAID


def test_paying_again_when_the_failed_intent_went_through_after_all_charges_once(
    shop: Shop, localstripe_url: str
) -> None:
    """The order says failed (a stale failure event came last) but its intent was paid at
    Stripe, whose news is not here yet: a new attempt cannot cancel that intent, so it goes
    back to it and is paid by it, and the new intent is canceled unconfirmed."""
    placed = place(shop, "g1")
    failed = commerce(shop).orders.get(placed.order_id)
    assert failed is not None
    assert failed.payment_intent_id
    assert provider_intent(localstripe_url, failed.payment_intent_id, "pay")["status"] == (
        "succeeded"
    )
    commerce(shop).orders.move(placed.order_id, OrderStatus.FAILED, error="declined")
    gateway = commerce(shop).gateway
    assert gateway is not None
    opened: list[PaymentIntent] = []
    open_intent = gateway.create_intent

    def opening(**kwargs: Any) -> PaymentIntent:
        opened.append(open_intent(**kwargs))
        return opened[-1]

    gateway.create_intent = opening  # type: ignore[method-assign]
    with pytest.raises(CheckoutError) as refused:
        checkout(shop).pay(placed.order_id, VISA)
    assert refused.value.code == "checkout.error.already_paid"
    paid = commerce(shop).orders.get(placed.order_id)
    assert paid is not None
    assert (paid.status, paid.payment_intent_id) == (OrderStatus.PAID, failed.payment_intent_id)
    assert [provider_intent(localstripe_url, i.id)["status"] for i in opened] == ["canceled"]
    assert scalar(shop, "select count(*) from mail_outbox") == 1
    assert scalar(shop, "select count(*) from stock_reservation where status = 'committed'") == 1


def test_paying_takes_the_ordered_units_out_of_the_cart_and_leaves_those_added_since(
    shop: Shop,
) -> None:
    placed = place(shop, "g1", quantity=2)
    assert shop.carts is not None
    shop.carts.add("g1", None, "SKU-1-0", 1)  # another tab, while this one pays
    assert checkout(shop).pay(placed.order_id, VISA).status is OrderStatus.PAID
    assert [(line.sku, line.quantity) for line in shop.carts.view("g1", None).lines] == [
        ("SKU-1-0", 1)
    ]


def test_a_code_switched_off_while_the_order_is_placed_is_refused_and_not_counted(
    shop: Shop,
) -> None:
    assert shop.engine is not None
    engine = shop.engine
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "insert into discount_code (code, kind, value, min_subtotal_minor, used_count,"
            " usage_limit, active, created_at) values ('LATE', 'fixed', 500, 0, 0, null, true,"
            + (" now())" if engine.dialect.name == "postgresql" else " datetime('now'))")
        )
    orders = commerce(shop).orders
    create = orders.create

    def switched_off_meanwhile(new: Any) -> int:  # after the quote, before the order
        with engine.begin() as connection:
            connection.exec_driver_sql("update discount_code set active = false")
        return create(new)

    orders.create = switched_off_meanwhile  # type: ignore[method-assign]
    with pytest.raises(CheckoutError) as refused:
        place(shop, "g1", discount_code="late")
    assert refused.value.fields == {"discount": "checkout.error.discount_unknown"}
    assert scalar(shop, "select count(*) from sales_order") == 0
    assert scalar(shop, "select used_count from discount_code where code = 'LATE'") == 0


def test_reconciliation_leaves_an_old_order_whose_shopper_is_paying_now(
    shop: Shop, localstripe_url: str
) -> None:
    """Placed 20 minutes ago, paid just now with 3-D Secure under way: its hold was renewed,
    and giving up on it would cancel the payment under the shopper's feet."""
    placed = place(shop, "g1")
    assert shop.engine is not None
    with shop.engine.begin() as connection:
        connection.execute(
            text("update sales_order set created_at = :at, updated_at = :at"),
            {"at": datetime.now(UTC) - timedelta(minutes=20)},
        )
    step = checkout(shop).pay(placed.order_id, card_token(localstripe_url, "4000002500003155"))
    assert step.status is OrderStatus.REQUIRES_ACTION
    now = datetime.now(UTC)
    reconciliation(shop).reconcile(now, timedelta(minutes=10), timedelta(minutes=HOLD_MINUTES))
    assert status_of(shop, placed.order_id) is OrderStatus.REQUIRES_ACTION
    authenticate_order(shop, localstripe_url, placed.order_id, step.client_secret)
    assert checkout(shop).refresh(placed.order_id).status is OrderStatus.PAID
    later = now + timedelta(minutes=HOLD_MINUTES + 1)  # a paid order is left alone for good
    reconciliation(shop).reconcile(later, timedelta(minutes=10), timedelta(minutes=HOLD_MINUTES))
    assert status_of(shop, placed.order_id) is OrderStatus.PAID


def test_an_order_placed_as_a_guest_follows_the_cart_into_the_account(shop: Shop) -> None:
    """A guest presses Pay, then signs in (another tab) to an account that has a cart: the
    order now belongs to that cart, so paying it takes its units out of it, and the next Pay
    from it settles that order first (one cart, one order to pay)."""
    assert shop.carts is not None
    assert shop.accounts is not None
    placed = place(shop, "g1", quantity=2)
    account = shop.accounts.sign_up("ann@example.com", "long enough pw", "", NOW).account_id
    shop.carts.add(None, account, "SKU-2-0", 1)
    shop.carts.attach("g1", account)
    orders = commerce(shop).orders
    assert orders.unpaid_for_cart(shop.carts.cart_id(None, account)) == [placed.order_id]
    assert checkout(shop).pay(placed.order_id, VISA).status is OrderStatus.PAID
    assert [(line.sku, line.quantity) for line in shop.carts.view(None, account).lines] == [
        ("SKU-2-0", 1)
    ]


def test_the_order_history_leaves_out_attempts_canceled_before_payment(shop: Shop) -> None:
    assert shop.carts is not None
    assert shop.accounts is not None
    account = shop.accounts.sign_up("ann@example.com", "long enough pw", "", NOW).account_id
    shop.carts.add(None, account, "SKU-1-0", 1)
    first = checkout(shop).place_order((None, account), form(), NOW)
    assert checkout(shop).pay(first.order_id, DECLINED).status is OrderStatus.FAILED
    orders = commerce(shop).orders
    assert [o.status for o in order_history(orders, account)] == [OrderStatus.FAILED]
    again = checkout(shop).place_order((None, account), form(), NOW, replaces=first.order_id)
    assert checkout(shop).pay(again.order_id, VISA).status is OrderStatus.PAID
    assert status_of(shop, first.order_id) is OrderStatus.CANCELED
    assert [o.id for o in order_history(orders, account)] == [again.order_id]
    assert len(orders.for_account(account, 50)) == 2  # kept, for the account's data export
