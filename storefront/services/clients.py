"""Who a request comes from, for the limits per client (throttle.py): its IP address.

The socket's peer is the client, unless reverse proxies stand in front: each of them appends
the address it received the request from to X-Forwarded-For, so with N proxies of ours the
N-th entry from the right is the address the farthest of them saw. Every entry left of it is
whatever the client chose to send, and with N = 0 the whole header is: then it is ignored.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping

FORWARDED_FOR = "x-forwarded-for"
# An IPv6 subscriber gets a /64 at least and may use any address in it: counting addresses
# one by one would give a script 2**64 clients.
IPV6_PREFIX = 64
MAX_KEY = 64

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def client_address(headers: Mapping[str, str], peer: str, trusted_proxies: int) -> str:
    """The client's address: `peer`, or with `trusted_proxies` proxies in front the entry of
    X-Forwarded-For they wrote last (the peer again when the header has fewer entries, as
    for a request that did not come through them, or that entry is not an address)."""
    if trusted_proxies <= 0:
        return peer
    # Repeated headers count as one list, in order (RFC 9110 section 5.3).
    values = [value for name, value in headers.items() if name.lower() == FORWARDED_FOR]
    entries = [entry.strip() for value in values for entry in value.split(",")]
    if len(entries) < trusted_proxies:
        return peer
    address = parse_address(entries[-trusted_proxies])
    return str(address) if address is not None else peer


def client_key(address: str) -> str:
    """What the limits count under: an IPv4 address, or an IPv6 address's /64 network."""
    parsed = parse_address(address)
    if parsed is None:
        return address.strip()[:MAX_KEY] or "unknown"
    if isinstance(parsed, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((parsed, IPV6_PREFIX), strict=False))
    return str(parsed)


def parse_address(text: str) -> IPAddress | None:
    """An IP address as proxies write it: bare, IPv4 with a port, or IPv6 in brackets with
    or without one; None for anything else. An IPv4 client on a dual stack (::ffff:192.0.2.1)
    is its IPv4 address."""
    value = text.strip().strip('"')
    if not value or len(value) > 100:
        return None
    if value.startswith("["):
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:  # 192.0.2.1:4711 (a bare IPv6 address has several colons)
        value = value.partition(":")[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address
