"""The order page: opened with its key (the confirmation link, the mail) or by its owner."""

from __future__ import annotations

import hmac
from dataclasses import dataclass

import reflex as rx

from state.account import AccountState
from state.shop import call, shop
from storefront.i18n import translations
from storefront.services.orders.ports import OrderRecord
from storefront.services.orders.status import UNPAID


@dataclass
class OrderLineItem:
    title: str = ""
    sku: str = ""
    quantity: int = 0
    line_total_minor: int = 0


def _find(reference: str) -> OrderRecord | None:
    commerce = shop().commerce
    return commerce.orders.by_reference(reference) if commerce and reference else None


class OrderState(rx.State):
    found: bool = False
    loaded: bool = False
    reference: str = ""
    status: str = ""
    status_labels: dict[str, str] = {}  # noqa: RUF012
    waiting: bool = False
    email: str = ""
    placed_at: str = ""
    lines: list[OrderLineItem] = []  # noqa: RUF012
    address_lines: list[str] = []  # noqa: RUF012
    currency: str = "EUR"
    subtotal_minor: int = 0
    discount_minor: int = 0
    shipping_minor: int = 0
    total_minor: int = 0
    vat_rate: int = 0
    vat_minor: int = 0
    refunded_minor: int = 0

    @rx.event
    async def load(self) -> None:
        reference = str(self.router.page.params.get("reference", ""))[:16].upper()
        key = self.router.url.query_parameters.get("key", "")
        order = await call(_find, reference)
        account = await self.get_state(AccountState)
        await account.load()
        allowed = order is not None and (
            (bool(key) and hmac.compare_digest(str(key), order.access_key))
            or (order.account_id is not None and order.account_id == account.account_id)
        )
        self.loaded, self.found = True, bool(allowed)
        if not allowed or order is None:
            self.reference, self.lines, self.address_lines = "", [], []
            return
        self._show(order)

    def _show(self, order: OrderRecord) -> None:
        amounts, address = order.amounts, order.address
        self.reference, self.status, self.email = order.reference, order.status.value, order.email
        self.status_labels = translations(f"order.status.{order.status.value}")
        self.waiting = order.status in UNPAID
        self.placed_at = order.created_at.isoformat()
        self.lines = [
            OrderLineItem(
                line.title, line.sku, line.quantity, line.quantity * line.unit_price_minor
            )
            for line in order.lines
        ]
        self.address_lines = [
            part
            for part in (
                address.name,
                address.line1,
                address.line2,
                f"{address.postal_code} {address.city}",
                address.country,
            )
            if part
        ]
        self.currency = amounts.currency
        self.subtotal_minor, self.discount_minor = amounts.subtotal_minor, amounts.discount_minor
        self.shipping_minor, self.total_minor = amounts.shipping_minor, amounts.total_minor
        self.vat_rate, self.vat_minor = amounts.vat_rate, amounts.vat_minor
        self.refunded_minor = order.refunded_minor
