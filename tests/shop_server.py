"""The shop as an operator runs it, for e2e tests and benchmarks: `reflex run --env prod
--single-port` on a free loopback port, up once its probe and its home page answer."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from storefront.lifespan import STARTED
from tests.ports import free_port
from tests.processes import stop_group

ROOT = Path(__file__).resolve().parents[1]
# React Router prerenders the pages at build time with a fixed 10 s limit per page that no
# setting changes; on a loaded machine the first page can miss it and the build fails. That
# failure says nothing about the shop, so the start is tried again (other prerender errors,
# such as a page answering 500, are the shop's: they fail at once). Bun and Node word the
# timeout differently.
PRERENDER_TIMED_OUT = re.compile(
    r"Prerender: Request (failed|timed out) for \S+: .*(timed out|due to timeout)"
)
ATTEMPTS = 3


class ShopDidNotStart(RuntimeError):
    pass


@contextmanager
def production_shop(
    env: dict[str, str], log: Path, port: int | None = None, timeout: float = 300
) -> Iterator[str]:
    """Serve the shop with `env` on `port` (a free one by default), its output in `log`, and
    yield its URL; stop it afterwards. A build that failed on the prerender timeout is tried
    again, up to ATTEMPTS starts of `timeout` s each; the failed start's log is kept beside
    (`shop.log.1`, ...)."""
    port = port or free_port()
    for attempt in range(1, ATTEMPTS + 1):
        process = _start(port, env, log)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(url, process, log, timeout)
        except BaseException as exc:  # a failed start, or the run interrupted meanwhile
            stop_group(process)
            retry = isinstance(exc, ShopDidNotStart) and attempt < ATTEMPTS
            if retry and PRERENDER_TIMED_OUT.search(log.read_text(errors="replace")):
                log.rename(log.with_name(f"{log.name}.{attempt}"))
                print(f"the shop's build hit the prerender timeout: start {attempt + 1}")
                continue
            raise
        try:
            yield url
        finally:
            stop_group(process)
        return


def wait_until_started(log: Path, workers: int, timeout: float = 300) -> bool:
    """Wait until each web process has logged the end of its start (the cache warm-up, which
    competes with the first shoppers for the CPU, then the heap settled); False if not in
    `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.read_text(errors="replace").count(STARTED) >= workers:
            return True
        time.sleep(1.0)
    return False


def prod_command(port: int) -> list[str]:
    """`reflex run` in production mode, frontend and backend on one loopback `port`."""
    cmd = [sys.executable, "-m", "reflex", "run", "--env", "prod", "--single-port"]
    return [*cmd, "--frontend-port", str(port), "--backend-host", "127.0.0.1"]


def start_logged(
    cmd: list[str], cwd: Path, env: dict[str, str], log: Path
) -> subprocess.Popen[bytes]:
    """`cmd` in a process group of its own (see processes.stop_group), its output in `log`."""
    with log.open("wb") as out:
        return subprocess.Popen(
            cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def _start(port: int, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return start_logged(prod_command(port), ROOT, env, log)


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ShopDidNotStart(f"the shop exited with {process.returncode}:\n{_tail(log)}")
        try:
            # The frontend is mounted once the home page answers too.
            backend_up = httpx.get(f"{url}/readyz", timeout=2).status_code == 200
            if backend_up and httpx.get(url, timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise ShopDidNotStart(f"the shop did not start in {timeout} s:\n{_tail(log)}")


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-3000:]
