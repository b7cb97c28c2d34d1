"""Locks seen from outside: tests line up a race on what the database reports instead of
sleeping."""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing

from sqlalchemy import Engine, text


def waiting_on_a_lock(engine: Engine) -> bool:
    """Whether a backend of this engine's (PostgreSQL) database is blocked on a lock."""
    # A transaction per look: PostgreSQL reads pg_stat_activity once per transaction.
    with engine.connect() as connection:
        return bool(
            connection.execute(
                text(
                    "select count(*) from pg_stat_activity "
                    "where datname = current_database() and wait_event_type = 'Lock'"
                )
            ).scalar_one()
        )


def wait_until_waiting_on_a_lock(engine: Engine, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not waiting_on_a_lock(engine):
        if time.monotonic() > deadline:
            raise AssertionError(f"no backend waited on a lock within {timeout:.0f} s")
        time.sleep(0.01)


def rows_free_to_write(engine: Engine, table: str) -> int:
    """How many of `table`'s rows another writer could change now, seen without waiting.
    PostgreSQL: the rows no transaction holds. SQLite, which has no row locks: all of them
    while the database's write lock is free, none while a transaction holds it."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            # SKIP LOCKED passes over the rows another transaction holds, without waiting.
            free = f"select count(*) from (select 1 from {table} for update skip locked) free"
            return int(connection.execute(text(free)).scalar_one())
    path = engine.url.database
    assert path, "a SQLite file: an in-memory database has no other connection"
    # A connection of its own with no busy timeout: a write lock taken answers at once.
    with closing(sqlite3.connect(path, timeout=0, isolation_level=None)) as probe:
        try:
            probe.execute("begin immediate")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc):
                raise
            return 0
        try:
            return int(probe.execute(f"select count(*) from {table}").fetchone()[0])
        finally:
            probe.execute("rollback")
