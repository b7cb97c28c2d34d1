"""Dashboard analytics on SQLite and PostgreSQL, with exact figures from inserted rows: paid,
refunded, unpaid and foreign-currency orders, activity for the funnel, search logs, and
recommendation clicks inside and outside the attribution window.

On PostgreSQL the database's session zone is set far from UTC (Pacific/Auckland): days are
UTC days whatever the session says."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import psycopg
import pytest
from sqlalchemy import Engine, select, text
from sqlmodel import Session, SQLModel

from models.catalog import Category, Product
from models.events import OrderPaid
from models.orders import OrderLine, OrderStatus, SalesOrder
from models.sales import ProductSalesDay
from models.search import SearchLog, ShopperActivity
from storefront.adapters.db import make_engine
from storefront.adapters.sql_analytics import SqlAnalytics
from storefront.adapters.sql_inventory import SqlInventory
from storefront.adapters.sql_order_store import SqlOrderStore
from storefront.adapters.sql_outbox import OUTBOX
from storefront.services.admin.analytics import (
    Analytics,
    FunnelStep,
    QueryStat,
    SalesPoint,
    WidgetStats,
    ZeroResultQuery,
)
from storefront.services.admin.analytics_ports import CategorySales, ProductSales
from storefront.services.bus.codec import decode
from storefront.services.checkout.pricing import Totals
from storefront.services.orders.ports import Address, NewOrder, OrderItem

FIRST, LAST = date(2026, 3, 1), date(2026, 3, 3)
MARCH_2 = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def at(day: int, hour: int = 12, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    if database_url.startswith("postgresql"):
        name = database_url.rpartition("/")[2]
        with psycopg.connect(database_url, autocommit=True) as admin:
            admin.execute(f"ALTER DATABASE \"{name}\" SET TimeZone TO 'Pacific/Auckland'")
    engine = make_engine(database_url.replace("postgresql://", "postgresql+psycopg://", 1))
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            assert connection.execute(text("SHOW TimeZone")).scalar() == "Pacific/Auckland"
    yield engine
    engine.dispose()


@pytest.fixture
def products(engine: Engine) -> dict[str, int]:
    """Oak chair and Pine chair (Chairs), Oak table (Tables), Lamp (no category); the ids of
    the products, and of the two categories under their names."""
    with Session(engine) as session:
        root = Category(slug="furniture", name="Furniture")
        session.add(root)
        session.flush()
        chairs = Category(
            slug="chairs", name="Chairs", name_i18n={"fr": "Chaises"}, parent_id=root.id
        )
        tables = Category(slug="tables", name="Tables", parent_id=root.id)
        session.add_all([chairs, tables])
        session.flush()
        rows = {
            "chair": Product(slug="oak-chair", external_id="P1", title="Oak chair"),
            "pine": Product(slug="pine-chair", external_id="P2", title="Pine chair"),
            "table": Product(slug="oak-table", external_id="P3", title="Oak table"),
            "lamp": Product(slug="lamp", external_id="P4", title="Lamp"),
        }
        rows["chair"].category_id = rows["pine"].category_id = chairs.id
        rows["table"].category_id = tables.id
        session.add_all(rows.values())
        session.commit()
        ids = {key: int(p.id or 0) for key, p in rows.items()}
        return ids | {"Chairs": int(chairs.id or 0), "Tables": int(tables.id or 0)}


def add_order(
    engine: Engine,
    status: OrderStatus,
    visitor: str | None,
    created: datetime,
    lines: list[tuple[int, int, int]],  # (product id, quantity, unit price)
    *,
    paid: datetime | None = None,
    refunded: int = 0,
    currency: str = "EUR",
) -> None:
    with Session(engine) as session:
        order = SalesOrder(
            status=status,
            currency=currency,
            total_minor=sum(q * u for _, q, u in lines),
            refunded_minor=refunded,
            visitor_id=visitor,
            created_at=created,
            paid_at=paid,
        )
        session.add(order)
        session.flush()
        for product_id, quantity, unit in lines:
            session.add(
                OrderLine(
                    order_id=order.id or 0,
                    product_id=product_id,
                    quantity=quantity,
                    unit_price_minor=unit,
                )
            )
        session.commit()


def add_all(engine: Engine, *rows: SQLModel) -> None:
    with Session(engine) as session:
        session.add_all(rows)
        session.commit()


@pytest.fixture
def analytics(engine: Engine, products: dict[str, int]) -> Analytics:
    """Orders of 1-3 March 2026 (UTC) and the clicks that led to some of them."""
    p = products
    s, paid, fulfilled = OrderStatus, OrderStatus.PAID, OrderStatus.FULFILLED
    add_order(engine, paid, "v1", at(1, 9, 50), [(p["chair"], 2, 3_000), (p["pine"], 1, 4_001)],
              paid=at(1, 10))  # fmt: skip
    # Paid at 01:30 on 2 March in UTC+2: 23:30 on 1 March in UTC.
    local = datetime(2026, 3, 2, 1, 30, tzinfo=timezone(timedelta(hours=2)))
    add_order(engine, fulfilled, "v2", at(1, 23), [(p["table"], 1, 5_000)], paid=local)
    add_order(engine, s.PARTIALLY_REFUNDED, "v3", at(2, 11, 50), [(p["pine"], 2, 4_000)],
              paid=at(2, 12), refunded=3_000)  # fmt: skip
    add_order(engine, s.REFUNDED, None, at(2, 12, 50), [(p["chair"], 1, 4_000)],
              paid=at(2, 13), refunded=4_000)  # fmt: skip
    add_order(engine, s.REFUNDED, "v7", at(2, 14, 50), [(p["table"], 1, 3_000)],
              paid=at(2, 15), refunded=3_000)  # fmt: skip
    add_order(engine, s.PENDING, "v4", at(2), [(p["lamp"], 1, 900)])
    add_order(engine, s.CANCELED, "v4", at(3), [(p["lamp"], 1, 900)])
    add_order(engine, paid, "v5", at(3, 8, 30), [(p["chair"], 1, 9_000)], paid=at(3, 9),
              currency="USD")  # fmt: skip
    add_order(engine, paid, "v6", at(3, 11, 50), [(p["lamp"], 1, 2_000)], paid=at(3, 12))
    add_order(engine, paid, "v9", at(28, 23, month=2), [(p["lamp"], 1, 50_000)],
              paid=at(28, 23, 59, month=2))  # fmt: skip
    add_order(engine, paid, "v8", at(4, 0), [(p["lamp"], 1, 60_000)], paid=at(4, 0, 1))
    return Analytics(SqlAnalytics(engine), "EUR")


def test_sales_over_time_nets_refunds_by_day_and_skips_unpaid_and_other_currencies(
    analytics: Analytics,
) -> None:
    assert analytics.sales_over_time(FIRST, LAST) == [
        SalesPoint(date(2026, 3, 1), 2, 15_001, 7_500),
        # Partly refunded 8000-3000; two full refunds count as orders worth nothing.
        SalesPoint(date(2026, 3, 2), 3, 5_000, 1_666),
        SalesPoint(date(2026, 3, 3), 1, 2_000, 2_000),
    ]
    assert analytics.sales_over_time(date(2026, 3, 5), date(2026, 3, 5)) == [
        SalesPoint(date(2026, 3, 5), 0, 0, 0)
    ]


def test_sales_over_time_counts_the_shops_days_in_its_time_zone(
    engine: Engine, analytics: Analytics
) -> None:
    """In Tokyo (UTC+9) an order paid at 23:59 UTC on 28 February was paid on 1 March, and
    one paid at 15:00 UTC on 2 March on the 3rd."""
    tokyo = Analytics(SqlAnalytics(engine), "EUR", ZoneInfo("Asia/Tokyo"))
    assert tokyo.sales_over_time(FIRST, LAST) == [
        SalesPoint(date(2026, 3, 1), 2, 60_001, 30_000),
        SalesPoint(date(2026, 3, 2), 3, 10_000, 3_333),
        SalesPoint(date(2026, 3, 3), 2, 2_000, 1_000),
    ]


def test_funnel_counts_distinct_visitors_and_anonymous_orders_one_each(
    engine: Engine, analytics: Analytics, products: dict[str, int]
) -> None:
    chair = products["chair"]

    def activity(visitor: str, kind: str, when: datetime) -> ShopperActivity:
        return ShopperActivity(visitor_id=visitor, kind=kind, product_id=chair, created_at=when)

    views = [activity(f"v{n}", "view", at(1 + n % 3)) for n in range(1, 11)]
    add_all(
        engine,
        *views,
        activity("v1", "view", at(2)),  # twice: one visitor
        activity("v-before", "view", at(28, 23, 59, month=2)),
        activity("v-after", "view", at(4, 0)),
        activity("v1", "cart", at(1)),
        activity("v2", "cart", at(1)),
        activity("v4", "cart", at(2)),
        activity("v4", "cart", at(3)),
        activity("v-before", "cart", at(28, month=2)),
        activity("v6", "search", at(2)),
    )
    # Placed: v1 v2 v3 v4 (twice) v5 v6 v7 and one without a visitor; all but v4 paid.
    assert analytics.funnel(FIRST, LAST).steps == (
        FunnelStep("viewed", 10, 1.0),
        FunnelStep("carted", 3, 0.3),
        FunnelStep("checked_out", 8, 0.8),
        FunnelStep("paid", 7, 0.7),
    )


def test_an_order_the_shopper_canceled_after_paying_counts_as_an_admin_refunded_one(
    engine: Engine, analytics: Analytics, products: dict[str, int]
) -> None:
    """Canceled and refunded in full by the shopper, it ends canceled, not refunded: the
    dashboard's orders and funnel dropped it while keeping one the admin refunded (QA)."""
    before = analytics.funnel(FIRST, LAST).steps[-1].visitors
    add_order(engine, OrderStatus.CANCELED, "v10", at(3, 13), [(products["lamp"], 1, 2_500)],
              paid=at(3, 13, 5), refunded=2_500)  # fmt: skip
    assert analytics.sales_over_time(date(2026, 3, 3), date(2026, 3, 3)) == [
        SalesPoint(date(2026, 3, 3), 2, 2_000, 1_000)  # worth nothing, as a full refund
    ]
    assert analytics.funnel(FIRST, LAST).steps[-1].visitors == before + 1


@pytest.fixture
def sales_days(engine: Engine, products: dict[str, int]) -> None:
    p = products

    def day(
        key: str | int, on: date, orders: int, units: int, revenue: int, *, cur: str = "EUR"
    ) -> ProductSalesDay:
        return ProductSalesDay(
            product_id=p[key] if isinstance(key, str) else key,
            day=on,
            currency=cur,
            orders=orders,
            units=units,
            revenue_minor=revenue,
        )

    add_all(
        engine,
        day("chair", date(2026, 3, 1), 2, 3, 9_000),
        day("chair", date(2026, 3, 2), 1, 1, 3_000),
        day("pine", date(2026, 3, 2), 1, 2, 10_000),
        day("table", date(2026, 3, 3), 1, 1, 7_000),
        day("lamp", date(2026, 3, 1), 1, 5, 1_000),
        day(999_999, date(2026, 3, 1), 1, 1, 500),  # a product deleted since
        day("table", date(2026, 3, 3), 1, 1, 99_999, cur="USD"),
        day("pine", date(2026, 2, 28), 1, 1, 50_000),
        day("lamp", date(2026, 3, 4), 1, 1, 60_000),
    )


@pytest.mark.usefixtures("sales_days")
def test_top_products_and_categories_rank_by_revenue_in_range(
    analytics: Analytics, products: dict[str, int]
) -> None:
    p = products
    assert analytics.top_products(FIRST, LAST) == [
        ProductSales(p["chair"], "Oak chair", 3, 4, 12_000),
        ProductSales(p["pine"], "Pine chair", 1, 2, 10_000),
        ProductSales(p["table"], "Oak table", 1, 1, 7_000),
        ProductSales(p["lamp"], "Lamp", 1, 5, 1_000),
        ProductSales(999_999, "", 1, 1, 500),
    ]
    assert [row.product_id for row in analytics.top_products(FIRST, LAST, limit=2)] == [
        p["chair"],
        p["pine"],
    ]
    chairs, tables = p["Chairs"], p["Tables"]
    assert analytics.top_categories(FIRST, LAST) == [
        CategorySales(chairs, "Chairs", 6, 22_000, {"fr": "Chaises"}),  # the dashboard's French
        CategorySales(tables, "Tables", 1, 7_000),
        CategorySales(None, "", 6, 1_500),
    ]
    assert analytics.top_categories(FIRST, LAST, limit=1) == [
        CategorySales(chairs, "Chairs", 6, 22_000, {"fr": "Chaises"})
    ]


def test_search_stats_group_spellings_count_clicks_and_zero_results(
    engine: Engine, analytics: Analytics, products: dict[str, int]
) -> None:
    chair, lamp = products["chair"], products["lamp"]

    def search(
        query: str,
        found: int,
        clicked: int | None = None,
        when: datetime = MARCH_2,
        source: str = "page",
    ) -> SearchLog:
        return SearchLog(
            visitor_id="v1",
            query=query,
            result_count=found,
            source=source,
            clicked_product_id=clicked,
            created_at=when,
        )

    add_all(
        engine,
        search("Oak Chair", 5, chair, at(1)),
        search(" OAK chair", 5),
        search("oak chair", 5, chair, at(3)),
        search("lamp", 0),
        search("Lamp", 0),
        search("lamp", 2, lamp),
        search("sofa", 0),
        search("table", 3),
        search("oak", 4, chair, source="instant"),
        search("bed", 0, when=at(28, month=2)),
        search("bed", 0, when=at(4, 0)),
    )
    stats = analytics.search_stats(FIRST, LAST, limit=3)
    assert (stats.searches, stats.clicks, stats.ctr) == (8, 3, 0.375)
    assert (stats.zero_result_searches, stats.instant_opens) == (3, 1)
    assert stats.top_queries == (
        QueryStat("lamp", 3, 1, 1 / 3),
        QueryStat("oak chair", 3, 2, 2 / 3),
        QueryStat("sofa", 1, 0, 0.0),
    )
    assert stats.zero_result_queries == (ZeroResultQuery("lamp", 2), ZeroResultQuery("sofa", 1))


def test_recommendation_stats_credit_clicks_within_seven_days_once_per_line_and_widget(
    analytics: Analytics, products: dict[str, int]
) -> None:
    p = products

    def show(visitor: str, widget: str, when: datetime) -> None:
        analytics.record_recommendation(
            visitor, widget, "impression", [p["chair"], p["pine"]], when
        )

    def click(visitor: str, widget: str, product: str, when: datetime) -> None:
        analytics.record_recommendation(visitor, widget, "click", [p[product]], when)

    for visitor, day in [("v1", 1), ("v2", 1), ("v3", 2), ("v1", 2), ("v5", 3), ("v7", 2),
                         ("v6", 3), ("v8", 3)]:  # fmt: skip
        show(visitor, "similar", at(day, 8))
    for visitor, day in [("v1", 1), ("v3", 2), ("v2", 1), ("v4", 2)]:
        show(visitor, "bought_together", at(day, 8))
    for visitor, day in [("v2", 1), ("v3", 2), ("v6", 3)]:
        show(visitor, "for_you", at(day, 8))
    show("v6", "for_you", at(24, month=2))  # before the range: not an impression of it

    click("v1", "similar", "chair", at(20, month=2))  # too early alone, but clicked again:
    click("v1", "similar", "chair", at(1, 9))  # o1's chair line, once
    click("v1", "similar", "pine", at(1, 11))  # after o1 was paid: not credited
    click("v7", "similar", "table", at(2, 14))  # its order was fully refunded
    click("v5", "similar", "chair", at(3, 8))  # its order was paid in USD
    click("v1", "bought_together", "pine", at(1, 9, 30))  # o1's pine line
    click("v1", "bought_together", "chair", at(1, 9, 40))  # o1's chair line, in this widget too
    click("v3", "bought_together", "pine", at(2, 11))  # o3's line, refunded in part
    click("v2", "for_you", "table", at(20, month=2))  # 9 days before o2 was paid
    click("v3", "for_you", "chair", at(2, 11))  # o3 did not buy the chair
    click("v6", "for_you", "lamp", at(24, month=2))  # exactly 7 days before o6 was paid

    assert analytics.recommendation_stats(FIRST, LAST) == [
        WidgetStats("similar", 8, 4, 0.5, 1, 6_000),
        WidgetStats("bought_together", 4, 3, 0.75, 2, 6_000 + 4_001 + 8_000),
        WidgetStats("for_you", 3, 1, 1 / 3, 1, 2_000),
    ]


def new_order(reference: str, chair: int, visitor: str | None = None) -> NewOrder:
    """One oak chair for Camille, as checkout places it."""
    return NewOrder(
        reference=reference,
        access_key="key",
        account_id=None,
        cart_id=None,
        email="camille@example.com",
        locale="fr",
        address=Address("Camille", "12 rue des Lilas", "", "75011", "Paris", "FR"),
        shipping_method="standard",
        discount_code=None,
        amounts=Totals(2_000, 0, 0, 2_000, 2_000, 333, "EUR"),
        lines=(OrderItem(chair, "SKU-1", "Oak chair", 1, 2_000),),
        visitor_id=visitor,
    )


@pytest.mark.parametrize("visitor", ["visitor-1", None])
def test_an_order_keeps_the_visitor_who_placed_it(
    engine: Engine, products: dict[str, int], visitor: str | None
) -> None:
    store = SqlOrderStore(engine, SqlInventory(engine))
    order_id = store.create(new_order("B7K2", products["chair"], visitor))
    with Session(engine) as session:
        assert session.get_one(SalesOrder, order_id).visitor_id == visitor


def test_a_sale_counts_for_the_shops_day_in_its_time_zone(
    engine: Engine, products: dict[str, int]
) -> None:
    """Kiritimati (UTC+14) and Pago Pago (UTC-11) are always on different days: the day an
    order's sale is counted for is the one of the shop's zone."""
    days = set()
    for zone in (ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Pacific/Pago_Pago")):
        store = SqlOrderStore(engine, SqlInventory(engine), zone)
        order_id = store.create(new_order(f"Z{len(days)}", products["chair"]))
        before = datetime.now(zone).date().isoformat()
        assert store.move(order_id, OrderStatus.PAID).applied
        after = datetime.now(zone).date().isoformat()
        with engine.connect() as connection:
            event_type, payload = connection.execute(
                select(OUTBOX.c.event_type, OUTBOX.c.payload).order_by(OUTBOX.c.id.desc()).limit(1)
            ).one()
        paid = decode(event_type, payload)
        assert isinstance(paid, OrderPaid)
        assert paid.paid_on in (before, after)
        days.add(paid.paid_on)
    assert len(days) == 2
