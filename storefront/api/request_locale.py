"""The language of a plain-text answer a route gives outside the pages (a 401, a 404): the
one the pages pick (state/locale.py): the shopper's chosen language, else their browser's,
else the shop's (BOUTIQUE_LANGUAGE)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse

from storefront.bootstrap import get_shop
from storefront.i18n import LANG_COOKIE, normalize_locale, translate


def request_locale(request: Request) -> str:
    chosen = request.cookies.get(LANG_COOKIE) or request.headers.get("accept-language")
    return normalize_locale(chosen, get_shop().settings.language)


def plain_answer(
    request: Request, key: str, status_code: int, headers: dict[str, str]
) -> PlainTextResponse:
    """The message `key` in the visitor's language, as plain text."""
    return PlainTextResponse(
        translate(request_locale(request), key), status_code=status_code, headers=headers
    )
