"""The browser cookies the state keeps (cart, language, visitor id): a year, not sent with
other sites' requests (Lax), and over https only when the shop is served over https."""

from __future__ import annotations

from typing import Any

import reflex as rx

from storefront.settings import get_settings

ONE_YEAR = 365 * 24 * 3600


def shop_cookie(name: str) -> Any:
    secure = get_settings().public_url.startswith("https://")
    return rx.Cookie("", name=name, max_age=ONE_YEAR, same_site="lax", secure=secure)
