"""What an account's email and password must be, and how its secrets are kept: an email in one
canonical form, a password of bounded length, and tokens (sessions, devices, reset links)
stored only as their hash."""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata

from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.guessable import guessable

MIN_PASSWORD = 10
MAX_PASSWORD = 256
MAX_EMAIL = 254
# One plain address: no display name, list or comment syntax ("Ann <x@y>", "a@b.fr,"), which
# a mail library would deliver somewhere other than the address staff see. Any script is
# welcome on both sides (combining marks too: Hindi, Tamil...): only those characters and
# controls are refused.
_NOT_IN_ADDRESS = r'\s\x00-\x1f\x7f@<>()\[\]\\,;:"'
_EMAIL = re.compile(
    rf"^[^{_NOT_IN_ADDRESS}]{{1,64}}@(?:[^{_NOT_IN_ADDRESS}.]+\.)+[^{_NOT_IN_ADDRESS}.]{{2,}}$"
)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def canonical_email(email: str) -> str:
    """The form an email is stored and looked up in: trimmed, lower case, and composed
    (NFC: "é" typed as one character or as "e" and an accent is one address)."""
    return unicodedata.normalize("NFC", email.strip().lower())


def same_email(typed: str, known: str) -> bool:
    """Whether an email typed is the one known, in their canonical forms, in constant time
    (a guest proving an order is theirs). One rule everywhere: the cancel form compared
    lower case only, and refused a decomposed "é" the withdrawal page took."""
    return hmac.compare_digest(canonical_email(typed).encode(), canonical_email(known).encode())


def normalize_email(email: str) -> str:
    value = canonical_email(email)
    if len(value) > MAX_EMAIL or not _EMAIL.match(value):
        raise AccountError("account.error.email", {"email": "account.error.email"})
    return value


def masked_email(email: str) -> str:
    """The address as shown to whoever holds an order's link: enough for its owner to know
    it (its first letters), not for another to type it (ann.lee@example.com: a•••@e•••.com)."""
    local, _, domain = email.rpartition("@")
    host, dot, top = domain.rpartition(".")
    shown_domain = f"{host[:1]}•••{dot}{top}" if host else f"{domain[:1]}•••"
    return f"{local[:1]}•••@{shown_domain}"


def check_password(password: str, email: str = "") -> str:
    """The password, if it may be used (`email`: the account's, which it must not be)."""
    if len(password) < MIN_PASSWORD:
        raise AccountError(
            "account.error.password_short", {"password": "account.error.password_short"}
        )
    if len(password) > MAX_PASSWORD:
        raise AccountError(
            "account.error.password_long", {"password": "account.error.password_long"}
        )
    if guessable(password, email):
        raise AccountError(
            "account.error.password_guessable", {"password": "account.error.password_guessable"}
        )
    return password
