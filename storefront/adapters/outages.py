"""Which failures are outages: a database or Redis out of reach (restarting, failing over,
full), as opposed to work that is wrong. The bus retries outages for as long as they last."""

from __future__ import annotations

import redis
from sqlalchemy import exc as sql

from storefront.services.bus.ports import BusUnavailable
from storefront.services.ports import CacheUnavailable

_OUTAGES = (
    BusUnavailable,
    CacheUnavailable,
    redis.ConnectionError,
    redis.TimeoutError,
    redis.exceptions.ReadOnlyError,  # a replica since a failover
    redis.exceptions.OutOfMemoryError,
    sql.OperationalError,  # connection lost or refused, a SQLite database locked
    sql.InterfaceError,
    sql.TimeoutError,  # no pooled connection came free
)


def is_outage(failure: BaseException) -> bool:
    if isinstance(failure, _OUTAGES):
        return True
    return isinstance(failure, sql.DBAPIError) and failure.connection_invalidated
