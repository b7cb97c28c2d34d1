"""Closing an account while its other browsers are busy with it, on SQLite and PostgreSQL with
real argon2: a sign-in whose password was checked as the account closed opens no session
on it; an address or a wished product saved meanwhile is refused. Never a row left hanging
on a closed account, nor a database error for the shopper."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import text

from storefront.adapters.passwords import Argon2Hasher
from storefront.adapters.sql_accounts import SqlAccountStore
from storefront.adapters.throttle import InProcessThrottle
from storefront.bootstrap import Shop
from storefront.services.accounts.ports import AccountGone
from storefront.services.accounts.service import AccountError, Accounts, token_hash
from tests.integration.catalog_fixtures import seed_small_catalog
from tests.integration.checkout_fixtures import ADDRESS, NOW

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

    resetting = Accounts(
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
        lambda: store.add_session(token_hash("s"), ann, later),
        lambda: store.link_visitor(ann, "ann-laptop", NOW),
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
