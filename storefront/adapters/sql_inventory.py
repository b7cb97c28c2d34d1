"""Stock in SQL: conditional decrements and reservation bookkeeping in one transaction.

`UPDATE variant SET stock = stock - n WHERE sku = :sku AND stock >= n` is atomic on both
databases (PostgreSQL locks the row; SQLite serialises writers), so concurrent checkouts can
never take more than there is. The product's stock roll-up and its categories' facet
generations move in the same transaction, and the changes come back as ProductChanged events
(also written to the outbox in that transaction) so caches follow.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlmodel import SQLModel

from models.events import ProductChanged
from models.inventory import ReservationStatus, StockReservation
from models.orders import OrderStatus, SalesOrder
from storefront.adapters.sql_outbox import write_events
from storefront.adapters.sql_tables import CATEGORY, PRODUCT, VARIANT, category_nodes
from storefront.services.category_tree import CategoryTree
from storefront.services.inventory import HOLD_MINUTES, CommitResult

RESERVATION = SQLModel.metadata.tables[str(StockReservation.__tablename__)]
ORDER = SQLModel.metadata.tables[str(SalesOrder.__tablename__)]
HOLDER_PREFIX = "order:"  # an order's holds are held under "order:<id>" (orders.ports)
# How long after its order's last change an expired hold may be kept for a 3-D Secure under
# way: twice what a hold lasts, the time reconciliation gives up on such an order and more.
KEPT_AT_MOST = timedelta(minutes=2 * HOLD_MINUTES)
_R, _V, _P = RESERVATION.c, VARIANT.c, PRODUCT.c


RELEASED, COMMITTED = ReservationStatus.RELEASED, ReservationStatus.COMMITTED


class Shortage(Exception):
    """Not enough stock for one of the lines: the whole reservation is rolled back."""


class SqlInventory:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def reserve(
        self, holder: str, lines: Sequence[tuple[str, int]], expires_at: datetime
    ) -> list[ProductChanged] | None:
        """Hold every line or none; None when any line lacks stock. A holder that already
        holds stock (a repeated submit, the payment step) is answered with success and
        nothing taken twice; its hold then runs until `expires_at`, if that is later (a
        shopper paying in the hold's last minute keeps the stock through 3-D Secure)."""
        try:
            with self._engine.begin() as connection:
                if self._holds(connection, holder):
                    connection.execute(
                        update(RESERVATION)
                        .where(
                            _R.holder == holder,
                            _R.status == ReservationStatus.HELD.value,
                            _R.expires_at < expires_at,
                        )
                        .values(expires_at=expires_at)
                    )
                    return []
                # A new hold replaces one that expired (its stock was already given back).
                connection.execute(
                    delete(RESERVATION).where(
                        _R.holder == holder, _R.status == ReservationStatus.RELEASED.value
                    )
                )
                taken: dict[int, int] = {}
                # Variants in SKU order, then products in id order: every transaction locks
                # rows in the same order, so two baskets never deadlock.
                for sku, quantity in sorted(lines):
                    product_id = self._take(connection, sku, quantity)
                    taken[product_id] = taken.get(product_id, 0) + quantity
                    connection.execute(
                        insert(RESERVATION).values(
                            holder=holder,
                            sku=sku,
                            quantity=quantity,
                            status=ReservationStatus.HELD.value,
                            expires_at=expires_at,
                            created_at=datetime.now(expires_at.tzinfo),
                        )
                    )
                self._adjust_products(connection, {pid: -q for pid, q in taken.items()})
                return self._changed(connection, set(taken))
        except Shortage:
            return None
        except IntegrityError:
            return []  # the same holder, concurrently: its first submit holds the stock

    @staticmethod
    def _holds(connection: Connection, holder: str) -> bool:
        return (
            connection.execute(
                select(_R.id).where(
                    _R.holder == holder,
                    _R.status.in_(
                        [ReservationStatus.HELD.value, ReservationStatus.COMMITTED.value]
                    ),
                )
            ).first()
            is not None
        )

    def _take(self, connection: Connection, sku: str, quantity: int) -> int:
        product_id = connection.execute(
            update(VARIANT)
            .where(_V.sku == sku, _V.stock >= quantity)
            .values(stock=_V.stock - quantity)
            .returning(_V.product_id)
        ).scalar_one_or_none()
        if product_id is None:
            raise Shortage(sku)
        return int(product_id)

    def _give_back(self, connection: Connection, sku: str, quantity: int) -> int | None:
        product_id = connection.execute(
            update(VARIANT)
            .where(_V.sku == sku)
            .values(stock=_V.stock + quantity)
            .returning(_V.product_id)
        ).scalar_one_or_none()
        return None if product_id is None else int(product_id)  # gone: nothing to give back

    @staticmethod
    def _adjust_products(connection: Connection, deltas: dict[int, int]) -> None:
        move_product_stock(connection, deltas)

    def commit(self, holder: str) -> CommitResult:
        """The payment went through: held stock is sold (a repeat commits nothing more)."""
        with self._engine.begin() as connection:
            result, _changed = self.commit_in(connection, holder)
            return result

    def commit_in(
        self, connection: Connection, holder: str
    ) -> tuple[CommitResult, list[ProductChanged]]:
        """Commit the holder's stock inside the caller's transaction (the order's move to
        paid). Lines whose hold expired are taken again where the stock is still there;
        `lost` says some were not (they stay released: calling this again takes them)."""
        committed = connection.execute(
            update(RESERVATION)
            .where(_R.holder == holder, _R.status == ReservationStatus.HELD.value)
            .values(status=ReservationStatus.COMMITTED.value)
        ).rowcount
        released = connection.execute(
            select(_R.id, _R.sku, _R.quantity).where(
                _R.holder == holder, _R.status == ReservationStatus.RELEASED.value
            )
        ).all()
        if not released:
            return CommitResult(int(committed), lost=False), []
        # Each line that can be had is taken; one sold out meanwhile stays released (the
        # order is flagged, and shipping it takes that stock first: take_missing_stock).
        taken: dict[int, int] = {}
        short = False
        for reservation_id, sku, quantity in sorted(released, key=lambda r: r.sku):
            # Claimed before its stock is taken: of two transactions at the same line (two
            # staff shipping the order at once), one takes it, the other finds it taken.
            if not self._move_line(connection, reservation_id, RELEASED, COMMITTED):
                continue
            try:
                product_id = self._take(connection, sku, quantity)
            except Shortage:  # the conditional decrement changed nothing
                self._move_line(connection, reservation_id, COMMITTED, RELEASED)
                short = True
                continue
            taken[product_id] = taken.get(product_id, 0) + quantity
            committed += 1
        self._adjust_products(connection, {pid: -q for pid, q in taken.items()})
        return CommitResult(int(committed), lost=short), self._changed(connection, set(taken))

    @staticmethod
    def _move_line(
        connection: Connection, reservation_id: int, was: ReservationStatus, to: ReservationStatus
    ) -> bool:
        """Move one reservation line from `was` to `to`; False when it was not `was`."""
        moved = connection.execute(
            update(RESERVATION)
            .where(_R.id == reservation_id, _R.status == was.value)
            .values(status=to.value)
        )
        return bool(moved.rowcount)

    def release(self, holder: str | None, now: datetime) -> list[ProductChanged]:
        """Give back held stock: of one holder (None: of every expired reservation). Each
        reservation is released once, however many workers run this at the same time."""
        condition = _R.status == ReservationStatus.HELD.value
        with self._engine.begin() as connection:
            if holder is not None:
                condition &= _R.holder == holder
            else:
                condition &= _R.expires_at <= now
                if payable := _payable_holders(connection, condition, now):
                    condition &= _R.holder.not_in(payable)
            released = connection.execute(
                update(RESERVATION)
                .where(condition)
                .values(status=ReservationStatus.RELEASED.value)
                .returning(_R.sku, _R.quantity)
            ).all()
            given: dict[int, int] = {}
            for sku, quantity in sorted(released):
                product_id = self._give_back(connection, sku, quantity)
                if product_id is not None:
                    given[product_id] = given.get(product_id, 0) + quantity
            self._adjust_products(connection, given)
            return self._changed(connection, set(given))

    def return_sold_in(self, connection: Connection, holder: str) -> list[ProductChanged]:
        """Give back the stock a paid order took (it was canceled before it shipped), inside
        the caller's transaction: as `release`, each line once, with the same roll-ups and
        events (so back-in-stock alerts and caches follow)."""
        returned = connection.execute(
            update(RESERVATION)
            .where(_R.holder == holder, _R.status == COMMITTED.value)
            .values(status=RELEASED.value)
            .returning(_R.sku, _R.quantity)
        ).all()
        given: dict[int, int] = {}
        for sku, quantity in sorted(returned):
            product_id = self._give_back(connection, sku, quantity)
            if product_id is not None:
                given[product_id] = given.get(product_id, 0) + quantity
        self._adjust_products(connection, given)
        return self._changed(connection, set(given))

    def _changed(self, connection: Connection, product_ids: set[int]) -> list[ProductChanged]:
        return record_product_changes(connection, product_ids)


def _payable_holders(
    connection: Connection, expired: ColumnElement[bool], now: datetime
) -> list[str]:
    """The expired holds whose order may still be paid without this shop (3-D Secure under
    way, answered at the bank), kept: given back, their stock could sell to another shopper
    before the bank answers, and the order be paid for stock that is gone (QA). Reconciliation
    cancels such an order with its payment once nothing happened for as long as a hold lasts,
    and gives its hold back then; if it cannot (the provider out of reach for that long, the
    order beyond its pass), the hold goes KEPT_AT_MOST after the order's last change all the
    same. A pending or declined order pays only through Pay, which takes its stock again."""
    holders = connection.execute(select(_R.holder).where(expired).distinct()).scalars().all()
    ids = {int(h.removeprefix(HOLDER_PREFIX)) for h in holders if _names_an_order(h)}
    if not ids:
        return []
    payable = connection.execute(
        select(ORDER.c.id).where(
            ORDER.c.id.in_(sorted(ids)),
            ORDER.c.status == OrderStatus.REQUIRES_ACTION.value,
            ORDER.c.updated_at > now - KEPT_AT_MOST,
        )
    ).scalars()
    return [f"{HOLDER_PREFIX}{order_id}" for order_id in payable]


def _names_an_order(holder: str) -> bool:
    return holder.startswith(HOLDER_PREFIX) and holder.removeprefix(HOLDER_PREFIX).isdigit()


def move_product_stock(connection: Connection, deltas: dict[int, int]) -> None:
    """Move the products' stock roll-ups, in product-id order."""
    for product_id in sorted(deltas):
        connection.execute(
            update(PRODUCT).where(_P.id == product_id).values(stock=_P.stock + deltas[product_id])
        )


def record_product_changes(
    connection: Connection, product_ids: Collection[int]
) -> list[ProductChanged]:
    """Outdate the facet tables of the products' categories and write their ProductChanged
    events to the outbox, in the caller's transaction; return the events."""
    changed = announce_products(connection, product_ids)
    if not changed:
        return []
    with Session(bind=connection) as session:
        tree = CategoryTree(category_nodes(session))
    categories = {category for event in changed for category in event.category_ids}
    chain = {cid for category in categories for cid in tree.chain_ids(category)}
    if chain:
        connection.execute(
            update(CATEGORY)
            .where(CATEGORY.c.id.in_(sorted(chain)))
            .values(facet_generation=CATEGORY.c.facet_generation + 1)
        )
    return changed


def announce_products(
    connection: Connection, product_ids: Collection[int], *, review_moved: bool = False
) -> list[ProductChanged]:
    """Write the products' ProductChanged events to the outbox, in the caller's transaction,
    facets left as they are (nothing they count moved); return the events."""
    if not product_ids:
        return []
    rows = connection.execute(
        select(_P.id, _P.slug, _P.category_id).where(_P.id.in_(sorted(product_ids)))
    ).all()
    changed = [
        ProductChanged(pid, (slug,), (category,) if category is not None else (), review_moved)
        for pid, slug, category in rows
    ]
    write_events(connection, changed)
    return changed
