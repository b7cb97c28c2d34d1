"""The mail telling a shopper their cancel was given up (services/orders/release_mail.py) on an
in-memory claim store: sent once in the order's language, however often its event comes; a
mail server refusing gives the claim back and raises (the event is retried); the catch-up
sends what is still untold within a day, a dead sender's claim once it is stale."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

import pytest

from storefront.services.orders.mail import CLAIM_MINUTES
from storefront.services.orders.release_mail import CancelReleaseMail
from tests.unit.services.test_cancel_mail import Orders
from tests.unit.services.test_order_mail import ORDER

NOW = datetime(2026, 12, 4, 13, 0, tzinfo=UTC)
RELEASED = replace(ORDER, cancel_released_at=NOW)


@dataclass
class Claims:
    """One order's release and its mail, as sql_release_mail.py keeps them."""

    released_at: datetime | None = NOW
    claimed_at: datetime | None = None
    mailed_at: datetime | None = None
    log: list[str] = field(default_factory=list)

    def _free(self, stale_before: datetime) -> bool:
        return self.claimed_at is None or self.claimed_at < stale_before

    def claim_release_mail(
        self, order_id: int, claimed_at: datetime, stale_before: datetime
    ) -> bool:
        if self.released_at is None or self.mailed_at is not None or not self._free(stale_before):
            return False
        self.claimed_at = claimed_at
        self.log.append("claimed")
        return True

    def release_mail_sent(self, order_id: int, claimed_at: datetime) -> None:
        if self.claimed_at == claimed_at:
            self.mailed_at, self.claimed_at = claimed_at, None
            self.log.append("sent")

    def give_back_release_mail(self, order_id: int, claimed_at: datetime) -> None:
        if self.claimed_at == claimed_at:
            self.claimed_at = None
            self.log.append("given back")

    def untold_releases(self, since: datetime, stale_before: datetime, limit: int) -> list[int]:
        recent = self.released_at is not None and self.released_at >= since
        return [ORDER.id] if recent and self.mailed_at is None and self._free(stale_before) else []


@dataclass
class Mails:
    down: bool = False
    sent: list[tuple[str, str, str]] = field(default_factory=list)

    def send(self, recipient: str, subject: str, body: str) -> None:
        if self.down:
            raise OSError("mail server down")
        self.sent.append((recipient, subject, body))


def service(order=RELEASED, claims: Claims | None = None, mails: Mails | None = None):  # type: ignore[no-untyped-def]
    claims, mails = claims or Claims(), mails or Mails()
    mail = CancelReleaseMail(Orders(order), claims, mails, "https://shop.example/")  # type: ignore[arg-type]
    return mail, claims, mails


def test_the_shopper_is_mailed_once_that_the_cancel_was_given_up() -> None:
    mail, claims, mails = service()
    assert mail.send(ORDER.id, NOW) is True
    for _ in range(3):  # the event again, the reconciliation's catch-up
        assert mail.send(ORDER.id, NOW + timedelta(minutes=1)) is False
    assert mail.catch_up(NOW + timedelta(hours=1)) == (0, 0)
    ((to, subject, body),) = mails.sent
    assert to == ORDER.email
    assert subject == f"Your order {ORDER.reference} could not be canceled"
    assert body == (
        "Hello Gita Gast,\n\n"
        f"Your request to cancel order {ORDER.reference} could not be completed: nothing was "
        "refunded, and your order stands.\n"
        "We will contact you about it; you may also reply to this mail.\n\n"
        "Your order:\n"
        f"https://shop.example/order/{ORDER.reference}?key=k3y"
    )
    assert (claims.mailed_at, claims.log) == (NOW, ["claimed", "sent"])


def test_the_mail_is_in_the_orders_language() -> None:
    mail, _, mails = service(replace(RELEASED, locale="fr"))
    assert mail.send(ORDER.id, NOW)
    ((_, subject, body),) = mails.sent
    assert subject == f"Votre commande {ORDER.reference} n’a pas pu être annulée"
    assert body.startswith("Bonjour Gita Gast,\n\nVotre demande d’annulation de la commande")
    assert "rien n’a été remboursé, et votre commande est maintenue." in body
    next_step = "Nous vous contacterons à ce sujet\u202f; vous pouvez aussi répondre à ce message."
    assert next_step in body


def test_an_order_whose_cancel_was_not_released_is_not_mailed() -> None:
    mail, claims, mails = service(ORDER, Claims(released_at=None))
    assert mail.send(ORDER.id, NOW) is False
    assert mail.catch_up(NOW) == (0, 0)
    assert (mails.sent, claims.log) == ([], [])


def test_a_mail_server_down_gives_the_claim_back_and_raises_then_the_retry_sends_once() -> None:
    mails = Mails(down=True)
    mail, claims, _ = service(mails=mails)
    with pytest.raises(OSError, match="mail server down"):
        mail.send(ORDER.id, NOW)  # raised: the bus retries the event
    assert (claims.claimed_at, claims.mailed_at) == (None, None)
    assert mail.catch_up(NOW + timedelta(minutes=1)) == (0, 1)  # still down: counted failed
    mails.down = False
    assert mail.send(ORDER.id, NOW + timedelta(minutes=2)) is True
    assert mail.catch_up(NOW + timedelta(minutes=3)) == (0, 0)
    assert len(mails.sent) == 1


def test_a_dead_senders_claim_is_taken_over_by_the_catch_up_once_stale() -> None:
    claims = Claims(claimed_at=NOW)  # its sender died before mailing
    mail, _, mails = service(claims=claims)
    assert mail.send(ORDER.id, NOW + timedelta(minutes=1)) is False  # held: maybe mailing
    assert mail.catch_up(NOW + timedelta(minutes=1)) == (0, 0)
    assert mail.catch_up(NOW + timedelta(minutes=CLAIM_MINUTES + 1)) == (1, 0)
    assert mail.catch_up(NOW + timedelta(minutes=CLAIM_MINUTES + 2)) == (0, 0)
    assert len(mails.sent) == 1


def test_the_catch_up_leaves_releases_older_than_a_day() -> None:
    mail, _, mails = service(mails=Mails())
    assert mail.catch_up(NOW + timedelta(days=1, minutes=1)) == (0, 0)
    assert mails.sent == []
