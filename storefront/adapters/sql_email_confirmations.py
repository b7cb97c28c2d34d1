"""Confirming accounts' email in SQL (services/accounts/email_confirmation.py): the links
mailed to confirm an address (models/accounts.py EmailConfirmation), and `confirm_email`,
which the stores call in the transaction of every proof of the address: such a link used,
a password reset link used (sql_accounts.py), an email change link used
(sql_email_changes.py), a link adding guest orders used (sql_guest_orders.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, Engine, and_, delete, insert, select, update
from sqlmodel import SQLModel

from models.accounts import Account, EmailConfirmation
from storefront.adapters.sql_account_hold import account_open, hold_account
from storefront.adapters.sql_restock import ALERT
from storefront.services.accounts.ports import ConfirmationLink

CONFIRMATION = SQLModel.metadata.tables[str(EmailConfirmation.__tablename__)]
ACCOUNT = SQLModel.metadata.tables[str(Account.__tablename__)]
_C, _A = CONFIRMATION.c, ACCOUNT.c


def confirm_email(connection: Connection, account_id: int, now: datetime) -> None:
    """In the caller's transaction (the account's row held): the account's address, as it
    now is, is proven its owner's. Confirmed `now` unless it was before; the account's
    back-in-stock alerts to that address still waiting for their link wait for good (the
    link's page then says they wait)."""
    connection.execute(
        update(ACCOUNT)
        .where(_A.id == account_id, _A.email_confirmed_at.is_(None))
        .values(email_confirmed_at=now)
    )
    address = select(_A.email).where(_A.id == account_id).scalar_subquery()
    connection.execute(
        update(ALERT)
        .where(
            ALERT.c.account_id == account_id,
            ALERT.c.email == address,
            ALERT.c.confirmed_at.is_(None),
            ALERT.c.notified_at.is_(None),
        )
        .values(confirmed_at=now)
    )


def _store_link(
    connection: Connection,
    token_hash: str,
    account_id: int,
    email: str,
    *,
    now: datetime,
    expires_at: datetime,
) -> None:
    """A confirmation link of the account's address, as mailed (its token's hash)."""
    connection.execute(
        insert(CONFIRMATION).values(
            token_hash=token_hash,
            account_id=account_id,
            email=email,
            created_at=now,
            expires_at=expires_at,
        )
    )


class SqlEmailConfirmations:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add_confirmation(
        self, token_hash: str, account_id: int, email: str, now: datetime, expires_at: datetime
    ) -> None:
        with self._engine.begin() as connection:
            hold_account(connection, account_id)
            _store_link(connection, token_hash, account_id, email, now=now, expires_at=expires_at)

    def claim_welcome(
        self, token_hash: str, account_id: int, now: datetime, expires_at: datetime
    ) -> str | None:
        # The account's row held: of two deliveries of its AccountCreated at once (a
        # consumer taken over while still sending), the second waits, then finds the first's
        # link and sends nothing.
        with self._engine.begin() as connection:
            if not account_open(connection, account_id):
                return None
            email = connection.execute(
                select(_A.email).where(_A.id == account_id, _A.email_confirmed_at.is_(None))
            ).scalar()
            mailed = connection.execute(
                select(_C.token_hash).where(_C.account_id == account_id).limit(1)
            ).first()
            if email is None or mailed is not None:
                return None
            _store_link(connection, token_hash, account_id, email, now=now, expires_at=expires_at)
            return str(email)

    def drop_confirmation(self, token_hash: str) -> None:
        with self._engine.begin() as connection:
            connection.execute(delete(CONFIRMATION).where(_C.token_hash == token_hash))

    def confirmation(self, token_hash: str) -> ConfirmationLink | None:
        query = (
            select(
                _C.account_id,
                _C.email,
                _A.email.label("account_email"),
                _A.email_confirmed_at.is_not(None).label("confirmed"),
                _C.expires_at,
                _C.used_at,
            )
            .join(ACCOUNT, _A.id == _C.account_id)
            .where(_C.token_hash == token_hash)
        )
        with self._engine.connect() as connection:
            row = connection.execute(query).first()
        if row is None:
            return None
        return ConfirmationLink(
            int(row.account_id),
            row.email,
            row.account_email,
            bool(row.confirmed),
            row.expires_at,
            row.used_at,
        )

    def use_confirmation(self, token_hash: str, now: datetime) -> bool:
        usable = and_(_C.token_hash == token_hash, _C.used_at.is_(None), _C.expires_at > now)
        with self._engine.begin() as connection:
            # The account's row before the link's, as closing takes them: a close under way
            # is waited for (the link then goes with the account), never deadlocked with.
            named = connection.execute(select(_C.account_id).where(usable)).scalar()
            if named is None or not account_open(connection, named):
                return False
            # Only while the account still has the address the link went to.
            still = select(_A.email).where(_A.id == named).scalar_subquery()
            # The conditional update is the single-use guard: of two uses at once, only one
            # finds used_at still empty.
            used = connection.execute(
                update(CONFIRMATION).where(usable, _C.email == still).values(used_at=now)
            ).rowcount
            if not used:
                return False
            confirm_email(connection, named, now)
            return True
