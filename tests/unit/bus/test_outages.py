"""Which failures the bus waits out (never dead-lettering for them) and which it does not:
only what says a service is out of reach, never a fault a message could repeat for ever."""

from __future__ import annotations

import sqlite3

import psycopg
import psycopg.errors
import pytest
import redis
from sqlalchemy import exc as sql

from storefront.adapters.outages import is_outage, is_unreachable
from storefront.services.bus.ports import BusUnavailable
from storefront.services.ports import CacheUnavailable


def operational(driver: Exception) -> sql.OperationalError:
    return sql.OperationalError("SELECT 1", {}, driver)


@pytest.mark.parametrize(
    "failure",
    [
        operational(psycopg.OperationalError("connection refused")),  # no server answer
        operational(psycopg.errors.ConnectionFailure("server closed the connection")),
        operational(psycopg.errors.AdminShutdown("terminating connection")),
        operational(sqlite3.OperationalError("database is locked")),
        sql.InterfaceError("SELECT 1", {}, OSError("connection already closed")),
        redis.ConnectionError("refused"),
        redis.exceptions.ReadOnlyError("READONLY You can't write against a read only replica"),
        redis.exceptions.OutOfMemoryError("OOM command not allowed"),
        BusUnavailable("down"),
        CacheUnavailable("down"),
    ],
)
def test_services_out_of_reach_are_outages(failure: BaseException) -> None:
    assert is_outage(failure)


@pytest.mark.parametrize(
    "failure",
    [
        operational(psycopg.errors.QueryCanceled("canceling statement due to statement timeout")),
        operational(psycopg.errors.DeadlockDetected("deadlock detected")),
        operational(sqlite3.OperationalError("no such table: sales_stats")),  # before migrating
        sql.IntegrityError("INSERT", {}, ValueError("duplicate key")),
        sql.DataError("INSERT", {}, ValueError("value too long")),
        ValueError("a bug"),
    ],
)
def test_a_message_s_own_faults_are_not(failure: BaseException) -> None:
    assert not is_outage(failure)


UNREACHABLE = [
    operational(psycopg.OperationalError("connection refused")),
    operational(psycopg.errors.AdminShutdown("terminating connection")),
    operational(sqlite3.OperationalError("unable to open database file")),
    sql.InterfaceError("SELECT 1", {}, OSError("connection already closed")),
    redis.ConnectionError("refused"),
    redis.TimeoutError("timed out"),
]


@pytest.mark.parametrize("failure", UNREACHABLE)
def test_a_part_that_cannot_be_reached_is_unreachable(failure: BaseException) -> None:
    assert is_unreachable(failure)
    assert is_outage(failure)


@pytest.mark.parametrize(
    "failure",
    [
        # Outages /readyz does not see (a page reloading for them would reload for ever):
        operational(sqlite3.OperationalError("database is locked")),
        redis.exceptions.ReadOnlyError("READONLY You can't write against a read only replica"),
        redis.exceptions.OutOfMemoryError("OOM command not allowed"),
        sql.TimeoutError("QueuePool limit reached"),
        BusUnavailable("down"),
        CacheUnavailable("down"),
        operational(psycopg.errors.QueryCanceled("canceling statement due to statement timeout")),
        ValueError("a bug"),
    ],
)
def test_what_readyz_does_not_see_is_not_unreachable(failure: BaseException) -> None:
    assert not is_unreachable(failure)
