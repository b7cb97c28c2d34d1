"""The shopper is mailed when money of their order goes back: once per rise of the order's
refunded total, whatever order the events come in and whichever process takes them, and
again for a refund made after one that failed; on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from models.events import OrderRefunded, RefundFailed
from storefront.bootstrap import Shop
from storefront.services.orders.refund_mail import RefundMail
from storefront.subscriptions import ORDER_MAIL, consumer_groups
from tests.integration.bus_fixtures import outbox_events
from tests.integration.test_admin_orders import Desk, make_desk
from tests.integration.test_refund_store import made, ours, store_of

MAILS = "select recipient, subject, body from mail_outbox order by id"


@pytest.fixture
def desk(database_url: str, make_shop: Callable[..., Shop]) -> Desk:
    return make_desk(database_url, make_shop)


def refunded_events(desk: Desk) -> list[OrderRefunded]:
    return [e for e in outbox_events(desk.shop) if isinstance(e, OrderRefunded)]


def deliver(desk: Desk, *events: OrderRefunded | RefundFailed) -> None:
    """As the order-mail consumer group hands a batch of events to its handlers."""
    for handle in consumer_groups(desk.shop)[ORDER_MAIL][type(events[0])]:
        handle(list(events))


def test_each_rise_of_the_refunded_total_is_mailed_once_in_any_order(desk: Desk) -> None:
    order_id = desk.paid(1)  # 25.00
    store = store_of(desk)
    ours(store, order_id, "a", 1_000, "succeeded")
    ours(store, order_id, "b", 500, "succeeded")
    first, second = refunded_events(desk)
    assert (first.refunded_minor, second.refunded_minor) == (1_000, 1_500)

    deliver(desk, second)  # overtook the first
    deliver(desk, first, second)  # late, then repeated: nothing more to tell
    [(recipient, subject, body)] = desk.sql(MAILS)
    assert (recipient, subject) == (
        "shopper1@example.com", "A refund for your Boutique order REF0000001"
    )  # fmt: skip
    assert "We have refunded €15.00 of your order REF0000001." in str(body)
    assert "In all, €15.00 of the €25.00 you paid has been refunded." in str(body)
    assert str(body).endswith("/order/REF0000001?key=key-1")  # its page, with its key

    # b's card was closed: its money came back to the shop, which refunds it again.
    assert store.sync(order_id, [made("re_b", 500, "failed", "b")]).changed
    ours(store, order_id, "c", 500, "succeeded")
    again = refunded_events(desk)[-1]
    assert again.refunded_minor == 1_500
    deliver(desk, again)
    mails = desk.sql(MAILS)
    assert len(mails) == 2
    assert "We have refunded €5.00 of your order REF0000001." in str(mails[-1][2])


def test_a_refund_mail_the_mail_server_refused_is_sent_when_retried(desk: Desk) -> None:
    order_id = desk.paid(1, locale="fr")
    ours(store_of(desk), order_id, "a", 2_500, "succeeded")
    [event] = refunded_events(desk)

    class Down:
        def send(self, recipient: str, subject: str, body: str) -> None:
            raise ConnectionRefusedError("mail server down")

    assert desk.shop.commerce is not None
    down = RefundMail(desk.shop.commerce.orders, store_of(desk), Down(), "https://shop.example")
    with pytest.raises(ConnectionRefusedError):
        down.send(event)
    assert desk.sql(MAILS) == []
    deliver(desk, event)  # the consumer retries the event
    [(_, subject, body)] = desk.sql(MAILS)
    assert subject == "Un remboursement pour votre commande Boutique REF0000001"
    assert "Nous vous avons remboursé 25,00 € sur votre commande REF0000001." in str(body)


def test_a_refund_that_failed_after_going_through_is_mailed_once(desk: Desk) -> None:
    """The shopper was told the money went back; their bank sent it back to the shop (a
    closed card): they are told so, once, even if the mail server refused the first time."""
    order_id = desk.paid(1)
    store = store_of(desk)
    ours(store, order_id, "a", 1_000, "succeeded")
    deliver(desk, *refunded_events(desk))
    assert store.sync(order_id, [made("re_a", 1_000, "failed", "a")]).changed
    [failed] = [e for e in outbox_events(desk.shop) if isinstance(e, RefundFailed)]

    class Down:
        def send(self, recipient: str, subject: str, body: str) -> None:
            raise ConnectionRefusedError("mail server down")

    assert desk.shop.commerce is not None
    down = RefundMail(desk.shop.commerce.orders, store, Down(), "https://shop.example")
    with pytest.raises(ConnectionRefusedError):
        down.send_failures(failed)
    deliver(desk, failed)  # the consumer retries the event
    deliver(desk, failed)  # and a repeat mails nothing more
    subjects = [str(subject) for _, subject, _ in desk.sql(MAILS)]
    assert subjects == [
        "A refund for your Boutique order REF0000001",
        "A refund for your Boutique order REF0000001 did not reach you",
    ]
    body = str(desk.sql(MAILS)[-1][2])
    assert "The refund of €10.00 for your order REF0000001 could not be completed" in body
    assert "we will refund you another way" in body
