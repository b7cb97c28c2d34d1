"""Who may read the monitoring routes (/metrics, /api/cache-stats): with
BOUTIQUE_METRICS_TOKEN set, only a request carrying it as a bearer token; without it, only a
request straight from this machine or a private network, none passed on by a proxy (a shop
put online without the token does not tell the world its order volume and backlogs). Behind
a NAT that hides the client's address (a cloud load balancer handing every request over from
a private address, say), only the token keeps the world out: set it."""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from ipaddress import ip_network
from typing import Final

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from storefront.bootstrap import get_shop
from storefront.services.clients import parse_address

Endpoint = Callable[[Request], Awaitable[Response]]
# What a proxy adds to a request it passes on (a public one, as far as this shop can tell).
PROXIED: Final = ("forwarded", "x-forwarded-for", "x-real-ip")
# This machine and the private networks (RFC 1918, IPv6 unique local), named one by one:
# Python's is_private takes in more (link-local, benchmarking, Teredo's internet clients).
NEARBY: Final = tuple(
    ip_network(network)
    for network in (
        "127.0.0.0/8",
        "::1/128",
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "fc00::/7",
    )
)


def monitoring_only(endpoint: Endpoint) -> Endpoint:
    async def guarded(request: Request) -> Response:
        token = get_shop().settings.metrics_token
        if token and not _carries(request, token):
            return _refused("a bearer token is required (BOUTIQUE_METRICS_TOKEN)")
        if not token and not _nearby(request):
            return _refused(
                "only this machine or a private network reads this without a token:"
                " set BOUTIQUE_METRICS_TOKEN to read it through a proxy or from elsewhere"
            )
        return await endpoint(request)

    return guarded


def _refused(error: str) -> Response:
    return JSONResponse(
        {"error": error},
        status_code=401,
        headers={"WWW-Authenticate": 'Bearer realm="monitoring"'},
    )


def _carries(request: Request, token: str) -> bool:
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    # Compared in constant time: the answer's timing tells nothing of the token.
    return scheme.lower() == "bearer" and hmac.compare_digest(
        given.strip().encode(), token.encode()
    )


def _nearby(request: Request) -> bool:
    if any(name in request.headers for name in PROXIED):
        return False
    peer = parse_address(request.client.host) if request.client else None
    return peer is not None and any(peer in network for network in NEARBY)
