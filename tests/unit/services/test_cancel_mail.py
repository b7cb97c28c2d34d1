"""The one mail of the shopper's paid cancel: the refund's mail, told as the cancel (the order
canceled and what went back) when the rise it tells is the cancel's full refund; any other
refund keeps the refund mail (an order refunded in full before it shipped says it is
canceled)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from models.orders import OrderStatus as S
from storefront.services.orders.refund_mail import RefundMail, RefundMailClaim, WentBack
from tests.unit.services.test_order_mail import ORDER

NOW = datetime(2026, 12, 4, 13, 0, tzinfo=UTC)
CLAIMED = replace(ORDER, status=S.REFUNDED, refunded_minor=4_500, cancel_requested_at=NOW)


class Orders:
    def __init__(self, order) -> None:  # type: ignore[no-untyped-def]
        self.order = order

    def get(self, order_id: int):  # type: ignore[no-untyped-def]
        return self.order


class Claims:
    """One claim to take: (told before, refunded in all, the refunds since); then the mail
    marked sent."""

    def __init__(
        self, told: int, refunded: int, outside: list[tuple[str, int]] | None = None
    ) -> None:
        # What went back since: the offline parts given, the rest by card.
        parts = [*(outside or []), ("", refunded - told - sum(a for _, a in outside or []))]
        refunds = tuple(
            WentBack(n, method, amount, NOW) for n, (method, amount) in enumerate(parts) if amount
        )
        self.claim: RefundMailClaim | None = RefundMailClaim(told, refunded, refunds)
        self.sent: list[int] = []

    def claim_refund_mail(self, order_id: int, claimed_at: datetime, stale_before: datetime):  # type: ignore[no-untyped-def]
        claim, self.claim = self.claim, None
        return claim

    def refund_mail_sent(self, order_id: int, claim: RefundMailClaim, claimed_at: datetime) -> bool:
        self.sent.append(claim.refunded_minor)
        return True


class Mails:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str, str]] = []

    def send(self, recipient: str, subject: str, body: str) -> None:
        self.sent.append((recipient, subject, body))


def mailed(
    order, told: int, refunded: int, outside=None
) -> tuple[list[tuple[str, str, str]], Claims]:  # type: ignore[no-untyped-def]
    claims, mails = Claims(told, refunded, outside), Mails()
    refund_mail = RefundMail(Orders(order), claims, mails, "https://shop.example/")  # type: ignore[arg-type]
    assert refund_mail.send(order.id, NOW) is True
    assert refund_mail.send(order.id, NOW) is False  # told once
    return mails.sent, claims


def test_the_cancels_full_refund_is_mailed_once_as_the_cancel() -> None:
    sent, claims = mailed(CLAIMED, 0, 4_500)
    ((to, subject, body),) = sent
    assert to == ORDER.email
    assert subject == f"Your order {ORDER.reference} is canceled"
    assert "order ABCDEF2345 is canceled and €45.00 was refunded" in body
    assert "?key=k3y" in body
    assert claims.sent == [4_500]


def test_the_cancel_mail_is_in_the_shoppers_language() -> None:
    ((_, subject, body),), _ = mailed(replace(CLAIMED, locale="fr"), 0, 4_500)
    assert subject == f"Votre commande {ORDER.reference} est annulée"
    assert "45,00\u00a0€ ont été remboursés" in body
    assert body.startswith("Bonjour Gita Gast,")


def test_the_shops_own_cancel_is_mailed_as_the_shops_in_the_shoppers_language() -> None:
    ((_, subject, body),), _ = mailed(replace(CLAIMED, cancel_by_shop=True), 0, 4_500)
    assert subject == f"Your order {ORDER.reference} is canceled"
    assert "we had to cancel order ABCDEF2345, and €45.00 was refunded" in body
    assert "As you asked" not in body
    assert "Reply to this mail if you have any question" in body
    ((_, subject, body),), _ = mailed(replace(CLAIMED, cancel_by_shop=True, locale="fr"), 0, 4_500)
    assert subject == f"Votre commande {ORDER.reference} est annulée"
    assert "nous avons dû annuler la commande ABCDEF2345" in body


def test_an_admins_refund_keeps_the_refund_mail() -> None:
    partial = replace(ORDER, status=S.PARTIALLY_REFUNDED, refunded_minor=500)
    ((_, subject, body),), _ = mailed(partial, 0, 500)
    assert subject == f"A refund for your Boutique order {ORDER.reference}"
    assert "canceled" not in body
    # Refunded in full by the merchant, no cancel asked: a refund, not a cancel.
    ((_, subject, _),), _ = mailed(
        replace(ORDER, status=S.REFUNDED, refunded_minor=4_500), 0, 4_500
    )
    assert subject == f"A refund for your Boutique order {ORDER.reference}"


def test_the_cancel_of_a_partly_refunded_order_mails_what_went_back_now_and_in_all() -> None:
    # €5.00 refunded (and mailed) before the cancel: the cancel's rise is its €40.00 left.
    ((_, subject, body),), claims = mailed(CLAIMED, 500, 4_500)
    assert subject == f"Your order {ORDER.reference} is canceled"
    assert "order ABCDEF2345 is canceled and €40.00 was refunded" in body
    assert "In all, €45.00 of the €45.00 you paid has been refunded." in body
    assert claims.sent == [4_500]
    ((_, _, body),), _ = mailed(replace(CLAIMED, cancel_by_shop=True, locale="fr"), 500, 4_500)
    assert "40,00\u00a0€ ont été remboursés" in body
    assert "Au total, 45,00\u00a0€ des 45,00\u00a0€ payés vous ont été remboursés." in body


def test_a_refund_that_ends_an_unshipped_order_says_it_will_not_ship() -> None:
    # Refunded in full before it shipped, no cancel asked: canceled by the refund itself.
    closed = replace(ORDER, status=S.CANCELED, refunded_minor=4_500)
    ((_, subject, body),), _ = mailed(closed, 1_000, 4_500)
    assert subject == f"A refund for your Boutique order {ORDER.reference}"
    assert "We have refunded €35.00 of your order ABCDEF2345." in body
    assert "the order is now canceled: it will not be sent." in body
    ((_, _, body),), _ = mailed(replace(closed, locale="fr"), 1_000, 4_500)
    assert "la commande est maintenant annulée\u202f: elle ne sera pas envoyée." in body
    # Shipped, then refunded in full: nothing of a cancel.
    shipped = replace(ORDER, status=S.REFUNDED, refunded_minor=4_500, fulfilled_at=NOW)
    ((_, _, body),), _ = mailed(shipped, 1_000, 4_500)
    assert "canceled" not in body


def test_a_canceled_order_paid_back_by_transfer_after_its_refund_failed_gets_the_refund_mail() -> (
    None
):
    """Its cancel's refund failed (a closed card), its mail's total went back down, and the
    shop paid the customer by bank transfer: told as that, not as the cancel again."""
    canceled = replace(CLAIMED, status=S.CANCELED)
    ((_, subject, body),), _ = mailed(canceled, 0, 4_500, [("bank_transfer", 4_500)])
    assert subject == f"A refund for your Boutique order {ORDER.reference}"
    assert "was paid to you by bank transfer." in body
    assert "card you paid with" not in body
