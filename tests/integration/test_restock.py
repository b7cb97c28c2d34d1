"""Back-in-stock alerts on real adapters: the SQL store on SQLite and PostgreSQL, and the
bus handler end to end (an admin's restock → its event relayed through Redis Streams → one
mail in the local outbox mailer; the event delivered again → no second mail)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from models.catalog import ProductStatus
from storefront.adapters.sql_restock import SqlRestockStore
from storefront.adapters.sql_stock_admin import SqlStockAdmin
from storefront.adapters.throttle import InProcessThrottle
from storefront.bootstrap import Shop
from storefront.services.admin.stock import StockAdmin
from storefront.services.restock import RestockAlerts
from storefront.subscriptions import RESTOCK_MAIL
from tests.integration.bus_fixtures import stream_key
from tests.integration.catalog_fixtures import seed_small_catalog
from tests.integration.test_bus import FAST, consumer, relay
from tests.restock_fakes import MailBox

NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
SOLD_OUT_SKU, OTHER_SKU = "SKU-10-0", "SKU-10-1"  # product 10 is seeded with no stock


@pytest.fixture
def shop(database_url: str, redis_server: str, make_shop: Callable[..., Shop]) -> Iterator[Shop]:
    with stream_key(redis_server) as key:
        shop = make_shop(database_url, redis_url=redis_server, bus_stream=key)
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
    alerts(shop).subscribe(sold_out, "ann@example.com", "en", NOW, client="192.0.2.1")
    alerts(shop).subscribe(sold_out, "bea@example.com", "fr", NOW, client="192.0.2.1")
    alerts(shop).subscribe(variant_id(shop, OTHER_SKU), "cy@example.com", "en", NOW)
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
    assert not shop.restock.subscribe(
        sold_out, "ann@example.com", "en", NOW, account_id=ann.account_id
    )
    assert [a.email for a in shop.restock.alerts_of(ann.account_id)] == ["ann@example.com"]


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
    service = RestockAlerts(store, mailbox, InProcessThrottle(), "https://shop.example")
    sold_out = variant_id(shop, SOLD_OUT_SKU)
    ann = shop.accounts.sign_up("ann@example.com", "correct horse battery", "Ann", NOW)
    service.subscribe(sold_out, "ann@example.com", "en", NOW, account_id=ann.account_id)
    service.subscribe(sold_out, "bea@example.com", "en", NOW)
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
