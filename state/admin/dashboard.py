"""Dashboard: sales over time, the conversion funnel, top products and categories, search
and recommendation analytics, for the last 7, 30, 90 or 365 days."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import reflex as rx

from models.types import utc_now
from state.admin.dashboard_rows import chart_rows
from state.admin.guard import AdminState, admin
from state.browser_input import whole
from state.locale import LocaleState
from state.shop import call, shop, with_database
from storefront.services.admin.access import Permission, Staff
from storefront.services.admin.dashboard import RANGES, dashboard_figures
from storefront.services.shop_days import shop_day

Rows = list[dict[str, Any]]


class AdminDashboardState(AdminState):
    days: int = 30
    sales: Rows = []  # noqa: RUF012
    totals: dict[str, int] = {}  # noqa: RUF012
    funnel: Rows = []  # noqa: RUF012
    products: Rows = []  # noqa: RUF012
    categories: Rows = []  # noqa: RUF012
    search: dict[str, float] = {}  # noqa: RUF012
    queries: Rows = []  # noqa: RUF012
    zero_queries: Rows = []  # noqa: RUF012
    recs: Rows = []  # noqa: RUF012
    loaded: bool = False  # a first answer came: until then an empty chart is still coming

    @rx.event
    async def load_page(self) -> None:
        staff = await self._staff(Permission.VIEW, opening=True)
        if staff is not None:
            await self._show(staff)

    async def _show(self, staff: Staff) -> None:
        end = shop_day(utc_now(), shop().settings.zone)
        start = end - timedelta(days=self.days - 1)
        locale = (await self.get_state(LocaleState)).locale
        figures = await call(
            dashboard_figures, with_database(shop().analytics, "analytics"), staff, start, end
        )
        found = await self._found_now(staff, [q.query for q in figures.search.zero_result_queries])
        for key, value in chart_rows(figures, locale, found).items():
            setattr(self, key, value)
        self.loaded = True

    async def _found_now(self, staff: Staff, queries: list[str]) -> frozenset[str]:
        """Of the searches that found nothing, those that find products now (the
        merchandising page has no fix for them): none known until the index has loaded."""
        merchandising = admin().merchandising
        if not queries or merchandising is None or not shop().search_loaded:
            return frozenset()
        return await call(merchandising.found_now, staff, queries)

    @rx.event
    async def set_range(self, days: str | list[str]) -> None:
        staff = await self._staff(Permission.VIEW)
        if staff is None:
            return
        chosen = whole(days if isinstance(days, str) else "", 30)
        self.days = chosen if chosen in RANGES else 30
        await self._show(staff)
