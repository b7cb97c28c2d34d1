"""Reviews following the orders they rest on and the page they are read from, on real SQLite and
PostgreSQL with the bus on a real Redis: "Verified purchase" leaves a review when its writer's
order is refunded in full (or canceled) and comes back with a new paid one; a review event
naming a product the tab does not show (a draft's id) reads and writes nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import reflex as rx
import sqlalchemy as sa
from reflex.istate.data import RouterData
from sqlmodel import Session

from models.orders import OrderLine, OrderStatus, SalesOrder
from state.live_updates import forget, watching
from state.product import ProductState
from state.reviews import ReviewsState
from storefront.adapters.sql_reviews import SqlReviewStore
from storefront.bootstrap import Shop, set_shop
from storefront.services.errors import Refusal
from storefront.services.reviews import BUYER_STATUSES
from storefront.subscriptions import REVIEW_MARKS
from tests.integration.admin_fixtures import admin_of
from tests.integration.bus_fixtures import stream_key
from tests.integration.catalog_fixtures import bus_shop, seed_small_catalog
from tests.integration.test_bus import consumer, relay
from tests.integration.test_combined_ratings import _STAFF, moderator
from tests.integration.test_reviews import GOOD, NOW, PRODUCT, buyer, reviews_of

DRAFT = 12


def review_shop(
    database_url: str, redis_server: str, prefix: str, make_shop: Callable[..., Shop]
) -> Iterator[Shop]:
    """A shop with the small catalog, its bus on a stream of its own and its cache on keys of
    the test's own (`prefix`), that is also the process's shop (as Reflex states find it)."""
    with stream_key(redis_server) as key:
        # Limits off: the per-account count of review writes lives in the shared Redis, and
        # account ids (and the tests' fixed clock) come again in every run.
        shop = bus_shop(
            make_shop, database_url, redis_server, prefix, bus_stream=key, limits_factor=0
        )
        _STAFF.pop(id(shop), None)  # an id may come again after a shop is gone
        seed_small_catalog(shop)
        set_shop(shop)
        try:
            yield shop
        finally:
            set_shop(None)
            forget(watching())


@pytest.fixture
def shop(
    database_url: str, redis_server: str, prefix: str, make_shop: Callable[..., Shop]
) -> Iterator[Shop]:
    yield from review_shop(database_url, redis_server, prefix, make_shop)


def follow(shop: Shop, *groups: str) -> None:
    """Relay the outbox and let these consumer groups handle what came."""
    relay(shop)
    for group in groups:
        handler = consumer(shop, group)
        while handler.run_once(block_ms=0):
            pass


def sql(shop: Shop, statement: str, **params: object) -> Any:
    assert shop.engine is not None
    with shop.engine.begin() as connection:
        return connection.execute(sa.text(statement), params)


def order_of(shop: Shop, account_id: int) -> int:
    return int(sql(shop, "select id from sales_order where account_id = :a", a=account_id).scalar())


def published(shop: Shop, account_id: int) -> int:
    """Write the account's review of PRODUCT and publish it; its id."""
    reviews_of(shop).write(account_id, PRODUCT, GOOD, "en", NOW)
    staff = moderator(shop)
    queued = [q for q in admin_of(shop).reviews.queue(staff) if q.status == "pending"]
    [review] = queued
    admin_of(shop).reviews.moderate(staff, review.review_id, "publish", NOW)
    return review.review_id


def marks(shop: Shop) -> dict[str, bool]:
    """PRODUCT's published reviews as the page shows them: reviewer -> verified."""
    return {r.reviewer: r.verified for r in reviews_of(shop).page(PRODUCT).reviews}


def test_a_review_is_verified_only_while_its_writer_holds_a_paid_order_of_the_product(
    shop: Shop,
) -> None:
    ann = buyer(shop, "ann@example.com", "Ann Smith")
    bea = buyer(shop, "bea@example.com", "Bea Jones")
    published(shop, ann)
    published(shop, bea)
    follow(shop, REVIEW_MARKS)
    assert marks(shop) == {"Ann S.": True, "Bea J.": True}  # now cached
    assert shop.commerce is not None
    orders = shop.commerce.orders
    # Ann's order refunded in full, Bea's in part: the event, in the refund's transaction,
    # drops the cached reviews; only Ann's loses the mark.
    assert orders.move(order_of(shop, ann), OrderStatus.REFUNDED, refunded_minor=5_000).applied
    assert orders.move(order_of(shop, bea), OrderStatus.PARTIALLY_REFUNDED, refunded_minor=100)
    assert marks(shop) == {"Ann S.": True, "Bea J.": True}  # not relayed yet
    follow(shop, REVIEW_MARKS)
    assert marks(shop) == {"Ann S.": False, "Bea J.": True}
    # The review stays published and counted: only the mark follows the orders.
    assert reviews_of(shop).tally(PRODUCT).count == 2
    # Ann buys it again: the new payment brings the mark back.
    with Session(shop.engine) as session:
        again = SalesOrder(reference="R-again", status=OrderStatus.PENDING, currency="EUR",
                           total_minor=5_000, account_id=ann, email="ann@example.com")  # fmt: skip
        session.add(again)
        session.flush()
        assert again.id is not None
        session.add(OrderLine(order_id=again.id, product_id=PRODUCT, unit_price_minor=5_000))
        session.commit()
        again_id = again.id
    assert orders.move(again_id, OrderStatus.PAID).applied
    follow(shop, REVIEW_MARKS)
    assert marks(shop) == {"Ann S.": True, "Bea J.": True}


def test_a_canceled_order_does_not_make_a_verified_purchase(shop: Shop) -> None:
    """A shopper's cancel refunds the order in full, then marks it canceled: neither counts."""
    ann = buyer(shop, "ann@example.com", "Ann Smith")
    published(shop, ann)
    assert shop.engine is not None
    store = SqlReviewStore(shop.engine)
    [shown] = store.published(PRODUCT, 5, 0, BUYER_STATUSES)
    assert shown.verified
    for status in ("refunded", "canceled"):
        sql(shop, "update sales_order set status = :s where account_id = :a", s=status, a=ann)
        [shown] = store.published(PRODUCT, 5, 0, BUYER_STATUSES)
        assert not shown.verified
    assert store.reviewed_in_orders([order_of(shop, ann)]) == [PRODUCT]
    assert store.reviewed_in_orders([]) == []


def tab_at(path: str, token: str) -> Any:
    root = rx.State(_reflex_internal_init=True)
    root.router = RouterData.from_router_data(
        {"pathname": path, "asPath": path, "query": {}, "token": token, "headers": {}}
    )
    return root


async def open_product_page(shop: Shop, token: str) -> tuple[Any, Any, Any]:
    """A tab with PRODUCT's page loaded (and its reviews, as the page's load chains them)."""
    [card] = shop.catalog.cards([PRODUCT])
    root = tab_at(f"/product/{card.slug}", token)
    page: Any = await root.get_state(ProductState)
    await page.load()
    reviews: Any = await root.get_state(ReviewsState)
    await reviews.load(PRODUCT)
    return root, page, reviews


async def test_a_review_event_naming_a_product_the_tab_does_not_show_reads_nothing(
    shop: Shop,
) -> None:
    """The page's load chains the reviews' load with the product's id; a crafted event may
    name another, a draft's: nothing of it is read, nothing written."""
    ann = buyer(shop, "ann@example.com", "Ann Smith")
    sql(shop, "update product set status = 'draft' where id = :id", id=DRAFT)
    sql(shop, "update order_line set product_id = :d where product_id = :p", d=DRAFT, p=PRODUCT)
    _, _, reviews = await open_product_page(shop, "tab-1")
    await reviews.load(DRAFT)
    assert (reviews.product_id, reviews.reviews, reviews.eligibility) == (0, [], "sign_in")
    await reviews.save({"rating": "5", "title": "", "body": "A draft I was never sold."})
    assert reviews.error["en"] == "This product is not on sale: it cannot be reviewed."
    # And the service refuses it too, whoever calls it.
    with pytest.raises(Refusal) as refused:
        reviews_of(shop).write(ann, DRAFT, GOOD, "en", NOW)
    assert refused.value.code == "review.error.not_on_sale"
    assert sql(shop, "select count(*) from product_review").scalar() == 0
