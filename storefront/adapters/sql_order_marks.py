"""What the admin's order list marks on its rows (a withdrawal, one still to refund, a canceled
order's refund owed again, a shopper's cancel given up on an order still to ship), by the
same SQL conditions its filters keep the orders by, so that a row marked is a row the
filter lists."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, Table, and_, exists, func, select
from sqlmodel import SQLModel

from models.orders import OrderRefund, OrderStatus
from storefront.adapters.sql_order_store import ORDER
from storefront.adapters.sql_withdrawals import STATEMENT, refund_owed
from storefront.services.orders.status import SHIPPING

_REFUND = SQLModel.metadata.tables[str(OrderRefund.__tablename__)]
_O, _F = ORDER.c, _REFUND.c


def canceled_refund_owed(order: Table) -> ColumnElement[bool]:
    """Whether `order`'s row is canceled after it was paid and its refunds that went through,
    with those still on their way, leave part of what was paid: a refund that closed it
    failed since (a closed card), and what it gave back is owed to the customer again
    (status.refundable; what OrderDetail.refundable_minor offers on its page)."""
    o = order.c
    pending = (
        select(func.coalesce(func.sum(_F.amount_minor), 0))
        .where(_F.order_id == o.id, _F.status == "pending")
        .scalar_subquery()
    )
    return and_(
        o.status == OrderStatus.CANCELED.value,
        o.paid_at.is_not(None),
        o.total_minor > o.refunded_minor + pending,
    )


def cancel_given_up(order: Table) -> ColumnElement[bool]:
    """Whether `order`'s row is unshipped and still paid (or partly refunded) after its
    shopper's cancel was given up: its refund refused, or the request released
    (cancel_rules.check_cancelable: "cancel.released"). "To ship" lists it again, and the
    customer asked not to have it; refunded in full or shipped since, it is settled."""
    o = order.c
    return and_(
        o.cancel_released_at.is_not(None),
        o.cancel_by_shop.is_(False),  # the shop's own cancel: no customer asked
        o.fulfilled_at.is_(None),
        o.status.in_(sorted(s.value for s in SHIPPING)),
    )


@dataclass(frozen=True, slots=True)
class Marks:
    withdrawn: bool = False  # its shopper sent a withdrawal statement
    withdrawal_owed: bool = False  # and its refund is still owed
    refund_owed: bool = False  # canceled, and a refund of it failed: owed again
    cancel_released: bool = False  # to ship, and its shopper's cancel was given up


def order_marks(connection: Connection, ids: Sequence[int]) -> dict[int, Marks]:
    """The marks of the orders `ids` (a page of the list); an order left out has none."""
    rows = connection.execute(
        select(
            _O.id,
            exists().where(STATEMENT.c.order_id == _O.id).label("withdrawn"),
            refund_owed(ORDER).label("withdrawal_owed"),
            canceled_refund_owed(ORDER).label("refund_owed"),
            cancel_given_up(ORDER).label("cancel_released"),
        ).where(_O.id.in_(ids))
    )
    return {
        row.id: Marks(
            bool(row.withdrawn),
            bool(row.withdrawal_owed),
            bool(row.refund_owed),
            bool(row.cancel_released),
        )
        for row in rows
    }
