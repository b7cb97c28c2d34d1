"""The admin's customers in SQL: shopper accounts with their paid orders summed.

Sorted by sign-up, a page of accounts is read through ix_account_role_created and only its
own accounts' orders are then summed (ix_sales_order_account_paid, read from the index
alone). Sorted by what they spent or by their last order, every paid order is summed per
account from that same index before the page is cut: a scan of the index, not of the orders
table. A substring search uses the trigram indexes of migration 0031 on PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Engine, case, func, or_, select
from sqlmodel import SQLModel

from models.accounts import SavedAddress, WishlistItem
from models.restock import RestockAlert
from storefront.adapters.sql_account_closing import ORDER
from storefront.adapters.sql_accounts import ACCOUNT
from storefront.adapters.sql_text import contains_text
from storefront.i18n import normalize_locale
from storefront.services.admin.customers import (
    CustomerDetail,
    CustomerOrder,
    CustomerRow,
    CustomerSort,
)

ADDRESS = SQLModel.metadata.tables[str(SavedAddress.__tablename__)]
WISHLIST = SQLModel.metadata.tables[str(WishlistItem.__tablename__)]
RESTOCK = SQLModel.metadata.tables[str(RestockAlert.__tablename__)]
_A, _O = ACCOUNT.c, ORDER.c
SHOPPER = "shopper"


def _matching(text: str) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [_A.role == SHOPPER]
    if text:
        conditions.append(or_(contains_text(_A.email, text), contains_text(_A.name, text)))
    return conditions


def _paid_totals(*accounts: ColumnElement[bool]) -> Any:
    """Per account: its paid orders, what they came to less refunds, the last one placed."""
    return (
        select(
            _O.account_id.label("account_id"),
            func.count().label("paid_orders"),
            func.sum(_O.total_minor - _O.refunded_minor).label("spent"),
            func.max(_O.created_at).label("last_order"),
        )
        .where(_O.account_id.is_not(None), _O.paid_at.is_not(None), *accounts)
        .group_by(_O.account_id)
    )


class SqlCustomerStore:
    """Implements services.admin.customers.CustomerStore."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def count(self, text: str) -> int:
        with self._engine.connect() as connection:
            query = select(func.count()).select_from(ACCOUNT).where(*_matching(text))
            return int(connection.execute(query).scalar_one())

    def rows(
        self, text: str, sort: CustomerSort, descending: bool, offset: int, limit: int
    ) -> list[CustomerRow]:
        with self._engine.connect() as connection:
            if sort == "joined":
                return self._by_sign_up(connection, text, descending, offset, limit)
            # A search sums only its own accounts' orders.
            only = [_O.account_id.in_(select(_A.id).where(*_matching(text)))] if text else []
            totals = _paid_totals(*only).subquery()
            # Those who never paid: no spending (0), no last order (after every date).
            key = func.coalesce(totals.c.spent, 0) if sort == "spent" else totals.c.last_order
            ordered = key.desc().nulls_last() if descending else key.asc().nulls_first()
            tie = _A.id.desc() if descending else _A.id.asc()
            query = (
                select(_A.id, _A.email, _A.name, _A.created_at, totals)
                .outerjoin(totals, totals.c.account_id == _A.id)
                .where(*_matching(text))
                .order_by(ordered, tie)
                .offset(offset)
                .limit(limit)
            )
            return [_row(r) for r in connection.execute(query).mappings()]

    def _by_sign_up(
        self, connection: Any, text: str, descending: bool, offset: int, limit: int
    ) -> list[CustomerRow]:
        order = (_A.created_at.desc(), _A.id.desc()) if descending else (_A.created_at, _A.id)
        accounts = list(
            connection.execute(
                select(_A.id, _A.email, _A.name, _A.created_at)
                .where(*_matching(text))
                .order_by(*order)
                .offset(offset)
                .limit(limit)
            ).mappings()
        )
        ids = [a["id"] for a in accounts]
        totals = (
            {
                t["account_id"]: t
                for t in connection.execute(_paid_totals(_O.account_id.in_(ids))).mappings()
            }
            if ids
            else {}
        )
        return [_row({**a, **totals.get(a["id"], {})}) for a in accounts]

    def role_of(self, account_id: int) -> str | None:
        with self._engine.connect() as connection:
            role = connection.execute(
                select(_A.role).where(_A.id == account_id)
            ).scalar_one_or_none()
        return None if role is None else str(role)

    def detail(self, account_id: int, max_orders: int) -> CustomerDetail | None:
        with self._engine.connect() as connection:
            account = (
                connection.execute(
                    select(
                        _A.id, _A.email, _A.name, _A.role, _A.created_at, _A.email_confirmed_at
                    ).where(_A.id == account_id, _A.role == SHOPPER)
                )
                .mappings()
                .first()
            )
            if account is None:
                return None
            totals = (
                connection.execute(_paid_totals(_O.account_id == account_id)).mappings().first()
            )
            orders = connection.execute(
                select(
                    _O.id,
                    _O.reference,
                    _O.status,
                    _O.total_minor,
                    _O.refunded_minor,
                    _O.created_at,
                )
                .where(_O.account_id == account_id)
                .order_by(_O.created_at.desc(), _O.id.desc())
                .limit(max_orders)
            ).all()
            addresses = connection.execute(
                select(ADDRESS).where(ADDRESS.c.account_id == account_id).order_by(ADDRESS.c.id)
            ).mappings()
            wishlist = connection.execute(
                select(func.count()).where(WISHLIST.c.account_id == account_id)
            ).scalar_one()
            locale = connection.execute(
                select(_O.locale)
                .where(_O.account_id == account_id)
                .order_by(_O.created_at.desc(), _O.id.desc())
                .limit(1)
            ).scalar()
            theirs = RESTOCK.c.account_id == account_id  # a guest's of the email: not proven theirs
            # Waiting: not mailed yet (QA: one mailed days ago still counted as waiting).
            waiting = func.count(case((RESTOCK.c.notified_at.is_(None), 1)))
            alerts, refused = connection.execute(
                select(waiting, func.count(RESTOCK.c.refused_at)).where(theirs)
            ).one()
        return CustomerDetail(
            row=_row({**account, **(totals or {})}),
            role=account["role"],
            addresses=tuple(_one_line(a) for a in addresses),
            orders=tuple(
                CustomerOrder(
                    o.id,
                    o.reference or "",
                    str(o.status),
                    o.total_minor,
                    o.refunded_minor,
                    o.created_at,
                )
                for o in orders
            ),
            wishlist_count=int(wishlist),
            restock_alert_count=int(alerts),
            restock_refused_count=int(refused),
            locale=normalize_locale(locale or ""),
        )


def _one_line(address: Any) -> tuple[str, str]:
    parts = (
        address["name"],
        address["line1"],
        address["line2"],
        f"{address['postal_code']} {address['city']}".strip(),
    )
    return ", ".join(part for part in parts if part), address["country"]


def _row(values: Any) -> CustomerRow:
    return CustomerRow(
        account_id=values["id"],
        email=values["email"],
        name=values["name"],
        joined_at=values["created_at"],
        paid_orders=int(values.get("paid_orders") or 0),
        spent_minor=int(values.get("spent") or 0),
        last_order_at=values.get("last_order"),
        email_confirmed_at=values.get("email_confirmed_at"),
    )
