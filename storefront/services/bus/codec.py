"""Events to and from the JSON that the outbox and the bus carry."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from typing import Any

from models.events import EVENT_TYPES, Event


class UndecodableMessage(ValueError):
    """A message of an unknown type, or whose payload does not fit its type."""


def encode(event: Event) -> tuple[str, str]:
    """(event type, JSON payload)."""
    return type(event).__name__, json.dumps(asdict(event), separators=(",", ":"))


def decode(event_type: str, payload: str) -> Event:
    cls = EVENT_TYPES.get(event_type)
    if cls is None:
        raise UndecodableMessage(f"unknown event type {event_type!r}")
    try:
        data = json.loads(payload)
        # Fields this version does not know are left out: a newer process may have added
        # one (with a default, so that older payloads decode too) while this one still runs.
        known = {f.name for f in fields(cls)}
        return cls(**{key: _tuples(value) for key, value in data.items() if key in known})
    except (TypeError, ValueError, AttributeError) as exc:
        raise UndecodableMessage(f"{event_type}: {exc}") from exc


def _tuples(value: Any) -> Any:
    """JSON has lists only; events hold tuples (frozen, hashable)."""
    if isinstance(value, list):
        return tuple(_tuples(item) for item in value)
    return value
