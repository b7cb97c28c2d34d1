"""scripts/sweep-metrics drops the Prometheus samples of processes that are gone, only those."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

SWEEP = Path(__file__).resolve().parents[3] / "scripts" / "sweep-metrics"
GONE = 2**22 + 1  # above the kernel's largest pid_max: no process has it


def test_beside_running_processes_only_the_live_gauges_of_gone_ones_go(tmp_path: Path) -> None:
    """Counters must not drop while others serve: Prometheus would take it for a reset."""
    metrics = tmp_path / "multi_proc"
    metrics.mkdir()
    running = [f"counter_{os.getpid()}.db", f"gauge_livesum_{os.getpid()}.db"]
    kept = [f"counter_{GONE}.db", f"histogram_{GONE}.db", f"gauge_max_{GONE}.db"]
    for name in (*running, *kept, f"gauge_livesum_{GONE}.db", "notes.txt"):
        (metrics / name).write_bytes(b"")
    subprocess.run([SWEEP], env={"PROMETHEUS_MULTIPROC_DIR": str(metrics)}, check=True)
    assert sorted(path.name for path in metrics.iterdir()) == sorted([*running, *kept, "notes.txt"])


def test_when_no_process_runs_every_sample_goes(tmp_path: Path) -> None:
    metrics = tmp_path / "multi_proc"
    metrics.mkdir()
    for name in (f"counter_{GONE}.db", f"histogram_{GONE + 1}.db", "notes.txt"):
        (metrics / name).write_bytes(b"")
    subprocess.run([SWEEP, str(metrics)], env={}, check=True)
    assert [path.name for path in metrics.iterdir()] == ["notes.txt"]


def test_without_a_directory_it_does_nothing(tmp_path: Path) -> None:
    subprocess.run([SWEEP], env={}, check=True)
    subprocess.run([SWEEP, str(tmp_path / "absent")], env={}, check=True)
    assert not (tmp_path / "absent").exists()  # not made by the sweep
