"""Dashboard aggregates in SQL: every figure is one GROUP BY query, the same on SQLite and
PostgreSQL. Search and recommendation queries live in sql_analytics_engagement."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import BigInteger, Engine, Integer, case, distinct, func, select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import SQLModel

from models.catalog import Category, Product
from models.orders import SalesOrder
from models.sales import ProductSalesDay
from models.search import ShopperActivity
from storefront.adapters import sql_analytics_engagement as engagement
from storefront.services.admin.analytics_ports import (
    QUARTER_HOUR,
    CategorySales,
    ClickedLine,
    EventCount,
    FunnelCounts,
    ProductSales,
    QuarterSales,
    QueryCounts,
    RecommendationEventRow,
)

ORDER = SQLModel.metadata.tables[str(SalesOrder.__tablename__)]
ACTIVITY = SQLModel.metadata.tables[str(ShopperActivity.__tablename__)]
SALES = SQLModel.metadata.tables[str(ProductSalesDay.__tablename__)]
PRODUCT = SQLModel.metadata.tables[str(Product.__tablename__)]
CATEGORY = SQLModel.metadata.tables[str(Category.__tablename__)]
_O, _A, _S, _P = ORDER.c, ACTIVITY.c, SALES.c, PRODUCT.c


def quarter_hour(engine: Engine, moment: Any) -> ColumnElement[int]:
    """The number of the quarter hour since the epoch of a UtcDateTime column."""
    if engine.dialect.name == "sqlite":
        # SQLite keeps UtcDateTime as UTC text, which strftime reads as UTC.
        seconds = func.cast(func.strftime("%s", moment), Integer)
        return func.cast(seconds / QUARTER_HOUR, Integer)  # integer division
    return func.cast(func.floor(func.extract("epoch", moment) / QUARTER_HOUR), BigInteger)


class SqlAnalytics:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def quarter_hour_sales(
        self, currency: str, start: datetime, end: datetime
    ) -> list[QuarterSales]:
        slot = quarter_hour(self._engine, _O.paid_at)
        statement = (
            select(slot, func.count(), func.sum(_O.total_minor - _O.refunded_minor))
            .where(
                _O.source == "shop",
                _O.currency == currency,
                _O.paid_at >= start,
                _O.paid_at < end,
            )
            .group_by(slot)
            .order_by(slot)
        )
        with self._engine.connect() as connection:
            return [
                QuarterSales(datetime.fromtimestamp(int(q) * QUARTER_HOUR, UTC), int(n), int(r))
                for q, n, r in connection.execute(statement)
            ]

    def funnel_counts(self, start: datetime, end: datetime) -> FunnelCounts:
        steps = (
            select(_A.kind, func.count(distinct(_A.visitor_id)))
            .where(_A.kind.in_(["view", "cart"]), _A.created_at >= start, _A.created_at < end)
            .group_by(_A.kind)
        )
        paid = _O.paid_at.is_not(None)  # whatever happened after (analytics_ports)
        # An order without a visitor id (placed before ids were kept) is its own visitor.
        anonymous = _O.visitor_id.is_(None)
        orders = select(
            func.count(distinct(_O.visitor_id)) + func.sum(case((anonymous, 1), else_=0)),
            func.count(distinct(case((paid, _O.visitor_id))))
            + func.sum(case((paid & anonymous, 1), else_=0)),
        ).where(_O.source == "shop", _O.created_at >= start, _O.created_at < end)
        with self._engine.connect() as connection:
            visitors = {str(kind): int(n) for kind, n in connection.execute(steps)}
            placed, paid_count = connection.execute(orders).one()
        return FunnelCounts(
            viewed=int(visitors.get("view", 0)),
            carted=int(visitors.get("cart", 0)),
            checked_out=int(placed or 0),
            paid=int(paid_count or 0),
        )

    def product_sales(
        self, currency: str, first: date, last: date, limit: int
    ) -> list[ProductSales]:
        revenue = func.sum(_S.revenue_minor)
        statement = (
            select(
                _S.product_id,
                func.coalesce(func.max(_P.title), ""),
                func.sum(_S.orders),
                func.sum(_S.units),
                revenue,
            )
            # Outer join: a deleted product's sales still count, under an empty title.
            .select_from(SALES.outerjoin(PRODUCT, PRODUCT.c.id == _S.product_id))
            .where(_S.currency == currency, _S.day >= first, _S.day <= last)
            .group_by(_S.product_id)
            .order_by(revenue.desc(), func.sum(_S.units).desc(), _S.product_id)
            .limit(limit)
        )
        with self._engine.connect() as connection:
            return [
                ProductSales(int(p), str(t), int(o), int(u), int(r))
                for p, t, o, u, r in connection.execute(statement)
            ]

    def category_sales(
        self, currency: str, first: date, last: date, limit: int
    ) -> list[CategorySales]:
        revenue, units = func.sum(_S.revenue_minor), func.sum(_S.units)
        category_id = _P.category_id
        statement = (
            select(category_id, func.coalesce(func.max(CATEGORY.c.name), ""), units, revenue)
            .select_from(
                SALES.outerjoin(PRODUCT, PRODUCT.c.id == _S.product_id).outerjoin(
                    CATEGORY, CATEGORY.c.id == category_id
                )
            )
            .where(_S.currency == currency, _S.day >= first, _S.day <= last)
            .group_by(category_id)
            # NULLs sort differently on the two dialects: order them explicitly, last.
            .order_by(revenue.desc(), units.desc(), category_id.is_(None), category_id)
            .limit(limit)
        )
        with self._engine.connect() as connection:
            rows = list(connection.execute(statement))
            # Their translations, read apart: an aggregate (max) of JSON fails on PostgreSQL.
            ids = [c for c, *_ in rows if c is not None]
            names = select(CATEGORY.c.id, CATEGORY.c.name_i18n).where(CATEGORY.c.id.in_(ids))
            translated = {i: dict(n or {}) for i, n in connection.execute(names)} if ids else {}
        return [
            CategorySales(
                None if c is None else int(c), str(n), int(u), int(r), translated.get(c, {})
            )
            for c, n, u, r in rows
        ]

    def search_counts(self, start: datetime, end: datetime) -> list[QueryCounts]:
        return engagement.search_counts(self._engine, start, end)

    def event_counts(self, start: datetime, end: datetime) -> list[EventCount]:
        return engagement.event_counts(self._engine, start, end)

    def clicked_lines(
        self, currency: str, start: datetime, end: datetime, clicks_since: datetime
    ) -> list[ClickedLine]:
        return engagement.clicked_lines(self._engine, currency, start, end, clicks_since)

    def add_recommendation_events(self, rows: Sequence[RecommendationEventRow]) -> None:
        engagement.add_recommendation_events(self._engine, rows)
