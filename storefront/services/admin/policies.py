"""The shop's policies in the admin: each kind in each language, the merchant's text or still
the default, a new text saved with its audit entry, and a text reset to the shop's default
(the merchant's text deleted, with its audit entry).

A text arrives as typed in the admin's text box; one at fault (empty, too long, holding a
control character) gets its message and nothing is saved.
"""

from __future__ import annotations

import hashlib
from typing import Protocol

from storefront.i18n import LOCALES
from storefront.services.admin.access import Permission, Staff, require
from storefront.services.admin.audit import AuditRecord
from storefront.services.errors import AlreadyDone, Refusal
from storefront.services.policies import KINDS, Policies, Policy, PolicyReader
from storefront.services.text import has_control

MAX_CHARS = 20_000  # a policy's text: ten pages of prose, far more than any needs
E = "admin.policy.error."


class PolicyAdminStore(PolicyReader, Protocol):
    def save(
        self, kind: str, locale: str, body: str, audit: AuditRecord, expected: str | None
    ) -> bool:
        """Store the text of (kind, locale) and write the audit entry in one transaction, if
        its stored text is still `expected` (None: none stored); False, nothing written, if
        not."""
        ...

    def delete(self, kind: str, locale: str, audit: AuditRecord, expected: str) -> bool:
        """Delete the merchant's text of (kind, locale) and write the audit entry in one
        transaction, if its stored text is still `expected`; False, nothing written, if not."""
        ...


def version(policy: Policy) -> str:
    """The text an edit form starts from: a save begun on another one would undo someone
    else's change. A default has the empty version."""
    return "" if policy.is_default else hashlib.sha256(policy.body.encode()).hexdigest()


def clean_text(body: str) -> str:
    """The text as stored: Windows line ends made plain, each line's trailing spaces and the
    text's surrounding blank lines dropped."""
    lines = body.replace("\r\n", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def check_text(body: str) -> str:
    """The cleaned text, or Refusal naming the fault on the `body` field."""
    text = clean_text(body)
    if not text:
        raise Refusal("admin.form.error", {"body": E + "empty"})
    if len(text) > MAX_CHARS:
        limit = {"body": {"limit": MAX_CHARS}}
        raise Refusal("admin.form.error", {"body": E + "long"}, field_params=limit)
    if has_control(text):
        raise Refusal("admin.form.error", {"body": E + "control"})
    return text


class PolicyAdmin:
    def __init__(self, store: PolicyAdminStore, policies: Policies) -> None:
        self._store = store
        self._policies = policies  # the shoppers' reads, told when a text changes

    def rows(self, actor: Staff) -> list[Policy]:
        """Every kind in every language, as stored now (not as cached), kinds in KINDS order."""
        require(actor, Permission.VIEW)
        stored = self._store.stored()
        return [self._policies.among(kind, locale, stored) for kind in KINDS for locale in LOCALES]

    def save(
        self, actor: Staff, kind: str, locale: str, body: str, expected_version: str
    ) -> Policy:
        """The merchant's text for `kind` in `locale`, from the form filled from the version
        `expected_version` (see `version`). Saving the default unchanged writes nothing: the
        policy stays the default, which a later release may improve."""
        require(actor, Permission.POLICIES)
        _check_kind(kind, locale)
        text = check_text(body)
        before = self._policies.among(kind, locale, self._store.stored())
        if expected_version != version(before):
            raise Refusal(E + "changed")
        if text == before.body:
            return before  # nothing to write, nothing for the audit log
        subject = f"policy:{kind}:{locale}"
        old = None if before.is_default else before.body
        entry = AuditRecord.of(actor, "policy.edit", subject, {"body": old}, {"body": text})
        if not self._store.save(kind, locale, text, entry, expected=old):
            raise Refusal(E + "changed")
        self._policies.forget()
        return self._policies.among(kind, locale, self._store.stored())

    def reset(self, actor: Staff, kind: str, locale: str, expected_version: str) -> Policy:
        """Put the shop's default text back for `kind` in `locale`: the merchant's text, as
        the form filled from `expected_version` showed it, is deleted (kept in the audit log).
        AlreadyDone when it is the default already: nothing to write."""
        require(actor, Permission.POLICIES)
        _check_kind(kind, locale)
        before = self._policies.among(kind, locale, self._store.stored())
        if expected_version != version(before):
            raise Refusal(E + "changed")
        if before.is_default:
            raise AlreadyDone(E + "default_already")
        subject = f"policy:{kind}:{locale}"
        entry = AuditRecord.of(
            actor, "policy.reset", subject, {"body": before.body}, {"body": None}
        )
        if not self._store.delete(kind, locale, entry, expected=before.body):
            raise Refusal(E + "changed")
        self._policies.forget()
        return self._policies.among(kind, locale, self._store.stored())


def _check_kind(kind: str, locale: str) -> None:
    if kind not in KINDS or locale not in LOCALES:
        raise Refusal(E + "unknown")
