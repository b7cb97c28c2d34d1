"""Every action the audit log records is named there in English and French: a missing label
showed its raw code ("category.edit") on the audit page (review)."""

from __future__ import annotations

import re
from pathlib import Path

from storefront.adapters.sql_refund_totals import CLOSE_ACTION
from storefront.i18n import MESSAGES
from storefront.services.accounts.guest_orders import JOIN_ACTION as GUEST_ORDER_JOINED
from storefront.services.admin.offline_refund_desk import AUDIT_ACTION as OFFLINE_REFUND

ROOT = Path(__file__).resolve().parents[2]
# The actions written as literals where an entry is made: AuditRecord.of(actor, "x.y", ...).
_LITERAL = re.compile(r'AuditRecord\.of\(\s*\w+,\s*"([a-z_.]+)"')


def literal_actions() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "storefront").rglob("*.py"):
        found |= set(_LITERAL.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_literal_action_and_the_refund_close_and_offline_refund_have_a_label() -> None:
    actions = literal_actions() | {CLOSE_ACTION, OFFLINE_REFUND, GUEST_ORDER_JOINED}
    assert {"category.edit", "category.delete", "policy.edit"} <= actions  # the scan works
    missing = sorted(a for a in actions if f"admin.audit.action.{a}" not in MESSAGES)
    assert missing == []
    for action in actions:
        label = MESSAGES[f"admin.audit.action.{action}"]
        assert all(label.get(locale) for locale in ("en", "fr")), action
