"""An anonymous visitor id (a cookie) that personalisation and the search log hang on."""

from __future__ import annotations

import secrets

import reflex as rx

from state.cookies import shop_cookie


class VisitorState(rx.State):
    visitor: str = shop_cookie("boutique_visitor")

    def _visitor_id(self) -> str:
        """This visitor's id, minted on first use."""
        if len(self.visitor) != 32 or not self.visitor.isalnum():
            self.visitor = secrets.token_hex(16)
        return self.visitor

    def _start_afresh(self) -> None:
        """A new visitor id (at sign-out): the next person at this browser inherits none of
        the history, recommendations or recently viewed products of the one who left."""
        self.visitor = secrets.token_hex(16)


async def visitor_of(state: rx.State) -> str:
    """The visitor id of the session `state` belongs to."""
    return (await state.get_state(VisitorState))._visitor_id()
