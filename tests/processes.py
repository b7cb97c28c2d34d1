"""Stopping the servers tests and benchmarks start in their own process group."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess


def stop_group(process: subprocess.Popen[bytes], timeout: float = 20) -> None:
    """SIGTERM the process's group, then SIGKILL it if it has not stopped in `timeout` s.

    A group that has already gone (the server exited on its own, e.g. a failed build)
    is not an error: the caller's own failure is the one worth reporting."""
    if not _signal_group(process, signal.SIGTERM):
        process.wait(timeout=timeout)
        return
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _signal_group(process, signal.SIGKILL)
        process.wait(timeout=timeout)


def _signal_group(process: subprocess.Popen[bytes], sig: signal.Signals) -> bool:
    """Whether the group still had a process to signal."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
        return True
    return False
