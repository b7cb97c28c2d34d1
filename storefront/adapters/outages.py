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
    sql.InterfaceError,  # the connection was closed under it
    sql.TimeoutError,  # no pooled connection came free
)
# PostgreSQL's connection exceptions (08...), and a server shutting down or starting up.
_PG_UNREACHABLE = ("08", "57P01", "57P02", "57P03")
# SQLite: another writer holds the database past the busy timeout, or its file is unreachable.
_SQLITE_UNREACHABLE = ("database is locked", "unable to open database file", "disk i/o error")


def is_outage(failure: BaseException) -> bool:
    if isinstance(failure, _OUTAGES):
        return True
    return _database_unreachable(failure, _SQLITE_UNREACHABLE)


# A connection that failed or was lost, the server gone: what /readyz sees too.
_CONNECTIONS = (redis.ConnectionError, redis.TimeoutError, sql.InterfaceError)


def is_unreachable(failure: BaseException) -> bool:
    """Narrower than an outage: the database or a Redis could not be reached at all, which
    /readyz reports until it is back (a page waiting for it then reloads). Not a write
    refused by a Redis that answers (read-only, full), a busy SQLite or a pool with no
    connection free: /readyz sees none of them (review)."""
    if isinstance(failure, _CONNECTIONS):
        return True
    return _database_unreachable(failure, ("unable to open database file",))


def _database_unreachable(failure: BaseException, sqlite_signs: tuple[str, ...]) -> bool:
    if not isinstance(failure, sql.DBAPIError):
        return False
    if failure.connection_invalidated:
        return True
    if not isinstance(failure, sql.OperationalError):
        return False
    # Only what says the database is out of reach: a statement timeout, a deadlock or a
    # missing table is an OperationalError too, and a message's own (it may never pass).
    driver = failure.orig
    state = getattr(driver, "sqlstate", None)
    if state is not None:
        return str(state).startswith(_PG_UNREACHABLE)
    if type(driver).__module__.startswith("psycopg"):
        return True  # no SQLSTATE: the server never answered (refused, timed out, reset)
    text = str(driver).lower()
    return any(sign in text for sign in sqlite_signs)
