"""The admin's customers on real SQLite and PostgreSQL: paid orders counted and summed less
refunds, search, sorts, the detail, the audited data download (its single-use ticket) and
the closing on request (its audit entry without the email)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text, update
from sqlmodel import Session

from models.accounts import Account, SavedAddress, WishlistItem
from models.orders import OrderStatus, SalesOrder
from models.restock import RestockAlert
from models.types import utc_now
from storefront.bootstrap import Shop
from storefront.services.admin.access import AccessDenied, Permission
from storefront.services.admin.customers import CustomerQuery
from storefront.services.errors import Refusal
from tests.integration.admin_fixtures import (
    admin_of,
    sign_up,
    staff_of,
    team_sessions,
    unwritable_audit,
)
from tests.integration.catalog_fixtures import seed_small_catalog
from tests.integration.confirmed import confirm_address

T0 = datetime(2026, 1, 1, 9, tzinfo=UTC)


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop]) -> Shop:
    return make_shop(database_url)


def _ids(shop: Shop) -> dict[str, int]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return dict(connection.execute(text("select email, id from account")).all())  # type: ignore[arg-type]


def _joined(shop: Shop, email: str, days: int) -> None:
    assert shop.engine is not None
    with Session(shop.engine) as session:
        session.exec(
            update(Account).where(Account.email == email).values(created_at=T0 + timedelta(days))  # type: ignore[call-overload, arg-type]
        )
        session.commit()


def _order(
    session: Session,
    account_id: int | None,
    total: int,
    day: int,
    *,
    paid: bool = True,
    refunded: int = 0,
    status: OrderStatus = OrderStatus.PAID,
) -> None:
    at = T0 + timedelta(days=day)
    session.add(
        SalesOrder(
            account_id=account_id,
            total_minor=total,
            refunded_minor=refunded,
            status=status,
            created_at=at,
            paid_at=at if paid else None,
            email="x@example.com",
        )
    )


@pytest.fixture
def customers(shop: Shop) -> dict[str, int]:
    """Three shoppers (besides the team's): Zoë spent most, Bob ordered last, Carl never paid."""
    for email in ("zoe@example.com", "bob@shop.example", "carl@example.com"):
        sign_up(shop, email)
    for days, email in enumerate(("zoe@example.com", "bob@shop.example", "carl@example.com")):
        _joined(shop, email, days)
    ids = _ids(shop)
    assert shop.engine is not None
    with Session(shop.engine) as session:
        _order(session, ids["zoe@example.com"], 10_000, 5)
        _order(
            session,
            ids["zoe@example.com"],
            4_000,
            6,
            refunded=1_500,
            status=OrderStatus.PARTIALLY_REFUNDED,
        )
        _order(
            session, ids["zoe@example.com"], 2_000, 7, refunded=2_000, status=OrderStatus.REFUNDED
        )
        _order(session, ids["bob@shop.example"], 3_000, 9, status=OrderStatus.FULFILLED)
        _order(session, ids["bob@shop.example"], 99_000, 10, paid=False, status=OrderStatus.PENDING)
        _order(session, ids["carl@example.com"], 5_000, 11, paid=False, status=OrderStatus.FAILED)
        _order(session, None, 7_000, 12)  # a guest's: no account, not listed
        session.add(
            SavedAddress(
                account_id=ids["zoe@example.com"],
                name="Zoë Z",
                line1="1 rue",
                postal_code="75001",
                city="Paris",
                country="FR",
            )
        )
        # Asked for while signed in (a guest's of her email are not taken to be hers).
        zoe = ids["zoe@example.com"]
        session.add(
            RestockAlert(product_id=1, variant_id=1, email="zoe@example.com", account_id=zoe)
        )
        # Done, but the mail server refused her address: counted apart.
        session.add(
            RestockAlert(
                product_id=1, variant_id=2, email="zoe@example.com", account_id=zoe,
                notified_at=T0, refused_at=T0,
            )
        )  # fmt: skip
        session.commit()
    return ids


def test_counts_and_totals_are_paid_orders_less_refunds(
    shop: Shop, customers: dict[str, int]
) -> None:
    sessions = team_sessions(shop)
    staff = staff_of(shop, sessions.staff, Permission.CUSTOMERS)
    page = admin_of(shop).customers.page(staff, CustomerQuery(text="example", sort="spent"))
    got = {r.email: (r.paid_orders, r.spent_minor, r.last_order_at) for r in page.rows}
    assert got["zoe@example.com"] == (3, 12_500, T0 + timedelta(days=7))
    assert got["carl@example.com"] == (0, 0, None)
    # Staff accounts are no customers.
    assert sorted(got) == [
        "bob@shop.example",
        "carl@example.com",
        "shopper@example.com",
        "zoe@example.com",
    ]
    assert page.total == 4
    assert [r.email for r in page.rows][:2] == ["zoe@example.com", "bob@shop.example"]


def test_search_by_part_of_email_or_name_and_the_sorts(
    shop: Shop, customers: dict[str, int]
) -> None:
    staff = staff_of(shop, team_sessions(shop).admin, Permission.CUSTOMERS)
    desk = admin_of(shop).customers

    def emails(**query: object) -> list[str]:
        return [r.email for r in desk.page(staff, CustomerQuery(**query)).rows]  # type: ignore[arg-type]

    assert emails(text="SHOP.EX") == ["bob@shop.example"]
    assert emails(text="carl") == ["carl@example.com"]  # the name (sign_up: the email's start)
    assert emails(text="100%") == []  # '%' looked for as itself
    assert shop.engine is not None
    with shop.engine.begin() as db:  # every letter folded, not A to Z alone (SQLite's)
        db.execute(text("update account set name = 'Zoë Ünal' where email = 'zoe@example.com'"))
    assert emails(text="ZOË ü") == emails(text="zoë Ü") == ["zoe@example.com"]
    assert emails(text="zoe unal") == emails(text="ZOE Ü") == ["zoe@example.com"]
    with shop.engine.begin() as db:
        db.execute(text("update account set name = 'Café Crème' where email = 'carl@example.com'"))
    for typed in ("cafe creme", "CAFE", "café", "crème"):
        assert emails(text=typed) == ["carl@example.com"], typed
    assert emails(text="cafe cream") == []
    assert emails(text="o", sort="spent")[:2] == ["zoe@example.com", "bob@shop.example"]
    assert emails(text="o", sort="last_order")[:2] == ["bob@shop.example", "zoe@example.com"]
    three = ["zoe@example.com", "bob@shop.example", "carl@example.com"]
    assert [e for e in emails(sort="joined", descending=False) if e in three] == three
    assert emails(sort="joined", page_size=1, page=2) != emails(sort="joined", page_size=1)
    bob = desk.page(staff, CustomerQuery(text="bob")).rows[0]
    assert (bob.paid_orders, bob.spent_minor) == (1, 3_000)  # the unpaid 990.00 does not count


def test_the_detail_shows_orders_addresses_and_counts_and_writes_nothing(
    shop: Shop, customers: dict[str, int]
) -> None:
    staff = staff_of(shop, team_sessions(shop).staff, Permission.CUSTOMERS)
    detail = admin_of(shop).customers.detail(staff, customers["zoe@example.com"])
    assert detail.addresses == (("Zoë Z, 1 rue, 75001 Paris", "FR"),)
    assert [o.total_minor for o in detail.orders] == [2_000, 4_000, 10_000]
    assert (detail.wishlist_count, detail.restock_alert_count) == (0, 1)  # one still waits
    assert detail.restock_refused_count == 1
    assert "password" not in repr(detail)
    assert detail.row.email_confirmed_at is None  # its welcome's link not opened
    confirm_address(shop, "zoe@example.com", utc_now())
    confirmed = admin_of(shop).customers.detail(staff, customers["zoe@example.com"])
    assert confirmed.row.email_confirmed_at is not None
    assert _audit(shop) == []
    with pytest.raises(Refusal):  # staff are no customers
        admin_of(shop).customers.detail(staff, _ids(shop)["ada@example.com"])


def test_a_shopper_is_refused_the_customers(shop: Shop, customers: dict[str, int]) -> None:
    sessions = team_sessions(shop)
    with pytest.raises(AccessDenied):
        staff_of(shop, sessions.shopper, Permission.CUSTOMERS)


def test_the_data_download_and_the_closing_are_audited(
    shop: Shop, customers: dict[str, int]
) -> None:
    staff = staff_of(shop, team_sessions(shop).staff, Permission.CUSTOMERS)
    desk, zoe = admin_of(shop).customers, customers["zoe@example.com"]
    assert shop.engine is not None
    with Session(shop.engine) as session:
        session.add(WishlistItem(account_id=zoe, product_id=_a_product(shop)))
        session.commit()
    assert desk.detail(staff, zoe).wishlist_count == 1
    ticket = desk.data_ticket(staff, zoe, T0)
    assert _audit(shop) == [("customer.data", f"account:{zoe}")]  # as the ticket is issued
    assert _count(shop, "select count(*) from admin_download_ticket") == 1
    account_id, data = desk.personal_data(staff, ticket, T0 + timedelta(seconds=59))
    assert (account_id, data["account"]["email"]) == (zoe, "zoe@example.com")
    assert _count(shop, "select count(*) from admin_download_ticket") == 0  # spent
    with pytest.raises(Refusal) as spent:
        desk.personal_data(staff, ticket, T0)
    assert spent.value.code == "admin.customer.error.ticket"
    assert (len(data["orders"]), len(data["addresses"]), len(data["wishlist"])) == (3, 1, 1)
    # The refused alert is not told as mailed.
    assert [(a["mailed_at"], a["refused_at"]) for a in data["restock_alerts"]] == [
        (None, T0.isoformat()),
        (None, None),
    ]
    with pytest.raises(Refusal):
        desk.close(staff, zoe, "bob@shop.example")
    assert shop.engine is not None
    with shop.engine.begin() as connection:  # her latest order was placed in French
        connection.execute(
            text(
                "update sales_order set locale = 'fr' where account_id = :a and total_minor = 2000"
            ),
            {"a": zoe},
        )
    assert desk.close(staff, zoe, "zoe@example.com") == "zoe@example.com"
    assert "zoe@example.com" not in _ids(shop)
    with shop.engine.connect() as connection:
        left = connection.execute(
            text("select count(*) from sales_order where account_id is null")
        ).scalar_one()
        alerts = connection.execute(text("select count(*) from restock_alert")).scalar_one()
        receipt = (
            connection.execute(  # the newest: her welcome came first
                text(
                    "select subject from mail_outbox where recipient = 'zoe@example.com'"
                    " order by id desc"
                )
            )
            .scalars()
            .first()
        )
    assert (left, alerts) == (4, 0)  # her three orders stay, unlinked, with the guest's
    assert receipt == "Votre compte Boutique est fermé"  # in the language she ordered in
    assert _audit(shop) == [
        ("customer.data", f"account:{zoe}"),
        ("customer.close", f"account:{zoe}"),
    ]
    # GDPR: the account's id and its closing stay in the log; its email does not.
    assert _count(shop, "select count(*) from admin_audit where before || after like '%zoe%'") == 0
    with pytest.raises(Refusal) as again:
        desk.close(staff, zoe, "zoe@example.com")
    assert again.value.code == "admin.customer.error.closed"


def test_a_download_ticket_is_its_staff_members_for_a_minute_and_sweeps_old_ones(
    shop: Shop, customers: dict[str, int]
) -> None:
    sessions = team_sessions(shop)
    staff = staff_of(shop, sessions.staff, Permission.CUSTOMERS)
    boss = staff_of(shop, sessions.admin, Permission.CUSTOMERS)
    desk, zoe = admin_of(shop).customers, customers["zoe@example.com"]
    old = desk.data_ticket(staff, zoe, T0)
    ticket = desk.data_ticket(staff, zoe, T0 + timedelta(minutes=5))  # the old one swept
    assert _count(shop, "select count(*) from admin_download_ticket") == 1
    later = T0 + timedelta(minutes=5, seconds=1)
    for who, given, at in (
        (staff, old, later),
        (boss, ticket, later),  # another staff member's: left for its own
        (staff, ticket, T0 + timedelta(minutes=6)),  # expired
    ):
        with pytest.raises(Refusal) as refused:
            desk.personal_data(who, given, at)
        assert refused.value.code == "admin.customer.error.ticket"
    assert desk.personal_data(staff, ticket, later)[0] == zoe
    assert _count(shop, "select count(*) from admin_download_ticket") == 0


def test_refusals_to_close_say_why(shop: Shop, customers: dict[str, int]) -> None:
    sessions = team_sessions(shop)
    staff = staff_of(shop, sessions.staff, Permission.CUSTOMERS)
    desk, ids = admin_of(shop).customers, _ids(shop)
    for account_id, typed, code in (
        (ids["ada@example.com"], "ada@example.com", "admin.customer.error.staff"),
        (max(ids.values()) + 1, "x@example.com", "admin.customer.error.closed"),
        (customers["zoe@example.com"], "bob@shop.example", "admin.customer.error.confirm"),
    ):
        with pytest.raises(Refusal) as refused:
            desk.close(staff, account_id, typed)
        assert refused.value.code == code
    for account_id, code in (
        (ids["ada@example.com"], "admin.customer.error.staff"),
        (max(ids.values()) + 1, "admin.customer.error.closed"),
    ):
        with pytest.raises(Refusal) as refused:
            desk.data_ticket(staff, account_id, T0)
        assert refused.value.code == code
    assert len(_ids(shop)) == len(ids)
    assert _audit(shop) == []


def _count(shop: Shop, sql: str) -> int:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return int(connection.execute(text(sql)).scalar_one())


def _a_product(shop: Shop) -> int:
    seed_small_catalog(shop)
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return int(connection.execute(text("select min(id) from product")).scalar_one())


def _audit(shop: Shop) -> list[tuple[str, str]]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        rows = connection.execute(text("select action, subject from admin_audit order by id"))
        return [(a, s) for a, s in rows if a != "role.set"]  # the team's set-up left out


def test_a_closing_whose_audit_entry_cannot_be_written_does_not_land(
    shop: Shop, customers: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    staff = staff_of(shop, team_sessions(shop).staff, Permission.CUSTOMERS)
    monkeypatch.setattr("storefront.adapters.sql_accounts.write_audit", unwritable_audit)
    with pytest.raises(RuntimeError):
        admin_of(shop).customers.close(staff, customers["carl@example.com"], "carl@example.com")
    assert "carl@example.com" in _ids(shop)
    assert _audit(shop) == []
