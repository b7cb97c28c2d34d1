"""The merchandiser dashboard's figures: sales, funnel, best sellers, search and recommendations.

All days are the shop's days (midnight to midnight in its time zone) and ranges are
inclusive of both dates. Money is in the shop currency
only (orders in another currency are left out rather than summed with it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from storefront.services.admin.analytics_ports import (
    EVENT_KINDS,
    AnalyticsStore,
    CategorySales,
    FunnelCounts,
    ProductSales,
    QueryCounts,
    RecommendationEventRow,
)
from storefront.services.errors import Refusal
from storefront.services.recommendations.widgets import WIDGETS
from storefront.services.shop_days import days_window, shop_day
from storefront.services.text_folding import fold

MAX_DAYS = 366
# A purchase is credited to a widget when its product was clicked there this long before.
ATTRIBUTION_WINDOW = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class SalesPoint:
    day: date
    orders: int
    revenue_minor: int  # net of refunds, counted on the day the order was paid
    average_order_minor: int  # revenue // orders, 0 without orders


@dataclass(frozen=True, slots=True)
class FunnelStep:
    key: str  # viewed | carted | checked_out | paid
    visitors: int
    rate: float  # of the visitors who viewed a product (0.0 when none did)


@dataclass(frozen=True, slots=True)
class Funnel:
    steps: tuple[FunnelStep, ...]  # viewed, carted, checked_out, paid


@dataclass(frozen=True, slots=True)
class QueryStat:
    query: str  # normalised: lower case, trimmed, single spaces
    searches: int
    clicks: int
    ctr: float


@dataclass(frozen=True, slots=True)
class ZeroResultQuery:
    query: str
    searches: int


@dataclass(frozen=True, slots=True)
class SearchStats:
    """Results-page searches only: instant results are logged only when one is opened (so
    their click-through would always be 1), and are counted apart as instant_opens."""

    searches: int
    clicks: int
    ctr: float
    zero_result_searches: int
    instant_opens: int
    top_queries: tuple[QueryStat, ...]  # most searched first
    zero_result_queries: tuple[ZeroResultQuery, ...]  # most searched first


@dataclass(frozen=True, slots=True)
class WidgetStats:
    widget: str
    impressions: int  # times the widget was shown
    clicks: int  # products opened from it
    ctr: float  # clicks / impressions
    attributed_orders: int
    attributed_revenue_minor: int  # line revenue of paid orders, at most once per line


def normalise_query(text: str) -> str:
    """The form queries are grouped under: lower case, trimmed, inner whitespace collapsed."""
    return " ".join(text.lower().split())


def _most_searched(spellings: Counter[str]) -> str:
    """The spelling searched most; of equals, the one with more accents (fewer ASCII
    letters: "crème" over "creme"), then the first in order."""
    return min(spellings, key=lambda s: (-spellings[s], sum(c.isascii() for c in s), s))


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _checked(start: date, end: date) -> None:
    """Refuse reversed or overlong ranges."""
    if end < start or (end - start).days + 1 > MAX_DAYS:
        raise Refusal("admin.analytics.error.range")


def _check_limit(limit: int) -> None:
    if limit < 1:
        raise ValueError(f"limit must be positive, not {limit}")


class Analytics:
    """Read-only figures over a store, plus recording of recommendation events."""

    def __init__(self, store: AnalyticsStore, currency: str, zone: tzinfo = UTC) -> None:
        self._store = store
        self.currency = currency
        self.zone = zone  # the shop's: its days start at midnight there

    def today(self, now: datetime) -> date:
        """The shop's day now."""
        return shop_day(now, self.zone)

    def _window(self, start: date, end: date) -> tuple[datetime, datetime]:
        _checked(start, end)
        return days_window(start, end, self.zone)

    def sales_over_time(self, start: date, end: date) -> list[SalesPoint]:
        """One point per day from start to end, days without orders included as zeros."""
        since, until = self._window(start, end)
        by_day: dict[date, list[int]] = {}
        for slot in self._store.quarter_hour_sales(self.currency, since, until):
            totals = by_day.setdefault(shop_day(slot.start, self.zone), [0, 0])
            totals[0] += slot.orders
            totals[1] += slot.revenue_minor
        points = []
        for offset in range((end - start).days + 1):
            day = start + timedelta(days=offset)
            orders, revenue = by_day.get(day, [0, 0])
            points.append(SalesPoint(day, orders, revenue, revenue // orders if orders else 0))
        return points

    def funnel(self, start: date, end: date) -> Funnel:
        """Distinct visitors who viewed, added to cart, placed an order and paid."""
        counts: FunnelCounts = self._store.funnel_counts(*self._window(start, end))
        values = (
            ("viewed", counts.viewed),
            ("carted", counts.carted),
            ("checked_out", counts.checked_out),
            ("paid", counts.paid),
        )
        return Funnel(tuple(FunnelStep(k, n, _ratio(n, counts.viewed)) for k, n in values))

    def top_products(self, start: date, end: date, limit: int = 10) -> list[ProductSales]:
        """Best-selling products by line revenue (paid orders, before refunds)."""
        _checked(start, end)
        _check_limit(limit)
        return self._store.product_sales(self.currency, start, end, limit)

    def top_categories(self, start: date, end: date, limit: int = 10) -> list[CategorySales]:
        """Best-selling categories (each product's own category) by line revenue."""
        _checked(start, end)
        _check_limit(limit)
        return self._store.category_sales(self.currency, start, end, limit)

    def search_stats(self, start: date, end: date, limit: int = 20) -> SearchStats:
        """Search volume, top and zero-result queries, and click-through of results pages."""
        _check_limit(limit)
        rows = self._store.search_counts(*self._window(start, end))
        return _search_stats([r for r in rows if r.source == "page"], rows, limit)

    def recommendation_stats(self, start: date, end: date) -> list[WidgetStats]:
        """Per widget: impressions, clicks, click-through and the revenue its clicks led to."""
        since, until = self._window(start, end)
        events = {(e.widget, e.kind): e.events for e in self._store.event_counts(since, until)}
        revenue = dict.fromkeys(WIDGETS, 0)
        orders: dict[str, set[int]] = {w: set() for w in WIDGETS}
        clicked = self._store.clicked_lines(self.currency, since, until, since - ATTRIBUTION_WINDOW)
        for line in clicked:
            # The store hands each (widget, line) once, with its latest click before payment.
            if line.widget in revenue and line.paid_at - line.last_click_at <= ATTRIBUTION_WINDOW:
                revenue[line.widget] += line.revenue_minor
                orders[line.widget].add(line.order_id)
        stats = []
        for widget in WIDGETS:
            shown, clicks = events.get((widget, "impression"), 0), events.get((widget, "click"), 0)
            ctr = _ratio(clicks, shown)
            stats.append(
                WidgetStats(widget, shown, clicks, ctr, len(orders[widget]), revenue[widget])
            )
        return stats

    def record_recommendation(
        self, visitor_id: str, widget: str, kind: str, product_ids: Sequence[int], at: datetime
    ) -> None:
        """Record a widget shown (one impression, whatever it showed) or products clicked in it."""
        self.record_recommendations(visitor_id, [(widget, kind, product_ids)], at)

    def record_recommendations(
        self,
        visitor_id: str,
        events: Sequence[tuple[str, str, Sequence[int]]],
        at: datetime,
    ) -> None:
        """Several (widget, kind, product ids) of one page at once: one write for them all."""
        for widget, kind, _ in events:
            if widget not in WIDGETS:
                raise ValueError(f"unknown recommendation widget {widget!r}")
            if kind not in EVENT_KINDS:
                raise ValueError(f"unknown recommendation event kind {kind!r}")
        if at.tzinfo is None:
            raise ValueError("naive datetime: use timezone-aware UTC")
        # Anonymous requests, and widgets that showed nothing, are not events.
        if not visitor_id:
            return
        rows = [
            RecommendationEventRow(visitor_id[:64], widget, kind, pid, at)
            for widget, kind, product_ids in events
            if product_ids
            # One impression per widget shown (not per product) makes CTR "shown, then used".
            for pid in ([None] if kind == "impression" else product_ids)
        ]
        if rows:
            self._store.add_recommendation_events(rows)


def _search_stats(page: list[QueryCounts], rows: list[QueryCounts], limit: int) -> SearchStats:
    # Spellings the search takes for one ("creme", "Crème", "coeur", "cœur": text_folding)
    # are one query, named by its most searched spelling (QA: they were counted apart).
    grouped: dict[str, list[int]] = {}  # folded -> [searches, clicks, zero results]
    spellings: dict[str, Counter[str]] = {}
    for row in page:
        spelling = normalise_query(row.query)
        key = fold(spelling)
        totals = grouped.setdefault(key, [0, 0, 0])
        totals[0] += row.searches
        totals[1] += row.clicks
        totals[2] += row.zero_results
        spellings.setdefault(key, Counter())[spelling] += row.searches
    merged = {_most_searched(spellings[key]): t for key, t in grouped.items()}
    searches = sum(t[0] for t in merged.values())
    clicks = sum(t[1] for t in merged.values())
    top = sorted(merged.items(), key=lambda item: (-item[1][0], item[0]))[:limit]
    zero = sorted(
        ((q, t[2]) for q, t in merged.items() if t[2]), key=lambda item: (-item[1], item[0])
    )[:limit]
    return SearchStats(
        searches=searches,
        clicks=clicks,
        ctr=_ratio(clicks, searches),
        zero_result_searches=sum(t[2] for t in merged.values()),
        instant_opens=sum(r.searches for r in rows if r.source == "instant"),
        top_queries=tuple(QueryStat(q, t[0], t[1], _ratio(t[1], t[0])) for q, t in top),
        zero_result_queries=tuple(ZeroResultQuery(q, n) for q, n in zero),
    )
