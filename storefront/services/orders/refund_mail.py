"""The mail telling a shopper that money of their order went back to them: sent on each
OrderRefunded, once per rise of the order's refunded total, whichever process takes the
event and in whatever order events come (a late one of a lower total mails nothing)."""

from __future__ import annotations

from models.events import OrderRefunded
from storefront.services.accounts.ports import Mailer
from storefront.services.orders.mail import refund_mail
from storefront.services.orders.ports import OrderStore


class RefundMail:
    def __init__(self, orders: OrderStore, mailer: Mailer, public_url: str) -> None:
        self._orders = orders
        self._mailer = mailer
        self._public_url = public_url

    def send(self, event: OrderRefunded) -> bool:
        """Mail what went back since the last refund mail (False: nothing new to tell). A
        mail server refusing gives the claim back and raises, so the event is retried."""
        previous = self._orders.claim_refund_mail(event.order_id, event.refunded_minor)
        if previous is None:
            return False
        order = self._orders.get(event.order_id)
        if order is None:
            return False
        url = f"{self._public_url}/order/{order.reference}?key={order.access_key}"
        subject, body = refund_mail(
            order, event.refunded_minor - previous, event.refunded_minor, url
        )
        try:
            self._mailer.send(order.email, subject, body)
        except Exception:
            self._orders.release_refund_mail(event.order_id, event.refunded_minor, previous)
            raise
        return True
