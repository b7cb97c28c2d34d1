"""The refund mail tells the refunds that went through since the last one, each by how it
went back (a bank transfer, a cheque..., or the card with its delay), from what each refund
records: when it went through and whether a mail told it. A refund whose time is not known
(through the provider before migration 0058), or refunds that do not make up what the mail
tells, name no method."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import pytest

from models.orders import OrderStatus as S
from storefront.services.orders.refund_mail import (
    RefundMail,
    RefundMailClaim,
    WentBack,
    told_outside,
)
from tests.unit.services.test_order_mail import ORDER

T0 = datetime(2026, 12, 4, 13, 0, tzinfo=UTC)
DELAY = "The refund goes back to the card you paid with"


@dataclass
class Refund:
    method: str
    amount_minor: int
    succeeded_at: datetime | None
    told: bool = False


class Claims:
    """An order's refunds and the claim on its refund mail, in memory, as the SQL store
    holds them: the claim reads the untold refunds with the totals; sent marks them."""

    def __init__(self) -> None:
        self.refunds: list[Refund] = []
        self.mailed = 0
        self.claimed_at: datetime | None = None

    def went_through(self, method: str, amount: int, minute: int | None) -> None:
        at = None if minute is None else T0 + timedelta(minutes=minute)
        self.refunds.append(Refund(method, amount, at))

    def refunded(self) -> int:
        return sum(r.amount_minor for r in self.refunds)

    def claim_refund_mail(
        self, order_id: int, claimed_at: datetime, stale_before: datetime
    ) -> RefundMailClaim | None:
        held = self.claimed_at is not None and self.claimed_at >= stale_before
        if self.mailed >= self.refunded() or held:
            return None
        self.claimed_at = claimed_at
        untold = [(n, r) for n, r in enumerate(self.refunds) if not r.told]
        untold.sort(key=lambda nr: (nr[1].succeeded_at or T0, nr[0]))
        return RefundMailClaim(
            self.mailed,
            self.refunded(),
            tuple(WentBack(n, r.method, r.amount_minor, r.succeeded_at) for n, r in untold),
        )

    def refund_mail_sent(self, order_id: int, claim: RefundMailClaim, claimed_at: datetime) -> bool:
        if self.claimed_at != claimed_at:
            return False
        self.mailed, self.claimed_at = claim.refunded_minor, None
        for refund in claim.refunds:
            self.refunds[refund.refund_id].told = True
        return True

    def release_refund_mail(self, order_id: int, claimed_at: datetime) -> None:
        if self.claimed_at == claimed_at:
            self.claimed_at = None


class Orders:
    def get(self, order_id: int):  # type: ignore[no-untyped-def]
        return replace(ORDER, status=S.PARTIALLY_REFUNDED, refunded_minor=0)


class Mails:
    def __init__(self) -> None:
        self.bodies: list[str] = []
        self.down = False

    def send(self, recipient: str, subject: str, body: str) -> None:
        if self.down:
            raise ConnectionRefusedError("mail server down")
        self.bodies.append(body)


def shop() -> tuple[Claims, Mails, RefundMail]:
    claims, mails = Claims(), Mails()
    mail = RefundMail(Orders(), claims, mails, "https://shop.example/")  # type: ignore[arg-type]
    return claims, mails, mail


def test_a_card_refund_going_through_after_a_transfer_is_told_as_the_card() -> None:
    """Asked before the transfer of its amount, gone through after the transfer was told."""
    claims, mails, mail = shop()
    claims.went_through("bank_transfer", 1_000, 5)
    assert mail.send(1, T0 + timedelta(minutes=6))
    claims.went_through("", 1_000, 10)
    assert mail.send(1, T0 + timedelta(minutes=11))
    assert not mail.send(1, T0 + timedelta(minutes=12))  # the event again: nothing new
    first, second = mails.bodies
    assert "€10.00 was paid to you by bank transfer." in first
    assert DELAY not in first
    assert "We have refunded €10.00" in second
    assert "bank transfer" not in second
    assert DELAY in second


def test_refunds_told_in_one_mail_are_each_named_the_card_with_its_delay() -> None:
    claims, mails, mail = shop()
    claims.went_through("", 500, 1)
    claims.went_through("cheque", 700, 2)
    claims.went_through("cash", 300, 3)
    assert mail.send(1, T0 + timedelta(minutes=4))
    [body] = mails.bodies
    assert "We have refunded €15.00" in body
    assert "€7.00 was paid to you by cheque." in body
    assert "€3.00 was paid to you in cash." in body
    assert body.index("cheque") < body.index("in cash")  # in the order they went through
    assert DELAY in body


def test_a_refund_of_unknown_time_names_no_method_then_the_next_mail_does() -> None:
    """A card refund gone through before migration 0058 and not told: the mail gives the
    amount, neither a transfer nor the card's delay; once told, the next refund is named."""
    claims, mails, mail = shop()
    claims.went_through("", 1_000, None)
    claims.went_through("bank_transfer", 500, 1)
    assert mail.send(1, T0 + timedelta(minutes=2))
    claims.went_through("cheque", 200, 3)
    assert mail.send(1, T0 + timedelta(minutes=4))
    unknown, named = mails.bodies
    assert "We have refunded €15.00" in unknown
    assert "bank transfer" not in unknown
    assert DELAY not in unknown
    assert "€2.00 was paid to you by cheque." in named
    assert DELAY not in named


def test_refunds_not_making_up_what_the_mail_tells_name_no_method() -> None:
    """A release before this one mailed a total without marking its refunds (a rolling
    deploy): the refunds untold make up more than the mail tells. Its mail marks them all
    told, so the order's next mail names its refund again."""
    claims, mails, mail = shop()
    claims.went_through("cheque", 1_000, 1)
    claims.mailed = 1_000  # told by the release before, not marked
    claims.went_through("bank_transfer", 500, 2)
    assert mail.send(1, T0 + timedelta(minutes=3))
    claims.went_through("cash", 400, 4)
    assert mail.send(1, T0 + timedelta(minutes=5))
    unsure, named = mails.bodies
    assert "We have refunded €5.00" in unsure
    assert "bank transfer" not in unsure
    assert "cheque" not in unsure
    assert DELAY not in unsure
    assert "€4.00 was paid to you in cash." in named


def test_a_mail_the_server_refused_tells_the_same_refunds_when_retried() -> None:
    claims, mails, mail = shop()
    claims.went_through("bank_transfer", 800, 1)
    mails.down = True
    with pytest.raises(ConnectionRefusedError):
        mail.send(1, T0 + timedelta(minutes=2))
    assert [r.told for r in claims.refunds] == [False]
    mails.down = False
    claims.went_through("", 200, 3)
    assert mail.send(1, T0 + timedelta(minutes=4))
    [body] = mails.bodies
    assert "We have refunded €10.00" in body
    assert "€8.00 was paid to you by bank transfer." in body
    assert DELAY in body
    assert [r.told for r in claims.refunds] == [True, True]


def test_told_outside_reads_the_claims_refunds_as_they_are() -> None:
    def claim(told: int, refunded: int, *refunds: tuple[str, int, int | None]) -> RefundMailClaim:
        went = tuple(
            WentBack(n, m, a, None if at is None else T0 + timedelta(minutes=at))
            for n, (m, a, at) in enumerate(refunds)
        )
        return RefundMailClaim(told, refunded, went)

    assert told_outside(claim(0, 1_500, ("", 1_000, 1), ("", 500, 2))) == []
    assert told_outside(claim(500, 1_500, ("other", 1_000, 1))) == [("other", 1_000)]
    assert told_outside(claim(0, 1_000, ("cash", 1_000, None))) is None
    assert told_outside(claim(0, 1_500, ("cash", 1_000, 1))) is None  # 5.00 unaccounted for
    assert told_outside(claim(0, 500, ("cash", 1_000, 1))) is None
