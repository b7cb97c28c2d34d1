"""scripts/sweep-metrics drops the Prometheus samples of processes that are gone, only those."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

SWEEP = Path(__file__).resolve().parents[3] / "scripts" / "sweep-metrics"
GONE = 2**22 + 1  # above the kernel's largest pid_max: no process has it


def test_samples_of_gone_processes_are_removed_and_running_ones_kept(tmp_path: Path) -> None:
    metrics = tmp_path / "multi_proc"
    metrics.mkdir()
    running = [f"counter_{os.getpid()}.db", f"histogram_{os.getpid()}.db"]
    gone = [f"counter_{GONE}.db", f"histogram_{GONE}.db"]
    for name in (*running, *gone, "notes.txt"):
        (metrics / name).write_bytes(b"")
    subprocess.run([SWEEP], env={"PROMETHEUS_MULTIPROC_DIR": str(metrics)}, check=True)
    assert sorted(path.name for path in metrics.iterdir()) == sorted([*running, "notes.txt"])


def test_without_a_directory_it_does_nothing(tmp_path: Path) -> None:
    subprocess.run([SWEEP], env={}, check=True)
    subprocess.run([SWEEP, str(tmp_path / "absent")], env={}, check=True)
