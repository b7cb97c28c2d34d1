"""Redis Streams behind the Stream port: one stream of every event, consumer groups,
XPENDING/XCLAIM for retries and dead consumers, a dead-letter stream per group.

Connection errors become BusUnavailable: the caller waits and tries again, and nothing is
lost meanwhile (the relay marks nothing, consumers acknowledge nothing).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

import redis

from storefront.adapters.redis_stream_upkeep import forget_consumers, idle_consumers, trim_handled
from storefront.services.bus.ports import (
    LISTENERS_BEHIND_SECONDS,
    RECOVERING,
    BusUnavailable,
    Delivery,
    GroupStats,
    OutboxEntry,
    Pending,
)

STREAM = "boutique:events"
TAKEOVERS_KEPT_SECONDS = 7 * 24 * 3600
# The placeholder epoch expires if its relay dies before sending again: another one does.
RECOVERY_MS = 60_000


class RedisStream:
    durable = True

    def __init__(
        self,
        url: str,
        *,
        key: str = STREAM,
        timeout: float = 5.0,
        listeners_behind_ms: int = LISTENERS_BEHIND_SECONDS * 1000,
    ) -> None:
        self._key = key
        self._listeners_behind_ms = listeners_behind_ms
        self._epoch_key = f"{key}:epoch"  # lost with the stream, whatever loses it
        # Blocking reads wait up to a second, well inside the socket timeout.
        self._client = redis.Redis.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=timeout
        )

    def dead_key(self, group: str) -> str:
        return f"{self._key}:dead:{group}"

    def epoch(self) -> str | None:
        value = self._call(lambda: self._client.get(self._epoch_key))
        return None if value is None else _text(value)

    def begin_recovery(self) -> bool:
        placed = self._call(
            lambda: self._client.set(self._epoch_key, RECOVERING, nx=True, px=RECOVERY_MS)
        )
        return bool(placed)

    def abandon_recovery(self) -> None:
        def drop() -> None:
            if self._client.get(self._epoch_key) == RECOVERING.encode():
                self._client.delete(self._epoch_key)

        self._call(drop)

    def start_epoch(self) -> str:
        epoch = uuid.uuid4().hex
        self._call(lambda: self._client.set(self._epoch_key, epoch))
        return epoch

    def mark_alive(self, consumer: str, ttl_ms: int) -> None:
        self._call(lambda: self._client.set(self._alive_key(consumer), 1, px=ttl_ms))

    def alive(self, consumers: Sequence[str]) -> set[str]:
        if not consumers:
            return set()
        keys = [self._alive_key(c) for c in consumers]
        found = self._call(lambda: self._client.mget(keys))
        return {c for c, value in zip(consumers, found, strict=True) if value is not None}

    def _alive_key(self, consumer: str) -> str:
        return f"{self._key}:alive:{consumer}"

    def takeovers_key(self, group: str) -> str:
        return f"{self._key}:takeovers:{group}"

    def append(self, entries: Sequence[OutboxEntry]) -> None:
        def send() -> None:
            pipe = self._client.pipeline(transaction=False)
            for entry in entries:
                pipe.xadd(
                    self._key,
                    {
                        "id": entry.id,
                        "type": entry.event_type,
                        "payload": entry.payload,
                        "at": repr(entry.created_at),
                    },
                )
            pipe.execute()

        self._call(send)

    def ensure_group(self, group: str) -> None:
        def create() -> None:
            try:
                self._client.xgroup_create(self._key, group, id="0", mkstream=True)
            except redis.ResponseError as exc:
                if "BUSYGROUP" not in str(exc):
                    raise

        self._call(create)

    def read_new(self, group: str, consumer: str, count: int, block_ms: int) -> list[Delivery]:
        reply = self._in_group(
            group,
            lambda: self._client.xreadgroup(
                group, consumer, {self._key: ">"}, count=count, block=block_ms or None
            ),
        )
        return [
            _delivery(_text(sid), fields, 1) for _key, rows in reply or [] for sid, fields in rows
        ]

    def pending(self, group: str, count: int) -> list[Pending]:
        rows = self._in_group(
            group,
            lambda: self._client.xpending_range(self._key, group, min="-", max="+", count=count),
        )
        return [
            Pending(
                _text(row["message_id"]),
                _text(row["consumer"]),
                int(row["time_since_delivered"]),
                int(row["times_delivered"]),
            )
            for row in rows
        ]

    def claim(
        self, group: str, consumer: str, pending: Sequence[Pending], min_idle_ms: int
    ) -> list[Delivery]:
        counts = {p.stream_id: p.deliveries + 1 for p in pending}
        rows = self._call(
            lambda: self._client.xclaim(
                self._key, group, consumer, min_idle_ms, [p.stream_id for p in pending]
            )
        )
        # Redis 7 leaves out claimed ids whose message is gone; Redis 6 answers (None, None).
        return [
            _delivery(_text(sid), fields, counts.get(_text(sid), 2))
            for sid, fields in rows
            if sid is not None and fields
        ]

    def count_takeover(self, group: str, stream_id: str) -> int:
        # A hash per group, written only when a consumer's process stopped holding messages;
        # a message's count goes when it is acknowledged or dead-lettered (and the whole
        # hash a week after its last takeover, whatever was left).
        def count() -> int:
            pipe = self._client.pipeline(transaction=False)
            pipe.hincrby(self.takeovers_key(group), stream_id, 1)
            pipe.expire(self.takeovers_key(group), TAKEOVERS_KEPT_SECONDS)
            return int(pipe.execute()[0])

        return int(self._call(count))

    def ack(self, group: str, stream_ids: Sequence[str]) -> None:
        def ack() -> None:
            pipe = self._client.pipeline(transaction=False)
            pipe.xack(self._key, group, *stream_ids)
            pipe.hdel(self.takeovers_key(group), *stream_ids)
            pipe.execute()

        if stream_ids:
            self._call(ack)

    def dead_letter(self, group: str, delivery: Delivery, reason: str) -> None:
        def move() -> None:
            pipe = self._client.pipeline(transaction=True)
            pipe.xadd(
                self.dead_key(group),
                {
                    "id": delivery.message_id,
                    "type": delivery.event_type,
                    "payload": delivery.payload,
                    "at": repr(delivery.created_at),
                    "stream_id": delivery.stream_id,
                    "deliveries": delivery.deliveries,
                    "reason": reason[:500],
                },
            )
            pipe.xack(self._key, group, delivery.stream_id)
            pipe.hdel(self.takeovers_key(group), delivery.stream_id)
            pipe.execute()

        self._call(move)

    def requeue_dead(self, group: str) -> int:
        client: Any = self._client

        def requeue() -> int:
            rows = client.xrange(self.dead_key(group))
            if not rows:
                return 0
            pipe = client.pipeline(transaction=True)
            for dead_id, fields in rows:
                kept = {n: fields[n] for n in (b"id", b"type", b"payload", b"at") if n in fields}
                pipe.xadd(self._key, {**kept, b"for": group.encode()})
                pipe.xdel(self.dead_key(group), dead_id)
            pipe.execute()
            return len(rows)

        return int(self._call(requeue))

    def forget_gone_consumers(self, group: str, idle_ms: int) -> int:
        def read() -> list[str]:
            idle = idle_consumers(self._client, self._key, group, idle_ms)
            beating = self.alive(idle)
            return [name for name in idle if name not in beating]

        gone: list[str] = self._in_group(group, read)
        if not gone:
            return 0
        return int(self._call(lambda: forget_consumers(self._client, self._key, group, gone)))

    def drop_dead(self, group: str, message_ids: Sequence[str]) -> list[tuple[Delivery, str]]:
        client: Any = self._client
        wanted = set(message_ids)

        def drop() -> list[tuple[Delivery, str]]:
            doomed = [
                (dead_id, f)
                for dead_id, f in client.xrange(self.dead_key(group))
                if _text(f.get(b"id", b"")) in wanted
            ]
            if doomed:
                client.xdel(self.dead_key(group), *(dead_id for dead_id, _ in doomed))
            return [_dead(f) for _, f in doomed]

        return list(self._call(drop))

    def dead_letters(self, group: str) -> list[tuple[Delivery, str]]:
        rows = self._call(lambda: self._client.xrange(self.dead_key(group)))
        return [_dead(f) for _sid, f in rows]

    def last_id(self) -> str:
        rows = self._call(lambda: self._client.xrevrange(self._key, count=1))
        return _text(rows[0][0]) if rows else "0-0"

    def tail(self, after: str, count: int, block_ms: int) -> list[Delivery]:
        reply = self._call(
            lambda: self._client.xread({self._key: after}, count=count, block=block_ms or None)
        )
        return [
            _delivery(_text(sid), fields, 1) for _key, rows in reply or [] for sid, fields in rows
        ]

    def stats(self, group: str) -> GroupStats:
        client: Any = self._client  # redis-py types its replies as maybe-awaitable

        def read() -> GroupStats:  # XINFO GROUPS' lag needs Redis 7
            length = int(client.xlen(self._key))
            dead = int(client.xlen(self.dead_key(group)))
            for info in client.xinfo_groups(self._key) if length else []:
                if _text(info["name"]) == group:
                    lag = info.get("lag")
                    return GroupStats(
                        length, int(lag) if lag is not None else 0, int(info["pending"]), dead
                    )
            return GroupStats(length, length, 0, dead)

        stats: GroupStats = self._call(read)
        return stats

    def trim(self) -> int:
        try:
            return int(
                self._call(lambda: trim_handled(self._client, self._key, self._listeners_behind_ms))
            )
        except redis.ResponseError:  # no stream yet
            return 0

    def _in_group(self, group: str, operation: Callable[[], Any]) -> Any:
        """Run a group command; a Redis that lost the group (restarted without its data,
        flushed) gets it back, from the start of what the stream still holds."""
        try:
            return self._call(operation)
        except redis.ResponseError as exc:
            if "NOGROUP" not in str(exc):
                raise
            self.ensure_group(group)
            return self._call(operation)

    def _call(self, operation: Callable[[], Any]) -> Any:
        try:
            return operation()
        except (
            redis.ConnectionError,
            redis.TimeoutError,
            redis.exceptions.OutOfMemoryError,
        ) as exc:
            raise BusUnavailable(str(exc)) from exc
        except redis.exceptions.ReadOnlyError as exc:  # a replica since a failover
            self._client.connection_pool.disconnect()  # reconnect: to the new primary
            raise BusUnavailable(str(exc)) from exc


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _dead(fields: dict[bytes, bytes]) -> tuple[Delivery, str]:
    """A dead letter as it was delivered, and why it was given up."""
    return _delivery(_text(fields[b"stream_id"]), fields, int(fields[b"deliveries"])), _text(
        fields[b"reason"]
    )


def _delivery(stream_id: str, fields: dict[bytes, bytes], deliveries: int) -> Delivery:
    return Delivery(
        stream_id,
        _text(fields[b"id"]),
        _text(fields[b"type"]),
        _text(fields[b"payload"]),
        deliveries,
        float(fields.get(b"at", b"0")),
        _text(fields.get(b"for", b"")),
    )
