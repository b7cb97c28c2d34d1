"""Invoice numbers on the real SqlOrderStore, SQLite and PostgreSQL: allocated in the
transaction that makes an order paid, one continuous series with no gap and no duplicate when
many orders are paid at once, one number for an order settled twice (success page and
webhook, one after the other or racing), dated the shop's day it was paid on; migrations 0032
on a shop at 0031 and 0033 (the issue date, backfilled) on a shop at 0032."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from alembic import command

from models.orders import OrderStatus
from storefront.adapters.migrations import alembic_config
from storefront.adapters.sql_order_store import SqlOrderStore
from storefront.bootstrap import Shop
from storefront.services.catalog_writer import save_drafts
from storefront.services.checkout.pricing import Totals
from storefront.services.invoices.numbering import invoice_number
from storefront.services.orders.ports import Address, NewOrder, OrderItem
from tests.unit.conftest import CHAIRS, draft

ORDERS = 12


def store_of(database_url: str, make_shop: Callable[..., Shop]) -> SqlOrderStore:
    shop = make_shop(database_url)
    shop.run(save_drafts, [draft(1, stock=100)], categories=[CHAIRS])
    assert shop.commerce is not None
    orders = shop.commerce.orders
    assert isinstance(orders, SqlOrderStore)
    return orders


def placed(orders: SqlOrderStore, n: int) -> int:
    """An unpaid one-line order, as checkout leaves it."""
    return orders.create(
        NewOrder(
            reference=f"INV{n:05d}", access_key=f"key-{n}", account_id=None, cart_id=None,
            email=f"shopper{n}@example.com", locale="fr",
            address=Address("Camille Martin", "12 rue des Lilas", "", "75011", "Paris", "FR"),
            shipping_method="standard", discount_code=None,
            amounts=Totals(2_400, 0, 0, 2_400, 2_000, 400, "EUR"),
            lines=(OrderItem(1, "SKU-1-0", "Chair", 1, 2_400),),
        )
    )  # fmt: skip


def this_year() -> int:
    return datetime.now(ZoneInfo("Europe/Paris")).year


def number_of(orders: SqlOrderStore, order_id: int) -> str | None:
    record = orders.get(order_id)
    assert record is not None
    return record.invoice_number


def test_orders_paid_at_once_get_the_numbers_one_to_n_without_gap_or_duplicate(
    database_url: str, make_shop: Callable[..., Shop]
) -> None:
    orders = store_of(database_url, make_shop)
    ids = [placed(orders, n) for n in range(ORDERS)]
    unpaid = placed(orders, 99)
    with ThreadPoolExecutor(max_workers=6) as pool:
        moved = list(pool.map(lambda i: orders.move(i, OrderStatus.PAID), ids))
    assert all(m.applied for m in moved)
    numbers = sorted(str(number_of(orders, i)) for i in ids)
    year = this_year()
    assert numbers == [invoice_number(year, n) for n in range(1, ORDERS + 1)]
    assert number_of(orders, unpaid) is None  # only a paid order has one
    record = orders.get(ids[0])
    assert record is not None
    assert record.invoiced_at == record.paid_at


def test_an_invoice_is_dated_the_shops_day_it_was_paid_on(
    database_url: str, make_shop: Callable[..., Shop]
) -> None:
    zone = ZoneInfo("Pacific/Kiritimati")  # UTC+14: its day is not UTC's most of the time
    shop = make_shop(database_url, timezone="Pacific/Kiritimati")
    shop.run(save_drafts, [draft(1, stock=100)], categories=[CHAIRS])
    assert shop.commerce is not None
    assert isinstance(shop.commerce.orders, SqlOrderStore)
    orders = shop.commerce.orders
    order_id = placed(orders, 1)
    assert orders.move(order_id, OrderStatus.PAID).applied
    record = orders.get(order_id)
    assert record is not None
    assert record.invoiced_at is not None
    assert record.invoice_date == record.invoiced_at.astimezone(zone).date()
    assert str(record.invoice_number).startswith(f"F{record.invoice_date.year}-")


def test_an_order_settled_twice_or_racing_itself_gets_one_number(
    database_url: str, make_shop: Callable[..., Shop]
) -> None:
    orders = store_of(database_url, make_shop)
    first, second = placed(orders, 1), placed(orders, 2)
    assert orders.move(first, OrderStatus.PAID).applied  # the success page
    webhook = orders.move(first, OrderStatus.PAID, event_id="evt_1", event_type="x")
    assert not webhook.applied  # the webhook after it changes nothing
    assert number_of(orders, first) == invoice_number(this_year(), 1)
    with ThreadPoolExecutor(max_workers=4) as pool:  # page and webhooks racing
        moved = list(
            pool.map(
                lambda e: orders.move(second, OrderStatus.PAID, event_id=e, event_type="x"),
                ["evt_a", "evt_b", "evt_c", "evt_d"],
            )
        )
    assert sum(m.applied for m in moved) == 1
    assert number_of(orders, second) == invoice_number(this_year(), 2)
    third = placed(orders, 3)  # the next one follows on: nothing was burnt by the repeats
    assert orders.move(third, OrderStatus.PAID).applied
    assert number_of(orders, third) == invoice_number(this_year(), 3)


def test_migration_0032_adds_the_counter_and_columns_to_a_shop_at_0031_and_may_run_again(
    database_url: str,
) -> None:
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    command.downgrade(config, "0031")
    engine = sa.create_engine(url)
    assert not sa.inspect(engine).has_table("invoice_counter")
    columns = {c["name"] for c in sa.inspect(engine).get_columns("sales_order")}
    assert "invoice_number" not in columns
    command.upgrade(config, "head")
    assert sa.inspect(engine).has_table("invoice_counter")
    with engine.begin() as connection:  # as a run stopped before its stamp leaves it
        connection.execute(sa.text("update alembic_version set version_num = '0031'"))
    command.upgrade(config, "head")
    command.check(config)
    engine.dispose()


def test_migration_0033_dates_the_invoices_issued_before_it_in_the_shops_zone(
    database_url: str, make_shop: Callable[..., Shop], monkeypatch: pytest.MonkeyPatch
) -> None:
    orders = store_of(database_url, make_shop)
    paid, unpaid = placed(orders, 1), placed(orders, 2)
    assert orders.move(paid, OrderStatus.PAID).applied
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    command.downgrade(config, "0032")
    engine = sa.create_engine(url)
    late_evening = datetime(2026, 6, 30, 22, 30, tzinfo=UTC)  # 1 July in Paris
    with engine.begin() as connection:
        connection.execute(
            sa.text("update sales_order set invoiced_at = :at where id = :id"),
            {"at": late_evening, "id": paid},
        )
    monkeypatch.setenv("BOUTIQUE_TIMEZONE", "Europe/Paris")
    command.upgrade(config, "head")
    with engine.begin() as connection:
        dated = dict(connection.execute(sa.text("select id, invoice_date from sales_order")).all())
        # As a run stopped before its stamp leaves it: the next one finishes, changing nothing.
        connection.execute(sa.text("update alembic_version set version_num = '0032'"))
    command.upgrade(config, "head")
    command.check(config)
    engine.dispose()
    as_date = {k: date.fromisoformat(v) if isinstance(v, str) else v for k, v in dated.items()}
    assert as_date == {paid: date(2026, 7, 1), unpaid: None}
    record = orders.get(paid)
    assert record is not None
    assert record.invoice_date == date(2026, 7, 1)
