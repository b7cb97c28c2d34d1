"""The shop's policies on real SQLite and PostgreSQL: defaults until the merchant saves a
text, saved with its audit entry, read back by shoppers (through a shared Redis cache too),
reset to the default (the text deleted, audited), and the migration that adds their table
to a shop that had none."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command

from state.admin.audit import SHOWN_CHARS, AdminAuditState
from state.admin.guard import AdminState
from state.admin.policies import AdminPoliciesState
from state.policy import policy_blocks
from storefront.adapters.migrations import alembic_config
from storefront.adapters.sql_policies import SqlPolicyStore
from storefront.bootstrap import Shop, set_shop
from storefront.services.admin.access import Permission
from storefront.services.admin.audit import AuditRecord
from storefront.services.admin.policies import MAX_CHARS, version
from storefront.services.errors import Refusal
from storefront.services.policies import blocks
from storefront.services.policy_defaults import ShopFacts, default_text
from tests.integration.admin_fixtures import admin_of, staff_of, team_sessions, unwritable_audit
from tests.integration.catalog_fixtures import redis_worker
from tests.integration.test_admin_authorization import state_at

ENTRY = AuditRecord(None, "cli", "policy.edit", "policy:terms:en", "", "")


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop]) -> Shop:
    return make_shop(database_url)


def audit_rows(shop: Shop) -> list[tuple[str, str, str, str]]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        rows = connection.execute(
            sa.text(
                "select actor_email, action, subject, after from admin_audit"
                " where subject like 'policy:%' order by id"
            )
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


def test_staff_save_a_policy_and_shoppers_read_it_with_its_audit_entry(shop: Shop) -> None:
    assert shop.policies is not None
    assert shop.policies.policy("refund", "fr").body == default_text("refund", "fr", ShopFacts())
    staff = staff_of(shop, team_sessions(shop).staff, Permission.POLICIES)
    saved = admin_of(shop).policies.save(staff, "refund", "fr", "Retours sous 30 jours.", "")
    assert shop.policies.policy("refund", "fr").body == "Retours sous 30 jours."
    assert shop.policies.policy("refund", "fr").updated_at is not None
    assert shop.policies.policy("refund", "en").is_default
    rows = admin_of(shop).policies.rows(staff)
    assert [(r.kind, r.locale) for r in rows if not r.is_default] == [("refund", "fr")]
    admin_of(shop).policies.save(staff, "refund", "fr", "Retours sous 60 jours.", version(saved))
    assert shop.policies.policy("refund", "fr").body == "Retours sous 60 jours."
    logged = audit_rows(shop)
    edit = ("sam@example.com", "policy.edit", "policy:refund:fr")
    assert [row[:3] for row in logged] == [edit, edit]
    assert json.loads(logged[-1][3]) == {"body": "Retours sous 60 jours."}


def test_a_save_on_a_text_changed_meanwhile_writes_nothing(database_url: str) -> None:
    engine = sa.create_engine(database_url.replace("postgresql://", "postgresql+psycopg://", 1))
    store = SqlPolicyStore(engine)
    assert store.stored() == {}
    assert store.save("terms", "en", "First.", ENTRY, expected=None)
    assert not store.save("terms", "en", "Second.", ENTRY, expected=None)  # one came first
    assert not store.save("terms", "en", "Third.", ENTRY, expected="Not this.")
    assert store.save("terms", "en", "Fourth.", ENTRY, expected="First.")
    assert {k: v.body for k, v in store.stored().items()} == {("terms", "en"): "Fourth."}
    with engine.connect() as connection:
        audited = connection.execute(sa.text("select count(*) from admin_audit")).scalar_one()
    assert audited == 2  # only the saves that landed
    engine.dispose()


def test_a_text_whose_audit_entry_fails_is_not_saved(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    staff = staff_of(shop, team_sessions(shop).admin, Permission.POLICIES)
    monkeypatch.setattr("storefront.adapters.sql_policies.write_audit", unwritable_audit)
    with pytest.raises(RuntimeError):
        admin_of(shop).policies.save(staff, "terms", "en", "Never seen.", "")
    assert shop.policies is not None
    assert shop.policies.policy("terms", "en").is_default


def test_a_refused_text_changes_nothing(shop: Shop) -> None:
    staff = staff_of(shop, team_sessions(shop).admin, Permission.POLICIES)
    with pytest.raises(Refusal) as refused:
        admin_of(shop).policies.save(staff, "privacy", "en", "  \n ", "")
    assert refused.value.fields == {"body": "admin.policy.error.empty"}
    assert audit_rows(shop) == []
    assert all(r.is_default for r in admin_of(shop).policies.rows(staff))


def test_every_web_worker_reads_the_new_text_once_one_saves_it(
    make_shop: Callable[..., Shop], sqlite_url: str, redis_server: str, prefix: str
) -> None:
    """Two processes on one Redis cache: the one that did not save drops its copy too."""
    one = redis_worker(make_shop, sqlite_url, redis_server, prefix)
    two = redis_worker(make_shop, sqlite_url, redis_server, prefix)
    assert one.policies is not None
    assert two.policies is not None
    assert two.policies.policy("shipping", "en").is_default  # now in its memory
    staff = staff_of(one, team_sessions(one).admin, Permission.POLICIES)
    admin_of(one).policies.save(staff, "shipping", "en", "Free delivery.", "")
    assert two.policies.policy("shipping", "en").body == "Free delivery."


def test_the_migration_adds_the_table_to_an_existing_shop_and_may_run_again(
    database_url: str,
) -> None:
    """0026 on a shop at 0025: the table appears, empty (every policy the default). A run
    stopped after SQLite committed the table finds it there and keeps what it holds."""
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    command.downgrade(config, "0025")
    engine = sa.create_engine(url)
    assert not sa.inspect(engine).has_table("store_policy")
    command.upgrade(config, "head")
    assert SqlPolicyStore(engine).stored() == {}
    SqlPolicyStore(engine).save("legal", "fr", "Boutique SAS", ENTRY, expected=None)
    with engine.begin() as connection:  # as a run stopped before its stamp leaves it
        connection.execute(sa.text("update alembic_version set version_num = '0025'"))
    command.upgrade(config, "head")
    assert {k: v.body for k, v in SqlPolicyStore(engine).stored().items()} == {
        ("legal", "fr"): "Boutique SAS"
    }
    engine.dispose()


async def test_the_policies_page_saves_a_text_and_says_what_is_wrong_in_both_languages(
    shop: Shop,
) -> None:
    sessions = team_sessions(shop)
    set_shop(shop)
    try:
        page: Any = state_at(AdminPoliciesState, sessions.staff, {})
        await page.load_page()
        assert [(i.kind, i.locale) for i in page.items][:2] == [("terms", "en"), ("terms", "fr")]
        assert page.defaults_left
        await page.edit("terms", "fr")
        assert page.form_body == default_text("terms", "fr", ShopFacts())
        await page.save({"body": " \n", "save_key": page.save_key})
        assert page.errors == {
            "body": {
                "en": "Write the text: a policy cannot be empty.",
                "fr": "Écrivez le texte\u202f: il ne peut pas être vide.",
            }
        }
        await page.save({"body": "x" * 20_001, "save_key": page.save_key})
        assert page.errors["body"]["fr"] == "20\u202f000 caractères au maximum."
        assert audit_rows(shop) == []
        await page.save({"body": "Nos conditions.", "save_key": page.save_key})
        root = await page.get_state(AdminState)
        assert root.notice["fr"] == "Texte enregistré\u202f: Conditions générales de vente."
        assert page.editing_kind == ""
        assert [i.kind for i in page.items if not i.is_default] == ["terms"]
        assert [b.lines for b in policy_blocks("terms") if b.locale == "fr"] == [
            ["Nos conditions."]
        ]
    finally:
        set_shop(None)


def test_a_policys_page_holds_its_text_in_every_language(current_shop: Shop) -> None:
    found = policy_blocks("refund")
    assert {b.locale for b in found} == {"en", "fr"}
    assert [b.lines for b in found if b.is_list and b.locale == "en"] == [
        [
            "goods made to your specifications or clearly personalised;",
            "sealed goods unsealed after delivery that cannot be returned for hygiene reasons.",
        ]
    ]


async def test_the_audit_page_shows_a_long_policys_entry_cut_and_the_log_keeps_it_whole(
    shop: Shop,
) -> None:
    sessions = team_sessions(shop)
    staff = staff_of(shop, sessions.admin, Permission.POLICIES)
    admin_of(shop).policies.save(staff, "privacy", "en", "y" * MAX_CHARS, "")
    assert len(audit_rows(shop)[0][3]) > MAX_CHARS  # the whole text, as JSON
    set_shop(shop)
    try:
        page: Any = state_at(AdminAuditState, sessions.admin, {})
        await page.load_page()
        [entry] = [e for e in page.entries if e.subject == "policy:privacy:en"]
        assert entry.after == audit_rows(shop)[0][3][:SHOWN_CHARS] + "…"
        assert entry.before == '{"body": null}'  # short: shown whole
        # Named in words in each language, its code beside (QA: codes alone, in French too).
        assert entry.action_labels == {"en": "Policy edited", "fr": "Information légale modifiée"}
    finally:
        set_shop(None)


def test_a_reset_deletes_only_the_text_it_was_asked_for_with_its_audit_entry(
    database_url: str,
) -> None:
    engine = sa.create_engine(database_url.replace("postgresql://", "postgresql+psycopg://", 1))
    store = SqlPolicyStore(engine)
    reset = AuditRecord(None, "cli", "policy.reset", "policy:terms:en", "", "")
    assert store.save("terms", "en", "First.", ENTRY, expected=None)
    assert store.save("terms", "fr", "Premier.", ENTRY, expected=None)
    assert not store.delete("terms", "en", reset, expected="Not this.")  # changed meanwhile
    assert not store.delete("shipping", "en", reset, expected="First.")  # none stored
    assert store.delete("terms", "en", reset, expected="First.")
    assert {k: v.body for k, v in store.stored().items()} == {("terms", "fr"): "Premier."}
    with engine.connect() as connection:
        actions = connection.execute(sa.text("select action from admin_audit order by id"))
        assert list(actions.scalars()) == ["policy.edit", "policy.edit", "policy.reset"]
    engine.dispose()


def test_a_reset_whose_audit_entry_fails_keeps_the_text(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    staff = staff_of(shop, team_sessions(shop).admin, Permission.POLICIES)
    mine = admin_of(shop).policies.save(staff, "legal", "en", "Boutique Ltd", "")
    monkeypatch.setattr("storefront.adapters.sql_policies.write_audit", unwritable_audit)
    with pytest.raises(RuntimeError):
        admin_of(shop).policies.reset(staff, "legal", "en", version(mine))
    assert shop.policies is not None
    assert shop.policies.policy("legal", "en").body == "Boutique Ltd"


def test_every_web_worker_reads_the_default_again_once_one_resets_it(
    make_shop: Callable[..., Shop], sqlite_url: str, redis_server: str, prefix: str
) -> None:
    one = redis_worker(make_shop, sqlite_url, redis_server, prefix)
    two = redis_worker(make_shop, sqlite_url, redis_server, prefix)
    assert two.policies is not None
    staff = staff_of(one, team_sessions(one).admin, Permission.POLICIES)
    mine = admin_of(one).policies.save(staff, "privacy", "fr", "Vos données.", "")
    assert two.policies.policy("privacy", "fr").body == "Vos données."  # now in its memory
    admin_of(one).policies.reset(staff, "privacy", "fr", version(mine))
    assert two.policies.policy("privacy", "fr").body == default_text("privacy", "fr", ShopFacts())


async def test_the_policies_page_resets_a_text_to_the_default_and_says_so_in_both_languages(
    shop: Shop,
) -> None:
    sessions = team_sessions(shop)
    staff = staff_of(shop, sessions.staff, Permission.POLICIES)
    admin_of(shop).policies.save(staff, "refund", "fr", "Retours sous 30 jours.", "")
    set_shop(shop)
    try:
        page: Any = state_at(AdminPoliciesState, sessions.staff, {})
        await page.load_page()
        await page.edit("refund", "en")
        assert page.editing_default  # a default: nothing to reset, no button
        await page.edit("refund", "fr")
        assert not page.editing_default
        assert page.form_body == "Retours sous 30 jours."
        await page.reset_to_default()
        root = await page.get_state(AdminState)
        assert root.notice == {
            "en": "Default text restored: Refunds and returns.",
            "fr": "Texte par défaut rétabli\u202f: Remboursements et retours.",
        }
        assert root.problem == {}
        assert page.editing_kind == ""
        assert all(i.is_default for i in page.items)
        assert (
            next(b.lines[0] for b in policy_blocks("refund") if b.locale == "fr")
            == (blocks(default_text("refund", "fr", ShopFacts()))[0].items[0])
        )
        logged = audit_rows(shop)
        assert [row[1:3] for row in logged] == [
            ("policy.edit", "policy:refund:fr"),
            ("policy.reset", "policy:refund:fr"),
        ]
        assert json.loads(logged[-1][3]) == {"body": None}
    finally:
        set_shop(None)


async def test_a_reset_on_a_text_someone_changed_meanwhile_is_refused_and_keeps_it(
    shop: Shop,
) -> None:
    sessions = team_sessions(shop)
    staff = staff_of(shop, sessions.admin, Permission.POLICIES)
    first = admin_of(shop).policies.save(staff, "shipping", "en", "We ship.", "")
    set_shop(shop)
    try:
        page: Any = state_at(AdminPoliciesState, sessions.staff, {})
        await page.load_page()
        await page.edit("shipping", "en")
        admin_of(shop).policies.save(staff, "shipping", "en", "We ship fast.", version(first))
        await page.reset_to_default()
        root = await page.get_state(AdminState)
        assert root.problem["fr"] == (
            "Quelqu’un a modifié ce texte entre-temps\u202f: rouvrez-le pour le voir tel qu’il est."
        )
        assert page.editing_kind == "shipping"  # the form stays open
        assert shop.policies is not None
        assert shop.policies.policy("shipping", "en").body == "We ship fast."
        assert [row[1] for row in audit_rows(shop)] == ["policy.edit", "policy.edit"]
    finally:
        set_shop(None)
