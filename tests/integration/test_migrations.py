"""The migrations build exactly the schema the models describe, both ways, on both databases."""

from __future__ import annotations

import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa
from alembic import command

from storefront.adapters.migrations import alembic_config

ROOT = Path(__file__).resolve().parents[2]


def test_migrations_match_the_models_and_run_down_and_up(database_url: str) -> None:
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    command.check(config)  # raises when a model change has no migration
    command.downgrade(config, "base")
    command.upgrade(config, "head")
    command.check(config)


def test_account_emails_are_composed_unless_that_would_join_two_accounts(
    database_url: str,
) -> None:
    """0015: sign-in looks emails up composed (NFC); a decomposed one stored before is
    rewritten, except where the composed spelling already has an account."""
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    command.downgrade(config, "0014")
    engine = sa.create_engine(url)
    insert = sa.text(
        "insert into account (email, name, password_hash, role, created_at)"
        " values (:email, '', 'x', 'shopper', :now)"
    )
    emails = ("jose\u0301@example.com", "rene\u0301@example.com", "ren\u00e9@example.com")
    with engine.begin() as connection:
        for email in emails:
            connection.execute(insert, {"email": email, "now": datetime.now(UTC)})
    command.upgrade(config, "head")
    with engine.connect() as connection:
        stored = connection.execute(sa.text("select email from account order by id")).scalars()
        assert list(stored) == ["jos\u00e9@example.com", *emails[1:]]
    engine.dispose()


UPGRADE_AT = """
import logging, sys, time
from storefront.adapters.migrations import upgrade_database
logging.basicConfig(level=logging.INFO)  # Alembic logs each migration it runs
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))
upgrade_database(sys.argv[1])
"""


@pytest.fixture
def empty_postgres_url(postgres_server: str) -> Iterator[str]:
    name = f"boutique_t_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"{postgres_server.rpartition('/')[0]}/{name}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_two_processes_migrating_postgresql_at_once_take_turns(empty_postgres_url: str) -> None:
    url = empty_postgres_url.replace("postgresql://", "postgresql+psycopg://", 1)
    start_at = str(time.time() + 3)  # after both have imported the shop
    upgrades = [
        subprocess.Popen(
            [sys.executable, "-c", UPGRADE_AT, url, start_at],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [upgrade.communicate(timeout=120)[0] for upgrade in upgrades]
    assert [upgrade.returncode for upgrade in upgrades] == [0, 0], "\n".join(outputs)
    command.check(alembic_config(url))  # at head, nothing missing
    # One applied every migration; the other waited, then found head and applied none.
    assert sorted(output.count("Running upgrade") > 0 for output in outputs) == [False, True]
