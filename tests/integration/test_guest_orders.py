"""Adding the orders placed as a guest to an account, on real SQLite and PostgreSQL: asked
signed in, a link mailed to the account's address, its button used signed in to that same
account; only paid orders of that address (any case), never unpaid ones, never another
account's; single use, expiring, audited; the guest's old mail links keep working; and an
account someone made with another's address never gets that person's orders."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text

from models.orders import OrderStatus
from storefront.adapters import sql_guest_orders
from storefront.adapters.sql_guest_orders import SqlGuestOrders
from storefront.bootstrap import Shop
from storefront.services.accounts.credentials import token_hash
from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.guest_orders import (
    ASKS_PER_ACCOUNT,
    JOIN_ACTION,
    LINK_MINUTES,
    LINK_REPLACED,
    LINK_USED,
    OTHER_ACCOUNT,
    SIGN_IN,
    GuestLinkCheck,
    GuestOrders,
)
from storefront.services.accounts.service import Accounts
from storefront.services.checkout.pricing import Totals
from storefront.services.orders.ports import Address, NewOrder, OrderItem, OrderStore
from storefront.services.orders.viewing import order_history, visible_order
from tests.integration.catalog_fixtures import seed_small_catalog
from tests.integration.checkout_fixtures import ADDRESS, NOW
from tests.integration.db_locks import wait_until_waiting_on_a_lock

PASSWORD = "a long enough secret"
LINK = re.compile(r"/account/guest-orders\?token=([\w-]+)")


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop]) -> Shop:
    shop = make_shop(database_url)
    seed_small_catalog(shop)
    return shop


def parts(shop: Shop) -> tuple[Accounts, GuestOrders, OrderStore]:
    assert shop.accounts is not None
    assert shop.commerce is not None
    return shop.accounts, shop.commerce.guest_orders, shop.commerce.orders


def order(
    shop: Shop, reference: str, email: str, *moves: OrderStatus, account_id: int | None = None
) -> int:
    """An order as checkout writes it (its email canonical), then moved through `moves`
    as payments, shipping and refunds move it."""
    orders = parts(shop)[2]
    order_id = orders.create(
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
    for target in moves:
        refunded = 2_000 if target is OrderStatus.REFUNDED else None
        assert orders.move(order_id, target, refunded_minor=refunded).applied, target
    return order_id


def owners(shop: Shop) -> dict[str, int | None]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        found = connection.execute(text("select reference, account_id from sales_order"))
        return {str(row[0]): row[1] for row in found}


def last_link(shop: Shop, email: str) -> str:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        body = connection.execute(
            text("select body from mail_outbox where recipient = :to order by id desc"),
            {"to": email},
        ).scalar()
    [token] = LINK.findall(str(body))
    return str(token)


def joined_entries(shop: Shop) -> list[tuple[str, str, str, dict[str, object]]]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        rows = connection.execute(
            text(
                "select actor_email, action, subject, after from admin_audit"
                " where action = :a order by id"
            ),
            {"a": JOIN_ACTION},
        )
        return [(r[0], r[1], r[2], json.loads(r[3])) for r in rows]


def test_a_signed_in_account_adds_its_paid_guest_orders_and_never_an_unpaid_one(
    shop: Shop,
) -> None:
    accounts, guest_orders, orders = parts(shop)
    bob = accounts.sign_up("bob@example.com", PASSWORD, "Bob", NOW).account_id
    order(shop, "PAID", "ann@example.com", OrderStatus.PAID)
    order(shop, "SHIPPED", "ann@example.com", OrderStatus.PAID, OrderStatus.FULFILLED)
    order(shop, "REFUNDED", "ann@example.com", OrderStatus.PAID, OrderStatus.REFUNDED)
    order(shop, "CAPS", "ann@example.com", OrderStatus.PAID)
    order(shop, "PENDING", "ann@example.com")
    order(shop, "FAILED", "ann@example.com", OrderStatus.FAILED)
    order(shop, "ABANDONED", "ann@example.com", OrderStatus.CANCELED)
    order(shop, "BOBS", "ann@example.com", OrderStatus.PAID, account_id=bob)
    order(shop, "OTHER", "ann@elsewhere.example", OrderStatus.PAID)
    assert shop.engine is not None
    with shop.engine.begin() as connection:  # one written in capitals (not by checkout)
        connection.execute(
            text("update sales_order set email = 'Ann@Example.COM' where reference = 'CAPS'")
        )
    # Signed up in another case: the same address (the account keeps it canonical).
    ann = accounts.sign_up("  Ann@Example.COM", PASSWORD, "Ann", NOW).account_id
    assert guest_orders.request_link(ann, NOW, lang="en") == "ann@example.com"
    token = last_link(shop, "ann@example.com")
    assert owners(shop)["PAID"] is None  # asking joins nothing
    later = NOW + timedelta(minutes=5)
    assert guest_orders.check(token, ann, later) == GuestLinkCheck("ann@example.com")
    joined = guest_orders.join(token, ann, later)
    assert joined.references == ("PAID", "SHIPPED", "REFUNDED", "CAPS")
    assert owners(shop) == {
        "PAID": ann,
        "SHIPPED": ann,
        "REFUNDED": ann,
        "CAPS": ann,
        "PENDING": None,
        "FAILED": None,
        "ABANDONED": None,
        "BOBS": bob,
        "OTHER": None,
    }
    # The account's now, as if placed signed in; the guest's mail link still opens it.
    listed = sorted(o.reference for o in order_history(orders, ann))
    assert listed == ["CAPS", "PAID", "REFUNDED", "SHIPPED"]
    assert visible_order(orders, "PAID", "", ann) is not None
    assert visible_order(orders, "PAID", "key-PAID", None) is not None
    assert visible_order(orders, "PENDING", "", ann) is None
    # Audited order by order; the link proved the address too.
    assert joined_entries(shop) == [
        ("ann@example.com", JOIN_ACTION, f"order:{reference}", {"account_id": ann})
        for reference in joined.references
    ]
    record = accounts.account(ann)
    assert record is not None
    assert record.email_confirmed_at == later


def test_the_owner_of_an_address_someone_signed_up_with_never_joins_their_orders_to_it(
    shop: Shop,
) -> None:
    """Eve signs up with Vic's address and asks for the link: it goes to Vic's mailbox. Vic
    opens it signed out, or signed in to his other account: nothing joins, nothing says
    whether there were orders, and the link is left as it was."""
    accounts, guest_orders, _ = parts(shop)
    order(shop, "VIC", "vic@example.com", OrderStatus.PAID)
    eve = accounts.sign_up("vic@example.com", PASSWORD, "Eve", NOW).account_id
    vic = accounts.sign_up("vic@work.example", PASSWORD, "Vic", NOW).account_id
    guest_orders.request_link(eve, NOW, lang="en")
    token = last_link(shop, "vic@example.com")
    for browser, problem in ((0, SIGN_IN), (vic, OTHER_ACCOUNT)):
        assert guest_orders.check(token, browser, NOW) == GuestLinkCheck(problem=problem)
        with pytest.raises(AccountError, match=problem):
            guest_orders.join(token, browser, NOW)
    assert shop.engine is not None
    store = SqlGuestOrders(shop.engine)  # the store itself refuses it too
    assert store.join(token_hash(token), vic, NOW, lambda email, refs: []) is None
    assert owners(shop) == {"VIC": None}
    assert joined_entries(shop) == []
    link = store.link(token_hash(token))
    assert link is not None
    assert link.used_at is None
    record = accounts.account(eve)
    assert record is not None
    assert record.email_confirmed_at is None


def test_a_link_is_used_once_expires_and_dies_with_an_address_change(shop: Shop) -> None:
    accounts, guest_orders, _ = parts(shop)
    order(shop, "FIRST", "ann@example.com", OrderStatus.PAID)
    ann = accounts.sign_up("ann@example.com", PASSWORD, "Ann", NOW).account_id
    guest_orders.request_link(ann, NOW, lang="en")
    used = last_link(shop, "ann@example.com")
    assert guest_orders.join(used, ann, NOW).references == ("FIRST",)
    order(shop, "LATER", "ann@example.com", OrderStatus.PAID)
    with pytest.raises(AccountError, match=LINK_USED):
        guest_orders.join(used, ann, NOW)
    assert owners(shop) == {"FIRST": ann, "LATER": None}  # no automatic join afterwards

    again = NOW + timedelta(seconds=ASKS_PER_ACCOUNT.window_seconds)
    guest_orders.request_link(ann, again, lang="en")
    token = last_link(shop, "ann@example.com")
    assert shop.engine is not None
    store = SqlGuestOrders(shop.engine)
    expired = again + timedelta(minutes=LINK_MINUTES)
    assert store.join(token_hash(token), ann, expired, lambda email, refs: []) is None
    with shop.engine.begin() as connection:  # the address changed since it was mailed
        connection.execute(
            text("update account set email = 'ann@new.example' where id = :a"), {"a": ann}
        )
    with pytest.raises(AccountError, match=LINK_REPLACED):
        guest_orders.join(token, ann, again)
    assert owners(shop) == {"FIRST": ann, "LATER": None}


def test_two_uses_of_one_link_at_once_join_once(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first use has spent the link and not committed when the second comes (a double
    click, two tabs): the second waits on the account's row, then finds the link used."""
    accounts, guest_orders, _ = parts(shop)
    order(shop, "ONE", "ann@example.com", OrderStatus.PAID)
    ann = accounts.sign_up("ann@example.com", PASSWORD, "Ann", NOW).account_id
    guest_orders.request_link(ann, NOW, lang="en")
    token = last_link(shop, "ann@example.com")
    assert shop.engine is not None
    store = SqlGuestOrders(shop.engine)
    inside, go_on = threading.Event(), threading.Event()
    confirm = sql_guest_orders.confirm_email

    def and_wait(connection: Any, account_id: int, now: Any) -> None:
        confirm(connection, account_id, now)
        if not inside.is_set():
            inside.set()
            assert go_on.wait(30)

    monkeypatch.setattr(sql_guest_orders, "confirm_email", and_wait)

    def use() -> list[str] | None:
        return store.join(token_hash(token), ann, NOW, lambda email, refs: [])

    with ThreadPoolExecutor(max_workers=2) as pool:
        first = pool.submit(use)
        assert inside.wait(30)
        second = pool.submit(use)
        if shop.engine.dialect.name == "postgresql":
            wait_until_waiting_on_a_lock(shop.engine)
        else:
            time.sleep(0.5)  # SQLite shows no waiter: a head start
        assert not second.done()
        go_on.set()
        assert first.result(timeout=30) == ["ONE"]
        assert second.result(timeout=30) is None
    assert owners(shop) == {"ONE": ann}


def test_a_closed_accounts_links_go_with_it_and_its_joined_orders_stay_unlinked(
    shop: Shop,
) -> None:
    accounts, guest_orders, _ = parts(shop)
    order(shop, "G1", "ann@example.com", OrderStatus.PAID)
    ann = accounts.sign_up("ann@example.com", PASSWORD, "Ann", NOW).account_id
    guest_orders.request_link(ann, NOW, lang="en")
    guest_orders.join(last_link(shop, "ann@example.com"), ann, NOW)
    guest_orders.request_link(ann, NOW + timedelta(minutes=10), lang="en")  # left unused
    accounts.close(ann, PASSWORD, NOW + timedelta(minutes=11))
    assert owners(shop) == {"G1": None}
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        left = connection.execute(text("select count(*) from guest_order_link")).scalar_one()
    assert left == 0


def test_an_account_made_again_with_a_closed_ones_address_never_gets_its_orders(
    shop: Shop,
) -> None:
    """Closing unlinks the account's orders (README: "no longer linked"), its joined guest
    orders with them, and one placed in it as it closed: an account signed up again with
    that address adds none of them, only the guest orders placed since."""
    accounts, guest_orders, _ = parts(shop)
    order(shop, "G1", "ann@example.com", OrderStatus.PAID)
    ann = accounts.sign_up("ann@example.com", PASSWORD, "Ann", NOW).account_id
    guest_orders.request_link(ann, NOW, lang="en")
    guest_orders.join(last_link(shop, "ann@example.com"), ann, NOW)
    order(shop, "A1", "ann@example.com", OrderStatus.PAID, account_id=ann)
    accounts.close(ann, PASSWORD, NOW + timedelta(minutes=1))
    # Placed in the account as it closed in another tab: kept as closing keeps its orders.
    order(shop, "A2", "ann@example.com", OrderStatus.PAID, account_id=ann)
    order(shop, "G2", "ann@example.com", OrderStatus.PAID)  # a guest's, after closing
    again = accounts.sign_up("ann@example.com", PASSWORD, "Ann", NOW + timedelta(hours=1))
    guest_orders.request_link(again.account_id, NOW + timedelta(hours=1), lang="en")
    joined = guest_orders.join(
        last_link(shop, "ann@example.com"), again.account_id, NOW + timedelta(hours=1)
    )
    assert joined.references == ("G2",)
    assert owners(shop) == {"G1": None, "A1": None, "A2": None, "G2": again.account_id}
