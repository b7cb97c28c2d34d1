"""An account's row, held by a write that hangs something on the account (a session, its
browser, a trusted device, a reset link, an address, a wished product, an order's link).

Closing takes the same row before anything else (sql_account_closing.py), so such a write
lands either before the close, which then deletes or unlinks what it wrote, or after it,
and finds the account gone: never a row left on a closed account, nor a foreign-key error
for either side (on PostgreSQL the close would otherwise miss a row written meanwhile, and
fail on its key when deleting the account)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, insert, select, update
from sqlmodel import SQLModel

from models.accounts import Account, EmailChange, PasswordReset
from storefront.adapters.sql_locks import hold_rows
from storefront.services.accounts.ports import AccountGone

ACCOUNT = SQLModel.metadata.tables[str(Account.__tablename__)]
# The single-use links mailed for an account: each of them can take the account over.
MAILED_LINKS = tuple(
    SQLModel.metadata.tables[str(model.__tablename__)] for model in (PasswordReset, EmailChange)
)


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


def add_account_link(
    engine: Engine,
    table: Table,
    values: dict[str, Any],
    now: datetime,
    expires_at: datetime,
    *,
    limit: int,
) -> bool:
    """Store a single-use link mailed for `values["account_id"]` (a password reset, an email
    change), unless `limit` of its links made since as long before `now` as one lasts are
    still unused (requests flooding an inbox): False then, nothing stored. The account's row
    is held first (requests at once go one by one); AccountGone when it is closed."""
    account_id, column = values["account_id"], table.c
    with engine.begin() as connection:
        hold_account(connection, account_id)
        unused = connection.execute(
            select(func.count()).where(
                column.account_id == account_id,
                column.created_at > now - (expires_at - now),
                column.used_at.is_(None),
            )
        ).scalar_one()
        if unused >= limit:
            return False
        connection.execute(insert(table).values(created_at=now, expires_at=expires_at, **values))
    return True


def end_mailed_links(connection: Connection, account_id: int, now: datetime) -> None:
    """Use up, in the caller's transaction, every link still open for the account (password
    resets and email changes alike): its password or email changed, and a link of either
    kind mailed before must not undo it (a reset link in a mailbox the owner left, an email
    change asked from a stolen session and still open after the owner's reset)."""
    for table in MAILED_LINKS:
        connection.execute(
            update(table)
            .where(table.c.account_id == account_id, table.c.used_at.is_(None))
            .values(used_at=now)
        )
