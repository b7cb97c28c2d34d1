"""The canonical URL of a product, category or policy page, as search engines should index
it: a product without the query that picks a variant; a listing without its filters and sort
(they show a part, or another order, of the same page). A listing's page number is kept when
it is all the query holds: page 2 is other products, not a copy of page 1. A policy's page
is the sitemap's URL, without the query or the trailing slash it also answers with."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qsl, quote

from storefront.services.policies import KINDS, policy_path

_PAGE = re.compile(r"^/(product|category)/([^/]+)/?$")
_POLICY = re.compile(r"^/policies/([a-z]+)/?$")
_PAGE_NUMBER = re.compile(r"^[2-9][0-9]{0,5}$|^1[0-9]{1,5}$")


def canonical_url(
    public_url: str, path: str, query: str, page_count: Callable[[str], int | None] | None = None
) -> str | None:
    """The absolute canonical URL for `path` (decoded, as ASGI gives it) and its raw query
    string; None for any other page. `page_count` (a category's slug: its listing's number of
    pages, None if unknown) is asked only for a page number: past the last page, the listing
    shows the last one, which is then the canonical one (page 9 of 2 is no page of its own)."""
    policy = _POLICY.match(path)
    if policy is not None and policy.group(1) in KINDS:
        return public_url.rstrip("/") + policy_path(policy.group(1))
    match = _PAGE.match(path)
    if match is None:
        return None
    kind, slug = match.groups()
    url = f"{public_url.rstrip('/')}/{kind}/{quote(slug, safe='')}"
    if kind == "category":
        params = parse_qsl(query, keep_blank_values=True)
        if len(params) == 1 and params[0][0] == "page" and _PAGE_NUMBER.match(params[0][1]):
            number = int(params[0][1])
            last = page_count(slug) if page_count else None
            if last is not None:
                number = min(number, last)
            if number > 1:
                url += f"?page={number}"
    return url


def names_a_page(url: str | None) -> bool:
    """Whether a canonical URL keeps a page number (one `page_count` may lower)."""
    return url is not None and "?page=" in url
