"""The dashboard's figures for a period: sales over time, the conversion funnel, top
products and categories, search and recommendation analytics (state/admin/dashboard_rows.py
shapes them for the charts)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from storefront.services.admin.access import Permission, Staff, require
from storefront.services.admin.analytics import (
    Analytics,
    Funnel,
    SalesPoint,
    SearchStats,
    WidgetStats,
)
from storefront.services.admin.analytics_ports import CategorySales, ProductSales

RANGES = (7, 30, 90, 365)  # the periods offered, in days
TOP = 8  # products and categories charted


@dataclass(frozen=True, slots=True)
class DashboardFigures:
    currency: str
    sales: list[SalesPoint]
    funnel: Funnel
    products: list[ProductSales]
    categories: list[CategorySales]
    search: SearchStats
    recs: list[WidgetStats]


def dashboard_figures(
    analytics: Analytics, actor: Staff, start: date, end: date
) -> DashboardFigures:
    """Every chart's figures from `start` to `end` (both included), for staff who may view."""
    require(actor, Permission.VIEW)
    return DashboardFigures(
        currency=analytics.currency,
        sales=analytics.sales_over_time(start, end),
        funnel=analytics.funnel(start, end),
        products=analytics.top_products(start, end, TOP),
        categories=analytics.top_categories(start, end, TOP),
        search=analytics.search_stats(start, end, limit=10),
        recs=analytics.recommendation_stats(start, end),
    )
