"""The mail telling a shopper that their cancel of a paid order was given up (its refund
refused for good, or the merchant released its claim): nothing was refunded, the order
stands, the shop will contact them. Sent once, whichever process takes the CancelReleased
event (written to the outbox in the release's own transaction) and however often it comes.

As the other order mails: claimed before it is sent and marked sent after; a mail server
refusing gives the claim back (the event is retried), and what is still untold (the retries
ran out, or the sender died: its claim is taken over after CLAIM_MINUTES) is sent by
`catch_up`, which the reconciliation runs, within a day of the release."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from models.types import utc_now
from storefront.services.accounts.ports import Mailer
from storefront.services.orders.mail import cancel_released_mail
from storefront.services.orders.mail_catch_up import CATCH_UP_WITHIN, send_untold, stale_before
from storefront.services.orders.ports import OrderStore
from storefront.services.orders.viewing import order_url


class ReleaseMailStore(Protocol):
    """The claim on an order's release mail: its time; only its holder ends or gives it back,
    one older than `stale_before` is free (its sender died)."""

    def claim_release_mail(
        self, order_id: int, claimed_at: datetime, stale_before: datetime
    ) -> bool:
        """For one caller only: the order's cancel was released, its mail not sent, and
        nobody else holds the claim."""
        ...

    def release_mail_sent(self, order_id: int, claimed_at: datetime) -> None:
        """Sent: never again (only while the claim of `claimed_at` stands)."""
        ...

    def give_back_release_mail(self, order_id: int, claimed_at: datetime) -> None:
        """The mail could not be sent: free to try again."""
        ...

    def untold_releases(self, since: datetime, stale_before: datetime, limit: int) -> list[int]:
        """Orders whose cancel was released since `since`, not mailed, claim free."""
        ...


class CancelReleaseMail:
    def __init__(
        self, orders: OrderStore, claims: ReleaseMailStore, mailer: Mailer, public_url: str
    ) -> None:
        self._orders = orders
        self._claims = claims
        self._mailer = mailer
        self._public_url = public_url

    def send(self, order_id: int, now: datetime | None = None) -> bool:
        """Mail the shopper that their cancel was given up (False: told already, not
        released, or someone else is telling it). A mail server refusing gives the claim
        back and raises, so the event is retried."""
        now = now or utc_now()
        if not self._claims.claim_release_mail(order_id, now, stale_before(now)):
            return False
        order = self._orders.get(order_id)
        assert order is not None  # it was just claimed
        subject, body = cancel_released_mail(order, order_url(self._public_url, order))
        try:
            self._mailer.send(order.email, subject, body)
        except Exception:
            self._claims.give_back_release_mail(order_id, now)
            raise
        self._claims.release_mail_sent(order_id, now)
        return True

    def catch_up(self, now: datetime) -> tuple[int, int]:
        """Send the release mails of the last day that never went out, for at most
        CATCH_UP_SECONDS: (sent, failed)."""
        untold = self._claims.untold_releases(now - CATCH_UP_WITHIN, stale_before(now), 100)
        return send_untold([(self.send, untold)], now, "cancel release")
