"""Granian servers built in this process replace a dead worker instead of stopping (the
e2e test of two web workers kills one for real)."""

from __future__ import annotations

from granian.constants import Interfaces
from granian.server import Server
from granian.server.common import AbstractServer

from storefront.web_workers import respawn_dead_workers


def test_servers_built_after_it_respawn_dead_workers() -> None:
    respawn_dead_workers()
    respawn_dead_workers()  # a second import of the app: wrapped once
    server = Server(target="storefront.storefront:app", interface=Interfaces.ASGI, workers=2)
    assert server.respawn_failed_workers is True
    assert getattr(AbstractServer.__init__, "respawns_dead_workers", False)
    assert not hasattr(AbstractServer.__init__.__wrapped__, "respawns_dead_workers")


def test_a_server_built_with_a_choice_keeps_it() -> None:
    respawn_dead_workers()
    server = Server(
        target="storefront.storefront:app",
        interface=Interfaces.ASGI,
        workers=2,
        respawn_failed_workers=False,
    )
    assert server.respawn_failed_workers is False
