"""Orders in SQL. Every status move is `UPDATE ... WHERE status IN (allowed sources)`, so of
two racing writers exactly one moves the order; provider event ids are inserted in the same
transaction, so a repeated delivery rolls back untouched. The domain events of a move
(OrderPlaced, OrderPaid, OrderRefunded) go to the outbox in that same transaction."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, tzinfo
from typing import Any

from sqlalchemy import Connection, Engine, and_, case, func, insert, or_, select, update
from sqlmodel import SQLModel

from models.events import OrderPlaced, OrderRefunded
from models.orders import OrderStatus, PaymentEvent, SalesOrder
from models.types import utc_now
from storefront.adapters.sql_account_hold import account_open
from storefront.adapters.sql_carts import take_out_of
from storefront.adapters.sql_discounts import give_back_use, use_discount
from storefront.adapters.sql_inventory import SqlInventory
from storefront.adapters.sql_invoice_numbers import allocate_invoice
from storefront.adapters.sql_order_confirmations import ConfirmationClaims
from storefront.adapters.sql_order_paid_event import paid_event
from storefront.adapters.sql_order_records import LINE, order_records
from storefront.adapters.sql_outbox import write_events
from storefront.adapters.sql_tables import VARIANT, upsert_into
from storefront.services.orders.confirmation_due import CONFIRMABLE, SHOP_SOURCE
from storefront.services.orders.ports import (
    Moved,
    NewOrder,
    OrderRecord,
)
from storefront.services.orders.status import UNPAID, sources_of

ORDER = SQLModel.metadata.tables[str(SalesOrder.__tablename__)]
EVENT = SQLModel.metadata.tables[str(PaymentEvent.__tablename__)]
_O = ORDER.c


class _Duplicate(Exception):
    """The event id was already recorded: roll everything back."""


class SqlOrderStore(ConfirmationClaims):
    def __init__(self, engine: Engine, inventory: SqlInventory, zone: tzinfo = UTC) -> None:
        self._engine = engine
        self._inventory = inventory
        self._zone = zone  # the shop's: a sale counts for its day there

    def create(self, order: NewOrder) -> int:
        now = utc_now()
        amounts, address = order.amounts, order.address
        with self._engine.begin() as connection:
            # Closed in another tab since the checkout read the session: the order is kept
            # as closing keeps the account's orders (sql_account_closing.py), with its email.
            closed = order.account_id is not None and not account_open(connection, order.account_id)
            if closed:
                order = replace(order, account_id=None, visitor_id=None, cart_id=None)
            if order.discount_code:
                use_discount(connection, order.discount_code, now)
            order_id = connection.execute(
                insert(ORDER)
                .values(
                    status=OrderStatus.PENDING.value,
                    source=SHOP_SOURCE,
                    created_at=now,
                    updated_at=now,
                    reference=order.reference,
                    access_key=order.access_key,
                    account_id=order.account_id,
                    visitor_id=order.visitor_id[:64] if order.visitor_id else None,
                    cart_id=order.cart_id,
                    account_closed=closed,
                    email=order.email,
                    locale=order.locale,
                    ship_name=address.name,
                    ship_line1=address.line1,
                    ship_line2=address.line2,
                    ship_postal_code=address.postal_code,
                    ship_city=address.city,
                    ship_country=address.country,
                    shipping_method=order.shipping_method,
                    discount_code=order.discount_code,
                    currency=amounts.currency,
                    subtotal_minor=amounts.subtotal_minor,
                    discount_minor=amounts.discount_minor,
                    shipping_minor=amounts.shipping_minor,
                    vat_rate_bp=amounts.vat_rate_bp,
                    vat_minor=amounts.vat_included_minor,
                    total_minor=amounts.total_minor,
                )
                .returning(_O.id)
            ).scalar_one()
            variant_ids = dict(
                connection.execute(
                    select(VARIANT.c.sku, VARIANT.c.id).where(
                        VARIANT.c.sku.in_([line.sku for line in order.lines])
                    )
                ).all()
            )
            connection.execute(
                insert(LINE),
                [
                    {
                        "order_id": order_id,
                        "product_id": line.product_id,
                        "variant_id": variant_ids.get(line.sku),
                        "sku": line.sku,
                        "title": line.title[:300],
                        "options": line.options[:300],
                        "quantity": line.quantity,
                        "unit_price_minor": line.unit_price_minor,
                    }
                    for line in order.lines
                ],
            )
            write_events(connection, [OrderPlaced(int(order_id), order.reference)])
            return int(order_id)

    def get(self, order_id: int) -> OrderRecord | None:
        return self._one(_O.id == order_id)

    def by_reference(self, reference: str) -> OrderRecord | None:
        return self._one(_O.reference == reference)

    def by_intent(self, intent_id: str) -> OrderRecord | None:
        return self._one(_O.payment_intent_id == intent_id)

    def for_account(
        self, account_id: int, limit: int, *, hiding: frozenset[OrderStatus] = frozenset()
    ) -> list[OrderRecord]:
        hidden = [status.value for status in hiding]
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(ORDER)
                .where(
                    _O.account_id == account_id,
                    _O.source == "shop",
                    # One the shopper canceled themselves (or the shop, paid) stays theirs
                    # to see.
                    or_(_O.status.not_in(hidden), _O.cancel_requested_at.is_not(None)),
                )
                .order_by(_O.created_at.desc(), _O.id.desc())
                .limit(limit)
            ).mappings()
            return order_records(connection, list(rows))

    def stale_unpaid(self, before: datetime, limit: int) -> list[OrderRecord]:
        unpaid = [s.value for s in UNPAID]
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(ORDER)
                .where(_O.status.in_(unpaid), _O.created_at < before, _O.source == "shop")
                .order_by(_O.created_at)
                .limit(limit)
            ).mappings()
            return order_records(connection, list(rows))

    def unpaid_for_cart(self, cart_id: int) -> list[int]:
        unpaid = [s.value for s in UNPAID]
        with self._engine.connect() as connection:
            return list(
                connection.execute(
                    select(_O.id).where(_O.cart_id == cart_id, _O.status.in_(unpaid))
                ).scalars()
            )

    def paid_for_cart_since(self, cart_id: int, since: datetime) -> int | None:
        paid = [OrderStatus.PAID.value, OrderStatus.FULFILLED.value]
        statement = (
            select(_O.id)
            .where(_O.cart_id == cart_id, _O.status.in_(paid), _O.paid_at >= since)
            .order_by(_O.paid_at.desc(), _O.id.desc())
            .limit(1)
        )
        with self._engine.connect() as connection:
            return connection.execute(statement).scalar()

    def unconfirmed_paid(self, since: datetime, before: datetime, limit: int) -> list[OrderRecord]:
        # As confirmation_due has it (the order page's "will be sent"), `since` its window.
        paid = [status.value for status in CONFIRMABLE]
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(ORDER)
                .where(
                    _O.status.in_(paid),
                    _O.paid_at >= since,
                    _O.paid_at < before,
                    _O.confirmation_sent_at.is_(None),
                    _O.source == SHOP_SOURCE,
                )
                .order_by(_O.paid_at)
                .limit(limit)
            ).mappings()
            return order_records(connection, list(rows))

    def attach_intent(self, order_id: int, intent_id: str) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                update(ORDER)
                .where(_O.id == order_id, _O.payment_intent_id.is_(None))
                .values(payment_intent_id=intent_id, updated_at=utc_now())
            )

    def card_refused(self, order_id: int, at: datetime) -> bool:
        pending = and_(_O.status == OrderStatus.PENDING.value, _O.card_refused_at.is_(None))
        with self._engine.begin() as connection:
            noted = update(ORDER).where(_O.id == order_id, pending).values(card_refused_at=at)
            return connection.execute(noted.returning(_O.id)).first() is not None

    def replace_intent(self, order_id: int, old_intent_id: str, intent_id: str) -> bool:
        unpaid = [s.value for s in UNPAID]
        with self._engine.begin() as connection:
            return (
                connection.execute(
                    update(ORDER)
                    .where(
                        _O.id == order_id,
                        _O.payment_intent_id == old_intent_id,
                        _O.status.in_(unpaid),
                    )
                    .values(payment_intent_id=intent_id, updated_at=utc_now())
                    .returning(_O.id)
                ).first()
                is not None
            )

    def take_missing_stock(self, order_id: int) -> bool:
        with self._engine.begin() as connection:
            result, _changed = self._inventory.commit_in(connection, f"order:{order_id}")
            if result.lost:
                return False  # what could be taken is, the rest waits for a restock
            connection.execute(
                update(ORDER)
                .where(_O.id == order_id, _O.stock_short.is_(True))
                .values(stock_short=False, updated_at=utc_now())
            )
            return True

    def move(
        self,
        order_id: int,
        target: OrderStatus,
        *,
        event_id: str | None = None,
        event_type: str = "",
        error: str = "",
        refunded_minor: int | None = None,
        intent_id: str | None = None,
    ) -> Moved:
        now = utc_now()
        try:
            with self._engine.begin() as connection:
                if event_id is not None:
                    self._insert_event(connection, event_id, event_type, order_id)
                values: dict[str, Any] = {"status": target.value, "updated_at": now}
                if error and target in (OrderStatus.FAILED, OrderStatus.CANCELED):
                    values["payment_error"] = error
                if target is OrderStatus.PAID:
                    values |= {"paid_at": now, "payment_error": ""}
                if refunded_minor is not None:
                    values["refunded_minor"] = (
                        func.max(_O.refunded_minor, refunded_minor)
                        if self._engine.dialect.name == "sqlite"
                        else func.greatest(_O.refunded_minor, refunded_minor)
                    )
                    rose = _O.refunded_minor < refunded_minor
                    values["refunded_at"] = case((rose, now), else_=_O.refunded_at)
                sources = [s.value for s in sources_of(target)]
                moving = and_(_O.id == order_id, _O.status.in_(sources))
                if intent_id is not None:
                    moving = and_(moving, _O.payment_intent_id == intent_id)
                row = connection.execute(
                    update(ORDER)
                    .where(moving)
                    .values(values)
                    .returning(
                        _O.discount_code,
                        _O.cart_id,
                        _O.reference,
                        _O.currency,
                        _O.total_minor,
                        _O.refunded_minor,
                        _O.invoice_number,
                    )
                ).first()
                if row is None:
                    return Moved(applied=False)
                if target is OrderStatus.PAID:
                    if row.cart_id is not None:  # the paid lines leave the cart, once
                        ordered = connection.execute(
                            select(LINE.c.sku, LINE.c.quantity).where(LINE.c.order_id == order_id)
                        ).all()
                        lines = [(r.sku, r.quantity) for r in ordered]
                        take_out_of(connection, row.cart_id, lines, row.discount_code)
                    result, changed = self._inventory.commit_in(connection, f"order:{order_id}")
                    if result.lost:  # the admin shows it, from the same commit as the payment
                        short = update(ORDER).where(_O.id == order_id).values(stock_short=True)
                        connection.execute(short)
                    if row.invoice_number is None:  # its number, with the payment, last
                        allocate_invoice(connection, order_id, now, self._zone)
                    write_events(
                        connection, [paid_event(connection, order_id, row, now, self._zone)]
                    )
                    return Moved(True, stock_lost=result.lost, changed=tuple(changed))
                if target in (OrderStatus.REFUNDED, OrderStatus.PARTIALLY_REFUNDED):
                    refunded = OrderRefunded(
                        order_id, row.reference, row.currency, int(row.refunded_minor)
                    )
                    write_events(connection, [refunded])
                if target is OrderStatus.CANCELED and row.discount_code:
                    give_back_use(connection, row.discount_code)
                return Moved(True)
        except _Duplicate:
            return Moved(applied=False, duplicate=True)

    def record_event(self, event_id: str, event_type: str, order_id: int | None) -> bool:
        try:
            with self._engine.begin() as connection:
                self._insert_event(connection, event_id, event_type, order_id)
            return True
        except _Duplicate:
            return False

    @staticmethod
    def _insert_event(
        connection: Connection, event_id: str, event_type: str, order_id: int | None
    ) -> None:
        # ON CONFLICT rather than a SAVEPOINT: under pysqlite's default transaction handling a
        # SAVEPOINT opened first starts the transaction, and its RELEASE commits the event id
        # alone, so a failure later in the move would leave it behind and the retry be lost.
        inserted = connection.execute(
            upsert_into(connection.engine, EVENT)
            .values(id=event_id, type=event_type[:80], order_id=order_id, received_at=utc_now())
            .on_conflict_do_nothing(index_elements=[EVENT.c.id])
            .returning(EVENT.c.id)
        ).first()
        if inserted is None:
            raise _Duplicate(event_id)

    def _one(self, condition: Any) -> OrderRecord | None:
        with self._engine.connect() as connection:
            rows = connection.execute(select(ORDER).where(condition)).mappings().all()
            records = order_records(connection, list(rows))
        return records[0] if records else None
