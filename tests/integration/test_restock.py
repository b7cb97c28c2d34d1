"""Back-in-stock alerts on real adapters: the SQL store on SQLite and PostgreSQL, and the
bus handler end to end (an admin's restock → its event relayed through Redis Streams → one
mail in the local outbox mailer; the event delivered again → no second mail)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text

from models.catalog import ProductStatus
from storefront.adapters.sql_restock import ALERT, SqlRestockStore
from storefront.adapters.sql_restock_links import SqlRestockLinks
from storefront.adapters.sql_stock_admin import SqlStockAdmin
from storefront.adapters.throttle import InProcessThrottle
from storefront.bootstrap import Shop
from storefront.services.admin.stock import StockAdmin
from storefront.services.restock import RestockAlerts
from storefront.services.restock_links import RELINK_AFTER
from storefront.subscriptions import RESTOCK_MAIL
from tests.integration.bus_fixtures import stream_key
from tests.integration.catalog_fixtures import seed_small_catalog
from tests.integration.confirmed import confirm_address
from tests.integration.test_bus import FAST, consumer, relay
from tests.restock_fakes import MailBox

# Near the real clock: the links mailed are confirmed against it (restock_links.py), and one
# made at a fixed date would stop working a week after it.
NOW = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
SOLD_OUT_SKU, OTHER_SKU = "SKU-10-0", "SKU-10-1"  # product 10 is seeded with no stock


@pytest.fixture
def shop(database_url: str, redis_server: str, make_shop: Callable[..., Shop]) -> Iterator[Shop]:
    with stream_key(redis_server) as key:
        # No limits per client or address: counted in Redis, they would add up over runs
        # (tests/unit/services/test_restock.py tests them).
        shop = make_shop(database_url, redis_url=redis_server, bus_stream=key, limits_factor=0)
        seed_small_catalog(shop)
        relay(shop)
        yield shop


def variant_id(shop: Shop, sku: str) -> int:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return int(
            connection.execute(text("select id from variant where sku = :s"), {"s": sku}).one()[0]
        )


def mails(shop: Shop) -> list[tuple[str, str, str]]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        rows = connection.execute(
            text("select recipient, subject, body from mail_outbox order by id")
        ).all()
    return [(r[0], r[1], r[2]) for r in rows]


def restock(shop: Shop, sku: str, units: int) -> None:
    assert shop.engine is not None
    stock = StockAdmin(SqlStockAdmin(shop.engine), shop.bus.publish)
    stock.adjust_stock(sku, f"+{units}", reason="received", note="", actor_id=None, now=NOW)


def alerts(shop: Shop) -> RestockAlerts:
    assert shop.restock is not None
    return shop.restock


def link_token(body: str) -> str:
    [token] = re.findall(r"/restock/confirm\?token=(\S+)", body)
    return token


def guest_waits(service: RestockAlerts, sent: Callable[[], list[tuple[str, str, str]]],
                variant: int, email: str, locale: str) -> None:  # fmt: skip
    """A guest asks, and confirms by the link mailed to them."""
    assert service.subscribe(variant, email, locale, NOW)
    _, subject, body = sent()[-1]
    assert subject.startswith(("Confirm your", "Confirmez votre"))
    service.links.confirm(link_token(body))


def test_the_sql_store_keeps_one_alert_per_email_and_variant_and_claims_it_once(
    shop: Shop,
) -> None:
    assert shop.engine is not None
    store = SqlRestockStore(shop.engine)
    sold_out, other = variant_id(shop, SOLD_OUT_SKU), variant_id(shop, OTHER_SKU)
    assert store.sold_out_variant(sold_out) == 10
    assert store.sold_out_variant(variant_id(shop, "SKU-1-0")) is None  # in stock
    assert store.add(10, sold_out, "ann@example.com", account_id=None, locale="fr", now=NOW)
    assert not store.add(10, sold_out, "ann@example.com", account_id=None, locale="en", now=NOW)
    assert store.add(10, other, "ann@example.com", account_id=None, locale="en", now=NOW)
    assert store.is_waiting(sold_out, "ann@example.com")
    assert not store.is_waiting(sold_out, "bea@example.com")
    assert store.due(10, NOW, 10) == []  # nothing in stock yet

    restock(shop, SOLD_OUT_SKU, 2)
    assert store.products_due(NOW - timedelta(minutes=5), 10) == [10]
    [due] = store.due(10, NOW - timedelta(minutes=5), 10)
    assert (due.email, due.locale, due.product_title) == (
        "ann@example.com",
        "fr",
        "Chair number 10",
    )
    assert store.claim(due.alert_id, NOW, NOW - timedelta(minutes=5))
    assert not store.claim(due.alert_id, NOW, NOW - timedelta(minutes=5))  # held
    assert store.due(10, NOW - timedelta(minutes=5), 10) == []
    store.sent(due.alert_id, NOW)
    assert not store.is_waiting(sold_out, "ann@example.com")
    assert not store.claim(due.alert_id, NOW, NOW + timedelta(minutes=5))  # sent: never again
    assert store.products_due(NOW + timedelta(minutes=5), 10) == []
    # Sold out again: the same shopper may wait again.
    assert store.add(10, sold_out, "ann@example.com", account_id=None, locale="en", now=NOW)
    assert store.is_waiting(sold_out, "ann@example.com")


def test_the_sql_store_drops_alerts_of_an_archived_product_and_only_those(shop: Shop) -> None:
    assert shop.engine is not None
    store = SqlRestockStore(shop.engine)
    sold_out = variant_id(shop, SOLD_OUT_SKU)
    store.add(10, sold_out, "ann@example.com", account_id=None, locale="en", now=NOW)
    store.add(20, variant_id(shop, "SKU-20-0"), "ann@example.com", account_id=None,
              locale="en", now=NOW)  # fmt: skip
    assert store.drop_unfulfillable(10) == 0
    with shop.engine.begin() as connection:
        connection.execute(
            text("update product set status = :s where id = 10"),
            {"s": ProductStatus.ARCHIVED.value},
        )
    assert store.sold_out_variant(sold_out) is None
    assert store.drop_unfulfillable(10) == 1
    assert not store.is_waiting(sold_out, "ann@example.com")
    assert store.is_waiting(variant_id(shop, "SKU-20-0"), "ann@example.com")


def test_a_restock_relayed_through_redis_mails_each_waiting_shopper_once(shop: Shop) -> None:
    sold_out = variant_id(shop, SOLD_OUT_SKU)
    guest_waits(alerts(shop), lambda: mails(shop), sold_out, "ann@example.com", "en")
    guest_waits(alerts(shop), lambda: mails(shop), sold_out, "bea@example.com", "fr")
    other = variant_id(shop, OTHER_SKU)
    guest_waits(alerts(shop), lambda: mails(shop), other, "cy@example.com", "en")
    assert shop.engine is not None
    with shop.engine.begin() as connection:  # the links' mails, read
        connection.execute(text("delete from mail_outbox"))
    mail_group = consumer(shop, RESTOCK_MAIL, policy=FAST)
    mail_group.run_once(block_ms=0)

    restock(shop, SOLD_OUT_SKU, 3)
    relay(shop)
    while mail_group.run_once(block_ms=0):
        pass
    sent = mails(shop)
    assert [(to, subject) for to, subject, _ in sent] == [
        ("ann@example.com", "Back in stock: Chair number 10"),
        ("bea@example.com", "De retour en stock\u202f: Chair number 10"),
    ]  # cy waits for the other colour, still sold out
    assert f"/product/chair-number-10?sku={SOLD_OUT_SKU}" in sent[0][2]  # the variant awaited

    # The relay sends the same event again (it died before marking it relayed), and the
    # processed-message record is lost too: still no second mail.
    assert shop.engine is not None
    with shop.engine.begin() as connection:
        connection.exec_driver_sql("update outbox_message set relayed_at = null")
        connection.exec_driver_sql(
            f"delete from processed_message where consumer = '{RESTOCK_MAIL}'"
        )
    relay(shop)
    while mail_group.run_once(block_ms=0):
        pass
    assert len(mails(shop)) == 2
    stats = shop.stream.stats(RESTOCK_MAIL)
    assert (stats.lag, stats.pending, stats.dead) == (0, 0, 0)


def test_the_sql_store_keeps_the_account_link_when_a_guest_asks_again(shop: Shop) -> None:
    assert shop.engine is not None
    assert shop.accounts is not None
    store = SqlRestockStore(shop.engine)
    sold_out = variant_id(shop, SOLD_OUT_SKU)
    ann = shop.accounts.sign_up("ann@example.com", "correct horse battery", "Ann", NOW)
    store.add(10, sold_out, "ann@example.com", account_id=ann.account_id, locale="en", now=NOW)
    [alert] = store.waiting_for(ann.account_id, NOW)
    assert store.claim(alert.alert_id, NOW, NOW)
    store.sent(alert.alert_id, NOW)
    assert store.add(10, sold_out, "ann@example.com", account_id=None, locale="fr", now=NOW)
    [waiting] = store.waiting_for(ann.account_id, NOW + timedelta(days=1))
    assert (waiting.alert_id, waiting.mailed_at) == (alert.alert_id, None)


def test_a_guests_waiting_alert_asked_for_again_signed_in_becomes_the_accounts(
    shop: Shop,
) -> None:
    # Told "we will tell you", the signed-in shopper found it on no page of the account,
    # nor in its data download, and closing the account left it (review).
    assert shop.accounts is not None
    assert shop.restock is not None
    sold_out = variant_id(shop, SOLD_OUT_SKU)
    shop.restock.subscribe(sold_out, "ann@example.com", "en", NOW)
    ann = shop.accounts.sign_up("ann@example.com", "correct horse battery", "Ann", NOW)
    confirm_address(shop, "ann@example.com", NOW)  # the address is the account owner's
    # Not confirmed by its link yet: the account's ask confirms it (one alert, the account's).
    assert shop.restock.subscribe(sold_out, "ann@example.com", "en", NOW, account_id=ann.account_id)
    assert [a.email for a in shop.restock.alerts_of(ann.account_id)] == ["ann@example.com"]
    assert [a.email for a in shop.restock.waiting_for(ann.account_id)] == ["ann@example.com"]
    # Confirmed and waiting: asked again, nothing changes.
    assert not shop.restock.subscribe(
        sold_out, "ann@example.com", "en", NOW, account_id=ann.account_id
    )


def test_the_sql_store_names_the_products_with_alerts_waiting_in_one_read(shop: Shop) -> None:
    assert shop.engine is not None
    store = SqlRestockStore(shop.engine)
    for n, email in enumerate(("ann@example.com", "bea@example.com", "cy@example.com")):
        store.add(10, variant_id(shop, SOLD_OUT_SKU), email, account_id=None, locale="en",
                  now=NOW + timedelta(seconds=n))  # fmt: skip
    store.add(20, variant_id(shop, "SKU-20-0"), "ann@example.com", account_id=None,
              locale="en", now=NOW)  # fmt: skip
    assert store.with_waiting([1, 10, 20, 999]) == [10, 20]
    restock(shop, SOLD_OUT_SKU, 2)
    stale = NOW - timedelta(minutes=5)
    first, second, third = store.due(10, stale, 10)
    # Read on from past the last one seen (one refused must not fill every later read).
    assert store.due(10, stale, 1, after=first.alert_id) == [second]
    assert store.due(10, stale, 10, after=third.alert_id) == []
    store.claim(first.alert_id, NOW, stale)
    store.sent(first.alert_id, NOW)
    store.claim(second.alert_id, NOW, stale)
    store.sent(second.alert_id, NOW)
    store.claim(third.alert_id, NOW, stale)
    store.sent(third.alert_id, NOW)
    assert store.with_waiting([10, 20]) == [20]


def test_an_address_refused_for_good_is_recorded_as_refused_and_may_wait_again(
    shop: Shop,
) -> None:
    """The mail server refusing a recipient for good ends the alert (never retried), marked
    refused, not mailed: the account page says so. Asking again for the variant once it is
    sold out again makes it wait again, and the next restock mails it."""
    assert shop.engine is not None
    assert shop.accounts is not None
    store = SqlRestockStore(shop.engine)
    mailbox = MailBox(refused={"ann@example.com"})
    links = SqlRestockLinks(shop.engine)
    assert shop.email_confirmations is not None
    service = RestockAlerts(store, links, mailbox, InProcessThrottle(), "https://shop.example",
                            email_confirmed=shop.email_confirmations.is_confirmed)  # fmt: skip
    sold_out = variant_id(shop, SOLD_OUT_SKU)
    ann = shop.accounts.sign_up("ann@example.com", "correct horse battery", "Ann", NOW)
    confirm_address(shop, "ann@example.com", NOW)
    service.subscribe(sold_out, "ann@example.com", "en", NOW, account_id=ann.account_id)
    guest_waits(service, lambda: mailbox.sent, sold_out, "bea@example.com", "en")
    mailbox.sent.clear()
    restock(shop, SOLD_OUT_SKU, 1)
    assert service.notify(10) == 1
    assert [to for to, _, _ in mailbox.sent] == ["bea@example.com"]
    [refused] = store.waiting_for(ann.account_id, NOW)
    assert (refused.email, refused.mailed_at) == ("ann@example.com", None)
    assert refused.refused_at is not None
    [told] = store.alerts_of(ann.account_id)
    assert (told.mailed_at, told.refused_at) == (None, refused.refused_at)
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        mailed = connection.execute(
            text("select notified_at is not null, refused_at from restock_alert where email = :e"),
            {"e": "bea@example.com"},
        ).one()
    assert tuple(mailed) == (True, None)
    # Done: never tried again, by the handler nor the catch-up.
    tried = mailbox.tried
    assert store.due(10, NOW + timedelta(days=1), 10) == []
    assert service.notify(10) == 0
    assert service.catch_up() == 0
    assert mailbox.tried == tried
    assert not store.is_waiting(sold_out, "ann@example.com")

    # Sold out again; the shopper fixed their mailbox and asks again: waiting, not refused.
    with shop.engine.begin() as connection:  # sold to someone
        connection.execute(text("update variant set stock = 0 where sku = :s"), {"s": SOLD_OUT_SKU})
    mailbox.refused.clear()
    assert service.subscribe(sold_out, "ann@example.com", "en", NOW, account_id=ann.account_id)
    [waiting] = store.waiting_for(ann.account_id, NOW)
    assert (waiting.alert_id, waiting.refused_at) == (refused.alert_id, None)
    restock(shop, SOLD_OUT_SKU, 1)
    assert service.notify(10) == 1
    assert [to for to, _, _ in mailbox.sent] == ["bea@example.com", "ann@example.com"]
    # Mailed: listed as mailed while it is recent (the service's MAILED_SHOWN), then not.
    [mailed] = store.waiting_for(ann.account_id, NOW)
    assert (mailed.alert_id, mailed.refused_at) == (refused.alert_id, None)
    assert mailed.mailed_at is not None
    assert store.waiting_for(ann.account_id, mailed.mailed_at + timedelta(seconds=1)) == []


def test_the_sql_links_confirm_relink_stop_and_forget_a_guests_alert(shop: Shop) -> None:
    """A guest's alert in SQL: waiting for its link (not listed as waiting, not due), a new
    link only after RELINK_AFTER (the old one then dead), confirmed by the link, stopped by
    it; one never confirmed is forgotten, a confirmed one kept."""
    assert shop.engine is not None
    store, links = SqlRestockStore(shop.engine), SqlRestockLinks(shop.engine)
    sold_out, other = variant_id(shop, SOLD_OUT_SKU), variant_id(shop, OTHER_SKU)
    week_ago = NOW - timedelta(days=7)

    def ask(variant: int, email: str, confirm_hash: str, now: datetime = NOW) -> bool:
        return store.add(10, variant, email, account_id=None, locale="fr", now=now,
                         confirm_hash=confirm_hash, relink_before=now - RELINK_AFTER)  # fmt: skip

    assert ask(sold_out, "ann@example.com", "a" * 64)
    assert not store.is_waiting(sold_out, "ann@example.com")
    assert store.with_waiting([10]) == []
    assert not ask(sold_out, "ann@example.com", "b" * 64, NOW + timedelta(minutes=5))
    linked = links.linked("a" * 64, week_ago)
    assert linked is not None
    assert (linked.email, linked.product_title, linked.sku, linked.confirmed) == (
        "ann@example.com", "Chair number 10", SOLD_OUT_SKU, False,
    )  # fmt: skip
    assert not linked.in_stock
    restock(shop, SOLD_OUT_SKU, 1)
    back = links.linked("a" * 64, week_ago)
    assert back is not None
    assert back.in_stock
    later = NOW + RELINK_AFTER + timedelta(seconds=1)
    assert ask(sold_out, "ann@example.com", "c" * 64, later)
    assert links.linked("a" * 64, week_ago) is None
    assert not links.confirm("a" * 64, later, week_ago)
    assert links.linked("c" * 64, later + timedelta(days=1)) is None  # asked before: expired
    assert links.confirm("c" * 64, later, week_ago)
    assert not links.confirm("c" * 64, later, week_ago)  # once
    assert store.is_waiting(sold_out, "ann@example.com")
    assert store.with_waiting([10]) == [10]
    confirmed = links.linked("c" * 64, later + timedelta(days=30))
    assert confirmed is not None
    assert confirmed.confirmed  # a confirmed alert's link still shows it, to stop it

    assert ask(other, "bea@example.com", "d" * 64)
    assert links.drop_unconfirmed(NOW) == 0
    assert links.drop_unconfirmed(NOW + timedelta(seconds=1)) == 1  # bea's, never confirmed
    assert links.drop_guests_done(NOW + timedelta(days=365)) == 0  # waiting, not done
    assert links.drop("c" * 64)
    assert not links.drop("c" * 64)
    # Done (mailed) a guest's is dropped past its time; an account's never.
    assert shop.accounts is not None
    ann = shop.accounts.sign_up("ann@example.com", "correct horse battery", "Ann", NOW)
    store.add(10, sold_out, "ann@example.com", account_id=ann.account_id, locale="en", now=NOW)
    assert ask(other, "bea@example.com", "e" * 64)
    assert links.confirm("e" * 64, NOW, week_ago)
    with shop.engine.begin() as connection:
        connection.execute(ALERT.update().values(notified_at=NOW))  # through its column type
    assert links.drop_guests_done(NOW) == 0
    assert links.drop_guests_done(NOW + timedelta(seconds=1)) == 1
    assert [w.email for w in store.alerts_of(ann.account_id)] == ["ann@example.com"]
    # A guest typing the account's address: its mailed alert stays as it is, no link.
    assert not ask(sold_out, "ann@example.com", "f" * 64, NOW + timedelta(days=1))
    [kept] = store.alerts_of(ann.account_id)
    assert kept.mailed_at is not None
    assert links.linked("f" * 64, week_ago) is None


def test_an_unconfirmed_accounts_ask_never_takes_another_accounts_unconfirmed_alert(
    shop: Shop,
) -> None:
    """An account that had the address before keeps its alert waiting for its link: another
    account signed up with that address later, unconfirmed, gets no new link to it (it
    became the newcomer's, and left the first account's list; review)."""
    assert shop.engine is not None
    assert shop.accounts is not None
    store = SqlRestockStore(shop.engine)
    sold_out = variant_id(shop, SOLD_OUT_SKU)
    later = NOW + RELINK_AFTER + timedelta(seconds=1)
    first = shop.accounts.sign_up("first@example.com", "correct horse battery", "A", NOW)
    second = shop.accounts.sign_up("second@example.com", "correct horse battery", "B", NOW)

    def ask(account_id: int, confirm_hash: str, now: datetime) -> bool:
        return store.add(
            10,
            sold_out,
            "ann@example.com",
            account_id=account_id,
            locale="en",
            now=now,
            confirm_hash=confirm_hash,
            relink_before=now - RELINK_AFTER,
        )

    assert ask(first.account_id, "a" * 64, NOW)
    assert not ask(second.account_id, "b" * 64, later)
    assert ask(first.account_id, "c" * 64, later)  # its own: a new link
    with shop.engine.connect() as connection:
        owners = connection.execute(select(ALERT.c.account_id)).scalars().all()
    assert owners == [first.account_id]
