"""Discount codes managed from the admin, on real SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from models.types import utc_now
from state.admin.discounts import AdminDiscountsState
from state.admin.guard import AdminState
from storefront.adapters.sql_discounts import SqlDiscountAdmin
from storefront.bootstrap import Shop, set_shop
from storefront.services.admin.access import Permission
from storefront.services.admin.audit import AuditRecord
from storefront.services.admin.discounts import DiscountAdmin, parse_terms
from storefront.services.errors import Refusal
from tests.integration.admin_fixtures import admin_of, staff_of, team_sessions, unwritable_audit
from tests.integration.test_admin_authorization import state_at

GOOD = {
    "code": "summer-10",
    "kind": "percent",
    "value": "10",
    "minimum": "49,90",
    "expires": "2030-06-30",
    "limit": "100",
}


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop]) -> Shop:
    return make_shop(database_url)


def codes(shop: Shop) -> list[tuple[object, ...]]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return [
            tuple(r)
            for r in connection.execute(
                text(
                    "select code, kind, value, min_subtotal_minor, usage_limit, active"
                    " from discount_code order by code"
                )
            )
        ]


def test_staff_create_a_code_and_it_prices_orders(shop: Shop) -> None:
    staff = staff_of(shop, team_sessions(shop).staff, Permission.DISCOUNTS)
    row = admin_of(shop).discounts.create(staff, GOOD)
    assert (row.code, row.value, row.min_subtotal_minor, row.usage_limit) == (
        "SUMMER-10",
        10,
        4990,
        100,
    )
    assert row.expires_at == datetime(2030, 6, 30, 23, 59, 59, tzinfo=UTC)
    assert shop.commerce is not None
    assert shop.commerce.discounts.active("SUMMER-10") is not None
    rows, total = admin_of(shop).discounts.page(staff, 1, 25)
    assert total == 1
    assert rows[0].status(utc_now()) == "active"


def test_an_expiry_date_is_the_shops_day_in_its_time_zone(shop: Shop) -> None:
    """A New York shop's code dated 30 June works until 23:59:59 there (UTC-4 in summer),
    and its form shows that date again."""
    new_york = ZoneInfo("America/New_York")
    terms = parse_terms(GOOD, "EUR", zone=new_york)
    assert terms.expires_at == datetime(2030, 7, 1, 3, 59, 59, tzinfo=UTC)
    assert shop.engine is not None
    desk = DiscountAdmin(SqlDiscountAdmin(shop.engine), "EUR", new_york)
    staff = staff_of(shop, team_sessions(shop).staff, Permission.DISCOUNTS)
    row = desk.create(staff, GOOD)
    assert row.expires_at == terms.expires_at
    assert desk.expiry_day(row.expires_at) == date(2030, 6, 30)


def test_a_bad_form_names_every_field_at_fault_and_writes_nothing(shop: Shop) -> None:
    staff = staff_of(shop, team_sessions(shop).staff, Permission.DISCOUNTS)
    bad = {
        "code": "x",
        "kind": "percent",
        "value": "150",
        "minimum": "abc",
        "expires": "soon",
        "limit": "0",
    }
    with pytest.raises(Refusal) as refused:
        admin_of(shop).discounts.create(staff, bad)
    assert refused.value.fields == {
        "code": "admin.discount.error.code",
        "value": "admin.discount.error.percent",
        "minimum": "admin.discount.error.minimum",
        "expires": "admin.discount.error.expires",
        "limit": "admin.discount.error.limit",
    }
    assert refused.value.field_params == {  # the bounds their messages name
        "value": {"low": 1, "high": 100},
        "limit": {"low": 1, "high": 10_000_000},
    }
    with pytest.raises(Refusal) as bad_code:
        admin_of(shop).discounts.create(staff, GOOD | {"code": "x"})
    assert bad_code.value.fields == {"code": "admin.discount.error.code"}
    admin_of(shop).discounts.create(staff, GOOD)
    with pytest.raises(Refusal) as taken:
        admin_of(shop).discounts.create(staff, GOOD)
    assert taken.value.fields == {"code": "admin.discount.error.taken"}
    assert len(codes(shop)) == 1


def test_a_new_code_is_refused_past_its_columns_or_born_expired(shop: Shop) -> None:
    """The amounts are 32-bit integer columns (PostgreSQL refused 15 digits outright)."""
    staff = staff_of(shop, team_sessions(shop).staff, Permission.DISCOUNTS)
    discounts = admin_of(shop).discounts
    now = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    huge = GOOD | {"kind": "fixed", "value": "9" * 15, "minimum": "9" * 15}
    with pytest.raises(Refusal) as refused:
        discounts.create(staff, huge | {"expires": "2026-02-28"}, now)
    assert refused.value.fields == {
        "value": "admin.discount.error.too_large",
        "minimum": "admin.discount.error.too_large",
        "expires": "admin.discount.error.past",
    }
    assert codes(shop) == []
    highest = GOOD | {"kind": "fixed", "value": "1000000", "minimum": "1000000,00"}
    row = discounts.create(staff, highest | {"expires": "2026-03-01"}, now)  # until tonight
    assert (row.value, row.min_subtotal_minor, row.status(now)) == (10**8, 10**8, "active")
    # An existing code may be given a past date: that ends it, as "Expire now" does.
    ended = discounts.edit(staff, "SUMMER-10", highest | {"expires": "2026-02-01"})
    assert ended.status(now) == "expired"


async def test_the_discounts_page_opens_clean_on_each_visit(shop: Shop) -> None:
    sessions = team_sessions(shop)
    admin_of(shop).discounts.create(staff_of(shop, sessions.admin), GOOD)
    set_shop(shop)
    try:
        page: Any = state_at(AdminDiscountsState, sessions.admin, {})
        first = page.form_key
        assert page.loaded is False  # "no codes yet" waits for the list's first answer
        await page.load_page()
        assert page.form_key == first  # nothing to clear: what is typed meanwhile stays
        assert (page.loaded, len(page.items)) == (True, 1)
        await page.edit("SUMMER-10")
        await page.save(GOOD | {"value": "150", "save_key": page.save_key})  # refused
        assert (page.editing, "value" in page.errors) == ("SUMMER-10", True)
        key = page.form_key
        await page.load_page()  # the page visited again
        assert (page.editing, page.errors, page.form_values) == ("", {}, {})
        assert page.form_key != key  # the form is drawn again, empty
        await page.save(GOOD | {"code": "AUTUMN", "save_key": page.save_key})
        assert [code for code, *_ in codes(shop)] == ["AUTUMN", "SUMMER-10"]  # a new code
    finally:
        set_shop(None)


def test_edit_expire_and_switch_off_are_audited(shop: Shop) -> None:
    staff = staff_of(shop, team_sessions(shop).staff, Permission.DISCOUNTS)
    discounts = admin_of(shop).discounts
    discounts.create(staff, GOOD)
    discounts.edit(staff, "summer-10", GOOD)  # saved unchanged: no entry
    discounts.set_active(staff, "SUMMER-10", True)  # already on: no entry
    discounts.edit(staff, "summer-10", GOOD | {"kind": "fixed", "value": "7,50", "limit": ""})
    assert codes(shop) == [("SUMMER-10", "fixed", 750, 4990, None, True)]
    now = utc_now()
    assert discounts.expire(staff, "SUMMER-10", now).status(now) == "expired"
    later = now + timedelta(days=2)
    again = discounts.expire(staff, "SUMMER-10", later)  # ended already: stays as it ended
    assert (again.expires_at, again.status(later)) == (now, "expired")
    off = discounts.set_active(staff, "SUMMER-10", False)
    assert off.status(now) == "off"
    assert shop.commerce is not None
    assert shop.commerce.discounts.active("SUMMER-10") is None
    with pytest.raises(Refusal):
        discounts.edit(staff, "NOPE", GOOD)
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        actions = [
            r[0]
            for r in connection.execute(
                text(
                    "select action from admin_audit"
                    " where subject = 'discount:SUMMER-10' order by id"
                )
            )
        ]
    assert actions == ["discount.create", "discount.edit", "discount.expire", "discount.disable"]


def test_an_edit_keeps_the_expiry_time_when_the_date_is_unchanged(shop: Shop) -> None:
    """The form shows only the expiry's date: saving an expired code's other terms does not
    revive it until the end of that day."""
    staff = staff_of(shop, team_sessions(shop).staff, Permission.DISCOUNTS)
    discounts = admin_of(shop).discounts
    discounts.create(staff, GOOD)
    ended = datetime(2030, 6, 1, 10, 0, tzinfo=UTC)
    discounts.expire(staff, "SUMMER-10", ended)
    edited = discounts.edit(staff, "SUMMER-10", GOOD | {"expires": "2030-06-01", "limit": "5"})
    assert (edited.expires_at, edited.usage_limit) == (ended, 5)
    assert edited.status(ended + timedelta(hours=1)) == "expired"
    assert discounts.page(staff, 1, 25)[0][0].expires_at == ended
    moved = discounts.edit(staff, "SUMMER-10", GOOD | {"expires": "2030-06-02"})
    assert moved.expires_at == datetime(2030, 6, 2, 23, 59, 59, tzinfo=UTC)


def test_a_new_code_and_its_audit_entry_are_written_together_or_not_at_all(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    staff = staff_of(shop, team_sessions(shop).staff, Permission.DISCOUNTS)

    with monkeypatch.context() as patched:
        patched.setattr("storefront.adapters.sql_discounts.write_audit", unwritable_audit)
        with pytest.raises(RuntimeError):
            admin_of(shop).discounts.create(staff, GOOD)
    assert codes(shop) == []  # no code without its entry
    admin_of(shop).discounts.create(staff, GOOD)
    with pytest.raises(Refusal):  # a code already taken writes no second entry
        admin_of(shop).discounts.create(staff, GOOD)
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        sql = "select action from admin_audit where subject like 'discount:%'"
        entries = connection.execute(text(sql)).scalars().all()
    assert entries == ["discount.create"]


def test_an_edit_begun_on_terms_someone_changed_since_is_refused(shop: Shop) -> None:
    staff = staff_of(shop, team_sessions(shop).staff, Permission.DISCOUNTS)
    discounts = admin_of(shop).discounts
    discounts.create(staff, GOOD)
    (opened,), _ = discounts.page(staff, 1, 25)  # two people open the code's form
    discounts.edit(staff, "SUMMER-10", GOOD | {"value": "15"}, opened.version())  # one saves
    with pytest.raises(Refusal) as refused:  # the other saves on what they opened
        discounts.edit(staff, "SUMMER-10", GOOD | {"limit": "5"}, opened.version())
    assert refused.value.code == "admin.discount.error.changed"
    assert codes(shop) == [("SUMMER-10", "percent", 15, 4990, 100, True)]  # the first stays
    assert shop.engine is not None
    with shop.engine.begin() as connection:  # orders using the code are not a change of terms
        connection.execute(text("update discount_code set used_count = used_count + 1"))
    (reopened,), _ = discounts.page(staff, 1, 25)
    discounts.edit(staff, "SUMMER-10", GOOD | {"value": "15", "limit": "5"}, reopened.version())
    assert codes(shop) == [("SUMMER-10", "percent", 15, 4990, 5, True)]
    with pytest.raises(Refusal) as gone:
        discounts.edit(staff, "NOPE", GOOD, reopened.version())
    assert gone.value.code == "admin.discount.error.unknown"


def test_the_store_saves_terms_only_over_those_the_change_started_from(shop: Shop) -> None:
    staff = staff_of(shop, team_sessions(shop).staff, Permission.DISCOUNTS)
    admin_of(shop).discounts.create(staff, GOOD)
    assert shop.engine is not None
    store = SqlDiscountAdmin(shop.engine)
    before = store.get("SUMMER-10")
    assert before is not None
    entry = AuditRecord(None, "boss@example.com", "discount.edit", "discount:SUMMER-10", "", "")
    moved_on = replace(before, value=20)  # what another admin saved meanwhile
    assert store.save(moved_on, entry, expected=before)
    assert not store.save(replace(before, active=False), entry, expected=before)  # stale
    assert store.get("SUMMER-10") == moved_on
    with shop.engine.connect() as connection:
        sql = "select count(*) from admin_audit where action = 'discount.edit'"
        assert connection.execute(text(sql)).scalar_one() == 1


async def test_the_discounts_page_saves_only_over_the_terms_it_showed(shop: Shop) -> None:
    sessions = team_sessions(shop)
    boss = staff_of(shop, sessions.admin)
    admin_of(shop).discounts.create(boss, GOOD)
    set_shop(shop)
    try:
        page = state_at(AdminDiscountsState, sessions.admin, {})
        await page.load_page()  # type: ignore[attr-defined]
        await page.edit("SUMMER-10")  # type: ignore[attr-defined]
        admin_of(shop).discounts.edit(boss, "SUMMER-10", GOOD | {"value": "15"})  # meanwhile
        await page.save(GOOD | {"limit": "5", "save_key": page.save_key})  # type: ignore[attr-defined]
        root = await page.get_state(AdminState)
        assert "changed this code meanwhile" in root.problem["en"]  # type: ignore[attr-defined]
        assert codes(shop) == [("SUMMER-10", "percent", 15, 4990, 100, True)]
        assert [i.value for i in page.items] == [15]  # type: ignore[attr-defined]  # as now
        await page.edit("SUMMER-10")  # type: ignore[attr-defined]  # opened again: saves
        await page.save(page.form_values | {"limit": "5", "save_key": page.save_key})  # type: ignore[attr-defined]
        assert codes(shop) == [("SUMMER-10", "percent", 15, 4990, 5, True)]
        await page.expire("NOPE")  # type: ignore[attr-defined]  # refused: the list is read
        assert "does not exist" in root.problem["en"]  # type: ignore[attr-defined]  # and shown
    finally:
        set_shop(None)


async def test_a_new_code_sent_twice_by_a_double_click_is_created_once_and_said_so(
    shop: Shop,
) -> None:
    """The second submit of the same form would find the code taken and say so over the
    notice that it was saved."""
    sessions = team_sessions(shop)
    set_shop(shop)
    try:
        page: Any = state_at(AdminDiscountsState, sessions.admin, {})
        await page.load_page()
        sent = GOOD | {"save_key": page.save_key}
        await page.save(sent)
        await page.save(sent)  # the second click, queued behind the first
        root: Any = await page.get_state(AdminState)
        assert (root.notice["en"], root.problem, page.errors) == ("Code SUMMER-10 saved.", {}, {})
        assert len(codes(shop)) == 1
        # Switched off and on: said so, not "saved" (QA).
        await page.switch("SUMMER-10", False)
        assert root.notice["en"] == "Code SUMMER-10 switched off: shoppers can no longer use it."
        await page.switch("SUMMER-10", True)
        assert root.notice["fr"] == "Code SUMMER-10 activé\u202f: les clients peuvent l’utiliser."
        # Switched on once expired: shoppers still cannot use it, and are not said to.
        staff = staff_of(shop, sessions.admin)
        admin_of(shop).discounts.expire(staff, "SUMMER-10", utc_now())
        await page.switch("SUMMER-10", False)
        await page.switch("SUMMER-10", True)
        assert root.notice["en"] == (
            "Code SUMMER-10 switched on, but shoppers cannot use it: see its status."
        )
    finally:
        set_shop(None)
