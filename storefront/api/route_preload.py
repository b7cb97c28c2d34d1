"""Sends a page's own code with the HTML of pages whose route has a parameter.

/product/<slug>, /category/<slug> and the like cannot be rendered ahead of time, so they are
answered with the single-page app's fallback HTML, which names only the shared code. The
browser learns which page module it needs only once that code has run: one more round trip
for the module and another for what it imports, before any of the page can show (on a
phone network about 0.3 s). Pages rendered ahead of time name their module in their HTML.
This middleware gives dynamic pages the same: the fallback HTML plus a `modulepreload` link
for the page's module and its imports, read from React Router's build manifest.

It also sends the page's own head (title, description, Open Graph tags) when NotFoundStatus
found one (PAGE_HEAD in the scope): product and category pages, and the home page, whose
prerendered HTML it then serves itself.

Without a production build (development mode) it steps aside.
"""

from __future__ import annotations

import functools
import gzip
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from storefront.api.page_head import rewrite_head
from storefront.api.page_heads import PAGE_HEAD
from storefront.services.page_meta import PageHead

log = logging.getLogger(__name__)
_MANIFEST_LINK = re.compile(r'<link rel="modulepreload" href="([^"]*/manifest-[^"/]+\.js)"/?>')
_MANIFEST_PREFIX = "window.__reactRouterManifest="


@dataclass(frozen=True)
class DynamicPage:
    pattern: re.Pattern[str]
    html: bytes
    html_gzip: bytes
    text: str  # `html` as text, to write a page's own head into (api/page_head.py)


def route_pattern(path: str) -> re.Pattern[str] | None:
    """A regex for a React Router path with parameters ("product/:slug"); None for a
    path without any (those pages are rendered ahead of time) and for the catch-all "*"
    (the not-found page: matching it would shadow every prerendered page)."""
    parts = path.strip("/").split("/")
    if "*" in parts or not any(part.startswith(":") for part in parts):
        return None
    regex = "/".join("[^/]+" if part.startswith(":") else re.escape(part) for part in parts)
    return re.compile(f"^/{regex}/?$")


def dynamic_pages(fallback_html: str, manifest: dict[str, object]) -> list[DynamicPage]:
    """Each parameterised route of the manifest with its fallback HTML, preloads added."""
    pages = []
    routes = manifest.get("routes")
    for route in routes.values() if isinstance(routes, dict) else ():
        pattern = route_pattern(str(route.get("path") or ""))
        if pattern is None or not route.get("module"):
            continue
        modules = dict.fromkeys([route["module"], *route.get("imports", [])])
        links = "".join(f'<link rel="modulepreload" href="{m}"/>' for m in modules)
        text = fallback_html.replace("</head>", links + "</head>", 1)
        html = text.encode()
        pages.append(DynamicPage(pattern, html, gzip.compress(html, mtime=0), text))
    return pages


_LOADED: dict[Path, tuple[DynamicPage, ...]] = {}


def load_pages(static_dir: Path) -> tuple[DynamicPage, ...]:
    """The dynamic pages of the build in `static_dir`, read once (a process serves one
    build); none while there is no build, which is looked for again on the next request."""
    if static_dir in _LOADED:
        return _LOADED[static_dir]
    fallback = static_dir / "__spa-fallback.html"
    if not fallback.is_file():
        return ()
    html = fallback.read_text()
    link = _MANIFEST_LINK.search(html)
    try:
        if link is None:
            raise ValueError("no manifest link in the fallback HTML")
        text = (static_dir / link.group(1).lstrip("/")).read_text().strip()
        manifest = json.loads(text.removeprefix(_MANIFEST_PREFIX).rstrip(";"))
        pages = tuple(dynamic_pages(html, manifest))
    except (OSError, ValueError) as error:
        log.warning("dynamic pages are served without preloads: %s", error)
        pages = ()
    _LOADED[static_dir] = pages
    return pages


_HOME: dict[Path, str] = {}


def load_home(static_dir: Path) -> str | None:
    """The home page's prerendered HTML, read once; None while there is no build."""
    if static_dir not in _HOME:
        index = static_dir / "index.html"
        if not index.is_file():
            return None
        _HOME[static_dir] = index.read_text()
    return _HOME[static_dir]


@functools.lru_cache(maxsize=512)
def with_head(html: str, head: PageHead) -> tuple[bytes, bytes]:
    """`html` carrying `head`, plain and gzipped: kept for the pages asked most (a page's
    head changes only with its product, which makes another key)."""
    body = rewrite_head(html, head).encode()
    return body, gzip.compress(body, compresslevel=6, mtime=0)


def frontend_dir() -> Path:
    """Where `reflex run --env prod` serves the compiled frontend from."""
    from reflex.utils import prerequisites
    from reflex_base import constants

    return prerequisites.get_web_dir() / constants.Dirs.STATIC


class RoutePreload:
    def __init__(self, app: ASGIApp, static_dir: Path | None = None) -> None:
        self.app = app
        self.static_dir = static_dir or frontend_dir()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        page = self._page(scope)
        head = scope.get(PAGE_HEAD) if scope["type"] == "http" else None
        home = load_home(self.static_dir) if head and scope.get("path") == "/" else None
        if page is None and home is None:
            await self.app(scope, receive, send)
            return
        zipped = "gzip" in Headers(scope=scope).get("accept-encoding", "")
        if head is not None:  # the page's own title, description and og: tags
            html, html_gzip = with_head(page.text if page else home or "", head)
        else:
            assert page is not None
            html, html_gzip = page.html, page.html_gzip
        body = html_gzip if zipped else html
        headers = [
            (b"content-type", b"text/html; charset=utf-8"),
            (b"content-length", str(len(body)).encode()),
            (b"cache-control", b"no-cache"),
            (b"vary", b"Accept-Encoding"),
        ]
        if zipped:
            headers.append((b"content-encoding", b"gzip"))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        head_only = scope.get("method") == "HEAD"
        await send({"type": "http.response.body", "body": b"" if head_only else body})

    def _page(self, scope: Scope) -> DynamicPage | None:
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            return None
        path = scope.get("path", "")
        if path.startswith(("/_", "/api/", "/media/", "/assets/")):
            return None
        pages = load_pages(self.static_dir)
        return next((page for page in pages if page.pattern.match(path)), None)
