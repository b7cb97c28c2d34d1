"""The withdrawal function of a shipped order (services/orders/withdrawal.py), in two steps:
"Withdraw from contract here" (name, items and quantities, email), then "Confirm withdrawal".

Shown for the order the visitor was let see: on its page (its owner, or its link's key) or on
the guest page (its reference and email, state/withdraw_lookup.py). Which order that is stays
in a backend var, never sent to or taken from the browser, so a crafted event cannot name
another one."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field, replace
from typing import Any

import reflex as rx

from models.types import utc_now
from state.account_pages import account_page
from state.browser_input import CONTROL_REFUSED, as_form, holds_control, whole
from state.shop import call, shop
from storefront.i18n import LOCALES, translate, translations
from storefront.services.errors import Refusal
from storefront.services.orders.ports import OrderRecord
from storefront.services.orders.withdrawal import Draft, Statement
from storefront.services.orders.withdrawal_mail import received_text
from storefront.services.orders.withdrawal_period import (
    WithdrawalPeriod,
    basis_text,
    over_text,
    period_text,
)
from storefront.services.orders.withdrawal_refunds import Settlement
from storefront.services.orders.withdrawal_status import refund_text, withdrawal_mark

MAX_TYPED = 300  # longer is no name or email: cut before any service sees it


@dataclass
class WithdrawLine:
    line: int = 0  # its position in the order
    title: str = ""
    options: str = ""
    left: int = 0  # may still be withdrawn from
    chosen: int = 0  # in the form (all that is left, to start), then in the statement reviewed


@dataclass
class SentStatement:
    """A statement sent for the order, each text in every language: when it was received and
    what, then what it will be (or was) refunded."""

    received: dict[str, str] = field(default_factory=dict)
    refund: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Offer:
    order: OrderRecord
    left: list[int] | None
    period: WithdrawalPeriod | None
    sent: list[tuple[Statement, Settlement]]  # the order's statements so far, and their due


def _offer(order: OrderRecord) -> _Offer:
    commerce = shop().commerce
    if commerce is None:
        return _Offer(order, None, None, [])
    withdrawals = commerce.withdrawals
    left = withdrawals.open_lines(order, utc_now())
    return _Offer(order, left, withdrawals.period(order), withdrawals.owed(order))


def _in_each_language(text: Any, period: WithdrawalPeriod | None) -> dict[str, str]:
    return {lang: text(lang, period) for lang in LOCALES} if period else {}


def sent_labels(statement: Statement) -> dict[str, str]:
    """ "Withdrawal received on 4 December 2026 at 21:05 (UTC time): 1 × Chair (Oak)." """
    zone = shop().settings.zone
    items = ", ".join(item.label for item in statement.items)
    return {
        lang: translate(
            lang, "withdraw.sent", at=received_text(lang, statement.received_at, zone), items=items
        )
        for lang in LOCALES
    }


def sent_statement(statement: Statement, settled: Settlement, order: OrderRecord) -> SentStatement:
    zone, currency = shop().settings.zone, order.amounts.currency
    return SentStatement(
        sent_labels(statement),
        {lang: refund_text(lang, statement, settled, currency, zone) for lang in LOCALES},
    )


def _check(order_id: int, draft: Draft) -> None:
    commerce = shop().commerce
    if commerce is None:
        raise Refusal("withdraw.error.unavailable")
    commerce.withdrawals.check(order_id, draft, utc_now())


def _withdraw(order_id: int, draft: Draft, key: str) -> tuple[Statement, _Offer]:
    commerce = shop().commerce
    if commerce is None:
        raise Refusal("withdraw.error.unavailable")
    statement, _ = commerce.withdrawals.withdraw(order_id, draft, key, utc_now())
    order = commerce.orders.get(order_id)
    assert order is not None
    return statement, _offer(order)


@account_page  # its form may hold the order's email: gone with the sign-out (review)
class OrderWithdrawalState(rx.State):
    offered: bool = False
    about: str = ""  # the reference of the order the function is shown for
    # Its period's last day, "from receiving it", and what the day of receipt rests on
    # (services/orders/withdrawal_period.py), in every language: the shipping mail's words.
    period: dict[str, str] = {}  # noqa: RUF012
    period_basis: dict[str, str] = {}  # noqa: RUF012
    step: str = ""  # "", "form" (step 1), "confirm" (step 2)
    name: str = ""
    email: str = ""
    lines: list[WithdrawLine] = []  # noqa: RUF012
    # The statements sent for this order, and what each will be refunded: the page keeps
    # saying so, after the period too.
    sent: list[SentStatement] = []  # noqa: RUF012
    # "Withdrawal received" (or "Partial ..."), beside the order's status on its page.
    mark: dict[str, str] = {}  # noqa: RUF012
    error: dict[str, str] = {}  # noqa: RUF012
    done: dict[str, str] = {}  # noqa: RUF012
    busy: bool = False
    _order_id: int = 0
    _key: str = ""  # the confirmation's request key: one statement, however often sent
    _draft: Draft | None = None
    _over: dict[str, str] = {}  # noqa: RUF012  # its refusal once the period is over, dated

    async def _grant(self, order: OrderRecord | None, *, email_known: bool = True) -> None:
        """Show the function for `order`, or none: the order page's load (OrderState) and
        the guest's lookup (WithdrawLookupState) grant it once they let this visitor see it.
        `email_known`: the visitor may be shown the order's email (its owner, or who typed it);
        a link's holder types it, as they do to cancel."""
        if order is None:
            self._forget()
            return
        offer = await call(_offer, order)
        if self._order_id != order.id:
            self._forget()
        # "An acknowledgement is on its way" is news of the confirmation just made: a later
        # visit has the statement's own line (`sent`); it stayed for good (QA).
        self.done = {}
        self._order_id, self.about = order.id, order.reference
        self._show(offer)
        # Its form filled in only where it is offered: the order's email is not sent to the
        # page of an order still to ship, whose cancel asks for it (review).
        if not self.name and self.offered:
            self.name = order.address.name
        # Decided at each visit, not once per order: the owner signing in later finds it
        # filled, a link's holder never sees it (review).
        if email_known and self.offered and not self.email:
            self.email = order.email
        elif not email_known and self.email.casefold() == order.email.casefold():
            self.email = ""

    def _show(self, offer: _Offer) -> None:
        self.offered = offer.left is not None
        self.period = _in_each_language(period_text, offer.period)
        self.period_basis = _in_each_language(basis_text, offer.period)
        self._over = _in_each_language(over_text, offer.period)
        self.sent = [sent_statement(st, settled, offer.order) for st, settled in offer.sent]
        mark = withdrawal_mark(offer.order, [statement for statement, _ in offer.sent])
        self.mark = translations(f"order.withdrawn.{mark}") if mark else {}
        left = offer.left or []
        # What the shopper chose stays (the form shown again after Back), within what is left.
        chosen = {x.line: x.chosen for x in self.lines}
        self.lines = [
            WithdrawLine(i, line.title, line.options, left[i], min(chosen.get(i, left[i]), left[i]))
            for i, line in enumerate(offer.order.lines)
            if i < len(left) and left[i] > 0
        ]
        if not self.offered:
            self.step = ""

    def _forget(self) -> None:
        self.reset()

    def _refusal(self, code: str) -> dict[str, str]:
        """A refusal's message; the period's end with its date and what it rests on."""
        if code == "withdraw.error.over" and self._over:
            return dict(self._over)
        return translations("withdraw.error.closed" if code == "withdraw.error.over" else code)

    @rx.event
    def open(self) -> None:
        if not self.offered:
            return
        self.step, self.error, self.done = "form", {}, {}
        self._key, self._draft = secrets.token_urlsafe(24), None
        self.lines = [replace(x, chosen=x.left) for x in self.lines]  # all of each, to start

    @rx.event
    def back(self) -> None:
        self.step, self.error = ("form" if self.step == "confirm" else ""), {}

    @rx.event
    def abandon(self) -> None:
        self.step, self.error, self._draft = "", {}, None

    @rx.event
    async def review(self, form: Any = None) -> None:
        """Step 1 sent: checked (nothing recorded), then the confirmation."""
        fields = as_form(form)
        self.error = {}
        if not self._order_id or not self._key:
            self.error = translations("withdraw.error.expired")
            return
        if holds_control(fields):
            self.error = translations(CONTROL_REFUSED)
            return
        quantities: dict[int, int] = {}
        for line in self.lines:
            # A crafted or emptied quantity is refused by the service, not read as zero.
            quantities[line.line] = whole(fields.get(f"qty-{line.line}", 0), default=-1)
        draft = Draft(
            str(fields.get("name", ""))[:MAX_TYPED],
            str(fields.get("email", ""))[:MAX_TYPED],
            quantities,
        )
        try:
            await call(_check, self._order_id, draft)
        except Refusal as refused:
            self.error = self._refusal(refused.code)
            return
        self.name, self.email, self._draft = draft.name.strip(), draft.email.strip(), draft
        self.lines = [
            WithdrawLine(x.line, x.title, x.options, x.left, quantities.get(x.line, 0))
            for x in self.lines
        ]
        self.step = "confirm"

    @rx.event
    async def confirm(self) -> None:
        """Step 2: the statement recorded (once per confirmation) and acknowledged by mail."""
        if self.busy:  # a double click's second submit: the first is under way
            return
        draft, key = self._draft, self._key
        if draft is None or not self._order_id:
            self.error = translations("withdraw.error.expired")
            return
        self.busy, self.error = True, {}
        try:
            statement, offer = await call(_withdraw, self._order_id, draft, key)
        except Refusal as refused:
            self.error = self._refusal(refused.code)
            return
        finally:
            self.busy = False
        zone = shop().settings.zone
        self.done = {
            lang: translate(
                lang,
                "withdraw.done",
                at=received_text(lang, statement.received_at, zone),
                email=statement.email,
            )
            for lang in LOCALES
        }
        self.step = ""
        self._show(offer)
