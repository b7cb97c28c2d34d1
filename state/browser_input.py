"""What the browser sends, read without trusting it: event arguments can be crafted."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from storefront.services.text import has_control, without_control

# The message for a form holding a control character (a NUL, say): refused as it arrives,
# before any service sees it (PostgreSQL would fail on it).
CONTROL_REFUSED = "form.error.control"


def whole(value: Any, default: int = 0) -> int:
    """A whole number from what the browser sent (at most 9 ASCII digits), or `default`:
    crafted events must not crash a handler."""
    text = str(value).strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else default


def as_form(form: Any) -> dict[str, Any]:
    """A form as sent, or an empty one for anything else (a crafted event's list, say)."""
    return form if isinstance(form, dict) else {}


def holds_control(form: Mapping[str, Any]) -> bool:
    """Whether any field of a form sent holds a control character: the handler refuses the
    form with CONTROL_REFUSED and changes nothing."""
    return any(has_control(str(value)) for value in form.values())


def search_text(value: Any, limit: int) -> str:
    """Free text to search or filter with: control characters dropped (nothing to refuse,
    they could only fail the query), trimmed, cut at `limit`."""
    return without_control(str(value)).strip()[:limit]
