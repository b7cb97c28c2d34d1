"""Confirming the account's email: the account page's note while it is not confirmed, with
"send the link again", and the page the mailed link opens (/account/confirm), where a button
confirms (a mail scanner opening the link confirms nothing): services/accounts/
email_confirmation.py."""

from __future__ import annotations

import reflex as rx

from models.types import utc_now
from state.account import AccountState
from state.mailed_link import MailedLinkState
from state.shop import call, shop, with_database
from storefront.i18n import translations
from storefront.services.accounts.email_confirmation import (
    ALREADY,
    CONFIRM_DAYS,
    MAX_TOKEN,
    EmailConfirmations,
)
from storefront.services.accounts.errors import AccountError


def _confirmations() -> EmailConfirmations:
    return with_database(shop().email_confirmations, "email confirmations")


class EmailConfirmState(MailedLinkState, rx.State):
    def _token(self) -> str:
        return self._link_token(MAX_TOKEN)

    @rx.event
    async def resend(self) -> None:
        """Mail the signed-in account a new link confirming its address."""
        refused = await self._ask(
            _confirmations().resend, "account.confirm.sent", days=CONFIRM_DAYS
        )
        if refused is not None and refused.code == ALREADY:
            # Confirmed meanwhile (another tab): the note goes.
            await (await self.get_state(AccountState)).load()

    @rx.event
    async def load_link_page(self) -> None:
        found = await call(_confirmations().check, self._token(), utc_now())
        done = found.confirmed and not found.problem
        self.link_email = "" if found.problem or done else found.email
        self.link_error = translations(found.problem, days=CONFIRM_DAYS) if found.problem else {}
        self.link_done = translations("account.confirm.done", email=found.email) if done else {}

    @rx.event
    async def confirm(self) -> None:
        try:
            email = await call(_confirmations().confirm, self._token(), utc_now())
        except AccountError as exc:
            self.link_email, self.link_error = "", translations(exc.code, days=CONFIRM_DAYS)
            return
        self.link_email = ""
        self.link_done = translations("account.confirm.done", email=email)
        account = await self.get_state(AccountState)
        if account.signed_in:
            await account.load()  # this tab's account page no longer says "not confirmed"
