"""Shopper accounts: credentials, sign-in sessions, password resets, sign-in attempts, the
browsers trusted for an account, and the outbox of mail sent when no SMTP server is
configured.

Secrets are never stored: passwords as argon2 hashes, session and reset tokens as SHA-256, a
session token on its way into its cookie only sealed with a key the database never sees.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.types import UtcDateTime, utc_now


class Account(SQLModel, table=True):
    # The admin's customer list, newest sign-ups first (migration 0030).
    __table_args__ = (Index("ix_account_role_created", "role", "created_at", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    # Stored folded to lower case and composed (NFC), so "Ann@Example.com" and
    # "ann@example.com" are one account (services/accounts/credentials.py: canonical_email).
    email: str = Field(max_length=254, unique=True)
    name: str = Field(default="", max_length=120)
    password_hash: str = Field(max_length=255)
    role: str = Field(default="shopper", max_length=16)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime())
    # When its owner proved they receive mail at `email` (a link mailed to it and used: the
    # welcome mail's, a password reset's, an email change's, one adding guest orders); None
    # until then, when the shop mails it nothing it did not directly cause (migration 0050).
    email_confirmed_at: datetime | None = Field(default=None, sa_type=UtcDateTime())


class AccountSession(SQLModel, table=True):
    __tablename__ = "account_session"

    token_hash: str = Field(primary_key=True, max_length=64)
    account_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime())
    expires_at: datetime = Field(sa_type=UtcDateTime())
    # The browser it was opened in (its visitor id, as in account_visitor): ending the
    # session ends that browser's link to the account. None before migration 0018.
    visitor_id: str | None = Field(default=None, max_length=64)


class PasswordReset(SQLModel, table=True):
    __tablename__ = "password_reset"

    token_hash: str = Field(primary_key=True, max_length=64)
    account_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime())
    expires_at: datetime = Field(sa_type=UtcDateTime())
    used_at: datetime | None = Field(default=None, sa_type=UtcDateTime())


class EmailChange(SQLModel, table=True):
    """A change of an account's email asked from its page (the password given again): the
    single-use link mailed to the new address, valid until `expires_at`, proves it is the
    shopper's; used, the account's email becomes `new_email` (migration 0042)."""

    __tablename__ = "email_change"

    token_hash: str = Field(primary_key=True, max_length=64)
    account_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    new_email: str = Field(max_length=254)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime())
    expires_at: datetime = Field(sa_type=UtcDateTime())
    used_at: datetime | None = Field(default=None, sa_type=UtcDateTime())


class EmailConfirmation(SQLModel, table=True):
    """A link mailed to an account's address (at sign-up, or asked again from its page) whose
    use confirms the address: single use, valid until `expires_at`, and only while the account
    still has `email` (migration 0050)."""

    __tablename__ = "email_confirmation"

    token_hash: str = Field(primary_key=True, max_length=64)
    account_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    email: str = Field(max_length=254)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime())
    expires_at: datetime = Field(sa_type=UtcDateTime())
    used_at: datetime | None = Field(default=None, sa_type=UtcDateTime())


class GuestOrderLink(SQLModel, table=True):
    """A link mailed to an account's address when its owner, signed in, asked to add the
    orders they placed as a guest: used while signed in to that same account, it adds the
    paid orders placed without an account with that address. Single use, valid until
    `expires_at`, and only while the account still has `email` (migration 0059)."""

    __tablename__ = "guest_order_link"

    token_hash: str = Field(primary_key=True, max_length=64)
    account_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    email: str = Field(max_length=254)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime())
    expires_at: datetime = Field(sa_type=UtcDateTime())
    used_at: datetime | None = Field(default=None, sa_type=UtcDateTime())


class SessionHandover(SQLModel, table=True):
    """A new session on its way into its HttpOnly cookie: the page posts a single-use grant to
    /api/session, which sets the cookie. The grant's key never reaches the database: only the
    hash of its id and the session token sealed with that key are kept, for two minutes."""

    __tablename__ = "session_handover"

    grant_hash: str = Field(primary_key=True, max_length=64)
    sealed: str = Field(max_length=128)
    expires_at: datetime = Field(sa_type=UtcDateTime(), index=True)


class SignInAttempt(SQLModel, table=True):
    __tablename__ = "sign_in_attempt"
    __table_args__ = (Index("ix_sign_in_attempt_email_at", "email", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254)
    # The trusted browser it came from (its device token's hash), or None for any other: each
    # trusted browser has its own count of failures, the others share one.
    device_hash: str | None = Field(default=None, max_length=64)
    succeeded: bool
    at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime())


class TrustedDevice(SQLModel, table=True):
    """A browser that signed in to this account: it holds the token in an HttpOnly cookie
    (only its hash is here). Failed sign-ins from elsewhere cannot lock it out."""

    __tablename__ = "trusted_device"

    token_hash: str = Field(primary_key=True, max_length=64)
    account_id: int = Field(
        foreign_key="account.id", primary_key=True, index=True, ondelete="CASCADE"
    )
    expires_at: datetime = Field(sa_type=UtcDateTime(), index=True)


class AccountVisitor(SQLModel, table=True):
    """A browser (its anonymous visitor id, models/search.py) that signed in to this account:
    what it browsed is kept by visitor id, and closing the account deletes it by these. The
    account's data download holds what it browsed from `first_seen` to `signed_in_until`:
    before and after, someone else may have used it."""

    __tablename__ = "account_visitor"

    account_id: int = Field(
        foreign_key="account.id", primary_key=True, index=True, ondelete="CASCADE"
    )
    visitor_id: str = Field(primary_key=True, max_length=64)
    first_seen: datetime = Field(sa_type=UtcDateTime())
    # When its last session there ends: its expiry, or sooner the sign-out, password change
    # or reset that ended it.
    signed_in_until: datetime = Field(sa_type=UtcDateTime())


class OutboxMail(SQLModel, table=True):
    """Mail the shop sent while no SMTP server is configured: readable in dev and tests."""

    __tablename__ = "mail_outbox"

    id: int | None = Field(default=None, primary_key=True)
    recipient: str = Field(max_length=254, index=True)
    subject: str = Field(max_length=200)
    body: str = Field(sa_type=Text)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime())


class SavedAddress(SQLModel, table=True):
    """A shipping address kept on the account, offered again at checkout."""

    __tablename__ = "saved_address"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=120)
    line1: str = Field(max_length=200)
    line2: str = Field(default="", max_length=200)
    postal_code: str = Field(max_length=16)
    city: str = Field(max_length=120)
    country: str = Field(max_length=2)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime())


class WishlistItem(SQLModel, table=True):
    __tablename__ = "wishlist_item"
    __table_args__ = (UniqueConstraint("account_id", "product_id", name="uq_wishlist_product"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    product_id: int = Field(foreign_key="product.id", ondelete="CASCADE")
    added_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime())
