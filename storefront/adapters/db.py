"""The database: engine with sane per-dialect settings, a query counter, the unit of work."""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import InvalidatePoolError
from sqlalchemy.orm import Session, sessionmaker

from models.events import Event
from storefront.adapters.sql_audit_write import write_audit
from storefront.adapters.sql_catalog import SqlCatalogStore
from storefront.adapters.sql_outbox import write_events
from storefront.adapters.sql_text import SQLITE_FOLD, sqlite_fold
from storefront.services.admin.audit import AuditRecord

# psycopg's connect_timeout: the whole connection's set-up, the server's answers included.
CONNECT_TIMEOUT_SECONDS = 5


class QueryCounter:
    """Counts statements sent to the database, for metrics and the zero-query guarantee."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.count = 0

    def __call__(self, *_args: Any, **_kwargs: Any) -> None:
        with self._lock:
            self.count += 1


def make_engine(
    url: str,
    *,
    echo: bool = False,
    pool_size: int = 10,
    max_overflow: int = 20,
    statement_timeout_seconds: float = 0,
) -> Engine:
    """An engine for SQLite (WAL, foreign keys, busy timeout) or PostgreSQL (a pool of
    `pool_size` kept connections and `max_overflow` more under load, checking those that sat
    idle). A PostgreSQL server that does not answer a new connection within
    CONNECT_TIMEOUT_SECONDS is an error, not a wait without end; with
    `statement_timeout_seconds`, so is a statement that runs or waits on a lock longer (the
    server cancels it: a web worker's thread is never held for ever). 0: no limit."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            echo=echo,
            hide_parameters=True,  # an error's log line names no shopper's email nor hash
            connect_args={"check_same_thread": False, "timeout": 30},
        )
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(
            url,
            echo=echo,
            hide_parameters=True,
            pool_size=pool_size,
            max_overflow=max_overflow,
            connect_args=_postgres_connect_args(statement_timeout_seconds),
        )
        _ping_when_idle(engine)
    counter = QueryCounter()
    event.listen(engine, "before_cursor_execute", counter)
    _counters[engine] = counter
    return engine


def _postgres_connect_args(statement_timeout_seconds: float) -> dict[str, Any]:
    args: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT_SECONDS}
    if statement_timeout_seconds > 0:
        # Set at connection start-up, so it costs no round trip; it covers the time a
        # statement waits on a lock too, so no separate lock_timeout is needed.
        milliseconds = max(1, round(statement_timeout_seconds * 1000))
        args["options"] = f"-c statement_timeout={milliseconds}"
    return args


IDLE_PING_SECONDS = 10.0


def _ping_when_idle(engine: Engine) -> None:
    """Like `pool_pre_ping`, but only for a connection idle for IDLE_PING_SECONDS: a busy shop
    skips a round trip per checkout. After a database restart the first idle connection found
    dead renews the whole pool before use; a connection used in the last seconds is not
    checked, so a busy process may fail one request (whose disconnect also renews the pool)."""

    @event.listens_for(engine, "checkin")
    def _stamp(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < IDLE_PING_SECONDS:
            return
        try:
            cursor = dbapi_connection.cursor()
            cursor.execute("SELECT 1")
            cursor.close()
            dbapi_connection.rollback()  # end the transaction the driver opened for it
        except Exception as exc:
            raise InvalidatePoolError("an idle database connection was dead") from exc


def read_only(engine: Engine) -> Engine:
    """The same pool for single-statement reads, outside any transaction: on PostgreSQL this
    saves the BEGIN and ROLLBACK round trips around each read (hot paths: carts). Reads only:
    `begin()` on it gives no transaction."""
    if engine.dialect.name == "postgresql":
        return engine.execution_options(isolation_level="AUTOCOMMIT")
    return engine


_counters: weakref.WeakKeyDictionary[Engine, QueryCounter] = weakref.WeakKeyDictionary()


def query_count(engine: Engine) -> int:
    """How many statements this engine has sent since it was made."""
    return _counters[engine].count


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers run beside the writer; the rest is standard for a server workload.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
    # Searches fold the case of every letter, not A to Z alone, and accents (sql_text.py).
    dbapi_connection.create_function(SQLITE_FOLD, 1, sqlite_fold, deterministic=True)


class SqlUnitOfWork:
    """One database transaction; events raised in it go to the outbox in it, and are handed
    out (to this process's own handlers) only after commit. A nested `with` joins the
    transaction: only the outermost block commits or rolls back."""

    catalog: SqlCatalogStore

    def __init__(self, engine: Engine) -> None:
        self._factory = sessionmaker(bind=engine, expire_on_commit=False)
        self._events: list[Event] = []
        self._audits: list[AuditRecord] = []
        self._committed: list[Event] = []
        self._session: Session | None = None
        self._depth = 0

    def __enter__(self) -> SqlUnitOfWork:
        self._depth += 1
        if self._depth == 1:
            self._session = self._factory()
            self._events, self._audits = [], []
            self.catalog = SqlCatalogStore(self._session)
        return self

    def __exit__(self, *exc_info: object) -> None:
        assert self._session is not None
        self._depth -= 1
        if self._depth:
            return
        self.rollback()
        self._session.close()
        self._session = None

    def commit(self) -> None:
        assert self._session is not None
        if self._depth > 1:
            return  # the outermost block commits
        connection = self._session.connection()
        write_events(connection, self._events)
        write_audit(connection, self._audits)
        self._session.commit()
        self._committed.extend(self._events)
        self._events, self._audits = [], []

    def rollback(self) -> None:
        if self._session is not None:
            self._session.rollback()
        self._events, self._audits = [], []

    def add_event(self, event: Event) -> None:
        self._events.append(event)

    def add_audit(self, entries: Sequence[AuditRecord]) -> None:
        self._audits.extend(entries)

    def collect_events(self) -> Iterator[Event]:
        while self._committed:
            yield self._committed.pop(0)
