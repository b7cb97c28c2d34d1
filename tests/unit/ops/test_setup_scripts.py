"""scripts/lib.sh: the setup steps scripts/serve, scripts/worker and scripts/shop share."""

from __future__ import annotations

import json
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest

LIB = Path(__file__).resolve().parents[3] / "scripts" / "lib.sh"


def keep_cpu_torch(
    tmp_path: Path, installed: str | None, pinned: str
) -> subprocess.CompletedProcess[str]:
    """Run keep_cpu_torch with a Python whose torch is `installed` (None: no torch)."""
    python = tmp_path / "python"
    version = f"print({installed!r})" if installed else "raise SystemExit(1)"
    python.write_text(f"#!/usr/bin/env python3\n{version}\n")
    python.chmod(0o755)
    requirements = tmp_path / "requirements.txt"
    requirements.write_text(f"numpy==2.4.6\ntorch=={pinned}  # CPU build\nfaiss-cpu==1.15.1\n")
    script = f'source "{LIB}"; keep_cpu_torch "{python}" "{requirements}"; echo kept'
    return subprocess.run(["bash", "-c", script], check=False, capture_output=True, text=True)


@pytest.mark.parametrize("installed", ["2.13.0+cpu", "2.13.0", None])
def test_pip_may_go_on_when_the_pin_is_met(tmp_path: Path, installed: str | None) -> None:
    """pip takes torch==2.13.0 as met by 2.13.0+cpu; without a CPU build, nothing to keep."""
    done = keep_cpu_torch(tmp_path, installed, "2.13.0")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "kept\n"


def test_a_new_pin_over_the_cpu_build_stops_before_pip_fetches_cuda(tmp_path: Path) -> None:
    done = keep_cpu_torch(tmp_path, "2.13.0+cpu", "2.14.0")
    assert done.returncode == 2  # the systemd units do not restart on it
    assert "kept" not in done.stdout
    assert "torch==2.14.0 from https://download.pytorch.org/whl/cpu" in done.stderr
    assert "2.13.0+cpu" in done.stderr


def test_web_and_bus_workers_write_their_metrics_to_one_folder(tmp_path: Path) -> None:
    """scripts/serve and scripts/worker (a Procfile runner's web and worker) default to the
    same folder, made before check-settings looks for it; a folder named is kept."""
    scripts = LIB.parent
    for name in ("serve", "worker"):
        lines = (scripts / name).read_text().splitlines()
        made = next(i for i, line in enumerate(lines) if line.startswith("use_metrics_dir"))
        checked = next(i for i, line in enumerate(lines) if "cli check-settings" in line)
        assert made < checked, name
    show = 'source "$0"; use_metrics_dir; echo "$PROMETHEUS_MULTIPROC_DIR"'
    env = {"PATH": "/usr/bin:/bin"}
    default = subprocess.run(["bash", "-c", show, LIB], env=env, check=True, capture_output=True)
    assert default.stdout.decode().strip() == str(LIB.parents[1] / ".run" / "metrics")
    named = tmp_path / "run" / "metrics"
    env["PROMETHEUS_MULTIPROC_DIR"] = str(named)
    chosen = subprocess.run(["bash", "-c", show, LIB], env=env, check=True, capture_output=True)
    assert chosen.stdout.decode().strip() == str(named)
    assert named.is_dir()


def tell(env: dict[str, str], message: str) -> str:
    """What `say` writes to stderr (a pipe here, not a terminal)."""
    script = f'source "{LIB}"; say "$1"'
    done = subprocess.run(
        ["bash", "-c", script, LIB, message], env=env, check=True, capture_output=True, text=True
    )
    return done.stderr


def test_steps_are_json_lines_when_the_shop_logs_json() -> None:
    message = 'installing "a\\b"\tfrom x\nthen y'
    line = tell({"PATH": "/usr/bin:/bin", "BOUTIQUE_LOG_FORMAT": "json"}, message)
    assert line.count("\n") == 1
    entry = json.loads(line)
    assert entry["message"] == message
    assert (entry["level"], entry["logger"]) == ("info", "scripts")
    assert datetime.fromisoformat(entry["time"]).utcoffset() == timedelta(0)


def test_other_control_characters_are_dropped_from_json_lines() -> None:
    """A driver's message with a carriage return or an escape stays one valid JSON line."""
    line = tell({"PATH": "/usr/bin:/bin", "BOUTIQUE_LOG_FORMAT": "json"}, "a\rb\x1b[1mc\x07d")
    assert json.loads(line)["message"] == "ab[1mcd"


def test_steps_are_plain_text_without_a_terminal() -> None:
    """No ANSI colours in a file or a journal."""
    assert tell({"PATH": "/usr/bin:/bin"}, "migrating the database") == (
        "==> migrating the database\n"
    )


def test_serve_and_worker_log_json_without_progress_bars_unless_told_otherwise() -> None:
    show = 'source "$0"; production_logs; env'
    for given, expected in [
        ({}, {"BOUTIQUE_LOG_FORMAT": "json", "REFLEX_LOG_JSON": "true"}),
        ({"BOUTIQUE_LOG_FORMAT": "text"}, {"BOUTIQUE_LOG_FORMAT": "text"}),
        ({"REFLEX_LOG_JSON": "false"}, {"BOUTIQUE_LOG_FORMAT": "json", "REFLEX_LOG_JSON": "false"}),
    ]:
        env = {"PATH": "/usr/bin:/bin", **given}
        done = subprocess.run(["bash", "-c", show, LIB], env=env, check=True, capture_output=True)
        names = dict(line.partition("=")[::2] for line in done.stdout.decode().splitlines())
        expected |= {"TQDM_DISABLE": "1", "HF_HUB_DISABLE_PROGRESS_BARS": "1"}
        assert {name: names.get(name) for name in expected} == expected, given
        if "REFLEX_LOG_JSON" not in expected:
            assert "REFLEX_LOG_JSON" not in names
    for name in ("serve", "worker"):
        lines = (LIB.parent / name).read_text().splitlines()
        assert lines.index("production_logs") < lines.index("python_ready requirements.txt")


def logged(env: dict[str, str], command: str) -> subprocess.CompletedProcess[str]:
    script = f'source "{LIB}"; logged bash -c "$1"'
    return subprocess.run(
        ["bash", "-c", script, LIB, command], env=env, check=False, capture_output=True, text=True
    )


def test_a_commands_output_becomes_json_lines_with_its_exit_code() -> None:
    """check-settings' and migrate's lines, in scripts/serve's JSON stream."""
    env = {"PATH": "/usr/bin:/bin", "BOUTIQUE_LOG_FORMAT": "json"}
    failed = logged(env, 'echo "Boutique cannot start:"; echo "  REDIS_URL: \\"x\\"" >&2; exit 2')
    assert failed.returncode == 2
    assert failed.stdout == ""
    entries = [json.loads(line) for line in failed.stderr.splitlines()]
    # One record for the whole failure (QA: an alert per line, the heading apart from its list).
    assert [(e["level"], e["message"]) for e in entries] == [
        ("error", 'Boutique cannot start:\n  REDIS_URL: "x"'),
    ]
    done = logged(env, "echo database is at the newest schema")
    assert done.returncode == 0
    assert json.loads(done.stderr)["level"] == "info"


def test_a_warning_line_is_logged_at_level_warning_whatever_the_exit_code() -> None:
    """check-settings' warnings (Redis without appendonly) were logged at level info, and
    at level error when it refused other settings: alerts on warnings never saw them."""
    env = {"PATH": "/usr/bin:/bin", "BOUTIQUE_LOG_FORMAT": "json"}
    for code, level in ((0, "info"), (2, "error")):
        done = logged(
            env, f'echo "warning: REDIS_URL: appendonly is off" >&2; echo x; echo y; exit {code}'
        )
        entries = [json.loads(line) for line in done.stderr.splitlines()]
        lines = [(level, "x"), (level, "y")] if code == 0 else [(level, "x\ny")]
        assert [(e["level"], e["message"]) for e in entries] == [
            ("warning", "REDIS_URL: appendonly is off"),
            *lines,
        ]


def test_a_commands_output_is_left_as_it_is_in_text_logs() -> None:
    done = logged({"PATH": "/usr/bin:/bin"}, "echo settings ok; exit 3")
    assert (done.returncode, done.stdout, done.stderr) == (3, "settings ok\n", "")


def test_a_second_shop_from_one_checkout_is_refused_while_the_first_runs(tmp_path: Path) -> None:
    """The second `reflex run` rebuilt .web under the first, whose pages went blank (their
    scripts gone). The lock lives in the checkout's .run; a copy of lib.sh gets its own."""
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    (scripts / "lib.sh").write_text(LIB.read_text())
    script = f'source "{scripts / "lib.sh"}"; one_shop_per_checkout "$1"; echo started; $2'
    env = {"PATH": "/usr/bin:/bin"}

    def shop(port: str, then: str = "true") -> subprocess.Popen[str]:
        return subprocess.Popen(
            ["bash", "-c", script, "shop", port, then],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    first = shop("3300", "sleep 30")
    assert first.stdout is not None
    assert first.stdout.readline() == "started\n"
    try:
        second = shop("3400")
        out, err = second.communicate(timeout=10)
        assert second.returncode == 2
        assert out == ""
        assert f"a shop already runs from {tmp_path} (port 3300)" in err
    finally:
        first.kill()
        first.communicate()
    third = shop("3400")
    assert third.communicate(timeout=10) == ("started\n", "")


def test_the_demo_and_the_production_server_both_take_the_checkouts_lock() -> None:
    """A second `scripts/serve` from the folder of a running one blanked its pages until it
    was restarted (operator QA): it takes the lock `scripts/shop` takes."""
    for name in ("shop", "serve"):
        assert "\none_shop_per_checkout " in (LIB.parent / name).read_text(), name


def test_host_port_and_workers_come_from_dotenv_unless_the_environment_sets_them(
    tmp_path: Path,
) -> None:
    """QA: .env's HOST=127.0.0.1 was ignored by scripts/serve, which listened on 0.0.0.0.
    Read as the settings read it (python-dotenv): `export `, spaces, quotes, comments."""
    (tmp_path / ".env").write_text(
        "HOST=0.0.0.0\nexport HOST='127.0.0.1'  # behind the proxy\nPORT=\"8100\" # its port\n"
        "GRANIAN_WORKERS = 3 # two cores\r\nOTHER=x\n# MISSING=commented out\n"
    )
    script = (
        f'source "{LIB}"; ROOT="$1"; from_dotenv HOST PORT GRANIAN_WORKERS MISSING; '
        'printf "%s|%s|%s|%s|%s" "$HOST" "$PORT" "$GRANIAN_WORKERS" "${OTHER:-}" "${MISSING-unset}"'
    )
    for env, expected in (
        ({}, "127.0.0.1|8100|3||unset"),
        ({"PORT": "9000"}, "127.0.0.1|9000|3||unset"),
    ):
        done = subprocess.run(
            ["bash", "-c", script, LIB, str(tmp_path)],
            env={"PATH": "/usr/bin:/bin", **env},
            check=True,
            capture_output=True,
            text=True,
        )
        assert done.stdout == expected, env
    for name in ("serve",):
        lines = (LIB.parent / name).read_text().splitlines()
        assert lines.index("from_dotenv HOST PORT GRANIAN_WORKERS") < lines.index(
            'export PORT="${PORT:-8000}"'
        )
