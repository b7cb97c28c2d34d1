"""Carts in SQL."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

from models.carts import Cart, CartLine
from models.catalog import ProductStatus
from models.types import utc_now
from storefront.adapters.sql_catalog import PRODUCT, VARIANT, upsert_into
from storefront.services.cart.ports import Sellable, StoredLine

CART = SQLModel.metadata.tables[str(Cart.__tablename__)]
LINE = SQLModel.metadata.tables[str(CartLine.__tablename__)]
_C, _L, _P, _V = CART.c, LINE.c, PRODUCT.c, VARIANT.c


class SqlCartStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def find(self, token_hash: str | None, account_id: int | None) -> int | None:
        if account_id:
            condition = _C.account_id == account_id
        elif token_hash:
            condition = (_C.token_hash == token_hash) & _C.account_id.is_(None)
        else:
            return None
        with self._engine.connect() as connection:
            found = connection.execute(select(_C.id).where(condition)).scalar_one_or_none()
        return None if found is None else int(found)

    def create(self, token_hash: str | None, account_id: int | None) -> int:
        values: dict[str, object] = {"updated_at": utc_now()}
        values |= {"account_id": account_id} if account_id else {"token_hash": token_hash}
        try:
            with self._engine.begin() as connection:
                statement = insert(CART).values(values).returning(_C.id)
                return int(connection.execute(statement).scalar_one())
        except IntegrityError:  # another tab created it just now: use that one
            found = self.find(token_hash, account_id)
            if found is None:
                raise
            return found

    def lines(self, cart_id: int) -> list[StoredLine]:
        statement = (
            select(_L.sku, _L.quantity, _L.price_seen_minor)
            .where(_L.cart_id == cart_id)
            .order_by(_L.added_at, _L.id)
        )
        with self._engine.connect() as connection:
            return [StoredLine(r[0], r[1], r[2]) for r in connection.execute(statement)]

    def put_line(self, cart_id: int, line: StoredLine) -> None:
        statement = upsert_into(self._engine, LINE).values(
            cart_id=cart_id,
            sku=line.sku,
            quantity=line.quantity,
            price_seen_minor=line.price_seen_minor,
            added_at=utc_now(),
        )
        statement = statement.on_conflict_do_update(
            index_elements=[_L.cart_id, _L.sku],
            set_={
                "quantity": statement.excluded.quantity,
                "price_seen_minor": statement.excluded.price_seen_minor,
            },
        )
        with self._engine.begin() as connection:
            connection.execute(statement)
            connection.execute(update(CART).where(_C.id == cart_id).values(updated_at=utc_now()))

    def remove_line(self, cart_id: int, sku: str) -> None:
        with self._engine.begin() as connection:
            connection.execute(delete(LINE).where(_L.cart_id == cart_id, _L.sku == sku))

    def attach(self, token_hash: str, account_id: int, max_quantity: int) -> None:
        with self._engine.begin() as connection:
            guest = connection.execute(
                select(_C.id).where(_C.token_hash == token_hash, _C.account_id.is_(None))
            ).scalar_one_or_none()
            if guest is None:
                return
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
            connection.execute(delete(CART).where(_C.id == guest))

    def sellables(self, skus: Collection[str]) -> dict[str, Sellable]:
        if not skus:
            return {}
        statement = (
            select(
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
            .select_from(VARIANT.join(PRODUCT, _P.id == _V.product_id))
            .where(_V.sku.in_(list(skus)))
        )
        with self._engine.connect() as connection:
            rows = connection.execute(statement).all()
        return {
            r[0]: Sellable(
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
            for r in rows
        }
