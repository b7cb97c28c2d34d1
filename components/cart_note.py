"""The cart's note (an add, a refused quantity, a removed line): a live region that stays on
the page, so a screen reader hears each new note (a region drawn together with its text is not
always read), and that takes the focus when removing a line took it away."""

from __future__ import annotations

import reflex as rx

from components.i18n import pick
from components.react_hooks import carrying_hook
from state.cart import CartState

NOTE_ID = "cart-note"

# After a removal (a new value of `removals`), once React has taken the line away: a focus
# that went with the line's Remove button (or its quantity box) lands on the page's body, so
# it moves to the note saying what was removed; a focus the shopper moved elsewhere stays. As
# for refusals (components/form_fields.py), neither the count the page mounted with nor one a
# reload brings back (before the page's load events have run) is a new removal.
_FOCUS_AFTER_REMOVAL = """const cart_removals = useRef({removals});
useEffect(() => {{
  if (cart_removals.current === {removals}) return;
  cart_removals.current = {removals};
  if (!{hydrated}) return;
  const focused = document.activeElement;
  if (focused && focused !== document.body) return;
  document.getElementById({note})?.focus();
}}, [{removals}]);"""


def cart_note() -> rx.Component:
    removals = CartState.removals
    hook = _FOCUS_AFTER_REMOVAL.format(
        removals=str(removals),
        hydrated=str(rx.State.is_hydrated),
        note=f'"{NOTE_ID}"',
    )
    watched = carrying_hook(removals, hook, rx.State.is_hydrated, react=("useEffect", "useRef"))
    return rx.box(
        rx.cond(
            CartState.message.length() > 0,
            rx.callout(
                pick(CartState.message),
                icon="info",
                size="1",
                margin_bottom="1em",
                data_testid="cart-message",
            ),
        ),
        role="status",
        id=NOTE_ID,
        tab_index=-1,  # takes the focus from a script, not a Tab stop
        data_removals=watched,  # carries the hook, which lives (and updates) with the note
    )
