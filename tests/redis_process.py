"""A Redis server of a test's own, that the test can stop and start again (outage tests).
It persists to an append-only file, as the bus's Redis must in production."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

import redis

from tests.missing import missing


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PrivateRedis:
    def __init__(self, directory: Path) -> None:
        if shutil.which("redis-server") is None:
            missing("redis-server missing (scripts/test installs it)")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._dir = directory
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self._dir.mkdir(parents=True, exist_ok=True)
        self._process = subprocess.Popen(
            [
                "redis-server",
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "yes",
                "--appendfsync", "always",
                "--dir", str(self._dir),
            ],
            stdout=(self._dir / "redis.log").open("ab"),
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        client = redis.Redis.from_url(self.url, socket_connect_timeout=0.2)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                if self._process.poll() is not None:
                    break
                time.sleep(0.05)
        self.stop()
        log = (self._dir / "redis.log").read_text(errors="replace")
        raise RuntimeError(f"redis-server did not start; its output:\n{log[-2000:]}")

    def lose_data(self) -> None:
        """Stop, and start again with nothing: what a Redis without persistence does on a
        restart, or a failover to a replica that had not caught up."""
        self.stop()
        shutil.rmtree(self._dir)
        self.start()

    def stop(self) -> None:
        """SIGTERM: Redis flushes its append-only file and exits (a no-op once it has)."""
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=20)
            self._process = None
