"""The dashboard's figures as its charts draw them, in the reader's language: days and
names written out, amounts in major units (for the axes only), rates in percent."""

from __future__ import annotations

from typing import Any

from models.money import minor_exponent
from storefront.i18n import translate
from storefront.i18n_format import format_short_day
from storefront.services.admin.dashboard import DashboardFigures

NAME_LENGTH = 120  # a product's name in its bar's tooltip (the axis shows its start)


def chart_rows(
    figures: DashboardFigures, locale: str, found_now: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """Each chart's rows, by the dashboard state's field names; `found_now`: the searches
    that found nothing then but find products now (marked so, with nothing to fix)."""
    scale = 10 ** minor_exponent(figures.currency)
    sales, search = figures.sales, figures.search
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
                "rate": _percent(s.rate),
            }
            for s in figures.funnel.steps
        ],
        "products": [
            {
                "name": (p.title or f"#{p.product_id}")[:NAME_LENGTH],
                "revenue": p.revenue_minor / scale,
                "units": p.units,
            }
            for p in figures.products
        ],
        "categories": [
            {
                "name": c.name_i18n.get(locale) or c.name or "—",
                "revenue": c.revenue_minor / scale,
                "units": c.units,
            }
            for c in figures.categories
        ],
        "search": {
            "searches": search.searches,
            "ctr": _percent(search.ctr),
            "zero": search.zero_result_searches,
        },
        "queries": [
            {"query": q.query, "searches": q.searches, "ctr": _percent(q.ctr)}
            for q in search.top_queries
        ],
        "zero_queries": [
            {"query": q.query, "searches": q.searches, "found": q.query in found_now}
            for q in search.zero_result_queries
        ],
        "recs": [
            {
                "widget": translate(locale, f"admin.widget.{w.widget}"),
                "impressions": w.impressions,
                "clicks": w.clicks,
                "ctr": _percent(w.ctr),
                "revenue": w.attributed_revenue_minor / scale,
                "revenue_minor": w.attributed_revenue_minor,
                "orders": w.attributed_orders,
            }
            for w in figures.recs
        ],
    }


def _percent(rate: float) -> float:
    return round(100 * rate, 1)
