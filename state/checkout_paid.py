"""What an empty cart says at checkout when one of its orders was just paid: in this tab
(Back after paying: its order's page), or in another tab or window (its confirmation is on
its way), never only "Your cart is empty." (QA)."""

from __future__ import annotations

from collections.abc import Mapping

import reflex as rx

from state.checkout_calls import cart_paid_lately
from state.shop import call

# The order page's query parameter that says it is the checkout's return, right after paying
# in this tab: the one visit it thanks for the order (state/order.py), not a visit from the
# account's list of orders, the mails or a later tab (QA).
THANKS_PARAM = "paid"


def return_href(order_href: str) -> str:
    """The order page the checkout sends the tab that paid to: its page, thanking."""
    return f"{order_href}&{THANKS_PARAM}=1"


def is_return(query: Mapping[str, object]) -> bool:
    """Whether the order page's query says it is the checkout's return."""
    return str(query.get(THANKS_PARAM, "")) == "1"


class PaidNews(rx.State, mixin=True):
    # The cart is empty because one of its orders was just paid, in another tab or window.
    paid_elsewhere: bool = False
    # The order this tab paid last, its page: Back after paying says so, not "empty" (QA).
    paid_here_href: str = ""
    # The order paid in another tab or window, its page (its key: this cart's browser paid it).
    paid_elsewhere_href: str = ""
    _paid_here: int = 0  # the last order this tab paid
    _paid_href: str = ""  # its page

    async def _tell_paid(self, tokens: tuple[str, str], empty: bool) -> None:
        """The cart (now `empty` or not) read again: what it says of its last order paid."""
        found = await call(cart_paid_lately, tokens) if empty else None
        latest, href = found if found is not None else (None, "")
        paid = latest is not None and latest != self._paid_here  # Back after paying here
        if paid != self.paid_elsewhere:
            self.paid_elsewhere = paid
        elsewhere = href if paid else ""
        if elsewhere != self.paid_elsewhere_href:
            self.paid_elsewhere_href = elsewhere
        # The order this tab paid, while it is the cart's last paid lately: not after a
        # sign-out (another cart), nor days later (review: the next person at the tab saw it).
        here = self._paid_href if latest is not None and latest == self._paid_here else ""
        if here != self.paid_here_href:
            self.paid_here_href = here

    def _paid_in_this_tab(self, order_id: int, href: str) -> None:
        self._paid_here, self._paid_href = order_id, href

    def _paid_last_here(self, order_id: int) -> bool:
        """Whether this tab paid `order_id` last (its checkout's return may thank for it)."""
        return bool(order_id) and self._paid_here == order_id

    def _forget_paid(self) -> None:
        self._paid_here, self._paid_href, self.paid_here_href = 0, "", ""
