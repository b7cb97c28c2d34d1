"""Stock page: variants at or under the low-stock threshold, lowest first."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import reflex as rx

from state.admin.guard import AdminState, admin
from state.browser_input import whole
from state.shop import shop
from storefront.i18n import attribute_lines
from storefront.services.admin.access import Permission, Staff


@dataclass
class LowStockItem:
    product_id: int = 0
    title: str = ""
    sku: str = ""
    # "Size: M · Colour: Navy" per locale: named as the shop names them (not "size=M").
    options: dict[str, str] = field(default_factory=dict)
    stock: int = 0


SHOWN = 100  # rows at most; the page says when there are more


class AdminStockState(AdminState):
    threshold: int = -1
    rows: list[LowStockItem] = []  # noqa: RUF012
    more: bool = False  # more variants are at or under the threshold than are shown
    form_key: int = 0

    @rx.event
    async def load_page(self) -> None:
        staff = await self._staff(Permission.VIEW, opening=True)
        if staff is not None:
            await self._show(staff)
            # Redrawn with the threshold in use: the field showed the one before (-1 at first).
            self.form_key += 1

    async def _show(self, staff: Staff) -> None:
        if self.threshold < 0:
            self.threshold = shop().settings.low_stock_threshold
        found, _ = await self._attempt(admin().catalog.low_stock, staff, self.threshold, SHOWN + 1)
        found = found or []
        self.more = len(found) > SHOWN
        self.rows = [
            LowStockItem(
                r.product_id, r.product_title, r.sku, attribute_lines(r.options.items()), r.stock
            )
            for r in found[:SHOWN]
        ]

    @rx.event
    async def apply_threshold(self, form: dict[str, Any]) -> None:
        staff = await self._staff(Permission.VIEW)
        if staff is None:
            return
        self.threshold = min(whole(form.get("threshold", ""), self.threshold), 10_000)
        await self._show(staff)
