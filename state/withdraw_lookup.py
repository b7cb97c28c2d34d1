"""The guest's way to the withdrawal function without the order's link: its reference and the
email it was placed with, limited per client (services/orders/withdrawal.py GUEST_LOOKUPS);
a match shows the order's two steps (state/order_withdrawal.py) on the same page."""

from __future__ import annotations

from typing import Any

import reflex as rx

from models.types import utc_now
from state.browser_input import CONTROL_REFUSED, as_form, holds_control
from state.client import client_of
from state.order_withdrawal import OrderWithdrawalState
from state.shop import call, shop
from storefront.i18n import translations
from storefront.services.errors import Refusal
from storefront.services.orders.ports import OrderRecord

MAX_TYPED = 300


def _find(reference: str, email: str, client: str) -> OrderRecord:
    commerce = shop().commerce
    if commerce is None:
        raise Refusal("withdraw.error.unavailable")
    return commerce.withdrawals.find_for_guest(reference, email, client, utc_now())


def _refusal(order: OrderRecord) -> str:
    """Why the order offers no withdrawal; not shipped yet, its page's link goes to its email
    (where canceling it is the withdrawal)."""
    commerce = shop().commerce
    if commerce is None:
        return "withdraw.error.unavailable"
    code, mail_link = commerce.withdrawals.guest_refusal(order, utc_now())
    if mail_link:
        commerce.withdrawal_mail.send_order_link(order)
    return code


class WithdrawLookupState(rx.State):
    error: dict[str, str] = {}  # noqa: RUF012
    found: bool = False
    busy: bool = False

    @rx.event
    async def load(self) -> None:
        """Opened afresh: no order of before stays shown."""
        self.error, self.found = {}, False
        (await self.get_state(OrderWithdrawalState))._forget()

    @rx.event
    async def find(self, form: Any = None) -> None:
        if self.busy:
            return
        fields = as_form(form)
        self.error, self.found = {}, False
        withdrawal = await self.get_state(OrderWithdrawalState)
        withdrawal._forget()
        if holds_control(fields):
            self.error = translations(CONTROL_REFUSED)
            return
        reference = str(fields.get("reference", ""))[:MAX_TYPED]
        email = str(fields.get("email", ""))[:MAX_TYPED]
        self.busy = True
        try:
            order = await call(_find, reference, email, client_of(self))
        except Refusal as refused:
            self.error = translations(refused.code)
            return
        finally:
            self.busy = False
        await withdrawal._grant(order)
        self.found = True
        if withdrawal.offered:
            return
        # Its period over: the refusal names its last day and what it counts from.
        self.error = withdrawal._refusal(await call(_refusal, order))
