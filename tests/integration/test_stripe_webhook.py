"""POST /api/stripe/webhook on real databases and localstripe: signed events only, each
applied once, forward moves only, and never anyone else's payment."""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import httpx2  # what starlette's TestClient is built on
import pytest
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.testclient import TestClient

from models.orders import OrderStatus
from storefront.adapters.sql_inventory import SqlInventory
from storefront.api import routes
from storefront.api.routes import build_api
from storefront.bootstrap import Shop, set_shop
from storefront.services.orders.ports import OrderRecord
from storefront.services.orders.refunds import RefundError
from storefront.services.payments import ProviderRefund
from tests.integration.checkout_fixtures import (
    VISA,
    authenticate,
    card_token,
    checkout,
    commerce,
    paying_shop,
    place,
    scalar,
)
from tests.localstripe import SECRET_KEY, WEBHOOK_SECRET, event, move_refund, signed

URL = "/api/stripe/webhook"
SUCCEEDED = "payment_intent.succeeded"
FAILED = "payment_intent.payment_failed"
REFUNDED = "charge.refunded"
COMMITTED = "select count(*) from stock_reservation where status = 'committed'"
RELEASED = "select count(*) from stock_reservation where status = 'released'"
STOCK = "select stock from variant where sku = 'SKU-1-0'"
MAILS = "select count(*) from mail_outbox"
EVENTS = "select count(*) from payment_event"


@pytest.fixture
def shop(
    database_url: str,
    make_shop: Callable[..., Shop],
    localstripe_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Shop]:
    shop = paying_shop(make_shop, database_url, localstripe_url)
    # build_api reads the process settings for its media folder: use the test's.
    monkeypatch.setattr(routes, "get_settings", lambda: shop.settings)
    set_shop(shop)
    yield shop
    set_shop(None)


@pytest.fixture
def app(shop: Shop) -> Starlette:
    return build_api()


@pytest.fixture
def client(app: Starlette) -> TestClient:
    return TestClient(app)


def deliver(
    client: TestClient,
    evt: dict[str, Any],
    secret: str = WEBHOOK_SECRET,
    at: int | None = None,
) -> httpx2.Response:
    body, signature = signed(evt, secret, at)
    return client.post(
        URL,
        content=body,
        headers={"Stripe-Signature": signature, "Content-Type": "application/json"},
    )


def outcome(client: TestClient, evt: dict[str, Any]) -> str:
    response = deliver(client, evt)
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["received"] is True
    return str(answer["outcome"])


def order_of(shop: Shop, order_id: int) -> OrderRecord:
    order = commerce(shop).orders.get(order_id)
    assert order is not None
    return order


def pay_at_provider(localstripe: str, intent_id: str) -> dict[str, Any]:
    """The shopper pays at Stripe, but our service never hears of it: only a webhook can."""
    auth = (SECRET_KEY, "")
    base = f"{localstripe}/v1/payment_intents/{intent_id}"
    httpx.post(base, data={"payment_method": VISA}, auth=auth).raise_for_status()
    httpx.post(f"{base}/confirm", auth=auth).raise_for_status()
    intent = httpx.get(base, auth=auth).json()
    assert intent["status"] == "succeeded"
    return dict(intent)


def paid_at_provider(shop: Shop, localstripe: str, guest: str) -> tuple[int, dict[str, Any]]:
    """An order still pending here, whose PaymentIntent Stripe says succeeded."""
    placed = place(shop, guest)
    intent_id = order_of(shop, placed.order_id).payment_intent_id
    assert intent_id
    intent = pay_at_provider(localstripe, intent_id)
    assert order_of(shop, placed.order_id).status is OrderStatus.PENDING
    return placed.order_id, intent


def rows(shop: Shop, sql: str) -> list[tuple[Any, ...]]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def snapshot(shop: Shop) -> dict[str, list[tuple[Any, ...]]]:
    """Everything a payment event may change."""
    return {
        "orders": rows(shop, "select * from sales_order order by id"),
        "holds": rows(shop, "select holder, sku, quantity, status from stock_reservation"),
        "stock": rows(shop, "select sku, stock from variant order by sku"),
        "products": rows(shop, "select external_id, stock from product order by external_id"),
        "mails": rows(shop, "select id, recipient from mail_outbox order by id"),
        "events": rows(shop, "select id, type, order_id from payment_event order by id"),
    }


def charge_refunded(event_id: str, intent_id: str, refunded: int, total: int) -> dict[str, Any]:
    return event(event_id, REFUNDED, charge(intent_id, refunded, total))


def charge(intent_id: str, refunded: int, total: int) -> dict[str, Any]:
    return {
        "object": "charge",
        "id": "ch_x",
        "payment_intent": intent_id,
        "amount_refunded": refunded,
        "currency": "eur",
        "amount": total,
    }


def test_a_succeeded_event_pays_the_order_once_however_often_it_comes(
    shop: Shop, client: TestClient, localstripe_url: str
) -> None:
    order_id, intent = paid_at_provider(shop, localstripe_url, "g1")
    assert scalar(shop, STOCK) == 9  # held at checkout
    assert scalar(shop, COMMITTED) == 0
    succeeded = event("evt_paid_1", SUCCEEDED, intent)

    assert outcome(client, succeeded) == "applied"
    order = order_of(shop, order_id)
    assert order.status is OrderStatus.PAID
    assert order.paid_at is not None
    assert scalar(shop, STOCK) == 9
    assert scalar(shop, COMMITTED) == 1
    assert scalar(shop, "select count(*) from stock_reservation") == 1
    assert scalar(shop, MAILS) == 1
    assert rows(shop, "select id, order_id from payment_event") == [("evt_paid_1", order_id)]

    before = snapshot(shop)
    assert outcome(client, succeeded) == "duplicate"
    assert snapshot(shop) == before

    assert outcome(client, event("evt_paid_2", SUCCEEDED, intent)) == "unchanged"
    after = snapshot(shop)
    assert {k: v for k, v in after.items() if k != "events"} == {
        k: v for k, v in before.items() if k != "events"
    }
    assert scalar(shop, MAILS) == 1
    assert scalar(shop, EVENTS) == 2


def test_a_failure_arriving_after_the_success_leaves_the_order_paid(
    shop: Shop, client: TestClient, localstripe_url: str
) -> None:
    order_id, intent = paid_at_provider(shop, localstripe_url, "g1")
    declined = intent | {
        "status": "requires_payment_method",
        "last_payment_error": {"message": "Your card was declined."},
    }
    assert outcome(client, event("evt_ok", SUCCEEDED, intent)) == "applied"
    assert outcome(client, event("evt_late_failure", FAILED, declined)) == "unchanged"
    order = order_of(shop, order_id)
    assert order.status is OrderStatus.PAID
    assert order.payment_error == ""
    assert scalar(shop, COMMITTED) == 1
    assert scalar(shop, MAILS) == 1

    # In the other order the failure applies, and the success still moves it forward.
    other_id, other = paid_at_provider(shop, localstripe_url, "g2")
    declined = other | {
        "status": "requires_payment_method",
        "last_payment_error": {"message": "Your card was declined."},
    }
    assert outcome(client, event("evt_failure", FAILED, declined)) == "applied"
    failed = order_of(shop, other_id)
    assert failed.status is OrderStatus.FAILED
    assert "declined" in failed.payment_error
    assert outcome(client, event("evt_retry_ok", SUCCEEDED, other)) == "applied"
    assert order_of(shop, other_id).status is OrderStatus.PAID
    assert scalar(shop, COMMITTED) == 2
    assert scalar(shop, MAILS) == 2


def test_unsigned_wrongly_signed_stale_or_altered_deliveries_are_refused(
    shop: Shop, client: TestClient, localstripe_url: str
) -> None:
    order_id, intent = paid_at_provider(shop, localstripe_url, "g1")
    succeeded = event("evt_paid", SUCCEEDED, intent)
    before = snapshot(shop)

    assert deliver(client, succeeded, secret="whsec_someone_else").status_code == 400
    assert deliver(client, succeeded, at=int(time.time()) - 3600).status_code == 400
    body, signature = signed(succeeded)
    unsigned = client.post(URL, content=body, headers={"Content-Type": "application/json"})
    assert unsigned.status_code == 400
    altered = body.replace(b'"evt_paid"', b'"evt_forged"')
    assert altered != body
    forged = client.post(
        URL,
        content=altered,
        headers={"Stripe-Signature": signature, "Content-Type": "application/json"},
    )
    assert forged.status_code == 400

    assert snapshot(shop) == before
    assert order_of(shop, order_id).status is OrderStatus.PENDING
    assert scalar(shop, EVENTS) == 0
    assert outcome(client, succeeded) == "applied"  # the genuine delivery still counts


def test_signed_deliveries_the_shop_cannot_read_are_refused_and_change_nothing(
    shop: Shop, client: TestClient, localstripe_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Stripe's signature on a body that is no event the shop can read: 400 and a warning,
    not 500 and a traceback at each of Stripe's retries (operator QA)."""
    order_id, intent = paid_at_provider(shop, localstripe_url, "g1")
    no_status = {k: v for k, v in intent.items() if k not in ("status", "amount")}
    unreadable = [
        event("evt_no_status", SUCCEEDED, no_status),
        event("evt_bad_amount", SUCCEEDED, intent | {"amount": "lots"}),
        event("evt_bad_refund", REFUNDED, charge(intent["id"], 0, 1) | {"amount_refunded": "some"}),
        event("evt_data", SUCCEEDED, intent) | {"data": "nothing"},
    ]
    before = snapshot(shop)
    with caplog.at_level(logging.INFO):
        for evt in unreadable:
            assert deliver(client, evt).status_code == 400, evt["id"]
        for body in (b"[]", b'"evt"', b"[1, 2]"):
            stamp = int(time.time())
            mac = hmac.new(WEBHOOK_SECRET.encode(), f"{stamp}.".encode() + body, hashlib.sha256)
            answer = client.post(
                URL, content=body, headers={"Stripe-Signature": f"t={stamp},v1={mac.hexdigest()}"}
            )
            assert answer.status_code == 400, body

    refused = [r for r in caplog.records if r.getMessage().startswith("stripe webhook refused")]
    assert [r.levelno for r in refused] == [logging.WARNING] * 7
    assert all(r.exc_info is None and "\n" not in r.getMessage() for r in refused)
    assert "unreadable payment_intent: KeyError: 'status'" in refused[0].getMessage()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert snapshot(shop) == before
    assert scalar(shop, EVENTS) == 0
    assert outcome(client, event("evt_paid", SUCCEEDED, intent)) == "applied"
    assert order_of(shop, order_id).status is OrderStatus.PAID


def test_a_late_request_to_authenticate_does_not_undo_a_failure(
    shop: Shop, client: TestClient, localstripe_url: str
) -> None:
    """3-D Secure failed and the order says so; the requires_action event sent before that
    failure arrives last. The provider's intent now says failed: the order stays failed."""
    placed = place(shop, "g1")
    step = checkout(shop).pay(placed.order_id, card_token(localstripe_url, "4000002500003155"))
    intent_id = order_of(shop, placed.order_id).payment_intent_id
    assert intent_id
    auth = (SECRET_KEY, "")
    earlier = httpx.get(f"{localstripe_url}/v1/payment_intents/{intent_id}", auth=auth).json()
    assert earlier["status"] == "requires_action"
    authenticate(localstripe_url, intent_id, step.client_secret, False)
    assert checkout(shop).refresh(placed.order_id).status is OrderStatus.FAILED
    late = event("evt_late_action", "payment_intent.requires_action", earlier)
    assert outcome(client, late) == "unchanged"
    assert order_of(shop, placed.order_id).status is OrderStatus.FAILED


def test_an_intent_for_another_amount_or_currency_is_a_mismatch(
    shop: Shop, client: TestClient, localstripe_url: str
) -> None:
    order_id, intent = paid_at_provider(shop, localstripe_url, "g1")
    assert intent["amount"] == order_of(shop, order_id).amounts.total_minor
    cheaper = intent | {"amount": intent["amount"] - 1}
    assert outcome(client, event("evt_cheaper", SUCCEEDED, cheaper)) == "mismatch"
    dollars = intent | {"currency": "usd"}
    assert outcome(client, event("evt_dollars", SUCCEEDED, dollars)) == "mismatch"
    assert order_of(shop, order_id).status is OrderStatus.PENDING
    assert scalar(shop, COMMITTED) == 0
    assert scalar(shop, MAILS) == 0
    assert outcome(client, event("evt_right", SUCCEEDED, intent)) == "applied"
    assert order_of(shop, order_id).status is OrderStatus.PAID


def test_payments_that_are_not_ours_and_other_events_are_ignored(
    shop: Shop, client: TestClient, localstripe_url: str
) -> None:
    order_id, intent = paid_at_provider(shop, localstripe_url, "g1")
    other = place(shop, "g2")
    before = snapshot(shop)

    unknown = intent | {"id": "pi_someone_elses"}
    assert outcome(client, event("evt_unknown", SUCCEEDED, unknown)) == "ignored"
    named_other = intent | {"metadata": intent["metadata"] | {"order_id": str(other.order_id)}}
    assert outcome(client, event("evt_other_order", SUCCEEDED, named_other)) == "ignored"
    anonymous = intent | {"metadata": {}}
    assert outcome(client, event("evt_no_order", SUCCEEDED, anonymous)) == "ignored"
    customer = {"object": "customer", "id": "cus_1", "email": "camille@example.com"}
    assert outcome(client, event("evt_customer", "customer.created", customer)) == "ignored"
    total = order_of(shop, order_id).amounts.total_minor
    stranger_refund = charge_refunded("evt_stranger_refund", "pi_someone_elses", total, total)
    assert outcome(client, stranger_refund) == "ignored"

    assert snapshot(shop) == before
    assert order_of(shop, order_id).status is OrderStatus.PENDING
    assert order_of(shop, other.order_id).status is OrderStatus.PENDING


def refund_at_provider(localstripe: str, intent_id: str, amount: int) -> str:
    """Staff refund in Stripe's dashboard: our service never hears of it but by webhook."""
    answer = httpx.post(
        f"{localstripe}/v1/refunds",
        data={"payment_intent": intent_id, "amount": amount},
        auth=(SECRET_KEY, ""),
    )
    answer.raise_for_status()
    return str(answer.json()["id"])


REFUND_ROWS = (
    "select amount_minor, status, provider_refund_id, request_key from order_refund order by id"
)


def test_refund_events_move_the_order_forward_once(
    shop: Shop, client: TestClient, localstripe_url: str
) -> None:
    order_id, intent = paid_at_provider(shop, localstripe_url, "g1")
    total = order_of(shop, order_id).amounts.total_minor
    pi = intent["id"]
    assert outcome(client, event("evt_paid", SUCCEEDED, intent)) == "applied"

    refund_at_provider(localstripe_url, pi, 500)
    assert outcome(client, charge_refunded("evt_r1", pi, 500, total)) == "applied"
    order = order_of(shop, order_id)
    assert (order.status, order.refunded_minor) == (OrderStatus.PARTIALLY_REFUNDED, 500)

    before = snapshot(shop)
    assert outcome(client, charge_refunded("evt_r1", pi, 500, total)) == "duplicate"
    assert snapshot(shop) == before

    refund_at_provider(localstripe_url, pi, 300)
    assert outcome(client, charge_refunded("evt_r2", pi, 800, total)) == "applied"
    # An older state of the charge arriving late changes nothing: Stripe's refunds say 800.
    assert outcome(client, charge_refunded("evt_r1_late", pi, 500, total)) == "unchanged"
    order = order_of(shop, order_id)
    assert (order.status, order.refunded_minor) == (OrderStatus.PARTIALLY_REFUNDED, 800)

    too_much = charge_refunded("evt_too_much", pi, total + 1, total)
    assert outcome(client, too_much) == "mismatch"
    assert order_of(shop, order_id).refunded_minor == 800

    refund_at_provider(localstripe_url, pi, total - 800)
    assert outcome(client, charge_refunded("evt_r3", pi, total, total)) == "applied"
    order = order_of(shop, order_id)
    # Refunded in full before it shipped: canceled, its stock back (status.closed_by_refund).
    assert (order.status, order.refunded_minor) == (OrderStatus.CANCELED, total)
    assert outcome(client, charge_refunded("evt_r4", pi, 800, total)) == "unchanged"
    order = order_of(shop, order_id)
    assert (order.status, order.refunded_minor) == (OrderStatus.CANCELED, total)
    assert scalar(shop, MAILS) == 1


def test_a_charge_event_counts_only_the_refunds_stripe_lists_as_gone_through(
    shop: Shop, client: TestClient, localstripe_url: str
) -> None:
    """charge.refunded's total counts refunds still pending at Stripe: the order counts only
    those its list of refunds says went through."""
    order_id, intent = paid_at_provider(shop, localstripe_url, "g1")
    total = order_of(shop, order_id).amounts.total_minor
    pi = intent["id"]
    assert outcome(client, event("evt_paid", SUCCEEDED, intent)) == "applied"
    slow = refund_at_provider(localstripe_url, pi, 1_000)
    move_refund(localstripe_url, slow, "pending")
    assert outcome(client, charge_refunded("evt_r", pi, 1_000, total)) == "applied"
    assert rows(shop, REFUND_ROWS) == [(1_000, "pending", slow, f"provider:{slow}")]
    order = order_of(shop, order_id)
    assert (order.status, order.refunded_minor) == (OrderStatus.PAID, 0)


def test_a_refund_event_before_the_payments_own_news_settles_the_payment_first(
    shop: Shop, client: TestClient, localstripe_url: str
) -> None:
    """The payment's event failed and the browser closed; then the charge is refunded (from
    Stripe's dashboard): the refund is not lost, and the payment is applied once."""
    order_id, intent = paid_at_provider(shop, localstripe_url, "g1")
    total = order_of(shop, order_id).amounts.total_minor
    refund_at_provider(localstripe_url, intent["id"], total)
    refund = charge_refunded("evt_early_refund", intent["id"], total, total)
    assert outcome(client, refund) == "applied"
    order = order_of(shop, order_id)
    # Refunded in full before it shipped: canceled (status.closed_by_refund), the stock its
    # payment took (once) given back.
    assert (order.status, order.refunded_minor) == (OrderStatus.CANCELED, total)
    assert (scalar(shop, COMMITTED), scalar(shop, RELEASED)) == (0, 1)
    assert outcome(client, event("evt_paid_late", SUCCEEDED, intent)) == "unchanged"
    assert (scalar(shop, COMMITTED), scalar(shop, RELEASED)) == (0, 1)


def test_a_refund_made_in_the_dashboard_is_recorded_once_and_counts_against_the_rest(
    shop: Shop, client: TestClient, localstripe_url: str
) -> None:
    order_id, intent = paid_at_provider(shop, localstripe_url, "g1")
    total = order_of(shop, order_id).amounts.total_minor
    pi = intent["id"]
    assert outcome(client, event("evt_paid", SUCCEEDED, intent)) == "applied"
    dashboard = refund_at_provider(localstripe_url, pi, 1_000)

    assert outcome(client, charge_refunded("evt_dash", pi, 1_000, total)) == "applied"
    assert rows(shop, REFUND_ROWS) == [(1_000, "succeeded", dashboard, f"provider:{dashboard}")]
    # Its other events (charge.refund.updated, about the refund itself) record it no more.
    updated = event("evt_dash_updated", "charge.refund.updated", refund_object(dashboard, pi))
    assert outcome(client, updated) == "unchanged"
    assert len(rows(shop, REFUND_ROWS)) == 1
    assert commerce(shop).orders.get(order_id).refunded_minor == 1_000  # type: ignore[union-attr]

    refunds = commerce(shop).refunds
    assert refunds is not None
    with pytest.raises(RefundError) as refused:  # only total - 1,000 is left at Stripe
        refunds.refund(order_id, total - 999, "k" * 24)
    assert refused.value.code == "refund.error.exceeds_paid"
    assert len(rows(shop, REFUND_ROWS)) == 1

    done = refunds.refund(order_id, total - 1_000, "r" * 24)
    order = order_of(shop, order_id)
    # Refunded in full by the two, before the admin's own refund event came; not shipped:
    # canceled (status.closed_by_refund).
    assert (order.status, order.refunded_minor) == (OrderStatus.CANCELED, total)
    assert outcome(client, charge_refunded("evt_admin", pi, total, total)) == "unchanged"
    assert rows(shop, REFUND_ROWS) == [
        (1_000, "succeeded", dashboard, f"provider:{dashboard}"),
        (total - 1_000, "succeeded", done.provider_refund_id, "r" * 24),
    ]


def refund_object(refund_id: str, intent_id: str) -> dict[str, Any]:
    """What charge.refund.updated and refund.* events carry: one refund, not the charge."""
    return {
        "object": "refund", "id": refund_id, "payment_intent": intent_id, "amount": 1_000,
        "currency": "eur", "status": "succeeded",
    }  # fmt: skip


def test_an_event_about_one_refund_records_the_payments_refunds_from_stripe(
    shop: Shop, client: TestClient, localstripe_url: str
) -> None:
    """A dashboard refund that was pending when charge.refunded came (SEPA, some wallets) is
    told of next by an event about that refund alone: the payment's refunds are read."""
    order_id, intent = paid_at_provider(shop, localstripe_url, "g1")
    pi = intent["id"]
    assert outcome(client, event("evt_paid", SUCCEEDED, intent)) == "applied"
    dashboard = refund_at_provider(localstripe_url, pi, 1_000)
    for n, (kind, told) in enumerate(
        (("charge.refund.updated", "applied"), ("refund.updated", "unchanged"))
    ):
        assert outcome(client, event(f"evt_one_{n}", kind, refund_object(dashboard, pi))) == told
    assert rows(shop, REFUND_ROWS) == [(1_000, "succeeded", dashboard, f"provider:{dashboard}")]
    order = order_of(shop, order_id)
    assert (order.status, order.refunded_minor) == (OrderStatus.PARTIALLY_REFUNDED, 1_000)
    # One about a refund of another payment, or before any went through, changes nothing.
    other_id, other = paid_at_provider(shop, localstripe_url, "g2")
    assert outcome(client, event("evt_paid_2", SUCCEEDED, other)) == "applied"
    nothing_yet = event("evt_none", "refund.created", refund_object("re_pending", other["id"]))
    assert outcome(client, nothing_yet) == "unchanged"
    assert order_of(shop, other_id).status is OrderStatus.PAID


def test_a_refund_event_overtaking_the_refunds_own_answer_records_it_once(
    shop: Shop, client: TestClient, localstripe_url: str
) -> None:
    """Stripe's webhook for our refund arrives before its API answer does: the refund is
    ours (its key is in its metadata), so the webhook leaves it to the request, which
    settles it (and is audited for it); nothing is counted twice."""
    order_id, intent = paid_at_provider(shop, localstripe_url, "g1")
    total = order_of(shop, order_id).amounts.total_minor
    assert outcome(client, event("evt_paid", SUCCEEDED, intent)) == "applied"
    refunds = commerce(shop).refunds
    assert refunds is not None
    gateway = refunds._payments

    class WebhookFirst:
        def refund(
            self, intent_id: str, amount_minor: int, idempotency_key: str, *, request_key: str
        ) -> ProviderRefund:
            made = gateway.refund(intent_id, amount_minor, idempotency_key, request_key=request_key)
            assert outcome(client, charge_refunded("evt_r", intent_id, 700, total)) == ("unchanged")
            return made

    refunds._payments = WebhookFirst()  # type: ignore[assignment]
    done = refunds.refund(order_id, 700, "w" * 24)
    assert done.settled_now
    assert rows(shop, REFUND_ROWS) == [(700, "succeeded", done.provider_refund_id, "w" * 24)]
    order = order_of(shop, order_id)
    assert (order.status, order.refunded_minor) == (OrderStatus.PARTIALLY_REFUNDED, 700)


def test_a_refund_event_for_an_intent_the_provider_says_is_unpaid_is_asked_again_later(
    shop: Shop, client: TestClient
) -> None:
    placed = place(shop, "g1")
    order = order_of(shop, placed.order_id)
    assert order.payment_intent_id
    before = snapshot(shop)
    refund = charge_refunded("evt_odd_refund", order.payment_intent_id, 100, 100)
    response = deliver(client, refund)
    assert (response.status_code, response.json()["outcome"]) == (503, "retry")
    assert snapshot(shop) == before  # not even the event id: its retry is heard


def test_the_webhook_and_the_success_page_racing_pay_once(
    shop: Shop, app: Starlette, localstripe_url: str
) -> None:
    rounds = 6
    for n in range(rounds):
        order_id, intent = paid_at_provider(shop, localstripe_url, f"g{n}")

        def webhook(k: int, intent: dict[str, Any] = intent, n: int = n) -> str:
            # Two event ids, each delivered twice: Stripe retries while we answer.
            evt = event(f"evt_{n}_{k % 2}", SUCCEEDED, intent)
            return outcome(TestClient(app), evt)

        def refresh(_: int, order_id: int = order_id) -> OrderStatus:
            return checkout(shop).refresh(order_id).status

        with ThreadPoolExecutor(max_workers=8) as pool:
            hooks = [pool.submit(webhook, k) for k in range(4)]
            pages = [pool.submit(refresh, k) for k in range(4)]
            outcomes = [future.result() for future in hooks]
            statuses = [future.result() for future in pages]
        assert outcomes.count("applied") <= 1, outcomes
        assert set(outcomes) <= {"applied", "unchanged", "duplicate"}, outcomes
        assert set(statuses) == {OrderStatus.PAID}, statuses
        assert order_of(shop, order_id).status is OrderStatus.PAID
        assert scalar(shop, MAILS) == n + 1
        assert scalar(shop, COMMITTED) == n + 1
        assert scalar(shop, EVENTS) == 2 * (n + 1)
        # One invoice number, the next of the series, whichever settled it.
        number = order_of(shop, order_id).invoice_number
        assert number is not None
        assert number.endswith(f"-{n + 1:06d}")
    assert scalar(shop, STOCK) == 10 - rounds
    assert scalar(shop, "select count(distinct invoice_number) from sales_order") == rounds


def test_a_failure_of_ours_answers_500_and_the_retry_applies_the_event(
    shop: Shop, app: Starlette, localstripe_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    order_id, intent = paid_at_provider(shop, localstripe_url, "g1")
    commit_in = SqlInventory.commit_in
    failures = [RuntimeError("database went away mid-transaction")]

    def failing_once(self: SqlInventory, *args: Any, **kwargs: Any) -> Any:
        if failures:
            raise failures.pop()
        return commit_in(self, *args, **kwargs)

    monkeypatch.setattr(SqlInventory, "commit_in", failing_once)
    succeeded = event("evt_paid", SUCCEEDED, intent)
    before = snapshot(shop)
    response = deliver(TestClient(app, raise_server_exceptions=False), succeeded)
    assert response.status_code == 500
    # Nothing of the failed attempt stays, not even the event id: Stripe's retry must apply.
    assert snapshot(shop) == before
    assert outcome(TestClient(app), succeeded) == "applied"
    assert order_of(shop, order_id).status is OrderStatus.PAID
    assert scalar(shop, COMMITTED) == 1
    assert scalar(shop, MAILS) == 1
