"""The cart page's parts as compiled for the browser."""

from __future__ import annotations

from storefront.pages.cart import checkout_link


def test_the_checkout_link_is_one_stop_for_the_tab_key() -> None:
    # The link and the button drawn in it were two stops for one way to the checkout.
    assert "tabIndex:-1" in str(checkout_link())
