"""A guest's tap on a product's heart, waiting for the sign-in it led to (state/wishlist.py
keeps the product once they are back on its page, signed in)."""

from __future__ import annotations

import reflex as rx


class WishOnReturn(rx.State):
    """The product a guest tapped the heart on, kept for when they are back on its page signed
    in. Not an account page's state: signing in resets those, this must outlive it. Only ever
    set by the tap, so no link can make an account keep a product; forgotten when the tab
    signs out, or signs in otherwise than from the page the tap opened, so the next person
    at a shared computer does not keep it."""

    _product_id: int = 0
    _until: float = 0.0

    def _forget(self) -> None:
        self._product_id, self._until = 0, 0.0
