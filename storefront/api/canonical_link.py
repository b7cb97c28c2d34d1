"""Product and category pages name their canonical URL in a `Link: <...>; rel="canonical"`
header (services/canonical.py): crawlers read it from the answer itself, before any of the
page's code runs, so filtered, sorted and variant URLs are indexed as the page they show."""

from __future__ import annotations

import asyncio
import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storefront.api.page_heads import CANONICAL_URL
from storefront.bootstrap import get_shop
from storefront.services.canonical import canonical_url, names_a_page
from storefront.services.listing_query import ListingQuery

log = logging.getLogger(__name__)


def _page_count(slug: str) -> int | None:
    """How many pages the category's listing has; None when that cannot be read (the header
    then keeps the number asked, as before)."""
    try:
        page = get_shop().catalog.listing(ListingQuery(category_slug=slug))
    except Exception:  # the page itself reports the problem; never break it here
        log.exception("could not count the pages of %s", slug)
        return None
    return page.page_count if page is not None else None


class CanonicalLink:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        url = None
        if scope["type"] == "http" and scope.get("method") in ("GET", "HEAD"):
            query = scope.get("query_string", b"").decode("latin-1")
            public, path = get_shop().settings.public_url, scope.get("path", "")
            url = canonical_url(public, path, query)
            if names_a_page(url):  # page 2 and on: is there such a page? (a cached read)
                url = await asyncio.to_thread(canonical_url, public, path, query, _page_count)
            if url:  # the page's og:url too (NotFoundStatus, inside)
                scope[CANONICAL_URL] = url
        try:
            link = f'<{url}>; rel="canonical"'.encode("ascii") if url else None
        except UnicodeEncodeError:  # a public URL with a non-ASCII host: no header, no error
            link = None
        if link is None:
            await self.app(scope, receive, send)
            return

        async def with_link(message: Message) -> None:
            if message["type"] == "http.response.start" and message.get("status") == 200:
                message["headers"] = [*message.get("headers", []), (b"link", link)]
            await send(message)

        await self.app(scope, receive, with_link)
