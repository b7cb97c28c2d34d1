"""Shared fixtures: real databases (SQLite, PostgreSQL), real Redis, shops wired on them."""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
from argon2 import profiles

from storefront.adapters.migrations import upgrade_database
from storefront.adapters.passwords import Argon2Hasher
from storefront.bootstrap import Shop, build_shop, set_shop
from storefront.services.accounts.ports import PasswordHasher
from storefront.services.ports import Cache
from storefront.settings import Settings
from tests.localstripe import running_localstripe
from tests.missing import missing

DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
DEFAULT_REDIS = "redis://127.0.0.1:6379/15"


def _postgres_reachable(url: str) -> str | None:
    import psycopg

    try:
        psycopg.connect(url, connect_timeout=2).close()
    except psycopg.OperationalError as exc:
        return str(exc).strip().splitlines()[0]
    return None


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """A PostgreSQL server URL (scripts/test provides one, or the local default)."""
    url = os.environ.get("TEST_POSTGRES_URL", DEFAULT_POSTGRES)
    problem = _postgres_reachable(url)
    if problem:
        missing(f"PostgreSQL not reachable at {url}: {problem} (scripts/test starts one)")
    return url


# Every test gets a database of its own, copied from one migrated once per session: running
# the migrations for each test was most of the integration suite's time. The migrations
# themselves are tested from empty in tests/integration/test_migrations.py.


@pytest.fixture(scope="session")
def postgres_template(postgres_server: str) -> Iterator[str]:
    """The name of a migrated PostgreSQL database that each test's database is copied from."""
    import psycopg

    name = f"boutique_t_{uuid.uuid4().hex[:10]}_template"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base, _, _db = postgres_server.rpartition("/")
    # upgrade_database disposes of its engine: no session is left on the template, which
    # PostgreSQL requires of a database to copy.
    upgrade_database(f"{base}/{name}".replace("postgresql://", "postgresql+psycopg://", 1))
    yield name
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def empty_postgres_url(postgres_server: str) -> Iterator[str]:
    """A PostgreSQL database with nothing in it (never migrated), dropped afterwards."""
    import psycopg

    name = f"boutique_t_{uuid.uuid4().hex[:10]}_empty"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"{postgres_server.rpartition('/')[0]}/{name}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _new_copy(server: str, template: str) -> str:
    import psycopg

    name = f"boutique_t_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return name


def _drop(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def postgres_copy(server: str, template: str) -> Iterator[str]:
    """The URL of a new PostgreSQL database copied from `template` (a database no session
    is connected to), dropped afterwards."""
    name = _new_copy(server, template)
    try:
        yield _url_of(server, name)
    finally:
        _drop(server, name)


def _url_of(server: str, name: str) -> str:
    return f"{server.rpartition('/')[0]}/{name}"


class PostgresCopies:
    """The databases of the tests on PostgreSQL: copies of the migrated template, each new
    and used by one test only. PostgreSQL made a copy in about 0.3 s, and eight, two at a
    time, in about as long; a used database took 0.05 to 0.1 s to drop, which a thread of
    its own now does while the next tests run (measured on the CI's kind of machine)."""

    BATCH = 8

    def __init__(self, server: str, template: str) -> None:
        self.server, self.template = server, template
        self.ready: list[str] = []
        self.dropper = ThreadPoolExecutor(1, thread_name_prefix="drop-test-database")
        self.drops: list[Future[None]] = []

    def take(self) -> str:
        """The URL of a new copy."""
        if not self.ready:
            with ThreadPoolExecutor(2) as workers:
                self.ready = list(
                    workers.map(lambda _: _new_copy(self.server, self.template), range(self.BATCH))
                )
        return _url_of(self.server, self.ready.pop())

    def done_with(self, url: str) -> None:
        """Drop the copy at `url` (WITH FORCE: whatever is still connected is cut off)."""
        self.drops.append(self.dropper.submit(_drop, self.server, url.rpartition("/")[2]))

    def close(self) -> None:
        for name in self.ready:
            self.done_with(_url_of(self.server, name))
        self.dropper.shutdown(wait=True)
        for drop in self.drops:
            drop.result()  # a database left behind fails the session's end


@pytest.fixture(scope="session")
def postgres_copies(postgres_server: str, postgres_template: str) -> Iterator[PostgresCopies]:
    copies = PostgresCopies(postgres_server, postgres_template)
    yield copies
    copies.close()


@pytest.fixture
def postgres_url(postgres_copies: PostgresCopies) -> Iterator[str]:
    """A fresh, migrated PostgreSQL database, dropped afterwards."""
    url = postgres_copies.take()
    yield url
    postgres_copies.done_with(url)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite database file that each test's database is copied from."""
    path = tmp_path_factory.mktemp("sqlite-template") / "shop.db"
    upgrade_database(f"sqlite:///{path}")
    return path


def sqlite_copy(template: Path, path: Path) -> str:
    """The URL of `path`, made a copy of the SQLite database `template`."""
    # SQLite's backup copies a consistent database whatever journal it keeps.
    with sqlite3.connect(template) as source, sqlite3.connect(path) as copy:
        source.backup(copy)
    return f"sqlite:///{path}"


@pytest.fixture
def sqlite_url(tmp_path: Path, sqlite_template: Path) -> str:
    """A fresh, migrated SQLite database file."""
    return sqlite_copy(sqlite_template, tmp_path / "shop.db")


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest) -> str:
    """Runs the test once on SQLite and once on PostgreSQL."""
    return str(request.getfixturevalue(f"{request.param}_url"))


@pytest.fixture(scope="session")
def redis_server() -> str:
    import redis

    url = os.environ.get("TEST_REDIS_URL", DEFAULT_REDIS)
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError as exc:
        missing(f"Redis not reachable at {url}: {exc} (scripts/test starts one)")
    return url


@pytest.fixture
def prefix(redis_server: str) -> Iterator[str]:
    """A Redis key prefix of this test only: its keys are removed afterwards."""
    import redis

    name = f"boutique-test-{uuid.uuid4().hex[:8]}"
    yield name
    client = redis.Redis.from_url(redis_server)
    for key in client.scan_iter(match=f"{name}:*"):
        client.delete(key)


# argon2id at its lowest cost: the recommended one takes tenths of a second a hash, and every
# test that signs someone in hashes. tests/integration/test_accounts.py checks the real one.
CHEAP_PASSWORDS = Argon2Hasher(profiles.CHEAPEST)


def settings_for(database_url: str, tmp_path: Path, **overrides: object) -> Settings:
    """Settings for a test: explicit database and media; no Redis unless a test asks."""
    values: dict[str, object] = {"redis_url": None, "cache_redis_url": None}
    values |= overrides
    return Settings(database_url=database_url, media_dir=tmp_path / "media", **values)  # type: ignore[arg-type]


@pytest.fixture
def make_shop(tmp_path: Path) -> Iterator[object]:
    """Builds shops on real adapters; disposes their engines afterwards."""
    shops: list[Shop] = []

    def make(
        database_url: str,
        *,
        cache: Cache | None = None,
        passwords: PasswordHasher = CHEAP_PASSWORDS,
        **overrides: object,
    ) -> Shop:
        settings = settings_for(database_url, tmp_path, **overrides)
        shop = build_shop(settings, cache=cache, passwords=passwords)
        shops.append(shop)
        return shop

    yield make
    for shop in shops:
        if shop.engine is not None:
            shop.engine.dispose()


@pytest.fixture
def current_shop(database_url: str, make_shop: Callable[..., Shop]) -> Iterator[Shop]:
    """A shop on the test's database that is also the process's shop, as API routes and
    Reflex states find it (`get_shop`)."""
    shop = make_shop(database_url)
    set_shop(shop)
    yield shop
    set_shop(None)


@pytest.fixture(scope="session")
def localstripe_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Stripe-compatible server on 127.0.0.1 for the session, its store in memory."""
    with running_localstripe(tmp_path_factory.mktemp("localstripe") / "localstripe.log") as url:
        yield url


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run browser tests last: Playwright's sync API keeps an event loop running in the main
    thread for the rest of the session, which async unit tests cannot share. Of them, those
    that build a shop of their own (marked own_shop) come after every other: a production
    build rewrites the project's .web with its own port, and the session's shop would then
    send its pages' sockets there."""
    items.sort(
        key=lambda item: (
            "/e2e/" in str(item.path),
            item.get_closest_marker("own_shop") is not None,
        )
    )
