"""The client behind an event, as the limits per client count it (services/throttle.py)."""

from __future__ import annotations

import logging
from collections.abc import Mapping

import reflex as rx

from state.shop import shop
from storefront.services.clients import FORWARDED_FOR, client_address, client_key

log = logging.getLogger(__name__)
_warned = False


def client_of(state: rx.State) -> str:
    """The key of the client whose connection sent this event: its IP address (an IPv6
    address's /64), found behind BOUTIQUE_TRUSTED_PROXIES proxies."""
    headers = state.router.headers.raw_headers
    peer = state.router.session.client_ip
    proxies = shop().settings.trusted_proxies
    if not proxies:
        _warn_if_proxied(headers, peer)
    return client_key(client_address(headers, peer, proxies))


def _warn_if_proxied(headers: Mapping[str, str], peer: str) -> None:
    """Once per process: a peer sending X-Forwarded-For is most likely a proxy the settings
    do not mention (on a private network, or a CDN on public addresses), and then every
    shopper is one client to the limits."""
    global _warned
    if not _warned and any(name.lower() == FORWARDED_FOR for name in headers):
        _warned = True
        log.warning(
            "requests from %s carry X-Forwarded-For but BOUTIQUE_TRUSTED_PROXIES is 0: if it is"
            " a reverse proxy of the shop's, every shopper counts as one client in the limits"
            " per client; set the number of proxies in front",
            peer,
        )
