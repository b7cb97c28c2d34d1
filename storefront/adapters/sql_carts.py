"""Carts in SQL."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    case,
    cast,
    delete,
    func,
    insert,
    literal,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

from models.carts import Cart, CartLine
from models.catalog import ProductStatus
from models.inventory import ReservationStatus, StockReservation
from models.orders import SalesOrder
from models.types import utc_now
from storefront.adapters.db import read_only
from storefront.adapters.sql_account_hold import account_open
from storefront.adapters.sql_locks import hold_rows
from storefront.adapters.sql_tables import PRODUCT, VARIANT, upsert_into
from storefront.services.cart.ports import CartGone, Sellable, StoredCart, StoredLine
from storefront.services.orders.status import UNPAID

CART = SQLModel.metadata.tables[str(Cart.__tablename__)]
LINE = SQLModel.metadata.tables[str(CartLine.__tablename__)]
ORDER = SQLModel.metadata.tables[str(SalesOrder.__tablename__)]
RESERVATION = SQLModel.metadata.tables[str(StockReservation.__tablename__)]
_C, _L, _O, _P, _V, _R = CART.c, LINE.c, ORDER.c, PRODUCT.c, VARIANT.c, RESERVATION.c

# Built once: these run on every cart event, and building a statement costs more than
# SQLite takes to run it.
_BY_ACCOUNT = select(_C.id).where(_C.account_id == bindparam("b_account"))
_BY_TOKEN = select(_C.id).where(_C.token_hash == bindparam("b_token"), _C.account_id.is_(None))
_TOUCH = update(CART).where(_C.id == bindparam("b_cart")).values(updated_at=bindparam("b_now"))
_SELLABLE_COLUMNS = (
    _V.sku,
    _P.id,
    _P.slug,
    _P.title,
    _V.options,
    _V.price_minor,
    _P.currency,
    _V.stock,
    func.coalesce(_V.image_path, _P.image_path),
    _P.status,
)
_SELLABLE = (
    select(*_SELLABLE_COLUMNS)
    .select_from(VARIANT.join(PRODUCT, _P.id == _V.product_id))
    .where(_V.sku == bindparam("b_sku"))
)


# What the cart's own unpaid orders hold of a line's SKU (an attempt at payment in another
# tab, or one that failed): still the cart's to buy, so its stock counts as the cart's and a
# checkout opened again orders and prices every line, never only the others.
_HELD_FOR_CART = (
    select(func.coalesce(func.sum(_R.quantity), 0))
    .select_from(ORDER.join(RESERVATION, _R.holder == literal("order:") + cast(_O.id, String)))
    .where(
        _O.cart_id == _C.id,
        _O.status.in_([s.value for s in UNPAID]),
        _R.sku == _L.sku,
        _R.status == ReservationStatus.HELD.value,
    )
    .scalar_subquery()
)
_CART_SELLABLE_COLUMNS = tuple(
    (_V.stock + _HELD_FOR_CART).label("stock") if column is _V.stock else column
    for column in _SELLABLE_COLUMNS
)


def _contents(owner: ColumnElement[bool]) -> Select[Any]:
    """The owner's cart and each of its lines with its sellable, in one statement: a cart
    without lines is one row of NULLs after its id; a SKU the catalog lost has NULL columns.
    A line's stock counts what the cart's own unpaid orders hold of it (_HELD_FOR_CART)."""
    return (
        select(
            _C.id,
            _C.discount_code,
            _L.sku,
            _L.quantity,
            _L.price_seen_minor,
            _L.added_at,
            *_CART_SELLABLE_COLUMNS,
        )
        .select_from(
            CART.outerjoin(LINE, _L.cart_id == _C.id)
            .outerjoin(VARIANT, _V.sku == _L.sku)
            .outerjoin(PRODUCT, _P.id == _V.product_id)
        )
        .where(owner)
        .order_by(_L.added_at, _L.id)
    )


_CONTENTS_BY_ACCOUNT = _contents(_C.account_id == bindparam("b_account"))
_CONTENTS_BY_TOKEN = _contents(and_(_C.token_hash == bindparam("b_token"), _C.account_id.is_(None)))


def _of_owner(
    token_hash: str | None, account_id: int | None, by_account: Select[Any], by_token: Select[Any]
) -> tuple[Select[Any], dict[str, object]] | None:
    """The statement that finds the owner's cart (the account's when signed in, else the
    guest cart of the token) with its parameter; None for nobody."""
    if account_id:
        return by_account, {"b_account": account_id}
    if token_hash:
        return by_token, {"b_token": token_hash}
    return None


def take_out_of(
    connection: Connection, cart_id: int, ordered: Sequence[tuple[str, int]], code: str | None
) -> None:
    """In the caller's transaction: a paid order's (sku, quantity) leave the cart, and the
    discount code it was paid with; what the shopper added since (another tab, while paying)
    stays, a code applied since too (an older attempt paid late, by a webhook)."""
    if code:
        connection.execute(
            update(CART)
            .where(_C.id == cart_id, _C.discount_code == code)
            .values(discount_code=None)
        )
    for sku, quantity in ordered:
        line = and_(_L.cart_id == cart_id, _L.sku == sku)
        connection.execute(delete(LINE).where(line, _L.quantity <= quantity))
        connection.execute(update(LINE).where(line).values(quantity=_L.quantity - quantity))


class SqlCartStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._reads = read_only(engine)
        upsert = upsert_into(engine, LINE).values(
            cart_id=bindparam("b_cart"),
            sku=bindparam("b_sku"),
            quantity=bindparam("b_quantity"),
            price_seen_minor=bindparam("b_price"),
            added_at=bindparam("b_added"),  # a new line's place (a line there keeps its own)
        )
        self._put = upsert.on_conflict_do_update(
            index_elements=[_L.cart_id, _L.sku],
            set_={
                "quantity": upsert.excluded.quantity,
                "price_seen_minor": upsert.excluded.price_seen_minor,
            },
        )
        # Relative, in the database: what the line holds when the statement runs, not what
        # an earlier read saw.
        summed = _L.quantity + upsert.excluded.quantity
        cap = bindparam("b_cap", type_=Integer)
        self._add = upsert.on_conflict_do_update(
            index_elements=[_L.cart_id, _L.sku],
            set_={
                "quantity": case((summed > cap, cap), else_=summed),
                "price_seen_minor": upsert.excluded.price_seen_minor,
            },
        ).returning(_L.quantity)

    def find(self, token_hash: str | None, account_id: int | None) -> int | None:
        query = _of_owner(token_hash, account_id, _BY_ACCOUNT, _BY_TOKEN)
        if query is None:
            return None
        with self._reads.connect() as connection:
            found = connection.execute(*query).scalar_one_or_none()
        return None if found is None else int(found)

    def create(self, token_hash: str | None, account_id: int | None) -> int:
        values: dict[str, object] = {"updated_at": utc_now()}
        values |= {"account_id": account_id} if account_id else {"token_hash": token_hash}
        try:
            with self._engine.begin() as connection:
                # As every write hanging something on an account (sql_account_hold.py).
                if account_id and not account_open(connection, account_id):
                    raise CartGone(account_id)
                statement = insert(CART).values(values).returning(_C.id)
                return int(connection.execute(statement).scalar_one())
        except IntegrityError:  # another tab created it just now: use that one
            found = self.find(token_hash, account_id)
            if found is None:
                raise
            return found

    def read(self, token_hash: str | None, account_id: int | None) -> StoredCart:
        query = _of_owner(token_hash, account_id, _CONTENTS_BY_ACCOUNT, _CONTENTS_BY_TOKEN)
        if query is None:
            return StoredCart(None, [], {})
        with self._reads.connect() as connection:
            rows = connection.execute(*query).all()
        if not rows:
            return StoredCart(None, [], {})
        lines = [StoredLine(r[2], r[3], r[4], r[5]) for r in rows if r[2] is not None]
        items = {r[6]: _sellable(r[6:]) for r in rows if r[6] is not None}
        return StoredCart(int(rows[0][0]), lines, items, rows[0][1] or "")

    def put_line(self, cart_id: int, line: StoredLine) -> None:
        now = utc_now()
        values = _line_values(cart_id, line, now)
        with self._still_there(cart_id), self._engine.begin() as connection:
            connection.execute(self._put, values)
            connection.execute(_TOUCH, {"b_cart": cart_id, "b_now": now})

    def add_to_line(self, cart_id: int, line: StoredLine, cap: int) -> int:
        now = utc_now()
        values = _line_values(cart_id, line, now) | {"b_cap": cap}
        with self._still_there(cart_id), self._engine.begin() as connection:
            total = connection.execute(self._add, values).scalar_one()
            connection.execute(_TOUCH, {"b_cart": cart_id, "b_now": now})
        return int(total)

    @contextmanager
    def _still_there(self, cart_id: int) -> Iterator[None]:
        """A line written to a cart deleted since it was read (its account closed from
        another browser) fails on its key: CartGone then. Checked only after a failure,
        so a write that goes through costs nothing more."""
        try:
            yield
        except IntegrityError:
            with self._engine.connect() as connection:
                if connection.execute(select(_C.id).where(_C.id == cart_id)).first() is None:
                    raise CartGone(cart_id) from None
            raise

    def remove_line(self, cart_id: int, sku: str) -> None:
        with self._engine.begin() as connection:
            connection.execute(delete(LINE).where(_L.cart_id == cart_id, _L.sku == sku))

    def cut_line(self, cart_id: int, sku: str, held: int, quantity: int) -> None:
        line = and_(_L.cart_id == cart_id, _L.sku == sku, _L.quantity == held)
        with self._engine.begin() as connection:
            connection.execute(update(LINE).where(line).values(quantity=quantity))

    def attach(self, token_hash: str, account_id: int, max_quantity: int) -> None:
        guest_cart = and_(_C.token_hash == token_hash, _C.account_id.is_(None))
        with self._engine.begin() as connection:
            if not account_open(connection, account_id):
                return  # closed since its sign-in (from another browser): the cart stays
            # Held before it is read: two tabs attaching at once merge it once.
            hold_rows(connection, CART, guest_cart)
            found = connection.execute(select(_C.id, _C.discount_code).where(guest_cart)).first()
            if found is None:
                return
            guest, code = found
            own = connection.execute(
                select(_C.id).where(_C.account_id == account_id)
            ).scalar_one_or_none()
            if own is None:
                connection.execute(
                    update(CART)
                    .where(_C.id == guest)
                    .values(account_id=account_id, token_hash=None, updated_at=utc_now())
                )
                return
            mine = {
                r[0]: (r[1], r[2])
                for r in connection.execute(
                    select(_L.sku, _L.quantity, _L.price_seen_minor).where(_L.cart_id == own)
                )
            }
            for sku, quantity, price in connection.execute(
                select(_L.sku, _L.quantity, _L.price_seen_minor).where(_L.cart_id == guest)
            ).all():
                total = min(mine.get(sku, (0, 0))[0] + quantity, max_quantity)
                statement = upsert_into(self._engine, LINE).values(
                    cart_id=own, sku=sku, quantity=total, price_seen_minor=price, added_at=utc_now()
                )
                # An upsert, so two sign-ins merging the same guest cart cannot collide.
                connection.execute(
                    statement.on_conflict_do_update(
                        index_elements=[_L.cart_id, _L.sku],
                        set_={"quantity": statement.excluded.quantity},
                    )
                )
            # An order placed from the guest cart and not paid yet now belongs to the
            # account's: paying it takes its units out of that cart, and the next Pay
            # settles it first (one cart, one unpaid order).
            unpaid = [status.value for status in UNPAID]
            connection.execute(
                update(ORDER).where(_O.cart_id == guest, _O.status.in_(unpaid)).values(cart_id=own)
            )
            if code:  # the guest's code, unless the account's cart has one
                connection.execute(
                    update(CART)
                    .where(_C.id == own, _C.discount_code.is_(None))
                    .values(discount_code=code)
                )
            connection.execute(delete(CART).where(_C.id == guest))

    def keep_code(self, cart_id: int, code: str) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                update(CART).where(_C.id == cart_id).values(discount_code=code or None)
            )

    def sellable(self, sku: str) -> Sellable | None:
        with self._reads.connect() as connection:
            row = connection.execute(_SELLABLE, {"b_sku": sku}).one_or_none()
        return None if row is None else _sellable(row)


def _line_values(cart_id: int, line: StoredLine, now: datetime) -> dict[str, object]:
    """The parameters of a line's upsert: a new line added `now` unless it names its place."""
    values: dict[str, object] = {"b_cart": cart_id, "b_sku": line.sku}
    values |= {"b_quantity": line.quantity, "b_price": line.price_seen_minor}
    return values | {"b_added": line.added_at or now}


def _sellable(r: Sequence[Any]) -> Sellable:
    """From the columns of _SELLABLE_COLUMNS, in their order."""
    return Sellable(
        sku=r[0],
        product_id=r[1],
        product_slug=r[2],
        title=r[3],
        options=" · ".join(str(v) for v in (r[4] or {}).values()),
        price_minor=r[5],
        currency=r[6],
        stock=r[7],
        image_path=r[8],
        active=r[9] == ProductStatus.ACTIVE.value,
    )
