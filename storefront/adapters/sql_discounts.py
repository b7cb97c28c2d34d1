"""Discount codes in SQL. Their use count moves with the orders, in their transactions
(sql_order_store calls use_discount and give_back_use)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Select,
    and_,
    func,
    literal,
    select,
    update,
)
from sqlmodel import SQLModel

from models.orders import DiscountCode, SalesOrder
from models.types import utc_now
from storefront.adapters.sql_audit_write import write_audit
from storefront.adapters.sql_tables import upsert_into
from storefront.services.admin.audit import AuditRecord
from storefront.services.admin.discounts import DiscountRow
from storefront.services.checkout.pricing import Discount
from storefront.services.orders.ports import DiscountUsedUp
from storefront.services.orders.status import UNPAID

DISCOUNT = SQLModel.metadata.tables[str(DiscountCode.__tablename__)]
_D = DISCOUNT.c
_O = SQLModel.metadata.tables[str(SalesOrder.__tablename__)].c


def use_discount(connection: Connection, code: str, now: datetime) -> None:
    """In the order's transaction: count one use, only of a code still valid now (the quote
    was priced a moment ago: it may have been switched off, expired or used up since);
    DiscountUsedUp says why not."""
    valid = and_(
        _D.code == code,
        _D.active.is_(True),
        _D.expires_at.is_(None) | (_D.expires_at > now),
    )
    used = connection.execute(
        update(DISCOUNT)
        .where(valid, _D.usage_limit.is_(None) | (_D.used_count < _D.usage_limit))
        .values(used_count=_D.used_count + 1)
    ).rowcount
    if not used:
        found = connection.execute(select(_D.active, _D.expires_at).where(_D.code == code)).first()
        if found is None or not found.active:
            raise DiscountUsedUp(code, "checkout.error.discount_unknown")
        if found.expires_at is not None and found.expires_at <= now:
            raise DiscountUsedUp(code, "checkout.error.discount_expired")
        raise DiscountUsedUp(code)


def give_back_use(connection: Connection, code: str) -> None:
    """In the order's transaction (its move to canceled): the use it counted is free again."""
    connection.execute(
        update(DISCOUNT)
        .where(_D.code == code, _D.used_count > 0)
        .values(used_count=_D.used_count - 1)
    )


class SqlDiscountStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def active(self, code: str, cart_id: int | None = None) -> Discount | None:
        unpaid = _unpaid_with(code)
        held: ColumnElement[int] = literal(0)
        if cart_id is not None:
            held = select(func.count()).where(unpaid, _O.cart_id == cart_id).scalar_subquery()
        awaiting = select(func.count()).where(unpaid).scalar_subquery()
        with self._engine.connect() as connection:
            row = connection.execute(
                select(DISCOUNT, held.label("held"), awaiting.label("awaiting")).where(
                    _D.code == code, _D.active.is_(True)
                )
            ).first()
        if row is None:
            return None
        terms = _discount_row(row)
        return Discount(
            code=terms.code,
            kind=terms.kind,
            value=terms.value,
            min_subtotal_minor=terms.min_subtotal_minor,
            expires_at=terms.expires_at,
            usage_limit=terms.usage_limit,
            used=terms.used - row.held,
            awaiting=row.awaiting - row.held,
        )

    def add(self, discount: Discount) -> bool:
        with self._engine.begin() as connection:
            return _insert(connection, discount)


class SqlDiscountAdmin:
    """The admin's view of the codes: every code, on or off, with its use count."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def page(self, offset: int, limit: int) -> tuple[list[DiscountRow], int]:
        with self._engine.connect() as connection:
            total = connection.execute(select(func.count()).select_from(DISCOUNT)).scalar_one()
            rows = connection.execute(
                _with_awaiting()
                .order_by(_D.created_at.desc(), _D.id.desc())
                .offset(offset)
                .limit(limit)
            ).all()
        return [_discount_row(row) for row in rows], int(total)

    def get(self, code: str) -> DiscountRow | None:
        with self._engine.connect() as connection:
            row = connection.execute(_with_awaiting().where(_D.code == code)).first()
        return None if row is None else _discount_row(row)

    def add(self, discount: Discount, audit: AuditRecord) -> bool:
        with self._engine.begin() as connection:
            added = _insert(connection, discount)
            if added:
                write_audit(connection, [audit])
        return added

    def save(self, row: DiscountRow, audit: AuditRecord, expected: DiscountRow) -> bool:
        # Compare and set: the terms must still be those the change started from.
        unchanged = [_same(_D[name], value) for name, value in expected.terms().items()]
        with self._engine.begin() as connection:
            changed = connection.execute(
                update(DISCOUNT).where(_D.code == row.code, *unchanged).values(row.terms())
            ).rowcount
            if changed:
                write_audit(connection, [audit])
        return bool(changed)


def _unpaid_with(code: str | ColumnElement[str]) -> ColumnElement[bool]:
    """Orders placed with `code` and still awaiting payment (each holds one use of it)."""
    return and_(_O.discount_code == code, _O.status.in_([s.value for s in UNPAID]))


def _with_awaiting() -> Select[Any]:
    """The codes, each with how many of its uses are orders still awaiting payment."""
    unpaid = _unpaid_with(_D.code)
    awaiting = select(func.count()).where(unpaid).correlate(DISCOUNT).scalar_subquery()
    return select(DISCOUNT, awaiting.label("awaiting"))


def _same(column: ColumnElement[Any], value: object) -> ColumnElement[bool]:
    return column.is_(None) if value is None else column == value


def _insert(connection: Connection, discount: Discount) -> bool:
    """A new active code, unless the code exists already (False)."""
    statement = (
        upsert_into(connection.engine, DISCOUNT)
        .values(
            code=discount.code,
            kind=discount.kind,
            value=discount.value,
            min_subtotal_minor=discount.min_subtotal_minor,
            expires_at=discount.expires_at,
            usage_limit=discount.usage_limit,
            used_count=0,
            active=True,
            created_at=utc_now(),
        )
        .on_conflict_do_nothing(index_elements=[_D.code])
        .returning(_D.id)
    )
    return connection.execute(statement).first() is not None


def _discount_row(row: Any) -> DiscountRow:
    return DiscountRow(
        code=row.code,
        kind="percent" if row.kind == "percent" else "fixed",
        value=row.value,
        min_subtotal_minor=row.min_subtotal_minor,
        expires_at=row.expires_at,
        usage_limit=row.usage_limit,
        used=row.used_count,
        active=row.active,
        awaiting=row.awaiting,
    )
