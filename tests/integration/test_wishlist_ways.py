"""How a wishlist's products can be bought (services/cart/from_wishlist.py) on SQLite and
PostgreSQL: one statement for a whole list (SqlCatalogReader.skus_to_add), a product sold
in one variant added by its SKU, one with several chosen on its page, one no longer for sale
left out, and an admin's new variant heard through the cache at once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from sqlalchemy import event, text

from models.catalog import ProductStatus
from models.records import VariantRecord
from storefront.bootstrap import Shop
from storefront.services.cart.from_wishlist import add_kept, ways_to_buy
from storefront.services.catalog_writer import save_drafts
from storefront.services.product_edits import edit_product
from tests.unit.conftest import CHAIRS, draft

GUEST = "guest-token-hash"


def seed(shop: Shop) -> dict[int, int]:
    """50 chairs by number: every third in two colours, the others in one."""
    drafts = [
        draft(n, colours=("Red", "Navy Blue") if n % 3 == 0 else ("Oak",)) for n in range(1, 51)
    ]
    shop.run(save_drafts, drafts, categories=[CHAIRS])
    with shop.uow() as uow:
        keys = uow.catalog.product_keys()
    return {int(external_id[1:]): ids[0] for external_id, ids in keys.items()}


@contextmanager
def statements(shop: Shop) -> Iterator[list[str]]:
    """The statements the shop's engine sends inside the block."""
    engine = shop.engine
    assert engine is not None
    sent: list[str] = []

    def count(*args: Any) -> None:
        sent.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_a_wishlist_of_fifty_is_read_in_one_statement_with_its_ways_to_buy(
    database_url: str, make_shop: Callable[..., Shop]
) -> None:
    shop = make_shop(database_url)
    ids = seed(shop)
    cards = shop.catalog.cards(list(ids.values()))
    assert len(cards) == 50
    shop.run(edit_product, ids[1], lambda r: replace(r, status=ProductStatus.ARCHIVED))
    shop.run(edit_product, ids[2], lambda r: replace(r, status=ProductStatus.DRAFT))
    assert shop.engine is not None
    with shop.engine.begin() as connection:  # variants all gone (no form leaves none)
        connection.execute(text("delete from variant where product_id = :p"), {"p": ids[4]})
    shop.cache.clear()
    with statements(shop) as cold:
        ways = ways_to_buy(shop.catalog, cards)  # the cards as the list showed them
    assert len(cold) == 1
    assert "variant" in cold[0].lower()
    assert ways == {
        ids[n]: "" if n % 3 == 0 else f"SKU-{n}-0" for n in range(1, 51) if n not in (1, 2, 4)
    }
    with statements(shop) as warm:
        assert ways_to_buy(shop.catalog, cards) == ways
    assert warm == []


def test_a_variant_added_by_the_admin_turns_add_to_cart_into_choose_options(
    database_url: str, make_shop: Callable[..., Shop]
) -> None:
    shop = make_shop(database_url)
    ids = seed(shop)
    assert shop.carts is not None
    cards = shop.catalog.cards([ids[5], ids[6]])
    assert ways_to_buy(shop.catalog, cards) == {ids[5]: "SKU-5-0", ids[6]: ""}  # now cached
    assert add_kept(shop.carts, shop.catalog, GUEST, None, ids[5]).outcome == "added"
    blue = VariantRecord(sku="SKU-5-BLUE", price_minor=12_000, stock=3, options={"colour": "Blue"})
    shop.run(edit_product, ids[5], lambda r: replace(r, variants=(*r.variants, blue)))
    assert ways_to_buy(shop.catalog, cards) == {ids[5]: "", ids[6]: ""}
    assert add_kept(shop.carts, shop.catalog, GUEST, None, ids[5]).outcome == "choose"
    assert [(line.sku, line.quantity) for line in shop.carts.view(GUEST, None).lines] == [
        ("SKU-5-0", 1)
    ]
    # Down to one variant: Add to cart, as the product page would add it.
    shop.run(edit_product, ids[6], lambda r: replace(r, variants=r.variants[1:]))
    assert ways_to_buy(shop.catalog, cards) == {ids[5]: "", ids[6]: "SKU-6-1"}
    assert add_kept(shop.carts, shop.catalog, GUEST, None, ids[6]).outcome == "added"
