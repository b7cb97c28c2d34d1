"""Who is mailing a shopper about their refunds, in SQL: the order's claim on its refund
mail (`refund_mail_claimed_at`, beside the total already told, `refund_mailed_minor`) and
each reversed refund's claim on its failure mail. A claim is its time: only its holder
ends or gives it back, and a reversal (sql_refund_totals.align_order) voids the order's. The
refunds a refund mail tells (gone through, not `refund_mailed`) are read in its claim's
transaction and marked in the one ending it, the order held by both: every refund that went
through is counted in the order's total in the transaction that recorded it, so they are
those that make up what the claim read."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Engine, select, update

from models.types import utc_now
from storefront.adapters.sql_locks import among, hold_rows
from storefront.adapters.sql_order_store import ORDER
from storefront.adapters.sql_refunds import REFUND, refund_row
from storefront.services.orders.refund_mail import RefundMailClaim, WentBack
from storefront.services.orders.refunds import RefundRow

_O, _F = ORDER.c, REFUND.c


class SqlRefundMailStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def claim_refund_mail(
        self, order_id: int, claimed_at: datetime, stale_before: datetime
    ) -> RefundMailClaim | None:
        free = _O.refund_mail_claimed_at.is_(None) | (_O.refund_mail_claimed_at < stale_before)
        with self._engine.begin() as connection:
            claimed = connection.execute(
                update(ORDER)
                .where(_O.id == order_id, _O.refund_mailed_minor < _O.refunded_minor, free)
                .values(refund_mail_claimed_at=claimed_at)
            ).rowcount
            if not claimed:
                return None
            # Read under the claim's row lock (no refund of the order moves meanwhile): what
            # this caller, alone, now mails.
            told, refunded = connection.execute(
                select(_O.refund_mailed_minor, _O.refunded_minor).where(_O.id == order_id)
            ).one()
            untold = connection.execute(
                select(_F.id, _F.method, _F.amount_minor, _F.succeeded_at)
                .where(
                    _F.order_id == order_id,
                    _F.status == "succeeded",
                    _F.refund_mailed.is_(False),
                )
                .order_by(_F.succeeded_at, _F.id)
            ).all()
            refunds = tuple(
                WentBack(r.id, r.method, int(r.amount_minor), r.succeeded_at) for r in untold
            )
            return RefundMailClaim(int(told), int(refunded), refunds)

    def refund_mail_sent(self, order_id: int, claim: RefundMailClaim, claimed_at: datetime) -> bool:
        # While the claim stands, nobody else told anything and no refund was reversed: the
        # total only rose since it was read, so the shopper now knows of the total read, and
        # of the refunds read with it (all of them, even those whose mail could not name how
        # they went back: its total told them).
        with self._engine.begin() as connection:
            ended = connection.execute(
                update(ORDER)
                .where(_O.id == order_id, _O.refund_mail_claimed_at == claimed_at)
                .values(refund_mailed_minor=claim.refunded_minor, refund_mail_claimed_at=None)
            ).rowcount
            if ended and claim.refunds:
                told = [refund.refund_id for refund in claim.refunds]
                connection.execute(
                    update(REFUND)
                    .where(_F.order_id == order_id, among(connection, _F.id, told))
                    .values(refund_mailed=True)
                )
            return bool(ended)

    def release_refund_mail(self, order_id: int, claimed_at: datetime) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                update(ORDER)
                .where(_O.id == order_id, _O.refund_mail_claimed_at == claimed_at)
                .values(refund_mail_claimed_at=None)
            )

    def untold_refunds(self, since: datetime, stale_before: datetime, limit: int) -> list[int]:
        free = _O.refund_mail_claimed_at.is_(None) | (_O.refund_mail_claimed_at < stale_before)
        untold = _O.refund_mailed_minor < _O.refunded_minor
        with self._engine.connect() as connection:
            return list(
                connection.execute(
                    select(_O.id)
                    .where(_O.refunded_at >= since, untold, free)
                    .order_by(_O.refunded_at)
                    .limit(limit)
                ).scalars()
            )

    def claim_failure_mails(
        self, order_id: int, claimed_at: datetime, stale_before: datetime
    ) -> list[RefundRow]:
        free = _F.failure_mail_claimed_at.is_(None) | (_F.failure_mail_claimed_at < stale_before)
        with self._engine.begin() as connection:
            # Held as every change to its refunds: two claims at once, one after the other.
            hold_rows(connection, ORDER, _O.id == order_id)
            untold = select(REFUND).where(
                _F.order_id == order_id, _F.reversed, _F.failure_mailed_at.is_(None), free
            )
            rows = connection.execute(untold.order_by(_F.id)).all()
            if rows:
                connection.execute(
                    update(REFUND)
                    .where(_F.id.in_([row.id for row in rows]))
                    .values(failure_mail_claimed_at=claimed_at)
                )
            return [refund_row(row) for row in rows]

    def failure_mail_sent(self, refund_id: int) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                update(REFUND)
                .where(_F.id == refund_id)
                .values(failure_mailed_at=utc_now(), failure_mail_claimed_at=None)
            )

    def release_failure_mails(self, refund_ids: Sequence[int], claimed_at: datetime) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                update(REFUND)
                .where(_F.id.in_(list(refund_ids)), _F.failure_mail_claimed_at == claimed_at)
                .values(failure_mail_claimed_at=None)
            )

    def untold_failures(self, since: datetime, stale_before: datetime, limit: int) -> list[int]:
        free = _F.failure_mail_claimed_at.is_(None) | (_F.failure_mail_claimed_at < stale_before)
        untold = _F.reversed & _F.failure_mailed_at.is_(None)
        with self._engine.connect() as connection:
            return list(
                connection.execute(
                    select(_F.order_id)
                    .where(_F.failed_at >= since, untold, free)
                    .distinct()
                    .order_by(_F.order_id)
                    .limit(limit)
                ).scalars()
            )
