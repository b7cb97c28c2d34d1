"""Pages as compiled: they say a list of the shopper's is empty, or offer to sign in, only once
their loads have all answered (components/once_loaded.py). Before, a page is prerendered for
no one, or shows a list as an earlier visit left it in the tab."""

from __future__ import annotations

import reflex as rx

from storefront.i18n import MESSAGES
from storefront.pages.account import account_page
from storefront.pages.cart import cart_page


def _conds_showing(node: object, text: str) -> list[str]:
    """The conditions of the innermost conds whose shown branch holds `text`."""
    found: list[str] = []
    if isinstance(node, dict):
        shown = str(node.get("true_value", ""))
        if "cond_state" in node and text in shown and "cond_state" not in shown:
            found.append(str(node["cond_state"]))
        for value in node.values():
            found.extend(_conds_showing(value, text))
    elif isinstance(node, list):
        for value in node:
            found.extend(_conds_showing(value, text))
    return found


def test_the_account_page_says_none_yet_or_sign_in_only_once_it_has_loaded() -> None:
    page = account_page().render()
    keys = ["account.no_orders", "account.no_addresses", "wishlist.empty", "restock.account.empty"]
    # Their first words: JavaScript escapes the quotes further on.
    said = [MESSAGES[key]["en"][:16] for key in keys] + ["account-sign-in"]
    for text in said:
        conds = _conds_showing(page, text)
        assert conds, text
        assert all(str(rx.State.is_hydrated) in cond for cond in conds), (text, conds)


def test_the_cart_page_says_the_cart_is_empty_only_once_it_has_loaded() -> None:
    """A tab that showed an empty cart, on the cart page again after adding from another tab."""
    conds = _conds_showing(cart_page().render(), "cart-empty")
    assert conds
    assert all(str(rx.State.is_hydrated) in cond for cond in conds), conds
