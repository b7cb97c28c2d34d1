"""Dashboard analytics over a fake store: zero-filled days, average order, refused ranges,
query normalisation, the attribution window and event validation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from models.admin import Role
from state.admin.dashboard_rows import chart_rows
from storefront.services.admin.access import Staff
from storefront.services.admin.analytics import (
    Analytics,
    FunnelStep,
    QueryStat,
    SalesPoint,
    WidgetStats,
    ZeroResultQuery,
    normalise_query,
)
from storefront.services.admin.analytics_ports import (
    CategorySales,
    ClickedLine,
    EventCount,
    FunnelCounts,
    ProductSales,
    QuarterSales,
    QueryCounts,
    RecommendationEventRow,
)
from storefront.services.admin.dashboard import dashboard_figures
from storefront.services.errors import Refusal

PAID = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@dataclass
class FakeAnalyticsStore:
    slots: list[QuarterSales] = field(default_factory=list)
    counts: FunnelCounts = field(default_factory=lambda: FunnelCounts(0, 0, 0, 0))
    searches: list[QueryCounts] = field(default_factory=list)
    events: list[EventCount] = field(default_factory=list)
    clicked: list[ClickedLine] = field(default_factory=list)
    stored: list[RecommendationEventRow] = field(default_factory=list)
    categories: list[CategorySales] = field(default_factory=list)
    calls: list[tuple[object, ...]] = field(default_factory=list)

    def quarter_hour_sales(
        self, currency: str, start: datetime, end: datetime
    ) -> list[QuarterSales]:
        self.calls.append(("quarter_hour_sales", currency, start, end))
        return self.slots

    def funnel_counts(self, start: datetime, end: datetime) -> FunnelCounts:
        return self.counts

    def product_sales(
        self, currency: str, first: date, last: date, limit: int
    ) -> list[ProductSales]:
        self.calls.append(("product_sales", currency, first, last, limit))
        return []

    def category_sales(
        self, currency: str, first: date, last: date, limit: int
    ) -> list[CategorySales]:
        return self.categories[:limit]

    def search_counts(self, start: datetime, end: datetime) -> list[QueryCounts]:
        return self.searches

    def event_counts(self, start: datetime, end: datetime) -> list[EventCount]:
        return self.events

    def clicked_lines(
        self, currency: str, start: datetime, end: datetime, clicks_since: datetime
    ) -> list[ClickedLine]:
        self.calls.append(("clicked_lines", currency, start, end, clicks_since))
        return self.clicked

    def add_recommendation_events(self, rows: Sequence[RecommendationEventRow]) -> None:
        self.stored.extend(rows)


def test_sales_over_time_fills_days_without_orders_and_divides_to_whole_minor_units() -> None:
    slots = [
        QuarterSales(datetime(2026, 3, 2, 0, 0, tzinfo=UTC), 2, 6_000),
        QuarterSales(datetime(2026, 3, 2, 23, 45, tzinfo=UTC), 1, 4_000),
    ]
    store = FakeAnalyticsStore(slots=slots)
    points = Analytics(store, "EUR").sales_over_time(date(2026, 3, 1), date(2026, 3, 3))
    assert points == [
        SalesPoint(date(2026, 3, 1), 0, 0, 0),
        SalesPoint(date(2026, 3, 2), 3, 10_000, 3_333),
        SalesPoint(date(2026, 3, 3), 0, 0, 0),
    ]
    # The store is asked for whole UTC days, end day included, in the shop currency.
    assert store.calls == [
        (
            "quarter_hour_sales",
            "EUR",
            datetime(2026, 3, 1, tzinfo=UTC),
            datetime(2026, 3, 4, tzinfo=UTC),
        )
    ]


def test_days_are_the_shops_own_from_midnight_to_midnight_in_its_time_zone() -> None:
    """A Paris shop's 2 March runs from 23:00 UTC on 1 March (winter time); a Kathmandu
    shop's (UTC+5:45) from 18:15 UTC, on a quarter hour."""
    slots = [
        QuarterSales(datetime(2026, 3, 1, 18, 0, tzinfo=UTC), 1, 500),
        QuarterSales(datetime(2026, 3, 1, 18, 15, tzinfo=UTC), 1, 700),
        QuarterSales(datetime(2026, 3, 1, 23, 0, tzinfo=UTC), 1, 1_000),
        QuarterSales(datetime(2026, 3, 2, 22, 45, tzinfo=UTC), 1, 2_000),
        QuarterSales(datetime(2026, 3, 2, 23, 0, tzinfo=UTC), 1, 4_000),
    ]
    paris = FakeAnalyticsStore(slots=slots)
    points = Analytics(paris, "EUR", ZoneInfo("Europe/Paris")).sales_over_time(
        date(2026, 3, 1), date(2026, 3, 3)
    )
    assert [(p.day, p.orders, p.revenue_minor) for p in points] == [
        (date(2026, 3, 1), 2, 1_200),
        (date(2026, 3, 2), 2, 3_000),
        (date(2026, 3, 3), 1, 4_000),
    ]
    assert paris.calls[0][2:] == (
        datetime(2026, 2, 28, 23, 0, tzinfo=UTC),
        datetime(2026, 3, 3, 23, 0, tzinfo=UTC),
    )
    kathmandu = Analytics(FakeAnalyticsStore(slots=slots), "EUR", ZoneInfo("Asia/Kathmandu"))
    assert [p.orders for p in kathmandu.sales_over_time(date(2026, 3, 1), date(2026, 3, 3))] == [
        1,
        2,
        2,
    ]
    assert kathmandu.today(datetime(2026, 3, 1, 18, 15, tzinfo=UTC)) == date(2026, 3, 2)


def test_the_sales_charts_days_are_named_in_the_readers_language() -> None:
    """Not "11-30": a French reader takes "12-01" for the 12th of January."""
    analytics = Analytics(FakeAnalyticsStore(), "EUR")
    boss = Staff(1, "boss@example.com", Role.ADMIN)
    end_of_year = (date(2026, 11, 30), date(2026, 12, 1))
    figures = dashboard_figures(analytics, boss, *end_of_year)
    days = {
        locale: [p["day"] for p in chart_rows(figures, locale)["sales"]] for locale in ("en", "fr")
    }
    assert days == {"en": ["30 Nov", "1 Dec"], "fr": ["30 nov.", "1er déc."]}


def test_the_top_categories_are_named_in_the_readers_language() -> None:
    chairs = CategorySales(7, "Chairs", 3, 9_000, {"fr": "Chaises"})
    lamps = CategorySales(8, "Lamps", 1, 2_000)  # not translated: its own name
    analytics = Analytics(FakeAnalyticsStore(categories=[chairs, lamps]), "EUR")
    boss = Staff(1, "boss@example.com", Role.ADMIN)
    data = chart_rows(dashboard_figures(analytics, boss, date(2026, 3, 1), date(2026, 3, 7)), "fr")
    assert [c["name"] for c in data["categories"]] == ["Chaises", "Lamps"]


def test_a_single_day_range_gives_one_point() -> None:
    points = Analytics(FakeAnalyticsStore(), "EUR").sales_over_time(
        date(2026, 3, 1), date(2026, 3, 1)
    )
    assert points == [SalesPoint(date(2026, 3, 1), 0, 0, 0)]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2026, 3, 2), date(2026, 3, 1)),  # reversed
        (date(2025, 1, 1), date(2026, 1, 2)),  # 367 days
    ],
)
def test_reversed_or_overlong_ranges_are_refused_before_any_query(start: date, end: date) -> None:
    store = FakeAnalyticsStore()
    analytics = Analytics(store, "EUR")
    for call in (
        analytics.sales_over_time,
        analytics.funnel,
        analytics.top_products,
        analytics.top_categories,
        analytics.search_stats,
        analytics.recommendation_stats,
    ):
        with pytest.raises(Refusal) as refused:
            call(start, end)
        assert refused.value.code == "admin.analytics.error.range"
    assert store.calls == []


def test_a_full_leap_year_is_allowed() -> None:
    points = Analytics(FakeAnalyticsStore(), "EUR").sales_over_time(
        date(2028, 1, 1), date(2028, 12, 31)
    )
    assert len(points) == 366


def test_funnel_rates_are_relative_to_viewers_and_zero_without_any() -> None:
    analytics = Analytics(FakeAnalyticsStore(counts=FunnelCounts(8, 4, 2, 1)), "EUR")
    assert analytics.funnel(date(2026, 3, 1), date(2026, 3, 1)).steps == (
        FunnelStep("viewed", 8, 1.0),
        FunnelStep("carted", 4, 0.5),
        FunnelStep("checked_out", 2, 0.25),
        FunnelStep("paid", 1, 0.125),
    )
    empty = Analytics(FakeAnalyticsStore(counts=FunnelCounts(0, 0, 1, 1)), "EUR")
    assert [s.rate for s in empty.funnel(date(2026, 3, 1), date(2026, 3, 1)).steps] == [0.0] * 4


def test_top_products_passes_the_days_and_refuses_a_nonpositive_limit() -> None:
    store = FakeAnalyticsStore()
    analytics = Analytics(store, "EUR")
    analytics.top_products(date(2026, 3, 1), date(2026, 3, 3), limit=5)
    assert store.calls == [("product_sales", "EUR", date(2026, 3, 1), date(2026, 3, 3), 5)]
    with pytest.raises(ValueError, match="limit"):
        analytics.top_products(date(2026, 3, 1), date(2026, 3, 3), limit=0)


def test_queries_are_grouped_lower_case_trimmed_and_single_spaced() -> None:
    assert normalise_query("  Oak   CHAIR\t") == "oak chair"
    assert normalise_query("Crème") == normalise_query("CRÈME")


def test_search_stats_merge_spellings_and_count_results_pages_only() -> None:
    store = FakeAnalyticsStore(
        searches=[
            QueryCounts("page", "Oak chair", 2, 1, 0),
            QueryCounts("page", "oak  chair ", 1, 1, 0),
            QueryCounts("page", "lamp", 3, 0, 3),
            QueryCounts("page", "Sofa", 1, 0, 1),
            QueryCounts("instant", "oak", 4, 4, 0),
        ]
    )
    stats = Analytics(store, "EUR").search_stats(date(2026, 3, 1), date(2026, 3, 1), limit=2)
    assert (stats.searches, stats.clicks, stats.ctr) == (7, 2, 2 / 7)
    assert (stats.zero_result_searches, stats.instant_opens) == (4, 4)
    assert stats.top_queries == (QueryStat("lamp", 3, 0, 0.0), QueryStat("oak chair", 3, 2, 2 / 3))
    assert stats.zero_result_queries == (ZeroResultQuery("lamp", 3), ZeroResultQuery("sofa", 1))


def test_spellings_the_search_takes_for_one_are_one_query_named_by_the_most_searched() -> None:
    """ "creme" finds what "Crème" finds (text_folding): the dashboard counted them apart (QA)."""
    store = FakeAnalyticsStore(
        searches=[
            QueryCounts("page", "creme", 2, 1, 0),
            QueryCounts("page", "Crème", 3, 1, 0),
            QueryCounts("page", "coeur", 1, 0, 1),
            QueryCounts("page", "cœur", 1, 0, 1),
            QueryCounts("page", "Straße", 1, 0, 0),
        ]
    )
    stats = Analytics(store, "EUR").search_stats(date(2026, 3, 1), date(2026, 3, 1))
    assert stats.top_queries == (
        QueryStat("crème", 5, 2, 2 / 5),
        QueryStat("cœur", 2, 0, 0.0),  # as often as "coeur": the accented spelling
        QueryStat("straße", 1, 0, 0.0),
    )
    assert stats.zero_result_queries == (ZeroResultQuery("cœur", 2),)


def test_a_search_that_found_nothing_but_finds_products_now_is_marked_so() -> None:
    """The dashboard's list keeps it (it found nothing then) without a "Fix it" that would
    open a merchandising page with nothing to fix (QA)."""
    store = FakeAnalyticsStore(
        searches=[QueryCounts("page", "qazwire", 3, 0, 3), QueryCounts("page", "sofa", 1, 0, 1)]
    )
    boss = Staff(1, "boss@example.com", Role.ADMIN)
    figures = dashboard_figures(Analytics(store, "EUR"), boss, date(2026, 3, 1), date(2026, 3, 7))
    rows = chart_rows(figures, "en", frozenset({"qazwire"}))["zero_queries"]
    assert rows == [
        {"query": "qazwire", "searches": 3, "found": True},
        {"query": "sofa", "searches": 1, "found": False},
    ]


def test_search_stats_without_searches_are_zeros() -> None:
    stats = Analytics(FakeAnalyticsStore(), "EUR").search_stats(date(2026, 3, 1), date(2026, 3, 1))
    assert (stats.searches, stats.ctr, stats.top_queries, stats.zero_result_queries) == (
        0,
        0.0,
        (),
        (),
    )


def _line(widget: str, order_id: int, line_id: int, revenue: int, before: timedelta) -> ClickedLine:
    return ClickedLine(widget, order_id, line_id, revenue, PAID, PAID - before)


def test_recommendation_revenue_counts_clicks_up_to_seven_days_before_payment() -> None:
    store = FakeAnalyticsStore(
        events=[
            EventCount("similar", "impression", 4),
            EventCount("similar", "click", 1),
            EventCount("retired_widget", "click", 9),
        ],
        clicked=[
            _line("similar", 1, 10, 3_000, timedelta(days=7)),  # exactly on the edge: counts
            _line("similar", 2, 20, 5_000, timedelta(days=7, seconds=1)),  # too early
            _line("for_you", 1, 11, 1_000, timedelta(0)),
            _line("for_you", 3, 30, 2_000, timedelta(hours=1)),
            _line("retired_widget", 1, 12, 9_999, timedelta(0)),  # not a widget we report
        ],
    )
    stats = Analytics(store, "EUR").recommendation_stats(date(2026, 3, 1), date(2026, 3, 31))
    assert stats == [
        WidgetStats("similar", 4, 1, 0.25, 1, 3_000),
        WidgetStats("bought_together", 0, 0, 0.0, 0, 0),
        WidgetStats("for_you", 0, 0, 0.0, 2, 3_000),
    ]
    # Clicks are looked up from a week before the range, for orders paid early in it.
    assert store.calls[-1][-1] == datetime(2026, 2, 22, tzinfo=UTC)


def test_an_impression_is_one_row_per_widget_shown_and_a_click_one_per_product() -> None:
    store = FakeAnalyticsStore()
    analytics = Analytics(store, "EUR")
    analytics.record_recommendation("v1", "similar", "impression", [3, 4, 5], PAID)
    analytics.record_recommendation("v1", "similar", "click", [4], PAID)
    analytics.record_recommendation("v1", "for_you", "impression", [], PAID)  # nothing shown
    analytics.record_recommendation("", "for_you", "click", [4], PAID)  # anonymous
    assert store.stored == [
        RecommendationEventRow("v1", "similar", "impression", None, PAID),
        RecommendationEventRow("v1", "similar", "click", 4, PAID),
    ]


def test_a_pages_widget_events_are_written_together_or_not_at_all() -> None:
    store = FakeAnalyticsStore()
    writes: list[int] = []
    store.add_recommendation_events = lambda rows: writes.append(len(rows))  # type: ignore[method-assign]
    analytics = Analytics(store, "EUR")
    page = [
        ("similar", "click", [7]),
        ("similar", "impression", [3, 4]),
        ("bought_together", "impression", []),  # showed nothing
        ("for_you", "impression", [5]),
    ]
    analytics.record_recommendations("v1", page, PAID)
    assert writes == [3]  # one write: the click and the two widgets shown
    with pytest.raises(ValueError, match="trending"):
        analytics.record_recommendations("v1", [*page, ("trending", "click", [1])], PAID)
    assert writes == [3]  # a bad event refuses the page's events before any is written


@pytest.mark.parametrize(
    ("widget", "kind", "at"),
    [
        ("trending", "click", PAID),
        ("similar", "hover", PAID),
        ("similar", "click", PAID.replace(tzinfo=None)),
    ],
)
def test_unknown_widgets_kinds_and_naive_times_are_refused_and_not_stored(
    widget: str, kind: str, at: datetime
) -> None:
    store = FakeAnalyticsStore()
    with pytest.raises(ValueError, match=r"unknown|naive"):
        Analytics(store, "EUR").record_recommendation("v1", widget, kind, [1], at)
    assert store.stored == []
