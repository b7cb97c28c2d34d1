"""A web worker that dies is replaced; the others keep serving.

`reflex run --env prod` serves through Granian, which by default stops the whole server
when one of its worker processes exits unexpectedly (a crash in native code, the kernel's
OOM killer): every shopper then loses the shop until the service manager has restarted it
and the frontend has been built again. Granian can replace the dead worker instead
(`respawn_failed_workers`), but Reflex passes it no option for that, so this sets it on
every Granian server this process builds, unless the builder chose. The app module calls it
(storefront.py), and `reflex run --env prod` imports that module in the process that then
becomes Granian's supervisor (to build the frontend, and before forking the workers). Not
covered: `--backend-only` with workers spawned rather than forked (REFLEX_BACKEND_START_METHOD,
or a platform other than Linux), where the supervisor never imports the app.

A worker that dies again within 5.5 s of being replaced still stops the server (Granian's
guard against a crash loop), and the service manager takes over (deploy/systemd). Shoppers
of the dead worker reconnect to a live one; what Reflex had not yet written of their state
to Redis is lost (docs/operations.md, "When a part fails").
"""

from __future__ import annotations

import functools
from typing import Any


def respawn_dead_workers() -> None:
    """Make Granian replace a dead worker instead of stopping (idempotent; nothing to do
    where Granian is not installed)."""
    try:
        from granian.server.common import AbstractServer
    except ImportError:
        return
    init = AbstractServer.__init__
    if getattr(init, "respawns_dead_workers", False):
        return

    @functools.wraps(init)
    def respawning_init(self: Any, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        if "respawn_failed_workers" not in kwargs:
            self.respawn_failed_workers = True

    respawning_init.respawns_dead_workers = True  # type: ignore[attr-defined]
    AbstractServer.__init__ = respawning_init  # type: ignore[method-assign]
