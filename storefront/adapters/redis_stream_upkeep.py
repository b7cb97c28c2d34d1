"""What the hourly pruning does to the Redis stream (storefront/adapters/redis_stream.py):
trim what every consumer group has handled, and remove from a group the consumers of
processes gone. Plain functions on a client: RedisStream runs them through its own error
handling."""

from __future__ import annotations

from typing import Any

# A consumer deleted only if it still holds no message and has been idle since it was read
# as idle: XINFO, the check and DELCONSUMER are not one step otherwise.
_FORGET_IDLE_CONSUMER = """
if #redis.call('XPENDING', KEYS[1], ARGV[1], '-', '+', 1, ARGV[2]) == 0 then
  redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], ARGV[2])
  return 1
end
return 0
"""


def trim_handled(client: Any, key: str, listeners_behind_ms: int) -> int:
    """Trim the stream up to the oldest message a group still needs (pending, or not read
    yet) and the last `listeners_behind_ms` (listeners have no group); how many went."""
    groups = client.xinfo_groups(key)
    if not groups:
        return 0
    oldest_needed = []
    for info in groups:
        summary = client.xpending(key, info["name"])
        oldest_needed.append(
            _stream_id(summary["min"])
            if summary["pending"]
            else _next_id(_stream_id(info["last-delivered-id"]))
        )
    # Listeners (no group: each web process tails the stream) are not counted: the last
    # LISTENERS_BEHIND_SECONDS are kept for one that fell behind.
    seconds, micros = client.time()
    now_ms = int(seconds) * 1000 + int(micros) // 1000
    oldest_needed.append((now_ms - listeners_behind_ms, 0))
    # XTRIM MINID keeps every message at or after the id.
    keep_from = min(oldest_needed)
    minid = f"{keep_from[0]}-{keep_from[1]}"
    return int(client.xtrim(key, minid=minid, approximate=False))


def idle_consumers(client: Any, key: str, group: str, idle_ms: int) -> list[str]:
    """The group's consumers holding no message and silent for `idle_ms`."""
    return [
        _text(c["name"])
        for c in client.xinfo_consumers(key, group)
        if int(c["pending"]) == 0 and int(c["idle"]) >= idle_ms
    ]


def forget_consumers(client: Any, key: str, group: str, names: list[str]) -> int:
    """Delete these consumers from the group, each checked and deleted in one step: one that
    read a message meanwhile stays (deleting it would drop that message from the pending
    list, never delivered); how many went."""
    forget = client.register_script(_FORGET_IDLE_CONSUMER)
    return sum(int(forget(keys=[key], args=[group, name])) for name in names)


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _stream_id(value: Any) -> tuple[int, int]:
    milliseconds, _, sequence = _text(value).partition("-")
    return int(milliseconds), int(sequence or 0)


def _next_id(stream_id: tuple[int, int]) -> tuple[int, int]:
    return stream_id[0], stream_id[1] + 1
