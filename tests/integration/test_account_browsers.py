"""Which browsing an account's data download holds, on SQLite and PostgreSQL: what each of its
browsers did while signed in to it. A session that ends without the browser signing out
(it expires, or a password change elsewhere ends it) leaves the browser with its visitor
id: whoever uses that computer next is not the account's."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import insert, text
from sqlmodel import SQLModel

from models.search import ShopperActivity
from models.types import utc_now
from storefront.adapters.sql_account_hold import hold_account
from storefront.adapters.sql_account_visitors import link_visitor
from storefront.adapters.sql_accounts import SqlAccountStore
from storefront.bootstrap import Shop
from storefront.services.accounts.personal_data import personal_data
from storefront.services.accounts.service import Accounts
from storefront.services.accounts.sessions import SESSION_DAYS
from tests.integration.db_locks import rows_free_to_write, wait_until_waiting_on_a_lock

PASSWORD = "correct horse battery"
EMAIL = "ann@example.com"
ACTIVITY = SQLModel.metadata.tables[str(ShopperActivity.__tablename__)]


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop]) -> Shop:
    return make_shop(database_url)


def accounts_of(shop: Shop) -> Accounts:
    assert shop.accounts is not None
    return shop.accounts


def searched(shop: Shop, visitor_id: str, words: str, at: datetime) -> None:
    """A search as the shop records it (by visitor id only), at a given time."""
    assert shop.engine is not None
    with shop.engine.begin() as connection:
        connection.execute(
            insert(ACTIVITY).values(
                visitor_id=visitor_id, kind="search", query=words, created_at=at
            )
        )


def downloaded(shop: Shop, account_id: int) -> list[str]:
    """The searches in the account's data download, oldest first."""
    assert shop.address_book is not None
    assert shop.wishlist is not None
    assert shop.commerce is not None
    data: dict[str, Any] | None = personal_data(
        account_id,
        utc_now(),
        accounts=accounts_of(shop),
        book=shop.address_book,
        wishlist=shop.wishlist,
        orders=shop.commerce.orders,
        browsing=shop.search_store,
    )
    assert data is not None
    return [act["query"] for act in reversed(data["browsing"])]


def test_browsing_after_the_session_expired_is_not_the_accounts(shop: Shop) -> None:
    now = utc_now()
    signed_in = now - timedelta(days=SESSION_DAYS + 10)
    expired = signed_in + timedelta(days=SESSION_DAYS)
    accounts = accounts_of(shop)
    ann = accounts.sign_up(EMAIL, PASSWORD, "Ann", signed_in, visitor_id="library-computer")
    searched(shop, "library-computer", "before ann", signed_in - timedelta(hours=1))
    searched(shop, "library-computer", "oak chair", signed_in + timedelta(days=1))
    searched(shop, "library-computer", "gift for bob", expired + timedelta(days=1))

    assert accounts.session(ann.session_token, now) is None
    assert downloaded(shop, ann.account_id) == ["oak chair"]


def test_browsing_after_a_password_change_ended_the_session_is_not_the_accounts(
    shop: Shop,
) -> None:
    """Ann left the library computer signed in, then changed her password at home, which
    signed the library out: what the next person there browses is not hers. Home stays in."""
    now = utc_now()
    accounts = accounts_of(shop)
    ann = accounts.sign_up(EMAIL, PASSWORD, "Ann", now - timedelta(hours=2), visitor_id="library")
    home = accounts.sign_in(EMAIL, PASSWORD, now - timedelta(hours=1), visitor_id="home")
    searched(shop, "library", "oak chair", now - timedelta(minutes=90))
    accounts.change_password(
        ann.account_id, PASSWORD, "a new long password", now, home.session_token
    )
    searched(shop, "library", "gift for bob", now + timedelta(minutes=1))
    searched(shop, "home", "lamp", now + timedelta(minutes=2))

    assert accounts.session(ann.session_token, now) is None
    assert downloaded(shop, ann.account_id) == ["oak chair", "lamp"]


def test_browsing_after_a_reset_ended_the_session_is_not_the_accounts(shop: Shop) -> None:
    now = utc_now()
    accounts = accounts_of(shop)
    ann = accounts.sign_up(EMAIL, PASSWORD, "Ann", now - timedelta(hours=2), visitor_id="library")
    searched(shop, "library", "oak chair", now - timedelta(minutes=90))
    assert shop.resets is not None
    shop.resets.request_reset(EMAIL, "https://shop.example/account/reset", now)
    link = _last_link(shop)
    phone = shop.resets.reset_password(link, "a new long password", now, visitor_id="phone")
    searched(shop, "library", "gift for bob", now + timedelta(minutes=1))
    searched(shop, "phone", "lamp", now + timedelta(minutes=2))

    assert accounts.session(ann.session_token, now) is None
    assert accounts.session(phone.session_token, now) == ann.account_id
    assert downloaded(shop, ann.account_id) == ["oak chair", "lamp"]


def _last_link(shop: Shop) -> str:
    """The reset token of the last link mailed."""
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        body = connection.execute(
            text("select body from mail_outbox order by id desc limit 1")
        ).scalar_one()
    return str(body).split("?token=", 1)[1].split()[0]


def test_browsing_after_signing_out_is_not_the_accounts(shop: Shop) -> None:
    """The tab gives the browser a new visitor id when it signs out; one that kept the old
    id (the tab closed before its cookie was written) still browses as no one's."""
    now = utc_now()
    accounts = accounts_of(shop)
    ann = accounts.sign_up(EMAIL, PASSWORD, "Ann", now - timedelta(hours=2), visitor_id="library")
    searched(shop, "library", "oak chair", now - timedelta(minutes=90))
    accounts.sign_out(ann.session_token, now - timedelta(minutes=30))
    searched(shop, "library", "gift for bob", now - timedelta(minutes=10))

    assert downloaded(shop, ann.account_id) == ["oak chair"]


def test_a_browser_signing_in_again_after_its_session_ended_browses_as_a_new_visitor(
    shop: Shop,
) -> None:
    """What it browsed between the two sessions may be someone else's: it stays out of the
    download, and the browser's next browsing is kept apart from it."""
    now = utc_now()
    signed_in = now - timedelta(days=SESSION_DAYS + 10)
    accounts = accounts_of(shop)
    ann = accounts.sign_up(EMAIL, PASSWORD, "Ann", signed_in, visitor_id="library-computer")
    searched(shop, "library-computer", "oak chair", signed_in + timedelta(days=1))
    searched(shop, "library-computer", "gift for bob", now - timedelta(days=1))
    again = accounts.sign_in(EMAIL, PASSWORD, now, visitor_id="library-computer")
    assert again.visitor_id not in ("", "library-computer")
    searched(shop, again.visitor_id, "lamp", now + timedelta(minutes=1))
    # While its session lasts, a browser signing in again keeps its id (and its history).
    assert accounts.sign_in(EMAIL, PASSWORD, now, visitor_id=again.visitor_id).visitor_id == (
        again.visitor_id
    )

    assert downloaded(shop, ann.account_id) == ["oak chair", "lamp"]


def test_one_browser_signing_in_to_two_accounts_at_once_is_linked_to_one(shop: Shop) -> None:
    """Two tabs of one browser sign in to two accounts at the same moment: the link to the
    second waits for the first, then finds the browser another account's (it browses as a
    new visitor there). Without that wait, on PostgreSQL, each held only its own account and
    both linked it: one account's browsing in the other's download."""
    assert shop.engine is not None
    accounts, now = accounts_of(shop), utc_now()
    ann = accounts.sign_up("ann@example.com", PASSWORD, "Ann", now).account_id
    bob = accounts.sign_up("bob@example.com", PASSWORD, "Bob", now).account_id
    store = SqlAccountStore(shop.engine)
    until = now + timedelta(days=SESSION_DAYS)
    with shop.engine.connect() as first, ThreadPoolExecutor(max_workers=1) as pool:
        with first.begin():
            hold_account(first, ann)
            assert link_visitor(first, ann, "shared-laptop", now, until)
            second = pool.submit(store.link_visitor, bob, "shared-laptop", now, until)
            if shop.engine.dialect.name == "postgresql":
                wait_until_waiting_on_a_lock(shop.engine)
            else:  # the first holds SQLite's write lock: no other writer may go on
                assert rows_free_to_write(shop.engine, "account_visitor") == 0
            assert not second.done()
        assert second.result(timeout=10) is False
    with shop.engine.connect() as connection:
        linked = (
            connection.execute(
                text("select account_id from account_visitor where visitor_id = 'shared-laptop'")
            )
            .scalars()
            .all()
        )
    assert linked == [ann]
