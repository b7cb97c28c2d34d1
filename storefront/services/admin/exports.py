"""The admin's CSV downloads: the catalog (Boutique's or Shopify's format), and for the books
the orders the list's filter shows and the refunds made in its days.

Each is an audited download handed over by a ticket (download_tickets.py), as a customer's
data is: the page's action checks the permission and writes the audit entry as the ticket is
issued, the ticket carrying the download's parameters; the route posts it back and gets, once,
the file's name and its writer. The entry names what was asked for and how many products or
orders there were then (the file, written after, is not counted again)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Literal, TextIO

from storefront.services.admin.access import Permission, Staff, require
from storefront.services.admin.audit import AuditRecord
from storefront.services.admin.download_tickets import TicketStore, issue_ticket, take_ticket
from storefront.services.admin.order_export import ORDERS_CSV
from storefront.services.admin.order_views import OrderFilter
from storefront.services.admin.orders import AdminOrders
from storefront.services.admin.refund_export import REFUNDS_CSV
from storefront.services.catalog_csv import ExportFormat, catalog_size, export_catalog
from storefront.services.errors import Refusal
from storefront.services.use_cases import UseCaseRunner

CATALOG_CSV = "/api/admin/catalog.csv"
FORMATS: tuple[ExportFormat, ...] = ("generic", "shopify")
Export = Literal["catalog", "orders", "refunds"]
# Where each is posted; no link leads there.
ROUTES: dict[Export, str] = {"catalog": CATALOG_CSV, "orders": ORDERS_CSV, "refunds": REFUNDS_CSV}
REFUSED = "admin.export.error.ticket"


@dataclass(frozen=True, slots=True)
class CsvDownload:
    """A download its ticket was taken for: the file's name, and what writes it (returning
    how many products, orders or refunds it wrote)."""

    filename: str
    write: Callable[[TextIO], int]


class ExportDesk:
    def __init__(
        self, tickets: TicketStore, run: UseCaseRunner, orders: AdminOrders, zone: tzinfo
    ) -> None:
        self._tickets = tickets
        self._run = run
        self._orders = orders
        self._zone = zone  # the shop's: its days in the filter and the files' dates

    def catalog_ticket(self, actor: Staff, file_format: str, now: datetime) -> str:
        """A ticket to download every product, drafts included, with its stock; audited as
        `catalog.export` (the format and how many products)."""
        require(actor, Permission.VIEW)
        if file_format not in FORMATS:
            raise Refusal("admin.export.error.format")
        shown = {"format": file_format, "products": self._run(catalog_size)}
        entry = AuditRecord.of(actor, "catalog.export", "catalog", {}, shown)
        return self._issue(actor, "catalog", entry, now, {"format": file_format})

    def orders_ticket(self, actor: Staff, order_filter: OrderFilter, now: datetime) -> str:
        """A ticket to download the orders `order_filter` keeps; audited as `orders.export`
        (the filter and how many orders: it carries customers' names and emails)."""
        require(actor, Permission.VIEW)
        described = order_filter.described()
        count = self._orders.list_orders(order_filter, 1, 1).total
        shown = {"filter": described, "orders": count}
        entry = AuditRecord.of(actor, "orders.export", "orders", {}, shown)
        return self._issue(actor, "orders", entry, now, described)

    def refunds_ticket(self, actor: Staff, days: OrderFilter, now: datetime) -> str:
        """A ticket to download the refunds made within the filter's days (its other fields
        are the orders'); audited as `refunds.export` with those days."""
        require(actor, Permission.VIEW)
        described = days.described()
        span = {"from": described["from"], "to": described["to"]}
        entry = AuditRecord.of(actor, "refunds.export", "orders", {}, dict(span))
        return self._issue(actor, "refunds", entry, now, span)

    def download(self, actor: Staff, export: Export, ticket: str, now: datetime) -> CsvDownload:
        """The download a ticket of `actor`'s was issued for, if it is this `export`; the
        ticket is spent (the audit entry was written with it). Refused otherwise."""
        require(actor, Permission.VIEW)
        taken = take_ticket(self._tickets, actor, ticket, now)
        if taken is None or taken.subject != _subject(export):
            raise Refusal(REFUSED)
        return self._download(export, taken.payload, now)

    def _download(self, export: Export, payload: Mapping[str, str], now: datetime) -> CsvDownload:
        if export == "catalog":
            file_format: ExportFormat = (
                "shopify" if payload.get("format") == "shopify" else "generic"
            )
            return CsvDownload(
                f"catalog-{file_format}.csv",
                lambda stream: self._run(export_catalog, stream, file_format=file_format),
            )
        order_filter = OrderFilter.of_described(payload, self._zone)
        write = self._orders.export if export == "orders" else self._orders.export_refunds
        day = now.astimezone(self._zone).date().isoformat()
        return CsvDownload(
            f"{export}-{day}.csv", lambda stream: write(order_filter, stream, self._zone)
        )

    def _issue(
        self,
        actor: Staff,
        export: Export,
        entry: AuditRecord,
        now: datetime,
        payload: Mapping[str, str],
    ) -> str:
        return issue_ticket(
            self._tickets, actor, entry, now, subject=_subject(export), payload=payload
        )


def _subject(export: Export) -> str:
    """The ticket's subject: which download it is for."""
    return f"export:{export}"
