"""The browser cookies the state keeps (cart, language, visitor id): a year, not sent with
other sites' requests (Lax), and over https only when the shop is served over https; and any
cookie as the tab's connection brought it (the session's, which the page cannot read, and
those of a tab whose state was lost)."""

from __future__ import annotations

from typing import Any

import reflex as rx
from starlette.requests import cookie_parser

from storefront.services.browser_ids import COOKIE_MAX_AGE
from storefront.settings import get_settings


def shop_cookie(name: str) -> Any:
    secure = get_settings().public_url.startswith("https://")
    return rx.Cookie("", name=name, max_age=COOKIE_MAX_AGE, same_site="lax", secure=secure)


def cookie_value(header: str, name: str) -> str:
    """One cookie's value from a Cookie header ("" when absent), read as the API routes read
    it (Starlette's parser), so both sides agree when a name appears twice."""
    return cookie_parser(header).get(name, "")
