"""Refunds made outside the payment provider, in SQL (services/orders/offline_refunds.py): a
row of order_refund gone through from the start, its `method` saying how, recorded with the
order held as sql_refunds holds it, and everything a refund that went through brings along in
the same transaction: the order's total and status (sql_refund_totals), a due reversal
invoice then its credit note (as `SqlRefundStore.close` issues them), and the audit entry."""

from __future__ import annotations

from datetime import UTC, tzinfo

from sqlalchemy import Engine, insert, select

from models.types import utc_now
from storefront.adapters.sql_audit_write import write_audit
from storefront.adapters.sql_credit_notes import NOTE, issue_credit_notes
from storefront.adapters.sql_locks import hold_rows
from storefront.adapters.sql_order_store import ORDER
from storefront.adapters.sql_refund_totals import align_order
from storefront.adapters.sql_refunds import REFUND, shortfall
from storefront.adapters.sql_reversal_invoices import issue_reversal_invoices
from storefront.services.orders.offline_refunds import (
    MAX_REFERENCE,
    AuditOf,
    OfflineRecorded,
    OfflineRefund,
)
from storefront.services.orders.refunds import Shortfall

_O, _F = ORDER.c, REFUND.c


class SqlOfflineRefundStore:
    def __init__(self, engine: Engine, zone: tzinfo = UTC) -> None:
        self._engine = engine
        self._zone = zone  # the shop's: a credit note's year and date are its

    def record(
        self, refund: OfflineRefund, ceiling_minor: int | None, audit: AuditOf
    ) -> OfflineRecorded | Shortfall:
        order_id = refund.order_id
        with self._engine.begin() as connection:
            # Held first, as every refund request holds it: a double submit finds the row of
            # its key, and a refund asked beside this one (here, or through the provider) is
            # checked against this one's amount.
            hold_rows(connection, ORDER, _O.id == order_id)
            before = connection.execute(
                select(_O.status, _O.refunded_minor).where(_O.id == order_id)
            ).first()
            existing = connection.execute(
                select(REFUND).where(_F.request_key == refund.request_key)
            ).first()
            if existing is not None:
                note = connection.execute(
                    select(NOTE.c.number).where(NOTE.c.refund_id == existing.id)
                ).scalar_one_or_none()
                status, refunded = (before.status, before.refunded_minor) if before else ("", 0)
                return OfflineRecorded(
                    existing.id, existing.amount_minor, existing.method, existing.reason,
                    False, status, refunded, status, refunded, note, order_id=existing.order_id,
                )  # fmt: skip
            if before is None:
                return "not_refundable"
            refused = shortfall(connection, order_id, refund.amount_minor, ceiling_minor, False)
            if refused is not None:
                return refused
            now = utc_now()
            refund_id = connection.execute(
                insert(REFUND)
                .values(
                    order_id=order_id,
                    amount_minor=refund.amount_minor,
                    request_key=refund.request_key,
                    reason=refund.reference[:MAX_REFERENCE],
                    method=refund.method,
                    status="succeeded",  # the money went back: nothing to wait for
                    created_at=now,
                    succeeded_at=now,
                )
                .returning(_F.id)
            ).scalar_one()
            align_order(connection, order_id)
            # As `SqlRefundStore.close`: a reversal's invoice due before the new note.
            issue_reversal_invoices(connection, order_id, now, self._zone)
            issue_credit_notes(connection, order_id, now, self._zone)
            after = connection.execute(
                select(_O.status, _O.refunded_minor).where(_O.id == order_id)
            ).one()
            note = connection.execute(
                select(NOTE.c.number).where(NOTE.c.refund_id == refund_id)
            ).scalar_one_or_none()
            recorded = OfflineRecorded(
                int(refund_id), refund.amount_minor, refund.method,
                refund.reference[:MAX_REFERENCE], True, before.status,
                int(before.refunded_minor), after.status, int(after.refunded_minor), note,
                order_id=order_id,
            )  # fmt: skip
            write_audit(connection, list(audit(recorded)))
            return recorded
