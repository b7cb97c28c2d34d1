"""Which refunds a refund mail tells of, by method: what their times and amounts leave no
doubt of, and nothing named when they do not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storefront.services.orders.mail import refund_mail
from storefront.services.orders.refund_parts import MAX_WEIGHED, WentThrough, told_outside
from tests.unit.services.test_order_mail import ORDER

T0 = datetime(2026, 12, 4, 13, 0, tzinfo=UTC)


def refund(n: int, method: str, amount: int) -> WentThrough:
    """The n-th refund asked or recorded (n minutes after T0)."""
    return WentThrough(method, amount, T0 + timedelta(minutes=n), n)


def test_offline_refunds_alone_are_told_by_their_methods() -> None:
    refunds = [refund(1, "cheque", 500), refund(2, "bank_transfer", 1_000)]
    assert told_outside(refunds, 1_500) == [("cheque", 500), ("bank_transfer", 1_000)]
    assert told_outside(refunds, 1_000) == [("bank_transfer", 1_000)]
    assert told_outside(refunds, 0) == []


def test_a_transfer_after_a_told_card_refund_is_told_as_a_transfer() -> None:
    refunds = [refund(1, "", 1_000), refund(2, "bank_transfer", 500)]
    assert told_outside(refunds, 500) == [("bank_transfer", 500)]
    assert told_outside(refunds, 1_500) == [("bank_transfer", 500)]


def test_a_card_refund_asked_after_a_told_transfer_is_the_card() -> None:
    refunds = [refund(1, "bank_transfer", 1_000), refund(2, "", 1_000)]
    assert told_outside(refunds, 1_000) == []


def test_a_card_refund_asked_before_a_transfer_of_its_amount_names_no_method() -> None:
    # Asked first, gone through after the transfer was told, or before it: both make 10.00.
    refunds = [refund(1, "", 1_000), refund(2, "bank_transfer", 1_000)]
    assert told_outside(refunds, 1_000) is None
    # Amounts no set of them makes up (a total the refunds no longer explain): none named.
    assert told_outside(refunds, 700) is None
    many = [refund(n, "cash", 100) for n in range(MAX_WEIGHED + 1)]
    assert told_outside(many, 100) is None


def test_a_mail_not_sure_of_the_method_says_neither_a_transfer_nor_the_cards_delay() -> None:
    _, body = refund_mail(ORDER, 1_000, 2_000, "https://shop/o", outside=None)
    assert "We have refunded €10.00" in body
    assert "bank transfer" not in body
    assert "card you paid with" not in body
    _, body = refund_mail(ORDER, 1_000, 2_000, "https://shop/o", outside=[])
    assert "card you paid with" in body


def test_the_providers_refunds_alone_are_the_card_whatever_their_amounts() -> None:
    assert told_outside([refund(1, "", 1_000), refund(2, "", 500)], 700) == []
