"""deploy/: the example settings and the systemd units agree with what the shop needs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

DEPLOY = Path(__file__).resolve().parents[3] / "deploy"
MAX_CONNECTIONS = 100  # PostgreSQL's default
RESERVED = 3  # superuser_reserved_connections
ROOM = 3  # migrate, check-settings, an operator's psql


def example() -> dict[str, str]:
    values = {}
    for line in (DEPLOY / "boutique.env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name] = value
    return values


def unit(name: str) -> str:
    return (DEPLOY / "systemd" / name).read_text()


def test_the_example_layout_fits_postgresql_default_connections() -> None:
    """docs/operations.md: hosts x (web workers + workers) x (pool size + max overflow)."""
    env = example()
    # One host: the web unit's workers and the workers the worker unit says to enable.
    workers = len(re.findall(r"boutique-worker@\d", unit("boutique-worker@.service")))
    processes = int(env["GRANIAN_WORKERS"]) + workers
    per_process = int(env["BOUTIQUE_DB_POOL_SIZE"]) + int(env["BOUTIQUE_DB_MAX_OVERFLOW"])
    assert workers == 2
    assert processes * per_process <= MAX_CONNECTIONS - RESERVED - ROOM


def test_every_unit_makes_the_example_media_folder_for_its_user() -> None:
    media = example()["BOUTIQUE_MEDIA_DIR"]
    assert media == "/var/lib/boutique/media"
    for name in ("boutique-web.service", "boutique-worker@.service"):
        lines = unit(name).splitlines()
        assert "StateDirectory=boutique boutique/media" in lines, name
        assert "User=boutique" in lines, name


def test_behind_trusted_proxies_the_example_listens_on_loopback_only() -> None:
    """A client reaching the port past the proxy would choose its X-Forwarded-For address."""
    env = example()
    assert int(env["BOUTIQUE_TRUSTED_PROXIES"]) > 0
    assert env["HOST"] == "127.0.0.1"


def test_refused_settings_stop_the_units_for_good() -> None:
    """check-settings exits 2 on refused settings; scripts/serve and scripts/worker pass its
    code on, and neither unit restarts on it (every few seconds, for ever, before)."""
    for name in ("boutique-web.service", "boutique-worker@.service"):
        lines = unit(name).splitlines()
        assert "Restart=always" in lines, name
        assert "RestartPreventExitStatus=2" in lines, name
    scripts = DEPLOY.parent / "scripts"
    for name in ("serve", "worker"):
        lines = (scripts / name).read_text().splitlines()
        waits = [i for i, line in enumerate(lines) if line.startswith("wait_for_services")]
        checks = [
            i for i, line in enumerate(lines) if line.startswith("logged python -m storefront.cli ")
        ]
        # Services out of reach waited for first, then the settings (exit 2, or 3 for a
        # service lost meanwhile), their code passed on.
        assert waits, name
        assert lines[checks[0]].split()[4] == "check-settings", name
        assert waits[0] < checks[0], name
        assert lines[checks[0]].endswith("|| exit $?"), name


def test_a_shell_reads_the_example_and_every_placeholder_is_named_at_once() -> None:
    """An operator found the placeholders in three rounds (the seller's last, with no line in
    the example), and `. boutique.env` failed on the mail sender's `<` (operator QA)."""
    placeholders = {name for name, value in example().items() if "CHANGE-ME" in value}
    assert {"DATABASE_URL", "BOUTIQUE_SELLER_VAT_ID", "BOUTIQUE_STRIPE_SECRET_KEY"} <= placeholders
    script = (
        f'set -a; . "{DEPLOY / "boutique.env.example"}"; set +a; '
        'exec "$0" -c "from storefront.settings import get_settings; get_settings()"'
    )
    done = subprocess.run(
        ["bash", "-c", script, sys.executable],
        cwd=DEPLOY.parent,
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "syntax error" not in done.stderr
    named = {line.split(":")[0].strip() for line in done.stderr.splitlines() if "CHANGE-ME" in line}
    assert {n.removeprefix("BOUTIQUE_") for n in placeholders} <= {
        n.removeprefix("BOUTIQUE_") for n in named
    }
