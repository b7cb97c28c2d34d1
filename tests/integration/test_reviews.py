"""Shopper reviews on real SQLite and PostgreSQL: only a buyer writes one, one per product,
the admin publishes it with its audit entry, the product's reads (through a shared Redis cache
between two shops, as two web processes) change in both; the data download holds it and
closing the account deletes it; migration 0029 on a shop at 0028."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from alembic import command
from sqlmodel import Session

from models.orders import OrderLine, OrderStatus, SalesOrder
from storefront.adapters.migrations import alembic_config
from storefront.adapters.sql_reviews import SqlReviewStore
from storefront.bootstrap import Shop
from storefront.services.accounts.personal_data import personal_data
from storefront.services.admin.access import Permission
from storefront.services.admin.audit import AuditRecord
from storefront.services.errors import Refusal
from storefront.services.reviews import Eligibility, Reviews, ReviewTally
from tests.integration.admin_fixtures import PASSWORD, admin_of, staff_of, team_sessions
from tests.integration.catalog_fixtures import redis_worker, seed_small_catalog

NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
PRODUCT = 10
GOOD = (4, "Solid", "Sturdy and comfortable, worth it.")


def reviews_of(shop: Shop) -> Reviews:
    assert shop.reviews is not None
    return shop.reviews


def buyer(shop: Shop, email: str, name: str, status: OrderStatus = OrderStatus.PAID) -> int:
    """A shopper with an order of `status` holding PRODUCT."""
    assert shop.accounts is not None
    account = shop.accounts.sign_up(email, PASSWORD, name, NOW).account_id
    with Session(shop.engine) as session:
        order = SalesOrder(reference=f"R-{account}", status=status, currency="EUR",
                           total_minor=5_000, account_id=account, email=email)  # fmt: skip
        session.add(order)
        session.flush()
        assert order.id is not None
        session.add(OrderLine(order_id=order.id, product_id=PRODUCT, unit_price_minor=5_000))
        session.commit()
    return account


def test_a_buyer_writes_the_admin_publishes_and_every_process_sees_it(
    database_url: str, redis_server: str, prefix: str, make_shop: Callable[..., Shop]
) -> None:
    one = redis_worker(make_shop, database_url, redis_server, prefix)
    two = redis_worker(make_shop, database_url, redis_server, prefix)
    seed_small_catalog(one)
    ann = buyer(one, "ann@example.com", "Ann Smith")
    refunded = buyer(one, "ref@example.com", "Rex Fund", OrderStatus.REFUNDED)
    assert reviews_of(one).eligibility(refunded, PRODUCT) is Eligibility.BUYERS_ONLY
    with pytest.raises(Refusal):
        reviews_of(one).write(refunded, PRODUCT, GOOD, "en", NOW)
    assert reviews_of(two).tally(PRODUCT) == ReviewTally(0, 0)  # cached in process two
    reviews_of(one).write(ann, PRODUCT, (5, "", "Too good to be true."), "en", NOW)
    reviews_of(one).write(ann, PRODUCT, GOOD, "fr", NOW + timedelta(minutes=1))  # an edit
    staff = staff_of(one, team_sessions(one).staff, Permission.REVIEWS)
    [queued] = admin_of(one).reviews.queue(staff)
    assert (queued.reviewer_email, queued.rating, queued.status) == (
        "ann@example.com",
        4,
        "pending",
    )
    admin_of(one).reviews.moderate(staff, queued.review_id, "publish", NOW)
    assert reviews_of(two).tally(PRODUCT) == ReviewTally(1, 4)
    [shown] = reviews_of(two).page(PRODUCT).reviews
    assert (shown.reviewer, shown.title, shown.body) == ("Ann S.", "Solid", GOOD[2])
    assert shown.published_at == NOW
    admin_of(two).reviews.moderate(staff, queued.review_id, "hide", NOW)
    assert reviews_of(one).page(PRODUCT).reviews == ()
    assert one.engine is not None
    with one.engine.connect() as connection:
        logged = connection.execute(
            sa.text(
                "select action, subject, after from admin_audit where subject like 'review:%'"
                " order by id"
            )
        ).all()
    assert [row[:2] for row in logged] == [
        ("review.publish", f"review:{queued.review_id}"),
        ("review.hide", f"review:{queued.review_id}"),
    ]
    assert json.loads(logged[0][2]) == {"status": "published", "product_id": PRODUCT}


def test_a_review_edited_after_the_moderator_read_it_is_not_published_unseen(
    database_url: str, make_shop: Callable[..., Shop]
) -> None:
    shop = make_shop(database_url)
    seed_small_catalog(shop)
    ann = buyer(shop, "ann@example.com", "Ann Smith")
    reviews_of(shop).write(ann, PRODUCT, GOOD, "en", NOW)
    staff = staff_of(shop, team_sessions(shop).staff, Permission.REVIEWS)
    [seen] = admin_of(shop).reviews.queue(staff)
    edited = (1, "Spam", "Buy cheap watches at example.com")
    reviews_of(shop).write(ann, PRODUCT, edited, "en", NOW + timedelta(minutes=1))
    with pytest.raises(Refusal) as refused:
        admin_of(shop).reviews.moderate(staff, seen.review_id, "publish", NOW, seen=seen.updated_at)
    assert refused.value.code == "admin.review.error.changed"
    assert reviews_of(shop).page(PRODUCT).reviews == ()
    # The store's own condition, for an edit landing between the service's read and write.
    store = SqlReviewStore(shop.engine) if shop.engine is not None else None
    assert store is not None
    entry = AuditRecord(None, "sam@example.com", "review.publish", "review:x", "{}", "{}")
    assert not store.set_status(seen.review_id, "published", ("pending", NOW), NOW, entry)
    [again] = admin_of(shop).reviews.queue(staff)
    assert (again.status, again.updated_at) == ("pending", NOW + timedelta(minutes=1))
    admin_of(shop).reviews.moderate(staff, again.review_id, "publish", NOW, seen=again.updated_at)
    assert [r.title for r in reviews_of(shop).page(PRODUCT).reviews] == ["Spam"]


def test_the_sql_store_keeps_one_review_per_shopper_and_orders_the_queue(
    database_url: str, make_shop: Callable[..., Shop]
) -> None:
    shop = make_shop(database_url)
    seed_small_catalog(shop)
    assert shop.engine is not None
    store = SqlReviewStore(shop.engine)
    ann, bea = buyer(shop, "ann@example.com", "Ann"), buyer(shop, "bea@example.com", "Bea Z")
    assert store.has_bought(ann, PRODUCT, ["paid"])
    assert not store.has_bought(ann, 20, ["paid"])
    assert not store.has_bought(ann, PRODUCT, ["fulfilled"])
    store.save(ann, PRODUCT, (3, "", "First words here."), "en", NOW)
    store.save(ann, PRODUCT, (2, "t", "Second words here."), "en", NOW + timedelta(hours=1))
    store.save(bea, PRODUCT, (5, "", "Bea's words here."), "en", NOW)
    queue = store.queue(10)
    assert [(q.reviewer_email, q.rating) for q in queue] == [
        ("bea@example.com", 5),  # pending, the older change first
        ("ann@example.com", 2),
    ]
    assert store.own(ann, PRODUCT) is not None
    assert store.delete(ann, PRODUCT)
    assert not store.delete(ann, PRODUCT)
    assert store.own(ann, PRODUCT) is None


def test_the_data_download_holds_the_reviews_and_closing_deletes_them(
    database_url: str, make_shop: Callable[..., Shop]
) -> None:
    shop = make_shop(database_url)
    seed_small_catalog(shop)
    ann = buyer(shop, "ann@example.com", "Ann")
    reviews_of(shop).write(ann, PRODUCT, GOOD, "en", NOW)
    staff = staff_of(shop, team_sessions(shop).staff, Permission.REVIEWS)
    [queued] = admin_of(shop).reviews.queue(staff)
    admin_of(shop).reviews.moderate(staff, queued.review_id, "publish", NOW)
    assert reviews_of(shop).tally(PRODUCT) == ReviewTally(1, 4)  # now cached
    assert shop.accounts is not None
    assert shop.address_book is not None
    assert shop.wishlist is not None
    assert shop.commerce is not None
    data = personal_data(
        ann,
        NOW,
        accounts=shop.accounts,
        book=shop.address_book,
        wishlist=shop.wishlist,
        orders=shop.commerce.orders,
        reviews=shop.reviews,
    )
    assert data is not None
    [review] = data["reviews"]
    assert (review["rating"], review["title"], review["text"], review["status"]) == (
        4, "Solid", GOOD[2], "published"
    )  # fmt: skip
    assert shop.accounts.close(ann, PASSWORD, NOW) == "ann@example.com"
    assert reviews_of(shop).own(ann, PRODUCT) is None
    assert reviews_of(shop).tally(PRODUCT) == ReviewTally(0, 0)  # the cached one dropped
    assert reviews_of(shop).page(PRODUCT).reviews == ()
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        assert connection.execute(sa.text("select count(*) from product_review")).scalar() == 0


def test_the_migration_adds_the_table_to_a_shop_at_0028_and_may_run_again(
    database_url: str,
) -> None:
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    command.downgrade(config, "0028")
    engine = sa.create_engine(url)
    assert not sa.inspect(engine).has_table("product_review")
    command.upgrade(config, "head")
    assert sa.inspect(engine).has_table("product_review")
    with engine.begin() as connection:  # as a run stopped before its stamp leaves it
        connection.execute(sa.text("update alembic_version set version_num = '0028'"))
    command.upgrade(config, "head")
    command.check(config)
    engine.dispose()
