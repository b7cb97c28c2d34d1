"""Back-in-stock alerts: the offer under a sold-out variant on its product page (a signed-in
shopper's account email in one click, a guest's typed email) and the account's list of the
variants it waits for."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import reflex as rx

from models.types import utc_now
from state.account import AccountState
from state.account_pages import account_page
from state.browser_input import CONTROL_REFUSED, as_form, holds_control, whole
from state.client import client_of
from state.locale import LocaleState
from state.product import ProductState
from state.shop import call, shop, with_database
from storefront.i18n import translations
from storefront.services.restock import RestockAlerts
from storefront.services.restock_links import LinkNotMailed, RestockError
from storefront.services.restock_ports import Waiting

log = logging.getLogger(__name__)
MAX_EMAIL_TYPED = 1_000  # longer is no email: cut before any service sees it


def _restock() -> RestockAlerts:
    return with_database(shop().restock, "back-in-stock alerts")


@dataclass
class WaitingItem:
    id: int = 0
    product: str = ""
    variant: str = ""
    href: str = ""
    refused_email: str = ""  # the address the mail server refused ("": still waiting)
    mailed_at: str = ""  # ISO time the mail went ("": not mailed)
    # The address its confirmation link went to ("": confirmed): asked while the account's
    # address was not confirmed.
    unconfirmed_email: str = ""


def _item(waiting: Waiting) -> WaitingItem:
    # The variant waited for, as the mail's link opens it (QA).
    sku = f"?sku={quote(waiting.sku, safe='')}" if waiting.sku else ""
    return WaitingItem(
        waiting.alert_id,
        waiting.product_title,
        waiting.variant_title,
        f"/product/{quote(waiting.product_slug, safe='')}{sku}",
        waiting.email if waiting.refused_at is not None else "",
        waiting.mailed_at.isoformat() if waiting.mailed_at is not None else "",
        "" if waiting.confirmed else waiting.email,
    )


@account_page
class RestockState(rx.State):
    # What the product page's offer said, and of which variant (another variant's offer
    # must not say "we'll tell you").
    message: dict[str, str] = {}  # noqa: RUF012
    error: dict[str, str] = {}  # noqa: RUF012
    told_sku: str = ""
    waiting: list[WaitingItem] = []  # noqa: RUF012  (account page)
    removed: dict[str, str] = {}  # noqa: RUF012

    @rx.event(background=True)
    async def subscribe(self, form: Any = None) -> None:
        """Wait for the variant the product page shows (read from its state, not from the
        browser): the account's email when signed in, else the one typed, whose link is
        mailed after the answer (as a password reset's: the answer and its timing must not
        tell whether the address already waits), outside the tab's lock."""
        async with self:
            fields = as_form(form)
            chosen = (await self.get_state(ProductState)).variant
            self.message, self.error, self.told_sku = {}, {}, ""
            if holds_control(fields):
                self.error = translations(CONTROL_REFUSED)
                return
            account = await self.get_state(AccountState)
            account_id = await account._current_account()
            typed = str(fields.get("email", ""))[:MAX_EMAIL_TYPED]
            email = account.email if account_id else typed
            locale = (await self.get_state(LocaleState)).locale
            client = client_of(self)
        restock = _restock()
        try:
            asked = await call(restock.ask, chosen.id, email, locale, utc_now(),
                               account_id=account_id or None, client=client)  # fmt: skip
        except RestockError as exc:
            async with self:
                self.error = translations(exc.code)
            return
        async with self:
            # Asked before or now: the same answer (nothing tells whether someone else
            # asked); a guest's alert, or one of an account whose address is not confirmed
            # yet, waits once its mailed link is confirmed.
            if asked.confirmed:
                self.message = translations("restock.subscribed")
            elif account_id:
                self.message = translations("restock.subscribed_unconfirmed", email=email)
            else:
                self.message = translations("restock.subscribed_guest", email=email.strip())
            self.told_sku = chosen.sku
        if asked.pending is not None:
            try:
                await call(restock.links.mail_link, asked.pending)
            except LinkNotMailed:  # answered already: the operator learns it from the log
                log.exception("back-in-stock confirmation link not mailed")

    @rx.event
    async def load(self) -> None:
        """The account page's list."""
        account_id = await (await self.get_state(AccountState))._current_account()
        self.removed = {}
        found = await call(_restock().waiting_for, account_id) if account_id else []
        self.waiting = [_item(waiting) for waiting in found]

    @rx.event
    async def remove(self, alert_id: int) -> None:
        account_id = await (await self.get_state(AccountState))._current_account()
        wanted = whole(alert_id, -1)
        row = next((w for w in self.waiting if w.id == wanted), None)
        # One mailed or refused is done: it leaves the list, no mail is stopped.
        done = bool(row and (row.mailed_at or row.refused_email))
        if account_id and wanted >= 0:
            await call(_restock().unsubscribe, account_id, wanted)
        await self.load()
        # Named: two removals in a row read two notes, not the same words twice (QA).
        item = (row.product + (f" ({row.variant})" if row.variant else "")) if row else ""
        key = "restock.account.dismissed" if done else "restock.account.removed"
        # Gone from the list already (another tab): the note without its name (review).
        self.removed = translations(key, item=item) if item else translations(f"{key}_unnamed")
