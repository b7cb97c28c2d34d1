"""The shopper cancels their own order while it has not shipped.

An unpaid order is canceled as the admin's desk cancels one (its PaymentIntent canceled at
the provider, its stock hold released). A paid one is first claimed (a conditional update
that shipping's own conditional update excludes: of a shipment and a cancel racing, one
happens), then refunded in full through the admin's refund service under a request key
of its own (a double click, a second tab, a retry refund once), then moved to canceled
with its sold stock given back and the audit entry, in one transaction. A refund the
provider refuses for good gives the claim up (released: the order is paid and shippable
again, and the shopper is told to contact the shop); the merchant may release a claim stuck
for any other reason, as long as nothing was refunded under the cancel's key. Either release
writes a CancelReleased event in its transaction, whose handler mails the shopper once
(services/orders/release_mail.py).

Who may cancel: the signed-in account that placed it, or whoever holds the order's link
and types the email address it was placed with (docs/payments.md says why), a few tries
an hour per order. The merchant cancels a paid order the same way from the admin
(`cancel_for_shop`): a claim of the shop's own, refunded and closed alike, which the
shopper's pages and mail tell apart, and which a refused refund gives up without a word to
the shopper (they never asked).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from models.events import CancelReleased, Event
from models.orders import OrderStatus as S
from storefront.services.accounts.credentials import same_email
from storefront.services.accounts.ports import Mailer
from storefront.services.admin.audit import AuditLog, AuditRecord, to_json
from storefront.services.errors import AlreadyDone, Refusal
from storefront.services.orders.cancel_rules import (
    Asker,
    check_cancelable,
    needs_email,
    refund_due,
    same_key,
)
from storefront.services.orders.cancel_store import (
    CANCEL_KEY_PREFIX,
    CUSTOMER_CANCEL_REASON,
    SHOP_CANCEL_REASON,
    CancelStore,
    Released,
)
from storefront.services.orders.mail import cancel_mail
from storefront.services.orders.ports import OrderRecord, OrderStore
from storefront.services.orders.refunds import RefundError, Refunds
from storefront.services.orders.shop_cancel import (
    FOR_SHOP,
    SHOP_RELEASE_ACTION,
    check_shop_cancelable,
    shop_entry,
)
from storefront.services.orders.status import UNPAID
from storefront.services.orders.viewing import order_url
from storefront.services.throttle import Limit, Throttle

log = logging.getLogger(__name__)

ACTION = "order.customer_cancel"
RELEASE_ACTION = "order.customer_cancel.released"
__all__ = ["CANCEL_KEY_PREFIX", "Asker", "CustomerCancel", "needs_email", "refund_due"]
# Emails typed on an order's cancel link, per order and hour (a right one counts too).
CANCEL_EMAILS = Limit("cancel-email", 5, 60 * 60)
# The refund could not be asked (the provider out of reach): unlike "cancel.error.provider"
# (nothing changed), the cancel is recorded, the order will not ship, the refund is owed.
PROVIDER_AFTER_CLAIM = "cancel.error.provider_claimed"
# A cancel's own call refunds within seconds: a claim still paid after this is taken up by the
# reconciliation (its call died between the claim and the refund, or the provider failed it).
STALE_CLAIM = timedelta(minutes=10)


class CustomerCancel:
    def __init__(
        self,
        orders: OrderStore,
        store: CancelStore,
        refunds: Refunds | None,
        cancel_unpaid: Callable[[int, datetime], object],
        publish: Callable[[Iterable[Event]], None],
        *,
        mailer: Mailer,
        throttle: Throttle,
        audit: AuditLog,
        public_url: str,
    ) -> None:
        """`cancel_unpaid` is AdminOrders.cancel (the provider's intent, then the hold)."""
        self._orders = orders
        self._store = store
        self._refunds = refunds
        self._cancel_unpaid = cancel_unpaid
        self._publish = publish
        self._mailer = mailer
        self._throttle = throttle
        self._audit = audit
        self._public_url = public_url.rstrip("/")

    def cancel(self, order_id: int, asker: Asker, now: datetime) -> OrderRecord:
        """Cancel the order for the shopper; the order as it then stands. Refusals say why
        (may not, shipped, refunded, provider unreachable); AlreadyDone when it was."""
        order = self._allowed(order_id, asker, now)
        if order.status is S.CANCELED:
            raise AlreadyDone("cancel.error.already_canceled")
        if order.cancel_by_shop and order.cancel_requested_at:
            raise Refusal("cancel.shop_claimed")
        if order.cancel_requested_at is None:
            check_cancelable(order)
        if order.status in UNPAID:
            return self._cancel_unpaid_order(order, now)
        if order.cancel_requested_at is None and not self._store.claim(order_id, now):
            order = self._existing(order_id)  # shipped or refunded meanwhile, or a twin's
            if order.cancel_requested_at is None:
                check_cancelable(order)
                # Still cancelable by the rules, yet not claimed: a refund of the merchant's
                # is pending at the provider (what is left to refund is not known yet).
                raise Refusal("cancel.error.busy")
            if order.cancel_by_shop:  # the shop's, claimed meanwhile
                raise Refusal("cancel.shop_claimed")
        return self._refund_and_finish(order, now)

    def cancel_for_shop(
        self, order_id: int, now: datetime, actor_id: int | None, actor: str
    ) -> OrderRecord:
        """The merchant cancels a paid, unshipped, unrefunded order: claimed as the shopper's
        cancel claims it (never shipped from then on), refunded in full under the cancel's
        request key (a double click or a second tab refund once), then canceled with its
        stock and discount use given back; the refund's mail tells the shopper the shop
        canceled it. Asked again while it is claimed, the refund is tried again. Refusals
        (admin's messages) say why; AlreadyDone when it was canceled. The order as it then
        stands: canceled, or still paid and claimed while Stripe holds its refund pending."""
        order = self._orders.get(order_id)
        if order is None:
            raise Refusal("admin.order.error.not_found")
        if order.status is S.CANCELED:
            raise AlreadyDone("admin.order.error.already_canceled")
        if not (order.cancel_requested_at and order.cancel_by_shop):  # not under way yet
            check_shop_cancelable(order)
            # Who asked, written with the claim: the reconciliation may be the one to finish.
            asked = [shop_entry(order, actor_id, actor, asked=True)]
            claimed = self._store.claim(order_id, now, by_shop=True, audit=asked)
            order = self._existing(order_id)
            if not (claimed or order.cancel_by_shop):  # shipped, refunded or claimed meanwhile
                check_shop_cancelable(order)
                raise Refusal("admin.order.error.refund_pending")
        try:
            return self._refund_and_finish(order, now, actor, actor_id)
        except Refusal as refused:
            if refused.code == "cancel.error.pending":  # claimed, its refund on its way
                return self._existing(order_id)
            raise Refusal(FOR_SHOP.get(refused.code, refused.code)) from None

    def _refund_and_finish(
        self, order: OrderRecord, now: datetime, actor: str = "", actor_id: int | None = None
    ) -> OrderRecord:
        """`actor` is who gives the claim up when the refund is refused (the shopper by
        default), and who closes a shop's cancel (the reconciliation by default)."""
        if self._refunds is None:
            raise Refusal("cancel.error.provider")
        # As the order stands now that it is claimed (no other refund is taken meanwhile):
        # what is left of it, a goodwill refund before it staying given. Refunded in full
        # already (this cancel's refund went through, its close did not follow), it closes.
        order = self._existing(order.id)
        if order.status is S.REFUNDED:
            return self._close_refunded(order, now, actor, actor_id)
        amount = order.amounts.total_minor - order.refunded_minor
        reason = SHOP_CANCEL_REASON if order.cancel_by_shop else CUSTOMER_CANCEL_REASON
        try:
            done = self._refunds.refund(
                order.id,
                amount,
                CANCEL_KEY_PREFIX + order.reference,
                reason,
                now=now,
                for_cancel=True,
            )
        except RefundError as exc:
            log.warning("the cancel refund of order %s failed: %s", order.id, exc.code)
            if exc.code == "refund.error.failed":  # refused for good: the claim is given up
                self._release(order.id, now, actor_id, actor or order.email, "refund_refused")
                raise Refusal("cancel.released") from None
            if exc.code == "refund.error.not_claimed":  # the merchant released it meanwhile
                raise Refusal("cancel.released") from None
            # Claimed all the same: it will not ship, and asking again (or the
            # reconciliation, STALE_CLAIM on) refunds it under the same key.
            raise Refusal(PROVIDER_AFTER_CLAIM) from None
        if done.status == "pending":
            raise Refusal("cancel.error.pending")
        return self._close_refunded(order, now, actor, actor_id)

    def _close_refunded(
        self, order: OrderRecord, now: datetime, actor: str, actor_id: int | None
    ) -> OrderRecord:
        self._finish(self._existing(order.id), now, actor_id, actor)
        current = self._existing(order.id)
        if current.status is not S.CANCELED:  # not refunded in full after all
            raise Refusal("cancel.error.pending")
        return current  # finished here, or by a twin click (which mailed)

    def finish_settled(self, now: datetime, limit: int = 100) -> int:
        """Finish the cancels whose refund settled after their call (Stripe held it pending;
        its webhook or the reconciliation settled it): canceled, stock back, audited and
        mailed as the call would have. Then refund and finish those claimed STALE_CLAIM ago
        and still paid (their call died before its refund, or it failed and the shopper did
        not try again): the same request key, so never twice. How many this finished
        (reconcile-payments)."""
        finished = 0
        for order_id in self._store.refunded_claims(limit):
            order = self._orders.get(order_id)
            if order is not None and self._finish(order, now):
                finished += 1
        for order_id in self._store.stale_claims(now - STALE_CLAIM, limit):
            order = self._orders.get(order_id)
            if order is None:
                continue
            try:
                self._refund_and_finish(order, now, actor="reconciliation")
            except Refusal as refused:  # pending, or refused: left claimed for the merchant
                log.warning("the stale cancel of order %s: %s", order_id, refused.code)
                continue
            finished += 1
        return finished

    def release_refused(self, now: datetime, limit: int = 100) -> int:
        """Give up the claims whose cancel's refund the provider refused after holding it
        pending (the call that asked found it pending): shippable again, audited as the
        reconciliation's; how many (reconcile-payments)."""
        released = 0
        for order_id in self._store.refused_claims(limit):
            if self._release(order_id, now, None, "reconciliation", "refund_refused"):
                released += 1
        return released

    def release(self, order_id: int, now: datetime, actor_id: int | None, actor: str) -> None:
        """The merchant gives up the shopper's cancel claim on a paid order stuck with it
        (the order may ship again): refused while a refund under the cancel's key went
        through or may still."""
        if self._existing(order_id).cancel_by_shop:  # the shop's own: not a shopper's request
            raise Refusal("admin.order.error.no_cancel_request")
        outcome = self._release_as(order_id, now, actor_id, actor, "merchant")
        if outcome == "not_claimed":
            raise Refusal("admin.order.error.no_cancel_request")
        if outcome == "refunding":
            raise Refusal("admin.order.error.cancel_refunding")

    def _release(
        self, order_id: int, now: datetime, actor_id: int | None, actor: str, why: str
    ) -> bool:
        return self._release_as(order_id, now, actor_id, actor, why) == "released"

    def _release_as(
        self, order_id: int, now: datetime, actor_id: int | None, actor: str, why: str
    ) -> Released:
        """Give the claim up, audited; the store writes the CancelReleased event (the
        shopper's one mail) in the same transaction, published here as finish's events are
        (this process's listeners, and its relay woken). The shop's own claim is given up
        without it (the shopper never asked)."""
        order = self._existing(order_id)
        status, subject = order.status.value, f"order:{order.reference}"
        before = to_json({"status": status, "cancel": "requested"})
        after = to_json({"status": status, "cancel": "released", "why": why})
        action = SHOP_RELEASE_ACTION if order.cancel_by_shop else RELEASE_ACTION
        entry = AuditRecord(actor_id, actor, action, subject, before, after)
        outcome = self._store.release(order_id, now, [entry])
        if outcome == "released" and not order.cancel_by_shop:
            self._publish([CancelReleased(order.id, order.reference)])
        return outcome

    def _finish(
        self, order: OrderRecord, now: datetime, actor_id: int | None = None, actor: str = ""
    ) -> bool:
        """Move a claimed order refunded in full to canceled (stock back, audited: as the
        shopper's, or as the shop's by `actor`); False when it is not such an order
        (finished already). The shopper's one mail is the refund's, which says the order is
        canceled (RefundMail): sent once, retried."""
        amount = order.amounts.total_minor
        after_view = {"status": S.CANCELED.value, "refunded_minor": amount}
        if order.cancel_by_shop:
            entry = shop_entry(order, actor_id, actor or "reconciliation")
        else:
            entry = _entry(order, ACTION, {"status": S.REFUNDED.value}, after_view)
        changed = self._store.finish(order.id, now, [entry])
        if changed is None:
            return False
        self._publish(changed)
        return True

    def _cancel_unpaid_order(self, order: OrderRecord, now: datetime) -> OrderRecord:
        try:
            self._cancel_unpaid(order.id, now)
        except AlreadyDone:
            raise AlreadyDone("cancel.error.already_canceled") from None
        except Refusal as refused:
            log.warning("cancelling unpaid order %s failed: %s", order.id, refused.code)
            raise Refusal("cancel.error.provider") from None
        self._store.note(order.id, now)
        current = self._existing(order.id)
        # The admin's cancel records no entry of its own for this path: one here says who.
        view = {"status": current.status.value}
        self._audit.record([_entry(order, ACTION, {"status": order.status.value}, view)])
        self._mail(current)
        return current

    def _allowed(self, order_id: int, asker: Asker, now: datetime) -> OrderRecord:
        order = self._orders.get(order_id)
        if order is None:
            raise Refusal("cancel.error.not_allowed")
        if not needs_email(order, asker):
            return order
        if not (asker.key and order.access_key and same_key(asker.key, order.access_key)):
            raise Refusal("cancel.error.not_allowed")
        # Every try by link counts, a right one too: guessing the email gets a few a time.
        if not CANCEL_EMAILS.take(self._throttle, str(order.id), now):
            raise Refusal("cancel.error.too_many")
        if not same_email(asker.email, order.email):
            raise Refusal("cancel.error.email", {"email": "cancel.error.email"})
        return order

    def _existing(self, order_id: int) -> OrderRecord:
        order = self._orders.get(order_id)
        if order is None:
            raise Refusal("cancel.error.not_allowed")
        return order

    def _mail(self, order: OrderRecord) -> None:
        """The unpaid cancel's mail (a paid one's is the refund's: RefundMail)."""
        subject, body = cancel_mail(order, 0, order_url(self._public_url, order))
        try:
            self._mailer.send(order.email, subject, body)
        except Exception:  # canceled all the same: the order page says so
            log.exception("mailing the cancel of order %s failed", order.id)


def _entry(order: OrderRecord, action: str, before: object, after: object) -> AuditRecord:
    return AuditRecord(
        None, order.email, action, f"order:{order.reference}", to_json(before), to_json(after)
    )
