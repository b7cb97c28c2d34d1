"""Who mails an order's confirmation: one claim at a time on the order's row, given back
when the mail could not be sent, taken over when its holder died (services/orders/ports.py,
OrderStore's claim_confirmation, confirmation_sent and release_confirmation)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, update
from sqlmodel import SQLModel

from models.orders import SalesOrder
from models.types import utc_now

ORDER = SQLModel.metadata.tables[str(SalesOrder.__tablename__)]
_O = ORDER.c


class ConfirmationClaims:
    """SqlOrderStore's part that claims and marks confirmation mails."""

    _engine: Engine

    def claim_confirmation(self, order_id: int, stale_before: datetime) -> bool:
        unsent = _O.confirmation_sent_at.is_(None)
        free = _O.confirmation_claimed_at.is_(None) | (_O.confirmation_claimed_at < stale_before)
        with self._engine.begin() as connection:
            return bool(
                connection.execute(
                    update(ORDER)
                    .where(_O.id == order_id, unsent, free)
                    .values(confirmation_claimed_at=utc_now())
                ).rowcount
            )

    def confirmation_sent(self, order_id: int) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                update(ORDER).where(_O.id == order_id).values(confirmation_sent_at=utc_now())
            )

    def release_confirmation(self, order_id: int) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                update(ORDER)
                .where(_O.id == order_id, _O.confirmation_sent_at.is_(None))
                .values(confirmation_claimed_at=None)
            )
