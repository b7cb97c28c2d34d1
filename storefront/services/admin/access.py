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
from models.types import utc_now
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
    # the link mailed to it (`mailed`: False when the mail could not go; Team.set_role).
    joined: bool = False
    mailed: bool = False


@dataclass(frozen=True, slots=True)
class ClearedPassword:
    """A shopper's account joining the team: its password replaced by `password_hash` (one
    nobody knows) and every session of it ended, at `at`, with its role."""

    password_hash: str
    at: datetime


class NewMember(Protocol):
    """What the accounts do for a shopper's account given a role (services/accounts/
    resets.py TeamLinks)."""

    def unknown_password(self) -> str: ...

    def mail_link(self, account_id: int) -> bool:
        """Mail the account a link to choose its password; False when it could not."""
        ...


class TeamStore(Protocol):
    def by_id(self, account_id: int) -> AccountRecord | None: ...

    def by_email(self, email: str) -> AccountRecord | None: ...

    def members(self) -> list[Member]:
        """Accounts with a role other than shopper, admins first."""
        ...

    def set_role(
        self,
        account_id: int,
        role: Role,
        audit: AuditRecord | None,
        cleared: ClearedPassword | None = None,
    ) -> bool:
        """Change the role and write the audit entry (and, `cleared`, replace the password
        and end every session of the account) in the same transaction; False when the
        change would leave the shop without an admin."""
        ...


class Team:
    def __init__(
        self,
        store: TeamStore,
        session_account: Callable[[str, datetime], int | None],
        new_member: NewMember,
    ) -> None:
        self._store = store
        self._session_account = session_account
        self._new_member = new_member

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
        joined = role_of(record) is Role.SHOPPER and new_role is not Role.SHOPPER
        after: dict[str, object] = {"role": new_role}
        cleared = None
        if joined:  # signed out and its password cleared with the role, in one transaction
            cleared = ClearedPassword(self._new_member.unknown_password(), utc_now())
            after |= {"password": "cleared", "sessions": "ended"}
        subject, before = f"account:{record.id}", {"role": record.role}
        entry = AuditRecord.of(actor, "role.set", subject, before, after)
        if not self._store.set_role(record.id, new_role, entry, cleared):
            raise Refusal("admin.team.error.last_admin")
        mailed = self._new_member.mail_link(record.id) if joined else False
        return Member(record.id, record.email, record.name, new_role, joined, mailed)

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
