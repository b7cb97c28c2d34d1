"""Which sessions a web process pushes a product's change to (state/live_updates.py)."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest

from state import live_updates
from state.live_updates import LivePusher, forget, watch, watchers_of, watching


@pytest.fixture(autouse=True)
def empty() -> Iterator[None]:
    forget(watching())
    yield
    forget(watching())


def test_a_page_watches_what_it_shows_now_not_what_it_showed() -> None:
    watch("tab", "product", [7])
    watch("tab", "cart", [7, 8])
    watch("tab", "product", [9])  # the tab opened another product
    assert watchers_of([7]) == {"tab"}  # still in its cart
    assert watchers_of([9]) == {"tab"}
    watch("tab", "cart", [])  # emptied
    assert watchers_of([7, 8]) == set()
    assert live_updates._watchers.keys() == {9}  # nothing left behind


def test_a_session_is_let_go_of_only_once_its_socket_is_gone_from_this_process() -> None:
    """However long a tab stays open: time alone never drops its watch. A tab that moved to
    another process (Reflex still lists it, under that process's instance) is let go of."""
    watch("open", "product", [1])
    watch("closed", "cart", [1, 2])
    watch("moved", "cart", [2])
    records = {
        "open": SimpleNamespace(instance_id="this", sid="s1"),
        "moved": SimpleNamespace(instance_id="other", sid="s2"),
    }
    manager = SimpleNamespace(instance_id="this", token_to_socket=records)
    app: Any = SimpleNamespace(event_namespace=SimpleNamespace(_token_manager=manager))
    assert LivePusher(app).sweep() == 2
    assert watching() == {"open"}
    assert watchers_of([1, 2]) == {"open"}


async def test_changes_nobody_watches_start_no_round() -> None:
    app: Any = SimpleNamespace(event_namespace=None)
    pusher = LivePusher(app)
    watch("tab", "product", [1])
    pusher.changed({2: "p-2", 3: ""})
    assert (pusher._waiting, pusher._running) == ({}, False)
