"""Confirming the account's email: the account page's note while it is not confirmed, with
"send the link again", and the page the mailed link opens (/account/confirm), where a button
confirms (a mail scanner opening the link confirms nothing): services/accounts/
email_confirmation.py."""

from __future__ import annotations

import reflex as rx

from models.types import utc_now
from state.account import AccountState
from state.client import client_of
from state.locale import LocaleState
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


class EmailConfirmState(rx.State):
    # The account page's note: where a new link went, or why none did (per locale); `sends`
    # counts them, so the same words said again are heard again.
    sent: dict[str, str] = {}  # noqa: RUF012
    error: dict[str, str] = {}  # noqa: RUF012
    sends: int = 0
    # The link's page: the address its button confirms ("": none), and what came of it.
    link_email: str = ""
    link_error: dict[str, str] = {}  # noqa: RUF012
    link_done: dict[str, str] = {}  # noqa: RUF012

    def _clear(self) -> None:
        """The account page opened afresh: no answer from its last visit."""
        self.sent, self.error = {}, {}

    def _token(self) -> str:
        return str(self.router.url.query_parameters.get("token", ""))[: MAX_TOKEN + 1]

    @rx.event
    async def resend(self) -> None:
        """Mail the signed-in account a new link confirming its address."""
        account = await self.get_state(AccountState)
        account_id = await account._current_account()
        if not account_id:
            account._signed_out()
            return
        lang = (await self.get_state(LocaleState)).locale
        self.sent, self.error = {}, {}
        self.sends += 1
        try:
            email = await call(
                _confirmations().resend, account_id, utc_now(), client=client_of(self), lang=lang
            )
        except AccountError as exc:
            self.error = translations(exc.code)
            if exc.code == ALREADY:  # confirmed meanwhile (another tab): the note goes
                await account.load()
            return
        self.sent = translations("account.confirm.sent", email=email, days=CONFIRM_DAYS)

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
