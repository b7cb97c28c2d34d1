"""Every command meeting a database out of reach, or one refusing the settings, says so in one
line and exits 3 (a retry may pass) or 2 (fix the settings), as `worker` does: `migrate` is
a PaaS's release command, and it printed a driver's traceback of 100 lines with exit 1 (QA)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from tests.integration.cli_runs import Done, cli, cli_here
from tests.ports import free_port

STRIPE = {
    "BOUTIQUE_STRIPE_SECRET_KEY": "sk_test_123",
    "BOUTIQUE_STRIPE_PUBLISHABLE_KEY": "pk_test_123",
    "BOUTIQUE_STRIPE_WEBHOOK_SECRET": "whsec_123",
}


@pytest.fixture
def command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., Done]:
    def run(*args: str, **env: str) -> Done:
        return cli_here(monkeypatch, capsys, tmp_path, *args, **env)

    return run


def test_every_command_names_a_database_out_of_reach_in_one_line_and_exits_3(
    command: Callable[..., Done], tmp_path: Path, redis_server: str
) -> None:
    url = f"postgresql://shop:secret@127.0.0.1:{free_port()}/shop"  # nothing listens there
    source = tmp_path / "in.csv"
    source.write_text("product_id,title,description,price\nP1,Chair,,1.00\n")
    env = {
        "DATABASE_URL": url,
        "BOUTIQUE_MEDIA_DIR": str(tmp_path / "media"),
        "BOUTIQUE_ADMIN_PASSWORD": "a long enough password 42",
        "REDIS_URL": redis_server,
        **STRIPE,
    }
    for args in (
        ("migrate",),
        ("seed",),
        ("reindex",),
        ("export-catalog", str(tmp_path / "out.csv")),
        ("import-catalog", str(source)),
        ("create-admin", "admin@example.com", "--password-env"),
        ("reconcile-payments",),
        ("create-discount", "SAVE10", "--percent", "10"),
        ("bus-status",),
    ):
        done = command(*args, **env)
        assert done.returncode == 3, (args, done.stdout, done.stderr)
        where = url.replace("shop:secret@", "***@")
        assert done.stderr.startswith(f"{args[0]}: DATABASE_URL: cannot reach {where}: "), args
        assert done.stderr.endswith("Connection refused\n"), (args, done.stderr)
        assert len(done.stderr.splitlines()) == 1, (args, done.stderr)
        assert "secret" not in done.stdout + done.stderr


def test_migrate_on_a_database_that_does_not_exist_is_a_refused_setting(
    tmp_path: Path, postgres_server: str
) -> None:
    """In a process of its own, as a release phase runs it."""
    database = f"{postgres_server.rsplit('/', 1)[0]}/no_such_database"
    done = cli(tmp_path, "migrate", DATABASE_URL=database)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("migrate: DATABASE_URL: refused by postgresql://***@")
    assert done.stderr.endswith('database "no_such_database" does not exist\n')
    assert len(done.stderr.splitlines()) == 1
    assert done.stdout == ""


def test_a_sqlite_file_that_cannot_be_opened_is_a_refused_setting(
    command: Callable[..., Done], tmp_path: Path
) -> None:
    done = command("migrate", DATABASE_URL=f"sqlite:///{tmp_path / 'missing' / 'shop.db'}")
    assert done.returncode == 2
    assert done.stderr == (
        f"migrate: DATABASE_URL: cannot reach sqlite:///{tmp_path / 'missing' / 'shop.db'}: "
        "(sqlite3.OperationalError) unable to open database file\n"
    )


def test_a_command_failing_on_anything_else_still_shows_its_traceback(
    command: Callable[..., Done], tmp_path: Path
) -> None:
    """Only the database's reach is turned into a line: a database that answers and fails
    a statement (here a table missing: never migrated) is a traceback to read."""
    with pytest.raises(OperationalError, match="no such table"):
        command(
            "create-discount",
            "SAVE10",
            "--percent",
            "10",
            DATABASE_URL=f"sqlite:///{tmp_path / 'shop.db'}",
        )
