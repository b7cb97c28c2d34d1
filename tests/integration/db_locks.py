"""A PostgreSQL backend waiting for a lock, seen from outside: tests line up a race on what
the server reports instead of sleeping."""

from __future__ import annotations

import time

from sqlalchemy import Engine, text


def waiting_on_a_lock(engine: Engine) -> bool:
    """Whether a backend of this engine's database is blocked on a lock."""
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
