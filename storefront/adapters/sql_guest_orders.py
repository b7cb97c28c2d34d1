"""Adding an account's guest orders in SQL (services/accounts/guest_orders.py): the links
mailed for it (models/accounts.py GuestOrderLink), and their use, which in one transaction
spends the link, confirms the address and makes the paid guest orders of that address the
account's, with their audit entries.

The order's `account_id` stays the one answer to "whose order is this": the account's list,
the order page's and invoice's access, the shopper's cancel, the admin's customer page, the
data download and closing all read it, so an order joined here is treated in each as one
placed signed in. Its access key is left as it was: the links in its mails keep working."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, Connection, Engine, and_, func, select, update
from sqlmodel import SQLModel

from models.accounts import Account, GuestOrderLink
from models.orders import SalesOrder
from storefront.adapters.sql_account_hold import account_open, add_account_link
from storefront.adapters.sql_audit_write import write_audit
from storefront.adapters.sql_email_confirmations import confirm_email
from storefront.services.accounts.ports import GuestOrderLinkRecord
from storefront.services.admin.audit import AuditRecord

LINK = SQLModel.metadata.tables[str(GuestOrderLink.__tablename__)]
ACCOUNT = SQLModel.metadata.tables[str(Account.__tablename__)]
ORDER = SQLModel.metadata.tables[str(SalesOrder.__tablename__)]
_L, _A, _O = LINK.c, ACCOUNT.c, ORDER.c


class SqlGuestOrders:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add_link(
        self,
        token_hash: str,
        account_id: int,
        email: str,
        now: datetime,
        expires_at: datetime,
        *,
        limit: int,
    ) -> bool:
        values = {"token_hash": token_hash, "account_id": account_id, "email": email}
        return add_account_link(self._engine, LINK, values, now, expires_at, limit=limit)

    def link(self, token_hash: str) -> GuestOrderLinkRecord | None:
        query = (
            select(_L.account_id, _L.email, _A.email, _L.expires_at, _L.used_at)
            .join(ACCOUNT, _A.id == _L.account_id)
            .where(_L.token_hash == token_hash)
        )
        with self._engine.connect() as connection:
            row = connection.execute(query).first()
        return None if row is None else GuestOrderLinkRecord(int(row[0]), *row[1:])

    def join(
        self,
        token_hash: str,
        account_id: int,
        now: datetime,
        audit: Callable[[str, Sequence[str]], list[AuditRecord]],
    ) -> list[str] | None:
        usable = _usable(token_hash, now)
        with self._engine.begin() as connection:
            # The account's row first, as closing takes it: a close under way is waited for
            # (the link then goes with the account), and two uses at once go one by one.
            if not account_open(connection, account_id):
                return None
            email = connection.execute(select(_A.email).where(_A.id == account_id)).scalar_one()
            # The single-use guard, and the link's account and address checked again here.
            used = connection.execute(
                update(LINK)
                .where(usable, _L.account_id == account_id, _L.email == email)
                .values(used_at=now)
            ).rowcount
            if not used:
                return None
            confirm_email(connection, account_id, now)
            references = _join_paid_guest_orders(connection, account_id, str(email))
            write_audit(connection, audit(str(email), references))
        return references


def _join_paid_guest_orders(connection: Connection, account_id: int, email: str) -> list[str]:
    """Make the account's own, in the caller's transaction, the orders placed as a guest
    (not those kept from a closed account) with `email` (the account's, canonical: lower
    case) that were paid, whatever happened since; their references, oldest first. Emails
    are stored canonical by checkout (credentials.normalize_email): lower() also finds one
    written otherwise."""
    guest_and_paid = and_(
        _O.account_id.is_(None),
        _O.account_closed.is_(False),  # a closed account's, kept: not a guest's (0060)
        _O.paid_at.is_not(None),
        func.lower(_O.email) == email,
    )
    joined = connection.execute(
        update(ORDER)
        .where(guest_and_paid)
        .values(account_id=account_id)
        .returning(_O.reference, _O.created_at, _O.id)
    ).all()
    return [str(row[0]) for row in sorted(joined, key=lambda row: (row[1], row[2]))]


def _usable(token_hash: str, now: datetime) -> ColumnElement[bool]:
    return and_(_L.token_hash == token_hash, _L.used_at.is_(None), _L.expires_at > now)
