"""What an empty cart says at checkout when one of its orders was just paid: in this tab
(Back after paying: its order's page), or in another tab or window (its confirmation is on
its way), never only "Your cart is empty." (QA)."""

from __future__ import annotations

import reflex as rx

from state.checkout_calls import cart_paid_lately
from state.shop import call


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

    def _forget_paid(self) -> None:
        self._paid_here, self._paid_href, self.paid_here_href = 0, "", ""
