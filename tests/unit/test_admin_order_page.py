"""The admin's order page as compiled: what the browser is given to draw."""

from __future__ import annotations

import reflex as rx

from state.admin.orders import AdminOrderState
from storefront.pages.admin.order_detail import order_detail_page


def _find(component: rx.Component, tag: str) -> list[rx.Component]:
    found = [component] if component.tag == tag else []
    for child in component.children:
        found.extend(_find(child, tag))
    return found


def test_the_refund_confirmation_names_the_amount_asked() -> None:
    """Opened by the server once it has read the amount, and saying it in its question."""
    dialogs = [
        d
        for d in _find(order_detail_page(), "AlertDialog.Root")
        if str(AdminOrderState.refund_asked_minor) in str(d.open)  # type: ignore[attr-defined]
    ]
    assert len(dialogs) == 1
    (title,) = _find(dialogs[0], "AlertDialog.Title")
    question = str(title.render())
    assert str(AdminOrderState.refund_asked_minor) in question
    assert "{amount}" in question  # replaced in the browser, in the reader's language
