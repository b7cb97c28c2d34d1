"""The shopper cancels their order from its page (the owner signed in, or a guest by the
order's link with the email it was placed with): a confirmation naming the refund, then
services/orders/customer_cancel.py."""

from __future__ import annotations

from typing import Any

import reflex as rx

from models.types import utc_now
from state.account import AccountState
from state.browser_input import CONTROL_REFUSED, as_form, holds_control
from state.listing import last_segment
from state.order import OrderState
from state.order_access import order_shown_to
from state.order_cancel_text import cancel_done
from state.shop import call, shop
from storefront.i18n import translations
from storefront.services.errors import Refusal
from storefront.services.orders.customer_cancel import Asker
from storefront.services.orders.ports import OrderRecord

MAX_EMAIL_TYPED = 1_000  # longer is no email: cut before any service sees it


def _cancel(reference: str, asker: Asker) -> OrderRecord:
    """Cancel the order the page shows, found again as the page found it (its key, or its
    owner); one no one here may see is refused as the service refuses it."""
    commerce = shop().commerce
    if commerce is None:
        raise Refusal("cancel.error.provider")
    order = order_shown_to(reference, asker.key, asker.account_id or 0)
    if order is None:
        raise Refusal("cancel.error.not_allowed")
    return commerce.cancels.cancel(order.id, asker, utc_now())


class OrderCancelState(rx.State):
    asking: bool = False
    busy: bool = False
    error: dict[str, str] = {}  # noqa: RUF012
    done: dict[str, str] = {}  # noqa: RUF012
    email_refused: bool = False  # the email typed is not the order's: its field is marked
    # The order the above are about: another order opened in this tab shows none of them.
    about: str = ""

    @rx.event
    def ask(self) -> None:
        self.asking, self.error, self.done, self.email_refused = True, {}, {}, False
        self.about = last_segment(self.router.url.path)

    @rx.event
    def keep(self) -> None:
        self.asking, self.error, self.email_refused = False, {}, False

    @rx.event
    async def confirm(self, form: Any = None) -> None:
        if self.busy:  # a double click's second submit: the first is under way
            return
        reference = last_segment(self.router.url.path)  # /order/<reference>
        if self.done and self.about == reference:
            # A double click's second submit, run once the first is done (a tab's events
            # run one after the other): it said "This order is already canceled" under the
            # first's success.
            return
        fields = as_form(form)
        self.error, self.email_refused = {}, False
        if holds_control(fields):
            self.error = translations(CONTROL_REFUSED)
            return
        self.about = reference
        key = str(self.router.url.query_parameters.get("key", ""))
        account_id = await (await self.get_state(AccountState))._current_account()
        email = str(fields.get("email", ""))[:MAX_EMAIL_TYPED]
        # What this cancel refunds, not a partial refund made before it (the page shows it).
        before = (await self.get_state(OrderState)).refunded_minor
        self.busy = True
        try:
            order = await call(_cancel, reference, Asker(account_id or None, key, email))
        except Refusal as refused:
            # Given up: the page's own notice says so, with what to do next.
            released = refused.code == "cancel.released"
            self.error = {} if released else translations(refused.code)
            self.email_refused = refused.code == "cancel.error.email"
            self.asking = self.asking and not released
            await (await self.get_state(OrderState)).load()  # as it now is: shipped, say
            return
        finally:
            self.busy = False
        self.asking = False
        refunded_now = max(order.refunded_minor - before, 0)
        self.done = cancel_done(refunded_now, order.amounts.currency)
        await (await self.get_state(OrderState)).load()
