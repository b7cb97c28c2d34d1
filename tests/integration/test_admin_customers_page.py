"""The customers pages' state on real SQLite and PostgreSQL: the list searched and paged, the
detail opened (nothing written), the account closed on request through the confirm form, and
the data download route (staff with the permission only, audited)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import text
from starlette.testclient import TestClient

import storefront.storefront  # noqa: F401  (registers every admin page and state)
from state.admin.customer_view import AdminCustomerState
from state.admin.customers import AdminCustomersState
from state.admin.guard import AdminState
from storefront.api.routes import build_api
from storefront.bootstrap import Shop, set_shop
from storefront.i18n import translations
from storefront.services.accounts.service import SESSION_COOKIE
from storefront.services.admin.customers import CUSTOMER_DATA
from tests.integration.admin_fixtures import sign_up, team_sessions
from tests.integration.test_admin_authorization import state_at, visit


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop]) -> Iterator[Shop]:
    shop = make_shop(database_url)
    set_shop(shop)
    yield shop
    set_shop(None)


def _count(shop: Shop, sql: str) -> int:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return int(connection.execute(text(sql)).scalar_one())


def _id_of(shop: Shop, email: str) -> int:
    return _count(shop, f"select id from account where email = '{email}'")


async def test_the_list_searches_and_pages(shop: Shop) -> None:
    sessions = team_sessions(shop)
    for n in range(30):
        sign_up(shop, f"buyer{n:02}@example.com")
    page: Any = state_at(AdminCustomersState, sessions.staff, {})
    await page.load_page()
    assert (page.total, page.pages, len(page.rows)) == (31, 2, 25)  # and shopper@example.com
    await page.go(2)
    assert (page.page, len(page.rows)) == (2, 6)
    await page.apply_filters({"text": "BUYER0", "sort": "spent", "order": "asc"})
    assert (page.total, page.page) == (10, 1)
    assert {row.email for row in page.rows} == {f"buyer{n:02}@example.com" for n in range(10)}


async def test_a_shopper_is_refused_the_page(shop: Shop) -> None:
    sessions = team_sessions(shop)
    page: Any = state_at(AdminCustomersState, sessions.shopper, {})
    await page.load_page()
    root: Any = await page.get_state(AdminState)
    assert (root.denied, page.rows) == ("admin.error.denied", [])


async def test_the_detail_writes_nothing_and_the_close_form_wants_the_email(shop: Shop) -> None:
    sessions = team_sessions(shop)
    sign_up(shop, "zoe@example.com")
    zoe = _id_of(shop, "zoe@example.com")
    audit_before = _count(shop, "select count(*) from admin_audit")
    page: Any = state_at(AdminCustomerState, sessions.staff, {})
    visit(page, f"/admin/customers/{zoe}", sessions.staff)
    await page.load_page()
    assert (page.found, page.customer.email, page.data_href) == (
        True,
        "zoe@example.com",
        CUSTOMER_DATA.format(account_id=zoe),
    )
    assert _count(shop, "select count(*) from admin_audit") == audit_before
    key = page.close_key
    await page.close_account({"close_key": key, "confirm_email": "bob@example.com"})
    assert page.errors == {"confirm_email": translations("admin.customer.error.confirm")}
    assert _id_of(shop, "zoe@example.com") == zoe
    sent = await page.close_account(
        {"close_key": page.close_key, "confirm_email": "zoe@example.com"}
    )
    assert sent is not None  # off to the list
    root: Any = await page.get_state(AdminState)
    assert root.notice["en"] == "zoe@example.com: account closed."
    assert _count(shop, "select count(*) from account where email = 'zoe@example.com'") == 0
    actions = _count(shop, "select count(*) from admin_audit where action = 'customer.close'")
    assert actions == 1


def test_the_data_download_is_for_staff_and_audited(shop: Shop) -> None:
    sessions = team_sessions(shop)
    sign_up(shop, "zoe@example.com")
    zoe = _id_of(shop, "zoe@example.com")
    path = CUSTOMER_DATA.format(account_id=zoe)
    with TestClient(build_api(), base_url="http://localhost") as client:
        for refused in ("", sessions.shopper):
            client.cookies.set(SESSION_COOKIE, refused)
            assert client.get(path).status_code == 403
        client.cookies.set(SESSION_COOKIE, sessions.staff)
        assert client.get(CUSTOMER_DATA.format(account_id=zoe + 999)).status_code == 404
        answer = client.get(path)
    assert answer.status_code == 200
    assert answer.json()["account"]["email"] == "zoe@example.com"
    assert "password" not in answer.text
    assert answer.headers["cache-control"] == "no-store"
    query = "select count(*) from admin_audit where action = 'customer.data'"
    assert _count(shop, query) == 1
