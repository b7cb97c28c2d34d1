"""localstripe for the tests: one process on 127.0.0.1 for the whole session (its store in
memory, so other runs may have their own), and Stripe-style signed event payloads."""

from __future__ import annotations

import hashlib
import hmac
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from tests.ports import free_port

SECRET_KEY = "sk_test_boutique"
PUBLISHABLE_KEY = "pk_test_boutique"
WEBHOOK_SECRET = "whsec_boutique_tests"


@contextmanager
def running_localstripe(log: Path | None = None) -> Iterator[str]:
    """localstripe on a free port; its output goes to `log` (by default a file in the
    temporary directory), never to a pipe nobody reads, which a chatty run would fill."""
    port = free_port()
    log = log or Path(tempfile.gettempdir()) / f"localstripe-{port}.log"
    with log.open("ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "storefront.sandbox.localstripe", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{url}/v1/customers", auth=(SECRET_KEY, ""), timeout=1)
                break
            except httpx.HTTPError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = log.read_text(errors="replace")[-3000:]
                    raise RuntimeError(f"localstripe did not start ({log}):\n{output}") from None
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def signed(
    event: dict[str, Any], secret: str = WEBHOOK_SECRET, at: int | None = None
) -> tuple[bytes, str]:
    """(body, Stripe-Signature header) as Stripe would send them."""
    body = json.dumps(event).encode()
    timestamp = int(time.time()) if at is None else at
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return body, f"t={timestamp},v1={mac.hexdigest()}"


def event(event_id: str, event_type: str, obj: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": event_id,
        "object": "event",
        "type": event_type,
        "created": int(time.time()),
        "data": {"object": obj},
    }


def move_refund(localstripe: str, refund_id: str, status: str) -> dict[str, Any]:
    """Stripe moving a refund on by itself (a pending one goes through, or one to a closed
    card fails days later), which its API lets no one do: localstripe takes the new status
    as an update. The refund as it is now, as refund events carry it."""
    answer = httpx.post(
        f"{localstripe}/v1/refunds/{refund_id}", data={"status": status}, auth=(SECRET_KEY, "")
    )
    answer.raise_for_status()
    return dict(answer.json())
