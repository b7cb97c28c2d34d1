"""The mails telling a shopper what became of their refunds: that money went back to them,
once per rise of the order's refunded total, whichever process takes the OrderRefunded
event and in whatever order events come (a late one finds nothing more to tell); and that a
refund never reached them after all, on RefundFailed, once per such refund. The refund of
the shopper's own cancel is told as the cancel: one mail saying the order is canceled and
what went back (the cancel sends none of its own for a paid order). The refund mail names
how the money went back (a bank transfer..., or the card and its delay) from the refunds it
tells: those that went through and were not told yet, read with its claim and marked told
with it (so a redelivered event or a second process neither tells one twice nor skips one).

Each mail is claimed before it is sent and marked sent after, as the order confirmation: a
mail server refusing gives the claim back (the event is retried), and the claim of a sender
that died is taken over after CLAIM_MINUTES by `catch_up`, which the reconciliation runs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from models.types import utc_now
from storefront.services.accounts.ports import Mailer
from storefront.services.orders.mail import (
    cancel_mail,
    is_cancel_refund,
    refund_failed_mail,
    refund_mail,
)
from storefront.services.orders.mail_catch_up import CATCH_UP_WITHIN, send_untold, stale_before
from storefront.services.orders.offline_refunds import made_offline
from storefront.services.orders.ports import OrderRecord, OrderStore
from storefront.services.orders.refunds import RefundRow
from storefront.services.orders.viewing import order_url


@dataclass(frozen=True, slots=True)
class WentBack:
    """One of the order's refunds that went through and no refund mail told of yet."""

    refund_id: int
    method: str  # "" for the provider's (offline_refunds.OFFLINE_METHODS)
    amount_minor: int
    succeeded_at: datetime | None  # None: through the provider before migration 0058


@dataclass(frozen=True, slots=True)
class RefundMailClaim:
    """What the holder of an order's refund mail tells: the refunded total, of which
    `told_minor` was mailed before, and the refunds that went through since, in the order they
    went through, read with them."""

    told_minor: int
    refunded_minor: int
    refunds: tuple[WentBack, ...] = ()


def told_outside(claim: RefundMailClaim) -> list[tuple[str, int]] | None:
    """The parts of what the claim's mail tells paid outside the payment provider, (method,
    amount) in the order they went through ([]: all of it through the provider); None when its
    refunds cannot say: one went through before migration 0058 (when is not known), or they do
    not make up what the mail tells (a mail sent by a release before 0058 left them untold)."""
    refunds = claim.refunds
    if any(r.succeeded_at is None for r in refunds):
        return None
    if sum(r.amount_minor for r in refunds) != claim.refunded_minor - claim.told_minor:
        return None
    return [(r.method, r.amount_minor) for r in refunds if made_offline(r.method)]


class RefundMailStore(Protocol):
    """The claims on an order's refund mail and on its reversed refunds' failure mails. A
    claim is its `claimed_at`: only its holder ends or gives it back; one older than
    `stale_before` is free (its sender died)."""

    def claim_refund_mail(
        self, order_id: int, claimed_at: datetime, stale_before: datetime
    ) -> RefundMailClaim | None:
        """For one caller only, while the order's refunded total is above what its shopper
        was mailed and nobody else holds the claim: take it, and return what it tells (the
        total mailed, the refunded total, and its refunds gone through and not told, read
        in the claim's transaction)."""
        ...

    def refund_mail_sent(self, order_id: int, claim: RefundMailClaim, claimed_at: datetime) -> bool:
        """The shopper now knows of the claim's refunded total and refunds (each marked
        told), and the claim ends; only while the claim of `claimed_at` stands (False: taken
        over, or voided by a reversal, and nothing is marked)."""
        ...

    def release_refund_mail(self, order_id: int, claimed_at: datetime) -> None:
        """Give the claim back when the mail could not be sent, so it is tried again."""
        ...

    def untold_refunds(self, since: datetime, stale_before: datetime, limit: int) -> list[int]:
        """Orders refunded since `since` above what their shopper was mailed, whose claim is
        free: mails that failed or whose sender died."""
        ...

    def claim_failure_mails(
        self, order_id: int, claimed_at: datetime, stale_before: datetime
    ) -> list[RefundRow]:
        """The order's reversed refunds whose shopper was not told yet and whose claim is
        free, claimed for one caller only, who mails them (oldest first)."""
        ...

    def failure_mail_sent(self, refund_id: int) -> None:
        """Its shopper was told: never mailed again."""
        ...

    def release_failure_mails(self, refund_ids: Sequence[int], claimed_at: datetime) -> None:
        """Give back the claims of mails that could not be sent, so they are tried again."""
        ...

    def untold_failures(self, since: datetime, stale_before: datetime, limit: int) -> list[int]:
        """Orders with a refund reversed since `since` whose shopper was not told and whose
        claim is free."""
        ...


class RefundMail:
    def __init__(
        self, orders: OrderStore, claims: RefundMailStore, mailer: Mailer, public_url: str
    ) -> None:
        self._orders = orders
        self._claims = claims
        self._mailer = mailer
        self._public_url = public_url

    def send(self, order_id: int, now: datetime | None = None) -> bool:
        """Mail what went back since the last refund mail (False: nothing new to tell, or
        someone else is telling it). A mail server refusing gives the claim back and
        raises, so the event is retried."""
        now = now or utc_now()
        claim = self._claims.claim_refund_mail(order_id, now, stale_before(now))
        if claim is None:
            return False
        told, refunded = claim.told_minor, claim.refunded_minor
        order = self._orders.get(order_id)
        assert order is not None  # it was just claimed
        # Money paid outside the provider (a bank transfer...) is told as such; never a
        # cancel's own refund (none is recorded while a cancel claims the order), even once
        # the order it closed is paid back so after its refund failed.
        # When its refunds cannot say how it went back (None), it names no method: neither a
        # transfer nor the card's delay.
        outside = told_outside(claim)
        if is_cancel_refund(order, told, refunded) and outside == []:  # the cancel's one mail
            subject, body = cancel_mail(order, refunded, self._url(order), told_minor=told)
        else:
            subject, body = refund_mail(
                order, refunded - told, refunded, self._url(order), outside=outside
            )
        try:
            self._mailer.send(order.email, subject, body)
        except Exception:
            self._claims.release_refund_mail(order_id, now)
            raise
        # False when a reversal voided the claim meanwhile: what stands now is told anew.
        self._claims.refund_mail_sent(order_id, claim, now)
        return True

    def send_failures(self, order_id: int, now: datetime | None = None) -> int:
        """Mail each reversed refund of the order its shopper was not told of yet (the
        event's, and any whose mail failed before); how many were sent. A mail server
        refusing gives back the claims of those not sent and raises, to be retried."""
        now = now or utc_now()
        claimed = self._claims.claim_failure_mails(order_id, now, stale_before(now))
        order = self._orders.get(order_id)
        if not claimed or order is None:
            return 0
        for sent, refund in enumerate(claimed):
            subject, body = refund_failed_mail(order, refund.amount_minor, self._url(order))
            try:
                self._mailer.send(order.email, subject, body)
            except Exception:
                self._claims.release_failure_mails([r.id for r in claimed[sent:]], now)
                raise
            self._claims.failure_mail_sent(refund.id)
        return len(claimed)

    def catch_up(self, now: datetime) -> tuple[int, int]:
        """Send the refund mails of the last day that never went out (the mail server was
        down for longer than the event's retries, or their sender died), for at most
        CATCH_UP_SECONDS: (sent, failed)."""
        since, stale = now - CATCH_UP_WITHIN, stale_before(now)
        batches = (
            (self.send, self._claims.untold_refunds(since, stale, limit=100)),
            (self.send_failures, self._claims.untold_failures(since, stale, limit=100)),
        )
        return send_untold(batches, now, "refund")

    def _url(self, order: OrderRecord) -> str:
        return order_url(self._public_url, order)
