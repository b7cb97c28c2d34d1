"""The order page's notices of what the shop now settles with the shopper, as compiled for
the browser: a cancel given up and a refund owed each end on the shop's address."""

from __future__ import annotations

from storefront.pages.order import order_page
from storefront.settings import get_settings


def test_a_cancel_given_up_and_a_refund_owed_end_on_the_address_to_write_to() -> None:
    compiled = str(order_page())
    mailto = f'"mailto:{get_settings().contact_address}"'
    for testid in ('"cancel-released"', '"cancel-refund-owed"'):
        start = compiled.index(testid)
        notice = compiled[start : start + 1_500]  # the notice: its text, then its link
        assert mailto in notice
    assert "You can also write to us:" in compiled
    assert "Vous pouvez aussi nous \\u00e9crire\\u202f:" in compiled
