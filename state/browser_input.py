"""What the browser sends, read without trusting it: event arguments can be crafted."""

from __future__ import annotations

from typing import Any


def whole(value: Any, default: int = 0) -> int:
    """A whole number from what the browser sent (at most 9 ASCII digits), or `default`:
    crafted events must not crash a handler."""
    text = str(value).strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else default
