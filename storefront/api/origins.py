"""Which origins are this shop's: its server's own (scheme and Host of the request), its public
address (BOUTIQUE_PUBLIC_URL) and, in dev mode, its backend's (BOUTIQUE_API_BASE_URL). The
names of this machine (localhost, 127.0.0.1, ::1) are one: a dev server reached by either is
the same server (on the same port)."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from storefront.settings import Settings

LOOPBACK_NAMES = {"localhost"}


def origin(url: str) -> str:
    """scheme://host[:port] in one spelling: lower case, without the scheme's default port;
    "" for "null" or anything that is not an address."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return ""
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if not scheme or not host:
        return ""
    if ":" in host:  # IPv6
        host = f"[{host}]"
    default = {"http": 80, "https": 443}.get(scheme)
    return f"{scheme}://{host}" if port in (None, default) else f"{scheme}://{host}:{port}"


def _same_machine_as_one(address: str) -> str:
    """The origin with a loopback host spelt "localhost"."""
    parts = urlsplit(address)
    host = (parts.hostname or "").lower()
    try:
        loopback = host in LOOPBACK_NAMES or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        return address
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://localhost{port}"


def of_this_shop(claimed: str, own: str, settings: Settings) -> bool:
    """Whether `claimed` (a browser's Origin or Referer) is this shop: `own` is the origin the
    request reached (scheme://Host)."""
    found = origin(claimed)
    if not found:
        return False
    shop = {own, origin(settings.public_url)}
    if own.startswith("http://"):
        # Behind a proxy that ends TLS, the server sees http where the browser said https:
        # the same host over https is still this server.
        shop.add("https://" + own.removeprefix("http://"))
    if settings.api_base_url:
        shop.add(origin(settings.api_base_url))
    return _same_machine_as_one(found) in {_same_machine_as_one(o) for o in shop if o}


def cross_origin_pages(settings: Settings) -> list[str]:
    """The origins whose pages may read the API's answers from another origin (Reflex's
    cors_allowed_origins, rxconfig.py): none when one port serves pages and API (production),
    else, pages and API apart (dev mode: BOUTIQUE_API_BASE_URL set), the shop's address in
    each spelling of this machine."""
    if not settings.api_base_url:
        return []
    public = origin(settings.public_url)
    parts = urlsplit(_same_machine_as_one(public))
    if parts.hostname != "localhost":
        return [public]
    port = f":{parts.port}" if parts.port else ""
    return [f"{parts.scheme}://{host}{port}" for host in ("localhost", "127.0.0.1", "[::1]")]
