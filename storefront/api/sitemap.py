"""/sitemap.xml (and the files it indexes for a big catalog) and /robots.txt, built from the
catalog at request time (services/sitemap.py), through the catalog cache
(services/sitemap_cache.py). Reflex's own SitemapPlugin is disabled in
rxconfig.py: it listed every static page, the admin's included, and no product."""

from __future__ import annotations

from collections.abc import Iterator

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse

from storefront.bootstrap import get_shop
from storefront.services.sitemap import Sitemap

# Crawlers come back often; an hour keeps their visits from reading the catalog each time.
CACHE_CONTROL = "public, max-age=3600"
XML = "application/xml; charset=utf-8"


def _sitemap() -> Sitemap | None:
    return get_shop().sitemap


def _xml(pieces: Iterator[str] | None) -> Response:
    if pieces is None:
        return PlainTextResponse("Not Found", status_code=404)
    # A sync iterator: Starlette reads it in its thread pool, one piece at a time.
    return StreamingResponse(pieces, media_type=XML, headers={"Cache-Control": CACHE_CONTROL})


# Starting a file reads the catalog (the count, the categories) unless cached: in the thread
# pool, never on the event loop every shopper's events of this process wait on.
async def sitemap_xml(_request: Request) -> Response:
    sitemap = _sitemap()
    return _xml(await run_in_threadpool(sitemap.root) if sitemap else None)


async def sitemap_pages(_request: Request) -> Response:
    sitemap = _sitemap()
    return _xml(await run_in_threadpool(sitemap.pages_file) if sitemap else None)


async def sitemap_products(request: Request) -> Response:
    sitemap = _sitemap()
    number: int = request.path_params["number"]
    return _xml(await run_in_threadpool(sitemap.products_file, number) if sitemap else None)


async def robots_txt(_request: Request) -> Response:
    sitemap = _sitemap()
    if sitemap is None:
        return PlainTextResponse("User-agent: *\nDisallow:\n")
    return PlainTextResponse(sitemap.robots_txt(), headers={"Cache-Control": CACHE_CONTROL})
