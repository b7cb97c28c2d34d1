"""The PostgreSQL engine against a real server: a connection that died while idle in the pool
(a database restart, a failover) is replaced before use, so no request fails; reads made
outside a transaction still see committed writes; a failed statement's error (logged) names
none of its values."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError

from storefront import bootstrap
from storefront.adapters import db
from storefront.adapters.db import make_engine, read_only
from storefront.bootstrap import Shop, build_shop
from storefront.cli.__main__ import main as cli_main
from tests.conftest import settings_for


def pg(url: str) -> str:
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


def test_a_connection_killed_while_idle_is_replaced_before_use(
    postgres_url: str, postgres_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "IDLE_PING_SECONDS", 0.0)
    engine = make_engine(pg(postgres_url))
    try:
        with engine.connect() as connection:
            backend = connection.execute(text("select pg_backend_pid()")).scalar_one()
        with psycopg.connect(postgres_server, autocommit=True) as admin:
            admin.execute("select pg_terminate_backend(%s)", (backend,))
        with engine.connect() as connection:  # the dead one is noticed and replaced
            assert connection.execute(text("select pg_backend_pid()")).scalar_one() != backend
        with read_only(engine).connect() as connection:  # and reads outside a transaction
            assert connection.execute(text("select 1")).scalar_one() == 1
    finally:
        engine.dispose()


def test_reads_outside_a_transaction_see_committed_writes(postgres_url: str) -> None:
    engine = make_engine(pg(postgres_url))
    reads = read_only(engine)
    try:
        with engine.begin() as connection:
            connection.execute(text("create table note (id int)"))
        for n in range(3):
            with engine.begin() as connection:
                connection.execute(text("insert into note values (:n)"), {"n": n})
            with reads.connect() as connection:
                assert connection.execute(text("select count(*) from note")).scalar_one() == n + 1
        with engine.connect() as connection:  # the pooled connection is back in transactions
            connection.execute(text("insert into note values (9)"))
            connection.rollback()
            assert connection.execute(text("select count(*) from note")).scalar_one() == 3
    finally:
        engine.dispose()


def test_the_pool_takes_its_size_from_the_settings(
    postgres_url: str, make_shop: Callable[..., Shop]
) -> None:
    shop = make_shop(postgres_url, db_pool_size=3, db_max_overflow=4)
    assert shop.engine is not None
    assert shop.engine.pool.size() == 3  # type: ignore[attr-defined]
    assert shop.engine.pool._max_overflow == 4  # type: ignore[attr-defined]


def test_a_statement_waiting_on_a_lock_is_cancelled_after_the_web_timeout(
    postgres_url: str, postgres_server: str, make_shop: Callable[..., Shop]
) -> None:
    shop = make_shop(postgres_url, db_statement_timeout_seconds=1)
    assert shop.engine is not None
    with shop.engine.begin() as connection:
        connection.execute(text("create table hold (id int primary key, n int)"))
        connection.execute(text("insert into hold values (1, 0)"))
    blocker = psycopg.connect(postgres_url)  # another client holds the row
    # without a timeout the update waits on the lock: the blocker lets go after 10 s and the
    # test fails (nothing raised) rather than hang
    release = threading.Timer(10, blocker.rollback)
    try:
        blocker.execute("update hold set n = 1 where id = 1")
        release.start()
        started = time.monotonic()
        with (
            pytest.raises(OperationalError, match="canceling statement due to statement timeout"),
            shop.engine.begin() as connection,
        ):
            connection.execute(text("update hold set n = 2 where id = 1"))
        assert 0.9 < time.monotonic() - started < 5
    finally:
        release.cancel()
        blocker.rollback()
        blocker.close()
    with shop.engine.connect() as connection:  # nothing written, and the pool still serves
        assert connection.execute(text("select n from hold")).scalar_one() == 0


def test_commands_and_workers_have_no_statement_timeout(
    postgres_url: str, make_shop: Callable[..., Shop], tmp_path: Path
) -> None:
    web = make_shop(postgres_url)
    batch = build_shop(settings_for(postgres_url, tmp_path), batch=True)
    try:
        assert web.engine is not None
        assert batch.engine is not None
        with web.engine.connect() as connection:
            assert connection.execute(text("show statement_timeout")).scalar_one() == "30s"
        with batch.engine.connect() as connection:
            assert connection.execute(text("show statement_timeout")).scalar_one() == "0"
    finally:
        assert batch.engine is not None
        batch.engine.dispose()


def test_the_command_line_builds_its_shop_without_the_timeout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built: list[bool] = []

    class Stop(Exception):
        pass

    def build(_settings: object, *, batch: bool = False) -> Shop:
        built.append(batch)
        raise Stop

    monkeypatch.setattr(bootstrap, "_batch_process", False)
    monkeypatch.setattr(bootstrap, "_shop", None)
    monkeypatch.setattr(bootstrap, "build_shop", build)
    with pytest.raises(Stop):
        cli_main(["bus-status"])
    assert built == [True]


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_a_failed_statement_says_its_sql_but_not_its_values(
    kind: str, request: pytest.FixtureRequest
) -> None:
    """A sign-up cancelled by the statement timeout logged the shopper's email and password
    hash with the SQL (operator QA)."""
    url = str(request.getfixturevalue(f"{kind}_url"))
    engine = make_engine(pg(url) if kind == "postgres" else url)
    secret = "leak.check@example.org"
    try:
        with pytest.raises(DBAPIError) as failed, engine.connect() as connection:
            connection.execute(
                text("select * from no_such_table where x = :email"), {"email": secret}
            )
        assert "no_such_table" in str(failed.value)
        assert secret not in str(failed.value)
    finally:
        engine.dispose()
