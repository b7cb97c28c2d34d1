"""Back-in-stock alerts (services/restock.py) on an in-memory store; the SQL store is tested
in tests/integration/test_restock_store.py, the bus handler in test_restock_bus.py."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from storefront.adapters.throttle import InProcessThrottle
from storefront.services.restock import RESTOCK_REQUESTS, RestockAlerts, RestockError
from tests.restock_fakes import FakeRestockStore, FakeVariant, MailBox

NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
SOLD_OUT, IN_STOCK, DRAFT, OTHER = 11, 12, 13, 14


@pytest.fixture
def store() -> FakeRestockStore:
    return FakeRestockStore(
        variants={
            SOLD_OUT: FakeVariant(product_id=1, stock=0),
            IN_STOCK: FakeVariant(product_id=1, stock=3),
            DRAFT: FakeVariant(product_id=2, stock=0, status="draft"),
        }
    )


@pytest.fixture
def mails() -> MailBox:
    return MailBox()


@pytest.fixture
def alerts(store: FakeRestockStore, mails: MailBox) -> RestockAlerts:
    return RestockAlerts(store, mails, InProcessThrottle(), "https://shop.example/")


def test_asking_twice_for_the_same_variant_keeps_one_alert(
    alerts: RestockAlerts, store: FakeRestockStore
) -> None:
    assert alerts.subscribe(SOLD_OUT, " Ann@Example.com ", "fr", NOW, client="192.0.2.1")
    assert not alerts.subscribe(SOLD_OUT, "ann@example.com", "en", NOW, client="192.0.2.1")
    [alert] = store.alerts.values()
    assert (alert.email, alert.locale) == ("ann@example.com", "fr")


@pytest.mark.parametrize(
    ("variant_id", "email", "code"),
    [
        (SOLD_OUT, "not an email", "restock.error.email"),
        (SOLD_OUT, "Ann <ann@example.com>", "restock.error.email"),
        (IN_STOCK, "ann@example.com", "restock.error.available"),
        (DRAFT, "ann@example.com", "restock.error.available"),
        (999, "ann@example.com", "restock.error.available"),
    ],
)
def test_a_bad_email_or_a_variant_not_sold_out_is_refused_and_nothing_is_kept(
    alerts: RestockAlerts, store: FakeRestockStore, variant_id: int, email: str, code: str
) -> None:
    with pytest.raises(RestockError) as refused:
        alerts.subscribe(variant_id, email, "en", NOW, client="192.0.2.1")
    assert refused.value.code == code
    assert store.alerts == {}


def test_a_client_asking_for_too_many_alerts_is_refused_past_the_limit(
    alerts: RestockAlerts, store: FakeRestockStore
) -> None:
    for n in range(RESTOCK_REQUESTS.attempts):
        alerts.subscribe(SOLD_OUT, f"person{n}@example.com", "en", NOW, client="192.0.2.9")
    with pytest.raises(RestockError, match="throttled"):
        alerts.subscribe(SOLD_OUT, "one-more@example.com", "en", NOW, client="192.0.2.9")
    assert len(store.alerts) == RESTOCK_REQUESTS.attempts
    # Another client is not held back by this one.
    assert alerts.subscribe(SOLD_OUT, "one-more@example.com", "en", NOW, client="192.0.2.10")


def test_a_variant_back_in_stock_mails_each_shopper_once_in_their_language(
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox
) -> None:
    alerts.subscribe(SOLD_OUT, "ann@example.com", "en", NOW)
    alerts.subscribe(SOLD_OUT, "bea@example.com", "fr", NOW)
    assert alerts.notify(1, NOW) == 0  # still sold out: nothing to tell
    store.variants[SOLD_OUT].stock = 4

    assert alerts.notify(1, NOW) == 2
    assert alerts.notify(1, NOW + timedelta(hours=1)) == 0  # the event delivered again
    assert [(to, subject) for to, subject, _ in mails.sent] == [
        ("ann@example.com", "Back in stock: Product 1"),
        ("bea@example.com", "De retour en stock : Product 1"),
    ]
    assert "https://shop.example/product/product-1" in mails.sent[0][2]
    assert "Product 1 (Navy)" in mails.sent[0][2]
    assert all(a.notified_at == NOW for a in store.alerts.values())


def test_a_mail_server_refusing_gives_the_alert_back_for_the_retry(
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox
) -> None:
    alerts.subscribe(SOLD_OUT, "ann@example.com", "en", NOW)
    store.variants[SOLD_OUT].stock = 1
    mails.broken = True
    with pytest.raises(OSError, match="down"):
        alerts.notify(1, NOW)
    [alert] = store.alerts.values()
    assert (alert.claimed_at, alert.notified_at) == (None, None)
    mails.broken = False
    assert alerts.notify(1, NOW) == 1


def test_an_alert_claimed_by_a_sender_that_died_is_sent_once_the_claim_is_stale(
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox
) -> None:
    alerts.subscribe(SOLD_OUT, "ann@example.com", "en", NOW)
    store.variants[SOLD_OUT].stock = 1
    [alert] = store.alerts.values()
    alert.claimed_at = NOW  # another process is mailing it
    assert alerts.notify(1, NOW + timedelta(minutes=1)) == 0
    assert alerts.notify(1, NOW + timedelta(minutes=10)) == 1
    assert len(mails.sent) == 1


def test_alerts_of_an_archived_or_deleted_variant_are_dropped_unsent(
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox
) -> None:
    alerts.subscribe(SOLD_OUT, "ann@example.com", "en", NOW)
    store.variants[SOLD_OUT] = FakeVariant(product_id=1, stock=5, status="archived")
    assert alerts.notify(1, NOW) == 0
    assert store.alerts == {}
    assert mails.sent == []


def test_a_shopper_mailed_once_may_wait_again_when_it_sells_out_again(
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox
) -> None:
    alerts.subscribe(SOLD_OUT, "ann@example.com", "en", NOW, account_id=7)
    store.variants[SOLD_OUT].stock = 1
    alerts.notify(1, NOW)
    assert alerts.waiting_for(7) == []
    store.variants[SOLD_OUT].stock = 0
    assert alerts.subscribe(SOLD_OUT, "ann@example.com", "fr", NOW, account_id=7)
    assert [w.variant_title for w in alerts.waiting_for(7)] == ["Navy"]


def test_a_shopper_stops_waiting_for_their_own_alert_only(
    alerts: RestockAlerts, store: FakeRestockStore
) -> None:
    alerts.subscribe(SOLD_OUT, "ann@example.com", "en", NOW, account_id=7)
    [waiting] = alerts.waiting_for(7)
    assert not alerts.unsubscribe(8, waiting.alert_id)  # someone else's
    assert alerts.waiting_for(7) != []
    assert alerts.unsubscribe(7, waiting.alert_id)
    assert alerts.waiting_for(7) == []


def test_the_catch_up_sends_an_alert_whose_sender_died_and_nothing_twice(
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox
) -> None:
    alerts.subscribe(SOLD_OUT, "ann@example.com", "en", NOW)
    store.variants[SOLD_OUT].stock = 1
    [alert] = store.alerts.values()
    alert.claimed_at = NOW  # its sender died before mailing
    assert alerts.catch_up(NOW + timedelta(minutes=1)) == 0
    assert alerts.catch_up(NOW + timedelta(hours=1)) == 1
    assert alerts.catch_up(NOW + timedelta(hours=2)) == 0
    assert len(mails.sent) == 1


def test_the_catch_up_still_mails_other_products_when_one_products_mail_is_refused(
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox
) -> None:
    store.variants[OTHER] = FakeVariant(product_id=3, stock=0)
    alerts.subscribe(SOLD_OUT, "bad@example.com", "en", NOW)
    alerts.subscribe(OTHER, "ann@example.com", "en", NOW)
    store.variants[SOLD_OUT].stock = store.variants[OTHER].stock = 1
    mails.refused.add("bad@example.com")
    assert alerts.catch_up(NOW) == 1  # product 1's refusal neither raises nor stops product 3
    assert [to for to, _, _ in mails.sent] == ["ann@example.com"]
    bad = next(a for a in store.alerts.values() if a.email == "bad@example.com")
    assert (bad.claimed_at, bad.notified_at) == (None, None)  # left for the next run
