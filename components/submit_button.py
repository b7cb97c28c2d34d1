"""A form's submit button, which works only once the page is live.

Pages are prerendered: their forms are in the HTML before React takes them over and the
websocket is up. A submit before then would be the browser's own, a GET of the page with
every field in its URL (a password into the address bar, the history and the server's
logs), and the shopper's words would be lost to the reload. Disabled until the page is
hydrated, the button takes no click, and Enter in a field of its form submits nothing
(implicit submission stops at a disabled default button).
"""

from __future__ import annotations

from typing import Any

import reflex as rx


def submit_button(*children: Any, **props: Any) -> rx.Component:
    """rx.button of type submit, disabled until the page is live (and when `disabled`)."""
    live = rx.State.is_hydrated
    disabled = props.pop("disabled", None)
    props["disabled"] = ~live if disabled is None else (disabled | ~live)
    return rx.button(*children, type="submit", **props)
