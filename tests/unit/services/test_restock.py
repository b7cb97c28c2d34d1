"""Back-in-stock alerts (services/restock.py) on an in-memory store; the SQL store and the
bus handler are tested in tests/integration/test_restock.py."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta

import pytest

from models.events import CatalogRestructured, ProductChanged
from storefront.adapters.throttle import InProcessThrottle
from storefront.services.restock import (
    CHUNK,
    FAILURES_IN_A_ROW,
    LINKS_PER_ADDRESS,
    MAILED_SHOWN,
    RESTOCK_REQUESTS,
    RestockAlerts,
    RestockError,
)
from storefront.services.restock_links import (
    CONFIRM_DAYS,
    GUEST_DONE_KEPT,
    RELINK_AFTER,
    LinkNotMailed,
)
from storefront.subscriptions import restock_handlers
from tests.restock_fakes import Clock, FakeRestockStore, FakeVariant, MailBox

URL = "https://shop.example/"
NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
SOLD_OUT, IN_STOCK, DRAFT, OTHER = 11, 12, 13, 14


def every_address_confirmed(account_id: int, email: str) -> bool:
    """Every account's address is confirmed (tests of unconfirmed ones say otherwise)."""
    return True


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
def clock() -> Clock:
    return Clock(NOW)


def confirmed(
    alerts: RestockAlerts, mails: MailBox, variant_id: int, email: str, locale: str
) -> None:
    """A guest's alert, confirmed by the link mailed to them (that mail then taken out)."""
    assert alerts.subscribe(variant_id, email, locale, NOW)
    _, _, body = mails.sent.pop()
    alerts.links.confirm(link_token(body))


def link_token(body: str) -> str:
    [token] = re.findall(r"https://shop\.example/restock/confirm\?token=(\S+)", body)
    return token


@pytest.fixture
def alerts(store: FakeRestockStore, mails: MailBox, clock: Clock) -> RestockAlerts:
    return RestockAlerts(
        store,
        store,
        mails,
        InProcessThrottle(),
        "https://shop.example/",
        clock=clock,
        email_confirmed=every_address_confirmed,
    )


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
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox, clock: Clock
) -> None:
    confirmed(alerts, mails, SOLD_OUT, "ann@example.com", "en")
    confirmed(alerts, mails, SOLD_OUT, "bea@example.com", "fr")
    assert alerts.notify(1) == 0  # still sold out: nothing to tell
    store.variants[SOLD_OUT].stock = 4

    assert alerts.notify(1) == 2
    clock.now = NOW + timedelta(hours=1)
    assert alerts.notify(1) == 0  # the event delivered again
    assert [(to, subject) for to, subject, _ in mails.sent] == [
        ("ann@example.com", "Back in stock: Product 1"),
        ("bea@example.com", "De retour en stock\u202f: Product 1"),
    ]
    # The variant awaited, not the product's first (the page reads ?sku=).
    assert "https://shop.example/product/product-1?sku=CHAIR-NAVY" in mails.sent[0][2]
    assert "Product 1 (Navy)" in mails.sent[0][2]
    assert all(a.notified_at == NOW for a in store.alerts.values())


def test_a_mail_server_refusing_gives_the_alert_back_for_the_retry(
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox
) -> None:
    confirmed(alerts, mails, SOLD_OUT, "ann@example.com", "en")
    store.variants[SOLD_OUT].stock = 1
    mails.broken = True
    with pytest.raises(OSError, match="down"):
        alerts.notify(1)
    [alert] = store.alerts.values()
    assert (alert.claimed_at, alert.notified_at) == (None, None)
    mails.broken = False
    assert alerts.notify(1) == 1


def test_an_alert_claimed_by_a_sender_that_died_is_sent_once_the_claim_is_stale(
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox, clock: Clock
) -> None:
    confirmed(alerts, mails, SOLD_OUT, "ann@example.com", "en")
    store.variants[SOLD_OUT].stock = 1
    [alert] = store.alerts.values()
    alert.claimed_at = NOW  # another process is mailing it
    clock.now = NOW + timedelta(minutes=1)
    assert alerts.notify(1) == 0
    clock.now = NOW + timedelta(minutes=10)
    assert alerts.notify(1) == 1
    assert len(mails.sent) == 1


def test_alerts_of_an_archived_or_deleted_variant_are_dropped_unsent(
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox
) -> None:
    confirmed(alerts, mails, SOLD_OUT, "ann@example.com", "en")
    store.variants[SOLD_OUT] = FakeVariant(product_id=1, stock=5, status="archived")
    assert alerts.notify(1) == 0
    assert store.alerts == {}
    assert mails.sent == []


def test_a_shopper_mailed_once_may_wait_again_when_it_sells_out_again(
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox
) -> None:
    alerts.subscribe(SOLD_OUT, "ann@example.com", "en", NOW, account_id=7)
    store.variants[SOLD_OUT].stock = 1
    alerts.notify(1)
    assert [w.mailed_at is not None for w in alerts.waiting_for(7)] == [True]
    store.variants[SOLD_OUT].stock = 0
    assert alerts.subscribe(SOLD_OUT, "ann@example.com", "fr", NOW, account_id=7)
    [waiting] = alerts.waiting_for(7)  # waiting again, no longer mailed
    assert (waiting.variant_title, waiting.mailed_at) == ("Navy", None)


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
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox, clock: Clock
) -> None:
    confirmed(alerts, mails, SOLD_OUT, "ann@example.com", "en")
    store.variants[SOLD_OUT].stock = 1
    [alert] = store.alerts.values()
    alert.claimed_at = NOW  # its sender died before mailing
    clock.now = NOW + timedelta(minutes=1)
    assert alerts.catch_up() == 0
    clock.now = NOW + timedelta(hours=1)
    assert alerts.catch_up() == 1
    clock.now = NOW + timedelta(hours=2)
    assert alerts.catch_up() == 0
    assert len(mails.sent) == 1


def test_the_catch_up_still_mails_other_products_when_one_products_mail_is_refused(
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox
) -> None:
    store.variants[OTHER] = FakeVariant(product_id=3, stock=0)
    confirmed(alerts, mails, SOLD_OUT, "bad@example.com", "en")
    confirmed(alerts, mails, OTHER, "ann@example.com", "en")
    store.variants[SOLD_OUT].stock = store.variants[OTHER].stock = 1
    mails.failing.add("bad@example.com")
    assert alerts.catch_up() == 1  # product 1's failure neither raises nor stops product 3
    assert [to for to, _, _ in mails.sent] == ["ann@example.com"]
    bad = next(a for a in store.alerts.values() if a.email == "bad@example.com")
    assert (bad.claimed_at, bad.notified_at) == (None, None)  # left for the next run


def test_a_failing_mail_does_not_hold_back_the_others_and_is_raised_at_the_end(
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox
) -> None:
    for email in ("bad@example.com", "ann@example.com", "bea@example.com"):
        confirmed(alerts, mails, SOLD_OUT, email, "en")
    store.variants[SOLD_OUT].stock = 1
    mails.failing.add("bad@example.com")
    with pytest.raises(OSError, match="mailbox full"):
        alerts.notify(1)  # raised: the bus retries the event
    assert [to for to, _, _ in mails.sent] == ["ann@example.com", "bea@example.com"]
    bad = next(a for a in store.alerts.values() if a.email == "bad@example.com")
    assert (bad.claimed_at, bad.notified_at) == (None, None)  # given back for the retry
    mails.failing.clear()
    assert alerts.notify(1) == 1  # the retry mails it alone


def test_a_recipient_refused_for_good_is_marked_done_and_never_tried_again(
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox
) -> None:
    confirmed(alerts, mails, SOLD_OUT, "gone@example.com", "en")
    confirmed(alerts, mails, SOLD_OUT, "ann@example.com", "en")
    store.variants[SOLD_OUT].stock = 1
    mails.refused.add("gone@example.com")
    assert alerts.notify(1) == 1  # no error: nothing to retry
    assert all(a.notified_at is not None for a in store.alerts.values())
    tried = mails.tried
    assert alerts.notify(1) == 0
    assert alerts.catch_up() == 0
    assert mails.tried == tried


def test_a_refused_alert_shows_as_refused_and_a_mailed_one_as_mailed_for_a_month(
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox, clock: Clock
) -> None:
    alerts.subscribe(SOLD_OUT, "gone@example.com", "en", NOW, account_id=7)
    alerts.subscribe(SOLD_OUT, "ann@example.com", "en", NOW, account_id=8)
    store.variants[SOLD_OUT].stock = 1
    mails.refused.add("gone@example.com")
    clock.now = NOW + timedelta(hours=1)
    assert alerts.notify(1) == 1
    [refused] = alerts.waiting_for(7)
    assert (refused.email, refused.refused_at, refused.mailed_at) == (
        "gone@example.com",
        NOW + timedelta(hours=1),
        None,
    )
    [mailed] = alerts.waiting_for(8)  # mailed: said when, for a month
    assert (mailed.mailed_at, mailed.refused_at) == (NOW + timedelta(hours=1), None)
    assert alerts.alerts_of(8) == [mailed]
    clock.now = NOW + timedelta(hours=1) + MAILED_SHOWN
    assert alerts.waiting_for(8) == [mailed]
    clock.now += timedelta(seconds=1)
    assert alerts.waiting_for(8) == []
    assert alerts.alerts_of(8) == [mailed]  # their data download keeps it


def test_a_shopper_whose_address_was_refused_may_wait_again_and_is_then_mailed(
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox
) -> None:
    alerts.subscribe(SOLD_OUT, "ann@example.com", "en", NOW, account_id=7)
    store.variants[SOLD_OUT].stock = 1
    mails.refused.add("ann@example.com")
    assert alerts.notify(1) == 0
    # Sold out again; the shopper fixed their mailbox and asks again: a new alert, not
    # "already waiting" for one that will never be sent.
    store.variants[SOLD_OUT].stock = 0
    mails.refused.clear()
    assert alerts.subscribe(SOLD_OUT, "ann@example.com", "fr", NOW, account_id=7)
    [waiting] = alerts.waiting_for(7)
    assert (waiting.refused_at, waiting.mailed_at) == (None, None)
    store.variants[SOLD_OUT].stock = 2
    assert alerts.notify(1) == 1
    assert [(to, subject) for to, subject, _ in mails.sent] == [
        ("ann@example.com", "De retour en stock\u202f: Product 1")
    ]
    [mailed] = alerts.waiting_for(7)
    assert (mailed.alert_id, mailed.refused_at) == (waiting.alert_id, None)
    assert mailed.mailed_at is not None


def test_a_mail_server_down_stops_the_run_after_a_few_failures_in_a_row(
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox
) -> None:
    for n in range(FAILURES_IN_A_ROW * 3):
        confirmed(alerts, mails, SOLD_OUT, f"p{n}@example.com", "en")
    store.variants[SOLD_OUT].stock = 1
    mails.broken, mails.tried = True, 0
    with pytest.raises(OSError, match="down"):
        alerts.notify(1)
    assert mails.tried == FAILURES_IN_A_ROW  # not one SMTP timeout per waiting shopper
    assert all(a.claimed_at is None for a in store.alerts.values())


def test_a_long_run_stamps_each_claim_when_taken_so_another_sender_leaves_it_alone(
    store: FakeRestockStore, mails: MailBox, clock: Clock
) -> None:
    """A slow mail server: each read of the clock is two minutes later. Another process's run
    meanwhile must not take the claim being mailed for a dead sender's (CLAIM_MINUTES)."""
    other = RestockAlerts(
        store,
        store,
        mails,
        InProcessThrottle(),
        "https://shop.example/",
        clock=clock,
        email_confirmed=every_address_confirmed,
    )

    class Meddling:
        def send(self, recipient: str, subject: str, body: str) -> None:
            mails.send(recipient, subject, body)
            if recipient == "p3@example.com":
                other.notify(1)  # another process, while this mail is on its way

    first = RestockAlerts(
        store,
        store,
        Meddling(),
        InProcessThrottle(),
        "https://shop.example/",
        clock=clock,
        email_confirmed=every_address_confirmed,
    )
    for n in range(5):
        confirmed(first, mails, SOLD_OUT, f"p{n}@example.com", "en")
    store.variants[SOLD_OUT].stock = 1
    clock.step = timedelta(minutes=2)
    first.notify(1)
    recipients = [to for to, _, _ in mails.sent]
    assert sorted(recipients) == [f"p{n}@example.com" for n in range(5)]  # each once
    stamps = sorted(a.notified_at for a in store.alerts.values() if a.notified_at)
    assert len(stamps) == 5
    assert stamps[-1] - stamps[0] >= timedelta(minutes=8)  # each claim's own time


def test_an_import_asks_once_per_chunk_and_mails_only_products_with_alerts(
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.variants[OTHER] = FakeVariant(product_id=1200, stock=0)
    confirmed(alerts, mails, SOLD_OUT, "ann@example.com", "en")
    confirmed(alerts, mails, OTHER, "bea@example.com", "en")
    store.variants[SOLD_OUT].stock = store.variants[OTHER].stock = 1
    notified: list[int] = []
    notify = alerts.notify
    monkeypatch.setattr(alerts, "notify", lambda pid: notified.append(pid) or notify(pid))
    handle = restock_handlers(alerts)[CatalogRestructured][0]
    handle([CatalogRestructured("import", tuple(range(1, 1201)))])
    assert [len(ids) for ids in store.asked] == [CHUNK, CHUNK, 1200 - 2 * CHUNK]
    assert notified == [1, 1200]  # not one read per product changed
    assert sorted(to for to, _, _ in mails.sent) == ["ann@example.com", "bea@example.com"]


def test_a_product_whose_mail_fails_does_not_hold_back_the_next_one_in_the_event(
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox
) -> None:
    store.variants[OTHER] = FakeVariant(product_id=3, stock=0)
    confirmed(alerts, mails, SOLD_OUT, "bad@example.com", "en")
    confirmed(alerts, mails, OTHER, "ann@example.com", "en")
    store.variants[SOLD_OUT].stock = store.variants[OTHER].stock = 1
    mails.failing.add("bad@example.com")
    handle = restock_handlers(alerts)[ProductChanged][0]
    with pytest.raises(OSError, match="mailbox full"):
        handle([ProductChanged(1, ("p-1",), (1,)), ProductChanged(3, ("p-3",), (1,))])
    assert [to for to, _, _ in mails.sent] == ["ann@example.com"]


def test_a_throttled_client_cannot_tell_whether_an_email_already_waits(
    alerts: RestockAlerts,
) -> None:
    alerts.subscribe(SOLD_OUT, "ann@example.com", "en", NOW, client="192.0.2.5")
    for n in range(RESTOCK_REQUESTS.attempts):
        alerts.subscribe(SOLD_OUT, f"person{n}@example.com", "en", NOW, client="192.0.2.9")
    with pytest.raises(RestockError, match="throttled"):
        alerts.subscribe(SOLD_OUT, "ann@example.com", "en", NOW, client="192.0.2.9")
    with pytest.raises(RestockError, match="throttled"):
        alerts.subscribe(SOLD_OUT, "nobody@example.com", "en", NOW, client="192.0.2.9")


@pytest.mark.parametrize("mail_fails", [False, True])
def test_a_guest_asking_for_an_accounts_alert_changes_nothing_of_it(
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox, mail_fails: bool
) -> None:
    """Anyone may type the account's address: its mailed alert stays as it is on its list
    (not reset, not linked, not forgotten), whether a mail would work or not."""
    alerts.subscribe(SOLD_OUT, "ann@example.com", "en", NOW, account_id=7)
    store.variants[SOLD_OUT].stock = 1
    alerts.notify(1)
    store.variants[SOLD_OUT].stock = 0
    [before] = alerts.waiting_for(7)
    mails.broken = mail_fails
    assert not alerts.subscribe(SOLD_OUT, "ann@example.com", "fr", NOW)  # signed out
    assert alerts.waiting_for(7) == [before]
    assert len(mails.sent) == 1  # the restock mail only
    assert alerts.links.forget_old() == 0
    # Its owner, signed in, makes it wait again.
    assert alerts.subscribe(SOLD_OUT, "ann@example.com", "fr", NOW, account_id=7)


def test_one_address_gets_a_few_links_a_day_whoever_asks_for_whatever(
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox
) -> None:
    for n in range(LINKS_PER_ADDRESS.attempts + 3):
        store.variants[100 + n] = FakeVariant(product_id=100 + n, stock=0)
        alerts.subscribe(100 + n, "victim@example.com", "en", NOW, client=f"192.0.2.{n}")
    assert len(mails.sent) == LINKS_PER_ADDRESS.attempts
    later = NOW + timedelta(seconds=LINKS_PER_ADDRESS.window_seconds)
    assert alerts.subscribe(100, "victim@example.com", "en", later, client="192.0.2.1")
    assert len(mails.sent) == LINKS_PER_ADDRESS.attempts + 1


def test_a_guests_alert_waits_only_once_the_link_mailed_to_the_address_is_confirmed(
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox
) -> None:
    assert alerts.subscribe(SOLD_OUT, "ann@example.com", "fr", NOW, client="192.0.2.1")
    [(to, subject, body)] = mails.sent
    assert (to, subject) == (
        "ann@example.com",
        "Confirmez votre alerte de retour en stock\u202f: Product 1",
    )
    assert "Product 1 (Navy)" in body
    assert "dans les 7 jours" in body
    token = link_token(body)
    [alert] = store.alerts.values()
    assert alert.confirm_hash != token  # kept hashed
    assert not store.is_waiting(SOLD_OUT, "ann@example.com")
    store.variants[SOLD_OUT].stock = 2
    assert alerts.notify(1) == 0  # not confirmed: nothing but the link went
    assert alerts.catch_up() == 0

    shown = alerts.links.linked(token)
    assert shown is not None
    assert (shown.email, shown.variant_title, shown.confirmed) == ("ann@example.com", "Navy", False)
    assert shown.in_stock  # back already: its page says so
    assert alerts.links.confirm(token).email == "ann@example.com"
    assert alerts.links.confirm(token).email == "ann@example.com"  # twice: no error
    assert alerts.catch_up() == 1
    assert mails.sent[-1][1] == "De retour en stock\u202f: Product 1"
    with pytest.raises(RestockError, match=r"link\.invalid"):
        alerts.links.confirm(token)  # mailed: the link is done


def test_asking_again_sends_no_second_link_within_the_hour_then_a_new_one(
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox
) -> None:
    assert alerts.subscribe(SOLD_OUT, "ann@example.com", "en", NOW)
    first = link_token(mails.sent[-1][2])
    later = NOW + RELINK_AFTER - timedelta(seconds=1)
    assert not alerts.subscribe(SOLD_OUT, "ann@example.com", "en", later)
    assert len(mails.sent) == 1
    assert alerts.subscribe(SOLD_OUT, "ann@example.com", "fr", later + timedelta(seconds=2))
    second = link_token(mails.sent[-1][2])
    assert "Confirmez" in mails.sent[-1][1]
    assert alerts.links.linked(first) is None  # the newest link is the one that works
    alerts.links.confirm(second)
    assert store.is_waiting(SOLD_OUT, "ann@example.com")
    # Waiting, confirmed: asking again mails nothing.
    assert not alerts.subscribe(SOLD_OUT, "ann@example.com", "en", NOW + 3 * RELINK_AFTER)
    assert len(mails.sent) == 2


def test_a_link_not_confirmed_within_its_days_stops_working_and_its_alert_is_forgotten(
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox, clock: Clock
) -> None:
    alerts.subscribe(SOLD_OUT, "ann@example.com", "en", NOW)
    stale = link_token(mails.sent[-1][2])
    confirmed(alerts, mails, SOLD_OUT, "bea@example.com", "en")
    clock.now = NOW + timedelta(days=CONFIRM_DAYS, seconds=1)
    assert alerts.links.linked(stale) is None
    with pytest.raises(RestockError, match=r"link\.invalid"):
        alerts.links.confirm(stale)
    assert alerts.links.forget_old() == 1
    assert [a.email for a in store.alerts.values()] == ["bea@example.com"]  # confirmed: kept


def test_the_link_stops_an_alert_confirmed_or_not(
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox
) -> None:
    alerts.subscribe(SOLD_OUT, "ann@example.com", "en", NOW)
    alerts.subscribe(SOLD_OUT, "bea@example.com", "en", NOW)
    ann, bea = (link_token(body) for _, _, body in mails.sent)
    alerts.links.confirm(bea)
    assert alerts.links.stop(ann).email == "ann@example.com"
    assert alerts.links.stop(bea).email == "bea@example.com"
    assert store.alerts == {}
    with pytest.raises(RestockError, match=r"link\.invalid"):
        alerts.links.stop(bea)
    assert alerts.links.linked("") is None


@pytest.mark.parametrize("failing", ["refused", "failing"])
def test_a_link_that_cannot_be_mailed_leaves_nothing_and_may_be_asked_again(
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox, failing: str
) -> None:
    getattr(mails, failing).add("ann@example.com")
    with pytest.raises(LinkNotMailed):
        alerts.subscribe(SOLD_OUT, "ann@example.com", "en", NOW)
    assert store.alerts == {}
    getattr(mails, failing).clear()
    assert alerts.subscribe(SOLD_OUT, "ann@example.com", "en", NOW)  # at once: none went
    assert len(mails.sent) == 1


def test_signing_in_and_asking_confirms_the_alert_a_guest_left_unconfirmed(
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox
) -> None:
    alerts.subscribe(SOLD_OUT, "ann@example.com", "en", NOW)
    assert alerts.subscribe(SOLD_OUT, "ann@example.com", "fr", NOW, account_id=7)
    assert len(mails.sent) == 1  # the account's ask mails no link
    [waiting] = alerts.waiting_for(7)
    assert waiting.variant_title == "Navy"
    assert store.is_waiting(SOLD_OUT, "ann@example.com")


def test_a_guests_alert_is_forgotten_a_month_after_its_mail_an_accounts_is_kept(
    alerts: RestockAlerts, store: FakeRestockStore, mails: MailBox, clock: Clock
) -> None:
    confirmed(alerts, mails, SOLD_OUT, "bea@example.com", "en")
    alerts.subscribe(SOLD_OUT, "ann@example.com", "en", NOW, account_id=7)
    store.variants[SOLD_OUT].stock = 1
    assert alerts.notify(1) == 2
    clock.now = NOW + GUEST_DONE_KEPT
    assert alerts.links.forget_old() == 0
    clock.now += timedelta(seconds=1)
    assert alerts.links.forget_old() == 1
    assert [a.email for a in store.alerts.values()] == ["ann@example.com"]  # their download


@pytest.fixture
def unconfirmed(store: FakeRestockStore, mails: MailBox, clock: Clock) -> RestockAlerts:
    """The alerts as account 7 sees them while its address, ann@example.com, is not
    confirmed (anyone may sign up with someone else's address)."""
    return RestockAlerts(
        store, store, mails, InProcessThrottle(), URL, clock=clock,
        email_confirmed=lambda account_id, email: False,
    )  # fmt: skip


def test_an_unconfirmed_accounts_ask_waits_for_the_link_mailed_to_its_address(
    unconfirmed: RestockAlerts, store: FakeRestockStore, mails: MailBox
) -> None:
    asked = unconfirmed.ask(SOLD_OUT, "ann@example.com", "fr", NOW, account_id=7, client="c")
    assert (asked.confirmed, asked.anew) == (False, False)
    assert asked.pending is not None
    assert asked.pending.address == "ann@example.com"
    [alert] = store.alerts.values()
    assert (alert.account_id, alert.confirmed_at) == (7, None)  # the account's, unconfirmed
    assert alert.confirm_hash == hashlib.sha256(asked.pending.token.encode()).hexdigest()
    unconfirmed.links.mail_link(asked.pending)
    [(to, _, body)] = mails.sent
    assert to == "ann@example.com"
    [waiting] = unconfirmed.waiting_for(7)  # listed, as waiting for its link
    assert waiting.confirmed is False
    store.variants[SOLD_OUT].stock = 1
    assert unconfirmed.notify(1) == 0  # nothing but the link went
    store.variants[SOLD_OUT].stock = 0
    # Asked again within the hour: no second link (the guests' throttles).
    assert not unconfirmed.subscribe(SOLD_OUT, "ann@example.com", "fr", NOW, account_id=7)
    assert len(mails.sent) == 1
    unconfirmed.links.confirm(link_token(body))  # its link, opened and confirmed
    assert store.is_waiting(SOLD_OUT, "ann@example.com")


def test_an_unconfirmed_account_gets_no_more_links_a_day_than_a_guest(
    unconfirmed: RestockAlerts, store: FakeRestockStore, mails: MailBox
) -> None:
    for n in range(LINKS_PER_ADDRESS.attempts + 2):
        store.variants[100 + n] = FakeVariant(product_id=100 + n, stock=0)
        unconfirmed.subscribe(100 + n, "victim@example.com", "en", NOW, account_id=7)
    assert len(mails.sent) == LINKS_PER_ADDRESS.attempts
    # And the client's asks are counted as a guest's.
    for _ in range(RESTOCK_REQUESTS.attempts):
        unconfirmed.ask(SOLD_OUT, "victim@example.com", "en", NOW, account_id=7, client="c9")
    with pytest.raises(RestockError, match="throttled"):
        unconfirmed.ask(SOLD_OUT, "victim@example.com", "en", NOW, account_id=7, client="c9")


def test_an_unconfirmed_account_takes_no_alert_its_address_confirmed_as_a_guest(
    alerts: RestockAlerts, unconfirmed: RestockAlerts, store: FakeRestockStore, mails: MailBox
) -> None:
    """Its owner confirmed a guest's alert; someone who signed up with the address must not
    see it on their list, nor stop it."""
    confirmed(alerts, mails, SOLD_OUT, "ann@example.com", "en")
    assert not unconfirmed.subscribe(SOLD_OUT, "ann@example.com", "fr", NOW, account_id=7)
    [alert] = store.alerts.values()
    assert (alert.account_id, alert.locale) == (None, "en")
    assert unconfirmed.waiting_for(7) == []
    assert mails.sent == []
    # Once the address is the account's own (confirmed), asking takes it (as before).
    assert not alerts.subscribe(SOLD_OUT, "ann@example.com", "fr", NOW, account_id=7)
    assert [w.alert_id for w in alerts.waiting_for(7)] == [alert.id]
