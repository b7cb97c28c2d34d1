"""The one mail of a shopper's cancel given up, on SQLite and PostgreSQL with localstripe: the
release writes its CancelReleased event to the outbox in its own transaction, and the
order-mail group's handler mails the shopper once, in the order's language, however often
the bus delivers it, whoever races for it, and whatever the reconciliation runs after; a
mail server down leaves it to the reconciliation's catch-up. The refusal is Stripe's answer
"failed", read back through the real gateway (test_customer_cancel_release.py)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import text

from models.events import CancelReleased
from models.orders import OrderStatus
from models.types import utc_now
from storefront.bootstrap import Shop
from storefront.lifespan import settle_once
from storefront.services.admin.access import Permission
from storefront.services.errors import Refusal
from storefront.services.orders.ports import OrderRecord
from storefront.subscriptions import ORDER_MAIL, consumer_groups
from tests.integration.admin_fixtures import admin_of, staff_of, team_sessions
from tests.integration.bus_fixtures import outbox_events
from tests.integration.checkout_fixtures import VISA, checkout, commerce, paying_shop, place
from tests.integration.test_admin_refunds import AnsweredPending
from tests.integration.test_customer_cancel import by_link, mails_sent


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop], localstripe_url: str) -> Shop:
    return paying_shop(make_shop, database_url, localstripe_url)


def paid_order(shop: Shop, locale: str = "en") -> OrderRecord:
    placed = place(shop, "g1", "SKU-2-0", 1, locale=locale)
    assert checkout(shop).pay(placed.order_id, VISA).status is OrderStatus.PAID
    order = commerce(shop).orders.get(placed.order_id)
    assert order is not None
    return order


def released_events(shop: Shop) -> list[CancelReleased]:
    return [e for e in outbox_events(shop) if isinstance(e, CancelReleased)]


def deliver(shop: Shop, times: int = 2) -> None:
    """The order-mail group's handlers given every CancelReleased in the outbox, each
    `times` over (the bus delivers more than once)."""
    events = released_events(shop)
    for handle in consumer_groups(shop)[ORDER_MAIL][CancelReleased]:
        handle(events * times)


def release_mails(shop: Shop) -> list[tuple[str, str, str]]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        rows = connection.execute(
            text(
                "select recipient, subject, body from mail_outbox"
                " where subject like '%could not be canceled'"
                " or subject like '%pas pu être annulée' order by id"
            )
        ).all()
    return [(r[0], r[1], r[2]) for r in rows]


def refuse_refunds(shop: Shop, localstripe_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stripe refuses the cancel's refund: localstripe makes it, then it is moved to failed
    and read back through the real gateway."""
    refunds = commerce(shop).refunds
    assert refunds is not None
    failing = AnsweredPending(refunds._payments, localstripe_url, status="failed")
    monkeypatch.setattr(refunds, "_payments", failing)


def test_a_cancel_stripe_refuses_mails_the_shopper_once_in_the_orders_language(
    shop: Shop, localstripe_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    order = paid_order(shop, locale="fr")
    refuse_refunds(shop, localstripe_url, monkeypatch)
    cancels = commerce(shop).cancels
    with pytest.raises(Refusal, match=r"cancel\.released"):
        cancels.cancel(order.id, by_link(order), utc_now())
    # Written with the release, in its transaction: one event.
    assert released_events(shop) == [CancelReleased(order.id, order.reference or "")]
    assert release_mails(shop) == []  # sent by the event's handler, not by the call
    deliver(shop)
    ((to, subject, body),) = release_mails(shop)
    assert to == order.email
    assert subject == f"Votre commande {order.reference} n’a pas pu être annulée"
    assert body.startswith("Bonjour ")
    assert "rien n’a été remboursé, et votre commande est maintenue." in body
    assert f"/order/{order.reference}?key={order.access_key}" in body
    # A cancel forced again, the reconciliation's rounds, the event once more: no second
    # event, no second mail; nor the refund or cancel mails (nothing was refunded).
    with pytest.raises(Refusal, match=r"cancel\.released"):
        cancels.cancel(order.id, by_link(order), utc_now())
    later = utc_now() + timedelta(minutes=11)
    assert cancels.finish_settled(later) == 0
    assert cancels.release_refused(later) == 0
    settle_once(shop)
    deliver(shop)
    assert len(released_events(shop)) == 1
    assert len(release_mails(shop)) == 1
    assert mails_sent(shop) == (0, 0)


def test_the_merchants_release_mails_the_shopper_once_and_a_refused_release_none(
    shop: Shop,
) -> None:
    order = paid_order(shop)
    cancels = commerce(shop).cancels
    assert cancels._store.claim(order.id, utc_now())  # its call died before its refund
    boss = staff_of(shop, team_sessions(shop).admin, Permission.ORDERS)
    release = admin_of(shop).orders.release_cancel
    release(boss, order.id, utc_now())
    with pytest.raises(Refusal):  # released already: nothing more
        release(boss, order.id, utc_now())
    deliver(shop, times=3)
    ((to, subject, body),) = release_mails(shop)
    assert (to, subject) == (order.email, f"Your order {order.reference} could not be canceled")
    assert "nothing was refunded, and your order stands." in body
    assert len(released_events(shop)) == 1


def test_handlers_racing_for_the_mail_send_it_once(
    shop: Shop, localstripe_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    order = paid_order(shop)
    refuse_refunds(shop, localstripe_url, monkeypatch)
    with pytest.raises(Refusal):
        commerce(shop).cancels.cancel(order.id, by_link(order), utc_now())
    release_mail = commerce(shop).release_mail
    with ThreadPoolExecutor(4) as pool:
        sent = list(pool.map(lambda _: release_mail.send(order.id), range(4)))
    assert sorted(sent) == [False, False, False, True]
    assert len(release_mails(shop)) == 1


def test_a_mail_server_down_leaves_the_mail_to_the_reconciliations_catch_up(
    shop: Shop, localstripe_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    order = paid_order(shop)
    refuse_refunds(shop, localstripe_url, monkeypatch)
    with pytest.raises(Refusal):
        commerce(shop).cancels.cancel(order.id, by_link(order), utc_now())
    release_mail = commerce(shop).release_mail

    class Down:
        def send(self, recipient: str, subject: str, body: str) -> None:
            raise OSError("mail server down")

    mailer = release_mail._mailer
    monkeypatch.setattr(release_mail, "_mailer", Down())
    with pytest.raises(OSError, match="down"):
        deliver(shop, times=1)  # raised: the bus retries it, until its retries run out
    monkeypatch.setattr(release_mail, "_mailer", mailer)
    reconciliation = commerce(shop).reconciliation
    assert reconciliation is not None
    counts = reconciliation.reconcile(utc_now(), timedelta(minutes=10), timedelta(minutes=15))
    assert (counts["cancel_release_mails"], counts["failed"]) == (1, 0)
    again = reconciliation.reconcile(utc_now(), timedelta(minutes=10), timedelta(minutes=15))
    assert again["cancel_release_mails"] == 0
    deliver(shop)  # the event's late retry finds it told
    assert len(release_mails(shop)) == 1
