"""Apply the Alembic migrations programmatically (setup command, tests)."""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text

from storefront.adapters.db import make_engine
from storefront.settings import PROJECT_ROOT


class _NoContextLines(logging.Filter):
    """Alembic logs two lines at info each time it looks at a schema ("Context impl
    PostgresqlImpl.", "Will assume transactional DDL."): /readyz looks at every probe, and
    they were four lines in ten of a web process's log. Its "Running upgrade" lines stay."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(("Context impl ", "Will assume "))


logging.getLogger("alembic.runtime.migration").addFilter(_NoContextLines())
# Seven lines at each process's start ("setup plugin alembic.autogenerate.schemas", ...).
logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)


def alembic_config(url: str) -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "storefront" / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


@dataclass(frozen=True, slots=True)
class Migrated:
    before: tuple[str, ...]  # the schema's revisions before (none: never migrated)
    after: tuple[str, ...]
    newer: bool  # a newer release's schema, left as it is


def upgrade_database(url: str) -> Migrated:
    """Bring the database at `url` to this release's newest schema. One of a newer release
    (a rolling deploy migrated ahead of this host, or a rollback) is left as it is: this
    release runs on it (`schema_problem`), and Alembic, which does not know its revision,
    would fail, over and over as a service restarts."""
    engine = make_engine(url)  # as Alembic's env.py makes it: SQLite's pragmas, timeouts
    try:
        with engine.connect() as connection, migration_lock(connection):
            # Read under the lock: a run that waited on another's migrations finds the schema
            # they left (read before it, each said "migrated from no schema"; QA).
            before = _current(connection)
            newer = schema_state(connection)[0] == "newer"
            connection.commit()
            if not newer:
                config = alembic_config(url)
                config.attributes["connection"] = connection  # env.py migrates on it
                command.upgrade(config, "head")
                connection.commit()
            return Migrated(before, _current(connection), newer)
    finally:
        engine.dispose()


# PostgreSQL advisory lock key ("boutique" in ASCII) held while migrating: processes starting
# together (web on several hosts, a release phase) take turns, and the later ones find head.
MIGRATION_LOCK = 0x626F757469717565


@contextmanager
def migration_lock(connection: Connection) -> Iterator[None]:
    """Hold the migration lock on PostgreSQL while the block runs. SQLite has none: its file
    is one machine's, where scripts/serve runs once per folder."""
    if connection.dialect.name != "postgresql":
        yield
        return
    # Session-level, so it outlives the commit that ends the wait: what follows reads the
    # version table in a transaction begun after the holder's commit.
    connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK})
    connection.commit()
    try:
        yield
    finally:
        connection.rollback()  # end whatever a failure left open, then unlock
        connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK})
        connection.commit()


def _current(connection: Connection) -> tuple[str, ...]:
    return tuple(sorted(MigrationContext.configure(connection).get_current_heads()))


@functools.cache
def _revisions() -> tuple[frozenset[str], frozenset[str]]:
    """This release's head revisions and every revision it knows (read once)."""
    scripts = ScriptDirectory.from_config(alembic_config("sqlite://"))
    known = frozenset(script.revision for script in scripts.walk_revisions())
    return frozenset(scripts.get_heads()), known


def head_revisions() -> frozenset[str]:
    """The revisions a database must be at for this release."""
    return _revisions()[0]


def schema_problem(connection: Connection) -> str | None:
    """What keeps this release from working on the connected database's schema: none yet
    (never migrated), or a revision older than this release's head. A revision this release
    does not know is a newer release's (a rolling deploy migrated ahead of it): accepted,
    since migrations add to the schema (docs/operations.md)."""
    state, detail = schema_state(connection)
    return detail if state == "outdated" else None


def schema_state(connection: Connection) -> tuple[str, str | None]:
    """`ok` (this release's head), `outdated` (never migrated, or behind) or `newer` (a
    revision this release does not know: a newer release's), with what to tell the operator."""
    heads, known = _revisions()
    current = set(MigrationContext.configure(connection).get_current_heads())
    if not current:
        return "outdated", f"no schema (never migrated); run `{MIGRATE}`"
    if current == heads:
        return "ok", None
    if not current <= known:
        return "newer", (
            f"the schema is at {', '.join(sorted(current))}, a newer release's "
            f"(this one's is {', '.join(sorted(heads))}); deploy that release here"
        )
    return "outdated", (
        f"the schema is at {', '.join(sorted(current))}, this release needs "
        f"{', '.join(sorted(heads))}; run `{MIGRATE}`"
    )


MIGRATE = "python -m storefront.cli migrate"
