"""Helpers for the bus tests: unique stream keys on the test Redis, outbox reads, events
written the way the adapters write them."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import redis
from sqlalchemy import text

from models.events import Event, OrderPaid
from models.orders import OrderStatus
from models.types import utc_now
from storefront.adapters.sql_outbox import write_events
from storefront.bootstrap import Shop
from storefront.services.bus.codec import decode
from storefront.services.checkout.pricing import Totals
from storefront.services.orders.ports import Address, NewOrder, OrderItem


@contextmanager
def stream_key(redis_url: str) -> Iterator[str]:
    """A stream of this test's own, deleted afterwards with its dead-letter streams."""
    key = f"test:events:{uuid.uuid4().hex[:10]}"
    yield key
    client = redis.Redis.from_url(redis_url)
    for name in client.scan_iter(match=f"{key}*"):
        client.delete(name)


def outbox_events(shop: Shop) -> list[Event]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        rows = connection.execute(
            text("select event_type, payload from outbox_message order by id")
        ).all()
    return [decode(event_type, payload) for event_type, payload in rows]


def paid(order_id: int, product_id: int = 1, units: int = 1, price: int = 100) -> OrderPaid:
    return OrderPaid(
        order_id,
        f"BQ-{order_id}",
        "EUR",
        units * price,
        ((product_id, units, units * price),),
        "2026-11-30",
    )


def commit_events(shop: Shop, events: list[Event]) -> None:
    """Commit events as the order store does, in batches of 500."""
    assert shop.engine is not None
    for start in range(0, len(events), 500):
        with shop.engine.begin() as connection:
            write_events(connection, events[start : start + 500])


def sales_totals(shop: Shop) -> tuple[int, int, int]:
    """(orders, units, revenue) over all days and products."""
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        row = connection.execute(
            text(
                "select coalesce(sum(orders), 0), coalesce(sum(units), 0), "
                "coalesce(sum(revenue_minor), 0) from product_sales_day"
            )
        ).one()
    return int(row[0]), int(row[1]), int(row[2])


def pay_order(shop: Shop, number: int, sku: str, price_minor: int) -> None:
    """Place and pay a one-line order through the real order store (stock held, then
    committed with the order's move to paid, its events in that transaction)."""
    assert shop.commerce is not None
    assert shop.inventory is not None
    orders = shop.commerce.orders
    product_id = int(sku.split("-")[1])  # the test catalog's SKU-<product>-<variant>
    order_id = orders.create(
        NewOrder(
            reference=f"BQ-T{number}",
            access_key=f"key-{number}",
            account_id=None,
            cart_id=None,
            email=f"shopper{number}@example.com",
            locale="en",
            address=Address("Camille Martin", "12 rue des Lilas", "", "75011", "Paris", "FR"),
            shipping_method="standard",
            discount_code=None,
            amounts=Totals(price_minor, 0, 0, price_minor, 2_000, price_minor // 6, "EUR"),
            lines=(OrderItem(product_id, sku, "Chair", 1, price_minor),),
        )
    )
    assert shop.inventory.reserve(f"order:{order_id}", [(sku, 1)], utc_now())
    assert orders.move(order_id, OrderStatus.PAID).applied
