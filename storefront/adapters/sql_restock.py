"""Back-in-stock alerts in SQL (services/restock.py): one row per email and variant, its
claim (`claimed_at`) and when it was done with (`notified_at`): mailed, or refused by the
mail server for good (`refused_at` as well)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, Connection, Engine, and_, delete, exists, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

from models.catalog import ProductStatus
from models.restock import RestockAlert
from storefront.adapters.sql_tables import PRODUCT, VARIANT
from storefront.services.restock_ports import DueAlert, Waiting

ALERT = SQLModel.metadata.tables[str(RestockAlert.__tablename__)]
_A, _P, _V = ALERT.c, PRODUCT.c, VARIANT.c
_ACTIVE = ProductStatus.ACTIVE.value
# An alert waits (is listed, is mailed) once confirmed: a guest's by its link, an account's
# as it is asked (services/restock_links.py).
_CONFIRMED = _A.confirmed_at.is_not(None)


class SqlRestockStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def sold_out_variant(self, variant_id: int) -> int | None:
        query = (
            select(_V.product_id)
            .join(PRODUCT, _P.id == _V.product_id)
            .where(_V.id == variant_id, _V.stock <= 0, _P.status == _ACTIVE)
        )
        with self._engine.connect() as connection:
            found = connection.execute(query).scalar()
        return int(found) if found is not None else None

    def add(
        self,
        product_id: int,
        variant_id: int,
        email: str,
        *,
        account_id: int | None,
        locale: str,
        now: datetime,
        confirm_hash: str | None = None,
        relink_before: datetime | None = None,
    ) -> bool:
        mine = and_(_A.variant_id == variant_id, _A.email == email)
        # Signed in: confirmed as it is asked; a guest: waiting for the link's confirmation.
        confirmation = (
            {"confirmed_at": now, "confirm_hash": None}
            if confirm_hash is None
            else {"confirmed_at": None, "confirm_hash": confirm_hash}
        )
        try:
            with self._engine.begin() as connection:
                # One already sent waits again (the variant sold out once more); so does one
                # the mail server refused (the shopper fixed their mailbox): never skipped.
                # Not an account's at a guest's ask: anyone may type its address, and the
                # account's list and history stay as they are (its owner asks signed in).
                # An unconfirmed account's ask re-arms its own (and guests') alerts only.
                done = and_(mine, _A.notified_at.is_not(None))
                if confirm_hash is not None:
                    nobody = _A.account_id.is_(None)
                    done = and_(done, nobody if account_id is None else (
                        nobody | (_A.account_id == account_id)))  # fmt: skip
                again = connection.execute(
                    update(ALERT)
                    .where(done)
                    .values(
                        notified_at=None,
                        refused_at=None,
                        claimed_at=None,
                        locale=locale,
                        created_at=now,
                        account_id=func.coalesce(account_id, _A.account_id),
                        **confirmation,
                    )
                ).rowcount
                if again or self._unconfirmed_again(
                    connection,
                    mine,
                    account_id=account_id,
                    locale=locale,
                    now=now,
                    confirm_hash=confirm_hash,
                    relink_before=relink_before,
                ):
                    return True
                if connection.execute(select(exists().where(mine))).scalar():
                    # Asked again signed in with a confirmed address: the account's now (an
                    # unconfirmed one takes nobody's alert: it may not be the address's).
                    if account_id is not None and confirm_hash is None:
                        connection.execute(
                            update(ALERT)
                            .where(mine, _A.account_id.is_(None))
                            .values(account_id=account_id)
                        )
                    return False
                connection.execute(
                    ALERT.insert().values(
                        product_id=product_id,
                        variant_id=variant_id,
                        email=email,
                        account_id=account_id,
                        locale=locale,
                        created_at=now,
                        **confirmation,
                    )
                )
                return True
        except IntegrityError:  # the same shopper asking twice at once: the other one won
            return False

    @staticmethod
    def _unconfirmed_again(
        connection: Connection,
        mine: ColumnElement[bool],
        *,
        account_id: int | None,
        locale: str,
        now: datetime,
        confirm_hash: str | None,
        relink_before: datetime | None,
    ) -> bool:
        """An alert not confirmed yet, asked for again: signed in, confirmed now and the
        account's; a guest or an unconfirmed account, given a new link if the last went
        before `relink_before` (and the account's, if one asks)."""
        unconfirmed = and_(mine, _A.confirmed_at.is_(None))
        values: dict[str, object]
        if confirm_hash is None:
            change = update(ALERT).where(unconfirmed)
            values = {"confirmed_at": now, "confirm_hash": None, "account_id": account_id}
        elif relink_before is not None:
            change = update(ALERT).where(unconfirmed, _A.created_at < relink_before)
            if account_id is not None:  # an unconfirmed account: its own or a guest's, never
                # another account's (one that had this address before; review)
                change = change.where(_A.account_id.is_(None) | (_A.account_id == account_id))
            values = {
                "confirm_hash": confirm_hash,
                "created_at": now,
                "account_id": func.coalesce(account_id, _A.account_id),
            }
        else:
            return False
        return bool(connection.execute(change.values(locale=locale, **values)).rowcount)

    def is_waiting(self, variant_id: int, email: str) -> bool:
        query = select(
            exists().where(
                _A.variant_id == variant_id, _A.email == email, _A.notified_at.is_(None), _CONFIRMED
            )
        )
        with self._engine.connect() as connection:
            return bool(connection.execute(query).scalar())

    def waiting_for(self, account_id: int, mailed_since: datetime) -> list[Waiting]:
        query = (
            select(
                _A.id,
                _P.title,
                _P.slug,
                _V.title.label("variant"),
                _A.created_at,
                _A.email,
                _A.notified_at,
                _A.refused_at,
                _V.sku,
                _CONFIRMED.label("confirmed"),
            )
            .join(VARIANT, _V.id == _A.variant_id)
            .join(PRODUCT, _P.id == _A.product_id)
            .where(
                _A.account_id == account_id,
                _A.notified_at.is_(None)
                | _A.refused_at.is_not(None)
                | (_A.notified_at >= mailed_since),
            )
            .order_by(_A.created_at.desc(), _A.id.desc())
        )
        with self._engine.connect() as connection:
            return [
                Waiting(
                    row.id,
                    row.title,
                    row.slug,
                    row.variant,
                    row.created_at,
                    mailed_at=row.notified_at if row.refused_at is None else None,
                    email=row.email,
                    refused_at=row.refused_at,
                    sku=row.sku,
                    confirmed=bool(row.confirmed),
                )
                for row in connection.execute(query)
            ]

    def alerts_of(self, account_id: int) -> list[Waiting]:
        query = (
            select(
                _A.id,
                _P.title,
                _P.slug,
                _V.title.label("variant"),
                _A.created_at,
                _A.notified_at,
                _A.email,
                _A.refused_at,
            )
            .join(VARIANT, _V.id == _A.variant_id, isouter=True)
            .join(PRODUCT, _P.id == _A.product_id, isouter=True)
            .where(_A.account_id == account_id)
            .order_by(_A.created_at.desc(), _A.id.desc())
        )
        with self._engine.connect() as connection:
            return [
                Waiting(
                    row.id,
                    row.title or "",
                    row.slug or "",
                    row.variant or "",
                    row.created_at,
                    # Done but refused is not mailed.
                    row.notified_at if row.refused_at is None else None,
                    row.email,
                    row.refused_at,
                )
                for row in connection.execute(query)
            ]

    def remove(self, alert_id: int, account_id: int) -> bool:
        with self._engine.begin() as connection:
            return bool(
                connection.execute(
                    delete(ALERT).where(_A.id == alert_id, _A.account_id == account_id)
                ).rowcount
            )

    def drop_unfulfillable(self, product_id: int) -> int:
        variant_gone = ~exists().where(_V.id == _A.variant_id, _V.product_id == product_id)
        archived = exists().where(_P.id == product_id, _P.status == ProductStatus.ARCHIVED.value)
        product_gone = ~exists().where(_P.id == product_id)
        doomed = (
            _A.product_id == product_id,
            _A.notified_at.is_(None),
            variant_gone | archived | product_gone,
        )
        # Read first: every stock move of every product comes here, and a DELETE, even of
        # nothing, would take SQLite's write lock each time.
        with self._engine.connect() as connection:
            if not connection.execute(select(exists().where(*doomed))).scalar():
                return 0
        with self._engine.begin() as connection:
            return int(connection.execute(delete(ALERT).where(*doomed)).rowcount)

    def with_waiting(self, product_ids: Sequence[int]) -> list[int]:
        query = (
            select(_A.product_id)
            .where(_A.product_id.in_(list(product_ids)), _A.notified_at.is_(None), _CONFIRMED)
            .distinct()
            .order_by(_A.product_id)
        )
        with self._engine.connect() as connection:
            return [int(pid) for pid in connection.execute(query).scalars()]

    def due(
        self, product_id: int, stale_before: datetime, limit: int, after: int = 0
    ) -> list[DueAlert]:
        free = _A.claimed_at.is_(None) | (_A.claimed_at < stale_before)
        query = (
            select(_A.id, _A.email, _A.locale, _P.title, _P.slug, _V.title.label("variant"), _V.sku)
            .join(VARIANT, _V.id == _A.variant_id)
            .join(PRODUCT, _P.id == _V.product_id)
            .where(
                _A.product_id == product_id,
                _A.id > after,
                _A.notified_at.is_(None),
                _CONFIRMED,
                free,
                _V.stock > 0,
                _P.status == _ACTIVE,
            )
            .order_by(_A.id)
            .limit(limit)
        )
        with self._engine.connect() as connection:
            return [
                DueAlert(row.id, row.email, row.locale, row.title, row.slug, row.variant, row.sku)
                for row in connection.execute(query)
            ]

    def products_due(self, stale_before: datetime, limit: int) -> list[int]:
        free = _A.claimed_at.is_(None) | (_A.claimed_at < stale_before)
        query = (
            select(_A.product_id)
            .join(VARIANT, _V.id == _A.variant_id)
            .join(PRODUCT, _P.id == _V.product_id)
            .where(_A.notified_at.is_(None), _CONFIRMED, free, _V.stock > 0, _P.status == _ACTIVE)
            .distinct()
            .order_by(_A.product_id)
            .limit(limit)
        )
        with self._engine.connect() as connection:
            return [int(pid) for pid in connection.execute(query).scalars()]

    def claim(self, alert_id: int, claimed_at: datetime, stale_before: datetime) -> bool:
        free = _A.claimed_at.is_(None) | (_A.claimed_at < stale_before)
        with self._engine.begin() as connection:
            return bool(
                connection.execute(
                    update(ALERT)
                    .where(_A.id == alert_id, _A.notified_at.is_(None), free)
                    .values(claimed_at=claimed_at)
                ).rowcount
            )

    def sent(self, alert_id: int, claimed_at: datetime) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                update(ALERT)
                .where(_A.id == alert_id, _A.claimed_at == claimed_at)
                .values(notified_at=claimed_at, claimed_at=None)
            )

    def refused(self, alert_id: int, claimed_at: datetime) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                update(ALERT)
                .where(_A.id == alert_id, _A.claimed_at == claimed_at)
                .values(notified_at=claimed_at, refused_at=claimed_at, claimed_at=None)
            )

    def release(self, alert_id: int, claimed_at: datetime) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                update(ALERT)
                .where(_A.id == alert_id, _A.claimed_at == claimed_at)
                .values(claimed_at=None)
            )
