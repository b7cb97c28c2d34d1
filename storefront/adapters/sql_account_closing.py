"""Closing an account in SQL: what is the shopper's goes, in one transaction; the orders
stay (the shop must keep its sales records), no longer linked to the account.

Browsing is recorded by visitor id (a browser's cookie), never by account: the activity
that goes is that of the browser closing the account, of the browsers that signed in to it
(account_visitor) and of those its orders were placed from."""

from __future__ import annotations

from sqlalchemy import Connection, delete, select, update
from sqlmodel import SQLModel

from models.accounts import (
    Account,
    AccountSession,
    AccountVisitor,
    EmailChange,
    EmailConfirmation,
    GuestOrderLink,
    PasswordReset,
    SavedAddress,
    SignInAttempt,
    TrustedDevice,
    WishlistItem,
)
from models.admin import RecommendationEvent
from models.carts import Cart
from models.orders import SalesOrder
from models.restock import RestockAlert
from models.reviews import ProductReview, ReviewStatus
from models.search import SearchLog, ShopperActivity
from storefront.adapters.sql_account_hold import account_open
from storefront.adapters.sql_product_rating import rerate

ACCOUNT = SQLModel.metadata.tables[str(Account.__tablename__)]
ORDER = SQLModel.metadata.tables[str(SalesOrder.__tablename__)]
ATTEMPT = SQLModel.metadata.tables[str(SignInAttempt.__tablename__)]
VISITOR = SQLModel.metadata.tables[str(AccountVisitor.__tablename__)]
REVIEW = SQLModel.metadata.tables[str(ProductReview.__tablename__)]
# Rows that belong to the account alone (a cart's lines go with their cart).
OWNED = [
    SQLModel.metadata.tables[str(model.__tablename__)]
    for model in (
        AccountSession,
        TrustedDevice,
        PasswordReset,
        EmailChange,
        EmailConfirmation,
        GuestOrderLink,
        SavedAddress,
        WishlistItem,
        Cart,
        ShopperActivity,
        AccountVisitor,
        RestockAlert,
        ProductReview,  # deleted, not anonymised: a review speaks for its writer
    )
]
# What a visitor did, by visitor id.
BROWSING = [
    SQLModel.metadata.tables[str(model.__tablename__)]
    for model in (ShopperActivity, SearchLog, RecommendationEvent)
]


# An order of a closed account: kept, linked to nothing of theirs, and never taken for a
# guest's order that an account of its address may add (sql_guest_orders.py).
UNLINKED = {"account_id": None, "visitor_id": None, "cart_id": None, "account_closed": True}


def visitors_of(connection: Connection, account_id: int) -> list[str]:
    """The browsers (visitor ids) that signed in to the account, or placed its orders."""
    linked = select(VISITOR.c.visitor_id).where(VISITOR.c.account_id == account_id)
    ordered = select(ORDER.c.visitor_id).where(
        ORDER.c.account_id == account_id, ORDER.c.visitor_id.is_not(None)
    )
    found = connection.execute(linked.union(ordered)).scalars()
    return sorted(visitor for visitor in found if visitor)


def close_account(connection: Connection, account_id: int, email: str, visitor_id: str) -> bool:
    """Delete a shopper's account and what is theirs; False (nothing changed, the caller
    rolls back) when it is gone or is staff (a role given meanwhile)."""
    # Taken first, as every write hanging something on the account takes it: one under way
    # (an order, a session) is waited for and then goes with the rest; one after finds the
    # account gone (sql_account_hold.py).
    if not account_open(connection, account_id):
        return False
    theirs = ORDER.c.account_id == account_id
    visitors = set(visitors_of(connection, account_id))
    if visitor_id:
        visitors.add(visitor_id)
    # The orders stay, linked to nothing of theirs: not even the cart, which goes (SQLite
    # may give its id to the next cart made, whose checkout would then settle an unpaid
    # order of theirs as its own).
    connection.execute(update(ORDER).where(theirs).values(**UNLINKED))
    for table in BROWSING:
        connection.execute(delete(table).where(table.c.visitor_id.in_(visitors)))
    reviewed = connection.execute(
        select(REVIEW.c.product_id).where(
            REVIEW.c.account_id == account_id, REVIEW.c.status == ReviewStatus.PUBLISHED.value
        )
    ).scalars()
    reviewed_products = sorted(int(pid) for pid in reviewed)
    for table in OWNED:
        connection.execute(delete(table).where(table.c.account_id == account_id))
    # Their published reviews leave the products' shown ratings and counts.
    rerate(connection, reviewed_products)
    connection.execute(delete(ATTEMPT).where(ATTEMPT.c.email == email))
    closed = connection.execute(
        delete(ACCOUNT).where(ACCOUNT.c.id == account_id, ACCOUNT.c.role == "shopper")
    ).rowcount
    return bool(closed)
