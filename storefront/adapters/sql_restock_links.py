"""The links confirming guests' back-in-stock alerts, in SQL (services/restock_links.py): an
alert row's `confirm_hash` (the SHA-256 of its link's token) and `confirmed_at`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, Engine, and_, delete, select, update

from models.catalog import ProductStatus
from storefront.adapters.sql_restock import ALERT
from storefront.adapters.sql_tables import PRODUCT, VARIANT
from storefront.services.restock_links import LinkedAlert

_A, _P, _V = ALERT.c, PRODUCT.c, VARIANT.c


class SqlRestockLinks:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def linked(self, confirm_hash: str, asked_since: datetime) -> LinkedAlert | None:
        query = (
            select(
                _A.email,
                _P.title,
                _P.slug,
                _V.title.label("variant"),
                _V.sku,
                _A.confirmed_at.is_not(None).label("confirmed"),
                and_(_V.stock > 0, _P.status == ProductStatus.ACTIVE.value).label("in_stock"),
            )
            .join(VARIANT, _V.id == _A.variant_id)
            .join(PRODUCT, _P.id == _A.product_id)
            .where(
                _A.confirm_hash == confirm_hash,
                _A.notified_at.is_(None),
                _A.confirmed_at.is_not(None) | (_A.created_at >= asked_since),
            )
        )
        with self._engine.connect() as connection:
            row = connection.execute(query).first()
        if row is None:
            return None
        return LinkedAlert(
            row.email,
            row.title,
            row.slug,
            row.variant,
            row.sku,
            confirmed=bool(row.confirmed),
            in_stock=bool(row.in_stock),
        )

    def confirm(self, confirm_hash: str, now: datetime, asked_since: datetime) -> bool:
        with self._engine.begin() as connection:
            return bool(
                connection.execute(
                    update(ALERT)
                    .where(
                        _A.confirm_hash == confirm_hash,
                        _A.confirmed_at.is_(None),
                        _A.notified_at.is_(None),
                        _A.created_at >= asked_since,
                    )
                    .values(confirmed_at=now)
                ).rowcount
            )

    def drop(self, confirm_hash: str) -> bool:
        with self._engine.begin() as connection:
            return bool(
                connection.execute(
                    delete(ALERT).where(_A.confirm_hash == confirm_hash, _A.notified_at.is_(None))
                ).rowcount
            )

    def drop_unconfirmed(self, asked_before: datetime) -> int:
        return self._drop(_A.confirmed_at.is_(None), _A.created_at < asked_before)

    def drop_guests_done(self, done_before: datetime) -> int:
        return self._drop(_A.account_id.is_(None), _A.notified_at < done_before)

    def _drop(self, *doomed: ColumnElement[bool]) -> int:
        # Read first, as drop_unfulfillable: the pruning runs every hour in every worker,
        # and a DELETE, even of nothing, would take SQLite's write lock each time.
        with self._engine.connect() as connection:
            if connection.execute(select(ALERT.c.id).where(*doomed).limit(1)).first() is None:
                return 0
        with self._engine.begin() as connection:
            return int(connection.execute(delete(ALERT).where(*doomed)).rowcount)
