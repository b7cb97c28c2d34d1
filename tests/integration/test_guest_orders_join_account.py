"""Guest orders joining the account of their email, on real SQLite and PostgreSQL: only once
the account's address is confirmed (the welcome's link, a reset's, an email change's), in
whatever case it was typed, never twice nor another account's; a guest order placed later
with a confirmed address is the account's at once; the account page's list, the order page's
access, the admin's customer page and the data export all see it, and closing the account
unlinks it as its other orders."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from functools import partial
from typing import Any

import pytest
from sqlalchemy import text

from storefront.adapters import sql_email_confirmations, sql_order_store
from storefront.adapters.sql_admin_customers import SqlCustomerStore
from storefront.adapters.sql_guest_orders import attach_guest_orders
from storefront.bootstrap import Shop
from storefront.services.accounts.personal_data import personal_data
from storefront.services.accounts.service import Accounts
from storefront.services.checkout.pricing import Totals
from storefront.services.orders.ports import Address, NewOrder, OrderItem, OrderStore
from storefront.services.orders.viewing import order_history, visible_order
from tests.integration.catalog_fixtures import seed_small_catalog
from tests.integration.checkout_fixtures import ADDRESS, NOW
from tests.integration.confirmed import deliver_welcomes
from tests.integration.db_locks import wait_until_waiting_on_a_lock

PASSWORD = "a long enough secret"
LINK = re.compile(r"/account/confirm\?token=([\w-]+)")


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop]) -> Shop:
    shop = make_shop(database_url)
    seed_small_catalog(shop)
    return shop


def accounts_of(shop: Shop) -> Accounts:
    assert shop.accounts is not None
    return shop.accounts


def orders_of(shop: Shop) -> OrderStore:
    assert shop.commerce is not None
    return shop.commerce.orders


def guest_order(shop: Shop, reference: str, email: str, account_id: int | None = None) -> int:
    """An order as checkout writes it: its email in canonical form (checkout/form.py)."""
    return orders_of(shop).create(
        NewOrder(
            reference=reference,
            access_key=f"key-{reference}",
            account_id=account_id,
            cart_id=None,
            email=email,
            locale="en",
            address=Address(**ADDRESS),
            shipping_method="standard",
            discount_code=None,
            amounts=Totals(2_000, 0, 0, 2_000, 2_000, 333, "EUR"),
            lines=(OrderItem(1, "SKU-1-0", "Chair number 1", 1, 2_000),),
            visitor_id=f"browser-{reference}",
        )
    )


def owners(shop: Shop) -> dict[str, int | None]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        found = connection.execute(text("select reference, account_id from sales_order"))
        return {str(row[0]): row[1] for row in found}


def confirm(shop: Shop, email: str) -> None:
    """Use the last link mailed to `email` to confirm it (the welcome's or a resend's)."""
    shop.email_confirmations.confirm(link_token(shop, email), NOW + timedelta(minutes=5))  # type: ignore[union-attr]


def link_token(shop: Shop, email: str) -> str:
    assert shop.engine is not None
    assert shop.email_confirmations is not None
    deliver_welcomes(shop, NOW)  # sign-up's welcome goes through the outbox
    with shop.engine.connect() as connection:
        body = connection.execute(
            text("select body from mail_outbox where recipient = :to order by id desc"),
            {"to": email},
        ).scalar()
    [token] = LINK.findall(str(body))
    return str(token)


def references(orders: list[Any]) -> list[str]:
    return sorted(order.reference for order in orders)


def test_guest_orders_join_the_account_only_once_its_address_is_confirmed(shop: Shop) -> None:
    guest_order(shop, "G1", "ann@example.com")
    guest_order(shop, "G2", "ann@example.com")
    guest_order(shop, "BOB", "bob@example.com")
    # Signed up in another case: the same address (the account keeps it canonical).
    ann = accounts_of(shop).sign_up("  Ann@Example.COM", PASSWORD, "Ann", NOW).account_id
    # Not confirmed: signing up proves nothing, so nothing of the address is shown.
    assert owners(shop) == {"G1": None, "G2": None, "BOB": None}
    assert order_history(orders_of(shop), ann) == []
    assert visible_order(orders_of(shop), "G1", "", ann) is None
    confirm(shop, "ann@example.com")
    assert owners(shop) == {"G1": ann, "G2": ann, "BOB": None}
    assert references(order_history(orders_of(shop), ann)) == ["G1", "G2"]
    # Its page opens for the account as for one placed signed in; another's still does not.
    assert visible_order(orders_of(shop), "G1", "", ann) is not None
    assert visible_order(orders_of(shop), "BOB", "", ann) is None


def test_confirming_again_or_later_links_changes_nothing(shop: Shop) -> None:
    guest_order(shop, "G1", "ann@example.com")
    accounts = accounts_of(shop)
    ann = accounts.sign_up("ann@example.com", PASSWORD, "Ann", NOW).account_id
    bob = accounts.sign_up("bob@example.com", PASSWORD, "Bob", NOW).account_id
    confirm(shop, "ann@example.com")
    confirm(shop, "bob@example.com")
    # Bob's order placed signed in, with Ann's address typed: stays Bob's.
    guest_order(shop, "BOBS", "ann@example.com", account_id=bob)
    assert shop.engine is not None
    with shop.engine.begin() as connection:  # what every later proof of the address runs
        assert attach_guest_orders(connection, ann) == 0
        assert attach_guest_orders(connection, bob) == 0
    assert owners(shop) == {"G1": ann, "BOBS": bob}


def test_a_guest_order_placed_with_a_confirmed_address_is_the_accounts_at_once(
    shop: Shop,
) -> None:
    accounts = accounts_of(shop)
    ann = accounts.sign_up("ann@example.com", PASSWORD, "Ann", NOW).account_id
    accounts.sign_up("eve@example.com", PASSWORD, "Eve", NOW)  # never confirmed
    guest_order(shop, "BEFORE", "ann@example.com")
    confirm(shop, "ann@example.com")
    guest_order(shop, "AFTER", "ann@example.com")
    guest_order(shop, "EVES", "eve@example.com")
    assert owners(shop) == {"BEFORE": ann, "AFTER": ann, "EVES": None}


def test_a_reset_link_proves_the_address_and_joins_its_orders(shop: Shop) -> None:
    guest_order(shop, "G1", "ann@example.com")
    ann = accounts_of(shop).sign_up("ann@example.com", PASSWORD, "Ann", NOW).account_id
    assert shop.resets is not None
    shop.resets.request_reset("ann@example.com", "http://shop.test/account/reset", NOW)
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        body = connection.execute(
            text("select body from mail_outbox where recipient = :to order by id desc"),
            {"to": "ann@example.com"},
        ).scalar()
    [token] = re.findall(r"token=([\w-]+)", str(body))
    shop.resets.reset_password(token, "another long secret", NOW + timedelta(minutes=1))
    assert owners(shop) == {"G1": ann}


def test_the_admin_the_export_and_closing_treat_a_joined_order_as_the_accounts(
    shop: Shop,
) -> None:
    guest_order(shop, "G1", "ann@example.com")
    accounts = accounts_of(shop)
    ann = accounts.sign_up("ann@example.com", PASSWORD, "Ann", NOW).account_id
    assert shop.engine is not None
    customers = SqlCustomerStore(shop.engine)
    detail = customers.detail(ann, 10)
    assert detail is not None
    assert [o.reference for o in detail.orders] == []
    confirm(shop, "ann@example.com")
    detail = customers.detail(ann, 10)
    assert detail is not None
    assert [o.reference for o in detail.orders] == ["G1"]
    assert shop.address_book is not None
    assert shop.wishlist is not None
    export = partial(
        personal_data,
        accounts=accounts,
        book=shop.address_book,
        wishlist=shop.wishlist,
        orders=orders_of(shop),
    )
    data = export(ann, NOW)
    assert data is not None
    assert [o["reference"] for o in data["orders"]] == ["G1"]
    accounts.close(ann, PASSWORD, NOW + timedelta(hours=1))
    assert owners(shop) == {"G1": None}  # kept unlinked, as its other orders would be


def wait_for_the_other(shop: Shop, started: Any) -> None:
    """Until the second writer waits on the first one's account row (PostgreSQL shows it;
    SQLite shows no waiter: it is given a head start)."""
    assert shop.engine is not None
    if shop.engine.dialect.name == "postgresql":
        wait_until_waiting_on_a_lock(shop.engine)
    else:
        time.sleep(0.5)
    assert not started.done()


def test_a_guest_order_placed_while_the_address_is_being_confirmed_joins_it(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The confirmation has joined the address's guest orders and not committed when a guest
    order with that address is placed: the order waits for it, then finds the address
    confirmed (otherwise neither would have joined it)."""
    ann = accounts_of(shop).sign_up("ann@example.com", PASSWORD, "Ann", NOW).account_id
    token = link_token(shop, "ann@example.com")
    joined, go_on = threading.Event(), threading.Event()
    attach = sql_email_confirmations.attach_guest_orders

    def and_wait(connection: Any, account_id: int) -> int:
        count = attach(connection, account_id)
        joined.set()
        assert go_on.wait(30)
        return count

    monkeypatch.setattr(sql_email_confirmations, "attach_guest_orders", and_wait)
    assert shop.email_confirmations is not None
    with ThreadPoolExecutor(max_workers=2) as pool:
        confirming = pool.submit(shop.email_confirmations.confirm, token, NOW)
        assert joined.wait(30)
        placing = pool.submit(guest_order, shop, "RACE", "ann@example.com")
        wait_for_the_other(shop, placing)
        go_on.set()
        assert confirming.result(timeout=30) == "ann@example.com"
        placing.result(timeout=30)
    assert owners(shop) == {"RACE": ann}


def test_an_address_confirmed_while_a_guest_order_is_being_placed_joins_it(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The guest order is written, found no confirmed account and not committed when the
    address is confirmed: the confirmation waits for it, then joins it."""
    ann = accounts_of(shop).sign_up("ann@example.com", PASSWORD, "Ann", NOW).account_id
    token = link_token(shop, "ann@example.com")
    written, go_on = threading.Event(), threading.Event()
    write_events = sql_order_store.write_events

    def and_wait(connection: Any, events: Any) -> None:
        write_events(connection, events)
        written.set()
        assert go_on.wait(30)

    monkeypatch.setattr(sql_order_store, "write_events", and_wait)
    assert shop.email_confirmations is not None
    with ThreadPoolExecutor(max_workers=2) as pool:
        placing = pool.submit(guest_order, shop, "RACE", "ann@example.com")
        assert written.wait(30)
        confirming = pool.submit(shop.email_confirmations.confirm, token, NOW)
        wait_for_the_other(shop, confirming)
        go_on.set()
        placing.result(timeout=30)
        assert confirming.result(timeout=30) == "ann@example.com"
    assert owners(shop) == {"RACE": ann}
