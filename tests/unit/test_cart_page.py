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


def test_a_removed_line_is_offered_back_by_a_named_undo_button_in_the_live_region() -> None:
    """The note, always on the page, is heard when a removal fills it; its Undo button is a
    Tab stop named with the line it puts back, and after an undo the focus (gone with the
    button) goes to the note again, saying how it went."""
    note = cart_note()
    drawn = str(note)
    region, inside = drawn.split(",jsx(", 1)
    assert 'role:"status"' in region
    assert '"data-testid":"cart-undo"' in inside
    undo = inside[inside.index('"data-testid":"cart-undo"') - 300 :]
    assert "undo_label_rx_state_" in undo.split('"data-testid":"cart-undo"')[0]
    assert "undo_removal" in undo
    (hook,) = [h for h in note._get_all_hooks() if "cart_note_changes" in h]
    assert str(CartState.undos) in hook
