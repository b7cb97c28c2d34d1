"""The team's roles against fakes: a shopper's account given a role has its password cleared
and its sessions ended with the role (one store call, one transaction), the audit entry says
so, and then the link is mailed; a change between roles clears nothing; a refused change
(the last admin) mails nothing; a mail that cannot go is said (Member.mailed)."""

from __future__ import annotations

import pytest

from models.admin import Role
from storefront.services.accounts.ports import AccountRecord
from storefront.services.admin.access import ClearedPassword, Member, Staff, Team
from storefront.services.admin.audit import AuditRecord
from storefront.services.errors import Refusal

BOSS = Staff(1, "ada@example.com", Role.ADMIN)


class Store:
    def __init__(self, role: str = "shopper", *, refuse: bool = False) -> None:
        self.record = AccountRecord(7, "newhire@example.com", "New", "hash", role)
        self.refuse = refuse
        self.calls: list[tuple[Role, AuditRecord | None, ClearedPassword | None]] = []

    def by_id(self, account_id: int) -> AccountRecord | None:
        return self.record

    def by_email(self, email: str) -> AccountRecord | None:
        return self.record if email == self.record.email else None

    def members(self) -> list[Member]:
        return []

    def set_role(
        self,
        account_id: int,
        role: Role,
        audit: AuditRecord | None,
        cleared: ClearedPassword | None = None,
    ) -> bool:
        self.calls.append((role, audit, cleared))
        return not self.refuse


class Links:
    def __init__(self, *, mail_goes: bool = True) -> None:
        self.mail_goes = mail_goes
        self.mailed: list[int] = []

    def unknown_password(self) -> str:
        return "unknown-hash"

    def mail_link(self, account_id: int) -> bool:
        self.mailed.append(account_id)
        return self.mail_goes


def team(store: Store, links: Links) -> Team:
    return Team(store, lambda token, now: None, links)


def test_a_shoppers_account_joining_is_cleared_with_its_role_then_mailed() -> None:
    store, links = Store(), Links()
    member = team(store, links).set_role(BOSS, "newhire@example.com", "staff")
    assert (member.role, member.joined, member.mailed) == (Role.STAFF, True, True)
    ((role, audit, cleared),) = store.calls
    assert role is Role.STAFF
    assert cleared is not None
    assert cleared.password_hash == "unknown-hash"
    assert audit is not None
    assert '"password": "cleared"' in audit.after
    assert links.mailed == [7]


def test_a_mail_that_cannot_go_is_said_and_the_role_stands() -> None:
    member = team(Store(), Links(mail_goes=False)).set_role(BOSS, "newhire@example.com", "admin")
    assert (member.role, member.joined, member.mailed) == (Role.ADMIN, True, False)


def test_a_change_between_roles_clears_nothing_and_mails_nothing() -> None:
    store, links = Store("staff"), Links()
    member = team(store, links).set_role(BOSS, "newhire@example.com", "admin")
    assert (member.joined, member.mailed) == (False, False)
    ((_, audit, cleared),) = store.calls
    assert cleared is None
    assert audit is not None
    assert "password" not in audit.after
    assert links.mailed == []


def test_a_refused_change_mails_nothing() -> None:
    store, links = Store(refuse=True), Links()
    with pytest.raises(Refusal) as refused:  # the last admin's
        team(store, links).set_role(BOSS, "newhire@example.com", "staff")
    assert refused.value.code == "admin.team.error.last_admin"
    assert links.mailed == []
