"""The admin's root state: who is signed in as staff, and the guard every admin handler calls
first. The role is read from the database on every call, never trusted from the state."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from typing import Any, ParamSpec, TypeVar

import reflex as rx

from models.types import utc_now
from state.account import AccountState
from state.account_pages import account_page
from state.browser_input import CONTROL_REFUSED, holds_control, whole
from state.shop import call, shop, with_database
from storefront.bootstrap_admin import Admin
from storefront.i18n import LOCALES, plural_key, translate, translations
from storefront.i18n_format import format_money, format_number
from storefront.services.admin.access import AccessDenied, Permission, Staff
from storefront.services.errors import AlreadyDone, Refusal

P = ParamSpec("P")
R = TypeVar("R")
Errors = dict[str, dict[str, str]]


def admin() -> Admin:
    return with_database(shop().admin, "the admin")


def one_use_key() -> str:
    """A key for the form drawn next, sent back with it: the handler acts on the form that
    carries the current key and then changes it, so the same form sent twice (a double
    click) acts once."""
    return secrets.token_hex(12)


def said(
    refusal: Refusal,
    currency: str,
    key: str | None = None,
    params: Mapping[str, int] | None = None,
) -> dict[str, str]:
    """A refusal's message (`key`, its own code by default) in each language, with the
    whole numbers (`params`, its own by default) and the amounts it names ("{limit}")
    written as readers of that language write them, amounts in `currency`."""
    numbers = refusal.params if params is None else params
    texts = translations(key or refusal.code)
    if not (numbers or refusal.amounts or refusal.texts):
        return texts
    if "count" in numbers:  # a `count` picks each language's singular or plural
        texts = {
            locale: translations(plural_key(locale, key or refusal.code, numbers["count"]))[locale]
            for locale in texts
        }
    return {
        locale: text.format(
            **{n: format_number(locale, v) for n, v in numbers.items()},
            **{n: format_money(locale, a, currency) for n, a in refusal.amounts.items()},
            **refusal.texts,
        )
        for locale, text in texts.items()
    }


def field_messages(refusal: Refusal, currency: str = "EUR") -> Errors:
    """Each field's message at fault, in every language, with the numbers it names."""
    return {
        field: said(refusal, currency, key, refusal.field_params.get(field, {}))
        for field, key in refusal.fields.items()
    }


@account_page
class AdminState(rx.State):
    staff_email: str = ""
    staff_role: str = ""
    currency: str = "EUR"
    # The refusal's code when the page itself was refused as it opened: it then shows why
    # (sign in as staff, or not for this role) in its place. "" when it was not.
    denied: str = ""
    # The outcome of the last action, per locale ("" keys when there is none).
    notice: dict[str, str] = {}  # noqa: RUF012
    problem: dict[str, str] = {}  # noqa: RUF012
    notices: int = 0  # how many were told: each drawn anew, and focused if its button went
    _notice_moves: bool = False  # the notice goes along to the page the action opens next

    @rx.var
    def is_admin(self) -> bool:
        return self.staff_role == "admin"

    async def _staff(
        self, permission: Permission = Permission.VIEW, *, opening: bool = False
    ) -> Staff | None:
        """The signed-in staff member allowed `permission`, or None. A page refused as it
        opens (`opening`: its load events) shows the refusal in its place; an action refused
        (the session ended meanwhile, say) says why above the page, whose forms keep what
        was typed. Not to save it after signing in again elsewhere, though: this tab's
        connection keeps the cookie it opened with (AccountState._session_token) until a
        reload."""
        session = (await self.get_state(AccountState))._session_token()
        try:
            staff = await call(admin().team.staff, session, utc_now(), permission)
        except AccessDenied as exc:
            root = await self.get_state(AdminState)
            if opening:
                root.denied = exc.code
            root.problem, root.notice = translations(exc.code), {}
            return None
        root = await self.get_state(AdminState)
        root.denied = ""
        root.staff_email, root.staff_role = staff.email, staff.role.value
        root.currency = admin().currency
        return staff

    async def _staff_for_form(
        self,
        permission: Permission,
        form: Any,
        key: str | None = None,
        *,
        errors_var: str = "errors",
    ) -> Staff | None:
        """`_staff`, for an action on a form sent: None too, and nothing done, for a payload
        that is not a form, a form holding a control character (the page says so above it,
        and the form's messages of its last sending, held in `errors_var` when the state has
        it, go: they are not about this one; QA), or, with `key` (the var holding the form's
        one-use key), a form sent again."""
        staff = await self._staff(permission)
        if staff is None or not isinstance(form, dict):
            return None
        if holds_control(form):
            if hasattr(self, errors_var):
                setattr(self, errors_var, {})
            await self._problem(CONTROL_REFUSED)
            return None
        if key is not None and not self._take_key(form, key):
            return None
        return staff

    def _take_key(self, form: dict[str, Any], name: str) -> bool:
        """Whether `form` carries the current one-use key held in the var `name`, which then
        changes: False for a form sent again (a double click), which must not act twice."""
        if str(form.get(name, "")) != getattr(self, name):
            return False
        setattr(self, name, one_use_key())
        return True

    def _path_id(self) -> int:
        """The number ending the page's path (/admin/orders/12 -> 12); 0 when there is none."""
        return whole(self.router.url.path.rstrip("/").rsplit("/", 1)[-1])

    async def _attempt(
        self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs
    ) -> tuple[R | None, Errors]:
        """Run a use case off the event loop; a refusal becomes the page's problem and the
        per-field messages returned (the result is None then), except one saying it was done
        already, which becomes its notice."""
        root = await self.get_state(AdminState)
        try:
            result = await call(fn, *args, **kwargs)
        except AccessDenied as exc:
            root.problem, root.notice = said(exc, root.currency), {}
            return None, field_messages(exc, root.currency)
        except AlreadyDone as exc:  # nothing to do: an outcome to tell, not a fault
            root.notice, root.problem = said(exc, root.currency), {}
            root._notice_moves = False
            return None, {}
        except Refusal as exc:
            root.problem, root.notice = said(exc, root.currency), {}
            return None, field_messages(exc, root.currency)
        root.problem = {}
        return result, {}

    async def _read(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R | None:
        """Run a read off the event loop: a refusal becomes the page's problem, and a read
        that works leaves the outcome of the action before it (a refusal to show) alone."""
        try:
            return await call(fn, *args, **kwargs)
        except Refusal as exc:  # AccessDenied included
            root = await self.get_state(AdminState)
            root.problem, root.notice = said(exc, root.currency), {}
            return None

    async def _problem(self, key: str) -> None:
        root = await self.get_state(AdminState)
        root.problem, root.notice = translations(key), {}

    async def _tell(self, key: str, *, moving: bool = False, **params: Any) -> None:
        """Say how the action went; `moving` when the action then opens another page, which
        shows the notice instead of starting clean."""
        root = await self.get_state(AdminState)
        root.notice, root.problem = translations(key), {}
        root.notices += 1
        root._notice_moves = moving
        if params:  # a `count` picks each language's singular or plural
            root.notice = {loc: translate(loc, key, **params) for loc in LOCALES}

    @rx.event
    async def load(self) -> None:
        """Every admin page's first load event: who is this, and may they see the admin?
        A page starts without the last page's notice, unless the action moved it here."""
        if await self._staff(Permission.VIEW, opening=True) is not None:
            if self._notice_moves:
                self._notice_moves = False
            else:
                self.notice, self.problem = {}, {}
