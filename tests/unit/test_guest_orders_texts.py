"""The account page's note on guest orders (components/order_history.py): it no longer says
they are never listed (QA); it names the address and, until it is confirmed, says they
appear once it is; in English and French."""

from __future__ import annotations

from components.order_history import order_history
from storefront.i18n import translations


def test_the_note_says_guest_orders_appear_once_the_address_is_confirmed() -> None:
    waiting = translations("account.guest_orders.unconfirmed")
    assert waiting["en"] == (
        "Orders placed without signing in with {email} appear here once this email address "
        "is confirmed."
    )
    assert waiting["fr"].startswith("Les commandes passées sans être connecté avec {email}")
    listed = translations("account.guest_orders.confirmed")
    assert all("{email}" in text for text in listed.values())
    assert listed["en"].startswith("Orders placed without signing in with {email} are listed")


def test_the_account_page_picks_the_note_by_whether_the_address_is_confirmed() -> None:
    rendered = str(order_history())
    assert "email_confirmed" in rendered
    assert "not listed here: each" not in rendered
    assert "are not listed here" not in str(translations("account.guest_orders.confirmed"))
