"""Who may do what in the admin: roles, their permissions, and the team of staff accounts.

Every admin use case starts from `Team.staff(...)`, which re-reads the account and its role
from the database: a role taken away takes effect on the next click, not the next sign-in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from models.admin import Role
from storefront.services.accounts.credentials import canonical_email
from storefront.services.accounts.ports import AccountRecord
from storefront.services.admin.audit import CLI_ACTOR, AuditRecord, to_json
from storefront.services.errors import Refusal


class Permission(StrEnum):
    VIEW = "view"  # dashboard, lists, details
    CATALOG = "catalog"
    STOCK = "stock"
    ORDERS = "orders"  # fulfil, cancel
    REFUND = "refund"  # up to the staff limit unless admin
    DISCOUNTS = "discounts"
    POLICIES = "policies"  # terms of sale, refunds, privacy...: what the shop tells shoppers
    REVIEWS = "reviews"  # publish or hide shoppers' product reviews
    CUSTOMERS = "customers"  # shoppers' accounts: see them, their data, close one on request
    TEAM = "team"  # grant and revoke roles


GRANTS: dict[Role, frozenset[Permission]] = {
    Role.SHOPPER: frozenset(),
    Role.STAFF: frozenset(Permission) - {Permission.TEAM},
    Role.ADMIN: frozenset(Permission),
}


class AccessDenied(Refusal):
    """Not signed in, not staff, or staff without this permission."""


@dataclass(frozen=True, slots=True)
class Staff:
    account_id: int
    email: str
    role: Role

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN


def role_of(record: AccountRecord | None) -> Role:
    """The account's role; anything unknown counts as a shopper."""
    try:
        return Role(record.role) if record else Role.SHOPPER
    except ValueError:
        return Role.SHOPPER


def authorize(record: AccountRecord | None, permission: Permission) -> Staff:
    """The staff member behind `record`, or AccessDenied: 'admin.error.denied' when it is no
    staff member (signed out, or a shopper), 'admin.error.role' when their role lacks it."""
    role = role_of(record)
    if record is None or role is Role.SHOPPER:
        raise AccessDenied("admin.error.denied")
    staff = Staff(record.id, record.email, role)
    require(staff, permission)
    return staff


@dataclass(frozen=True, slots=True)
class Member:
    account_id: int
    email: str
    name: str
    role: Role
    # Given its first role just now: signed out everywhere, it chooses a password anew from
    # the link mailed to it (Team.set_role).
    joined: bool = False


class TeamStore(Protocol):
    def by_id(self, account_id: int) -> AccountRecord | None: ...

    def by_email(self, email: str) -> AccountRecord | None: ...

    def members(self) -> list[Member]:
        """Accounts with a role other than shopper, admins first."""
        ...

    def set_role(self, account_id: int, role: Role, audit: AuditRecord | None) -> bool:
        """Change the role and write the audit entry in the same transaction; False when
        the change would leave the shop without an admin."""
        ...


class Team:
    def __init__(
        self,
        store: TeamStore,
        session_account: Callable[[str, datetime], int | None],
        start_over: Callable[[int], None] | None = None,
    ) -> None:
        """`start_over` (Resets.start_over, its link and clock bound) signs an account out
        everywhere, clears its password and mails it a link to choose one."""
        self._store = store
        self._session_account = session_account
        self._start_over = start_over

    def staff(self, session_token: str, now: datetime, permission: Permission) -> Staff:
        """The staff member signed in with `session_token`, allowed `permission`."""
        account_id = self._session_account(session_token, now) if session_token else None
        record = self._store.by_id(account_id) if account_id else None
        return authorize(record, permission)

    def members(self, actor: Staff) -> list[Member]:
        require(actor, Permission.TEAM)
        return self._store.members()

    def set_role(self, actor: Staff, email: str, role: str) -> Member:
        """Grant or revoke a role (admins only), of another member: an admin demoting
        themselves did so in one click, and their page went on as an admin's (QA). Refuses
        to demote the last admin (two admins demoting each other at once). A shopper's
        account given a role is first signed out everywhere, its password cleared and a link
        to choose one mailed to its address: sign-up checks no address, so whoever signed up
        with a future member's email would otherwise hold the role (security review)."""
        require(actor, Permission.TEAM)
        try:
            new_role = Role(role)
        except ValueError:
            raise Refusal("admin.team.error.role", {"role": "admin.team.error.role"}) from None
        record = self._store.by_email(canonical_email(email))
        if record is None:
            raise Refusal("admin.team.error.unknown", {"email": "admin.team.error.unknown"})
        if record.id == actor.account_id and new_role != record.role:
            raise Refusal("admin.team.error.own_role", {"email": "admin.team.error.own_role"})
        entry = AuditRecord.of(
            actor, "role.set", f"account:{record.id}", {"role": record.role}, {"role": new_role}
        )
        joined = role_of(record) is Role.SHOPPER and new_role is not Role.SHOPPER
        if joined and self._start_over is not None:  # before the role: no session keeps it
            self._start_over(record.id)
        if not self._store.set_role(record.id, new_role, entry):
            raise Refusal("admin.team.error.last_admin")
        return Member(record.id, record.email, record.name, new_role, joined)

    def make_admin(self, email: str) -> Member:
        """Promote an existing account to admin (the CLI's first-admin command)."""
        record = self._store.by_email(canonical_email(email))
        if record is None:
            raise Refusal("admin.team.error.unknown")
        before, after = to_json({"role": record.role}), to_json({"role": Role.ADMIN})
        entry = AuditRecord(None, CLI_ACTOR, "role.set", f"account:{record.id}", before, after)
        self._store.set_role(record.id, Role.ADMIN, entry)
        return Member(record.id, record.email, record.name, Role.ADMIN)


def require(actor: Staff, permission: Permission) -> None:
    if permission not in GRANTS[actor.role]:
        raise AccessDenied("admin.error.role")


def check_refund_limit(actor: Staff, amount_minor: int, staff_limit_minor: int) -> None:
    """Staff refund up to the limit; admins without one. The refusal names the limit."""
    require(actor, Permission.REFUND)
    if not actor.is_admin and amount_minor > staff_limit_minor:
        raise over_staff_limit(staff_limit_minor)


def over_staff_limit(staff_limit_minor: int) -> AccessDenied:
    """The refusal of a refund past the staff limit, naming it, on the amount field."""
    code = "admin.refund.error.over_staff_limit"
    return AccessDenied(code, {"amount": code}, amounts={"limit": staff_limit_minor})
