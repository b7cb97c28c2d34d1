"""The web process's output under scripts/serve's logging settings: one JSON object a line,
from the build to the settled heap (the shop's lines, Reflex's and anything else printed),
with no progress bar, colour or faiss loader chatter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import ROOT, shop_env
from tests.shop_server import production_shop, wait_until_started

# A shop of its own built from the project folder: after the session's shop is done with.
pytestmark = [pytest.mark.e2e, pytest.mark.own_shop]


def serve_logging() -> dict[str, str]:
    """What scripts/lib.sh's production_logs sets (scripts/serve calls it)."""
    ours = (
        "BOUTIQUE_LOG_FORMAT",
        "REFLEX_LOG_JSON",
        "TQDM_DISABLE",
        "HF_HUB_DISABLE_PROGRESS_BARS",
    )
    env = {k: v for k, v in os.environ.items() if k not in ours}
    script = "source scripts/lib.sh; production_logs; env -0"
    done = subprocess.run(
        ["bash", "-c", script], cwd=ROOT, env=env, check=True, capture_output=True
    )
    exported = dict(item.partition("=")[::2] for item in done.stdout.decode().split("\0") if item)
    return {name: exported[name] for name in ours if name in exported}


def test_every_line_is_json_from_the_build_to_the_settled_heap(tmp_path: Path) -> None:
    env = shop_env(tmp_path) | serve_logging()
    cli = [sys.executable, "-m", "storefront.cli"]
    for step in (["migrate"], ["seed", "--count", "40"]):
        subprocess.run([*cli, *step], cwd=ROOT, env=env, check=True, capture_output=True)
    # No reindex: the web process embeds the catalog itself at start (sentence-transformers
    # drew its "Batches" bar there), after loading the model ("Loading weights") and faiss.
    log = tmp_path / "shop.log"
    with production_shop(env, log):
        assert wait_until_started(log, workers=1, timeout=120)
    lines = [line for line in log.read_text().splitlines() if line.strip()]
    entries = []
    for line in lines:
        assert "\x1b[" not in line
        try:
            entries.append(json.loads(line))
        except ValueError:
            raise AssertionError(f"not a JSON line: {line!r}") from None
    messages = [str(entry.get("message", "")) for entry in entries]
    assert any(m.startswith("search index: 40 products (40 embedded") for m in messages)
    assert any(m.startswith("heap settled:") for m in messages)
    assert not [e for e in entries if e.get("logger") == "faiss.loader"]
    assert not [m for m in messages if "Loading weights" in m or "Batches" in m]
