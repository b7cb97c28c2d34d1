"""The account page's two forms that ask for the password again: changing it, and closing
the account for good (the third, changing the email, is state/account_email.py's, answered
the same way: `refusal_of`). Each says its answer in its own form (at the foot of the page); the
fields at fault are marked, and the tab signed in or out, through the account's state."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from models.types import utc_now
from state.account import AccountState, accounts
from state.browser_input import as_form
from state.client import client_of
from state.cookies import cookie_value
from state.locale import LocaleState
from state.refusals import refusal
from state.shop import call_hashing
from state.visitor import visitor_of
from storefront.i18n import translations
from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.service import DEVICE_COOKIE

CLOSED_PATH = "/account/closed"
CLOSE_FORM, PASSWORD_FORM = "close-form", "password-form"


class AccountSecurityState(rx.State):
    # Why closing the account was refused, shown in its form (at the foot of the page).
    close_error: dict[str, str] = {}  # noqa: RUF012
    # The password form's answer (refusal or done), in the form; `password_changes` counts
    # the changes made, and keys its fields: they are emptied after each.
    password_error: dict[str, str] = {}  # noqa: RUF012
    password_changes: int = 0
    _closed_here: bool = False  # this tab closed an account: /account/closed says so to it

    def _clear(self) -> None:
        """The account page opened afresh: no answer from its last visit."""
        self.close_error, self.password_error, self.password_changes = {}, {}, 0

    @rx.event
    async def close_account(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        """Close the signed-in account for good (its password given again), then leave."""
        account = await self.get_state(AccountState)
        account_id = await account._current_account()
        if not account_id:
            account._signed_out()
            return None
        password = str(as_form(form).get("password", ""))[:1000]
        device = cookie_value(self.router.headers.cookie, DEVICE_COOKIE)
        self.close_error = await refusal_of(
            account,
            CLOSE_FORM,
            accounts().close,
            account_id,
            password,
            utc_now(),
            device,
            client=client_of(self),
            visitor_id=await visitor_of(self),
            lang=(await self.get_state(LocaleState)).locale,
        )
        # Refused: said in its form, at the foot of the page.
        if self.close_error:
            return None
        self._closed_here = True
        return await account._leave(CLOSED_PATH)

    @rx.event
    def load_closed(self) -> rx.event.EventSpec | None:
        """The closing's page, for the tab that closed an account only: opened from a
        bookmark, a link or another tab it told anyone their account was closed (QA)."""
        return None if self._closed_here else rx.redirect("/")

    @rx.event
    async def change_password(self, form: dict[str, str]) -> None:
        """A new password, the current one given again; this tab stays signed in, the
        account's other sessions end."""
        account = await self.get_state(AccountState)
        account_id = await account._current_account()
        if not account_id:
            account._signed_out()
            return
        fields = as_form(form)
        current = str(fields.get("current_password", ""))[:1000]
        new = str(fields.get("password", ""))[:1000]
        device = cookie_value(self.router.headers.cookie, DEVICE_COOKIE)
        self.password_error = await refusal_of(
            account,
            PASSWORD_FORM,
            accounts().change_password,
            account_id,
            current,
            new,
            utc_now(),
            account._session_token(),
            device_token=device,
            client=client_of(self),
            lang=(await self.get_state(LocaleState)).locale,
        )
        if not self.password_error:  # refused: said in its form
            self.password_changes += 1


async def refusal_of(
    account: AccountState, form_id: str, action: Callable[..., object], *args: Any, **options: Any
) -> dict[str, str]:
    """Run `action` (which checks the password given again), the account's forms busy
    meanwhile: nothing when done, else why not, its fields at fault in `form_id` marked."""
    account.busy = True
    try:
        await call_hashing(action, *args, **options)
    except AccountError as exc:
        account.invalid = [f"{form_id}/{field}" for field in exc.fields]
        account.refused = refusal(form_id, account.refused)
        return translations(exc.code)
    finally:
        account.busy = False
    account.invalid = []
    return {}
