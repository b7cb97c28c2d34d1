"""The link that confirms a guest's back-in-stock alert (double opt-in): a guest types an
email on a sold-out variant's page, the shop mails that address a single link, and the alert
waits only once the link's page was opened and its button pressed, proving the address is
the guest's; someone typing a stranger's address has them mailed this link, and nothing more
(services/restock.py caps the links one address gets a day).
The same page stops the alert (a guest has no account page to do it from). A link works
CONFIRM_DAYS; an alert left unconfirmed then is forgotten, and so is a guest's alert
GUEST_DONE_KEPT after it was mailed (the worker's pruning): a guest's address is kept no
longer than its purpose needs.
Signed-in shoppers' alerts are confirmed as they ask (services/restock.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from models.types import utc_now
from storefront.i18n import translate
from storefront.services.accounts.credentials import token_hash
from storefront.services.accounts.ports import Mailer, RecipientRefused
from storefront.services.errors import Refusal

CONFIRM_PATH = "/restock/confirm"  # the page a link opens (its token in the query)
CONFIRM_DAYS = 7
# An unconfirmed alert asked for again within this gets no second link: a script cannot
# fill a stranger's inbox by asking again and again (a link lost is asked again later).
RELINK_AFTER = timedelta(hours=1)
GUEST_DONE_KEPT = timedelta(days=30)
LINK_INVALID = "restock.link.invalid"


class RestockError(Refusal):
    """An alert or its link refused: its code is the message key."""


class LinkNotMailed(Exception):
    """The link could not be mailed (the mail server failing, or refusing the address): its
    alert was dropped. Not told to the person asking, who was answered before the mail went
    (the answer must not tell whether the address already waits)."""


@dataclass(frozen=True, slots=True)
class PendingLink:
    """A guest's alert just stored with the hash of `token`: the link to mail."""

    token: str
    address: str
    locale: str
    asked_at: datetime


@dataclass(frozen=True, slots=True)
class LinkedAlert:
    """The alert a link is for, as its page and its mail name it."""

    email: str
    product_title: str
    product_slug: str
    variant_title: str
    sku: str
    confirmed: bool
    in_stock: bool = False  # back already (its mail goes with the hourly catch-up)


class RestockLinkStore(Protocol):
    def linked(self, confirm_hash: str, asked_since: datetime) -> LinkedAlert | None:
        """The not yet mailed alert whose link has this hash: confirmed, or asked for since
        `asked_since`; None otherwise (unknown, mailed, expired, its variant gone)."""
        ...

    def confirm(self, confirm_hash: str, now: datetime, asked_since: datetime) -> bool:
        """The unconfirmed alert of this link, asked for since `asked_since`, waits from
        `now`; False when there is none."""
        ...

    def drop(self, confirm_hash: str) -> bool:
        """Delete the not yet mailed alert of this link (False: none)."""
        ...

    def drop_unconfirmed(self, asked_before: datetime) -> int:
        """Delete the alerts never confirmed and asked for before `asked_before`; how many."""
        ...

    def drop_guests_done(self, done_before: datetime) -> int:
        """Delete the alerts of no account mailed (or refused) before `done_before`."""
        ...


def confirm_mail(lang: str, alert: LinkedAlert, link: str) -> tuple[str, str]:
    """(subject, body) of the mail asking a guest to confirm their alert."""
    name = alert.product_title + (f" ({alert.variant_title})" if alert.variant_title else "")
    subject = translate(lang, "restock.confirm_mail.subject", product=alert.product_title)
    body = "\n".join(
        [
            translate(lang, "restock.confirm_mail.intro", product=name, days=CONFIRM_DAYS),
            "",
            link,
            "",
            translate(lang, "restock.confirm_mail.ignore"),
        ]
    )
    return subject, body


class RestockLinks:
    """The link: its mail, then its page (what it is for, its confirmation and its stop)."""

    def __init__(
        self,
        store: RestockLinkStore,
        mailer: Mailer,
        public_url: str,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._store = store
        self._mailer = mailer
        self._public_url = public_url.rstrip("/")
        self._clock = clock

    def mail_link(self, pending: PendingLink) -> None:
        """Mail the link of a guest's alert, in its locale. LinkNotMailed (and the alert
        dropped: asking again mails a new link): the mail server refusing the address, or
        failing."""
        hashed = token_hash(pending.token)
        linked = self._store.linked(hashed, pending.asked_at - timedelta(minutes=1))
        if linked is None:  # stopped, or its variant deleted, meanwhile: nothing to confirm
            return
        link = f"{self._public_url}{CONFIRM_PATH}?token={pending.token}"
        try:
            self._mailer.send(pending.address, *confirm_mail(pending.locale, linked, link))
        except RecipientRefused as exc:
            self._store.drop(hashed)
            raise LinkNotMailed("the mail server refused the address") from exc
        except Exception as exc:
            self._store.drop(hashed)
            raise LinkNotMailed("the mail server failed") from exc

    def _asked_since(self) -> datetime:
        return self._clock() - timedelta(days=CONFIRM_DAYS)

    def linked(self, token: str) -> LinkedAlert | None:
        """The alert the link is for, while it works."""
        if not token:
            return None
        return self._store.linked(token_hash(token), self._asked_since())

    def confirm(self, token: str) -> LinkedAlert:
        """The link's alert waits (confirming twice is no error). Refused: a link that no
        longer works."""
        found = self.linked(token)
        if found is None:
            raise RestockError(LINK_INVALID)
        if not found.confirmed and not self._store.confirm(
            token_hash(token), self._clock(), self._asked_since()
        ):
            raise RestockError(LINK_INVALID)  # expired, mailed or stopped meanwhile
        return found

    def stop(self, token: str) -> LinkedAlert:
        """The link's alert goes, confirmed or not. Refused: a link that no longer works
        (its alert was mailed, stopped, or expired unconfirmed)."""
        found = self.linked(token)
        if found is None or not self._store.drop(token_hash(token)):
            raise RestockError(LINK_INVALID)
        return found

    def forget_old(self) -> int:
        """The alerts nobody confirmed within CONFIRM_DAYS go, and guests' alerts done
        GUEST_DONE_KEPT ago (the worker's pruning); how many."""
        now = self._clock()
        return self._store.drop_unconfirmed(self._asked_since()) + self._store.drop_guests_done(
            now - GUEST_DONE_KEPT
        )
