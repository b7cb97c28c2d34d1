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
from storefront.adapters.sql_cart_attach import attach_guest_cart
from storefront.adapters.sql_tables import PRODUCT, VARIANT, upsert_into
from storefront.services.cart.ports import CartGone, Former, Sellable, StoredCart, StoredLine
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


# A line's product once its variant is gone (the merchant removed it): still named by it.
FORMER = PRODUCT.alias("former")
_F = FORMER.c
_FORMER_COLUMNS = (_F.slug, _F.title, _L.options, _F.image_path)  # Former's fields
_SELLABLE_AT = 8  # where a row of _contents has its sellable, then its former product


def _contents(owner: ColumnElement[bool]) -> Select[Any]:
    """The owner's cart and each of its lines with its sellable, in one statement: a cart
    without lines is one row of NULLs after its id; a SKU the catalog lost has NULL columns,
    but its former product's (FORMER) when the line names one. A line's stock counts what
    the cart's own unpaid orders hold of it (_HELD_FOR_CART)."""
    return (
        select(
            _C.id,
            _C.discount_code,
            _L.sku,
            _L.quantity,
            _L.price_seen_minor,
            _L.added_at,
            _L.product_id,
            _L.options,
            *_CART_SELLABLE_COLUMNS,
            *_FORMER_COLUMNS,
        )
        .select_from(
            CART.outerjoin(LINE, _L.cart_id == _C.id)
            .outerjoin(VARIANT, _V.sku == _L.sku)
            .outerjoin(PRODUCT, _P.id == _V.product_id)
            .outerjoin(FORMER, and_(_V.id.is_(None), _F.id == _L.product_id))
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
            product_id=bindparam("b_product"),
            options=bindparam("b_options"),
        )
        # What names the line once its variant is gone: as the variant was when last written.
        named = {"product_id": upsert.excluded.product_id, "options": upsert.excluded.options}
        self._put = upsert.on_conflict_do_update(
            index_elements=[_L.cart_id, _L.sku],
            set_={
                "quantity": upsert.excluded.quantity,
                "price_seen_minor": upsert.excluded.price_seen_minor,
                **named,
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
                **named,
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
        lines = [StoredLine(*r[2:_SELLABLE_AT]) for r in rows if r[2] is not None]
        at, gone_at = _SELLABLE_AT, _SELLABLE_AT + len(_SELLABLE_COLUMNS)
        items = {r[at]: _sellable(r[at:]) for r in rows if r[at] is not None}
        former = {r[2]: Former(*r[gone_at:]) for r in rows if r[gone_at + 1] is not None}
        return StoredCart(int(rows[0][0]), lines, items, rows[0][1] or "", former)

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
        attach_guest_cart(self._engine, token_hash, account_id, max_quantity)

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
    values |= {"b_product": line.product_id, "b_options": line.options[:300]}
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
