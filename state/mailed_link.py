"""What the pages asking for a mailed link share (state/account_confirm.py's "send the link
again", state/guest_orders.py's "add the orders I placed as a guest"): the account page's
button that mails a link to the signed-in account's address and its answer, and the page
the link opens, whose button does what it is for (opening it does nothing: mail scanners)."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

from models.types import utc_now
from state.account import AccountState
from state.client import client_of
from state.locale import LocaleState
from state.shop import call
from storefront.i18n import translations
from storefront.services.accounts.errors import AccountError

# A service's "mail the account a link": the address it went to; AccountError if none did.
Send = Callable[..., str]


class MailedLinkState(rx.State, mixin=True):
    # The account page's answer: where the link went, or why none did (per locale); `asks`
    # counts them, so the same words said again are heard again.
    sent: dict[str, str] = {}  # noqa: RUF012
    error: dict[str, str] = {}  # noqa: RUF012
    asks: int = 0
    # The link's page: the address its button acts on ("": no button), why it cannot, and
    # what came of it (per locale).
    link_email: str = ""
    link_error: dict[str, str] = {}  # noqa: RUF012
    link_done: dict[str, str] = {}  # noqa: RUF012

    def _clear(self) -> None:
        """The account page opened afresh: no answer from its last visit."""
        self.sent, self.error = {}, {}

    def _link_token(self, longest: int) -> str:
        """The link's token, cut one past the longest a link carries (refused as unknown)."""
        return str(self.router.url.query_parameters.get("token", ""))[: longest + 1]

    async def _ask(self, send: Send, sent_key: str, **params: object) -> AccountError | None:
        """Mail the signed-in account a link through `send`, then say where it went (the text
        `sent_key` with `params`) or why none did; the refusal, for the caller's own answer.
        Signed out in another tab meanwhile: the page says so, nothing is sent."""
        account = await self.get_state(AccountState)
        account_id = await account._current_account()
        if not account_id:
            account._signed_out()
            return None
        lang = (await self.get_state(LocaleState)).locale
        self.sent, self.error = {}, {}
        self.asks += 1
        try:
            email = await call(send, account_id, utc_now(), client=client_of(self), lang=lang)
        except AccountError as exc:
            self.error = translations(exc.code)
            return exc
        self.sent = translations(sent_key, email=email, **params)
        return None
