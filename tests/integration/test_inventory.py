"""Stock can never be oversold, however many checkouts race for it (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from storefront.bootstrap import Shop
from storefront.services.catalog_writer import save_drafts
from storefront.services.inventory import HOLD_MINUTES, HoldLost, Inventory
from storefront.services.ports import UnitOfWork
from tests.unit.conftest import CHAIRS, draft

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop]) -> Shop:
    shop = make_shop(database_url)
    drafts = [draft(1, stock=10, colours=("Oak",)), draft(2, stock=3, colours=("Oak",))]
    shop.run(save_drafts, drafts, categories=[CHAIRS])
    return shop


def inventory_of(shop: Shop) -> Inventory:
    assert shop.inventory is not None
    return shop.inventory


def stock(shop: Shop, sku: str) -> tuple[int, int]:
    """(variant stock, product roll-up stock)."""
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        row = connection.execute(
            text(
                "select v.stock, p.stock from variant v join product p on p.id = v.product_id "
                "where v.sku = :sku"
            ),
            {"sku": sku},
        ).one()
    return int(row[0]), int(row[1])


def test_two_hundred_concurrent_checkouts_for_ten_items_get_exactly_ten(shop: Shop) -> None:
    inventory = inventory_of(shop)

    def checkout(n: int) -> bool:
        return inventory.reserve(f"checkout-{n}", [("SKU-1-0", 1)], NOW)

    with ThreadPoolExecutor(max_workers=32) as pool:
        results = list(pool.map(checkout, range(200)))
    assert results.count(True) == 10
    assert stock(shop, "SKU-1-0") == (0, 0)


def test_a_basket_is_held_whole_or_not_at_all(shop: Shop) -> None:
    inventory = inventory_of(shop)
    assert not inventory.reserve("c1", [("SKU-1-0", 2), ("SKU-2-0", 4)], NOW)  # only 3 of P2
    assert stock(shop, "SKU-1-0") == (10, 10)
    assert stock(shop, "SKU-2-0") == (3, 3)
    assert inventory.reserve("c2", [("SKU-1-0", 2), ("SKU-2-0", 1), ("SKU-2-0", 2)], NOW)
    assert stock(shop, "SKU-2-0") == (0, 0)


def test_expired_holds_come_back_once_and_committed_ones_never(shop: Shop) -> None:
    inventory = inventory_of(shop)
    assert inventory.reserve("paid", [("SKU-1-0", 3)], NOW)
    assert inventory.reserve("abandoned", [("SKU-1-0", 4)], NOW)
    assert inventory.commit("paid") == 1
    assert inventory.commit("paid") == 0  # a repeated webhook changes nothing
    later = NOW + timedelta(minutes=HOLD_MINUTES + 1)
    assert inventory.release_expired(NOW) == 0  # not yet expired
    with ThreadPoolExecutor(max_workers=4) as pool:  # several workers sweeping at once
        list(pool.map(lambda _: inventory.release_expired(later), range(4)))
    assert stock(shop, "SKU-1-0") == (7, 7)
    inventory.release("abandoned", later)  # already released: nothing more comes back
    assert stock(shop, "SKU-1-0") == (7, 7)


def test_a_reservation_makes_the_cached_product_page_show_the_new_stock(shop: Shop) -> None:
    page = shop.catalog.product("chair-number-1")
    assert page is not None
    assert page.product.stock == 10
    assert inventory_of(shop).reserve("c", [("SKU-1-0", 10)], NOW)
    after = shop.catalog.product("chair-number-1")
    assert after is not None
    assert after.product.stock == 0


def test_a_repeated_submit_holds_the_stock_once(shop: Shop) -> None:
    inventory = inventory_of(shop)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(
            pool.map(lambda _: inventory.reserve("same", [("SKU-1-0", 3)], NOW), range(4))
        )
    assert all(results)
    assert stock(shop, "SKU-1-0") == (7, 7)


def test_a_payment_after_the_hold_expired_takes_the_stock_again_or_is_flagged(
    shop: Shop,
) -> None:
    inventory = inventory_of(shop)
    later = NOW + timedelta(minutes=HOLD_MINUTES + 1)
    assert inventory.reserve("slow", [("SKU-1-0", 2)], NOW)
    inventory.release_expired(later)
    assert inventory.commit("slow") == 1  # still in stock: taken again
    assert stock(shop, "SKU-1-0") == (8, 8)
    assert inventory.reserve("slower", [("SKU-2-0", 2)], NOW)
    inventory.release_expired(later)
    assert inventory.reserve("other", [("SKU-2-0", 3)], later)  # sold out meanwhile
    with pytest.raises(HoldLost):
        inventory.commit("slower")
    assert stock(shop, "SKU-2-0") == (0, 0)  # never below zero


def test_holding_again_keeps_the_stock_for_a_full_hold_from_then(shop: Shop) -> None:
    """The payment step renews the hold: a shopper paying in its last minute keeps the stock
    through 3-D Secure."""
    inventory = inventory_of(shop)
    assert inventory.reserve("paying", [("SKU-2-0", 2)], NOW)
    renewed = NOW + timedelta(minutes=HOLD_MINUTES - 1)
    assert inventory.reserve("paying", [("SKU-2-0", 2)], renewed)
    assert stock(shop, "SKU-2-0") == (1, 1)  # taken once
    inventory.release_expired(NOW + timedelta(minutes=HOLD_MINUTES + 1))
    assert stock(shop, "SKU-2-0") == (1, 1)  # still held
    inventory.release_expired(renewed + timedelta(minutes=HOLD_MINUTES + 1))
    assert stock(shop, "SKU-2-0") == (3, 3)


def test_a_late_payment_takes_the_lines_still_there_and_the_rest_after_a_restock(
    shop: Shop,
) -> None:
    inventory = inventory_of(shop)
    later = NOW + timedelta(minutes=HOLD_MINUTES + 1)
    assert inventory.reserve("slow", [("SKU-1-0", 2), ("SKU-2-0", 2)], NOW)
    inventory.release_expired(later)
    assert inventory.reserve("other", [("SKU-2-0", 3)], later)  # sold out meanwhile
    with pytest.raises(HoldLost):
        inventory.commit("slow")
    assert stock(shop, "SKU-1-0") == (8, 8)  # the line still in stock is taken
    assert stock(shop, "SKU-2-0") == (0, 0)
    with pytest.raises(HoldLost):
        inventory.commit("slow")  # nothing more to take, nothing taken twice
    assert stock(shop, "SKU-1-0") == (8, 8)
    assert shop.engine is not None
    with shop.engine.begin() as connection:  # restocked
        connection.execute(text("update variant set stock = 5 where sku = 'SKU-2-0'"))
        connection.execute(
            text(
                "update product set stock = 5 where id = (select product_id from variant "
                "where sku = 'SKU-2-0')"
            )
        )
    assert inventory.commit("slow") == 1
    assert stock(shop, "SKU-2-0") == (3, 3)
    assert stock(shop, "SKU-1-0") == (8, 8)


def test_a_released_line_is_taken_once_however_many_take_it_at_once(shop: Shop) -> None:
    """Two staff shipping a short order at the same moment: its stock goes once."""
    inventory = inventory_of(shop)
    assert inventory.reserve("slow", [("SKU-1-0", 2)], NOW)
    inventory.release_expired(NOW + timedelta(minutes=HOLD_MINUTES + 1))

    def commit(_: int) -> int:
        return inventory.commit("slow")

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(commit, range(8)))
    assert sorted(results) == [0] * 7 + [1]
    assert stock(shop, "SKU-1-0") == (8, 8)


def test_saving_a_product_again_keeps_the_stock_its_sales_left(shop: Shop) -> None:
    """An import of a file exported before some sales (or any save) must not undo them:
    variants the product has keep their stock; a new one takes the file's."""
    inventory = inventory_of(shop)
    assert inventory.reserve("sold", [("SKU-1-0", 4)], NOW)
    assert inventory.commit("sold") == 1
    assert inventory.reserve("held", [("SKU-1-0", 1)], NOW)  # a checkout under way
    exported_before = draft(1, stock=10, colours=("Oak", "Walnut"))
    shop.run(save_drafts, [exported_before], categories=[CHAIRS])
    assert stock(shop, "SKU-1-0") == (5, 15)  # 10 - 4 sold - 1 held; the product adds 10
    assert stock(shop, "SKU-1-1") == (10, 15)
    inventory.release("held", NOW)
    assert stock(shop, "SKU-1-0") == (6, 16)


def _held(uow: UnitOfWork) -> set[str]:
    with uow:
        return uow.catalog.held_skus(["SKU-1-0", "SKU-2-0", "SKU-9-9"])


def test_the_skus_a_checkout_holds_are_told_until_paid_or_released(shop: Shop) -> None:
    """What the product form asks before deleting a variant (services/admin/product_writes)."""
    inventory = inventory_of(shop)
    assert shop.run(_held) == set()
    assert inventory.reserve("paid", [("SKU-1-0", 1)], NOW)
    assert inventory.reserve("abandoned", [("SKU-2-0", 1)], NOW)
    assert shop.run(_held) == {"SKU-1-0", "SKU-2-0"}
    assert inventory.commit("paid") == 1
    inventory.release("abandoned", NOW)
    assert shop.run(_held) == set()
