"""Orders placed without signing in, joining the account of their email once its owner has
proved the address theirs (docs/admin.md, "Guest orders and accounts").

The order's `account_id` stays the one answer to "whose order is this": the account page's
list, the order page's and invoice's access, the shopper's cancel, the admin's customer
page, the account's data export and its closing all read it, so an order joined here is
treated in each exactly as one placed signed in. Joining is a conditional update (guest
orders of the address only), so running it again changes nothing.

Both writers take the account's row first, as closing does (sql_account_hold.py): a guest
order placed while its address is being confirmed either commits first, and the
confirmation's update finds it, or waits and sees the address confirmed."""

from __future__ import annotations

from sqlalchemy import Connection, select, update
from sqlmodel import SQLModel

from models.accounts import Account
from models.orders import SalesOrder
from storefront.adapters.sql_locks import hold_rows

ORDER = SQLModel.metadata.tables[str(SalesOrder.__tablename__)]
ACCOUNT = SQLModel.metadata.tables[str(Account.__tablename__)]
_O, _A = ORDER.c, ACCOUNT.c


def attach_guest_orders(connection: Connection, account_id: int) -> int:
    """In the caller's transaction (the account's row held): the guest orders placed with
    the account's address become the account's, if that address is confirmed; how many.
    Emails are stored in one canonical form on both sides (credentials.canonical_email),
    so equal is the same address whatever case it was typed in."""
    confirmed = (
        select(_A.email)
        .where(_A.id == account_id, _A.email_confirmed_at.is_not(None))
        .scalar_subquery()
    )
    result = connection.execute(
        update(ORDER)
        .where(_O.account_id.is_(None), _O.email != "", _O.email == confirmed)
        .values(account_id=account_id)
    )
    return int(result.rowcount)


def confirmed_owner(connection: Connection, email: str) -> int | None:
    """In the transaction placing a guest order with `email`: the account whose confirmed
    address it is, its row held until commit (so a close or a confirmation under way is
    waited for); None when no account has it, or its owner has not confirmed it yet."""
    if not email:
        return None
    hold_rows(connection, ACCOUNT, _A.email == email)
    owner = connection.execute(
        select(_A.id).where(_A.email == email, _A.email_confirmed_at.is_not(None))
    ).scalar()
    return None if owner is None else int(owner)
