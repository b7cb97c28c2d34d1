"""`reach-services`: 3 while a service the settings name is out of reach (the units restart on
it), 0 otherwise, settings that do not read included (check-settings refuses those, with 2)."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import redis
from sqlalchemy import make_url

from storefront.adapters.migrations import upgrade_database
from tests.integration.cli_runs import ROOT, Done, cli, cli_here


def reach(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return cli(tmp_path, "reach-services", *args, **env)


@pytest.fixture
def reach_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., Done]:
    """`reach-services *args` run in this process, as `reach` runs it in a process of its
    own (the tests above show a real process's exit codes and output)."""

    def run(*args: str, **env: str) -> Done:
        return cli_here(monkeypatch, capsys, tmp_path, "reach-services", *args, **env)

    return run


def test_services_in_reach_pass(tmp_path: Path, postgres_url: str, redis_server: str) -> None:
    done = reach(tmp_path, DATABASE_URL=postgres_url, REDIS_URL=redis_server)
    assert (done.returncode, done.stdout) == (0, ""), done.stderr


def test_a_database_or_redis_out_of_reach_is_an_outage(tmp_path: Path, redis_server: str) -> None:
    done = reach(
        tmp_path,
        DATABASE_URL="postgresql://shop:secret@127.0.0.1:1/shop",
        REDIS_URL="redis://127.0.0.1:1/0",
    )
    assert done.returncode == 3
    lines = done.stdout.splitlines()
    assert lines[0] == "out of reach, to be tried again:"
    assert lines[1].startswith("  DATABASE_URL: postgresql://***@127.0.0.1:1/shop: ")
    assert lines[2].startswith("  REDIS_URL: redis://127.0.0.1:1/0: ")
    assert len(lines) == 3
    assert "secret" not in done.stdout


def test_a_cache_and_bus_redis_out_of_reach_is_only_a_warning(
    tmp_path: Path, postgres_url: str, redis_server: str
) -> None:
    """QA: a web process restarted while the separate cache/bus Redis was down waited for
    ever, though a running one only degrades without it (reads from the database, events
    kept in the outbox). Process start needs the database and the session Redis only."""
    for extra in ((), ("--schema",)):
        done = reach(
            tmp_path,
            *extra,
            DATABASE_URL=postgres_url,
            REDIS_URL=redis_server,
            BOUTIQUE_CACHE_REDIS_URL="redis://127.0.0.1:1/0",
        )
        assert (done.returncode, done.stdout) == (0, ""), done.stderr
        assert "BOUTIQUE_CACHE_REDIS_URL: cannot reach redis://127.0.0.1:1/0" in done.stderr
        assert "starts degraded" in done.stderr


def test_a_server_refusing_the_settings_is_no_outage(
    reach_here: Callable[..., Done], postgres_server: str, redis_server: str
) -> None:
    """A database name or role that does not exist, a Redis database number out of range:
    the servers answered, and waiting would loop for ever (check-settings refuses them)."""
    url = make_url(postgres_server)
    for env in (
        {"DATABASE_URL": url.set(database="no_such_database").render_as_string(False)},
        {"DATABASE_URL": url.set(username="no_such_role").render_as_string(False)},
        {"DATABASE_URL": postgres_server, "REDIS_URL": redis_server.rsplit("/", 1)[0] + "/999"},
    ):
        done = reach_here(**env)
        assert (done.returncode, done.stdout) == (0, ""), env


def test_settings_that_do_not_read_are_left_to_check_settings(
    reach_here: Callable[..., Done],
) -> None:
    done = reach_here(DATABASE_URL="postgresql://127.0.0.1:1/shop", BOUTIQUE_PAGE_SIZE="many")
    assert (done.returncode, done.stdout) == (0, "")


def test_with_schema_a_database_not_yet_migrated_is_waited_for(
    tmp_path: Path, reach_here: Callable[..., Done]
) -> None:
    # A worker on a new host: the web process has not migrated the database yet.
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    waiting = reach_here("--schema", DATABASE_URL=url)
    assert waiting.returncode == 3, waiting.stderr
    assert "(the web process migrates it)" in waiting.stdout
    assert reach_here(DATABASE_URL=url).returncode == 0  # without --schema: in reach
    upgrade_database(url)
    done = reach_here("--schema", DATABASE_URL=url)
    assert (done.returncode, done.stdout) == (0, ""), done.stderr


def test_the_worker_script_waits_for_the_first_migration(tmp_path: Path) -> None:
    """scripts/worker's wait: it returns once the web process has migrated (it exited with 3
    before, which a Procfile runner answers by stopping every process)."""
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    script = f'source "{ROOT}/scripts/lib.sh"; wait_for_services --schema; echo "waited: $?"'
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(tmp_path)}
    waiting = subprocess.Popen(
        ["bash", "-c", script],
        env={**env, "DATABASE_URL": url},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        said = said_before_migrating(waiting)
        assert "(the web process migrates it)" in said  # said at once
        time.sleep(1)
        assert waiting.poll() is None  # still waiting: the schema is not there
        upgrade_database(url)
        out, err = waiting.communicate(timeout=60)
    finally:
        waiting.kill()
    assert out.strip() == "waited: 0", said + err


def said_before_migrating(waiting: subprocess.Popen[str]) -> str:
    """What the script writes to stderr until it says the schema is missing (it checks
    again 5 s later: migrating then, rather than after a fixed wait, saves the test a round).
    Empty or partial if the script ends first or says nothing for a minute."""
    assert waiting.stderr is not None
    said, deadline = b"", time.monotonic() + 60
    while b"(the web process migrates it)" not in said and time.monotonic() < deadline:
        ready, _, _ = select.select([waiting.stderr], [], [], 1)
        if ready:
            chunk = os.read(waiting.stderr.fileno(), 4096)  # unbuffered: nothing held back
            if not chunk:
                break  # the script ended
            said += chunk
    return said.decode()


def test_the_worker_command_on_an_unmigrated_database_says_so_and_exits_3(
    tmp_path: Path, empty_postgres_url: str, redis_server: str
) -> None:
    """Run directly (not through scripts/worker, which waits for the migration), the worker
    used to start and log the relay's `relation "outbox_message" does not exist` every second."""
    stream = f"ops-test:{tmp_path.name}"
    env = {"DATABASE_URL": empty_postgres_url, "REDIS_URL": redis_server}
    done = cli(tmp_path, "worker", BOUTIQUE_BUS_STREAM=stream, **env)
    assert done.returncode == 3, done.stderr
    assert done.stderr.splitlines() == [
        "worker: DATABASE_URL: no schema (never migrated); run "
        "`python -m storefront.cli migrate` (the web process migrates it)"
    ]
    assert redis.Redis.from_url(redis_server).exists(stream) == 0  # no consumer group made


def test_the_worker_command_with_its_database_out_of_reach_exits_3(
    tmp_path: Path, redis_server: str
) -> None:
    url = "postgresql://shop:secret@127.0.0.1:1/shop"
    done = cli(tmp_path, "worker", DATABASE_URL=url, REDIS_URL=redis_server)
    assert done.returncode == 3, done.stderr
    assert done.stderr.startswith(
        "worker: DATABASE_URL: cannot reach postgresql://***@127.0.0.1:1/shop: "
    )
    assert "secret" not in done.stderr


def test_the_worker_command_on_a_database_that_does_not_exist_exits_2(
    tmp_path: Path, postgres_server: str, redis_server: str
) -> None:
    """Refused, as check-settings says (2, which the units do not restart on): it exited 3,
    and its unit would have restarted it for ever (QA)."""
    url = postgres_server.rpartition("/")[0] + "/boutique_no_such_database"
    done = cli(tmp_path, "worker", DATABASE_URL=url, REDIS_URL=redis_server)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("worker: DATABASE_URL: refused by postgresql://")
    assert "boutique_no_such_database" in done.stderr
