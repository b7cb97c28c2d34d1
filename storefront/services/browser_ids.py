"""The ids a browser keeps in cookies for the shop: its guest cart's token and its visitor id
(personalisation and the search log hang on it), their cookie names and their forms.

A page's HTML answer sets both when the browser has neither (storefront/api/browser_ids.py),
before the page's connection opens: the connection then brings them in its Cookie header, so
a tab whose state the server lost (an hour idle, a Redis restarted empty) finds them there
again, where minting new ones had left the shopper's cart behind (QA).
"""

from __future__ import annotations

import re
import secrets

CART_COOKIE = "boutique_cart"
VISITOR_COOKIE = "boutique_visitor"
COOKIE_MAX_AGE = 365 * 24 * 3600  # a year
_CART_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
_VISITOR_ID = re.compile(r"[A-Za-z0-9]{32}")


def new_cart_token() -> str:
    return secrets.token_urlsafe(24)


def new_visitor_id() -> str:
    return secrets.token_hex(16)


def is_cart_token(value: str) -> bool:
    return bool(_CART_TOKEN.fullmatch(value))


def is_visitor_id(value: str) -> bool:
    return bool(_VISITOR_ID.fullmatch(value))
