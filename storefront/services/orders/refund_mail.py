"""The mails telling a shopper what became of their refunds: that money went back to them,
on each OrderRefunded, once per rise of the order's refunded total, whichever process takes
the event and in whatever order events come (a late one of a lower total mails nothing);
and that a refund never reached them after all, on RefundFailed, once per such refund."""

from __future__ import annotations

from models.events import OrderRefunded, RefundFailed
from storefront.services.accounts.ports import Mailer
from storefront.services.orders.mail import refund_failed_mail, refund_mail
from storefront.services.orders.ports import OrderRecord, OrderStore
from storefront.services.orders.refunds import RefundStore


class RefundMail:
    def __init__(
        self, orders: OrderStore, refunds: RefundStore, mailer: Mailer, public_url: str
    ) -> None:
        self._orders = orders
        self._refunds = refunds
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
        subject, body = refund_mail(
            order, event.refunded_minor - previous, event.refunded_minor, self._url(order)
        )
        try:
            self._mailer.send(order.email, subject, body)
        except Exception:
            self._orders.release_refund_mail(event.order_id, event.refunded_minor, previous)
            raise
        return True

    def send_failures(self, event: RefundFailed) -> int:
        """Mail each reversed refund of the order its shopper was not told of yet (the
        event's, and any whose mail failed before); how many were sent. A mail server
        refusing gives back the claims of those not sent and raises, to be retried."""
        claimed = self._refunds.claim_failure_mails(event.order_id)
        order = self._orders.get(event.order_id)
        if not claimed or order is None:
            return 0
        for sent, refund in enumerate(claimed):
            subject, body = refund_failed_mail(order, refund.amount_minor, self._url(order))
            try:
                self._mailer.send(order.email, subject, body)
            except Exception:
                self._refunds.release_failure_mails([r.id for r in claimed[sent:]])
                raise
        return len(claimed)

    def _url(self, order: OrderRecord) -> str:
        return f"{self._public_url}/order/{order.reference}?key={order.access_key}"
