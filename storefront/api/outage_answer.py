"""A request that needed the database (or a Redis) while it was out of reach is answered 503
with Retry-After, and logged in one line.

The routes read the database as they answer (the sitemap, invoices, account data, the
admin's downloads); an outage raised through them answered 500 and logged a traceback at
every request (operator QA). A 503 with Retry-After tells crawlers and scripts to come back
rather than that the page is broken; /readyz already says the shop is unready meanwhile
and logs the outage. Caught here once for every route: which failures are outages is the
bus's and the event handlers' own rule (adapters/outages.py). An answer already begun (a
sitemap streaming its products) cannot change its status: that failure goes on up.
"""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storefront.adapters.outages import is_outage
from storefront.api.request_locale import plain_answer

log = logging.getLogger(__name__)

# About how long a restart or failover takes; /readyz is the finer signal for machines.
RETRY_AFTER_SECONDS = 30


class OutageAnswer:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception as exc:
            if started or not is_outage(exc):
                raise
            cause = str(getattr(exc, "orig", None) or exc).strip().splitlines() or [""]
            log.warning(
                "%s %s: 503, out of reach: %s: %s",
                scope.get("method", ""),
                scope.get("path", ""),
                type(exc).__name__,
                cause[0],
            )
            headers = {"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"}
            answer = plain_answer(Request(scope), "outage.title", 503, headers)
            await answer(scope, receive, send)
