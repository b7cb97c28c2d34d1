"""Settling unpaid orders from the payment provider's own records: a lost webhook, a shopper
who closed the tab, an order abandoned before paying; and refunds left pending, by a provider
timeout or by the provider itself (each request whose answer it records gets an audit entry,
as the admin's own refunds do). Safe to run anywhere, any number of times (every web process
runs it each minute; `reconcile-payments` runs it by hand)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from models.orders import OrderStatus
from storefront.services.admin.audit import RECONCILIATION_ACTOR, AuditLog, AuditRecord, to_json
from storefront.services.checkout.service import Checkout
from storefront.services.checkout.settlement import IntentMismatch, Settlement
from storefront.services.inventory import Inventory
from storefront.services.orders.confirmation_due import CATCH_UP_FOR
from storefront.services.orders.ports import OrderRecord, OrderStore
from storefront.services.orders.refund_mail import RefundMail
from storefront.services.orders.refunds import RefundRow, Refunds
from storefront.services.orders.release_mail import CancelReleaseMail
from storefront.services.orders.status import UNPAID
from storefront.services.orders.withdrawal_mail import WithdrawalMail
from storefront.services.payments import PaymentError, PaymentGateway

log = logging.getLogger(__name__)


class Reconciliation:
    def __init__(
        self,
        checkout: Checkout,
        orders: OrderStore,
        inventory: Inventory,
        payments: PaymentGateway,
        settlement: Settlement,
        *,
        refunds: Refunds | None = None,
        refund_mail: RefundMail | None = None,
        release_mail: CancelReleaseMail | None = None,
        withdrawal_mail: WithdrawalMail | None = None,
        audit: AuditLog | None = None,
    ) -> None:
        self._checkout = checkout
        self._orders = orders
        self._inventory = inventory
        self._payments = payments
        self._settlement = settlement
        self._refunds = refunds
        self._refund_mail = refund_mail
        self._release_mail = release_mail
        self._withdrawal_mail = withdrawal_mail
        self._audit = audit

    def reconcile(
        self, now: datetime, settle_after: timedelta, give_up_after: timedelta
    ) -> dict[str, int]:
        """Settle orders unpaid for `settle_after` from their intents, cancel those still
        unpaid `give_up_after` their last change (a payment attempt), then give back expired
        stock holds (after: an order whose payment went through keeps its hold), mail the
        confirmations of orders paid `settle_after` ago (within a day) that never went out,
        settle from the provider's refunds those pending for `settle_after` (a request the
        provider never received is sent again with its key, or failed after a day), and
        send the refund mails, the mails of shoppers' cancels given up and the
        acknowledgements of withdrawals of the last day that never went out. Refunds settled
        count as `refunded` (gone through) or `refunds_failed` (refused, or never received)."""
        if settle_after <= timedelta(0) or give_up_after <= settle_after:
            # Given up at or before its first look, an unpaid order is canceled there and
            # then, whatever its shopper is doing (3-D Secure under way).
            msg = f"give_up_after ({give_up_after}) must exceed settle_after ({settle_after}) > 0"
            raise ValueError(msg)
        keys = ("checked", "paid", "canceled", "failed", "finished", "refunded", "refunds_failed")
        mails = ("refund_mails", "cancel_release_mails", "withdrawal_acks")
        counts = dict.fromkeys((*keys, *mails), 0)
        for order in self._orders.stale_unpaid(now - settle_after, limit=500):
            counts["checked"] += 1
            try:
                status = self._reconcile_one(order, now, give_up_after)
            except (PaymentError, IntentMismatch) as exc:  # one bad order stops no other
                log.error("reconciling order %s failed: %s", order.reference, exc)
                counts["failed"] += 1
                continue
            if status is OrderStatus.PAID:
                counts["paid"] += 1
            elif status is OrderStatus.CANCELED:
                counts["canceled"] += 1
        self._inventory.release_expired(now)
        window = (now - CATCH_UP_FOR, now - settle_after)  # as confirmation_due has it
        for order in self._orders.unconfirmed_paid(*window, limit=100):
            try:
                counts["finished"] += self._settlement.send_confirmation(order.id)
            except Exception:  # a mail server down now is tried again next time
                log.exception("mailing the confirmation of order %s failed", order.reference)
                counts["failed"] += 1
        if self._refunds is not None:

            def settled(refund: RefundRow) -> None:
                self._audit_settled(refund)
                if refund.status != "pending":  # still the provider's to settle: not yet
                    counts["refunded" if refund.status == "succeeded" else "refunds_failed"] += 1

            counts["failed"] += self._refunds.settle_pending(now, settle_after, settled)[1]
        if self._refund_mail is not None:
            sent, failed = self._refund_mail.catch_up(now)
            counts["refund_mails"] += sent
            counts["failed"] += failed
        if self._release_mail is not None:
            sent, failed = self._release_mail.catch_up(now)
            counts["cancel_release_mails"] += sent
            counts["failed"] += failed
        if self._withdrawal_mail is not None:
            sent, failed = self._withdrawal_mail.catch_up(now)
            counts["withdrawal_acks"] += sent
            counts["failed"] += failed
        return counts

    def _audit_settled(self, refund: RefundRow) -> None:
        """The entry of a refund whose answer this pass recorded (gone through, pending at the
        provider, or failed: never received): the admin's call that asked for it timed out,
        so it wrote none. Only the call that records the answer comes here: one entry."""
        order = self._orders.get(refund.order_id)
        if self._audit is None or order is None:
            return
        after = {
            "status": order.status.value,
            "refunded_minor": order.refunded_minor,
            "amount": refund.amount_minor,
            "provider_refund_id": refund.provider_refund_id,
            "request_key": refund.request_key,
            "refund_status": refund.status,
        }
        entry = AuditRecord(
            None,
            RECONCILIATION_ACTOR,
            "order.refund.settled",
            f"order:{order.reference}",
            "",
            to_json(after),
        )
        try:
            self._audit.record([entry])
        except Exception:  # the refund stands; its entry is lost, the other refunds go on
            log.exception("auditing refund %s of order %s failed", refund.id, order.reference)

    def _reconcile_one(
        self, order: OrderRecord, now: datetime, give_up_after: timedelta
    ) -> OrderStatus:
        status = order.status
        # Given up once nothing happened for `give_up_after`: a shopper paying (3-D Secure
        # under way) in an old order's last minute is not canceled under their feet.
        last_change = max(order.created_at, order.updated_at or order.created_at)
        given_up = last_change <= now - give_up_after
        if order.payment_intent_id is not None:
            try:
                intent = self._payments.retrieve_intent(order.payment_intent_id)
            except PaymentError as exc:
                if not exc.missing:  # out of reach, failing: it may exist, try next time
                    raise
                return self._unknown_to_provider(order, now) if given_up else status
            status = self._settlement.apply_intent(order, intent).status
        if status in UNPAID and given_up:
            self._checkout.abandon(order.id, now)
            current = self._orders.get(order.id)
            status = current.status if current else status
        return status

    def _unknown_to_provider(self, order: OrderRecord, now: datetime) -> OrderStatus:
        """An unpaid order whose intent the provider says it never had (the demo's
        localstripe restarted and forgot its payments): nothing can have been charged
        through it, so, given up, it is canceled as an abandoned one, its stock released,
        with one warning (it had logged an error every minute, pending for good)."""
        assert order.payment_intent_id is not None
        moved = self._orders.move(
            order.id,
            OrderStatus.CANCELED,
            error="payment unknown to the provider",
            intent_id=order.payment_intent_id,
        )
        if moved.applied:
            self._inventory.release(order.holder, now)
            log.warning(
                "order %s canceled: its payment %s is unknown to the provider",
                order.reference,
                order.payment_intent_id,
            )
        current = self._orders.get(order.id)
        return current.status if current else OrderStatus.CANCELED
