"""Signing up, in and out, and resetting a password (changing it and closing the account are
state/account_security.py's). The session token lives in an HttpOnly cookie, which only the
/api/session routes set and clear (storefront/api/session_cookie.py); the server reads it
from the headers the tab's connection arrived with."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable

import reflex as rx

from models.types import utc_now
from state.account_pages import ACCOUNT_PAGES
from state.browser_input import CONTROL_REFUSED, as_form
from state.cart import CartState, attach_guest_cart
from state.client import client_of
from state.cookies import cookie_value
from state.locale import LocaleState
from state.refusals import refusal
from state.session_cookie import post_form
from state.shop import call, call_hashing, shop, with_database
from state.visitor import VisitorState, visitor_of
from state.wish_on_return import WishOnReturn
from storefront.i18n import translations
from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.personal_data import DOWNLOAD_PATH
from storefront.services.accounts.resets import RESET_PATH, Resets
from storefront.services.accounts.service import DEVICE_COOKIE, SESSION_COOKIE, Accounts
from storefront.services.accounts.sessions import SignedIn
from storefront.services.paths import local_path
from storefront.services.text import has_control, without_control

log = logging.getLogger(__name__)
# The account pages' forms (their ids; the password's and closing's are in account_security.py):
# a refusal marks the fields at fault in its form only.
SIGN_IN_FORM, SIGN_UP_FORM = "sign-in-form", "sign-up-form"
RESET_FORM, RESET_REQUEST_FORM, PROFILE_FORM = "reset-form", "reset-request-form", "profile-form"


def accounts() -> Accounts:
    return with_database(shop().accounts, "accounts")


def _resets() -> Resets:
    return with_database(shop().resets, "password resets")


class AccountState(rx.State):
    # Backend only: this tab's session token, and the connection it was last read from.
    _session: str = ""
    _connection: str | None = None
    account_id: int = 0
    email: str = ""
    name: str = ""
    staff: bool = False
    # Whether its owner proved the address theirs (True signed out: no note to show).
    email_confirmed: bool = True
    error: dict[str, str] = {}  # noqa: RUF012
    # The form `error` is about, which shows it beside its fields (on a phone the page's top,
    # where the others are said, is out of sight); empty: said at the top.
    error_form: str = ""
    notice: dict[str, str] = {}  # noqa: RUF012
    notices: int = 0  # how many were said: the same one said again is drawn (and heard) anew
    # The fields `error` is about, as "form id/field name"; `refused` names the form anew at
    # each refusal (state/refusals.py), and the page takes the focus to its field in error.
    invalid: list[str] = []  # noqa: RUF012
    refused: str = ""
    busy: bool = False
    # On the reset page: whether its link carried a token (the form to choose a password)
    # or not (the form asking for a link). A var the reset page's load sets, not one
    # computed from the URL: that one was computed again on every page of the shop.
    reset_token_present: bool = False
    # Said on the account page a reset signs in to (the sign-in's redirect loads it afresh,
    # which clears the messages of the page before).
    _arrival_notice: dict[str, str] = {}  # noqa: RUF012

    @rx.var
    def signed_in(self) -> bool:
        return self.account_id > 0

    @rx.var
    def data_url(self) -> str:
        """The download of the account's data (storefront/api/account_data.py)."""
        return f"{shop().settings.api_base_url}{DOWNLOAD_PATH}"

    def _session_token(self) -> str:
        """This tab's session: the cookie its connection brought, unless the tab signed in or
        out since. Every new connection (a reload, a navigation after signing in or out)
        brings the cookie as it now is, and the cookie wins: a sign-in whose cookie was not
        set leaves the tab signed out once it reconnects."""
        connection = self.router.session.session_id
        if connection != self._connection:
            self._connection = connection
            self._session = cookie_value(self.router.headers.cookie, SESSION_COOKIE)
        return self._session

    @rx.event
    async def load(self) -> None:
        """Who the session cookie belongs to (on every account page)."""
        token = self._session_token()
        # No cookie, no session (Accounts.session says None): a guest's page views, the
        # product page's above all, need no thread for it.
        account_id = await call(accounts().session, token, utc_now()) if token else None
        await self._become(account_id or 0)

    async def _become(self, account_id: int) -> None:
        self.account_id = account_id
        record = await call(accounts().account, account_id) if account_id else None
        self.email = record.email if record else ""
        self.name = record.name if record else ""
        self.email_confirmed = record is None or record.email_confirmed_at is not None
        # Only to show staff the way to the admin; the admin re-reads the role on every call.
        self.staff = record is not None and record.role in ("staff", "admin")

    async def _forget_account_pages(self) -> None:
        """What the tab showed of an account (addresses, orders, wishlist, the checkout's
        details, admin lists) leaves with it: Reflex sends the tab's whole state to the
        browser again on every reconnect, so the next person at this tab would get it."""
        from state.checkout import CheckoutState

        for page in ACCOUNT_PAGES:
            (await self.get_state(page)).reset()
        # Not reset (country, delivery, code stay): it lets go of the account's details and
        # of the payment under way, whose order stays with its cart.
        (await self.get_state(CheckoutState))._forget_account()

    async def _current_account(self) -> int:
        """The account of the session cookie, checked again now (0 when signed out): what a
        change to the account's own data must use, since another tab may have signed out."""
        await self.load()
        return self.account_id

    @rx.event
    def working(self) -> None:
        """An account form was sent: its button turns busy at once, as the answer is worked
        out (a password is hashed), and no form of the page is sent twice meanwhile."""
        self.busy = True

    @rx.event
    def worked(self) -> None:
        """After the form's own event, whatever its outcome (see `working`)."""
        self.busy = False

    def _signed_out(self) -> None:
        """A form of the account page sent after the session ended (signed out in another
        tab): the page now offers to sign in, and says why nothing was done."""
        self.error, self.notice, self.invalid = translations("account.error.signed_out"), {}, []
        self.error_form = ""

    @rx.event
    async def rename(self, form: dict[str, str]) -> None:
        account_id = await self._current_account()
        if not account_id:
            self._signed_out()
            return
        name = str(as_form(form).get("name", ""))[:500]
        if has_control(name):
            self._fail(AccountError(CONTROL_REFUSED), PROFILE_FORM)
            return
        try:
            await call(accounts().rename, account_id, name)
        except AccountError as exc:
            self._fail(exc, PROFILE_FORM)
            return
        if (reviews := shop().reviews) is not None:  # their bylines follow the name
            try:
                await call(reviews.on_renamed, account_id)
            except Exception:  # saved all the same: the bylines follow within the cache's life
                log.exception("account %d renamed; its reviews' bylines not refreshed", account_id)
        await self._become(account_id)
        self._say(translations("account.profile_saved"))

    def _fail(self, exc: AccountError, form_id: str) -> None:
        """Show why `form_id` was refused, marking the fields at fault."""
        self.error, self.notice, self.error_form = translations(exc.code), {}, form_id
        self.invalid = [f"{form_id}/{field}" for field in exc.fields]
        self.refused = refusal(form_id, self.refused)

    def _say(self, notice: dict[str, str]) -> None:
        """No error (nor fields marked): `notice`, if any."""
        self.error, self.notice, self.invalid, self.error_form = {}, notice, [], ""
        if notice:
            self.notices += 1

    @rx.event
    async def load_sign_in_page(self) -> None:
        self._say({})  # the last page's message is not about this one
        self.busy = False  # a page opened afresh waits on no form (see `working`)
        self._arrival_notice = {}  # a sign-in whose hand-over failed lands here
        await self.load()

    @rx.event
    async def load_reset_page(self) -> AsyncIterator[None]:
        self._say({})
        self.busy = False
        token = str(self.router.url.query_parameters.get("token", ""))
        usable = bool(token) and await call(_resets().link_usable, token, utc_now())
        self.reset_token_present = usable
        if token and not usable:  # used or expired: said now, with the form asking anew
            self._say(translations("account.error.reset_invalid"))
        yield  # the right form at once, before the session is looked up
        await self.load()

    @rx.event
    async def load_account_page(self) -> rx.event.EventSpec | None:
        self._say(self._arrival_notice)
        self.busy = False
        self._arrival_notice = {}
        from state.account_confirm import EmailConfirmState  # which import this
        from state.account_email import EmailChangeState
        from state.account_security import AccountSecurityState
        from state.guest_orders import GuestOrdersState

        (await self.get_state(AccountSecurityState))._clear()
        (await self.get_state(GuestOrdersState))._clear()
        (await self.get_state(EmailChangeState))._clear()
        (await self.get_state(EmailConfirmState))._clear()
        await self.load()
        return None if self.account_id else rx.redirect("/account/sign-in")

    @rx.event
    async def sign_up(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        form = as_form(form)
        return await self._enter(
            SIGN_UP_FORM,
            accounts().sign_up,
            form.get("email", ""),
            form.get("password", ""),
            form.get("name", ""),
            client=client_of(self),
            lang=(await self.get_state(LocaleState)).locale,  # of its welcome mail
        )

    @rx.event
    async def sign_in(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        # The device cookie as the tab's connection brought it (set at an earlier sign-in).
        device = cookie_value(self.router.headers.cookie, DEVICE_COOKIE)
        form = as_form(form)
        return await self._enter(
            SIGN_IN_FORM,
            accounts().sign_in,
            form.get("email", ""),
            form.get("password", ""),
            device_token=device,
            client=client_of(self),
        )

    async def _enter(
        self, form_id: str, action: Callable[..., SignedIn], *args: str, **options: str
    ) -> rx.event.EventSpec | None:
        """Sign in through `action` (sign-up, sign-in or reset, from the form `form_id`), or
        show why not; then the page posts the session's grant to /api/session, which sets the
        cookie and opens the account page."""
        texts = tuple(str(arg)[:1000] for arg in args)  # what a crafted event sends: text
        if any(has_control(text) for text in texts):
            self._fail(AccountError(CONTROL_REFUSED), form_id)
            return None
        self.busy = True
        # This browser, remembered with the account: closing it deletes what it browsed.
        visitor = await visitor_of(self)
        options = {**options, "visitor_id": visitor}
        try:
            signed = await call_hashing(action, *texts, utc_now(), **options)
        except AccountError as exc:
            self._fail(exc, form_id)
            return None
        finally:
            self.busy = False
        self._session_token()  # this connection's cookie is read: the new session wins over it
        self._session = signed.session_token
        if signed.visitor_id and signed.visitor_id != visitor:  # another account's browser
            (await self.get_state(VisitorState)).visitor = signed.visitor_id
        self._say({})
        await self._forget_account_pages()
        await self._become(signed.account_id)
        cart = await self.get_state(CartState)
        await call(attach_guest_cart, cart._guest_token(), signed.account_id)
        grant = await call(accounts().hand_over, signed.session_token, utc_now())
        # Back where the sign-in page was opened from (its `next`), a page of this shop only.
        opened_from = str(self.router.url.query_parameters.get("next", ""))
        if not opened_from:  # not from a heart's tap: a tap left waiting is someone else's
            (await self.get_state(WishOnReturn))._forget()
        back = local_path(opened_from, "/account")
        done = form_id == RESET_FORM and back == "/account"
        self._arrival_notice = translations("account.reset_done") if done else {}
        return rx.call_script(post_form("/api/session", {"grant": grant, "next": back}))

    @rx.event
    async def sign_out(self) -> rx.event.EventSpec:
        await call(accounts().sign_out, self._session_token(), utc_now())
        return await self._leave("/")

    async def _leave(self, next_path: str) -> rx.event.EventSpec:
        """Signed out in this tab, what it showed of the account forgotten, the cookie
        cleared by /api/session/end, which then opens `next_path`."""
        self._session = ""
        await self._forget_account_pages()
        (await self.get_state(WishOnReturn))._forget()
        await self._become(0)
        # Written to the cookie (by the state's delta) before the script leaves the page.
        (await self.get_state(VisitorState))._start_afresh()
        return rx.call_script(post_form("/api/session/end", {"next": next_path}))

    @rx.event(background=True)
    async def request_reset(self, form: dict[str, str]) -> None:
        # The same answer whether or not the email has an account, and sent before the
        # work (a link stored and mailed only for an account): its timing tells nothing.
        async with self:
            self._say(translations("account.reset_sent"))
        # The link's origin comes from settings, never from the request's Host header (which
        # an attacker could set to receive someone else's reset token).
        link = shop().settings.public_url.rstrip("/") + RESET_PATH
        async with self:
            client = client_of(self)
            lang = (await self.get_state(LocaleState)).locale  # of the mail
        try:
            email = without_control(str(as_form(form).get("email", ""))[:1000])
            await call(_resets().request_reset, email, link, utc_now(), client=client, lang=lang)
        except AccountError as exc:  # too many from this address (not about the email)
            async with self:
                self._fail(exc, RESET_REQUEST_FORM)
        except Exception:  # the answer is given: the operator learns it from the log
            log.exception("mailing a password reset link")

    @rx.event
    async def set_new_password(self, form: dict[str, str]) -> rx.event.EventSpec | None:
        token = self.router.url.query_parameters.get("token", "")
        password = as_form(form).get("password", "")
        lang = (await self.get_state(LocaleState)).locale  # of the notice mailed after it
        return await self._enter(RESET_FORM, _resets().reset_password, token, password, lang=lang)
