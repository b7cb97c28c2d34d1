"""The cancel of a paid order (the shopper's, or the shop's), in SQL: its claim (a
conditional update that shipping's own conditional update excludes, so of the two only one
happens) and its close (refunded → canceled, the sold stock given back and the audit entry,
in one transaction), and its release (the claim given up, with the order held as a refund's
request holds it, so the cancel's refund and its release never both happen; its
CancelReleased event, which mails the shopper, written in that transaction: one release,
one event; the shop's own cancel, given up, is marked so without either: the shopper never
asked)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, Engine, exists, literal, select, update

from models.events import CancelReleased, ProductChanged
from models.orders import OrderStatus
from storefront.adapters.sql_audit_write import write_audit
from storefront.adapters.sql_discounts import give_back_use
from storefront.adapters.sql_inventory import SqlInventory
from storefront.adapters.sql_locks import hold_rows
from storefront.adapters.sql_order_store import ORDER
from storefront.adapters.sql_outbox import write_events
from storefront.adapters.sql_refunds import REFUND
from storefront.services.admin.audit import AuditRecord
from storefront.services.orders.cancel_store import CANCEL_KEY_PREFIX, Released
from storefront.services.orders.status import CANCELABLE_PAID

_O, _F = ORDER.c, REFUND.c
# Where a cancel claims an order from, and where it stays until its refund goes through.
_CANCELABLE = sorted(status.value for status in CANCELABLE_PAID)


def _cancel_refund(*, failed: bool) -> ColumnElement[bool]:
    """The order has a refund under its cancel's key, refused (`failed`) or standing."""
    status = _F.status == "failed" if failed else _F.status != "failed"
    return exists().where(
        _F.order_id == _O.id,
        _F.request_key == literal(CANCEL_KEY_PREFIX) + _O.reference,
        status,
    )


class SqlCustomerCancel:
    def __init__(self, engine: Engine, inventory: SqlInventory) -> None:
        self._engine = engine
        self._inventory = inventory

    def claim(
        self,
        order_id: int,
        now: datetime,
        *,
        by_shop: bool = False,
        audit: Sequence[AuditRecord] = (),
    ) -> bool:
        """Mark a paid (or partly refunded), unshipped order with something left to refund as
        being canceled (by the shop: `by_shop`), `audit` written with it; False when it is
        not (any more) one, or was claimed already."""
        with self._engine.begin() as connection:
            claimed = connection.execute(
                update(ORDER)
                .where(
                    _O.id == order_id,
                    _O.status.in_(_CANCELABLE),
                    _O.fulfilled_at.is_(None),
                    _O.cancel_requested_at.is_(None),
                    _O.cancel_released_at.is_(None),  # given up once: the shop settles it
                    _O.refunded_minor < _O.total_minor,
                    # Nor with a refund of the merchant's still pending at the provider: what
                    # is left to refund is not known until it settles, and the cancel's
                    # refund of it could pass what was paid.
                    ~exists().where(_F.order_id == _O.id, _F.status == "pending"),
                )
                .values(cancel_requested_at=now, cancel_by_shop=by_shop, updated_at=now)
                .returning(_O.id)
            ).first()
            if claimed is not None:
                write_audit(connection, audit)
        return claimed is not None

    def refunded_claims(self, limit: int) -> list[int]:
        return self._claims([OrderStatus.REFUNDED.value], limit)

    def stale_claims(self, before: datetime, limit: int) -> list[int]:
        # A cancel whose refund the provider refused never goes through (its key is spent):
        # refused_claims releases it instead.
        failed = _cancel_refund(failed=True)
        return self._claims(_CANCELABLE, limit, _O.cancel_requested_at < before, ~failed)

    def refused_claims(self, limit: int) -> list[int]:
        refused = (_cancel_refund(failed=True), ~_cancel_refund(failed=False))
        return self._claims(_CANCELABLE, limit, *refused)

    def _claims(self, statuses: list[str], limit: int, *where: ColumnElement[bool]) -> list[int]:
        """Claimed, unshipped orders in `statuses` (and `where`), the oldest claims first."""
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(_O.id)
                .where(
                    _O.status.in_(statuses),
                    _O.cancel_requested_at.is_not(None),
                    _O.fulfilled_at.is_(None),
                    *where,
                )
                .order_by(_O.cancel_requested_at, _O.id)
                .limit(limit)
            ).scalars()
            return [int(order_id) for order_id in rows]

    def release(self, order_id: int, now: datetime, audit: Sequence[AuditRecord]) -> Released:
        with self._engine.begin() as connection:
            # Held as a refund's request holds it (sql_refunds.open): the cancel's refund is
            # opened before this (then seen below) or after (then refused: no claim).
            hold_rows(connection, ORDER, _O.id == order_id)
            claimed = (
                _O.id == order_id,
                _O.status.in_(_CANCELABLE),
                _O.cancel_requested_at.is_not(None),
                _O.fulfilled_at.is_(None),
            )
            if connection.execute(select(_O.id).where(*claimed)).first() is None:
                return "not_claimed"
            if connection.execute(
                select(_O.id).where(*claimed, _cancel_refund(failed=False))
            ).first():
                return "refunding"
            row = connection.execute(
                update(ORDER)
                .where(*claimed)
                .values(cancel_requested_at=None, cancel_released_at=now, updated_at=now)
                .returning(_O.reference, _O.cancel_by_shop)
            ).one()
            write_audit(connection, audit)
            if not row.cancel_by_shop:  # the shop's own: the shopper never asked
                write_events(connection, [CancelReleased(order_id, row.reference or "")])
            return "released"

    def note(self, order_id: int, now: datetime) -> None:
        """Mark a canceled order as canceled by the shopper (once)."""
        with self._engine.begin() as connection:
            connection.execute(
                update(ORDER)
                .where(
                    _O.id == order_id,
                    _O.status == OrderStatus.CANCELED.value,
                    _O.cancel_requested_at.is_(None),
                )
                .values(cancel_requested_at=now)
            )

    def finish(
        self, order_id: int, now: datetime, audit: Sequence[AuditRecord] = ()
    ) -> list[ProductChanged] | None:
        """Move a claimed order refunded in full to canceled, give back its sold stock and
        its discount use, and write `audit`; None when it is not such an order (finished
        already, say)."""
        with self._engine.begin() as connection:
            row = connection.execute(
                update(ORDER)
                .where(
                    _O.id == order_id,
                    _O.status == OrderStatus.REFUNDED.value,
                    _O.cancel_requested_at.is_not(None),
                    _O.fulfilled_at.is_(None),
                )
                .values(status=OrderStatus.CANCELED.value, updated_at=now)
                .returning(_O.discount_code)
            ).first()
            if row is None:
                return None
            if row.discount_code:
                give_back_use(connection, row.discount_code)
            changed = self._inventory.return_sold_in(connection, f"order:{order_id}")
            write_audit(connection, audit)
            return changed
