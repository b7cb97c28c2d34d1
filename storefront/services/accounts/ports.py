"""What the account services need from the outside: hashing, mail, and storage."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from storefront.services.admin.audit import AuditRecord


@dataclass(frozen=True, slots=True)
class AccountRecord:
    id: int
    email: str
    name: str
    password_hash: str
    role: str
    # When its owner proved they receive mail at `email` (None: not yet; email_confirmation.py).
    email_confirmed_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class SignedInBrowser:
    """A browser (its visitor id) that signed in to an account: what it did from `since`,
    its first sign-in there, to `until`, when its last session there ended or will expire,
    was the account's; before and after, it may have been someone else's."""

    visitor_id: str
    since: datetime
    until: datetime


class AccountGone(Exception):
    """The account was closed since the caller looked it up: nothing was written for it.
    Raised by the stores' writes that hang something on an account (a session, an address,
    an order's link...), which take its row as closing does, so that none lands on a
    closed account."""


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, password_hash: str, password: str) -> bool:
        """False for a wrong password (never raises for one)."""
        ...

    def needs_rehash(self, password_hash: str) -> bool: ...


class RecipientRefused(OSError):
    """The mail server refuses this recipient for good (no such mailbox): sending again
    would fail again. Other failures (server down, mailbox full for now) raise what they
    raise."""


class Mailer(Protocol):
    def send(self, recipient: str, subject: str, body: str) -> None: ...


class AccountStore(Protocol):
    """Each method is one transaction."""

    def create(self, email: str, name: str, password_hash: str, lang: str) -> int | None:
        """The new account's id, or None when the email is taken; its AccountCreated event
        (its welcome to mail in `lang`) is written to the outbox in the same transaction."""
        ...

    def prune_expired(self, now: datetime, attempts_before: datetime) -> int:
        """Delete what no check reads any more: sessions and reset links expired by `now`,
        sign-in attempts made before `attempts_before`; how many rows went."""
        ...

    def by_email(self, email: str) -> AccountRecord | None: ...

    def by_id(self, account_id: int) -> AccountRecord | None: ...

    def set_password_hash(self, account_id: int, password_hash: str) -> None: ...

    def set_name(self, account_id: int, name: str) -> None: ...

    def link_visitor(
        self, account_id: int, visitor_id: str, now: datetime, until: datetime
    ) -> bool:
        """Remember that this browser (its visitor id) signed in to the account `now`, for a
        session lasting until `until`; False (nothing written) when the visitor id is
        another account's, or its link to this one has ended (what it did since may be
        someone else's). AccountGone when the account is gone."""
        ...

    def signed_in_browsers(self, account_id: int) -> list[SignedInBrowser]:
        """The browsers linked to the account, first signed in first."""
        ...

    def change_password(
        self, account_id: int, password_hash: str, keep_session_hash: str, now: datetime
    ) -> None:
        """Set the password, end every session of the account but `keep_session_hash` (and
        the links of their browsers), and spend its unused links (password resets and email
        changes), in one transaction."""
        ...

    def close(
        self, account_id: int, email: str, visitor_id: str = "", audit: AuditRecord | None = None
    ) -> bool:
        """Delete a shopper's account with its sessions, trusted browsers, reset links,
        addresses, wishlist, cart and sign-in attempts, and the browsing and searches of
        `visitor_id`, of the visitors linked to it and of those its orders were placed as;
        its orders stay, unlinked; `audit` (a merchant closing it at the shopper's request) is
        written in the same transaction. False (nothing changed) when it is gone or is staff."""
        ...

    def open_attempt(
        self, email: str, since: datetime, at: datetime, limit: int, device_hash: str | None
    ) -> int | None:
        """Record a sign-in attempt, failed until `attempt_succeeded` says otherwise; unless
        `limit` failures for this email from the same source after `since` (counted back to
        that source's last success, or the account's last password reset or change, if
        later) came before it: None then, and nothing recorded. The
        source is the trusted device `device_hash`, or with None every other client
        together. Attempts made at once are counted one after the other, so no more than
        `limit` get through."""
        ...

    def attempt_succeeded(self, attempt_id: int) -> None: ...

    def device_trusted(self, device_hash: str, account_id: int, now: datetime) -> bool:
        """Whether this browser's device token is trusted for the account (and unexpired)."""
        ...

    def trust_device(
        self, device_hash: str, account_id: int, expires_at: datetime, now: datetime
    ) -> None:
        """Trust the browser for the account until `expires_at`, and forget the trust that
        has expired by `now`. AccountGone when the account is."""
        ...

    def add_session(
        self, token_hash: str, account_id: int, expires_at: datetime, visitor_id: str = ""
    ) -> None:
        """A session opened in the browser `visitor_id` (linked to the account beforehand).
        AccountGone when the account is gone (closed since its password was checked)."""
        ...

    def session_account(self, token_hash: str, now: datetime) -> int | None: ...

    def end_session(self, token_hash: str, now: datetime) -> None:
        """End the session `now`, and with it its browser's link to the account."""
        ...

    def add_handover(
        self, grant_hash: str, sealed: str, expires_at: datetime, now: datetime
    ) -> None:
        """Keep a sealed session token under its grant's hash (and drop those expired by
        `now`)."""
        ...

    def take_handover(self, grant_hash: str, now: datetime) -> str | None:
        """The sealed token of an unexpired grant, removed in the same statement so that
        only one taker gets it; None otherwise."""
        ...

    def add_reset(
        self, token_hash: str, account_id: int, now: datetime, expires_at: datetime, limit: int
    ) -> bool:
        """Store a reset link made `now`, unless `limit` links made for the account since
        as long before `now` as it lasts are still unused (requests flooding someone's
        inbox): False then, nothing stored. AccountGone when the account is."""
        ...

    def reset_owner(self, token_hash: str, now: datetime) -> int | None:
        """The account whose link this token is, if unused and unexpired (a read: `use_reset`
        decides)."""
        ...

    def use_reset(self, token_hash: str, password_hash: str, now: datetime) -> int | None:
        """Atomically: if the token is unused and unexpired, mark it used, set the password and
        end the account's sessions (and their browsers' links) and the trust of its devices,
        spend its other links (resets and email changes), and confirm its address (the link
        went there: EmailConfirmationStore.use_confirmation's confirming); return the
        account id. None otherwise (nothing changed)."""
        ...


@dataclass(frozen=True, slots=True)
class EmailChanged:
    """An account's email changed by a confirmation link: the address it had, and its new one."""

    account_id: int
    old_email: str
    new_email: str


class EmailTaken(Exception):
    """The new address is another account's now (signed up with it since the link was sent)."""


class EmailChangeStore(Protocol):
    def add_change(
        self,
        token_hash: str,
        account_id: int,
        new_email: str,
        now: datetime,
        expires_at: datetime,
        *,
        limit: int,
    ) -> bool:
        """Store a change asked `now`, its link valid until `expires_at`, unless `limit`
        links made for the account since as long before `now` as one lasts are still
        unused: False then, nothing stored. AccountGone when the account is."""
        ...

    def pending_change(self, token_hash: str, now: datetime) -> str | None:
        """The new email of this link, if unused and unexpired (a read: `use_change`
        decides)."""
        ...

    def use_change(self, token_hash: str, now: datetime) -> EmailChanged | None:
        """Atomically: if the link is unused and unexpired and its account open, mark it
        used (and the account's other links, resets and changes, with it) and give the
        account its new email, confirmed (the link went there);
        None otherwise (nothing changed). EmailTaken (nothing changed) when another account
        uses that email."""
        ...


@dataclass(frozen=True, slots=True)
class ConfirmationLink:
    """A link mailed to confirm an account's address, as its page reads it: the address it
    went to, the account's address now and whether that is confirmed, and the link's own
    state."""

    account_id: int
    email: str
    account_email: str
    account_confirmed: bool
    expires_at: datetime
    used_at: datetime | None


class EmailConfirmationStore(Protocol):
    def add_confirmation(
        self, token_hash: str, account_id: int, email: str, now: datetime, expires_at: datetime
    ) -> None:
        """Keep a link mailed `now` to `email`, the account's address, valid until
        `expires_at`. AccountGone when the account is closed."""
        ...

    def claim_welcome(
        self, token_hash: str, account_id: int, now: datetime, expires_at: datetime
    ) -> str | None:
        """Atomically: if the account is open, its address unconfirmed and no link ever
        mailed to confirm it, keep this one (valid until `expires_at`) and return the address
        it is for; None otherwise (nothing kept): its welcome went, or is going, already."""
        ...

    def drop_confirmation(self, token_hash: str) -> None:
        """Forget a link whose mail could not be sent (a welcome to send again later)."""
        ...

    def confirmation(self, token_hash: str) -> ConfirmationLink | None:
        """The link of this hash, used or not, expired or not; None when unknown (never
        made, pruned, or its account closed)."""
        ...

    def use_confirmation(self, token_hash: str, now: datetime) -> bool:
        """Atomically: if the link is unused and unexpired and its account open with the
        address it went to, mark it used, and the address confirmed `now` (unless it was
        already) with the account's back-in-stock alerts still waiting for a link to that
        address; False otherwise (nothing changed)."""
        ...


@dataclass(frozen=True, slots=True)
class GuestOrderLinkRecord:
    """A link mailed to add an account's guest orders, as its page reads it: the account it
    was asked from, the address it went to, the account's address now, and its own state."""

    account_id: int
    email: str
    account_email: str
    expires_at: datetime
    used_at: datetime | None


class GuestOrderStore(Protocol):
    def add_link(
        self,
        token_hash: str,
        account_id: int,
        email: str,
        now: datetime,
        expires_at: datetime,
        *,
        limit: int,
    ) -> bool:
        """Keep a link mailed `now` to `email`, the account's address, valid until
        `expires_at`, unless `limit` links made for the account since as long before `now`
        as one lasts are still unused: False then, nothing kept. AccountGone when the
        account is closed."""
        ...

    def link(self, token_hash: str) -> GuestOrderLinkRecord | None:
        """The link of this hash, used or not, expired or not; None when unknown (never
        made, pruned, or its account closed)."""
        ...

    def join(
        self,
        token_hash: str,
        account_id: int,
        now: datetime,
        audit: Callable[[str, Sequence[str]], list[AuditRecord]],
    ) -> list[str] | None:
        """Atomically: if the link is unused, unexpired, asked from `account_id`, and that
        account is open with the address the link went to, mark it used, confirm the
        address (the link went there) and make the account's own every order placed without
        an account with that address (in any case) that was paid, whatever happened since
        (shipped, refunded, canceled after payment); `audit(address, references)` is
        written with them. The references joined, oldest first (maybe none); None when the
        link could not be used (nothing changed)."""
        ...
