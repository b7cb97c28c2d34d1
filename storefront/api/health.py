"""Liveness and readiness probes, and a small JSON view of the catalog cache."""

from __future__ import annotations

import asyncio
import logging
import math
import time
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import JSONResponse

from storefront.adapters.probes import CheckTimedOut, ping_redis, schema_state
from storefront.bootstrap import get_shop

log = logging.getLogger(__name__)


async def healthz(_request: Request) -> JSONResponse:
    """Alive: the process answers (restart it if not)."""
    return JSONResponse({"status": "ok"})


# The schema state the log last told of: `outdated` and `newer` are logged once when found,
# and the return to this release's once, as an outage is (probes come every few seconds).
_schema_said = "ok"


def _check_database() -> str:
    """`ok`; `outdated` when the schema is not this release's (never migrated, or behind
    it: pages would fail on missing tables or columns); `newer` when a newer release migrated
    it (a rolling deploy: this process still serves, since migrations add to the schema, but
    should be replaced); raises when it does not answer. One query: reading the schema's
    revision is the ping."""
    global _schema_said
    engine = get_shop().engine
    if engine is None:
        return "ok"
    state, detail = schema_state(engine)
    if state != _schema_said:
        if state == "outdated":
            log.warning("readyz: database schema outdated: %s", detail)
        elif state == "newer":
            log.warning("readyz: database schema newer than this release: %s", detail)
        else:
            log.info("readyz: database schema is this release's again")
        _schema_said = state
    return state


# The parts whose last probe failed: an outage is logged when it starts and when it ends, not at
# every probe (pages poll /readyz during one: about one probe a second per process).
_failing: set[str] = set()


_TIMED_OUT = (
    "readyz: %s check timed out (%s), with no error from it: this process may be busy "
    "(loading its model at start), or the server slow to answer"
)


async def _probe(name: str, check: object, *args: object) -> str:
    try:
        state = await asyncio.to_thread(check, *args)  # type: ignore[arg-type]
    except Exception as exc:  # any failure is reported; its reason (hosts, users) only in the log
        if name not in _failing:
            _failing.add(name)
            if isinstance(exc, CheckTimedOut):
                # Not the database's error: at a start, a worker loading its model answered
                # late while PostgreSQL was fine, and the log blamed the database (QA).
                log.warning(_TIMED_OUT, name, exc)
            else:
                log.warning("readyz: %s unavailable: %s: %s", name, type(exc).__name__, exc)
        return "unavailable"
    if name in _failing:
        _failing.discard(name)
        log.info("readyz: %s answers again", name)  # the end of the outage: news, no warning
    return state if isinstance(state, str) else "ok"


# Shoppers' pages ask too while the shop is out of reach (components/failure_notices.py), each
# every few seconds: one run of the probes answers every request made while it runs and in
# the SHARED_SECONDS after it ends (a probe waiting on a silent database takes seconds).
SHARED_SECONDS = 1.0


@dataclass
class _Answer:
    loop: asyncio.AbstractEventLoop
    probes: asyncio.Future[tuple[dict[str, str], int]]
    ended: float = math.inf  # when the probes ended (time.monotonic)

    def shared(self, loop: asyncio.AbstractEventLoop) -> bool:
        return self.loop is loop and time.monotonic() - self.ended <= SHARED_SECONDS


_last: _Answer | None = None


async def readyz(_request: Request) -> JSONResponse:
    """Ready for traffic: the database and the Redis holding sessions answer, and the search
    index is loaded. A separate cache/bus Redis that is down is reported as degraded, not
    unready: reads fall back to the database and events wait in the outbox. So is a database
    migrated by a newer release: during a rolling deploy the old processes keep serving
    (503 from all of them at once would empty the load balancer) until they are replaced."""
    global _last
    loop = asyncio.get_running_loop()
    if _last is None or not _last.shared(loop):
        answer = _last = _Answer(loop, asyncio.ensure_future(_readiness()))
        answer.probes.add_done_callback(lambda _: setattr(answer, "ended", time.monotonic()))
    body, status = await asyncio.shield(_last.probes)
    return JSONResponse(body, status_code=status)


async def _readiness() -> tuple[dict[str, str], int]:
    shop = get_shop()
    settings = shop.settings
    checks = {"database": await _probe("database", _check_database)}
    if settings.redis_url:
        checks["redis"] = await _probe("redis", ping_redis, settings.redis_url)
    cache_url = settings.cache_redis_url
    if cache_url and cache_url != settings.redis_url:
        checks["cache_bus_redis"] = await _probe("cache_bus_redis", ping_redis, cache_url)
    checks["search"] = "ok" if shop.search_loaded else "loading"
    required = ("database", "redis", "search")
    ready = all(checks.get(name, "ok") in ("ok", "newer") for name in required)
    degraded = checks.get("cache_bus_redis", "ok") != "ok" or checks["database"] == "newer"
    status = ("degraded" if degraded else "ok") if ready else "unavailable"
    return {"status": status, **checks}, 200 if ready else 503


async def cache_stats(_request: Request) -> JSONResponse:
    shop = get_shop()
    stats = shop.cache.stats
    return JSONResponse(
        {**stats.snapshot(), "hit_ratio": stats.hit_ratio, "db_queries": shop.query_count()}
    )
