"""Changing the account's email: the account page's form (the new address and the password
given again), and the page the link mailed to the new address opens (/account/email), where
the shopper confirms the change with a button: a mail scanner opening the link changes
nothing."""

from __future__ import annotations

import reflex as rx

from models.types import utc_now
from state.account import AccountState
from state.account_security import refusal_of
from state.browser_input import as_form
from state.client import client_of
from state.cookies import cookie_value
from state.locale import LocaleState
from state.mailed_link import MailedLinkState
from state.shop import call, shop, with_database
from storefront.i18n import translations
from storefront.services.accounts.credentials import normalize_email
from storefront.services.accounts.email_change import LINK_INVALID, LINK_MINUTES, EmailChanges
from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.service import DEVICE_COOKIE

EMAIL_FORM = "email-form"
EMAIL_PATH = "/account/email"


def email_changes() -> EmailChanges:
    return with_database(shop().email_changes, "email changes")


class EmailChangeState(MailedLinkState, rx.State):
    # Its form is its own (the new address and the password given again, refused in the form):
    # `asks` also keys its fields, emptied after each link sent; the link's page is the
    # mixin's, `link_email` the address the link makes the account's.

    @rx.event
    async def change_email(self, form: dict[str, str]) -> None:
        """Mail a link to the new address, the password given again; the email changes
        once the link is used."""
        account = await self.get_state(AccountState)
        account_id = await account._current_account()
        if not account_id:
            account._signed_out()
            return
        fields = as_form(form)
        new_email = str(fields.get("email", ""))[:1000]
        password = str(fields.get("email_password", ""))[:1000]
        self.sent = {}
        confirm_url = shop().settings.public_url.rstrip("/") + EMAIL_PATH  # never the Host's
        self.error = await refusal_of(
            account,
            EMAIL_FORM,
            email_changes().request_change,
            account_id,
            new_email,
            password,
            confirm_url,
            utc_now(),
            device_token=cookie_value(self.router.headers.cookie, DEVICE_COOKIE),
            client=client_of(self),
            lang=(await self.get_state(LocaleState)).locale,
        )
        if not self.error:  # refused: said in its form
            self.asks += 1
            address = normalize_email(new_email)  # as the link went to it
            self.sent = translations("account.email_sent", email=address, minutes=LINK_MINUTES)

    @rx.event
    async def load_link_page(self) -> None:
        token = str(self.router.url.query_parameters.get("token", ""))
        self.link_done = {}
        self.link_email = await call(email_changes().link_usable, token, utc_now()) or ""
        self.link_error = {} if self.link_email else translations(LINK_INVALID)

    @rx.event
    async def confirm_link(self) -> None:
        token = str(self.router.url.query_parameters.get("token", ""))
        lang = (await self.get_state(LocaleState)).locale
        try:
            new = await call(email_changes().confirm_change, token, utc_now(), lang=lang)
        except AccountError as exc:
            self.link_error, self.link_email = translations(exc.code), ""
            return
        self.link_email = ""
        self.link_done = translations("account.email_changed", email=new)
        account = await self.get_state(AccountState)
        if account.signed_in:
            await account.load()  # this tab's account shows its new address
