"""Who may read the monitoring routes (/metrics, /api/cache-stats): with
BOUTIQUE_METRICS_TOKEN set, only a request carrying it as a bearer token."""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from storefront.bootstrap import get_shop

Endpoint = Callable[[Request], Awaitable[Response]]


def monitoring_only(endpoint: Endpoint) -> Endpoint:
    async def guarded(request: Request) -> Response:
        token = get_shop().settings.metrics_token
        if token and not _carries(request, token):
            return JSONResponse(
                {"error": "a bearer token is required (BOUTIQUE_METRICS_TOKEN)"},
                status_code=401,
                headers={"WWW-Authenticate": 'Bearer realm="monitoring"'},
            )
        return await endpoint(request)

    return guarded


def _carries(request: Request, token: str) -> bool:
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    # Compared in constant time: the answer's timing tells nothing of the token.
    return scheme.lower() == "bearer" and hmac.compare_digest(
        given.strip().encode(), token.encode()
    )
