"""How state reaches the services: the per-process shop, and a thread hop for blocking calls."""

from __future__ import annotations

import asyncio
import contextvars
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

from storefront.bootstrap import Shop, get_shop
from storefront.services.versioned_cache import NotInMemory

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")


def shop() -> Shop:
    return get_shop()


def with_database(service: T | None, what: str) -> T:
    """A service the shop only has with a database (accounts, carts, ...)."""
    if service is None:
        raise RuntimeError(f"{what} need a database")
    return service


async def call(fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Run a blocking service call off the event loop, so other sessions keep flowing."""
    return await asyncio.to_thread(fn, *args, **kwargs)


async def call_cached(fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """`call` for a catalog read, without the thread hop when this process holds the answer
    (the cache's versions and the value, as for a page shoppers keep asking for): `fn` runs
    here first with the cache in memory-only mode, in a thread only if it needs more."""
    try:
        with shop().cache.memory_only():
            return fn(*args, **kwargs)
    except NotInMemory:
        return await call(fn, *args, **kwargs)


# Password hashing (argon2: 64 MiB and tens of milliseconds a time) has two threads of its
# own: a burst of sign-ins, or someone sending them on purpose, waits for these rather than
# taking every thread the shoppers' cart and page calls run on.
HASHING = ThreadPoolExecutor(max_workers=2, thread_name_prefix="password-hashing")


async def call_hashing(fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """`call`, for a service call that hashes a password (sign-up, sign-in, reset)."""
    loop = asyncio.get_running_loop()
    # In this event's context, as asyncio.to_thread does: log lines keep the event's id.
    context = contextvars.copy_context()
    call_fn = functools.partial(context.run, fn, *args, **kwargs)
    return await loop.run_in_executor(HASHING, call_fn)


def media_url(path: str | None) -> str:
    """The browser URL of a media file, honouring a CDN or dev-mode backend base."""
    if not path:
        return ""
    if path.startswith(("http://", "https://")):
        return path
    return shop().settings.media_base_url + path
