"""Changes of an account's email in SQL (models/accounts.py EmailChange): the link's row is
used and the account's email set in one transaction, after the account's row is held as
closing holds it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, Engine, and_, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

from models.accounts import Account, EmailChange
from storefront.adapters.sql_account_hold import account_open, add_account_link, end_mailed_links
from storefront.adapters.sql_email_confirmations import confirm_email
from storefront.services.accounts.ports import EmailChanged, EmailTaken

CHANGE = SQLModel.metadata.tables[str(EmailChange.__tablename__)]
ACCOUNT = SQLModel.metadata.tables[str(Account.__tablename__)]
_C, _A = CHANGE.c, ACCOUNT.c


class SqlEmailChanges:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add_change(
        self,
        token_hash: str,
        account_id: int,
        new_email: str,
        now: datetime,
        expires_at: datetime,
        *,
        limit: int,
    ) -> bool:
        values = {"token_hash": token_hash, "account_id": account_id, "new_email": new_email}
        return add_account_link(self._engine, CHANGE, values, now, expires_at, limit=limit)

    def pending_change(self, token_hash: str, now: datetime) -> str | None:
        with self._engine.connect() as connection:
            found = connection.execute(select(_C.new_email).where(self._usable(token_hash, now)))
            row = found.first()
        return None if row is None else str(row[0])

    def use_change(self, token_hash: str, now: datetime) -> EmailChanged | None:
        usable = self._usable(token_hash, now)
        try:
            with self._engine.begin() as connection:
                # The account's row before the link's, as closing takes them.
                named = connection.execute(select(_C.account_id).where(usable)).scalar()
                if named is None or not account_open(connection, named):
                    return None
                old = connection.execute(select(_A.email).where(_A.id == named)).scalar_one()
                # The single-use guard: of two uses at once, one finds used_at still empty.
                used = connection.execute(
                    update(CHANGE)
                    .where(usable)
                    .values(used_at=now)
                    .returning(_C.account_id, _C.new_email)
                ).first()
                if used is None:
                    return None
                account_id, new = int(used[0]), str(used[1])
                # The email's unique index refuses one another account took meanwhile. The
                # link went to the new address: it is confirmed with it.
                connection.execute(
                    update(ACCOUNT)
                    .where(_A.id == account_id)
                    .values(email=new, email_confirmed_at=now)
                )
                confirm_email(connection, account_id, now)
                # The account's other links die with it: an older one, to another address,
                # would change it again, and a reset link went to the address it left.
                end_mailed_links(connection, account_id, now)
        except IntegrityError:
            raise EmailTaken(token_hash) from None
        return EmailChanged(account_id, str(old), new)

    @staticmethod
    def _usable(token_hash: str, now: datetime) -> ColumnElement[bool]:
        return and_(_C.token_hash == token_hash, _C.used_at.is_(None), _C.expires_at > now)
