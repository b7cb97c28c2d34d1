"""A browser expression (a compiled var) run in Node, for the unit tests of what the page
computes itself: prices, sentences with placeholders."""

from __future__ import annotations

import shutil
import subprocess

import pytest

needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="needs Node")


def run_in_node(expression: str) -> str:
    """What the expression gives, as Node writes it."""
    done = subprocess.run(
        ["node", "-e", f"process.stdout.write({expression})"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return done.stdout
