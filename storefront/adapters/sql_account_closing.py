"""Closing an account in SQL: what is the shopper's goes, in one transaction; the orders
stay (the shop must keep its sales records), no longer linked to the account."""

from __future__ import annotations

from sqlalchemy import Connection, delete, update
from sqlmodel import SQLModel

from models.accounts import (
    Account,
    AccountSession,
    PasswordReset,
    SavedAddress,
    SignInAttempt,
    TrustedDevice,
    WishlistItem,
)
from models.carts import Cart
from models.orders import SalesOrder
from models.search import ShopperActivity

ACCOUNT = SQLModel.metadata.tables[str(Account.__tablename__)]
ORDER = SQLModel.metadata.tables[str(SalesOrder.__tablename__)]
ATTEMPT = SQLModel.metadata.tables[str(SignInAttempt.__tablename__)]
# Rows that belong to the account alone (a cart's lines go with their cart).
OWNED = [
    SQLModel.metadata.tables[str(model.__tablename__)]
    for model in (
        AccountSession,
        TrustedDevice,
        PasswordReset,
        SavedAddress,
        WishlistItem,
        Cart,
        ShopperActivity,
    )
]


def close_account(connection: Connection, account_id: int, email: str) -> bool:
    """Delete a shopper's account and what is theirs; False (nothing changed, the caller
    rolls back) when it is gone or is staff (a role given meanwhile)."""
    connection.execute(
        update(ORDER).where(ORDER.c.account_id == account_id).values(account_id=None)
    )
    for table in OWNED:
        connection.execute(delete(table).where(table.c.account_id == account_id))
    connection.execute(delete(ATTEMPT).where(ATTEMPT.c.email == email))
    closed = connection.execute(
        delete(ACCOUNT).where(ACCOUNT.c.id == account_id, ACCOUNT.c.role == "shopper")
    ).rowcount
    return bool(closed)
