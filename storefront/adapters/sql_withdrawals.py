"""Withdrawal statements in SQL: recorded holding the order's row (two confirmations at once
take turns, so the second sees the first's items when it checks its quantities), with the
audit entry and the WithdrawalReceived event in the same transaction; and the claim on each
statement's acknowledgement mail (a claim is its time: only its holder ends or gives it back)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Table,
    and_,
    exists,
    func,
    insert,
    select,
    update,
)
from sqlmodel import SQLModel

from models.events import WithdrawalReceived
from models.orders import OrderRefund
from models.withdrawals import WithdrawalStatement
from storefront.adapters.sql_audit_write import write_audit
from storefront.adapters.sql_locks import hold_rows
from storefront.adapters.sql_order_store import ORDER
from storefront.adapters.sql_outbox import write_events
from storefront.services.admin.audit import AuditRecord
from storefront.services.orders.withdrawal import NewStatement, Statement, WithdrawnItem
from storefront.services.orders.withdrawal_refunds import WENT_THROUGH, RefundSeen

STATEMENT = SQLModel.metadata.tables[str(WithdrawalStatement.__tablename__)]
_W = STATEMENT.c
_LATER = STATEMENT.alias("later")
_REFUND = SQLModel.metadata.tables[str(OrderRefund.__tablename__)]


def refund_owed(order: Table) -> ColumnElement[bool]:
    """Whether a withdrawal of `order`'s row is still owed, as withdrawal_refunds.settle
    finds it, by sums over the order's rows on their indexes: something is left to refund on
    it, and for some statement the values of the statements received from then on exceed the
    refunds that went through from then on. (Refunds go to the statements received before
    them: what is still owed is that excess at the last statement from which every refund was
    used up; before it, each was.)"""
    o, later, refund = order.c, _LATER.c, _REFUND.c
    owed_since = (
        select(func.sum(later.value_minor))
        .where(later.order_id == _W.order_id, later.received_at >= _W.received_at)
        .scalar_subquery()
    )
    refunded_since = (
        select(func.coalesce(func.sum(refund.amount_minor), 0))
        .where(
            refund.order_id == _W.order_id,
            refund.status == WENT_THROUGH,
            refund.created_at >= _W.received_at,
        )
        .scalar_subquery()
    )
    return and_(
        o.total_minor > o.refunded_minor,
        exists().where(_W.order_id == o.id, owed_since > refunded_since),
    )


@dataclass(frozen=True, slots=True)
class _Refund:
    amount_minor: int
    status: str
    created_at: datetime
    succeeded_at: datetime | None


def _statement(row: Any) -> Statement:
    items = tuple(
        WithdrawnItem(
            int(i["line"]), i["sku"], i["title"], i.get("options", ""), int(i["quantity"])
        )
        for i in json.loads(row.items)
    )
    return Statement(
        int(row.id),
        int(row.order_id),
        row.name,
        row.email,
        items,
        row.received_at,
        row.locale,
        int(row.value_minor),
    )


def _items_json(items: Sequence[WithdrawnItem]) -> str:
    return json.dumps(
        [
            {
                "line": i.line,
                "sku": i.sku,
                "title": i.title,
                "options": i.options,
                "quantity": i.quantity,
            }
            for i in items
        ],
        ensure_ascii=False,
    )


def _free(stale_before: datetime) -> ColumnElement[bool]:
    return _W.ack_claimed_at.is_(None) | (_W.ack_claimed_at < stale_before)


class SqlWithdrawals:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def for_order(self, order_id: int) -> list[Statement]:
        with self._engine.connect() as connection:
            return _of_order(connection, order_id)

    def for_orders(self, order_ids: Sequence[int]) -> dict[int, list[Statement]]:
        found: dict[int, list[Statement]] = {}
        if not order_ids:
            return found
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(STATEMENT).where(_W.order_id.in_(list(order_ids))).order_by(_W.id)
            )
            for row in rows:
                found.setdefault(int(row.order_id), []).append(_statement(row))
        return found

    def refunds_of(self, order_id: int) -> list[RefundSeen]:
        r = _REFUND.c
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(r.amount_minor, r.status, r.created_at, r.succeeded_at)
                .where(r.order_id == order_id)
                .order_by(r.created_at, r.id)
            )
            return [_Refund(int(a), str(s), at, through) for a, s, at, through in rows]

    def get(self, statement_id: int) -> Statement | None:
        with self._engine.connect() as connection:
            row = connection.execute(select(STATEMENT).where(_W.id == statement_id)).first()
        return _statement(row) if row else None

    def record(
        self,
        statement: NewStatement,
        check: Callable[[Sequence[Statement]], int],
        audit: AuditRecord,
    ) -> tuple[Statement, bool]:
        with self._engine.begin() as connection:
            hold_rows(connection, ORDER, ORDER.c.id == statement.order_id)
            twin = connection.execute(
                select(STATEMENT).where(
                    _W.order_id == statement.order_id, _W.request_key == statement.request_key
                )
            ).first()
            if twin is not None:
                return _statement(twin), False
            # Raises: nothing written; or the new statement's value, as the earlier ones make it.
            value = check(_of_order(connection, statement.order_id))
            new_id = connection.execute(
                insert(STATEMENT)
                .values(
                    order_id=statement.order_id,
                    request_key=statement.request_key,
                    name=statement.name[:120],
                    email=statement.email[:254],
                    items=_items_json(statement.items),
                    received_at=statement.received_at,
                    locale=statement.locale[:8],
                    value_minor=value,
                )
                .returning(_W.id)
            ).scalar_one()
            write_audit(connection, [audit])
            write_events(connection, [WithdrawalReceived(statement.order_id, int(new_id))])
            row = connection.execute(select(STATEMENT).where(_W.id == new_id)).one()
            return _statement(row), True

    def claim_ack(self, statement_id: int, claimed_at: datetime, stale_before: datetime) -> bool:
        with self._engine.begin() as connection:
            return bool(
                connection.execute(
                    update(STATEMENT)
                    .where(_W.id == statement_id, _W.ack_sent_at.is_(None), _free(stale_before))
                    .values(ack_claimed_at=claimed_at)
                ).rowcount
            )

    def ack_sent(self, statement_id: int, claimed_at: datetime) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                update(STATEMENT)
                .where(_W.id == statement_id, _W.ack_claimed_at == claimed_at)
                .values(ack_sent_at=claimed_at, ack_claimed_at=None)
            )

    def give_back_ack(self, statement_id: int, claimed_at: datetime) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                update(STATEMENT)
                .where(_W.id == statement_id, _W.ack_claimed_at == claimed_at)
                .values(ack_claimed_at=None)
            )

    def unacknowledged(self, since: datetime, stale_before: datetime, limit: int) -> list[int]:
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(_W.id)
                .where(_W.received_at >= since, _W.ack_sent_at.is_(None), _free(stale_before))
                .order_by(_W.received_at, _W.id)
                .limit(limit)
            ).scalars()
            return [int(i) for i in rows]


def _of_order(connection: Connection, order_id: int) -> list[Statement]:
    rows = connection.execute(select(STATEMENT).where(_W.order_id == order_id).order_by(_W.id))
    return [_statement(row) for row in rows]
