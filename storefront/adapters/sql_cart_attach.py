"""A guest cart joining the account's cart at sign-in, in SQL."""

from __future__ import annotations

from sqlalchemy import Engine, and_, delete, select, update
from sqlmodel import SQLModel

from models.carts import Cart, CartLine
from models.orders import SalesOrder
from models.types import utc_now
from storefront.adapters.sql_account_hold import account_open
from storefront.adapters.sql_locks import hold_rows
from storefront.adapters.sql_tables import upsert_into
from storefront.services.orders.status import UNPAID

CART = SQLModel.metadata.tables[str(Cart.__tablename__)]
LINE = SQLModel.metadata.tables[str(CartLine.__tablename__)]
ORDER = SQLModel.metadata.tables[str(SalesOrder.__tablename__)]
_C, _L, _O = CART.c, LINE.c, ORDER.c


def attach_guest_cart(engine: Engine, token_hash: str, account_id: int, max_quantity: int) -> None:
    """CartStore.attach: the guest cart of this token given to the account, or merged into
    its own cart (each line keeps what names it once its variant is gone)."""
    guest_cart = and_(_C.token_hash == token_hash, _C.account_id.is_(None))
    with engine.begin() as connection:
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
        guest_lines = select(_L.sku, _L.quantity, _L.price_seen_minor, _L.product_id, _L.options)
        for sku, quantity, price, *named in connection.execute(
            guest_lines.where(_L.cart_id == guest)
        ).all():
            total = min(mine.get(sku, (0, 0))[0] + quantity, max_quantity)
            statement = upsert_into(engine, LINE).values(
                cart_id=own,
                sku=sku,
                quantity=total,
                price_seen_minor=price,
                added_at=utc_now(),
                **dict(zip(("product_id", "options"), named, strict=True)),
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
