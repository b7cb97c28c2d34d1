"""The shopper's cancel of a paid order, in SQL: its claim (a conditional update that
shipping's own conditional update excludes, so of the two only one happens) and its close
(refunded → canceled, the sold stock given back and the audit entry, in one transaction)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Engine, exists, literal, select, update

from models.events import ProductChanged
from models.orders import OrderStatus
from storefront.adapters.sql_audit_write import write_audit
from storefront.adapters.sql_discounts import give_back_use
from storefront.adapters.sql_inventory import SqlInventory
from storefront.adapters.sql_order_store import ORDER
from storefront.adapters.sql_refunds import REFUND
from storefront.services.admin.audit import AuditRecord
from storefront.services.orders.customer_cancel import CANCEL_KEY_PREFIX

_O, _F = ORDER.c, REFUND.c


class SqlCustomerCancel:
    def __init__(self, engine: Engine, inventory: SqlInventory) -> None:
        self._engine = engine
        self._inventory = inventory

    def claim(self, order_id: int, now: datetime) -> bool:
        """Mark a paid, unshipped, unrefunded order as being canceled; False when it is not
        (any more) one, or was claimed already."""
        with self._engine.begin() as connection:
            claimed = connection.execute(
                update(ORDER)
                .where(
                    _O.id == order_id,
                    _O.status == OrderStatus.PAID.value,
                    _O.fulfilled_at.is_(None),
                    _O.cancel_requested_at.is_(None),
                    _O.refunded_minor == 0,
                )
                .values(cancel_requested_at=now, updated_at=now)
                .returning(_O.id)
            ).first()
        return claimed is not None

    def refunded_claims(self, limit: int) -> list[int]:
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(_O.id)
                .where(
                    _O.status == OrderStatus.REFUNDED.value,
                    _O.cancel_requested_at.is_not(None),
                    _O.fulfilled_at.is_(None),
                )
                .order_by(_O.cancel_requested_at, _O.id)
                .limit(limit)
            ).scalars()
            return [int(order_id) for order_id in rows]

    def stale_claims(self, before: datetime, limit: int) -> list[int]:
        # A cancel whose refund the provider failed is the merchant's (it never goes through
        # again): left out, so it is not tried on every run, nor ahead of newer claims.
        failed = exists().where(
            _F.order_id == _O.id,
            _F.request_key == literal(CANCEL_KEY_PREFIX) + _O.reference,
            _F.status == "failed",
        )
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(_O.id)
                .where(
                    _O.status == OrderStatus.PAID.value,
                    _O.cancel_requested_at < before,
                    _O.fulfilled_at.is_(None),
                    ~failed,
                )
                .order_by(_O.cancel_requested_at, _O.id)
                .limit(limit)
            ).scalars()
            return [int(order_id) for order_id in rows]

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
