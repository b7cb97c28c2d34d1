"""A shopper's rights over their data, on SQLite and PostgreSQL with real argon2: the download
holds their account's data and no one else's; closing the account deletes what is theirs in
one transaction, the orders stay unlinked, a wrong password or a staff account closes
nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlmodel import Session
from starlette.testclient import TestClient

from models.orders import OrderStatus, SalesOrder
from models.types import utc_now
from storefront.adapters.sql_accounts import SqlAccountStore
from storefront.adapters.sql_restock import SqlRestockStore
from storefront.api.routes import build_api
from storefront.bootstrap import Shop, set_shop
from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.lockout import MAX_FAILURES
from storefront.services.accounts.personal_data import DOWNLOAD_PATH
from storefront.services.accounts.service import SESSION_COOKIE, Accounts
from tests.integration.catalog_fixtures import seed_small_catalog
from tests.integration.checkout_fixtures import ADDRESS, NOW
from tests.integration.confirmed import confirm_address, deliver_welcomes

PASSWORD = "correct horse battery"
# Every table holding something of an account, and how to count an account's rows in it.
OWNED = {
    "account": "id = :a",
    "account_session": "account_id = :a",
    "trusted_device": "account_id = :a",
    "password_reset": "account_id = :a",
    "email_confirmation": "account_id = :a",
    "guest_order_link": "account_id = :a",
    "saved_address": "account_id = :a",
    "wishlist_item": "account_id = :a",
    "cart": "account_id = :a",
    "sign_in_attempt": "email = :e",
    "sales_order": "account_id = :a",
    "account_visitor": "account_id = :a",
    "restock_alert": "account_id = :a",
    # Browsing is kept by visitor id: the browser that closes the account, one that signed
    # in to it earlier, and one an order was placed from (see a_shopper_with_everything).
    "shopper_activity": "visitor_id like :v",
    "search_log": "visitor_id like :v",
    "recommendation_event": "visitor_id like :v",
}


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop]) -> Shop:
    shop = make_shop(database_url)
    seed_small_catalog(shop)
    return shop


def accounts_of(shop: Shop) -> Accounts:
    assert shop.accounts is not None
    return shop.accounts


def counts(shop: Shop, account_id: int, email: str) -> dict[str, int]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return {
            table: int(
                connection.execute(
                    text(f"select count(*) from {table} where {where}"),
                    {"a": account_id, "e": email, "v": f"{email}/%"},
                ).scalar_one()
            )
            for table, where in OWNED.items()
        }


def a_shopper_with_everything(shop: Shop, email: str) -> tuple[int, str]:
    """An account with a session, a trusted browser, a reset link, a link adding its guest
    orders, an address, a wished product, a cart line, sign-in attempts and a paid order;
    (its id, its session token)."""
    accounts = accounts_of(shop)
    # Signed up from one browser (since signed out: the closing one has another visitor id).
    signed = accounts.sign_up(email, PASSWORD, "Ann", NOW, visitor_id=f"{email}/earlier")
    assert shop.email_confirmations is not None  # a link asked again, used; its welcome's not
    shop.email_confirmations.resend(signed.account_id, NOW, lang="en")
    confirm_address(shop, email, NOW)
    accounts.sign_in(email, PASSWORD, NOW)
    assert accounts.trust_device(signed.session_token, NOW) is not None
    assert shop.commerce is not None  # a link asked to add its guest orders
    shop.commerce.guest_orders.request_link(signed.account_id, NOW, lang="en")
    assert shop.resets is not None
    shop.resets.request_reset(email, "https://shop.example/account/reset", NOW)
    assert shop.address_book is not None
    assert shop.wishlist is not None
    assert shop.carts is not None
    assert shop.engine is not None
    shop.address_book.add(signed.account_id, ADDRESS, NOW)
    with shop.uow() as uow:
        product_id = uow.catalog.product_keys()["P1"][0]
    shop.wishlist.add(signed.account_id, product_id, NOW)
    shop.carts.add(None, signed.account_id, "SKU-1-0", 2)
    # A back-in-stock alert on a sold-out chair (product 10 is seeded without stock).
    assert shop.restock is not None
    with shop.engine.connect() as connection:
        sold_out = connection.execute(text("select id from variant where sku = 'SKU-10-0'"))
        shop.restock.subscribe(
            sold_out.scalar_one(), email, "en", NOW, account_id=signed.account_id
        )
    # What its browsers did, recorded as the shop records it: by visitor id only.
    assert shop.search_store is not None
    assert shop.analytics is not None
    for visitor in (f"{email}/browser", f"{email}/ordered", f"{email}/earlier"):
        shop.search_store.record_activity(visitor, "view", product_id, None)
        shop.search_store.log_search(visitor, "lamp", 3, "page")
        shop.analytics.record_recommendation(visitor, "similar", "impression", [product_id], NOW)
    with Session(shop.engine) as session:
        session.add(
            SalesOrder(
                reference=f"R-{signed.account_id}",
                status=OrderStatus.PAID,
                currency="EUR",
                total_minor=5_000,
                account_id=signed.account_id,
                email=email,
                visitor_id=f"{email}/ordered",
            )
        )
        session.commit()
    return signed.account_id, signed.session_token


def test_closing_deletes_what_is_the_shoppers_and_keeps_the_orders_unlinked(shop: Shop) -> None:
    accounts = accounts_of(shop)
    ann, session = a_shopper_with_everything(shop, "ann@example.com")
    bob, _ = a_shopper_with_everything(shop, "bob@example.com")
    # Two sign-in attempts; three browsers' browsing.
    assert set(counts(shop, ann, "ann@example.com").values()) == {1, 2, 3}
    bobs = counts(shop, bob, "bob@example.com")

    closed = accounts.close(ann, PASSWORD, NOW, visitor_id="ann@example.com/browser")
    assert closed == "ann@example.com"

    assert counts(shop, ann, "ann@example.com") == dict.fromkeys(OWNED, 0)
    assert counts(shop, bob, "bob@example.com") == bobs
    assert accounts.session(session, NOW) is None
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        kept = connection.execute(
            text(
                "select account_id, visitor_id, email, status from sales_order where reference = :r"
            ),
            {"r": f"R-{ann}"},
        ).one()
        mail = connection.execute(
            text("select subject from mail_outbox where recipient = :e order by id desc"),
            {"e": "ann@example.com"},
        ).first()
    assert tuple(kept) == (None, None, "ann@example.com", "paid")
    assert mail is not None
    assert mail[0] == "Your Boutique account is closed"
    with pytest.raises(AccountError):  # the email is free for a new account, not the old one
        accounts.sign_in("ann@example.com", PASSWORD, NOW)
    again = accounts.sign_up("ann@example.com", PASSWORD, "Ann", NOW).account_id
    deliver_welcomes(shop, NOW)
    # (SQLite may give the new account the old id: none of the old account's data has it)
    left = counts(shop, again, "ann@example.com")
    assert left == dict.fromkeys(OWNED, 0) | {
        "account": 1,
        "account_session": 1,
        "sign_in_attempt": 1,
        "email_confirmation": 1,  # the new account's welcome
    }


def test_a_guests_alert_of_the_same_email_is_neither_downloaded_nor_closed_by_an_account(
    shop: Shop,
) -> None:
    # Anyone may sign up with an email they do not own: the alerts a guest asked for with it
    # showed in that account's data download and were deleted when it closed (security review).
    assert shop.engine is not None
    assert shop.restock is not None
    with shop.engine.connect() as connection:
        product, variant = connection.execute(
            text("select product_id, id from variant where sku = 'SKU-9-0'")
        ).one()
    store = SqlRestockStore(shop.engine)
    store.add(product, variant, "eve@example.com", account_id=None, locale="en", now=NOW)
    eve, _ = a_shopper_with_everything(shop, "eve@example.com")
    assert [a.product_title for a in shop.restock.alerts_of(eve)] == ["Chair number 10"]
    assert accounts_of(shop).close(eve, PASSWORD, NOW, visitor_id="") == "eve@example.com"
    with shop.engine.connect() as connection:
        left = connection.execute(text("select email, account_id, variant_id from restock_alert"))
        assert [tuple(row) for row in left] == [("eve@example.com", None, variant)]


def test_a_wrong_password_or_a_staff_account_closes_nothing(shop: Shop) -> None:
    accounts = accounts_of(shop)
    ann, session = a_shopper_with_everything(shop, "ann@example.com")
    before = counts(shop, ann, "ann@example.com")
    with pytest.raises(AccountError) as wrong:
        accounts.close(ann, "not my password at all", NOW)
    assert (wrong.value.code, wrong.value.fields) == (
        "account.error.close_password",
        {"password": "account.error.close_password"},
    )
    assert shop.engine is not None
    with shop.engine.begin() as connection:
        connection.execute(text("update account set role = 'staff' where id = :a"), {"a": ann})
    with pytest.raises(AccountError) as staff:
        accounts.close(ann, PASSWORD, NOW)
    assert staff.value.code == "account.error.close_staff"
    failed = before["sign_in_attempt"] + 1  # the wrong password, recorded as a failure
    assert counts(shop, ann, "ann@example.com") == before | {"sign_in_attempt": failed}
    assert accounts.session(session, NOW) == ann


def test_wrong_passwords_to_close_an_account_lock_it_as_failed_sign_ins_do(shop: Shop) -> None:
    accounts = accounts_of(shop)
    ann, _ = a_shopper_with_everything(shop, "ann@example.com")
    later = NOW + timedelta(minutes=1)  # after the sign-in that set the account up
    for _ in range(MAX_FAILURES):
        with pytest.raises(AccountError):
            accounts.close(ann, "a wrong guess at it", later)
    with pytest.raises(AccountError) as locked:
        accounts.close(ann, PASSWORD, later)
    assert locked.value.code == "account.error.locked"
    with pytest.raises(AccountError) as signing_in:
        accounts.sign_in("ann@example.com", PASSWORD, later)
    assert signing_in.value.code == "account.error.locked"
    assert accounts.account(ann) is not None


def test_a_browser_trusted_for_the_account_closes_it_whatever_failures_came_elsewhere(
    shop: Shop,
) -> None:
    """Someone guessing the password elsewhere locks others out, not the owner's browser:
    closing from it counts apart, as its sign-ins do."""
    accounts = accounts_of(shop)
    ann, session = a_shopper_with_everything(shop, "ann@example.com")
    device = accounts.trust_device(session, NOW)
    assert device is not None
    later = NOW + timedelta(minutes=1)
    for _ in range(MAX_FAILURES):
        with pytest.raises(AccountError):
            accounts.sign_in("ann@example.com", "a stranger's guess", later)
    assert accounts.close(ann, PASSWORD, later, device) == "ann@example.com"


def test_the_download_refuses_a_page_of_another_origin(shop: Shop) -> None:
    """A script on another site's page (a sibling subdomain gets the Lax cookie) reading
    the shopper's data with fetch(credentials: "include") is refused by its Origin."""
    _, session = a_shopper_with_everything(shop, "ann@example.com")
    set_shop(shop)
    try:
        client = TestClient(build_api())
        client.cookies.set(SESSION_COOKIE, session)
        refused = client.get(DOWNLOAD_PATH, headers={"Origin": "https://shop.example.net"})
    finally:
        set_shop(None)
    assert refused.status_code == 403
    assert "ann@example.com" not in refused.text


def test_a_role_given_while_closing_keeps_the_account(shop: Shop) -> None:
    """The store deletes a shopper only: an account made staff after the service looked is
    refused, with everything rolled back."""
    ann, session = a_shopper_with_everything(shop, "ann@example.com")
    before = counts(shop, ann, "ann@example.com")
    assert shop.engine is not None
    with shop.engine.begin() as connection:
        connection.execute(text("update account set role = 'staff' where id = :a"), {"a": ann})
    assert SqlAccountStore(shop.engine).close(ann, "ann@example.com") is False
    assert counts(shop, ann, "ann@example.com") == before
    assert accounts_of(shop).session(session, NOW) == ann


def test_a_shopper_downloads_their_own_data_and_no_one_elses(
    database_url: str, make_shop: Callable[..., Shop]
) -> None:
    shop = make_shop(database_url)
    seed_small_catalog(shop)
    set_shop(shop)
    try:
        ann, session = a_shopper_with_everything(shop, "ann@example.com")
        a_shopper_with_everything(shop, "bob@example.com")
        assert shop.search_store is not None
        shop.search_store.record_activity("shared-computer", "view", None, None)
        later = utc_now() + timedelta(minutes=1)
        accounts_of(shop).sign_in("ann@example.com", PASSWORD, later, visitor_id="shared-computer")
        client = TestClient(build_api())
        for cookie in ("", "forged-token"):
            client.cookies.set(SESSION_COOKIE, cookie)
            refused = client.get(DOWNLOAD_PATH)
            assert refused.status_code == 401
            assert "ann@example.com" not in refused.text
        # In the language the shopper chose, as the pages are (QA: English in a French shop).
        client.cookies.set(SESSION_COOKIE, "")
        client.cookies.set("boutique_lang", "fr")
        french = client.get(DOWNLOAD_PATH, headers={"Accept-Language": "en"})
        assert french.text == "Connectez-vous pour télécharger vos données."
        client.cookies.set(SESSION_COOKIE, session)
        answer = client.get(DOWNLOAD_PATH)
    finally:
        set_shop(None)
    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "no-store"
    assert answer.headers["content-disposition"].startswith("attachment")
    data = json.loads(answer.text)
    assert data["account"] == {
        "email": "ann@example.com",
        "name": "Ann",
        "email_confirmed_at": NOW.isoformat(),  # when its welcome's link was used
    }
    assert [a["line1"] for a in data["addresses"]] == [ADDRESS["line1"]]
    assert [(w["title"], w["on_sale"]) for w in data["wishlist"]] == [("Chair number 1", True)]
    assert [(o["reference"], o["status"], o["email"]) for o in data["orders"]] == [
        (f"R-{ann}", "paid", "ann@example.com")
    ]
    # What the browsers that signed in to it browsed since they did: "/earlier" (not
    # "/browser", which never signed in, nor "/shared", whose view came before its sign-in,
    # someone else's on a shared computer).
    assert [(b["kind"], b["query"]) for b in data["browsing"]] == [("view", None)]
    assert [(r["product"], r["mailed_at"]) for r in data["restock_alerts"]] == [
        ("Chair number 10", None)
    ]
    text_of_it = answer.text
    assert "bob@example.com" not in text_of_it
    assert "password" not in text_of_it
    assert "access_key" not in text_of_it
