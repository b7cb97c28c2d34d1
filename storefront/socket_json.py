"""The JSON of every packet the websocket sends: orjson, with Reflex's serializers for what
orjson leaves to them, so the values written are those of Reflex's own encoder.

Reflex encodes each state update with the standard library's encoder and calls its
`serialize` once per dataclass in the update (a card, a facet option, a variant). For a
listing's 14 KB update that took about 0.3 ms of the event loop, five times what this takes.
Traced under the browse load, encoding was the largest single cost of sending an update.

python-socketio takes its JSON module from `Packet.json`, which Reflex sets when it builds
the app's server; `use_fast_json` replaces `dumps` there and keeps Reflex's `loads`.
Whatever orjson refuses (an integer beyond 64 bits, a dict with non-string keys, a lone
surrogate), and any call with options other than socket.io's compact separators, goes
through Reflex's encoder, as before. Differences: NaN and infinities become `null` (Reflex
wrote `NaN`, which its client reads back; the shop sends none); a float may be spelled
differently (`1e-7`, not `1e-07`); Reflex's OpenTelemetry message sizes are not recorded
(the shop does not use them). The plans per type are made once: a Reflex serializer
registered after the first update of its type would not be used.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import orjson
import reflex as rx
from reflex_base.utils.serializers import get_serializer, serialize

OPTIONS = orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME
COMPACT = {"separators": (",", ":")}  # what socket.io asks for, and what orjson writes

_plans: dict[type, Callable[[Any], Any]] = {}


def _fields_of(cls: type) -> Callable[[Any], Any]:
    """A dataclass Reflex has no serializer for becomes the dict of its fields (as in
    Reflex's fallback); an instance's own `__dict__` is that dict when it holds exactly the
    fields, in their order."""
    names = tuple(field.name for field in dataclasses.fields(cls))

    def fields(value: Any) -> Any:
        own = getattr(value, "__dict__", None)
        if own is not None and tuple(own) == names:
            return own
        return {name: getattr(value, name) for name in names}

    return fields


def _plan(cls: type) -> Callable[[Any], Any]:
    """How a value orjson hands back is written, decided once per type."""
    # The standard library writes subclasses of float and tuple (a namedtuple) as the
    # number and the array, without asking Reflex; orjson hands them back.
    if issubclass(cls, float):
        return float
    if issubclass(cls, tuple):
        return list
    if get_serializer(cls) is None and dataclasses.is_dataclass(cls):
        return _fields_of(cls)
    return serialize  # a registered serializer, a datetime, a set, or None for the unknown


def _default(value: Any) -> Any:
    cls = type(value)
    plan = _plans.get(cls)
    if plan is None:
        plan = _plans[cls] = _plan(cls)
    return plan(value)


def encoder(fallback: Callable[..., str]) -> Callable[..., str]:
    """`dumps` for socket.io packets: orjson, or `fallback` for what orjson refuses."""

    def dumps(value: Any, **options: Any) -> str:
        if options and options != COMPACT:
            return fallback(value, **options)
        try:
            return orjson.dumps(value, default=_default, option=OPTIONS).decode()
        except orjson.JSONEncodeError:
            return fallback(value, **options)

    return dumps


def use_fast_json(app: rx.App) -> None:
    """Encode the app's outgoing socket.io packets with `encoder`."""
    if app.sio is None:  # no state: Reflex builds no websocket server
        return
    current = app.sio.packet_class.json
    app.sio.packet_class.json = SimpleNamespace(dumps=encoder(current.dumps), loads=current.loads)
