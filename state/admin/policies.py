"""The policies page: every kind in every language, which are still the defaults, the form
that edits one text, and its reset to the shop's default (confirmed in the page first)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from state.admin.guard import AdminState, Errors, admin, one_use_key
from storefront.i18n import LOCALES, translate
from storefront.services.admin.access import Permission, Staff
from storefront.services.admin.policies import MAX_CHARS, version
from storefront.services.policies import KINDS, Policy


@dataclass
class PolicyItem:
    kind: str = ""
    locale: str = ""
    is_default: bool = True
    body: str = ""
    version: str = ""  # the text the form starts from (services.admin.policies.version)


def policy_item(policy: Policy) -> PolicyItem:
    return PolicyItem(policy.kind, policy.locale, policy.is_default, policy.body, version(policy))


class AdminPoliciesState(AdminState):
    items: list[PolicyItem] = []  # noqa: RUF012
    errors: Errors = {}  # noqa: RUF012
    # The text the form edits ("" kind: none), and the version it was filled from.
    editing_kind: str = ""
    editing_locale: str = ""
    _editing_version: str = ""
    editing_default: bool = True  # the text edited is the default: nothing to reset
    form_body: str = ""
    form_key: int = 0
    save_key: str = ""  # the form's one-use key (one_use_key)

    @rx.var
    def defaults_left(self) -> bool:
        return any(item.is_default for item in self.items)

    @rx.event
    async def load_page(self) -> None:
        staff = await self._staff(Permission.VIEW, opening=True)
        if staff is not None:
            self.save_key = one_use_key()
            self.editing_kind, self.editing_locale, self.errors = "", "", {}
            await self._fetch(staff)

    async def _fetch(self, staff: Staff) -> None:
        rows = await self._read(admin().policies.rows, staff)
        self.items = [policy_item(row) for row in rows or []]

    @rx.event
    async def edit(self, kind: str, locale: str) -> None:
        """Fill the form with a policy's text as it is now."""
        staff = await self._staff(Permission.POLICIES)
        if staff is None:
            return
        rows = await self._read(admin().policies.rows, staff) or []
        self.items = [policy_item(row) for row in rows]
        found = next((r for r in rows if (r.kind, r.locale) == (kind, locale)), None)
        if found is None:
            return
        self.editing_kind, self.editing_locale = found.kind, found.locale
        self._editing_version, self.form_body = version(found), found.body
        self.editing_default = found.is_default
        self.errors = {}
        self.form_key += 1

    @rx.event
    async def close(self) -> None:
        if await self._staff(Permission.POLICIES) is None:
            return
        self.editing_kind, self.editing_locale, self.errors = "", "", {}

    @rx.event
    async def save(self, form: dict[str, Any]) -> None:
        """Save the text typed for the policy being edited."""
        staff = await self._staff_for_form(Permission.POLICIES, form, "save_key")
        if staff is None or self.editing_kind not in KINDS or self.editing_locale not in LOCALES:
            return
        # One character past the limit is enough to say it is too long.
        body = str(form.get("body", ""))[: MAX_CHARS + 1]
        kind, locale = self.editing_kind, self.editing_locale
        done, self.errors = await self._attempt(
            admin().policies.save, staff, kind, locale, body, self._editing_version
        )
        await self._fetch(staff)
        if done is None:
            self.form_body = body  # what was typed stays
            return
        name = {loc: translate(loc, f"policy.title.{kind}") for loc in LOCALES}
        await self._tell_each("admin.policy.saved", name)
        self.editing_kind, self.editing_locale, self.form_body = "", "", ""
        self.form_key += 1

    @rx.event
    async def reset_to_default(self) -> None:
        """Put the default text back for the policy being edited (the merchant's deleted)."""
        staff = await self._staff(Permission.POLICIES)
        if staff is None or self.editing_kind not in KINDS or self.editing_locale not in LOCALES:
            return
        kind, locale = self.editing_kind, self.editing_locale
        done, self.errors = await self._attempt(
            admin().policies.reset, staff, kind, locale, self._editing_version
        )
        await self._fetch(staff)
        if done is None:  # refused (changed meanwhile) or the default already: form kept
            return
        name = {loc: translate(loc, f"policy.title.{kind}") for loc in LOCALES}
        await self._tell_each("admin.policy.reset_done", name)
        self.editing_kind, self.editing_locale, self.form_body = "", "", ""
        self.form_key += 1

    async def _tell_each(self, key: str, names: dict[str, str]) -> None:
        """The notice `key`, naming the policy in each language's own words."""
        await self._tell(key)
        root = await self.get_state(AdminState)
        root.notice = {loc: translate(loc, key, name=names[loc]) for loc in LOCALES}
