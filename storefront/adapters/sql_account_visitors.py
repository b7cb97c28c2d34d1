"""The browsers signed in to an account in SQL (account_visitor): each linked from its first
sign-in until its last session there ends, at its expiry or sooner when a sign-out, a
password change or a reset ends it. Before and after, the browser (a shared computer) may
have been someone else's. Called inside the account store's transactions (a link made
holds the account's row, sql_account_hold.py)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection, and_, func, insert, select, update
from sqlmodel import SQLModel

from models.accounts import AccountSession, AccountVisitor
from storefront.services.accounts.ports import SignedInBrowser

SESSION = SQLModel.metadata.tables[str(AccountSession.__tablename__)]
VISITOR = SQLModel.metadata.tables[str(AccountVisitor.__tablename__)]
_V = VISITOR.c


def link_visitor(
    connection: Connection, account_id: int, visitor_id: str, now: datetime, until: datetime
) -> bool:
    """Link the browser until `until` (from `now` if it is new to the account); False, and
    nothing written, when it is another account's or its link here has ended."""
    # The browser held too: two sign-ins at once from it to two accounts hold two different
    # account rows, and would each find it nobody's (SQLite's write lock already does this).
    if connection.dialect.name == "postgresql":
        connection.execute(
            select(func.pg_advisory_xact_lock(func.hashtext(f"account_visitor:{visitor_id}")))
        )
    others = select(_V.account_id).where(_V.visitor_id == visitor_id, _V.account_id != account_id)
    if connection.execute(others.limit(1)).first() is not None:
        return False
    mine = and_(_V.account_id == account_id, _V.visitor_id == visitor_id)
    ends = connection.execute(select(_V.signed_in_until).where(mine)).scalar_one_or_none()
    if ends is None:
        connection.execute(
            insert(VISITOR).values(
                account_id=account_id, visitor_id=visitor_id, first_seen=now, signed_in_until=until
            )
        )
        return True
    if ends <= now:
        return False
    connection.execute(
        update(VISITOR).where(mine, _V.signed_in_until < until).values(signed_in_until=until)
    )
    return True


def end_links(
    connection: Connection, account_id: int, visitors: Iterable[str | None], now: datetime
) -> None:
    """The sessions of these browsers ended `now`: so do their links, unless another of
    their sessions there is still open."""
    ended = {visitor for visitor in visitors if visitor}
    if not ended:
        return
    still_in = select(SESSION.c.visitor_id).where(
        SESSION.c.account_id == account_id,
        SESSION.c.expires_at > now,
        SESSION.c.visitor_id.is_not(None),
    )
    connection.execute(
        update(VISITOR)
        .where(
            _V.account_id == account_id,
            _V.visitor_id.in_(ended),
            _V.visitor_id.not_in(still_in),
            _V.signed_in_until > now,
        )
        .values(signed_in_until=now)
    )


def signed_in_browsers(connection: Connection, account_id: int) -> list[SignedInBrowser]:
    rows = connection.execute(
        select(_V.visitor_id, _V.first_seen, _V.signed_in_until)
        .where(_V.account_id == account_id)
        .order_by(_V.first_seen)
    )
    return [SignedInBrowser(*row) for row in rows]
