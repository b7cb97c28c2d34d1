"""Adding the orders a shopper placed as a guest to their account, once they prove both ends:
the account (signed in) and the mailbox of its address (a link mailed there).

Signing up proves nothing of an address, and a confirmation link proves the mailbox only:
someone who signed up with another's address would get that person's guest orders as soon
as the owner pressed "Confirm". So the account page asks, signed in, for a single-use link
valid LINK_MINUTES mailed to the account's address (at most one per ASKS_PER_ACCOUNT, and
ASKS_PER_CLIENT), and the link adds the orders only when its page is used while signed in
to that same account: its owner's browser is not signed in to an account someone else made
with their address, so such an account never gets them. Asking looks at no order, so its
answer is the same whether the address has guest orders or not.

Joined are the orders placed without an account with the account's address (any case) that
were paid, whatever happened since (shipped, refunded, canceled after payment), as they are
when the link is used: never an unpaid, failed or abandoned one, never one placed later (a
new link adds those), never another account's. Each is audited (JOIN_ACTION, subject
order:<reference>). A joined order is the account's as one placed signed in; its mail's
link keeps working (its key opens it for anyone holding it, as before)."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from storefront.services.accounts.credentials import token_hash
from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.mail import guest_orders_mail
from storefront.services.accounts.ports import (
    AccountGone,
    AccountStore,
    GuestOrderLinkRecord,
    GuestOrderStore,
    Mailer,
)
from storefront.services.admin.audit import AuditRecord, to_json
from storefront.services.throttle import Limit, Throttle

log = logging.getLogger(__name__)

GUEST_ORDERS_PATH = "/account/guest-orders"  # the page a link opens (its token in the query)
LINK_MINUTES = 60
MAX_TOKEN = 200  # longer is no token of ours: refused before any hashing or read
MAX_OPEN_LINKS = 3  # unused links within LINK_MINUTES (held even when the throttle cannot count)
ASKS_PER_ACCOUNT = Limit("guest-orders-link", 1, 5 * 60)
ASKS_PER_CLIENT = Limit("guest-orders-link-client", 10, 60 * 60)
JOIN_ACTION = "order.guest_joined"
# Why a request or a link does not work (message keys, each saying what to do).
SIGNED_OUT = "account.error.signed_out"
TOO_MANY = "guest_orders.error.too_many"
NOT_MAILED = "guest_orders.error.not_mailed"
LINK_UNKNOWN = "guest_orders.error.unknown"
LINK_USED = "guest_orders.error.used"
LINK_EXPIRED = "guest_orders.error.expired"
LINK_REPLACED = "guest_orders.error.replaced"
SIGN_IN = "guest_orders.error.sign_in"
OTHER_ACCOUNT = "guest_orders.error.other_account"


@dataclass(frozen=True, slots=True)
class GuestLinkCheck:
    """What a link's page shows: the address whose guest orders its button adds (`problem`
    empty), or why it cannot (`problem`, a message key)."""

    email: str = ""
    problem: str = ""


@dataclass(frozen=True, slots=True)
class GuestOrdersJoined:
    """What a link's use did: the orders placed as a guest with `email` now the account's."""

    email: str
    references: tuple[str, ...]


class GuestOrders:
    """`client` (the client's key, see services/clients.py) holds a shopper's requests to
    ASKS_PER_CLIENT; None, for the shop's own calls, is not limited."""

    def __init__(
        self,
        accounts: AccountStore,
        links: GuestOrderStore,
        mailer: Mailer,
        throttle: Throttle,
        public_url: str,
    ) -> None:
        self._accounts = accounts
        self._links = links
        self._mailer = mailer
        self._throttle = throttle
        self._public_url = public_url.rstrip("/")

    def request_link(
        self, account_id: int, now: datetime, *, client: str | None = None, lang: str
    ) -> str:
        """Mail the signed-in account's address, in `lang`, a link adding its guest orders;
        the address it went to. No order is looked at: the answer is the same whether the
        address has any. Refused: signed out, over ASKS_PER_CLIENT or ASKS_PER_ACCOUNT or
        MAX_OPEN_LINKS (nothing mailed), or the mail server failing."""
        account = self._accounts.by_id(account_id)
        if account is None:
            raise AccountError(SIGNED_OUT)
        if client is not None and not ASKS_PER_CLIENT.take(self._throttle, client, now):
            raise AccountError(TOO_MANY)
        if not ASKS_PER_ACCOUNT.take(self._throttle, str(account.id), now):
            raise AccountError(TOO_MANY)
        token = secrets.token_urlsafe(32)
        expires = now + timedelta(minutes=LINK_MINUTES)
        try:
            kept = self._links.add_link(
                token_hash(token), account.id, account.email, now, expires, limit=MAX_OPEN_LINKS
            )
        except AccountGone:
            raise AccountError(SIGNED_OUT) from None
        if not kept:
            raise AccountError(TOO_MANY)
        link = f"{self._public_url}{GUEST_ORDERS_PATH}?token={token}"
        try:
            self._mailer.send(account.email, *guest_orders_mail(lang, link, LINK_MINUTES))
        except Exception:
            log.exception("mailing account %d a link adding its guest orders", account.id)
            # Not sent: asking again at once is no flood (the stored link, never mailed,
            # still counts towards MAX_OPEN_LINKS).
            ASKS_PER_ACCOUNT.give_back(self._throttle, str(account.id), now)
            raise AccountError(NOT_MAILED) from None
        return account.email

    def check(self, token: str, account_id: int, now: datetime) -> GuestLinkCheck:
        """What the link can do `now` in a browser signed in to `account_id` (0: signed out):
        a read, joining nothing, and never telling whether there are orders to join."""
        if not 0 < len(token) <= MAX_TOKEN:
            return GuestLinkCheck(problem=LINK_UNKNOWN)
        return _checked(self._links.link(token_hash(token)), account_id, now)

    def join(self, token: str, account_id: int, now: datetime) -> GuestOrdersJoined:
        """Use the link once, signed in to `account_id`: the paid orders placed as a guest
        with the account's address become its own (maybe none). Refused, with the reason
        its page says, and nothing joined: unknown, used, expired, signed out, signed in to
        another account than the one it was asked from, or sent to an address the account
        no longer has."""
        found = self.check(token, account_id, now)
        if found.problem:
            raise AccountError(found.problem)

        def audit(email: str, references: Sequence[str]) -> list[AuditRecord]:
            before, after = to_json({"account_id": None}), to_json({"account_id": account_id})
            return [
                AuditRecord(None, email, JOIN_ACTION, f"order:{reference}", before, after)
                for reference in references
            ]

        joined = self._links.join(token_hash(token), account_id, now, audit)
        if joined is None:
            # Used, expired, closed or changed meanwhile: said as it now stands.
            raise AccountError(self.check(token, account_id, now).problem or LINK_USED)
        return GuestOrdersJoined(found.email, tuple(joined))


def _checked(link: GuestOrderLinkRecord | None, account_id: int, now: datetime) -> GuestLinkCheck:
    if link is None:
        return GuestLinkCheck(problem=LINK_UNKNOWN)
    if link.used_at is not None:
        return GuestLinkCheck(problem=LINK_USED)
    if link.expires_at <= now:
        return GuestLinkCheck(problem=LINK_EXPIRED)
    if not account_id:
        return GuestLinkCheck(problem=SIGN_IN)
    if account_id != link.account_id:
        return GuestLinkCheck(problem=OTHER_ACCOUNT)
    # Told only to the account's own browser: the address changed since the link went.
    if link.email != link.account_email:
        return GuestLinkCheck(problem=LINK_REPLACED)
    return GuestLinkCheck(link.email)
