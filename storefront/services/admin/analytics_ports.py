"""What the dashboard analytics need from storage, and the records they get back.

Ranges given to the store are half-open UTC instants `[start, end)`. The store knows nothing
of the shop's time zone: paid orders come back by quarter hour (every zone's offset is a
whole number of quarter hours), which the service adds up into the shop's days.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from models.orders import PURCHASED

# The dashboard's orders are those paid (their paid_at set), whatever happened after: refunds
# are netted out of revenue instead of dropping the order, so a refund lowers revenue without
# rewriting the order count, whoever refunded it (a shopper's cancel of a paid order, which
# ends canceled, had dropped it while the admin's full refund kept it; QA).
# Orders whose lines may be credited to a recommendation: a fully refunded order brought
# nothing in (a partial refund cannot be traced to lines, so those count in full).
ATTRIBUTABLE = PURCHASED

EVENT_KINDS = ("impression", "click")


QUARTER_HOUR = 900  # seconds


@dataclass(frozen=True, slots=True)
class QuarterSales:
    """One quarter hour's paid orders in the shop currency (those without orders are absent)."""

    start: datetime  # UTC, on a quarter hour
    orders: int
    revenue_minor: int  # total_minor - refunded_minor


@dataclass(frozen=True, slots=True)
class FunnelCounts:
    viewed: int  # distinct visitors who viewed a product
    carted: int  # distinct visitors who added to the cart
    checked_out: int  # distinct visitors (or orders without one) who placed an order
    paid: int  # the same, for the orders placed that were paid


@dataclass(frozen=True, slots=True)
class ProductSales:
    product_id: int
    title: str  # "" when the product no longer exists
    orders: int
    units: int
    revenue_minor: int  # line revenue: before order discounts and refunds, without shipping


@dataclass(frozen=True, slots=True)
class CategorySales:
    category_id: int | None  # None: products outside any category
    name: str
    units: int
    revenue_minor: int  # line revenue, as in ProductSales
    name_i18n: Mapping[str, str] = field(default_factory=dict)  # e.g. {"fr": "Chaises"}


@dataclass(frozen=True, slots=True)
class QueryCounts:
    """Searches of one query text, exactly as logged, from one source ('page' | 'instant')."""

    source: str
    query: str
    searches: int
    clicks: int  # searches from which a product was opened
    zero_results: int  # searches that found nothing


@dataclass(frozen=True, slots=True)
class EventCount:
    widget: str
    kind: str
    events: int


@dataclass(frozen=True, slots=True)
class ClickedLine:
    """A paid order line whose product the order's visitor clicked in a widget before paying."""

    widget: str
    order_id: int
    line_id: int
    revenue_minor: int  # unit price x quantity
    paid_at: datetime
    last_click_at: datetime  # the latest such click at or before paid_at


@dataclass(frozen=True, slots=True)
class RecommendationEventRow:
    visitor_id: str
    widget: str
    kind: str
    product_id: int | None  # None for an impression: one row per widget shown
    at: datetime


class AnalyticsStore(Protocol):
    """Aggregates over orders, shopper activity, search logs and recommendation events."""

    def quarter_hour_sales(
        self, currency: str, start: datetime, end: datetime
    ) -> list[QuarterSales]:
        """Orders paid in the range, grouped by the quarter hour of paid_at."""
        ...

    def funnel_counts(self, start: datetime, end: datetime) -> FunnelCounts:
        """Activity created in the range, and orders created in the range."""
        ...

    def product_sales(
        self, currency: str, first: date, last: date, limit: int
    ) -> list[ProductSales]:
        """Best sellers by revenue over the days first..last (inclusive)."""
        ...

    def category_sales(
        self, currency: str, first: date, last: date, limit: int
    ) -> list[CategorySales]:
        """Best categories (each product's own category) by revenue over first..last."""
        ...

    def search_counts(self, start: datetime, end: datetime) -> list[QueryCounts]:
        """Searches logged in the range, grouped by source and query text."""
        ...

    def event_counts(self, start: datetime, end: datetime) -> list[EventCount]:
        """Recommendation events in the range, grouped by widget and kind."""
        ...

    def clicked_lines(
        self, currency: str, start: datetime, end: datetime, clicks_since: datetime
    ) -> list[ClickedLine]:
        """Lines of ATTRIBUTABLE orders paid in the range, once per widget in which the
        order's visitor clicked the line's product between clicks_since and paid_at."""
        ...

    def add_recommendation_events(self, rows: Sequence[RecommendationEventRow]) -> None: ...
