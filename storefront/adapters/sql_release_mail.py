"""Who is mailing a shopper that their cancel was given up, in SQL: the order's claim on that
mail (`cancel_release_mail_claimed_at`) and when it was sent (`cancel_release_mailed_at`).
A claim is its time: only its holder ends or gives it back."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, Engine, select, update

from storefront.adapters.sql_order_store import ORDER

_O = ORDER.c


def _free(stale_before: datetime) -> ColumnElement[bool]:
    claim = _O.cancel_release_mail_claimed_at
    return claim.is_(None) | (claim < stale_before)


class SqlReleaseMailStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def claim_release_mail(
        self, order_id: int, claimed_at: datetime, stale_before: datetime
    ) -> bool:
        with self._engine.begin() as connection:
            return bool(
                connection.execute(
                    update(ORDER)
                    .where(
                        _O.id == order_id,
                        _O.cancel_released_at.is_not(None),
                        _O.cancel_by_shop.is_(False),  # the shop's own: the shopper never asked
                        _O.cancel_release_mailed_at.is_(None),
                        _free(stale_before),
                    )
                    .values(cancel_release_mail_claimed_at=claimed_at)
                ).rowcount
            )

    def release_mail_sent(self, order_id: int, claimed_at: datetime) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                update(ORDER)
                .where(_O.id == order_id, _O.cancel_release_mail_claimed_at == claimed_at)
                .values(cancel_release_mailed_at=claimed_at, cancel_release_mail_claimed_at=None)
            )

    def give_back_release_mail(self, order_id: int, claimed_at: datetime) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                update(ORDER)
                .where(_O.id == order_id, _O.cancel_release_mail_claimed_at == claimed_at)
                .values(cancel_release_mail_claimed_at=None)
            )

    def untold_releases(self, since: datetime, stale_before: datetime, limit: int) -> list[int]:
        with self._engine.connect() as connection:
            return [
                int(order_id)
                for order_id in connection.execute(
                    select(_O.id)
                    .where(
                        _O.cancel_released_at >= since,
                        _O.cancel_by_shop.is_(False),
                        _O.cancel_release_mailed_at.is_(None),
                        _free(stale_before),
                    )
                    .order_by(_O.cancel_released_at, _O.id)
                    .limit(limit)
                ).scalars()
            ]
