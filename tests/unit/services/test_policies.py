"""The shop's policies: defaults until the merchant writes their own, a text checked before
it is saved, a text reset to the default, the shoppers' cached read dropped on a save or a
reset, each kind's latest change (the sitemap's dates), and plain text cut into blocks.
The SQL store is tested against real databases in tests/integration/test_policies.py; this
fake keeps the service's checks quick to test."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from models.admin import Role
from storefront.adapters.cache import InProcessCache
from storefront.services.admin.access import AccessDenied, Staff
from storefront.services.admin.audit import AuditRecord
from storefront.services.admin.policies import MAX_CHARS, PolicyAdmin, version
from storefront.services.errors import AlreadyDone, Refusal
from storefront.services.policies import Block, Policies, StoredPolicy, blocks
from storefront.services.policy_defaults import DEFAULTS, ShopFacts, default_text
from storefront.services.versioned_cache import VersionedCache

BOSS = Staff(1, "boss@example.com", Role.ADMIN)
SHOPPER = Staff(3, "ann@example.com", Role.SHOPPER)
NOW = datetime(2026, 12, 8, 10, 0, tzinfo=UTC)


class FakePolicyStore:
    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], StoredPolicy] = {}
        self.audit: list[AuditRecord] = []
        self.reads = 0
        self.now = NOW

    def stored(self) -> dict[tuple[str, str], StoredPolicy]:
        self.reads += 1
        return dict(self.rows)

    def save(
        self, kind: str, locale: str, body: str, audit: AuditRecord, expected: str | None
    ) -> bool:
        found = self.rows.get((kind, locale))
        if (found.body if found else None) != expected:
            return False
        self.rows[(kind, locale)] = StoredPolicy(body, self.now)
        self.audit.append(audit)
        return True

    def delete(self, kind: str, locale: str, audit: AuditRecord, expected: str) -> bool:
        found = self.rows.get((kind, locale))
        if found is None or found.body != expected:
            return False
        del self.rows[(kind, locale)]
        self.audit.append(audit)
        return True


def desk() -> tuple[FakePolicyStore, Policies, PolicyAdmin]:
    store = FakePolicyStore()
    policies = Policies(store, VersionedCache(InProcessCache(), ttl_seconds=60))
    return store, policies, PolicyAdmin(store, policies)


def test_every_policy_is_the_default_until_the_merchant_writes_one() -> None:
    _, policies, admin = desk()
    terms = policies.policy("terms", "fr")
    assert terms.is_default
    assert terms.body == default_text("terms", "fr", ShopFacts())
    assert "14" in policies.policy("refund", "en").body  # the right of withdrawal
    assert len(admin.rows(BOSS)) == 10
    assert all(row.is_default for row in admin.rows(BOSS))


def test_the_defaults_say_the_shops_own_withdrawal_period_everywhere() -> None:
    """The terms said 14 days while the refund policy, the checkout and the footer said 30
    (QA): each says the shop's BOUTIQUE_WITHDRAWAL_DAYS, the admin's form too."""
    store = FakePolicyStore()
    policies = Policies(store, VersionedCache(InProcessCache(), ttl_seconds=60), ShopFacts(45))
    admin = PolicyAdmin(store, policies)
    for locale, said in (("en", "45 days"), ("fr", "45 jours")):
        assert said in policies.policy("terms", locale).body
        assert said in policies.policy("refund", locale).body
    assert all("{" not in row.body for row in admin.rows(BOSS))
    assert all(
        "{" not in default_text(k, loc, ShopFacts()) for k in DEFAULTS for loc in DEFAULTS[k]
    )
    assert all("ec.europa.eu/consumers/odr" not in row.body for row in admin.rows(BOSS))


def test_the_refund_default_counts_from_receipt_and_says_how_the_shop_dates_it() -> None:
    """The order page counted 30 days from shipping while this policy said from receipt
    (QA): both count from receipt, and the policy says the shop counts from the last day of
    each delivery's promised time, as the order page and the shipping mail do."""
    en = default_text("refund", "en", ShopFacts())
    assert "within 30 days of receiving the goods" in en
    assert "(Standard, 3–5 working days; Express, next working day)" in en
    fr = default_text("refund", "fr", ShopFacts())
    assert "dans les 30 jours suivant la réception des produits" in fr
    assert "(Standard, 3 à 5 jours ouvrés\u202f; Express, le jour ouvré suivant)" in fr
    assert "le jour de la livraison\u202f: nous comptons" in fr


def test_a_saved_text_is_what_shoppers_read_next_in_that_language_only() -> None:
    store, policies, admin = desk()
    assert policies.policy("terms", "en").is_default  # read once: now cached
    saved = admin.save(BOSS, "terms", "en", "  Our terms.\r\n\r\n- one  \n", "")
    assert saved.body == "Our terms.\n\n- one"
    assert not saved.is_default
    assert policies.policy("terms", "en").body == "Our terms.\n\n- one"
    assert policies.policy("terms", "fr").is_default
    [entry] = store.audit
    assert (entry.action, entry.subject, entry.actor_email) == (
        "policy.edit",
        "policy:terms:en",
        "boss@example.com",
    )
    assert '"body": null' in entry.before
    assert "Our terms." in entry.after


def test_shoppers_reads_come_from_the_cache_until_a_save() -> None:
    store, policies, admin = desk()
    policies.policy("terms", "en")
    policies.policy("privacy", "fr")
    assert store.reads == 1
    admin.save(BOSS, "privacy", "fr", "Vos données.", "")
    reads = store.reads
    assert policies.policy("privacy", "fr").body == "Vos données."
    assert store.reads == reads + 1


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "admin.policy.error.empty"),
        (" \n\n  \t", "admin.policy.error.empty"),
        ("x" * (MAX_CHARS + 1), "admin.policy.error.long"),
        ("Terms\x00", "admin.policy.error.control"),
    ],
)
def test_a_text_at_fault_is_refused_on_its_field_and_nothing_is_saved(
    body: str, message: str
) -> None:
    store, policies, admin = desk()
    with pytest.raises(Refusal) as refused:
        admin.save(BOSS, "terms", "en", body, "")
    assert refused.value.fields == {"body": message}
    assert store.rows == {}
    assert store.audit == []
    assert policies.policy("terms", "en").is_default


def test_the_longest_text_allowed_is_saved_and_its_limit_is_named() -> None:
    _, _, admin = desk()
    with pytest.raises(Refusal) as refused:
        admin.save(BOSS, "terms", "en", "x" * (MAX_CHARS + 1), "")
    assert refused.value.field_params == {"body": {"limit": MAX_CHARS}}
    assert admin.save(BOSS, "terms", "en", "x" * MAX_CHARS, "").body == "x" * MAX_CHARS


@pytest.mark.parametrize(("kind", "locale"), [("cookies", "en"), ("terms", "de"), ("", "")])
def test_an_unknown_policy_or_language_is_refused(kind: str, locale: str) -> None:
    store, _, admin = desk()
    with pytest.raises(Refusal) as refused:
        admin.save(BOSS, kind, locale, "Text", "")
    assert refused.value.code == "admin.policy.error.unknown"
    assert store.rows == {}


def test_a_save_from_a_form_opened_before_someone_elses_is_refused() -> None:
    store, _, admin = desk()
    first = admin.save(BOSS, "shipping", "en", "We ship.", "")
    with pytest.raises(Refusal) as refused:  # opened while it was still the default
        admin.save(BOSS, "shipping", "en", "We ship fast.", "")
    assert refused.value.code == "admin.policy.error.changed"
    assert store.rows[("shipping", "en")].body == "We ship."
    assert admin.save(BOSS, "shipping", "en", "We ship fast.", version(first)).body == (
        "We ship fast."
    )
    assert len(store.audit) == 2


def test_saving_a_text_unchanged_writes_nothing() -> None:
    store, _, admin = desk()
    default = admin.save(BOSS, "legal", "fr", default_text("legal", "fr", ShopFacts()), "")
    assert default.is_default  # the default, saved as is, stays the default
    mine = admin.save(BOSS, "legal", "fr", "Boutique SAS", "")
    admin.save(BOSS, "legal", "fr", "Boutique SAS\n", version(mine))
    assert len(store.audit) == 1


def test_only_staff_may_edit_policies() -> None:
    store, _, admin = desk()
    with pytest.raises(AccessDenied):
        admin.save(SHOPPER, "terms", "en", "Mine now.", "")
    with pytest.raises(AccessDenied):
        admin.rows(SHOPPER)
    assert store.rows == {}
    sam = Staff(2, "sam@example.com", Role.STAFF)
    assert admin.save(sam, "terms", "en", "Staff may.", "").body == "Staff may."


def test_text_becomes_paragraphs_and_lists_and_nothing_else() -> None:
    text = (
        "First line\nsame paragraph.\n\n"
        "Excluded:\n- one\n-   two \n-\nAfter the list.\n\n\n"
        "<b>not bold</b>"
    )
    assert blocks(text) == [
        Block(False, ("First line same paragraph.",)),
        Block(False, ("Excluded:",)),
        Block(True, ("one", "two")),
        Block(False, ("After the list.",)),
        Block(False, ("<b>not bold</b>",)),  # shown as typed, never as markup
    ]
    assert blocks("") == []
    assert blocks(default_text("refund", "en", ShopFacts()))[
        6  # after the paragraph on how the period is counted
    ].is_list  # what withdrawal leaves out


def test_a_reset_puts_the_default_back_for_shoppers_with_its_audit_entry() -> None:
    store, policies, admin = desk()
    mine = admin.save(BOSS, "refund", "en", "Returns within 30 days.", "")
    admin.save(BOSS, "refund", "fr", "Retours sous 30 jours.", "")
    assert policies.policy("refund", "en").body == "Returns within 30 days."  # now cached
    reset = admin.reset(BOSS, "refund", "en", version(mine))
    assert reset.is_default
    assert reset.body == default_text("refund", "en", ShopFacts())
    assert policies.policy("refund", "en").body == default_text("refund", "en", ShopFacts())
    assert policies.policy("refund", "fr").body == "Retours sous 30 jours."  # its own stays
    assert set(store.rows) == {("refund", "fr")}
    entry = store.audit[-1]
    assert (entry.action, entry.subject, entry.actor_email) == (
        "policy.reset",
        "policy:refund:en",
        "boss@example.com",
    )
    assert entry.before == '{"body": "Returns within 30 days."}'
    assert entry.after == '{"body": null}'


def test_a_reset_from_a_form_opened_before_someone_elses_save_deletes_nothing() -> None:
    store, _, admin = desk()
    first = admin.save(BOSS, "terms", "fr", "Nos conditions.", "")
    admin.save(BOSS, "terms", "fr", "Nos nouvelles conditions.", version(first))
    with pytest.raises(Refusal) as refused:
        admin.reset(BOSS, "terms", "fr", version(first))
    assert refused.value.code == "admin.policy.error.changed"
    assert store.rows[("terms", "fr")].body == "Nos nouvelles conditions."
    assert [e.action for e in store.audit] == ["policy.edit", "policy.edit"]


def test_resetting_a_default_writes_nothing_and_says_so() -> None:
    store, _, admin = desk()
    with pytest.raises(AlreadyDone) as done:
        admin.reset(BOSS, "privacy", "en", "")
    assert done.value.code == "admin.policy.error.default_already"
    with pytest.raises(Refusal) as refused:
        admin.reset(BOSS, "cookies", "en", "")
    assert refused.value.code == "admin.policy.error.unknown"
    assert store.audit == []


def test_only_staff_may_reset_a_policy() -> None:
    store, _, admin = desk()
    mine = admin.save(BOSS, "legal", "en", "Boutique Ltd", "")
    with pytest.raises(AccessDenied):
        admin.reset(SHOPPER, "legal", "en", version(mine))
    assert store.rows[("legal", "en")].body == "Boutique Ltd"


def test_each_kinds_last_change_is_its_newest_save_in_any_language_until_reset() -> None:
    store, policies, admin = desk()
    assert policies.last_changes() == dict.fromkeys(
        ("terms", "refund", "shipping", "privacy", "legal")
    )
    admin.save(BOSS, "shipping", "fr", "Livraison offerte.", "")
    store.now = NOW + timedelta(days=3)
    english = admin.save(BOSS, "shipping", "en", "Free delivery.", "")
    assert policies.last_changes()["shipping"] == NOW + timedelta(days=3)
    assert policies.last_changes()["terms"] is None
    admin.reset(BOSS, "shipping", "en", version(english))  # dropped from the cache too
    assert policies.last_changes()["shipping"] == NOW
