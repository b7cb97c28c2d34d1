"""The withdrawal function as compiled for the browser: its unambiguous labels in both
languages, two steps, and the guest page's lookup form."""

from __future__ import annotations

from storefront.pages.order import order_page
from storefront.pages.withdraw import withdraw_page


def test_the_order_page_offers_withdraw_from_contract_here_then_confirm_withdrawal() -> None:
    compiled = str(order_page())
    for label in (
        '"Withdraw from contract here"',
        '"Se r\\u00e9tracter du contrat ici"',
        '"Confirm withdrawal"',
        '"Confirmer la r\\u00e9tractation"',
        # Before it ships, the cancel is the withdrawal, and says so.
        '"Cancel order (withdraw from contract)"',
    ):
        assert label in compiled
    assert '"withdraw-open"' in compiled
    assert '"withdraw-confirm"' in compiled


def test_the_guest_page_asks_the_reference_and_email_then_shows_the_same_function() -> None:
    compiled = str(withdraw_page())
    for testid in ('"withdraw-reference"', '"withdraw-lookup-email"', '"withdraw-open"'):
        assert testid in compiled
