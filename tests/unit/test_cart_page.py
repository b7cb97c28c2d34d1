"""The cart page's parts as compiled for the browser."""

from __future__ import annotations

import reflex as rx

from components.cart_note import NOTE_ID, cart_note
from state.cart import CartState
from storefront.pages.cart import _line, checkout_link


def test_the_checkout_link_is_one_element_drawn_as_a_button() -> None:
    # A button inside the link was two interactive elements, two Tab stops, for one way.
    assert str(checkout_link()).startswith("jsx(RadixThemesButton,{asChild:true,")


def test_cart_lines_are_keyed_by_sku_so_a_removed_lines_elements_go_with_it() -> None:
    # Keyed by place, the next line took over the removed one's Remove button, and its focus.
    lines = str(rx.foreach(CartState.lines, _line))
    assert 'key:line_rx_state_?.["sku"]' in lines
    assert "key:index_" not in lines


def test_the_cart_note_is_a_live_region_always_on_the_page_taking_the_focus_after_a_removal() -> (
    None
):
    note = cart_note()
    drawn = str(note)
    assert drawn.startswith("jsx(RadixThemesBox,")  # outside the condition on the message
    assert 'role:"status"' in drawn.split(",jsx(", 1)[0]
    assert "tabIndex:-1" in drawn.split(",jsx(", 1)[0]
    (hook,) = [h for h in note._get_all_hooks() if "cart_note_changes" in h]
    assert str(CartState.removals) in hook  # the count of removals it follows
    assert "document.activeElement" in hook
    assert f'document.querySelector("#{NOTE_ID}")?.focus()' in hook
