"""The shopper is mailed when money of their order goes back: once per rise of the order's
refunded total, whatever order the events come in and whichever process takes them, and
again for a refund made after one that failed; a mail whose sender died is sent by the
reconciliation's catch-up once its claim is stale; on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from models.events import OrderRefunded, RefundFailed
from models.types import utc_now
from storefront.adapters.sql_offline_refunds import SqlOfflineRefundStore
from storefront.adapters.sql_refund_mail import SqlRefundMailStore
from storefront.bootstrap import Shop
from storefront.services.orders.mail import CLAIM_MINUTES
from storefront.services.orders.offline_refunds import OfflineRefund
from storefront.services.orders.refund_mail import RefundMail, RefundMailClaim
from storefront.subscriptions import ORDER_MAIL, consumer_groups
from tests.integration.bus_fixtures import outbox_events
from tests.integration.test_admin_orders import Desk, make_desk
from tests.integration.test_refund_store import made, ours, store_of

MAILS = "select recipient, subject, body from mail_outbox order by id"
TOLD = "select request_key, refund_mailed from order_refund order by id"


@pytest.fixture
def desk(database_url: str, make_shop: Callable[..., Shop]) -> Desk:
    return make_desk(database_url, make_shop)


def claims_of(desk: Desk) -> SqlRefundMailStore:
    assert desk.shop.engine is not None
    return SqlRefundMailStore(desk.shop.engine)


def totals(claim: RefundMailClaim | None) -> tuple[int, int] | None:
    """(told before, refunded in all) of a claim taken, None of one refused."""
    return None if claim is None else (claim.told_minor, claim.refunded_minor)


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
    down = RefundMail(desk.shop.commerce.orders, claims_of(desk), Down(), "https://shop.example")
    with pytest.raises(ConnectionRefusedError):
        down.send(event.order_id)
    assert desk.sql(MAILS) == []
    deliver(desk, event)  # the consumer retries the event
    [(_, subject, body)] = desk.sql(MAILS)
    assert subject == "Un remboursement pour votre commande Boutique REF0000001"
    assert "Nous vous avons remboursé 25,00\u00a0€ sur votre commande REF0000001." in str(body)


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
    down = RefundMail(desk.shop.commerce.orders, claims_of(desk), Down(), "https://shop.example")
    with pytest.raises(ConnectionRefusedError):
        down.send_failures(failed.order_id)
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


def refund_mail(desk: Desk) -> RefundMail:
    assert desk.shop.commerce is not None
    return desk.shop.commerce.refund_mail


def test_a_refund_mail_whose_sender_died_is_sent_once_its_claim_is_stale(desk: Desk) -> None:
    """A sender claimed the mail and died before sending it: the event's retry finds it
    claimed and sends nothing; the catch-up sends it once the claim is stale, once."""
    order_id = desk.paid(1)
    store = store_of(desk)
    ours(store, order_id, "a", 1_000, "succeeded")
    now = utc_now()
    assert totals(claims_of(desk).claim_refund_mail(order_id, now, now)) == (0, 1_000)  # died

    deliver(desk, *refunded_events(desk))  # retried at once: someone is sending it
    assert refund_mail(desk).catch_up(now) == (0, 0)
    assert desk.sql(MAILS) == []

    stale = now + timedelta(minutes=CLAIM_MINUTES + 1)
    assert refund_mail(desk).catch_up(stale) == (1, 0)
    assert refund_mail(desk).catch_up(stale) == (0, 0)
    deliver(desk, *refunded_events(desk))
    [(_, _, body)] = desk.sql(MAILS)
    assert "We have refunded €10.00 of your order REF0000001." in str(body)


def test_the_catch_up_sends_refund_mails_the_mail_server_refused_all_day(desk: Desk) -> None:
    """The event's retries ran out while the mail server was down: the next catch-up sends
    what went back and what failed since, each once."""
    order_id = desk.paid(1)
    store = store_of(desk)
    ours(store, order_id, "a", 1_000, "succeeded")
    ours(store, order_id, "b", 500, "succeeded")
    assert store.sync(order_id, [made("re_b", 500, "failed", "b")]).changed

    class Down:
        def send(self, recipient: str, subject: str, body: str) -> None:
            raise ConnectionRefusedError("mail server down")

    assert desk.shop.commerce is not None
    down = RefundMail(desk.shop.commerce.orders, claims_of(desk), Down(), "https://shop.example")
    now = utc_now()
    assert down.catch_up(now) == (0, 2)  # the refund mail and the failure mail
    assert desk.sql(MAILS) == []

    assert refund_mail(desk).catch_up(now) == (2, 0)  # the claims were given back
    assert refund_mail(desk).catch_up(now) == (0, 0)
    subjects = [str(subject) for _, subject, _ in desk.sql(MAILS)]
    assert subjects == [
        "A refund for your Boutique order REF0000001",
        "A refund for your Boutique order REF0000001 did not reach you",
    ]
    assert "We have refunded €10.00 of your order REF0000001." in str(desk.sql(MAILS)[0][2])
    # A day later, what is still untold is left alone rather than mailed days late.
    ours(store, order_id, "c", 300, "succeeded")
    assert refund_mail(desk).catch_up(now + timedelta(days=2)) == (0, 0)


def test_a_refund_mail_under_way_when_its_refund_is_reversed_tells_nothing_new(
    desk: Desk,
) -> None:
    """A sender mails "€10 went back"; meanwhile that refund is reversed and another €10
    goes through. The total is €10 again, but the shopper was not told of this one: the
    reversal voided the claim, so the sender's mail counts for nothing and the catch-up
    tells of the new refund (and of the failed one)."""
    order_id = desk.paid(1)
    store = store_of(desk)
    ours(store, order_id, "a", 1_000, "succeeded")
    claims, claimed = claims_of(desk), utc_now()
    sending = claims.claim_refund_mail(order_id, claimed, claimed)
    assert sending is not None
    assert totals(sending) == (0, 1_000)
    assert store.sync(order_id, [made("re_a", 1_000, "failed", "a")]).changed
    ours(store, order_id, "c", 1_000, "succeeded")
    assert not claims.refund_mail_sent(order_id, sending, claimed)  # its mail went, late
    assert desk.sql(TOLD) == [("a", False), ("c", False)]  # nothing marked told

    assert refund_mail(desk).catch_up(utc_now()) == (2, 0)
    subjects = [str(subject) for _, subject, _ in desk.sql(MAILS)]
    assert subjects == [
        "A refund for your Boutique order REF0000001",
        "A refund for your Boutique order REF0000001 did not reach you",
    ]
    assert "We have refunded €10.00 of your order REF0000001." in str(desk.sql(MAILS)[0][2])
    assert "goes back to the card you paid with" in str(desk.sql(MAILS)[0][2])
    assert desk.sql(TOLD) == [("a", False), ("c", True)]
    assert refund_mail(desk).catch_up(utc_now()) == (0, 0)


def test_a_slow_sender_taken_over_leaves_the_new_claim_alone(desk: Desk) -> None:
    """A sender slower than CLAIM_MINUTES was taken over; its mail failing gives back only
    its own claim, so nobody else starts sending beside the one that took over."""
    order_id = desk.paid(1)
    ours(store_of(desk), order_id, "a", 1_000, "succeeded")
    claims, slow = claims_of(desk), utc_now()
    assert totals(claims.claim_refund_mail(order_id, slow, slow)) == (0, 1_000)
    later = slow + timedelta(minutes=CLAIM_MINUTES + 1)
    taken = claims.claim_refund_mail(order_id, later, later - timedelta(minutes=5))
    assert taken is not None
    assert totals(taken) == (0, 1_000)
    claims.release_refund_mail(order_id, slow)  # the slow one's mail server refused it
    third = later + timedelta(seconds=1)
    assert claims.claim_refund_mail(order_id, third, third - timedelta(minutes=5)) is None
    assert claims.refund_mail_sent(order_id, taken, later)
    assert refund_mail(desk).catch_up(third + timedelta(minutes=10)) == (0, 0)


def test_a_refund_going_through_while_a_mail_is_under_way_is_told_by_the_next_one(
    desk: Desk,
) -> None:
    """The mail under way tells the refunds it read with its claim, and marks only those: a
    cheque recorded meanwhile is told by the next mail, alone, as a cheque."""
    order_id = desk.paid(1)
    ours(store_of(desk), order_id, "a", 1_000, "succeeded")
    claims, claimed = claims_of(desk), utc_now()
    sending = claims.claim_refund_mail(order_id, claimed, claimed)
    assert sending is not None
    assert [(r.method, r.amount_minor) for r in sending.refunds] == [("", 1_000)]
    assert desk.shop.engine is not None
    SqlOfflineRefundStore(desk.shop.engine).record(  # beside the claim: waits for no mail
        OfflineRefund(order_id, 500, "offline:k", "cheque", "n° 7"), None, lambda _: []
    )
    assert claims.refund_mail_sent(order_id, sending, claimed)
    assert desk.sql(TOLD) == [("a", True), ("offline:k", False)]

    deliver(desk, *refunded_events(desk))
    [(_, _, body)] = desk.sql(MAILS)
    assert "We have refunded €5.00 of your order REF0000001." in str(body)
    assert "€5.00 was paid to you by cheque." in str(body)
    assert "card you paid with" not in str(body)
    assert desk.sql(TOLD) == [("a", True), ("offline:k", True)]


def test_two_processes_mailing_at_once_tell_each_refund_once(desk: Desk) -> None:
    """Six senders take the same events at the same moment: one mail, its refunds marked
    told once; the events redelivered afterwards tell nothing."""
    order_id = desk.paid(1)
    store = store_of(desk)
    ours(store, order_id, "a", 1_000, "succeeded")
    ours(store, order_id, "b", 500, "succeeded")
    start = threading.Barrier(6)

    def send(_: int) -> bool:
        start.wait()
        return refund_mail(desk).send(order_id)

    with ThreadPoolExecutor(max_workers=6) as pool:
        sent = list(pool.map(send, range(6)))
    assert sent.count(True) == 1
    deliver(desk, *refunded_events(desk))
    [(_, _, body)] = desk.sql(MAILS)
    assert "We have refunded €15.00 of your order REF0000001." in str(body)
    assert "goes back to the card you paid with" in str(body)
    assert desk.sql(TOLD) == [("a", True), ("b", True)]
