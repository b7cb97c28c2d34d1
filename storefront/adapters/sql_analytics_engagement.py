"""Search and recommendation aggregates for the dashboard, in SQL (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Engine, and_, case, func, insert, select
from sqlmodel import SQLModel

from models.admin import RecommendationEvent
from models.orders import OrderLine, SalesOrder
from models.search import SearchLog
from storefront.services.admin.analytics_ports import (
    ATTRIBUTABLE,
    ClickedLine,
    EventCount,
    QueryCounts,
    RecommendationEventRow,
)

ORDER = SQLModel.metadata.tables[str(SalesOrder.__tablename__)]
ORDER_LINE = SQLModel.metadata.tables[str(OrderLine.__tablename__)]
SEARCH_LOG = SQLModel.metadata.tables[str(SearchLog.__tablename__)]
REC_EVENT = SQLModel.metadata.tables[str(RecommendationEvent.__tablename__)]
_O, _L, _Q, _E = ORDER.c, ORDER_LINE.c, SEARCH_LOG.c, REC_EVENT.c


def search_counts(engine: Engine, start: datetime, end: datetime) -> list[QueryCounts]:
    """Searches per source and exact query text; the service merges spellings of a query."""
    statement = (
        select(
            _Q.source,
            _Q.query,
            func.count(),
            func.sum(case((_Q.clicked_product_id.is_not(None), 1), else_=0)),
            func.sum(case((_Q.result_count == 0, 1), else_=0)),
        )
        .where(_Q.created_at >= start, _Q.created_at < end)
        .group_by(_Q.source, _Q.query)
    )
    with engine.connect() as connection:
        return [
            QueryCounts(str(s), str(q), int(n), int(c), int(z))
            for s, q, n, c, z in connection.execute(statement)
        ]


def event_counts(engine: Engine, start: datetime, end: datetime) -> list[EventCount]:
    """Recommendation events per widget and kind."""
    statement = (
        select(_E.widget, _E.kind, func.count())
        .where(_E.at >= start, _E.at < end)
        .group_by(_E.widget, _E.kind)
    )
    with engine.connect() as connection:
        return [EventCount(str(w), str(k), int(n)) for w, k, n in connection.execute(statement)]


def clicked_lines(
    engine: Engine, currency: str, start: datetime, end: datetime, clicks_since: datetime
) -> list[ClickedLine]:
    """Paid lines whose product the buyer clicked in a widget before paying, once per widget."""
    last_click = func.max(_E.at)
    clicked = and_(
        _E.visitor_id == _O.visitor_id,
        _E.product_id == _L.product_id,
        _E.kind == "click",
        _E.at <= _O.paid_at,
        _E.at >= clicks_since,
    )
    # Grouping by (widget, line) is what counts a line at most once per widget, however many
    # times it was clicked; the latest click is kept so the service can apply its window
    # without date arithmetic in SQL (which SQLite and PostgreSQL spell differently).
    statement = (
        select(
            _E.widget,
            _L.order_id,
            _L.id,
            _L.quantity * _L.unit_price_minor,
            _O.paid_at,
            last_click,
        )
        .select_from(ORDER_LINE.join(ORDER, _O.id == _L.order_id).join(REC_EVENT, clicked))
        .where(
            _O.status.in_([status.value for status in ATTRIBUTABLE]),
            _O.source == "shop",
            _O.currency == currency,
            _O.paid_at >= start,
            _O.paid_at < end,
        )
        .group_by(_E.widget, _L.order_id, _L.id, _L.quantity, _L.unit_price_minor, _O.paid_at)
    )
    with engine.connect() as connection:
        return [
            ClickedLine(str(w), int(o), int(i), int(r), paid, last)
            for w, o, i, r, paid, last in connection.execute(statement)
        ]


def add_recommendation_events(engine: Engine, rows: Sequence[RecommendationEventRow]) -> None:
    """Insert the events in one transaction."""
    if not rows:
        return
    with engine.begin() as connection:
        connection.execute(
            insert(REC_EVENT),
            [
                {
                    "visitor_id": r.visitor_id,
                    "widget": r.widget,
                    "kind": r.kind,
                    "product_id": r.product_id,
                    "at": r.at,
                }
                for r in rows
            ],
        )
