"""Liveness and readiness probes, and a small metrics endpoint for the catalog cache."""

from __future__ import annotations

import asyncio

from sqlalchemy import text
from starlette.requests import Request
from starlette.responses import JSONResponse

from storefront.bootstrap import get_shop


async def healthz(_request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


def _check_database() -> None:
    engine = get_shop().engine
    if engine is not None:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))


async def readyz(_request: Request) -> JSONResponse:
    try:
        await asyncio.to_thread(_check_database)
    except Exception as exc:  # any failure means not ready; the reason is reported
        return JSONResponse({"status": "unavailable", "database": str(exc)}, status_code=503)
    if not get_shop().search_loaded:
        return JSONResponse(
            {"status": "starting", "database": "ok", "search": "loading"}, status_code=503
        )
    return JSONResponse({"status": "ok", "database": "ok", "search": "ok"})


async def cache_stats(_request: Request) -> JSONResponse:
    shop = get_shop()
    stats = shop.cache.stats
    return JSONResponse(
        {**stats.snapshot(), "hit_ratio": stats.hit_ratio, "db_queries": shop.query_count()}
    )
