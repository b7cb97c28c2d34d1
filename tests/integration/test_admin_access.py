"""Roles, the team and the audit log on real SQLite and PostgreSQL."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from models.admin import Role
from models.events import AccountCreated
from models.types import utc_now
from state.admin.guard import AdminState
from state.admin.team import AdminTeamState
from storefront.adapters.sql_audit import SqlAuditLog, SqlTeamStore
from storefront.bootstrap import Shop, set_shop
from storefront.cli.__main__ import main as cli
from storefront.i18n import translations
from storefront.services.accounts.errors import AccountError
from storefront.services.admin.access import AccessDenied, Permission, check_refund_limit
from storefront.services.admin.audit import AuditRecord
from storefront.services.errors import Refusal
from tests.integration.admin_fixtures import (
    PASSWORD,
    admin_of,
    joined_by_mail,
    sign_up,
    staff_of,
    team_sessions,
)
from tests.integration.bus_fixtures import outbox_events
from tests.integration.cli_runs import cli_here
from tests.integration.confirmed import deliver_welcomes
from tests.integration.test_admin_authorization import state_at


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop]) -> Shop:
    return make_shop(database_url)


def roles(shop: Shop) -> dict[str, str]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return dict(connection.execute(text("select email, role from account")).all())  # type: ignore[arg-type]


def audit_actions(shop: Shop) -> list[tuple[str, str, str, str]]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        rows = connection.execute(
            text("select actor_email, action, subject, after from admin_audit order by id")
        ).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def test_a_shopper_and_a_guest_are_refused_every_permission(shop: Shop) -> None:
    shopper = sign_up(shop, "shopper@example.com")
    for permission in Permission:
        for session in (shopper, "", "not-a-session"):
            with pytest.raises(AccessDenied):
                staff_of(shop, session, permission)


def test_staff_may_run_the_shop_but_not_manage_the_team(shop: Shop) -> None:
    sessions = team_sessions(shop)
    staff = staff_of(shop, sessions.staff, Permission.CATALOG)
    assert (staff.email, staff.role.value) == ("sam@example.com", "staff")
    with pytest.raises(AccessDenied):
        staff_of(shop, sessions.staff, Permission.TEAM)
    with pytest.raises(AccessDenied):
        admin_of(shop).team.set_role(staff, "shopper@example.com", "admin")
    assert roles(shop)["shopper@example.com"] == "shopper"


def test_staff_refunds_stop_at_the_limit_and_admins_have_none(shop: Shop) -> None:
    sessions = team_sessions(shop)
    limit = shop.settings.staff_refund_limit_minor
    staff, boss = staff_of(shop, sessions.staff), staff_of(shop, sessions.admin)
    check_refund_limit(staff, limit, limit)
    with pytest.raises(AccessDenied):
        check_refund_limit(staff, limit + 1, limit)
    check_refund_limit(boss, limit * 100, limit)


def test_a_revoked_role_takes_effect_on_the_next_call(shop: Shop) -> None:
    sessions = team_sessions(shop)
    boss = staff_of(shop, sessions.admin, Permission.TEAM)
    admin_of(shop).team.set_role(boss, "sam@example.com", "shopper")
    with pytest.raises(AccessDenied):
        staff_of(shop, sessions.staff)


def test_a_role_granted_is_taken_up_through_the_mailbox_not_by_whoever_signed_up(
    shop: Shop,
) -> None:
    """Someone signs up with a future colleague's address and stays signed in; the admin
    grants that address a role. Their session ends and their password no longer opens the
    account: the address's owner chooses one through the link mailed to it (security
    review)."""
    sessions = team_sessions(shop)
    boss = staff_of(shop, sessions.admin, Permission.TEAM)
    squatter = sign_up(shop, "newhire@example.com")
    member = admin_of(shop).team.set_role(boss, "newhire@example.com", "staff")
    assert (member.role.value, member.joined) == ("staff", True)
    with pytest.raises(AccessDenied):
        staff_of(shop, squatter)  # signed out everywhere
    assert shop.accounts is not None
    with pytest.raises(AccountError):
        shop.accounts.sign_in("newhire@example.com", PASSWORD, utc_now())  # cleared
    owner = joined_by_mail(shop, "newhire@example.com")  # the mailbox's owner
    assert staff_of(shop, owner).email == "newhire@example.com"
    # A role changed between team members signs nobody out.
    again = admin_of(shop).team.set_role(boss, "newhire@example.com", "admin")
    assert not again.joined
    assert staff_of(shop, owner, Permission.TEAM).email == "newhire@example.com"


def test_a_role_saved_unchanged_writes_no_audit_entry(shop: Shop) -> None:
    sessions = team_sessions(shop)
    boss = staff_of(shop, sessions.admin, Permission.TEAM)
    before = audit_actions(shop)
    member = admin_of(shop).team.set_role(boss, "sam@example.com", "staff")  # already staff
    assert member.role.value == "staff"
    assert audit_actions(shop) == before


def test_role_changes_are_audited_and_the_last_admin_stays(shop: Shop) -> None:
    sessions = team_sessions(shop)
    boss = staff_of(shop, sessions.admin, Permission.TEAM)
    with pytest.raises(Refusal) as refused:
        admin_of(shop).team.set_role(boss, "ada@example.com", "staff")  # herself (QA)
    assert refused.value.fields == {"email": "admin.team.error.own_role"}
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        ada = connection.execute(
            text("select id from account where email = 'ada@example.com'")
        ).scalar_one()
    # Two admins demoting each other at once: the store keeps the last one.
    assert SqlTeamStore(shop.engine).set_role(ada, Role.STAFF, None) is False
    with pytest.raises(Refusal) as unknown:
        admin_of(shop).team.set_role(boss, "nobody@example.com", "staff")
    assert unknown.value.fields == {"email": "admin.team.error.unknown"}
    with pytest.raises(Refusal):
        admin_of(shop).team.set_role(boss, "sam@example.com", "owner")
    assert roles(shop) == {
        "ada@example.com": "admin",
        "sam@example.com": "staff",
        "shopper@example.com": "shopper",
    }
    assert [a[:2] for a in audit_actions(shop)] == [
        ("cli", "role.set"),
        ("ada@example.com", "role.set"),
    ]
    # A shopper's account joining: signed out and its password cleared, with the role.
    after = '{"password": "cleared", "role": "staff", "sessions": "ended"}'
    assert audit_actions(shop)[1][3] == after
    members = admin_of(shop).team.members(boss)
    assert [(m.email, m.role.value) for m in members] == [
        ("ada@example.com", "admin"),
        ("sam@example.com", "staff"),
    ]


def test_create_admin_mails_a_new_accounts_welcome_in_the_shops_language(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A French shop's operator made the first admin and got the welcome in English (QA)."""
    set_shop(replace(shop, settings=shop.settings.model_copy(update={"language": "fr"})))
    try:
        monkeypatch.setenv("BOUTIQUE_ADMIN_PASSWORD", "a long enough password")
        assert cli(["create-admin", "patronne@example.com", "--password-env"]) == 0
    finally:
        set_shop(None)
    assert shop.engine is not None
    deliver_welcomes(shop)  # its event, in the shop's language, waited in the outbox
    with shop.engine.connect() as connection:
        subjects = connection.execute(
            text("select subject from mail_outbox where recipient = :to"),
            {"to": "patronne@example.com"},
        ).all()
    assert [row.subject for row in subjects] == [
        "Bienvenue chez Boutique\u202f: merci de confirmer votre e-mail"
    ]


def test_create_admin_makes_the_first_admin_from_the_command_line(
    shop: Shop, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from storefront.bootstrap import set_shop

    set_shop(shop)
    try:
        monkeypatch.setenv("BOUTIQUE_ADMIN_PASSWORD", "short")
        assert cli(["create-admin", "boss@example.com", "--password-env"]) == 1
        assert "boss@example.com" not in roles(shop)
        monkeypatch.setenv("BOUTIQUE_ADMIN_PASSWORD", "a long enough password")
        assert cli(["create-admin", "Boss@Example.com", "--password-env"]) == 0
        # A shopper's account: the password is asked, and whoever signed it up (maybe not
        # the address's owner, who runs this) is signed out (security review).
        squatter = sign_up(shop, "later@example.com")
        capsys.readouterr()
        monkeypatch.setattr("sys.stdin", io.StringIO("the operators own password\n"))
        assert cli(["create-admin", "later@example.com"]) == 0
        assert "its password is now the one given here" in capsys.readouterr().out
        assert shop.accounts is not None
        assert shop.accounts.session(squatter, utc_now()) is None
        assert cli(["create-admin", "later@example.com"]) == 0  # an admin's: none asked
        assert "The account already existed: its password is unchanged" in capsys.readouterr().out
        # No terminal (a script): the password is the standard input's first line, and
        # none there is a clear refusal, not a traceback.
        monkeypatch.setattr("sys.stdin", io.StringIO(""))
        with pytest.raises(SystemExit):
            cli(["create-admin", "piped@example.com"])
        monkeypatch.setattr("sys.stdin", io.StringIO("a piped long password\n"))
        assert cli(["create-admin", "piped@example.com"]) == 0
    finally:
        set_shop(None)
    assert roles(shop) == {
        "boss@example.com": "admin",
        "later@example.com": "admin",
        "piped@example.com": "admin",
    }
    assert shop.accounts is not None
    shop.accounts.sign_in("boss@example.com", "a long enough password", utc_now())
    shop.accounts.sign_in("piped@example.com", "a piped long password", utc_now())
    shop.accounts.sign_in("later@example.com", "the operators own password", utc_now())


def mails_to(shop: Shop, recipient: str) -> list[str]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        rows = connection.execute(
            text("select body from mail_outbox where recipient = :to order by id"),
            {"to": recipient},
        ).all()
    return [row.body for row in rows]


@pytest.mark.parametrize(
    ("env", "address"),
    [
        # `PORT=3350 scripts/shop` in one shell, `PORT=3350 ... create-admin` in another.
        ({"PORT": "3350"}, "http://localhost:3350"),
        # Behind its public address, whatever port the process is given.
        (
            {"PORT": "3350", "BOUTIQUE_PUBLIC_URL": "https://shop.example.com"},
            "https://shop.example.com",
        ),
        ({}, "http://localhost:3000"),
    ],
)
def test_create_admin_links_to_the_shop_where_it_runs(
    shop: Shop,
    *,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    env: dict[str, str],
    address: str,
) -> None:
    """The link it prints is under the shop's address, as its mails' links: PORT's when no
    public URL is set (it printed :3350 while mails said :3000). The new account's welcome
    is not mailed by the command: it waits in the outbox for the shop, which links it under
    its own address."""
    done = cli_here(
        monkeypatch,
        capsys,
        tmp_path,
        "create-admin",
        "boss@example.com",
        "--password-env",
        DATABASE_URL=database_url,
        BOUTIQUE_MEDIA_DIR=str(tmp_path / "media"),
        BOUTIQUE_ADMIN_PASSWORD="a long enough password",
        **env,
    )
    assert done.returncode == 0, done.stderr
    assert f"boss@example.com is an admin; sign in at {address}/admin\n" in done.stdout
    assert mails_to(shop, "boss@example.com") == []
    assert any(isinstance(event, AccountCreated) for event in outbox_events(shop))


async def test_the_team_page_refuses_a_control_character_and_opens_clean_next_visit(
    shop: Shop,
) -> None:
    """A NUL would fail the account lookup on PostgreSQL; a refusal shown on the last visit
    is not about the next one."""
    sessions = team_sessions(shop)
    set_shop(shop)
    try:
        page: Any = state_at(AdminTeamState, sessions.admin, {})
        await page.load_page()
        await page.set_role({"email": "shopper\x00@example.com", "role": "staff"})
        root: Any = await page.get_state(AdminState)
        assert root.problem == translations("form.error.control")
        await page.set_role({"email": "nobody@example.com", "role": "staff"})
        assert page.errors != {}
        key = page.form_key
        await page.load_page()  # the page visited again
        assert (page.errors, page.form_key != key) == ({}, True)
        assert roles(shop)["shopper@example.com"] == "shopper"
    finally:
        set_shop(None)


def test_the_audit_filter_finds_one_subject_by_its_number_or_all_by_a_prefix(shop: Shop) -> None:
    assert shop.engine is not None
    log = SqlAuditLog(shop.engine)
    log.record(
        [AuditRecord(None, "cli", "product.save", f"product:{n}", "{}", "{}") for n in (1, 12, 120)]
    )
    assert [v.subject for v in log.page("product:1", 0, 10)[0]] == ["product:1"]
    assert sorted(v.subject for v in log.page("product:", 0, 10)[0]) == [
        "product:1", "product:12", "product:120",
    ]  # fmt: skip
