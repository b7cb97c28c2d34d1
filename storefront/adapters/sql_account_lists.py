"""An account's saved addresses and wishlist in SQL. Each change runs in one transaction that
first takes the account's row, so two tabs cannot both slip past a limit, and none adds to
an account closed meanwhile (AccountGone)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, delete, func, insert, select, update
from sqlmodel import SQLModel

from models.accounts import SavedAddress, WishlistItem
from storefront.adapters.sql_account_hold import hold_account
from storefront.adapters.sql_tables import upsert_into
from storefront.services.accounts import address_book
from storefront.services.orders.ports import Address

ADDRESS = SQLModel.metadata.tables[str(SavedAddress.__tablename__)]
WISH = SQLModel.metadata.tables[str(WishlistItem.__tablename__)]
_FIELDS = ("name", "line1", "line2", "postal_code", "city", "country")


class SqlAddressBook:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def addresses(self, account_id: int) -> list[address_book.SavedAddress]:
        columns = [ADDRESS.c[name] for name in _FIELDS]
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(ADDRESS.c.id, *columns)
                .where(ADDRESS.c.account_id == account_id)
                .order_by(ADDRESS.c.id)
            ).all()
        return [address_book.SavedAddress(row[0], Address(*row[1:])) for row in rows]

    def add(self, account_id: int, address: Address, limit: int, now: datetime) -> int | None:
        return self._keep(account_id, address, limit, now)

    def put_back(
        self, account_id: int, removed: address_book.SavedAddress, limit: int, now: datetime
    ) -> int | None:
        return self._keep(account_id, removed.address, limit, now, removed.id)

    def _keep(
        self, account_id: int, address: Address, limit: int, now: datetime, place: int = 0
    ) -> int | None:
        """The id of the same address of the account, else of a new row (numbered `place`
        while no row is), else None at `limit`."""
        values = {name: getattr(address, name) for name in _FIELDS}
        with self._engine.begin() as connection:
            hold_account(connection, account_id)
            mine = ADDRESS.c.account_id == account_id
            same = connection.execute(
                select(ADDRESS.c.id).where(mine, *(ADDRESS.c[k] == v for k, v in values.items()))
            ).scalar()
            if same is not None:
                return int(same)
            held = connection.execute(select(func.count()).where(mine)).scalar_one()
            if held >= limit:
                return None
            # Ids only grow (PostgreSQL's sequence is past it; SQLite may give the highest
            # again, so it is looked for): a removed address's id is free unless reused.
            free = (
                place > 0
                and not connection.execute(
                    select(ADDRESS.c.id).where(ADDRESS.c.id == place)
                ).first()
            )
            numbered = {"id": place} if free else {}
            return int(
                connection.execute(
                    insert(ADDRESS)
                    .values(account_id=account_id, created_at=now, **numbered, **values)
                    .returning(ADDRESS.c.id)
                ).scalar_one()
            )

    def remove(self, account_id: int, address_id: int) -> Address | None:
        with self._engine.begin() as connection:
            row = connection.execute(
                delete(ADDRESS)
                .where(ADDRESS.c.id == address_id, ADDRESS.c.account_id == account_id)
                .returning(*(ADDRESS.c[name] for name in _FIELDS))
            ).first()
        return None if row is None else Address(*row)

    def replace(
        self, account_id: int, address_id: int, shown: Address, address: Address
    ) -> address_book.Replaced:
        values = {name: getattr(address, name) for name in _FIELDS}
        with self._engine.begin() as connection:
            hold_account(connection, account_id)  # no other change to its addresses meanwhile
            mine = ADDRESS.c.account_id == account_id
            row = connection.execute(
                select(*(ADDRESS.c[name] for name in _FIELDS)).where(
                    mine, ADDRESS.c.id == address_id
                )
            ).first()
            if row is None:
                return address_book.Replaced.GONE
            if Address(*row) != shown:
                return address_book.Replaced.CHANGED
            twin = connection.execute(
                select(ADDRESS.c.id).where(
                    mine,
                    ADDRESS.c.id != address_id,
                    *(ADDRESS.c[k] == v for k, v in values.items()),
                )
            ).first()
            if twin is not None:
                return address_book.Replaced.DUPLICATE
            # Removing does not hold the account: a removal since the read leaves no row here.
            result = connection.execute(
                update(ADDRESS).where(mine, ADDRESS.c.id == address_id).values(**values)
            )
        return address_book.Replaced.DONE if result.rowcount else address_book.Replaced.GONE


class SqlWishlist:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def product_ids(self, account_id: int) -> list[int]:
        with self._engine.connect() as connection:
            return list(
                connection.execute(
                    select(WISH.c.product_id)
                    .where(WISH.c.account_id == account_id)
                    .order_by(WISH.c.added_at.desc(), WISH.c.id.desc())
                ).scalars()
            )

    def add(self, account_id: int, product_id: int, limit: int, now: datetime) -> bool:
        mine = WISH.c.account_id == account_id
        with self._engine.begin() as connection:
            hold_account(connection, account_id)
            others = connection.execute(
                select(func.count()).where(mine, WISH.c.product_id != product_id)
            ).scalar_one()
            if others >= limit:
                return False
            connection.execute(
                upsert_into(connection.engine, WISH)
                .values(account_id=account_id, product_id=product_id, added_at=now)
                .on_conflict_do_nothing(index_elements=["account_id", "product_id"])
            )
        return True

    def remove(self, account_id: int, product_id: int) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                delete(WISH).where(WISH.c.account_id == account_id, WISH.c.product_id == product_id)
            )
