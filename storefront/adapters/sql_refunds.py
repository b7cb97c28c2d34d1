"""Refunds in SQL: one row per request key, or per refund made in the provider's dashboard,
summed against what the order was paid. Every change holds the order's row and brings the
order's refunded total and status along in the same transaction (sql_refund_totals), the
credit note of each refund that went through (sql_credit_notes), and the invoice cancelling
the note of each that failed after it went through (sql_reversal_invoices)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, tzinfo
from typing import Any

from sqlalchemy import Connection, Engine, and_, delete, func, insert, select, update
from sqlmodel import SQLModel

from models.orders import OrderRefund, OrderStatus
from models.types import utc_now
from storefront.adapters.sql_credit_notes import NOTE, issue_credit_notes
from storefront.adapters.sql_locks import hold_rows
from storefront.adapters.sql_order_store import ORDER
from storefront.adapters.sql_refund_totals import align_order
from storefront.adapters.sql_reversal_invoices import REVERSAL, issue_reversal_invoices
from storefront.services.orders.refunds import (
    PROVIDER_KEY_PREFIX,
    RefundRow,
    RefundStatus,
    Shortfall,
    Synced,
    settled_as,
)
from storefront.services.orders.status import refundable
from storefront.services.payments import ProviderRefund

REFUND = SQLModel.metadata.tables[str(OrderRefund.__tablename__)]
_F, _O = REFUND.c, ORDER.c


class SqlRefundStore:
    def __init__(self, engine: Engine, zone: tzinfo = UTC) -> None:
        self._engine = engine
        self._zone = zone  # the shop's: a credit note's year and date are its

    def open(
        self,
        order_id: int,
        amount_minor: int,
        request_key: str,
        reason: str,
        ceiling_minor: int | None = None,
        *,
        for_cancel: bool = False,
    ) -> RefundRow | Shortfall:
        with self._engine.begin() as connection:
            # The order is held first: a repeated request and the sum below see every
            # refund opened before, and none opens beside this one.
            hold_rows(connection, ORDER, _O.id == order_id)
            existing = connection.execute(
                select(REFUND).where(_F.request_key == request_key)
            ).first()
            if existing is not None:
                return refund_row(existing)
            refused = shortfall(connection, order_id, amount_minor, ceiling_minor, for_cancel)
            if refused is not None:
                return refused
            now = utc_now()
            refund_id = connection.execute(
                insert(REFUND)
                .values(
                    order_id=order_id,
                    amount_minor=amount_minor,
                    request_key=request_key,
                    reason=reason[:200],
                    status="pending",
                    created_at=now,
                )
                .returning(_F.id)
            ).scalar_one()
            return RefundRow(
                int(refund_id), order_id, amount_minor, request_key, None, "pending", now
            )

    def pending(self, before: datetime, limit: int) -> list[RefundRow]:
        waiting_since = func.coalesce(_F.checked_at, _F.created_at)
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(REFUND)
                .where(_F.status == "pending", waiting_since < before)
                .order_by(waiting_since, _F.id)
                .limit(limit)
            ).all()
        return [refund_row(row) for row in rows]

    def close(self, refund_id: int, provider_refund_id: str | None, status: RefundStatus) -> bool:
        with self._engine.begin() as connection:
            # Held as `open` and `sync` hold it: the webhook reading this refund from the
            # provider waits, then finds it answered.
            owner = select(_F.order_id).where(_F.id == refund_id)
            hold_rows(connection, ORDER, _O.id == owner.scalar_subquery())
            if provider_refund_id is not None:
                # Its webhook came first and found no key on it (a refund asked for before
                # the key went with refunds): this request's row takes it over, with the
                # credit note it may have had (one refund, one note).
                taken_over = and_(
                    _F.provider_refund_id == provider_refund_id,
                    _F.request_key.startswith(PROVIDER_KEY_PREFIX),
                    _F.id != refund_id,
                )
                for document in (NOTE, REVERSAL):
                    connection.execute(
                        update(document)
                        .where(document.c.refund_id.in_(select(_F.id).where(taken_over)))
                        .values(refund_id=refund_id)
                    )
                # And when it went through, and whether that was mailed: the same refund.
                went = connection.execute(
                    select(_F.succeeded_at, _F.refund_mailed).where(
                        taken_over, _F.status == "succeeded"
                    )
                ).first()
                connection.execute(delete(REFUND).where(taken_over))
            else:
                went = None
            if not _answer(connection, refund_id, provider_refund_id, status, went):
                return False
            if status == "succeeded":
                order_id = connection.execute(owner).scalar_one()
                align_order(connection, order_id)
                # As sync: any reversal's invoice due before the new note, at the same moment.
                now = utc_now()
                issue_reversal_invoices(connection, order_id, now, self._zone)
                issue_credit_notes(connection, order_id, now, self._zone)
            return True

    def sync(
        self, order_id: int, refunds: Sequence[ProviderRefund], *, answer_requests: bool = False
    ) -> Synced:
        with self._engine.begin() as connection:
            # Held as `open` and `close` hold it: a request recorded beside this sees these rows.
            hold_rows(connection, ORDER, _O.id == order_id)
            rows = connection.execute(select(REFUND).where(_F.order_id == order_id)).all()
            by_id = {row.provider_refund_id: row for row in rows if row.provider_refund_id}
            by_key = {row.request_key: row for row in rows}
            # Refunds on another order's record (never twice on one), or recorded just now.
            recorded = set(
                connection.execute(
                    select(_F.provider_refund_id).where(
                        _F.provider_refund_id.in_([refund.id for refund in refunds]),
                        _F.order_id != order_id,
                    )
                ).scalars()
            )
            changed, reversed_minor, answered = False, list[int](), list[RefundRow]()
            for refund in refunds:
                status, row = settled_as(refund.status), by_id.get(refund.id)
                if row is not None:
                    moved = _follow(connection, row, status)
                    if moved and row.status == "succeeded":  # it went through, then failed
                        reversed_minor.append(int(row.amount_minor))
                    changed |= moved
                elif refund.request_key in by_key:
                    # Ours, not answered yet: the request that made it (or its retry) records
                    # the answer and is audited for it, unless this is the reconciliation's.
                    mine = by_key[refund.request_key]
                    if answer_requests and _answer(connection, mine.id, refund.id, status):
                        answered.append(
                            replace(refund_row(mine), provider_refund_id=refund.id, status=status)
                        )
                        changed = True
                elif refund.id not in recorded:  # made in the provider's dashboard
                    connection.execute(insert(REFUND).values(
                        order_id=order_id, amount_minor=refund.amount_minor,
                        request_key=f"{PROVIDER_KEY_PREFIX}{refund.id}"[:80],
                        provider_refund_id=refund.id, reason="", status=status,
                        created_at=refund.created_at,
                        succeeded_at=utc_now() if status == "succeeded" else None,
                        failed_at=utc_now() if status == "failed" else None,
                    ))  # fmt: skip
                    recorded.add(refund.id)
                    changed = True
            changed = align_order(connection, order_id, reversed_minor) or changed
            # The reversals' invoices before the new notes, at the same moment: a note issued
            # now counts what a reversal gave back as there to credit again (credit_split).
            now = utc_now()
            issue_reversal_invoices(connection, order_id, now, self._zone)
            issue_credit_notes(connection, order_id, now, self._zone)
            _mark_checked(connection, order_id)
            return Synced(changed, tuple(answered))

    def defer(self, order_id: int) -> None:
        with self._engine.begin() as connection:
            _mark_checked(connection, order_id)


def shortfall(
    connection: Connection,
    order_id: int,
    amount_minor: int,
    ceiling_minor: int | None,
    for_cancel: bool,
) -> Shortfall | None:
    """Why a new refund of `amount_minor` may not be taken (None: it may), the caller holding
    the order: the refunds made here (`open`) and those made outside the provider
    (sql_offline_refunds) are checked the same way, one after the other."""
    order = connection.execute(
        select(_O.total_minor, _O.status, _O.cancel_requested_at, _O.paid_at).where(
            _O.id == order_id
        )
    ).first()
    if order is None:
        return "not_refundable"
    status = OrderStatus(order.status)
    if not refundable(status, paid=order.paid_at is not None):
        return "not_refundable"
    # The shopper's cancel refunds the whole order: nothing else meanwhile, and its own
    # refund only while its claim stands (the merchant may have released it). A canceled
    # order's claim is done with (its cancel closed it): a refund of it failing since leaves
    # it owed, which the admin refunds again.
    claimed = order.cancel_requested_at is not None and status is not OrderStatus.CANCELED
    if claimed != for_cancel:
        return "not_claimed" if for_cancel else "cancel_claimed"
    taken = connection.execute(
        select(func.coalesce(func.sum(_F.amount_minor), 0)).where(
            _F.order_id == order_id, _F.status != "failed"
        )
    ).scalar_one()
    if amount_minor <= 0 or int(taken) + amount_minor > order.total_minor:
        return "exceeds_paid"
    if ceiling_minor is not None and int(taken) + amount_minor > ceiling_minor:
        return "over_ceiling"
    return None


def _mark_checked(connection: Connection, order_id: int) -> None:
    connection.execute(
        update(REFUND)
        .where(_F.order_id == order_id, _F.status == "pending")
        .values(checked_at=utc_now())
    )


def _answer(
    connection: Connection,
    refund_id: int,
    provider_id: str | None,
    status: str,
    went: Any = None,
) -> bool:
    """Record the provider's answer to a request not answered yet (no refund id: refused).
    `went`: the row of it the webhook recorded first, gone through (when, and whether it
    was mailed: the request's row takes them over)."""
    values: dict[str, Any] = {"provider_refund_id": provider_id, "status": status}
    if status == "failed":
        values["failed_at"] = utc_now()
    elif status == "succeeded":
        taken = went is not None
        values["succeeded_at"] = went.succeeded_at if taken else utc_now()
        values["refund_mailed"] = bool(went.refund_mailed) if taken else False
    return bool(
        connection.execute(
            update(REFUND)
            .where(_F.id == refund_id, _F.status == "pending", _F.provider_refund_id.is_(None))
            .values(values)
        ).rowcount
    )


def _follow(connection: Connection, row: Any, status: str) -> bool:
    """Move a recorded refund to the provider's status where that is forward: from pending to
    the provider's final word, or from succeeded to failed (a reversal: a closed card). A
    failed refund stays failed, whatever a late or repeated event says."""
    forward = (row.status == "pending" and status != "pending") or (
        row.status == "succeeded" and status == "failed"
    )
    if not forward:
        return False
    values: dict[str, Any] = {"status": status}
    if status == "failed":
        values |= {"failed_at": utc_now(), "reversed": row.status == "succeeded"}
    elif status == "succeeded":  # from pending: once (a failed one never goes through again)
        values["succeeded_at"] = func.coalesce(_F.succeeded_at, utc_now())
    moved = update(REFUND).where(_F.id == row.id, _F.status == row.status).values(values)
    return bool(connection.execute(moved).rowcount)


def refund_row(row: Any) -> RefundRow:
    return RefundRow(
        row.id,
        row.order_id,
        row.amount_minor,
        row.request_key,
        row.provider_refund_id,
        row.status,
        row.created_at,
    )
