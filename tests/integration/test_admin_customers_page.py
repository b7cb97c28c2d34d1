"""The customers pages' state on real SQLite and PostgreSQL: the list searched and paged, the
detail opened (nothing written), the account closed on request through the confirm form (each
refusal said), and the data download: asked in an admin action (audited there), which hands
the page a single-use ticket to post; the route answers that post only, from this shop, for
the same staff member, once, and writes nothing."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import text
from starlette.testclient import TestClient

import storefront.storefront  # noqa: F401  (registers every admin page and state)
from models.types import utc_now
from state.admin.customer_view import AdminCustomerState
from state.admin.customers import AdminCustomersState
from state.admin.guard import AdminState
from storefront.adapters.sql_restock import SqlRestockStore
from storefront.api.routes import build_api
from storefront.bootstrap import Shop, set_shop
from storefront.i18n import translations
from storefront.pages.admin.customers import customers_page
from storefront.services.accounts.service import SESSION_COOKIE
from storefront.services.admin.access import Permission
from storefront.services.admin.audit import AuditRecord
from storefront.services.admin.customers import CUSTOMER_DATA
from tests.integration.admin_fixtures import (
    OWN,
    admin_of,
    assert_cross_site_posts_refused,
    sign_up,
    team_sessions,
)
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
    assert page.loaded is False  # the page says nothing of an empty list before it is read
    await page.load_page()
    assert (page.total, page.pages, len(page.rows)) == (31, 2, 25)  # and shopper@example.com
    assert page.loaded is True
    await page.go(2)
    assert (page.page, len(page.rows)) == (2, 6)
    await page.apply_filters({"text": "BUYER0", "sort": "spent", "order": "asc"})
    assert (page.total, page.page) == (10, 1)
    assert {row.email for row in page.rows} == {f"buyer{n:02}@example.com" for n in range(10)}


async def test_an_empty_list_says_none_yet_unless_a_search_found_none(shop: Shop) -> None:
    """ "No customer matches." is a search's answer; with nothing searched, an empty list is
    a shop without accounts yet (QA: it said "matches" of no filter at all)."""
    page: Any = state_at(AdminCustomersState, team_sessions(shop).staff, {})
    await page.load_page()
    assert page.searching is False
    await page.apply_filters({"text": "nobody@example.com", "sort": "joined", "order": "desc"})
    assert (page.rows, page.loaded, page.searching) == ([], True, True)
    await page.apply_filters({"text": "   ", "sort": "spent", "order": "asc"})  # sorted only
    assert page.searching is False
    drawn = str(customers_page().render())
    assert "customers-empty" in drawn
    assert "searching" in drawn
    assert "No customers yet" in translations("admin.customers.none")["en"]


async def test_a_shopper_is_refused_the_page(shop: Shop) -> None:
    sessions = team_sessions(shop)
    page: Any = state_at(AdminCustomersState, sessions.shopper, {})
    await page.load_page()
    root: Any = await page.get_state(AdminState)
    assert (root.denied, page.rows, page.loaded) == ("admin.error.denied", [], False)


async def test_the_detail_writes_nothing_and_the_close_form_wants_the_email(shop: Shop) -> None:
    sessions = team_sessions(shop)
    sign_up(shop, "zoe@example.com")
    zoe = _id_of(shop, "zoe@example.com")
    # Two alerts; the mail server refused her address for one of them.
    assert shop.engine is not None
    alerts, now = SqlRestockStore(shop.engine), utc_now()
    for variant_id in (1, 2):
        alerts.add(1, variant_id, "zoe@example.com", account_id=zoe, locale="en", now=now)
    refused = alerts.alerts_of(zoe)[0].alert_id
    assert alerts.claim(refused, now, now)
    alerts.refused(refused, now)
    audit_before = _count(shop, "select count(*) from admin_audit")
    page: Any = state_at(AdminCustomerState, sessions.staff, {})
    visit(page, f"/admin/customers/{zoe}", sessions.staff)
    await page.load_page()
    assert (page.found, page.customer.email) == (True, "zoe@example.com")
    assert (page.alert_count, page.refused_alert_count) == (1, 1)  # waiting, and refused
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


async def test_closing_refusals_are_said_on_the_page(shop: Shop) -> None:
    sessions = team_sessions(shop)
    sign_up(shop, "zoe@example.com")
    zoe = _id_of(shop, "zoe@example.com")
    page: Any = state_at(AdminCustomerState, sessions.staff, {})
    visit(page, f"/admin/customers/{zoe}", sessions.staff)
    await page.load_page()
    root: Any = await page.get_state(AdminState)
    await page.close_account({"close_key": page.close_key, "confirm_email": "bob@example.com"})
    assert root.problem == translations("admin.customer.error.confirm")
    assert root.problem["fr"].startswith("Ce n’est pas l’e-mail de ce client\u202f:")
    assert shop.accounts is not None
    shop.accounts.close_on_request(zoe, AuditRecord(None, "cli", "test", "", "", ""))  # elsewhere
    sent = await page.close_account(
        {"close_key": page.close_key, "confirm_email": "zoe@example.com"}
    )
    assert sent is None  # the page stays, saying why
    assert root.problem == translations("admin.customer.error.closed")
    assert root.problem["en"] == "This customer's account is already closed: nothing was done."
    # Without the permission (a shopper's session), nothing is done either, and it says so.
    other: Any = state_at(AdminCustomerState, sessions.shopper, {})
    visit(other, f"/admin/customers/{zoe}", sessions.shopper)
    assert await other.close_account({"confirm_email": "zoe@example.com"}) is None
    other_root: Any = await other.get_state(AdminState)
    assert other_root.problem == translations("admin.error.denied")
    actions = "select count(*) from admin_audit where action like 'customer.%'"
    assert _count(shop, actions) == 0


def _ticket_of(spec: Any) -> str:
    """The ticket in the script a download_data event hands the page (it posts a form)."""
    script = json.dumps(spec.to_dict() if hasattr(spec, "to_dict") else str(spec))
    found = re.search(r"ticket\\+\":\s*\\+\"([A-Za-z0-9_-]{43})", script)
    assert found is not None, script
    return found.group(1)


async def test_the_download_is_asked_in_an_action_that_audits_and_hands_a_ticket(
    shop: Shop,
) -> None:
    sessions = team_sessions(shop)
    sign_up(shop, "zoe@example.com")
    zoe = _id_of(shop, "zoe@example.com")
    page: Any = state_at(AdminCustomerState, sessions.staff, {})
    visit(page, f"/admin/customers/{zoe}", sessions.staff)
    await page.load_page()
    spec = await page.download_data()
    assert CUSTOMER_DATA in str(spec)
    ticket = _ticket_of(spec)
    assert _count(shop, AUDITED) == 1
    with _client(sessions.staff) as client:
        answer = client.post(CUSTOMER_DATA, data={"ticket": ticket}, headers=OWN)
    assert answer.status_code == 200
    assert answer.json()["account"]["email"] == "zoe@example.com"
    assert _count(shop, AUDITED) == 1  # written once, by the action
    # A shopper's session gets no ticket, and nothing is written.
    other: Any = state_at(AdminCustomerState, sessions.shopper, {})
    visit(other, f"/admin/customers/{zoe}", sessions.shopper)
    assert await other.download_data() is None
    assert _count(shop, AUDITED) == 1


AUDITED = "select count(*) from admin_audit where action = 'customer.data'"


def _client(session: str) -> TestClient:
    client = TestClient(build_api())
    client.cookies.set(SESSION_COOKIE, session)
    return client


def test_the_download_route_answers_a_post_of_its_staff_members_ticket_once(shop: Shop) -> None:
    sessions = team_sessions(shop)
    sign_up(shop, "zoe@example.com")
    zoe = _id_of(shop, "zoe@example.com")
    desk, team = admin_of(shop).customers, admin_of(shop).team
    staff = team.staff(sessions.staff, utc_now(), Permission.CUSTOMERS)
    ticket = desk.data_ticket(staff, zoe, utc_now())
    tickets = "select count(*) from admin_download_ticket"
    with _client(sessions.staff) as client:
        # A GET (a link followed, a prefetch) is no download, and writes nothing.
        assert client.get(CUSTOMER_DATA).status_code == 405
        assert client.get(f"{CUSTOMER_DATA}?ticket={ticket}").status_code == 405
        post = {"ticket": ticket}
        assert_cross_site_posts_refused(client, CUSTOMER_DATA, post)
        for session in ("", sessions.shopper, sessions.admin):  # the admin: not their ticket
            client.cookies.set(SESSION_COOKIE, session)
            status = client.post(CUSTOMER_DATA, data=post, headers=OWN).status_code
            assert status == (410 if session == sessions.admin else 403)
        assert _count(shop, tickets) == 1  # still there, for its own
        client.cookies.set(SESSION_COOKIE, sessions.staff)
        answer = client.post(CUSTOMER_DATA, data=post, headers=OWN)
        again = client.post(CUSTOMER_DATA, data=post, headers=OWN)
    assert answer.status_code == 200
    assert answer.json()["account"]["email"] == "zoe@example.com"
    assert "password" not in answer.text
    assert answer.headers["cache-control"] == "no-store"
    assert answer.headers["content-disposition"] == (
        f'attachment; filename="customer-{zoe}-data.json"'
    )
    assert (again.status_code, _count(shop, tickets)) == (410, 0)
    assert "expired or was used already" in again.text
    assert _count(shop, AUDITED) == 1  # the ticket's, none from the route


def test_a_ticket_for_a_customer_closed_since_gets_no_data(shop: Shop) -> None:
    sessions = team_sessions(shop)
    sign_up(shop, "zoe@example.com")
    zoe = _id_of(shop, "zoe@example.com")
    admin = admin_of(shop)
    staff = admin.team.staff(sessions.staff, utc_now(), Permission.CUSTOMERS)
    ticket = admin.customers.data_ticket(staff, zoe, utc_now())
    admin.customers.close(staff, zoe, "zoe@example.com")
    with _client(sessions.staff) as client:
        answer = client.post(CUSTOMER_DATA, data={"ticket": ticket}, headers=OWN)
    assert (answer.status_code, "zoe" in answer.text) == (404, False)
