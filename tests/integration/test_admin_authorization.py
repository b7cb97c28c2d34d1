"""Every admin event handler, called as a guest and as a signed-in shopper, is refused on the
server and changes nothing in the database; the same calls as an admin get through.

Handlers are enumerated from the state classes, so a handler added without the guard fails
here. Arguments are plausible and valid, so a missing guard would really change data.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import io
import struct
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, get_type_hints

import pytest
import reflex as rx
from reflex.istate.data import RouterData
from sqlalchemy import Engine, MetaData, Table, select

import storefront.storefront  # noqa: F401  (registers every admin page and state)
from models.types import utc_now
from state.admin.discounts import AdminDiscountsState
from state.admin.guard import AdminState
from state.admin.team import AdminTeamState
from storefront.bootstrap import Shop, set_shop
from storefront.i18n import translations
from storefront.services.accounts.service import SESSION_COOKIE
from storefront.services.catalog_writer import save_drafts
from tests.integration.admin_fixtures import admin_of, staff_of, team_sessions
from tests.unit.conftest import CHAIRS, draft

# Reflex's own setter: it sets a UI var of the state, never data (checked below all the same).
BUILT_IN = {"setvar"}
# The handlers that open a page (on_load): a refusal shows in the page's place.
PAGE_LOADS = {"load", "load_page"}
REFUSALS = [translations("admin.error.denied"), translations("admin.error.role")]


def admin_states() -> list[type[AdminState]]:
    found: list[type[AdminState]] = []
    pending: list[type[AdminState]] = [AdminState]
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return sorted(found, key=lambda c: c.get_full_name())


HANDLERS = [
    (cls, name)
    for cls in admin_states()
    for name in sorted(cls.event_handlers)
    if name not in BUILT_IN and name in vars(cls)  # declared here, not inherited
]


@pytest.fixture
def shop(sqlite_url: str, make_shop: Callable[..., Shop]) -> Iterator[Shop]:
    shop = make_shop(sqlite_url)
    shop.run(save_drafts, [draft(1, stock=10), draft(2, stock=3)], categories=[CHAIRS])
    set_shop(shop)
    yield shop
    set_shop(None)


@functools.cache
def tables_of(engine: Engine) -> list[Table]:
    """Every table of the database, by name. Read once a database: reflecting the schema
    again for each of the hundreds of digests below was most of this file's time, and the
    handlers change rows, never tables."""
    metadata = MetaData()
    metadata.reflect(engine)
    return sorted(metadata.tables.values(), key=lambda t: t.name)


def fingerprint(shop: Shop) -> str:
    """A digest of every row of every table."""
    assert shop.engine is not None
    digest = hashlib.sha256()
    with shop.engine.connect() as connection:
        for table in tables_of(shop.engine):
            rows = connection.execute(select(table)).all()
            digest.update(table.name.encode())
            digest.update(repr(sorted(map(repr, rows))).encode())
    return digest.hexdigest()


def router_at(path: str, session: str, query: dict[str, str] | None = None) -> RouterData:
    headers = {"cookie": f"{SESSION_COOKIE}={session}"}  # as the tab's connection brings it
    return RouterData.from_router_data(
        {"pathname": path, "asPath": path, "query": query or {}, "headers": headers}
    )


def visit(state: rx.State, path: str, session: str) -> None:
    """The tab moves to `path` (a link followed in the app: the same session state)."""
    root = state
    while root.parent_state is not None:
        root = root.parent_state
    root.router = router_at(path, session)


def state_at(cls: type[rx.State], session: str, query: dict[str, str]) -> rx.State:
    root = rx.State(_reflex_internal_init=True)
    root.router = router_at("/admin/any/1", session, query)
    state: rx.State = root
    for name in cls.get_full_name().split(".")[1:]:
        state = state.substates[name]
    return state


def arguments(cls: type[rx.State], name: str, context: dict[str, Any]) -> list[Any]:
    """Valid arguments for a handler, by parameter name and type."""
    fn = cls.event_handlers[name].fn
    hints = get_type_hints(fn)
    values = []
    for parameter in list(inspect.signature(fn).parameters)[1:]:
        if parameter == "files":  # a fresh upload each call: a read consumes it
            values.append([rx.UploadFile(file=io.BytesIO(tiny_png()), path=Path("tiny.png"))])
        elif parameter in context:
            values.append(context[parameter])
        elif "dict" in str(hints.get(parameter)):
            values.append(context["form"])
        elif hints.get(parameter) is bool:
            values.append(False)
        elif hints.get(parameter) is int:
            values.append(1)
        else:
            values.append(context["text"])
    return values


def tiny_png(colour: bytes = b"\xff\x00\x00") -> bytes:
    """A valid 1x1 PNG of one RGB colour."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + colour)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def context_for(shop: Shop) -> dict[str, Any]:
    sessions = team_sessions(shop)
    boss = staff_of(shop, sessions.admin)
    admin_of(shop).discounts.create(boss, {"code": "EXISTING", "kind": "percent", "value": "5"})
    form = {
        # discount
        "code": "NEWCODE",
        "kind": "percent",
        "value": "10",
        "minimum": "0",
        "expires": "",
        "limit": "",
        # team
        "email": "shopper@example.com",
        "role": "admin",
        # orders
        "carrier": "dhl",
        "tracking_number": "ABC123",
        "amount": "1",
        "reason": "received",
        "status": "",
        "from": "",
        "to": "",
        "customer": "",
        # audit
        "subject": "",
        # products and stock
        "title": "Chair number one",
        "variants.0.sku": "SKU-1-0",
        "variants.0.price": "99",
        "sku": "SKU-1-0",
        "delta": "+1",
        "note": "",
        "text": "",
        "category": "",
        "low_stock": "",
        "sort": "",
        "order": "",
        "threshold": "3",
    }
    return {
        "sessions": sessions,
        "form": form,
        "code": "EXISTING",
        "text": "EXISTING",
        "page": 2,
        "active": False,
        "product_id": 1,
        "query": {"id": "1"},
    }


async def call(cls: type[AdminState], name: str, session: str, context: dict[str, Any]) -> bool:
    """Run the handler as the session's owner; True when the admin refused it."""
    state = state_at(cls, session, context["query"])
    handler = getattr(state, name)
    result = handler(*arguments(cls, name, context))
    if inspect.isasyncgen(result):
        async for _ in result:
            pass
    elif inspect.isawaitable(result):
        await result
    root: Any = await state.get_state(AdminState)
    if name in PAGE_LOADS:
        return root.denied != ""
    # An action refused keeps the page (its forms hold what was typed) and says why.
    assert root.denied == "", f"{cls.__name__}.{name} replaced the page"
    return root.problem in REFUSALS


def test_every_admin_state_handler_is_enumerated() -> None:
    names = {f"{cls.__name__}.{name}" for cls, name in HANDLERS}
    assert {"AdminState.load", "AdminTeamState.set_role", "AdminOrderState.refund"} <= names
    assert len(HANDLERS) >= 20


async def test_guests_and_shoppers_are_refused_every_admin_handler_and_nothing_changes(
    shop: Shop,
) -> None:
    context = context_for(shop)
    shopper = context["sessions"].shopper
    before = fingerprint(shop)
    for cls, name in HANDLERS:
        for who, session in (("guest", ""), ("shopper", shopper), ("forged", "x" * 43)):
            refused = await call(cls, name, session, context)
            assert refused, f"{cls.__name__}.{name} ran for a {who}"
            assert fingerprint(shop) == before, f"{cls.__name__}.{name} changed data for a {who}"


def test_the_browser_cannot_set_any_admin_var() -> None:
    """Reflex's built-in setvar needs a setter; admin states declare none, so a crafted
    event cannot, say, clear `denied` or choose the refund key."""
    for cls in admin_states():
        state = state_at(cls, "", {})
        for name in cls.base_vars:
            with pytest.raises(AttributeError):
                state.setvar(name, None)  # type: ignore[attr-defined]


async def test_the_same_calls_get_through_for_an_admin(shop: Shop) -> None:
    context = context_for(shop)
    admin_session = context["sessions"].admin
    changed = set()
    for cls, name in HANDLERS:
        before = fingerprint(shop)
        refused = await call(cls, name, admin_session, context)
        assert not refused, f"{cls.__name__}.{name} refused an admin"
        if fingerprint(shop) != before:
            changed.add(f"{cls.__name__}.{name}")
    # The handlers that write did write: the refusals above are the guard's doing.
    assert {
        "AdminDiscountsState.save",
        "AdminTeamState.set_role",
        "AdminProductState.adjust_stock",
        "AdminProductState.upload_image",
    } <= changed


async def test_staff_are_refused_the_team_handlers(shop: Shop) -> None:
    context = context_for(shop)
    before = fingerprint(shop)
    team = [(cls, name) for cls, name in HANDLERS if cls.__name__ == "AdminTeamState"]
    assert {name for _, name in team} == {"load_page", "set_role"}
    for cls, name in team:
        assert await call(cls, name, context["sessions"].staff, context)
    assert fingerprint(shop) == before


async def test_a_page_refused_says_whether_to_sign_in_or_that_it_is_for_admins(
    shop: Shop,
) -> None:
    sessions = team_sessions(shop)
    for session, why in (("", "admin.error.denied"), (sessions.staff, "admin.error.role")):
        page: Any = state_at(AdminTeamState, session, {})
        await page.load_page()
        root: Any = await page.get_state(AdminState)
        assert root.denied == why


async def test_an_action_refused_when_the_session_has_ended_keeps_the_page(shop: Shop) -> None:
    """A merchandiser whose session ended mid-form keeps the page and what they typed."""
    sessions = team_sessions(shop)
    page: Any = state_at(AdminDiscountsState, sessions.staff, {})
    await page.load_page()
    key = page.form_key
    assert shop.accounts is not None
    shop.accounts.sign_out(sessions.staff, utc_now())
    await page.save({"code": "SPRING", "kind": "percent", "value": "15"})
    root: Any = await page.get_state(AdminState)
    assert (root.denied, page.form_key) == ("", key)
    assert root.problem == translations("admin.error.denied")
    assert "What you typed stays on this page" in root.problem["en"]


async def test_a_notice_moved_by_an_action_survives_the_next_page_load_only(shop: Shop) -> None:
    """Saving a new product opens its page, which must still say it was saved."""
    state = state_at(AdminState, team_sessions(shop).admin, {})
    await state._tell("admin.product.saved", moving=True, title="Brass lamp")  # type: ignore[attr-defined]
    await state.load()  # type: ignore[attr-defined]
    assert "Brass lamp" in state.notice["en"]  # type: ignore[attr-defined]
    await state.load()  # type: ignore[attr-defined]
    assert state.notice == {}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "cls", [c for c in admin_states() if "loaded" in c.base_vars], ids=lambda c: c.__name__
)
async def test_a_list_says_it_is_empty_only_once_it_has_answered_its_staff(
    shop: Shop, cls: type[AdminState]
) -> None:
    """The lists' "nothing here" waits for their first answer (`loaded`): not shown while
    the page's rows are on their way, nor to someone refused the page."""
    sessions = team_sessions(shop)
    for session, answered in ((sessions.shopper, False), (sessions.admin, True)):
        page: Any = state_at(cls, session, {})
        assert page.loaded is False
        await page.load_page()
        assert page.loaded is answered
