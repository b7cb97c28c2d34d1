"""The tests' private redis-server says why it did not start, without waiting for it."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.redis_process import PrivateRedis


def test_a_redis_server_that_exits_at_once_fails_with_its_output(tmp_path: Path) -> None:
    server = PrivateRedis(tmp_path / "redis")
    with socket.socket() as taken:  # bound, not listening: redis-server cannot bind it
        taken.bind(("127.0.0.1", server.port))
        with pytest.raises(RuntimeError) as failed:
            server.start()
    assert "Address already in use" in str(failed.value)
