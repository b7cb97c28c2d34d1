"""The admin's customers desk on fakes: paging, permission, the audited data download (a
single-use ticket) and the account closed on the shopper's request (confirmed by typing the
email; no email kept in its audit entry), each refusal with its own message."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from models.admin import Role
from storefront.services.admin.access import AccessDenied, Staff
from storefront.services.admin.audit import AuditRecord
from storefront.services.admin.customers import (
    CustomerDesk,
    CustomerDetail,
    CustomerQuery,
    CustomerRow,
    CustomerSort,
)
from storefront.services.errors import Refusal
from tests.unit.services.admin_fakes import FakeAudit, FakeTickets

NOW = datetime(2026, 12, 4, 12, tzinfo=UTC)
ADMIN = Staff(1, "boss@example.com", Role.ADMIN)
STAFF = Staff(2, "clerk@example.com", Role.STAFF)
SHOPPER = Staff(3, "ann@example.com", Role.SHOPPER)


def _row(account_id: int) -> CustomerRow:
    return CustomerRow(
        account_id, f"c{account_id}@example.com", f"C {account_id}", NOW, 1, 500, NOW
    )


class FakeStore:
    def __init__(self, n: int) -> None:
        self.accounts = {i: _row(i) for i in range(10, 10 + n)}
        self.staff = {5: "staff"}  # an account that is no customer
        self.asked: list[tuple[str, str, bool, int, int]] = []

    def count(self, text: str) -> int:
        return len([r for r in self.accounts.values() if text in r.email])

    def rows(
        self, text: str, sort: CustomerSort, descending: bool, offset: int, limit: int
    ) -> list[CustomerRow]:
        self.asked.append((text, sort, descending, offset, limit))
        found = [r for r in self.accounts.values() if text in r.email]
        return found[offset : offset + limit]

    def detail(self, account_id: int, max_orders: int) -> CustomerDetail | None:
        row = self.accounts.get(account_id)
        return CustomerDetail(row, "shopper", (), (), 0, 0) if row else None

    def role_of(self, account_id: int) -> str | None:
        return "shopper" if account_id in self.accounts else self.staff.get(account_id)


class Closer:
    def __init__(self, store: FakeStore) -> None:
        self.store = store
        self.closed: list[tuple[int, AuditRecord]] = []
        self.languages: list[str] = []

    def __call__(self, account_id: int, audit: AuditRecord, lang: str) -> str:
        self.closed.append((account_id, audit))
        self.languages.append(lang)
        return self.store.accounts.pop(account_id).email


def _desk(n: int = 3) -> tuple[CustomerDesk, FakeStore, FakeAudit, Closer]:
    store, audit = FakeStore(n), FakeAudit()
    closer = Closer(store)

    def data(account_id: int, now: datetime) -> dict[str, Any] | None:
        row = store.accounts.get(account_id)
        return {"account": {"email": row.email}} if row else None

    desk = CustomerDesk(store, audit, data, closer, FakeTickets(audit))
    return desk, store, audit, closer


def test_a_page_is_clamped_and_a_bad_sort_falls_back_to_sign_up() -> None:
    desk, store, _, _ = _desk(30)
    page = desk.page(STAFF, CustomerQuery(sort="password", page=9, page_size=25))  # type: ignore[arg-type]
    assert (page.total, page.pages, page.page, len(page.rows)) == (30, 2, 2, 5)
    assert store.asked == [("", "joined", True, 25, 25)]


def test_no_match_asks_no_rows() -> None:
    desk, store, _, _ = _desk(3)
    page = desk.page(ADMIN, CustomerQuery(text="  nobody  "))
    assert (page.total, page.rows, page.query.text, store.asked) == (0, (), "nobody", [])


def test_a_shopper_may_not_see_customers_nor_close_one() -> None:
    desk, store, audit, closer = _desk(1)
    with pytest.raises(AccessDenied):
        desk.page(SHOPPER, CustomerQuery())
    with pytest.raises(AccessDenied):
        desk.close(SHOPPER, 10, "c10@example.com")
    assert (closer.closed, audit.entries, len(store.accounts)) == ([], [], 1)


def test_the_data_download_is_audited_as_its_ticket_is_issued_and_the_ticket_works_once() -> None:
    desk, _, audit, _ = _desk(1)
    ticket = desk.data_ticket(STAFF, 10, NOW)
    assert [(e.actor_email, e.action, e.subject) for e in audit.entries] == [
        ("clerk@example.com", "customer.data", "account:10")
    ]
    assert desk.personal_data(STAFF, ticket, NOW) == (10, {"account": {"email": "c10@example.com"}})
    with pytest.raises(Refusal) as spent:
        desk.personal_data(STAFF, ticket, NOW)
    assert spent.value.code == "admin.customer.error.ticket"
    assert len(audit.entries) == 1  # taking the ticket writes no entry


@pytest.mark.parametrize(
    ("who", "ticket", "at"),
    [
        (ADMIN, "", NOW),  # another staff member's
        (STAFF, "made-up", NOW),
        (STAFF, "", NOW + timedelta(seconds=61)),  # expired
        (STAFF, "x" * 500, NOW),
    ],
)
def test_a_ticket_works_only_for_its_staff_member_for_a_minute(
    who: Staff, ticket: str, at: datetime
) -> None:
    desk, _, _, _ = _desk(1)
    issued = desk.data_ticket(STAFF, 10, NOW)
    with pytest.raises(Refusal) as refused:
        desk.personal_data(who, ticket or issued, at)
    assert refused.value.code == "admin.customer.error.ticket"
    assert desk.personal_data(STAFF, issued, NOW)[0] == 10  # still there, for its own


def test_a_shopper_gets_no_ticket_nor_data() -> None:
    desk, _, audit, _ = _desk(1)
    ticket = desk.data_ticket(STAFF, 10, NOW)
    with pytest.raises(AccessDenied):
        desk.data_ticket(SHOPPER, 10, NOW)
    with pytest.raises(AccessDenied):
        desk.personal_data(SHOPPER, ticket, NOW)
    assert len(audit.entries) == 1


@pytest.mark.parametrize(
    ("account_id", "code"),
    [(99, "admin.customer.error.closed"), (5, "admin.customer.error.staff")],
)
def test_the_data_of_no_such_customer_is_refused_unaudited(account_id: int, code: str) -> None:
    desk, _, audit, _ = _desk(1)
    with pytest.raises(Refusal) as refused:
        desk.data_ticket(STAFF, account_id, NOW)
    assert (refused.value.code, audit.entries) == (code, [])


def test_the_data_of_a_customer_closed_since_the_ticket_is_refused() -> None:
    desk, store, _, _ = _desk(1)
    ticket = desk.data_ticket(STAFF, 10, NOW)
    del store.accounts[10]
    with pytest.raises(Refusal) as refused:
        desk.personal_data(STAFF, ticket, NOW)
    assert refused.value.code == "admin.customer.error.closed"


def test_closing_wants_the_customers_email_typed() -> None:
    desk, store, _, closer = _desk(1)
    with pytest.raises(Refusal) as refused:
        desk.close(ADMIN, 10, "someone@example.com")
    assert refused.value.fields == {"confirm_email": "admin.customer.error.confirm"}
    assert (closer.closed, 10 in store.accounts) == ([], True)


def test_closing_goes_through_the_shoppers_path_with_its_audit_entry() -> None:
    desk, _, audit, closer = _desk(1)
    assert desk.close(STAFF, 10, " C10@Example.com ") == "c10@example.com"
    [(account_id, entry)] = closer.closed
    assert closer.languages == ["en"]  # the language of their latest order (none here)
    assert (account_id, entry.action, entry.subject, entry.actor_id) == (
        10,
        "customer.close",
        "account:10",
        2,
    )
    # The account's id and its closing are kept, not its email (GDPR: it goes with it).
    assert (entry.before, entry.after) == ('{"paid_orders": 1}', "")
    assert "c10@example.com" not in repr(entry)
    assert audit.entries == []  # written by the closing, in its own transaction
    with pytest.raises(Refusal):
        desk.detail(STAFF, 10)


@pytest.mark.parametrize(
    ("account_id", "code"),
    [(99, "admin.customer.error.closed"), (5, "admin.customer.error.staff")],
)
def test_closing_an_account_closed_already_or_a_staff_one_says_which(
    account_id: int, code: str
) -> None:
    desk, _, _, closer = _desk(1)
    with pytest.raises(Refusal) as refused:
        desk.close(ADMIN, account_id, "c10@example.com")
    assert (refused.value.code, closer.closed) == (code, [])


def test_closing_without_the_permission_is_refused_as_such() -> None:
    desk, _, _, closer = _desk(1)
    with pytest.raises(AccessDenied) as refused:
        desk.close(SHOPPER, 10, "c10@example.com")
    assert (refused.value.code, closer.closed) == ("admin.error.role", [])
