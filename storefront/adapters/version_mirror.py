"""This process's copy of the cache's version numbers, kept true by Redis itself.

Every page read first asks Redis for the versions of the namespaces it depends on: one round
trip per page, the only one once the page is in the process's local cache. The mirror keeps
those numbers here instead. One connection of its own asks Redis to report every change to
a key under the versions' prefix (CLIENT TRACKING in broadcast mode, redirected to itself and
subscribed to `__redis__:invalidate`): an increment, a first set, an expiry, a flush. Before
answering, the mirror reads what that connection has received. Redis writes the report in
the same pass as the writer's reply (before it), so a change whose writer has had its answer
is seen by the next read here, give or take the network's delivery of the two. Numbers read
while a change came in are not kept.

The copy is trusted only while Redis has lately answered on that connection: it is pinged
every PING_SECONDS and must have answered a ping sent in the last PING_SECONDS +
PONG_SECONDS, so a connection that dies without a word costs at most that much of stale
reads. A connection lost, or a ping unanswered for PONG_SECONDS, empties the copy, and every
read goes to Redis until a new connection is set up (a Redis that refuses tracking, as some
managed ones may, leaves the mirror off: every read goes to Redis, as without it).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

import redis

log = logging.getLogger(__name__)

INVALIDATIONS = "__redis__:invalidate"
PING_SECONDS = 1.0
PONG_SECONDS = 1.0
RECONNECT_SECONDS = 2.0
REFUSED_SECONDS = 600.0  # Redis refused CLIENT TRACKING: ask again this much later
MAX_ENTRIES = 200_000

Fetch = Callable[[list[str]], list[int | None]]


class VersionMirror:
    """Version numbers of the keys starting with `prefix`, read from Redis once and then
    answered from memory until Redis reports them changed. Safe to share between threads."""

    def __init__(
        self, url: str, prefix: str, *, timeout: float = 0.5, max_entries: int = MAX_ENTRIES
    ) -> None:
        self._pool = redis.ConnectionPool.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=timeout
        )
        self._prefix = prefix
        self._max = max_entries
        self._lock = threading.Lock()
        self._values: dict[str, int] = {}
        self._connection: Any = None
        self._generation = 0  # counts the changes heard: a read that saw one keeps nothing
        self._retry_at = 0.0
        self._pinged_at = 0.0
        self._ponged_at = 0.0
        self._pid = os.getpid()
        self._said_down = False  # a warning when the mirror stops, not at every retry

    def get(self, keys: Sequence[str], fetch: Fetch) -> list[int | None]:
        """The keys' versions: from memory where it holds them, the rest by `fetch` (which
        may raise, as a read from Redis does)."""
        with self._lock:
            live = self._listen()
            known = {k: self._values[k] for k in keys if k in self._values} if live else {}
            generation = self._generation
        missing = [key for key in keys if key not in known]
        fetched = dict(zip(missing, fetch(missing), strict=True)) if missing else {}
        if live and fetched:
            with self._lock:
                # A change heard since the read began may concern what was fetched.
                if self._listen() and self._generation == generation:
                    self._keep(fetched)
        return [known[key] if key in known else fetched[key] for key in keys]

    def peek(self, keys: Sequence[str]) -> list[int | None] | None:
        """The keys' versions when memory holds them all, else None. For an event loop: no
        round trip and no connecting (at most reading what Redis already sent), and None
        while another thread holds the copy (it may be connecting)."""
        if not self._lock.acquire(blocking=False):
            return None
        try:
            if not self._listen(connect=False):
                return None
            found: list[int | None] = [self._values.get(key) for key in keys]
            return None if None in found else found
        finally:
            self._lock.release()

    def forget(self, keys: Sequence[str] = ()) -> None:
        """This process changed these keys (or, with none given, may have changed anything):
        the copy drops them now rather than when Redis reports it."""
        with self._lock:
            self._generation += 1
            if keys:
                for key in keys:
                    self._values.pop(key, None)
            else:
                self._values.clear()

    def close(self) -> None:
        with self._lock:
            self._drop_connection()

    def _keep(self, fetched: dict[str, int | None]) -> None:
        # A missing version is not kept: keys made up from URLs must not grow the copy.
        found = {k: v for k, v in fetched.items() if v is not None and k.startswith(self._prefix)}
        if len(self._values) + len(found) > self._max:
            self._values.clear()
        self._values.update(found)

    def _listen(self, *, connect: bool = True) -> bool:
        """Apply what Redis reported; True while the copy can be trusted. Lock held."""
        now = time.monotonic()
        if self._pid != os.getpid():  # a forked process: the socket is the parent's
            self._pid, self._connection = os.getpid(), None
            self._values.clear()
        if self._connection is None and not (connect and self._connect(now)):
            return False
        try:
            while self._connection.can_read(timeout=0):
                self._heard(self._connection.read_response())
            if self._pinged_at > self._ponged_at and now - self._pinged_at > PONG_SECONDS:
                raise redis.ConnectionError("no answer to the mirror's ping")
            if now - self._pinged_at > PING_SECONDS and self._pinged_at <= self._ponged_at:
                self._connection.send_command("PING")
                self._pinged_at = now
        except (redis.RedisError, OSError) as exc:
            self._down(f"lost its connection: {exc}")
            self._drop_connection()
            self._retry_at = now + RECONNECT_SECONDS
            return False
        # A connection that died without a word hears nothing: trusted while Redis answers.
        return now - self._ponged_at <= PING_SECONDS + PONG_SECONDS

    def _heard(self, message: Any) -> None:
        kind = message[0] if isinstance(message, list) and message else b""
        if kind == b"pong":  # dated when asked: a pong read late is no news of the present
            self._ponged_at = self._pinged_at
        elif kind == b"message" and message[1] == INVALIDATIONS.encode():
            self._generation += 1
            keys = message[2]
            if keys is None:  # the database was flushed
                self._values.clear()
            else:
                for key in keys:
                    self._values.pop(key.decode(), None)

    def _connect(self, now: float) -> bool:
        if now < self._retry_at:
            return False
        connection: Any = self._pool.make_connection()
        try:
            connection.connect()
            connection.send_command("CLIENT", "ID")
            client_id = connection.read_response()
            connection.send_command(
                "CLIENT", "TRACKING", "ON", "REDIRECT", client_id, "BCAST", "PREFIX", self._prefix
            )
            connection.read_response()
            connection.send_command("SUBSCRIBE", INVALIDATIONS)
            connection.read_response()
        except (redis.RedisError, OSError) as exc:
            self._down(f"cannot listen to Redis: {exc}")
            connection.disconnect()
            refused = isinstance(exc, redis.ResponseError)
            self._retry_at = now + (REFUSED_SECONDS if refused else RECONNECT_SECONDS)
            return False
        if self._said_down:
            log.info("cache version mirror: listening to Redis again")
            self._said_down = False
        self._connection = connection
        self._values.clear()  # whatever changed while nobody listened
        self._generation += 1
        self._pinged_at = self._ponged_at = now
        return True

    def _down(self, why: str) -> None:
        if not self._said_down:
            log.warning("cache version mirror off, every read goes to Redis: %s", why)
            self._said_down = True

    def _drop_connection(self) -> None:
        if self._connection is not None:
            self._connection.disconnect()
        self._connection = None
        self._values.clear()
        self._generation += 1
