"""The canonical URL of a product or category page, as search engines should index it: a
product without the query that picks a variant; a listing without its filters and sort (they
show a part, or another order, of the same page). A listing's page number is kept when it is
all the query holds: page 2 is other products, not a copy of page 1."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote

_PAGE = re.compile(r"^/(product|category)/([^/]+)/?$")
_PAGE_NUMBER = re.compile(r"^[2-9][0-9]{0,5}$|^1[0-9]{1,5}$")


def canonical_url(public_url: str, path: str, query: str) -> str | None:
    """The absolute canonical URL for `path` (decoded, as ASGI gives it) and its raw query
    string; None for any other page."""
    match = _PAGE.match(path)
    if match is None:
        return None
    kind, slug = match.groups()
    url = f"{public_url.rstrip('/')}/{kind}/{quote(slug, safe='')}"
    if kind == "category":
        params = parse_qsl(query, keep_blank_values=True)
        if len(params) == 1 and params[0][0] == "page" and _PAGE_NUMBER.match(params[0][1]):
            url += f"?page={params[0][1]}"
    return url
