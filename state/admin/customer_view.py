"""A customer's page: their profile, addresses, orders and counts (reading it writes
nothing), their data to download (audited here, then posted for: no link), and their account
to close at their request (the email typed to confirm; audited)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from models.types import utc_now
from state.admin.customers import CustomerItem, customer_item
from state.admin.downloads import post_download
from state.admin.guard import AdminState, Errors, admin, one_use_key
from storefront.i18n import translations
from storefront.services.admin.access import Permission, Staff
from storefront.services.admin.customers import CUSTOMER_DATA, CustomerDetail


@dataclass
class CustomerOrderItem:
    id: int = 0
    reference: str = ""
    status: str = ""
    total_minor: int = 0
    refunded_minor: int = 0
    placed_at: str = ""


class AdminCustomerState(AdminState):
    customer: CustomerItem = CustomerItem()
    found: bool = False
    addresses: list[dict[str, str]] = []  # noqa: RUF012  # each in every language
    orders: list[CustomerOrderItem] = []  # noqa: RUF012
    wishlist_count: int = 0
    alert_count: int = 0
    refused_alert_count: int = 0
    close_key: str = ""
    errors: Errors = {}  # noqa: RUF012

    @rx.event
    async def load_page(self) -> None:
        staff = await self._staff(Permission.CUSTOMERS, opening=True)
        self.found, self.errors, self.close_key = False, {}, one_use_key()
        if staff is not None:
            await self._fetch(staff)

    async def _fetch(self, staff: Staff) -> None:
        detail = await self._read(admin().customers.detail, staff, self._path_id())
        if detail is not None:
            self._show(detail)

    def _show(self, detail: CustomerDetail) -> None:
        self.found = True
        self.customer = customer_item(detail.row)
        self.addresses = [
            {
                locale: f"{line}, {country}" if line else country
                for locale, country in translations(f"country.{code}", code).items()
            }
            for line, code in detail.addresses
        ]
        self.orders = [
            CustomerOrderItem(
                o.order_id,
                o.reference,
                o.status,
                o.total_minor,
                o.refunded_minor,
                o.placed_at.isoformat(),
            )
            for o in detail.orders
        ]
        self.wishlist_count, self.alert_count = detail.wishlist_count, detail.restock_alert_count
        self.refused_alert_count = detail.restock_refused_count

    @rx.event
    async def download_data(self) -> rx.event.EventSpec | None:
        """The customer's data: the audit entry is written here, and the page posts the
        single-use ticket it gets to the download's route, whose answer is the file."""
        staff = await self._staff(Permission.CUSTOMERS)
        if staff is None:
            return None
        ticket, _ = await self._attempt(
            admin().customers.data_ticket, staff, self._path_id(), utc_now()
        )
        if ticket is None:
            return None
        return rx.call_script(post_download(CUSTOMER_DATA, {"ticket": ticket}))

    @rx.event
    async def close_account(self, form: dict[str, Any]) -> rx.event.EventSpec | None:
        """Close the account at the customer's request, its email typed to confirm."""
        staff = await self._staff_for_form(Permission.CUSTOMERS, form, "close_key")
        if staff is None:
            return None
        email, self.errors = await self._attempt(
            admin().customers.close, staff, self._path_id(), str(form.get("confirm_email", ""))
        )
        if email is None:
            return None
        await self._tell("admin.customer.closed", moving=True, email=email)
        return rx.redirect("/admin/customers")
