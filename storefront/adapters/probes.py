"""Can we reach it? The database and Redis checks shared by /readyz and `check-settings`."""

from __future__ import annotations

import functools

import redis
from sqlalchemy import Engine, text

PROBE_TIMEOUT = 2.0


def ping_database(engine: Engine) -> None:
    """Raise unless the database answers a query."""
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))


def ping_redis(url: str) -> None:
    """Raise unless this Redis answers (one client per URL, kept for the next probe)."""
    _probe_client(url).ping()


@functools.cache
def _probe_client(url: str) -> redis.Redis:
    return redis.Redis.from_url(
        url, socket_timeout=PROBE_TIMEOUT, socket_connect_timeout=PROBE_TIMEOUT
    )
