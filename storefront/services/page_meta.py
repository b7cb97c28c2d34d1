"""What a page tells search engines and link previews of itself, beyond its title: a short
description taken from the page's own text, and absolute URLs (an og:image must be one).

The text is plain: React escapes attribute values when it writes the <meta> tags."""

from __future__ import annotations

import re

from storefront.services.text import without_control

# Search engines show about 155-160 characters of a description; more is cut where they choose.
DESCRIPTION_LIMIT = 160
_SPACES = re.compile(r"\s+")


def meta_description(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """`text` on one line, its runs of spaces and line breaks made one space, cut before
    `limit` characters at the end of a word, with an ellipsis where it was cut."""
    flat = _SPACES.sub(" ", without_control(text)).strip()
    if len(flat) <= limit:
        return flat
    head = flat[: limit - 1]  # room for the ellipsis
    cut = head.rfind(" ")
    if cut > limit // 2:  # a word boundary not too far back; else cut inside the long word
        head = head[:cut]
    return head.rstrip(" ,;:.-–—") + "…"


def absolute_url(public_url: str, url: str) -> str:
    """`url` as an absolute URL under the shop's public address; one already absolute as is."""
    if not url or url.startswith(("http://", "https://")):
        return url
    return public_url.rstrip("/") + "/" + url.lstrip("/")
