"""The page a guest's back-in-stock link opens (/restock/confirm?token=…): what the alert is
for, and a button to confirm it (a mail scanner opening the link confirms nothing) or to stop
it (services/restock_links.py)."""

from __future__ import annotations

from urllib.parse import quote

import reflex as rx

from state.shop import call, shop, with_database
from storefront.i18n import translations
from storefront.services.restock_links import LINK_INVALID, LinkedAlert, RestockError, RestockLinks


def _links() -> RestockLinks:
    return with_database(shop().restock, "back-in-stock alerts").links


class RestockLinkState(rx.State):
    email: str = ""  # the alert's address ("": the link does not work)
    product: str = ""
    href: str = ""
    confirmed: bool = False
    in_stock: bool = False
    error: dict[str, str] = {}  # noqa: RUF012
    done: dict[str, str] = {}  # noqa: RUF012
    steps: int = 0  # the buttons pressed: each outcome takes the focus (components/restock_link)

    def _token(self) -> str:
        return str(self.router.url.query_parameters.get("token", ""))[:200]

    def _show(self, alert: LinkedAlert | None) -> None:
        self.error = {} if alert else translations(LINK_INVALID)
        self.email = alert.email if alert else ""
        self.confirmed = bool(alert and alert.confirmed)
        self.in_stock = bool(alert and alert.in_stock)
        if alert:
            variant = f" ({alert.variant_title})" if alert.variant_title else ""
            self.product = alert.product_title + variant
            slug, sku = quote(alert.product_slug, safe=""), quote(alert.sku, safe="")
            self.href = f"/product/{slug}?sku={sku}"

    @rx.event
    async def load(self) -> None:
        self.done = {}
        self._show(await call(_links().linked, self._token()))

    @rx.event
    async def confirm(self) -> None:
        self.steps += 1
        try:
            alert = await call(_links().confirm, self._token())
        except RestockError as exc:
            self._show(None)
            self.error = translations(exc.code)
            return
        self._show(alert)
        self.confirmed = True

    @rx.event
    async def stop(self) -> None:
        self.steps += 1
        try:
            await call(_links().stop, self._token())
        except RestockError as exc:
            self._show(None)
            self.error = translations(exc.code)
            return
        self.email = ""
        self.done = translations("restock.link.stopped")
