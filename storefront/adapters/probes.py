"""Can we reach it? The database and Redis checks shared by /readyz and `check-settings`.

A database that accepts connections but never answers (a hung server, a proxy that stopped
forwarding) would hold a caller forever: the database's calls here run in a thread of their
own and are given up after a timeout, at most one such thread per engine and purpose (a
later call waits on the one still running rather than start another)."""

from __future__ import annotations

import functools
import re
import threading
import weakref
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TypeVar

import redis
from sqlalchemy import Engine, text

PROBE_TIMEOUT = 2.0

T = TypeVar("T")

_lock = threading.Lock()
_running: weakref.WeakKeyDictionary[Engine, dict[str, Future[object]]] = weakref.WeakKeyDictionary()


class CheckTimedOut(TimeoutError):
    """The check as a whole gave no answer in time, the database no error: a process too
    busy to run it (loading its model at start) looks the same as a database that is slow."""


def within(engine: Engine, purpose: str, call: Callable[[], T], timeout: float) -> T:
    """`call()`'s result, or CheckTimedOut when it has not answered within `timeout` s.
    The call goes on in its thread (a driver's read cannot be interrupted) until the
    connection times out or answers; meanwhile callers wait on it, none starts another."""
    with _lock:
        calls = _running.setdefault(engine, {})
        future = calls.get(purpose)
        if future is None or future.done():
            future = Future()
            calls[purpose] = future
            threading.Thread(
                target=_run, args=(call, future), name=f"probe-{purpose}", daemon=True
            ).start()
    try:
        return future.result(timeout)  # type: ignore[return-value]
    except FutureTimeout:
        raise CheckTimedOut(f"no answer within {timeout:g} s") from None


def _run(call: Callable[[], object], future: Future[object]) -> None:
    try:
        future.set_result(call())
    except BaseException as exc:  # handed to the caller
        future.set_exception(exc)


def ping_database(engine: Engine, timeout: float = PROBE_TIMEOUT) -> None:
    """Raise unless the database answers a query within `timeout` seconds."""
    within(engine, "ping", functools.partial(_select_one, engine), timeout)


def _select_one(engine: Engine) -> None:
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))


def outdated_schema(engine: Engine, timeout: float = PROBE_TIMEOUT) -> str | None:
    """What is wrong with the database's schema for this release (never migrated, or behind
    it), None when it is current; raises as ping_database does."""
    return within(engine, "schema", functools.partial(_schema, engine), timeout)


def _schema(engine: Engine) -> str | None:
    # Alembic is imported at the first probe, in its thread, not by every web process's
    # start (70 ms; reading the revisions, 0.3 s more, happens once then too).
    from storefront.adapters.migrations import schema_problem

    with engine.connect() as connection:
        return schema_problem(connection)


def schema_state(engine: Engine, timeout: float = PROBE_TIMEOUT) -> tuple[str, str | None]:
    """The database's schema for this release: `ok`, `outdated` or `newer`, with the reason
    for the last two (migrations.schema_state); raises as ping_database does."""
    return within(engine, "schema-state", functools.partial(_schema_state, engine), timeout)


def _schema_state(engine: Engine) -> tuple[str, str | None]:
    from storefront.adapters.migrations import schema_state as state_of

    with engine.connect() as connection:
        return state_of(connection)


# A PostgreSQL server that answered and refused the connection's own settings: waiting
# for it cannot help (psycopg gives no SQLSTATE for a failed connection, only the text).
_DATABASE_REFUSALS = re.compile(
    r'FATAL:\s+(?:database "[^"]*" does not exist|role "[^"]*" does not exist'
    r"|password authentication failed|no pg_hba\.conf entry)"
)

# libpq refusing the URL's own options before or while it connects: a value it does not know
# (`?sslmode=bogus`), an option it does not know, or SSL required of a server without it.
# They were taken for outages, and scripts/serve waited for ever on a typo (QA).
_CLIENT_REFUSALS = re.compile(
    r'invalid \S+ value: "|invalid connection option "'
    r"|server does not support SSL, but SSL was required"
)


def settings_refused(exc: BaseException) -> bool:
    """Whether the database or Redis answered and refused what the settings ask of it (no
    such database or role, a wrong password, a Redis database number out of range), rather
    than was out of reach: a typo, which no restart will fix."""
    if isinstance(exc, redis.AuthenticationError | redis.exceptions.NoPermissionError):
        return True
    if isinstance(exc, redis.ResponseError):
        # Not every error reply: MASTERDOWN, TRYAGAIN, BUSY and the like pass with a
        # failover or a long script, and are waited out.
        return "DB index is out of range" in str(exc) or "invalid DB index" in str(exc)
    text = str(exc)
    return bool(_DATABASE_REFUSALS.search(text) or _CLIENT_REFUSALS.search(text))


def ping_redis(url: str) -> None:
    """Raise unless this Redis answers (one client per URL, kept for the next probe)."""
    _probe_client(url).ping()


@functools.cache
def _probe_client(url: str) -> redis.Redis:
    return redis.Redis.from_url(
        url, socket_timeout=PROBE_TIMEOUT, socket_connect_timeout=PROBE_TIMEOUT
    )
