"""Refunds in SQL: one row per request key, or per refund made in the provider's dashboard,
summed against what the order was paid."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select, update
from sqlmodel import SQLModel

from models.orders import OrderRefund, OrderStatus
from models.types import utc_now
from storefront.adapters.sql_locks import hold_rows
from storefront.adapters.sql_order_store import ORDER
from storefront.adapters.sql_refund_totals import align_order
from storefront.services.orders.refunds import (
    PROVIDER_KEY_PREFIX,
    RefundRow,
    RefundStatus,
    Shortfall,
)
from storefront.services.orders.status import CHARGED
from storefront.services.payments import ProviderRefund

REFUND = SQLModel.metadata.tables[str(OrderRefund.__tablename__)]
_F, _O = REFUND.c, ORDER.c


class SqlRefundStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def open(
        self,
        order_id: int,
        amount_minor: int,
        request_key: str,
        reason: str,
        ceiling_minor: int | None = None,
    ) -> RefundRow | Shortfall:
        with self._engine.begin() as connection:
            # The order is held first: a repeated request and the sum below see every
            # refund opened before, and none opens beside this one.
            hold_rows(connection, ORDER, _O.id == order_id)
            existing = connection.execute(
                select(REFUND).where(_F.request_key == request_key)
            ).first()
            if existing is not None:
                return _refund(existing)
            order = connection.execute(
                select(_O.total_minor, _O.status).where(_O.id == order_id)
            ).first()
            if order is None or OrderStatus(order.status) not in CHARGED:
                return "not_refundable"
            taken = connection.execute(
                select(func.coalesce(func.sum(_F.amount_minor), 0)).where(
                    _F.order_id == order_id, _F.status != "failed"
                )
            ).scalar_one()
            if amount_minor <= 0 or int(taken) + amount_minor > order.total_minor:
                return "exceeds_paid"
            if ceiling_minor is not None and int(taken) + amount_minor > ceiling_minor:
                return "over_ceiling"
            refund_id = connection.execute(
                insert(REFUND)
                .values(
                    order_id=order_id,
                    amount_minor=amount_minor,
                    request_key=request_key,
                    reason=reason[:200],
                    status="pending",
                    created_at=utc_now(),
                )
                .returning(_F.id)
            ).scalar_one()
            return RefundRow(int(refund_id), order_id, amount_minor, request_key, None, "pending")

    def pending(self, since: datetime, before: datetime, limit: int) -> list[RefundRow]:
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(REFUND)
                .where(_F.status == "pending", _F.created_at >= since, _F.created_at < before)
                .order_by(_F.created_at, _F.id)
                .limit(limit)
            ).all()
        return [_refund(row) for row in rows]

    def close(self, refund_id: int, provider_refund_id: str | None, status: RefundStatus) -> bool:
        with self._engine.begin() as connection:
            # Held as `open` and `record_provider` hold it: the webhook recording this refund
            # from the provider waits, then finds it ours.
            order_id = select(_F.order_id).where(_F.id == refund_id).scalar_subquery()
            hold_rows(connection, ORDER, _O.id == order_id)
            if provider_refund_id is not None:
                # Its webhook came first and found no key on it (a refund asked for before
                # the key went with refunds): this request's row takes it over.
                connection.execute(
                    delete(REFUND).where(
                        _F.provider_refund_id == provider_refund_id,
                        _F.request_key.startswith(PROVIDER_KEY_PREFIX),
                        _F.id != refund_id,
                    )
                )
            row = connection.execute(
                update(REFUND)
                .where(_F.id == refund_id, _F.status == "pending", _F.provider_refund_id.is_(None))
                .values(status=status, provider_refund_id=provider_refund_id)
                .returning(_F.order_id)
            ).first()
            if row is None:
                return False
            if status == "succeeded":
                align_order(connection, row.order_id)
            return True

    def record_provider(self, order_id: int, refunds: Sequence[ProviderRefund]) -> int:
        with self._engine.begin() as connection:
            # Held as `open` holds it: a request recorded beside this sees these rows.
            hold_rows(connection, ORDER, _O.id == order_id)
            keys = set(
                connection.execute(select(_F.request_key).where(_F.order_id == order_id)).scalars()
            )
            ids = [refund.id for refund in refunds]
            known = set(
                connection.execute(
                    select(_F.provider_refund_id).where(_F.provider_refund_id.in_(ids))
                ).scalars()
            )
            for refund in refunds:
                # A refund made with one of our keys is settled by the request that made it
                # (or its retry): recording it here as well would count it twice.
                if refund.id in known or refund.request_key in keys:
                    continue
                connection.execute(
                    insert(REFUND).values(
                        order_id=order_id,
                        amount_minor=refund.amount_minor,
                        request_key=f"{PROVIDER_KEY_PREFIX}{refund.id}"[:80],
                        provider_refund_id=refund.id,
                        reason="",
                        status="succeeded",
                        created_at=refund.created_at,
                    )
                )
                known.add(refund.id)
            return int(
                connection.execute(
                    select(func.coalesce(func.sum(_F.amount_minor), 0)).where(
                        _F.order_id == order_id, _F.status == "succeeded"
                    )
                ).scalar_one()
            )


def _refund(row: Any) -> RefundRow:
    return RefundRow(
        row.id,
        row.order_id,
        row.amount_minor,
        row.request_key,
        row.provider_refund_id,
        row.status,
    )
