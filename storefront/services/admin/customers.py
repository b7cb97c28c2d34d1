"""Shoppers' accounts in the admin, for a merchant answering a customer: a paged, searchable
list with what each has spent, one customer's detail, and the two GDPR requests a merchant
carries out for them (their data downloaded, their account closed), each audited.

"Paid orders" are those with a payment taken (paid_at set), refunded or not; "spent" is what
they paid less what was refunded to them. Guest orders (no account) are not listed: the
orders page finds those by email."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Literal, Protocol, get_args

from storefront.i18n import DEFAULT_LOCALE
from storefront.services.accounts.credentials import same_email
from storefront.services.admin.access import Permission, Staff, require
from storefront.services.admin.audit import AuditLog, AuditRecord
from storefront.services.admin.download_tickets import TicketStore, issue_ticket, take_ticket
from storefront.services.errors import Refusal
from storefront.services.paging import page_count

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
MAX_TEXT = 200
CustomerSort = Literal["joined", "spent", "last_order"]
SORT_KEYS: tuple[CustomerSort, ...] = get_args(CustomerSort)
MAX_ORDERS_SHOWN = 200
# Staff post a download ticket there (services/admin/download_tickets.py): no link to it.
CUSTOMER_DATA = "/api/admin/customers/data.json"
SUBJECT = "account:{account_id}"


@dataclass(frozen=True, slots=True)
class CustomerQuery:
    text: str = ""  # part of the email or the name, whatever its case and accents
    sort: CustomerSort = "joined"
    descending: bool = True
    page: int = 1
    page_size: int = PAGE_SIZE


@dataclass(frozen=True, slots=True)
class CustomerRow:
    account_id: int
    email: str
    name: str
    joined_at: datetime
    paid_orders: int
    spent_minor: int  # paid less refunded, in the shop's currency
    last_order_at: datetime | None  # when the last paid order was placed
    # When its owner proved the address theirs (services/accounts/email_confirmation.py);
    # None: not yet, or not read (the list does not).
    email_confirmed_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class CustomerPage:
    rows: tuple[CustomerRow, ...]
    total: int
    page: int
    pages: int
    query: CustomerQuery


@dataclass(frozen=True, slots=True)
class CustomerOrder:
    order_id: int
    reference: str
    status: str
    total_minor: int
    refunded_minor: int
    placed_at: datetime


@dataclass(frozen=True, slots=True)
class CustomerDetail:
    """What a merchant sees of a customer: never the password's hash nor a session."""

    row: CustomerRow
    role: str
    # Each on one line without its country, and the country's code (the page names it).
    addresses: tuple[tuple[str, str], ...]
    orders: tuple[CustomerOrder, ...]  # newest first, at most MAX_ORDERS_SHOWN
    wishlist_count: int
    restock_alert_count: int  # still waiting (not mailed yet)
    # The ones whose mail the mail server refused (the customer was not told).
    restock_refused_count: int = 0
    # The language of their latest order: their mails' (the receipt of a closing, say).
    locale: str = DEFAULT_LOCALE


class CustomerStore(Protocol):
    def count(self, text: str) -> int:
        """Shopper accounts whose email or name holds `text` ("" for all)."""
        ...

    def rows(
        self, text: str, sort: CustomerSort, descending: bool, offset: int, limit: int
    ) -> list[CustomerRow]: ...

    def detail(self, account_id: int, max_orders: int) -> CustomerDetail | None:
        """The shopper account's detail; None when there is none (or it is staff)."""
        ...

    def role_of(self, account_id: int) -> str | None:
        """The account's role; None when there is no such account (closed)."""
        ...


# The shopper's own paths, reused so that the merchant's request does what the shopper's does:
# the data download (services/accounts/personal_data.py) and the account's closing, which
# writes the audit entry in its own transaction, and returns the closed account's email.
PersonalData = Callable[[int, datetime], dict[str, Any] | None]
CloseAccount = Callable[[int, AuditRecord, str], str]  # (account, its audit entry, mail language)


class CustomerDesk:
    def __init__(
        self,
        store: CustomerStore,
        audit: AuditLog,
        personal_data: PersonalData,
        close_account: CloseAccount,
        tickets: TicketStore,
    ) -> None:
        self._store = store
        self._audit = audit
        self._tickets = tickets
        self._personal_data = personal_data
        self._close_account = close_account

    def page(self, actor: Staff, query: CustomerQuery) -> CustomerPage:
        """One page of shopper accounts (COUNT, then LIMIT/OFFSET)."""
        require(actor, Permission.CUSTOMERS)
        query = normalised(query)
        total = self._store.count(query.text)
        pages = page_count(total, query.page_size)
        page = min(query.page, pages)
        offset = (page - 1) * query.page_size
        rows = (
            self._store.rows(query.text, query.sort, query.descending, offset, query.page_size)
            if total
            else []
        )
        return CustomerPage(tuple(rows), total, page, pages, replace(query, page=page))

    def detail(self, actor: Staff, account_id: int) -> CustomerDetail:
        """A customer's detail (reading it writes nothing)."""
        require(actor, Permission.CUSTOMERS)
        found = self._store.detail(account_id, MAX_ORDERS_SHOWN)
        if found is None:
            raise Refusal("admin.customer.error.gone")
        return found

    def data_ticket(self, actor: Staff, account_id: int, now: datetime) -> str:
        """A single-use ticket to download the customer's data (`personal_data`), for
        `actor` only and for a minute; the download is audited as the ticket is issued."""
        require(actor, Permission.CUSTOMERS)
        if self._store.detail(account_id, 0) is None:
            raise Refusal(self._missing(account_id))
        subject = SUBJECT.format(account_id=account_id)
        entry = AuditRecord.of(actor, "customer.data", subject, None, {})
        return issue_ticket(self._tickets, actor, entry, now)

    def personal_data(self, actor: Staff, ticket: str, now: datetime) -> tuple[int, dict[str, Any]]:
        """The customer's id and data, as the shopper downloads it, for a ticket `actor` was
        issued (`data_ticket`, which wrote the audit entry); the ticket is spent."""
        require(actor, Permission.CUSTOMERS)
        taken = take_ticket(self._tickets, actor, ticket, now)
        kind, _, number = (taken.subject if taken else "").partition(":")
        if kind != "account" or not number.isdigit():
            raise Refusal("admin.customer.error.ticket")
        account_id = int(number)
        data = self._personal_data(account_id, now)
        if data is None:
            raise Refusal("admin.customer.error.closed")
        return account_id, data

    def close(self, actor: Staff, account_id: int, confirm_email: str) -> str:
        """Close the customer's account at their request, as the shopper's closing does;
        the merchant types its email to confirm. Returns the email it had, which the audit
        entry does not keep (GDPR: it goes with the account)."""
        require(actor, Permission.CUSTOMERS)
        found = self._store.detail(account_id, 0)
        if found is None:
            raise Refusal(self._missing(account_id))
        if not same_email(confirm_email, found.row.email):
            code = "admin.customer.error.confirm"
            raise Refusal(code, {"confirm_email": code})
        entry = AuditRecord.of(
            actor,
            "customer.close",
            SUBJECT.format(account_id=account_id),
            {"paid_orders": found.row.paid_orders},
            None,
        )
        return self._close_account(account_id, entry, found.locale)

    def _missing(self, account_id: int) -> str:
        """Why there is no customer `account_id` to act on: closed, or a staff account."""
        role = self._store.role_of(account_id)
        return "admin.customer.error.closed" if role is None else "admin.customer.error.staff"


def normalised(query: CustomerQuery) -> CustomerQuery:
    """Values from a URL or a form made safe: unknown ones fall back to the defaults."""
    return replace(
        query,
        text=query.text.strip()[:MAX_TEXT],
        sort=query.sort if query.sort in SORT_KEYS else "joined",
        page=max(1, query.page),
        page_size=min(max(1, query.page_size), MAX_PAGE_SIZE),
    )
