"""An order paid after its stock hold lapsed and the stock sold out (`stock_short`), on the
real SqlOrderStore and SqlInventory, SQLite and PostgreSQL: it ships only once a restock
brings its missing units, which are then taken from stock exactly once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from models.orders import OrderStatus as S
from storefront.adapters.mailer import OutboxMailer
from storefront.adapters.sql_admin_orders import SqlAdminOrders
from storefront.adapters.sql_order_store import SqlOrderStore
from storefront.adapters.sql_stock_admin import SqlStockAdmin
from storefront.bootstrap import Shop
from storefront.services.admin.catalog_ports import StockEntry
from storefront.services.admin.orders import AdminOrders
from storefront.services.catalog_writer import save_drafts
from storefront.services.checkout.pricing import Totals
from storefront.services.errors import Refusal
from storefront.services.inventory import HOLD_MINUTES, Inventory
from storefront.services.orders.ports import Address, NewOrder, OrderItem
from tests.unit.conftest import CHAIRS, draft

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
LAPSED = NOW + timedelta(minutes=HOLD_MINUTES + 1)
# The slow shopper's order: two of chair 1 and one of chair 2, all the shop had.
BASKET = (("SKU-1-0", 2), ("SKU-2-0", 1))


@dataclass
class Shelf:
    shop: Shop
    orders: SqlOrderStore
    inventory: Inventory

    def order(self, n: int, lines: Sequence[tuple[str, int]]) -> int:
        """An unpaid order holding its stock, as checkout leaves it."""
        items = tuple(
            OrderItem(int(sku.split("-")[1]), sku, f"Chair {sku}", quantity, 2_000)
            for sku, quantity in lines
        )
        subtotal = sum(item.total_minor for item in items)
        order_id = self.orders.create(
            NewOrder(
                reference=f"REF{n:07d}", access_key=f"key-{n}", account_id=None, cart_id=None,
                email=f"shopper{n}@example.com", locale="en",
                address=Address("Camille Martin", "12 rue des Lilas", "", "75011", "Paris", "FR"),
                shipping_method="standard", discount_code=None,
                amounts=Totals(subtotal, 0, 500, subtotal + 500, 2_000, 0, "EUR"), lines=items,
            )
        )  # fmt: skip
        assert self.inventory.reserve(f"order:{order_id}", list(lines), NOW)
        return order_id

    def restock(self, sku: str, units: int) -> None:
        """Goods received, entered by the merchant through the real stock adapter."""
        assert self.shop.engine is not None
        entry = StockEntry("received", "", None, NOW)
        moved = SqlStockAdmin(self.shop.engine).adjust(sku, units, entry)
        assert not isinstance(moved, str), moved

    def rows(self, sql: str) -> list[tuple[object, ...]]:
        assert self.shop.engine is not None
        with self.shop.engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql))]

    def stock(self) -> dict[str, tuple[object, object]]:
        """Each SKU's stock for sale and its product's roll-up of it."""
        found = self.rows(
            "select v.sku, v.stock, p.stock from variant v join product p on p.id = v.product_id"
        )
        return {str(sku): (variant, product) for sku, variant, product in found}

    def short(self, order_id: int) -> bool:
        record = self.orders.get(order_id)
        assert record is not None
        return record.stock_short

    def reservations(self, order_id: int) -> list[tuple[object, ...]]:
        return self.rows(
            "select sku, quantity, status from stock_reservation"
            f" where holder = 'order:{order_id}' order by sku"
        )


@pytest.fixture
def shelf(database_url: str, make_shop: Callable[..., Shop]) -> Shelf:
    shop = make_shop(database_url)
    shop.run(save_drafts, [draft(1, stock=2), draft(2, stock=1)], categories=[CHAIRS])
    assert shop.commerce is not None
    assert shop.inventory is not None
    orders = shop.commerce.orders
    assert isinstance(orders, SqlOrderStore)
    return Shelf(shop, orders, shop.inventory)


def paid_short(shelf: Shelf) -> int:
    """The slow shopper's hold lapses, a fast one buys everything, then the slow one's
    payment goes through (3-D Secure finished late): paid, short of all its stock."""
    slow = shelf.order(1, BASKET)
    # Lost (an expired hold stays while its order may be paid: only a fault loses it).
    shelf.inventory.release(f"order:{slow}", LAPSED)
    fast = shelf.order(2, BASKET)
    assert shelf.orders.move(fast, S.PAID).applied
    moved = shelf.orders.move(slow, S.PAID)
    assert (moved.applied, moved.stock_lost) == (True, True)
    assert shelf.short(slow)
    assert shelf.stock() == {"SKU-1-0": (0, 0), "SKU-2-0": (0, 0)}
    return slow


def test_missing_stock_is_taken_line_by_line_as_it_comes_and_the_flag_clears_once_whole(
    shelf: Shelf,
) -> None:
    slow = paid_short(shelf)
    assert not shelf.orders.take_missing_stock(slow)  # nothing back yet: nothing taken
    assert shelf.stock() == {"SKU-1-0": (0, 0), "SKU-2-0": (0, 0)}

    shelf.restock("SKU-2-0", 1)  # one line can be had now: it is taken, the order still waits
    assert not shelf.orders.take_missing_stock(slow)
    assert shelf.stock() == {"SKU-1-0": (0, 0), "SKU-2-0": (0, 0)}
    assert shelf.short(slow)
    assert shelf.reservations(slow) == [("SKU-1-0", 2, "released"), ("SKU-2-0", 1, "committed")]

    shelf.restock("SKU-1-0", 1)  # one unit of a line of two: the line is not split
    assert not shelf.orders.take_missing_stock(slow)
    assert shelf.stock() == {"SKU-1-0": (1, 1), "SKU-2-0": (0, 0)}
    assert shelf.short(slow)

    shelf.restock("SKU-1-0", 1)
    assert shelf.orders.take_missing_stock(slow)
    assert shelf.stock() == {"SKU-1-0": (0, 0), "SKU-2-0": (0, 0)}
    assert not shelf.short(slow)
    assert shelf.reservations(slow) == [("SKU-1-0", 2, "committed"), ("SKU-2-0", 1, "committed")]

    shelf.restock("SKU-1-0", 5)  # asked again (a second click on Ship): nothing taken twice
    assert shelf.orders.take_missing_stock(slow)
    assert shelf.stock() == {"SKU-1-0": (5, 5), "SKU-2-0": (0, 0)}
    assert not shelf.short(slow)


def test_an_order_paid_short_of_stock_ships_only_after_the_restock_and_takes_it_once(
    shelf: Shelf,
) -> None:
    """The unit test of AdminOrders.fulfil fakes take_missing_stock with a flag; here the
    merchant's Ship button runs on the real store."""
    assert shelf.shop.engine is not None
    admin = AdminOrders(
        SqlAdminOrders(shelf.shop.engine),
        shelf.orders,
        shelf.inventory,
        OutboxMailer(shelf.shop.engine),
        public_url="https://shop.example",
    )
    slow = paid_short(shelf)
    shelf.restock("SKU-1-0", 2)  # chair 2 has not come back
    with pytest.raises(Refusal) as refused:
        admin.fulfil(slow, "colissimo", "6a12345678901", NOW)
    assert refused.value.code == "admin.order.error.stock_short"
    assert shelf.rows(f"select status, fulfilled_at from sales_order where id = {slow}") == [
        (S.PAID.value, None)
    ]
    assert shelf.rows("select count(*) from mail_outbox where subject like '%on its way'") == [(0,)]
    # What was there is taken all the same: it cannot be sold to someone else meanwhile.
    assert shelf.stock() == {"SKU-1-0": (0, 0), "SKU-2-0": (0, 0)}

    shelf.restock("SKU-2-0", 3)
    shipped = admin.fulfil(slow, "colissimo", "6a12345678901", NOW)
    assert (shipped.status, shipped.stock_short) == (S.FULFILLED, False)
    assert shelf.stock() == {"SKU-1-0": (0, 0), "SKU-2-0": (2, 2)}
    assert shelf.rows("select count(*) from mail_outbox where subject like '%on its way'") == [(1,)]
