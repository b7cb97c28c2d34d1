"""The email typed in the sign-in form, carried to the form asking for a reset link when the
shopper follows "Forgot your password?", so they need not type it again. Kept in the tab's
state, never in the address: an email there would stay in the browser's history and in the
logs of whatever sees the URL."""

from __future__ import annotations

import reflex as rx

from state.account import SIGN_IN_FORM
from state.account_pages import account_page
from storefront.services.accounts.resets import RESET_PATH
from storefront.services.text import without_control

# The sign-in form's email as the page holds it when the link is followed (read then: an
# address the browser filled in was never in an event).
TYPED_EMAIL = (
    f"(document.querySelector('#{SIGN_IN_FORM} input[name=\"email\"]') || {{value: ''}}).value"
)


# Signing in or out forgets it, as it does the account's pages: the next person at a shared
# computer is not offered the last one's address.
@account_page
class ResetEmailState(rx.State):
    email: str = ""

    @rx.event
    def forgot(self, typed: str) -> rx.event.EventSpec:
        """ "Forgot your password?" followed, `typed` in the sign-in form's email field: the
        reset page opens with it in its form."""
        # Cut as AccountState.request_reset cuts what its form sends.
        self.email = without_control(str(typed or "")[:1000]).strip()
        return rx.redirect(RESET_PATH)
