"""A tab whose state the server lost (an hour idle, Redis restarted empty) finds the browser's
ids and language in its connection's Cookie header, which the page's answer gave them: it
had minted a new cart token over the guest's, whose cart was left behind (QA)."""

from __future__ import annotations

import uuid
from typing import Any

import reflex as rx
from reflex.istate.data import RouterData

from state.cart import CartState
from state.locale import LocaleState
from state.visitor import VisitorState

CART = "Zq3v9GmU0cPxWd1r-yL8aB2eK5tN7hJ4"
VISITOR = "0123456789abcdef0123456789abcdef"


def lost_tab(cookie: str) -> rx.State:
    """A tab's state made afresh for an event (no hydrate: its cookie vars empty), on a
    connection that opened with this Cookie header."""
    root = rx.State(_reflex_internal_init=True)
    root.router = RouterData.from_router_data(
        {"pathname": "/", "headers": {"cookie": cookie}, "sid": uuid.uuid4().hex}
    )
    return root


def test_the_cart_and_visitor_ids_come_back_from_the_connection() -> None:
    root = lost_tab(f"boutique_cart={CART}; boutique_visitor={VISITOR}; boutique_lang=fr")
    cart: Any = root.substates[CartState.get_name()]
    visitor: Any = root.substates[VisitorState.get_name()]
    locale: Any = root.substates[LocaleState.get_name()]
    assert (cart.cart_token, visitor.visitor) == ("", "")  # lost with the state
    assert cart._guest_token() == CART  # a sign-in merges that cart (review)
    assert visitor._visitor_id() == VISITOR
    assert locale.locale == "fr"


def test_a_connection_without_them_or_with_made_up_ones_gets_none() -> None:
    for cookie in ("", "boutique_cart=x; boutique_visitor=not-an-id", "boutique_cart=a b"):
        root = lost_tab(cookie)
        cart: Any = root.substates[CartState.get_name()]
        visitor: Any = root.substates[VisitorState.get_name()]
        assert cart._guest_token() == ""  # no cart yet: one is made when a line is added
        minted = visitor._visitor_id()
        assert len(minted) == 32
        assert minted != "not-an-id"
