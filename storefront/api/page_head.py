"""Writes a page's own <title>, description and Open Graph tags into the HTML the server
sends, for link previews and crawlers that run no script (Facebook, Slack, WhatsApp, X).

The prerendered HTML of a product or category page is one template for all of them; the
page's code writes the page's own tags only once it has loaded the product. Here the tags
the template has (a generic description, Reflex's favicon as og:image) are replaced by the
page's own, every value escaped.

React does not take over <meta> tags it finds in the page unless their content is the one it
renders first (the generic one), so left in place they would end up beside React's own: a
browser gets two descriptions; and a <title> React did not render breaks its hydration
(error #418, seen in Chromium). The tags written here, the title too, are therefore marked,
and a one-line script right after them removes them as the HTML is read, before the page's
code runs: React then finds the head it rendered and adds its own tags. The script is
marked too and removes itself: left in <head>, React took it for the template's theme script
(the first <script> without src there) and their differing text broke its hydration."""

from __future__ import annotations

import re
from html import escape

from storefront.services.page_meta import PageHead

MARK = "data-server-head"
STRUCTURED_ID = "structured-data"  # the product page's schema.org data (its <script>)
_HEAD = re.compile(r"<head>(.*?)</head>", re.S)
_TITLE = re.compile(r"<title\b[^>]*>.*?</title>", re.S)
# The template's own tags of the kind written here, whatever their attributes' order.
_META = re.compile(r'<meta\b[^>]*?\b(?:name="description"|property="og:[^"]*")[^>]*>')
_CHARSET = re.compile(r"<meta charSet=\"utf-8\"/?>", re.I)
# Marked as well, so it removes itself: React claims the first <script> without src it finds
# in <head> for the template's theme script and compares their text (error #418 'text').
_REMOVE = (
    f'<script {MARK}="">document.querySelectorAll("head [{MARK}]").forEach(e=>e.remove())</script>'
)


def head_tags(head: PageHead) -> str:
    """The tags of `head`, escaped for HTML (attribute values and the title's text)."""
    metas = [
        ("name", "description", head.description),
        ("property", "og:title", head.title),
        ("property", "og:description", head.description),
        ("property", "og:type", head.kind),
        ("property", "og:url", head.url),
        ("property", "og:image", head.image),
    ]
    tags = [f'<title {MARK}="">{escape(head.title)}</title>']
    tags += [
        f'<meta {key}="{name}" content="{escape(value, quote=True)}" {MARK}=""/>'
        for key, name, value in metas
        if value
    ]
    return "".join(tags) + _REMOVE


def rewrite_head(html: str, head: PageHead) -> str:
    """`html` with its title, description and og: tags replaced by those of `head`, and its
    structured data at the end of its body; as it is when it has no <head>."""
    match = _HEAD.search(html)
    if match is None:
        return html
    inner = _META.sub("", _TITLE.sub("", match.group(1)))
    charset = _CHARSET.search(inner)
    at = charset.end() if charset else 0
    inner = inner[:at] + head_tags(head) + inner[at:]
    html = html[: match.start(1)] + inner + html[match.end(1) :]
    body_end = html.rfind("</body>")
    if not head.structured or body_end < 0:
        return html
    return html[:body_end] + structured_tag(head.structured) + html[body_end:]


def structured_tag(text: str) -> str:
    """The page's schema.org data (JSON made safe for a script element), where it stays: at
    the end of <body>, outside what React renders, which React 19 leaves alone as it
    hydrates (the head's tags it would take for its own)."""
    return f'<script type="application/ld+json" id="{STRUCTURED_ID}">{text}</script>'
