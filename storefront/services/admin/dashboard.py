"""The dashboard's figures, shaped for its charts: sales over time, the conversion funnel,
top products and categories, search and recommendation analytics."""

from __future__ import annotations

from datetime import date
from typing import Any

from models.money import minor_exponent
from storefront.i18n import translate
from storefront.i18n_format import format_short_day
from storefront.services.admin.access import Permission, Staff, require
from storefront.services.admin.analytics import Analytics

RANGES = (7, 30, 90, 365)  # the periods offered, in days


def dashboard_data(
    analytics: Analytics, actor: Staff, start: date, end: date, locale: str
) -> dict[str, Any]:
    """Every chart's rows. Amounts become major units here, for the charts' axes only."""
    require(actor, Permission.VIEW)
    scale = 10 ** minor_exponent(analytics.currency)
    sales = analytics.sales_over_time(start, end)
    funnel = analytics.funnel(start, end)
    search = analytics.search_stats(start, end, limit=10)
    recs = analytics.recommendation_stats(start, end)
    return {
        "sales": [
            {
                "day": format_short_day(locale, p.day),
                "revenue": p.revenue_minor / scale,
                "orders": p.orders,
                "average": p.average_order_minor / scale,
            }
            for p in sales
        ],
        "totals": {
            "revenue_minor": sum(p.revenue_minor for p in sales),
            "orders": sum(p.orders for p in sales),
        },
        "funnel": [
            {
                "step": translate(locale, f"admin.funnel.{s.key}"),
                "visitors": s.visitors,
                "rate": round(100 * s.rate, 1),
            }
            for s in funnel.steps
        ],
        "products": [
            {
                "name": (p.title or f"#{p.product_id}")[:40],
                "revenue": p.revenue_minor / scale,
                "units": p.units,
            }
            for p in analytics.top_products(start, end, 8)
        ],
        "categories": [
            {
                "name": c.name_i18n.get(locale) or c.name or "—",
                "revenue": c.revenue_minor / scale,
                "units": c.units,
            }
            for c in analytics.top_categories(start, end, 8)
        ],
        "search": {
            "searches": search.searches,
            "ctr": round(100 * search.ctr, 1),
            "zero": search.zero_result_searches,
        },
        "queries": [
            {"query": q.query, "searches": q.searches, "ctr": round(100 * q.ctr, 1)}
            for q in search.top_queries
        ],
        "zero_queries": [
            {"query": q.query, "searches": q.searches} for q in search.zero_result_queries
        ],
        "recs": [
            {
                "widget": translate(locale, f"admin.widget.{w.widget}"),
                "impressions": w.impressions,
                "clicks": w.clicks,
                "ctr": round(100 * w.ctr, 1),
                "revenue": w.attributed_revenue_minor / scale,
                "revenue_minor": w.attributed_revenue_minor,
                "orders": w.attributed_orders,
            }
            for w in recs
        ],
    }
