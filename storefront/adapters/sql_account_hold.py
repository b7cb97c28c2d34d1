"""An account's row, held by a write that hangs something on the account (a session, its
browser, a trusted device, a reset link, an address, a wished product, an order's link).

Closing takes the same row before anything else (sql_account_closing.py), so such a write
lands either before the close, which then deletes or unlinks what it wrote, or after it,
and finds the account gone: never a row left on a closed account, nor a foreign-key error
for either side (on PostgreSQL the close would otherwise miss a row written meanwhile, and
fail on its key when deleting the account)."""

from __future__ import annotations

from sqlalchemy import Connection, select
from sqlmodel import SQLModel

from models.accounts import Account
from storefront.adapters.sql_locks import hold_rows
from storefront.services.accounts.ports import AccountGone

ACCOUNT = SQLModel.metadata.tables[str(Account.__tablename__)]


def hold_account(connection: Connection, account_id: int) -> None:
    """Hold the account's row until commit; AccountGone (the caller's transaction then
    rolls back) when it has been closed."""
    hold_rows(connection, ACCOUNT, ACCOUNT.c.id == account_id)
    if connection.execute(select(ACCOUNT.c.id).where(ACCOUNT.c.id == account_id)).first() is None:
        raise AccountGone(account_id)


def account_open(connection: Connection, account_id: int) -> bool:
    """Hold the account's row until commit, and tell whether it is still there."""
    try:
        hold_account(connection, account_id)
    except AccountGone:
        return False
    return True
