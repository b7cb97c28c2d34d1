"""A product's shown rating and count (cards, the rating filter, the product page) combine its
imported figures with its published reviews, on real SQLite and PostgreSQL: a publish moves
them, with a ProductChanged event relayed to the catalog cache, a hide moves them back; hiding
a pending review announces its product and moves nothing; the product form and the CSV export
keep the imported figures; two publishes at once both count; migration 0031 on a shop at
0030."""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest
import sqlalchemy as sa
from alembic import command

from models.events import ProductChanged
from storefront.adapters.migrations import alembic_config
from storefront.adapters.sql_reviews import SqlReviewStore
from storefront.bootstrap import Shop
from storefront.services.admin.access import Permission, Staff
from storefront.services.admin.audit import AuditRecord
from storefront.services.catalog_csv import export_catalog, import_catalog
from storefront.services.listing_query import ListingQuery, Sort
from storefront.services.product_edits import edit_product
from storefront.subscriptions import CATALOG_CACHE
from tests.integration.admin_fixtures import PASSWORD, admin_of, staff_of, team_sessions
from tests.integration.bus_fixtures import outbox_events, stream_key
from tests.integration.catalog_fixtures import bus_shop, seed_small_catalog
from tests.integration.test_bus import consumer, relay
from tests.integration.test_reviews import NOW, PRODUCT, buyer, reviews_of

_STAFF: dict[int, Staff] = {}
FOUR_UP = ListingQuery(category_slug="chairs", min_rating=4, sort=Sort.PRICE_ASC)


@pytest.fixture
def shop(
    database_url: str, redis_server: str, prefix: str, make_shop: Callable[..., Shop]
) -> Iterator[Shop]:
    with stream_key(redis_server) as key:
        # Limits off: the per-account count of review writes lives in the shared Redis, and
        # account ids (and the tests' fixed clock) come again in every run.
        shop = bus_shop(
            make_shop, database_url, redis_server, prefix, bus_stream=key, limits_factor=0
        )
        _STAFF.pop(id(shop), None)  # an id may come again after a shop is gone
        seed_small_catalog(shop)
        # PRODUCT's imported figures: 3 stars over one review (the others: 4 over 10).
        assert shop.engine is not None
        with shop.engine.begin() as connection:
            connection.execute(
                sa.text(
                    "update product set imported_rating = 3.0, imported_review_count = 1,"
                    " rating = 3.0, review_count = 1 where id = :id"
                ),
                {"id": PRODUCT},
            )
        follow(shop)
        yield shop


def follow(shop: Shop) -> None:
    """Relay the outbox and let the catalog cache's consumer handle what came."""
    relay(shop)
    cache = consumer(shop, CATALOG_CACHE)
    while cache.run_once(block_ms=0):
        pass


def scalar(shop: Shop, sql: str, **params: object) -> object:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return connection.execute(sa.text(sql), params).scalar_one()


def slug_of(shop: Shop) -> str:
    return str(scalar(shop, "select slug from product where id = :id", id=PRODUCT))


def figures(shop: Shop) -> tuple[float, int, float, int]:
    """PRODUCT's shown rating and count, then its imported ones, as stored."""
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        row = connection.execute(
            sa.text(
                "select rating, review_count, imported_rating, imported_review_count"
                " from product where id = :id"
            ),
            {"id": PRODUCT},
        ).one()
    return float(row[0]), int(row[1]), float(row[2]), int(row[3])


def moderator(shop: Shop) -> Staff:
    """The shop's staff member with the reviews permission (signed up once per shop)."""
    if id(shop) not in _STAFF:
        _STAFF[id(shop)] = staff_of(shop, team_sessions(shop).staff, Permission.REVIEWS)
    return _STAFF[id(shop)]


def publish_one(shop: Shop, email: str, stars: int) -> int:
    """A buyer's review of PRODUCT, published by the admin; its id."""
    account = buyer(shop, email, "Ann Smith")
    reviews_of(shop).write(account, PRODUCT, (stars, "", "Worth every cent, really."), "en", NOW)
    staff = moderator(shop)
    queued = [q for q in admin_of(shop).reviews.queue(staff) if q.reviewer_email == email]
    admin_of(shop).reviews.moderate(staff, queued[0].review_id, "publish", NOW)
    return queued[0].review_id


def test_a_publish_moves_the_cards_count_and_the_rating_filter_and_a_hide_moves_them_back(
    shop: Shop,
) -> None:
    slug = slug_of(shop)
    before = shop.catalog.listing(FOUR_UP)
    assert before is not None
    assert slug not in [c.slug for c in before.cards]  # 3 stars: under the filter
    events_before = len(outbox_events(shop))

    review_id = publish_one(shop, "ann@example.com", 5)
    new_events = outbox_events(shop)[events_before:]
    assert [e.product_id for e in new_events if isinstance(e, ProductChanged)] == [PRODUCT]
    follow(shop)
    assert figures(shop) == (4.0, 2, 3.0, 1)  # (3 + 5) / 2
    after = shop.catalog.listing(FOUR_UP)
    assert after is not None
    [card] = [c for c in after.cards if c.slug == slug]
    assert (card.rating, card.review_count) == (4.0, 2)
    assert after.total == before.total + 1
    page = shop.catalog.product(slug)
    assert page is not None
    assert (page.product.rating, page.product.review_count) == (4.0, 2)

    staff = moderator(shop)
    admin_of(shop).reviews.moderate(staff, review_id, "hide", NOW)
    follow(shop)
    assert figures(shop) == (3.0, 1, 3.0, 1)
    hidden = shop.catalog.listing(FOUR_UP)
    assert hidden is not None
    assert slug not in [c.slug for c in hidden.cards]
    assert hidden.total == before.total


def test_hiding_a_pending_review_announces_its_product_and_moves_no_figures(shop: Shop) -> None:
    """Nothing shown changes, so no facet table is outdated; the event is for the writer's
    open page, which says where their review stands (state/reviews.py `_refresh`)."""
    ann = buyer(shop, "ann@example.com", "Ann Smith")
    reviews_of(shop).write(ann, PRODUCT, (5, "", "Never to be published, it turns out."), "en", NOW)
    staff = moderator(shop)
    [queued] = [q for q in admin_of(shop).reviews.queue(staff) if q.status == "pending"]
    generations = "select sum(facet_generation) from category"
    facets_before, events_before = scalar(shop, generations), len(outbox_events(shop))

    admin_of(shop).reviews.moderate(staff, queued.review_id, "hide", NOW)

    new_events = outbox_events(shop)[events_before:]
    told = [(e.product_id, e.review_moved) for e in new_events if isinstance(e, ProductChanged)]
    assert told == [(PRODUCT, True)]  # open pages refresh though nothing shown moved
    assert figures(shop) == (3.0, 1, 3.0, 1)
    assert scalar(shop, generations) == facets_before
    assert reviews_of(shop).own(ann, PRODUCT).status == "hidden"  # type: ignore[union-attr]


def test_a_pending_edit_and_a_deletion_withdraw_a_published_review_from_the_figures(
    shop: Shop,
) -> None:
    publish_one(shop, "ann@example.com", 5)
    bea = buyer(shop, "bea@example.com", "Bea Z")
    cids_review = publish_one(shop, "cid@example.com", 1)
    assert figures(shop)[:2] == (3.0, 3)  # (3 + 5 + 1) / 3
    ann = int(str(scalar(shop, "select id from account where email = 'ann@example.com'")))
    reviews_of(shop).write(ann, PRODUCT, (2, "", "Changed my mind about it."), "en", NOW)
    assert figures(shop)[:2] == (2.0, 2)  # pending again: (3 + 1) / 2
    reviews_of(shop).write(bea, PRODUCT, (5, "", "Never published, never counted."), "en", NOW)
    assert figures(shop)[:2] == (2.0, 2)
    assert shop.engine is not None
    store = SqlReviewStore(shop.engine)
    sql = "select account_id from product_review where id = :id"
    cid = int(str(scalar(shop, sql, id=cids_review)))
    assert store.delete(cid, PRODUCT)
    assert figures(shop) == (3.0, 1, 3.0, 1)


def test_the_product_form_and_the_export_keep_the_imported_figures(shop: Shop) -> None:
    publish_one(shop, "ann@example.com", 5)
    record = shop.run(edit_product, PRODUCT, lambda r: replace(r, title="Renamed chair"))
    assert (record.rating, record.review_count) == (3.0, 1)  # what the form shows
    assert figures(shop) == (4.0, 2, 3.0, 1)  # the edit kept the review in the shown ones
    shop.run(edit_product, PRODUCT, lambda r: replace(r, rating=5.0, review_count=3))
    assert figures(shop) == (5.0, 4, 5.0, 3)  # (15 + 5) / 4
    out = io.StringIO()
    shop.run(export_catalog, out, file_format="generic")
    rows = [r for r in csv.DictReader(io.StringIO(out.getvalue())) if r["title"] == "Renamed chair"]
    assert rows
    assert {(r["rating"], r["review_count"]) for r in rows} == {("5.0", "3")}


def test_reimporting_an_export_keeps_the_imported_figures_and_the_published_reviews(
    shop: Shop,
) -> None:
    publish_one(shop, "ann@example.com", 5)
    out = io.StringIO()
    shop.run(export_catalog, out, file_format="generic")
    shop.run(import_catalog, io.StringIO(out.getvalue()))
    assert figures(shop) == (4.0, 2, 3.0, 1)  # not (4.0, 2) taken as imported and counted again
    edited = out.getvalue().replace(",3.0,1\r\n", ",2.0,3\r\n")  # the merchant's new figures
    assert edited != out.getvalue()
    shop.run(import_catalog, io.StringIO(edited))
    assert figures(shop) == (2.75, 4, 2.0, 3)  # (6 + 5) / 4


def test_two_publishes_of_one_product_at_once_both_count(shop: Shop) -> None:
    assert shop.engine is not None
    store = SqlReviewStore(shop.engine)
    ids = []
    for email, stars in (("ann@example.com", 5), ("bea@example.com", 4)):
        account = buyer(shop, email, "Ann Smith")
        reviews_of(shop).write(account, PRODUCT, (stars, "", "Two at once, both here."), "en", NOW)
        sql = "select id from product_review where account_id = :a"
        ids.append(int(str(scalar(shop, sql, a=account))))
    start = threading.Barrier(2)
    done: list[bool] = []

    def publish(review_id: int) -> None:
        audit = AuditRecord(None, "", "review.publish", f"review:{review_id}", "{}", "{}")
        seen = store.review(review_id)
        assert seen is not None
        start.wait()
        expected = ("pending", seen.updated_at)
        done.append(store.set_status(review_id, "published", expected, NOW, audit))

    threads = [threading.Thread(target=publish, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert done == [True, True]
    assert figures(shop) == (4.0, 3, 3.0, 1)  # (3 + 5 + 4) / 3


def test_migration_0031_keeps_the_imported_figures_and_combines_and_may_run_again(
    shop: Shop, database_url: str
) -> None:
    publish_one(shop, "ann@example.com", 5)
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    command.downgrade(config, "0030")
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        row = connection.execute(
            sa.text("select rating, review_count from product where id = :id"), {"id": PRODUCT}
        ).one()
    assert (float(row[0]), int(row[1])) == (3.0, 1)  # the imported figures, as before 0031
    command.upgrade(config, "head")
    assert figures(shop) == (4.0, 2, 3.0, 1)
    with engine.begin() as connection:  # as a run stopped before its stamp leaves it
        connection.execute(sa.text("update alembic_version set version_num = '0030'"))
    command.upgrade(config, "head")
    assert figures(shop) == (4.0, 2, 3.0, 1)
    command.check(config)
    engine.dispose()


def test_closing_an_account_takes_its_published_review_out_of_the_figures(shop: Shop) -> None:
    publish_one(shop, "ann@example.com", 5)
    ann = int(str(scalar(shop, "select id from account where email = 'ann@example.com'")))
    assert shop.accounts is not None
    events_before = len(outbox_events(shop))
    assert shop.accounts.close(ann, PASSWORD, NOW) == "ann@example.com"
    assert figures(shop) == (3.0, 1, 3.0, 1)
    new_events = outbox_events(shop)[events_before:]
    assert [e.product_id for e in new_events if isinstance(e, ProductChanged)] == [PRODUCT]
