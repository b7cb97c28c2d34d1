"""Handing a new session to its HttpOnly cookie.

A session starts in a websocket event, which cannot set a cookie the page's scripts may not
read. So the event hands the page a grant instead, which the page posts at once to
/api/session; that answer sets the cookie. The grant is `<id>.<key>`: the database keeps the
hash of the id and the session token XOR-ed with the key (a one-time pad as long as the
token), so neither a copy of the database nor the grant alone without its row yields the
session. A grant works once and for HANDOVER_SECONDS.
"""

from __future__ import annotations

import base64
import binascii
import re
import secrets
from dataclasses import dataclass

HANDOVER_SECONDS = 120
MAX_GRANT = 200
# What secrets.token_urlsafe(32) makes: a wrong key gives anything but this.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")


@dataclass(frozen=True, slots=True)
class Sealed:
    grant: str  # for the page
    grant_id: str  # its hash is the row's key
    sealed: str  # hex, for the row


def seal(session_token: str) -> Sealed:
    data = session_token.encode()
    key = secrets.token_bytes(len(data))
    grant_id = secrets.token_urlsafe(18)
    grant = f"{grant_id}.{base64.urlsafe_b64encode(key).decode().rstrip('=')}"
    return Sealed(grant, grant_id, bytes(a ^ b for a, b in zip(data, key, strict=True)).hex())


def grant_parts(grant: str) -> tuple[str, bytes] | None:
    """(id, key) of a well-formed grant, else None."""
    grant_id, dot, encoded = grant.strip()[:MAX_GRANT].partition(".")
    if not (dot and grant_id and encoded):
        return None
    try:
        key = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    except (binascii.Error, ValueError):
        return None
    return grant_id, key


def unseal(sealed: str, key: bytes) -> str | None:
    """The session token, or None when the key does not fit the row."""
    try:
        data = bytes.fromhex(sealed)
    except ValueError:
        return None
    if len(data) != len(key):
        return None
    try:
        token = bytes(a ^ b for a, b in zip(data, key, strict=True)).decode("ascii")
    except UnicodeDecodeError:
        return None
    return token if _TOKEN.fullmatch(token) else None
