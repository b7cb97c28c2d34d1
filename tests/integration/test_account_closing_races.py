"""Closing an account while its other browsers are busy with it, on SQLite and PostgreSQL with
real argon2: a sign-in whose password was checked as the account closed opens no session
on it; an order on its way is kept as the closing keeps orders (unlinked, its email kept for
the shop's records); an address or a wished product saved meanwhile is refused. Never a row
left hanging on a closed account, nor a database error for the shopper."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy import text

from storefront.adapters import sql_account_closing, sql_order_store
from storefront.adapters.passwords import Argon2Hasher
from storefront.adapters.sql_accounts import SqlAccountStore
from storefront.adapters.sql_inventory import SqlInventory
from storefront.adapters.sql_order_store import SqlOrderStore
from storefront.adapters.throttle import InProcessThrottle
from storefront.bootstrap import Shop
from storefront.services.accounts.credentials import token_hash
from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.ports import AccountGone
from storefront.services.accounts.resets import Resets
from storefront.services.accounts.service import Accounts
from storefront.services.checkout.pricing import Totals
from storefront.services.orders.ports import Address, NewOrder, OrderItem
from tests.integration.catalog_fixtures import seed_small_catalog
from tests.integration.checkout_fixtures import (
    ADDRESS,
    NOW,
    card_token,
    checkout,
    form,
    paying_shop,
)
from tests.integration.db_locks import wait_until_waiting_on_a_lock

PASSWORD = "correct horse battery"
EMAIL = "ann@example.com"


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop]) -> Shop:
    shop = make_shop(database_url)
    seed_small_catalog(shop)
    return shop


def accounts_of(shop: Shop) -> Accounts:
    assert shop.accounts is not None
    return shop.accounts


def rows(shop: Shop, sql: str, **params: object) -> list[tuple[Any, ...]]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql), params)]


def left_of(shop: Shop, account_id: int) -> dict[str, int]:
    """What still names the account, table by table."""
    tables = ("account_session", "account_visitor", "saved_address", "wishlist_item", "cart")
    found = {table: rows(shop, f"select count(*) from {table} where account_id = :a", a=account_id)
             for table in tables}  # fmt: skip
    found["account"] = rows(shop, "select count(*) from account where id = :a", a=account_id)
    found["sales_order"] = rows(
        shop, "select count(*) from sales_order where account_id = :a", a=account_id
    )
    return {table: int(count[0][0]) for table, count in found.items()}


NOTHING_LEFT = dict.fromkeys(
    (
        "account_session",
        "account_visitor",
        "saved_address",
        "wishlist_item",
        "cart",
        "account",
        "sales_order",
    ),
    0,
)


class Mails(list[tuple[str, str, str]]):
    def send(self, recipient: str, subject: str, body: str) -> None:
        self.append((recipient, subject, body))


class ClosedWhileChecking:
    """Argon2, but the account is closed (from another browser) while a password is being
    checked: the sign-in has read the account and is about to open its session."""

    def __init__(self, close: Callable[[], object]) -> None:
        self._argon2 = Argon2Hasher()
        self._close = close

    def hash(self, password: str) -> str:
        return self._argon2.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        valid = self._argon2.verify(password_hash, password)
        self._close()
        return valid

    def needs_rehash(self, password_hash: str) -> bool:
        return self._argon2.needs_rehash(password_hash)


def test_a_sign_in_checked_as_the_account_closed_opens_no_session_on_it(shop: Shop) -> None:
    assert shop.engine is not None
    accounts = accounts_of(shop)
    ann = accounts.sign_up(EMAIL, PASSWORD, "Ann", NOW, visitor_id="ann-laptop").account_id
    closed: list[str] = []
    hasher = ClosedWhileChecking(
        lambda: closed.append(accounts.close(ann, PASSWORD, NOW, visitor_id="ann-laptop"))
    )
    library = Accounts(SqlAccountStore(shop.engine), hasher, Mails(), throttle=InProcessThrottle())

    with pytest.raises(AccountError) as refused:
        library.sign_in(EMAIL, PASSWORD, NOW, visitor_id="library-computer")

    assert closed == [EMAIL]
    # What a sign-in to an account that does not exist is told.
    assert refused.value.code == "account.error.credentials"
    assert left_of(shop, ann) == NOTHING_LEFT


def test_a_password_reset_used_as_the_account_closed_opens_no_session_on_it(shop: Shop) -> None:
    assert shop.engine is not None
    accounts = accounts_of(shop)
    ann = accounts.sign_up(EMAIL, PASSWORD, "Ann", NOW).account_id
    store = SqlAccountStore(shop.engine)
    assert store.add_reset(token_hash("link"), ann, NOW, NOW.replace(year=2027), 3)

    class ClosingStore(SqlAccountStore):
        """The reset's new password is set, then the account is closed elsewhere."""

        def use_reset(self, token_hash: str, password_hash: str, now: Any) -> int | None:
            used = super().use_reset(token_hash, password_hash, now)
            assert store.close(ann, EMAIL)
            return used

    resetting = Resets(
        ClosingStore(shop.engine), Argon2Hasher(), Mails(), throttle=InProcessThrottle()
    )
    with pytest.raises(AccountError) as refused:
        resetting.reset_password("link", "a new long password", NOW, visitor_id="their-phone")
    assert refused.value.code == "account.error.reset_invalid"
    assert left_of(shop, ann) == NOTHING_LEFT


def test_nothing_is_hung_on_a_closed_account_by_its_store(shop: Shop) -> None:
    """The account store's writes for an account closed since the caller looked (a session,
    its browser, a trusted device, a reset link) say it is gone and write nothing."""
    assert shop.engine is not None
    store = SqlAccountStore(shop.engine)
    ann = accounts_of(shop).sign_up(EMAIL, PASSWORD, "Ann", NOW).account_id
    assert store.close(ann, EMAIL)
    later = NOW.replace(year=2027)
    for write in (
        lambda: store.add_session(token_hash("s"), ann, later, "ann-laptop"),
        lambda: store.link_visitor(ann, "ann-laptop", NOW, later),
        lambda: store.trust_device(token_hash("d"), ann, later, NOW),
        lambda: store.add_reset(token_hash("r"), ann, NOW, later, 3),
    ):
        with pytest.raises(AccountGone):
            write()
    assert left_of(shop, ann) == NOTHING_LEFT
    for table in ("trusted_device", "password_reset"):
        assert rows(shop, f"select count(*) from {table} where account_id = :a", a=ann) == [(0,)]


def test_an_address_or_a_wish_saved_as_the_account_closed_is_refused(shop: Shop) -> None:
    """What the checkout's "save this address" or another tab's heart sends after the
    session was read and the account closed: refused as for a signed-out shopper."""
    accounts = accounts_of(shop)
    assert shop.address_book is not None
    assert shop.wishlist is not None
    ann = accounts.sign_up(EMAIL, PASSWORD, "Ann", NOW).account_id
    with shop.uow() as uow:
        product_id = uow.catalog.product_keys()["P1"][0]
    accounts.close(ann, PASSWORD, NOW)
    for save in (
        lambda: shop.address_book.add(ann, ADDRESS, NOW),  # type: ignore[union-attr]
        lambda: shop.wishlist.add(ann, product_id, NOW),  # type: ignore[union-attr]
    ):
        with pytest.raises(AccountError) as refused:
            save()
        assert refused.value.code == "account.error.signed_out"
    assert left_of(shop, ann) == NOTHING_LEFT


def new_order(account_id: int, cart_id: int | None = None) -> NewOrder:
    return NewOrder(
        reference=f"RACE{account_id}",
        access_key="key",
        account_id=account_id,
        cart_id=cart_id,
        email=EMAIL,
        locale="en",
        address=Address(**ADDRESS),
        shipping_method="standard",
        discount_code=None,
        amounts=Totals(2_000, 0, 0, 2_000, 2_000, 333, "EUR"),
        lines=(OrderItem(1, "SKU-1-0", "Chair number 1", 1, 2_000),),
        visitor_id="ann-laptop",
    )


def test_a_close_waits_for_an_order_being_placed_then_unlinks_it(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The order's transaction has written it and not committed yet when the shopper closes
    the account in another tab: the close waits for it, then keeps it as it keeps the
    account's other orders (before, on PostgreSQL, the close failed on the order's key)."""
    engine = shop.engine
    assert engine is not None
    accounts = accounts_of(shop)
    ann = accounts.sign_up(EMAIL, PASSWORD, "Ann", NOW).account_id
    written, go_on = threading.Event(), threading.Event()
    write_events = sql_order_store.write_events

    def and_wait(connection: Any, events: Any) -> None:
        write_events(connection, events)
        written.set()
        assert go_on.wait(30)

    monkeypatch.setattr(sql_order_store, "write_events", and_wait)
    orders = SqlOrderStore(engine, SqlInventory(engine))
    with ThreadPoolExecutor(max_workers=2) as pool:
        placing = pool.submit(orders.create, new_order(ann))
        assert written.wait(30)
        closing = pool.submit(accounts.close, ann, PASSWORD, NOW)
        if engine.dialect.name == "postgresql":
            wait_until_waiting_on_a_lock(engine)
        else:
            time.sleep(0.5)  # SQLite shows no waiter: the close gets a head start
        assert not closing.done()
        go_on.set()
        order_id = placing.result(timeout=30)
        assert closing.result(timeout=30) == EMAIL
    kept = rows(
        shop, "select account_id, visitor_id, email from sales_order where id = :o", o=order_id
    )
    assert kept == [(None, None, EMAIL)]
    assert left_of(shop, ann) == NOTHING_LEFT


@pytest.fixture
def paying(database_url: str, make_shop: Callable[..., Shop], localstripe_url: str) -> Shop:
    return paying_shop(make_shop, database_url, localstripe_url)


def test_a_checkout_under_way_as_the_account_closed_places_a_guest_order(
    paying: Shop, localstripe_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checkout read the session and the cart, then the account closed in another tab:
    the order is placed and paid as a guest's, its email kept, as the closing keeps the
    orders placed before it (before, the order failed on the closed account's key)."""
    accounts = accounts_of(paying)
    assert paying.carts is not None
    signed = accounts.sign_up(EMAIL, PASSWORD, "Ann", NOW, visitor_id="ann-laptop")
    paying.carts.add(None, signed.account_id, "SKU-1-0", 1)
    owner = (token_hash("cart cookie"), signed.account_id)  # as state/cart.py owner_of says
    quotes = checkout(paying).quotes
    quote = quotes.quote

    def closed_meanwhile(*args: Any, **options: Any) -> Totals:
        accounts.close(signed.account_id, PASSWORD, NOW, visitor_id="ann-laptop")
        return quote(*args, **options)

    monkeypatch.setattr(quotes, "quote", closed_meanwhile)
    placed = checkout(paying).place_order(owner, form(email=EMAIL, visitor_id="ann-laptop"), NOW)
    monkeypatch.undo()

    step = checkout(paying).pay(placed.order_id, card_token(localstripe_url, "4242424242424242"))
    assert step.status.value == "paid"
    kept = rows(
        paying,
        "select account_id, visitor_id, cart_id, email, status from sales_order where id = :o",
        o=placed.order_id,
    )
    assert kept == [(None, None, None, EMAIL, "paid")]
    assert left_of(paying, signed.account_id) == NOTHING_LEFT


def test_an_unpaid_order_left_by_a_closed_account_is_no_new_carts_order(shop: Shop) -> None:
    """Closing deletes the account's cart: its unpaid order no longer names it, so the next
    cart made (SQLite may give it the same id) does not find that order as its own, to
    settle at its next checkout or to take its lines out of once paid."""
    assert shop.engine is not None
    assert shop.carts is not None
    accounts = accounts_of(shop)
    ann = accounts.sign_up(EMAIL, PASSWORD, "Ann", NOW).account_id
    shop.carts.add(None, ann, "SKU-1-0", 1)
    cart_id = shop.carts.cart_id(None, ann)
    assert cart_id is not None
    orders = SqlOrderStore(shop.engine, SqlInventory(shop.engine))
    order_id = orders.create(new_order(ann, cart_id))
    assert accounts.close(ann, PASSWORD, NOW) == EMAIL

    shop.carts.add(token_hash("next shopper"), None, "SKU-1-0", 1)
    next_cart = shop.carts.cart_id(token_hash("next shopper"), None)
    assert next_cart is not None

    assert orders.unpaid_for_cart(next_cart) == []
    kept = rows(
        shop, "select account_id, cart_id, status from sales_order where id = :o", o=order_id
    )
    assert kept == [(None, None, "pending")]


def test_a_reset_link_used_while_the_account_closes_waits_and_is_refused(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The close holds the account's row, then deletes its reset links; the link's use takes
    the account's row before the link's, so it waits instead of deadlocking with the close
    (PostgreSQL), and finds the link gone with the account."""
    engine = shop.engine
    assert engine is not None
    accounts = accounts_of(shop)
    resets = shop.resets
    assert resets is not None
    ann = accounts.sign_up(EMAIL, PASSWORD, "Ann", NOW).account_id
    assert SqlAccountStore(engine).add_reset(
        token_hash("link"), ann, NOW, NOW.replace(year=2027), 3
    )
    holding, go_on = threading.Event(), threading.Event()
    visitors_of = sql_account_closing.visitors_of

    def and_wait(connection: Any, account_id: int) -> list[str]:
        holding.set()
        assert go_on.wait(30)
        return visitors_of(connection, account_id)

    monkeypatch.setattr(sql_account_closing, "visitors_of", and_wait)
    with ThreadPoolExecutor(max_workers=2) as pool:
        closing = pool.submit(accounts.close, ann, PASSWORD, NOW)
        assert holding.wait(30)
        resetting = pool.submit(resets.reset_password, "link", "a new long password", NOW)
        if engine.dialect.name == "postgresql":
            wait_until_waiting_on_a_lock(engine)
        else:
            time.sleep(1)  # SQLite shows no waiter: the reset gets a head start
        assert not resetting.done()
        go_on.set()
        assert closing.result(timeout=30) == EMAIL
        with pytest.raises(AccountError) as refused:
            resetting.result(timeout=30)
    assert refused.value.code == "account.error.reset_invalid"
    assert left_of(shop, ann) == NOTHING_LEFT


def test_a_guest_cart_joining_an_account_closed_since_its_sign_in_stays_the_browsers(
    shop: Shop,
) -> None:
    """The sign-in's last step, after the account closed from another browser."""
    assert shop.carts is not None
    accounts = accounts_of(shop)
    ann = accounts.sign_up(EMAIL, PASSWORD, "Ann", NOW).account_id
    guest = token_hash("cart cookie")
    shop.carts.add(guest, None, "SKU-1-0", 2)
    accounts.close(ann, PASSWORD, NOW)

    shop.carts.attach(guest, ann)

    assert [(line.sku, line.quantity) for line in shop.carts.view(guest, None).lines] == [
        ("SKU-1-0", 2)
    ]
    assert left_of(shop, ann) == NOTHING_LEFT


def test_a_cart_change_sent_as_the_account_closed_is_refused_and_leaves_nothing(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another tab adds to the cart, or changes a line, after reading the account's cart and
    before writing to it, while the account closes: refused as for a closed account, never a
    database error, and no cart or line left on it."""
    carts, accounts = shop.carts, accounts_of(shop)
    assert carts is not None
    store = carts._store  # type: ignore[attr-defined]
    read = store.read

    def close_after_next_read(account_id: int) -> None:
        def read_then_close(token: str | None, owner: int | None) -> object:
            cart = read(token, owner)
            monkeypatch.setattr(store, "read", read)  # once
            accounts.close(account_id, PASSWORD, NOW)  # from another browser, meanwhile
            return cart

        monkeypatch.setattr(store, "read", read_then_close)

    ann = accounts.sign_up(EMAIL, PASSWORD, "Ann", NOW).account_id
    close_after_next_read(ann)  # no cart yet: it would be made as the account closes
    added = carts.add_and_view(None, ann, "SKU-1-0", 1)
    assert (added.refusal, added.product_id, added.view.lines) == (
        "cart.error.account_gone", None, ()
    )  # fmt: skip
    assert left_of(shop, ann) == NOTHING_LEFT

    changes = {
        "add": lambda owner: carts.add_and_view(None, owner, "SKU-1-0", 1),
        "set": lambda owner: carts.set_quantity_and_view(None, owner, "SKU-1-0", 3),
    }
    for name, change in changes.items():
        owner = accounts.sign_up(f"{name}@example.com", PASSWORD, "Bo", NOW).account_id
        carts.add(None, owner, "SKU-1-0", 1)  # its cart and line go with the account
        close_after_next_read(owner)
        assert change(owner).refusal == "cart.error.account_gone"
        assert left_of(shop, owner) == NOTHING_LEFT
    assert rows(shop, "select count(*) from cart_line") == [(0,)]
