"""Reflex makes every public method of a state an event handler any browser may call by name,
with any arguments: only the methods written as events (`@rx.event`) may be public; helpers
the states call on each other start with an underscore."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import reflex as rx

import state

REFLEX_OWN = {"setvar"}


def every_state() -> set[type[rx.State]]:
    for module in pkgutil.walk_packages(state.__path__, "state."):
        importlib.import_module(module.name)
    found: set[type[rx.State]] = set()
    waiting = [rx.State]
    while waiting:
        for sub in waiting.pop().get_substates():
            if sub not in found:
                found.add(sub)
                waiting.append(sub)
    return {s for s in found if s.__module__.startswith("state.")}


def test_every_public_method_of_a_state_is_written_as_an_event() -> None:
    undeclared = []
    for cls in every_state():
        for name, handler in cls.event_handlers.items():
            if name in REFLEX_OWN:
                continue
            source = inspect.getsource(handler.fn).lstrip()
            if not source.startswith("@rx.event"):
                undeclared.append(f"{cls.__module__}.{cls.__name__}.{name}")
    assert undeclared == []
