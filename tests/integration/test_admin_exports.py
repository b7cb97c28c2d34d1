"""The admin's CSV downloads on real SQLite and PostgreSQL: asked in an admin action (audited
there, the format or the list's filter kept in a single-use ticket), which the page posts to
the download's route; the route answers that post only, from this shop, for the same staff
member, for this download, once, within a minute, and writes nothing. A link (a GET) to it
exports nothing."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text
from starlette.testclient import TestClient

import storefront.storefront  # noqa: F401  (registers every admin page and state)
from models.types import utc_now
from state.admin.catalog_io import AdminImportState
from state.admin.orders import AdminOrdersState
from storefront.api.routes import build_api
from storefront.bootstrap import Shop, set_shop
from storefront.services.accounts.service import SESSION_COOKIE
from storefront.services.admin.download_tickets import TICKET_SECONDS
from storefront.services.admin.exports import ROUTES
from storefront.services.admin.order_views import OrderFilter
from tests.integration.admin_fixtures import (
    admin_of,
    assert_cross_site_posts_refused,
    post_export,
    staff_of,
    team_sessions,
)
from tests.integration.catalog_fixtures import seed_small_catalog
from tests.integration.test_admin_authorization import state_at, visit

AUDITED = "select count(*) from admin_audit where action like '%.export'"
TICKETS = "select count(*) from admin_download_ticket"


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop]) -> Iterator[Shop]:
    shop = make_shop(database_url)
    seed_small_catalog(shop)
    set_shop(shop)
    yield shop
    set_shop(None)


def _count(shop: Shop, sql: str) -> int:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return int(connection.execute(text(sql)).scalar_one())


def _audited(shop: Shop) -> list[tuple[str, str, Any]]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        rows = connection.execute(
            text(
                "select action, actor_email, after from admin_audit"
                " where action like '%.export' order by id"
            )
        ).all()
    return [(r.action, r.actor_email, json.loads(r.after)) for r in rows]


def _ticket_of(spec: Any) -> str:
    """The ticket in the script a download event hands the page (it posts a form)."""
    script = json.dumps(spec.to_dict() if hasattr(spec, "to_dict") else str(spec))
    found = re.search(r"ticket\\+\":\s*\\+\"([A-Za-z0-9_-]{43})", script)
    assert found is not None, script
    return found.group(1)


async def test_the_pages_buttons_audit_and_hand_a_ticket_carrying_the_format_and_filter(
    shop: Shop,
) -> None:
    sessions = team_sessions(shop)
    client = TestClient(build_api())
    imports: Any = state_at(AdminImportState, sessions.staff, {})
    visit(imports, "/admin/import", sessions.staff)
    await imports.load_page()
    spec = await imports.download_catalog("shopify")
    assert ROUTES["catalog"] in str(spec)
    catalog = post_export(client, sessions.staff, "catalog", _ticket_of(spec))
    assert catalog.status_code == 200
    assert catalog.text.startswith("Handle,")  # the format came in the ticket
    assert catalog.headers["content-disposition"] == 'attachment; filename="catalog-shopify.csv"'

    orders: Any = state_at(AdminOrdersState, sessions.staff, {})
    visit(orders, "/admin/orders", sessions.staff)
    await orders.load_page()
    await orders.apply_filters({"status": "paid", "from": "2026-11-01", "customer": "Camille"})
    listed = post_export(
        client, sessions.staff, "orders", _ticket_of(await orders.download_orders())
    )
    refunds = await orders.download_refunds()
    assert ROUTES["refunds"] in str(refunds)
    made = post_export(client, sessions.staff, "refunds", _ticket_of(refunds))
    assert (listed.status_code, made.status_code) == (200, 200)
    assert listed.text.splitlines()[0].startswith("reference,")
    assert made.text.splitlines()[0].startswith("refunded_at,")
    staff = "sam@example.com"
    paid_since = {
        "statuses": "paid", "to_ship": "", "from": "2026-11-01", "to": "", "customer": "Camille",
    }  # fmt: skip
    assert _audited(shop) == [
        ("catalog.export", staff, {"format": "shopify", "products": 40}),
        ("orders.export", staff, {"filter": paid_since, "orders": 0}),
        ("refunds.export", staff, {"from": "2026-11-01", "to": ""}),
    ]
    assert _count(shop, TICKETS) == 0  # each spent

    # A shopper's session gets no ticket, and nothing is written.
    other: Any = state_at(AdminImportState, sessions.shopper, {})
    visit(other, "/admin/import", sessions.shopper)
    assert await other.download_catalog("generic") is None
    assert await imports.download_catalog("excel") is None  # refused, said on the page
    assert (_count(shop, AUDITED), _count(shop, TICKETS)) == (3, 0)


@pytest.mark.parametrize("export", ["catalog", "orders", "refunds"])
def test_a_download_route_answers_a_post_of_its_staff_members_ticket_once(
    shop: Shop, export: Any
) -> None:
    sessions = team_sessions(shop)
    exports = admin_of(shop).exports
    staff = staff_of(shop, sessions.staff)
    issue = {
        "catalog": lambda: exports.catalog_ticket(staff, "generic", utc_now()),
        "orders": lambda: exports.orders_ticket(staff, OrderFilter(), utc_now()),
        "refunds": lambda: exports.refunds_ticket(staff, OrderFilter(), utc_now()),
    }[export]
    ticket = issue()
    route = ROUTES[export]
    with TestClient(build_api()) as client:
        client.cookies.set(SESSION_COOKIE, sessions.staff)
        # A GET (a link followed, a prefetch) is no download, and writes nothing.
        assert client.get(route).status_code == 405
        assert client.get(f"{route}?ticket={ticket}&format=shopify").status_code == 405
        post = {"ticket": ticket}
        assert_cross_site_posts_refused(client, route, post)
        for session in ("", sessions.shopper, "forged-token", sessions.admin):
            status = post_export(client, session, export, ticket).status_code
            assert status == (410 if session == sessions.admin else 403)  # the admin: not theirs
        assert _count(shop, TICKETS) == 1  # still there, for its own
        answer = post_export(client, sessions.staff, export, ticket)
        again = post_export(client, sessions.staff, export, ticket)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    assert answer.headers["cache-control"] == "no-store"
    assert answer.headers["content-disposition"].startswith(f'attachment; filename="{export}-')
    assert (again.status_code, _count(shop, TICKETS)) == (410, 0)
    assert "expired or was used already" in again.text
    assert _count(shop, AUDITED) == 1  # the ticket's, none from the route


def test_a_ticket_expires_after_a_minute_and_is_for_its_own_download(shop: Shop) -> None:
    sessions = team_sessions(shop)
    exports = admin_of(shop).exports
    staff = staff_of(shop, sessions.staff)
    old = exports.catalog_ticket(staff, "generic", utc_now() - timedelta(seconds=TICKET_SECONDS))
    orders = exports.orders_ticket(staff, OrderFilter(), utc_now())
    client = TestClient(build_api())
    expired = post_export(client, sessions.staff, "catalog", old)
    elsewhere = post_export(client, sessions.staff, "refunds", orders)  # an orders ticket
    assert (expired.status_code, elsewhere.status_code) == (410, 410)
    assert "Handle" not in expired.text
    assert not elsewhere.text.startswith("refunded_at")
    assert _count(shop, AUDITED) == 2  # as the tickets were issued; the refusals wrote none
