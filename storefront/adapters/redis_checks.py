"""What the bus's Redis must be (docs/operations.md, "What must be highly available"): Redis 7
or later (the bus reads its groups' lag), persisting every write (`appendonly yes`) and never
evicting (`maxmemory-policy noeviction`), since a message relayed but not yet handled lives
only there. `check-settings` refuses an older or evicting one, and warns of one that does not
persist: a managed Redis replicated across zones may keep its data without `appendonly`.

Read from INFO, which managed services answer where they disable CONFIG.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

import redis

MIN_VERSION = (7, 0)
APPENDONLY_OFF = "appendonly is off"
TIMEOUT = 2.0  # seconds, as the probes of check-settings and /readyz


def bus_redis_problems(redis_url: str | None, cache_redis_url: str | None) -> list[str]:
    """One line per requirement the cache/bus Redis misses (BOUTIQUE_CACHE_REDIS_URL's, else
    REDIS_URL's), named by its variable; none without Redis, or when it cannot be reached
    (check-settings says so already)."""
    name, url = (
        ("BOUTIQUE_CACHE_REDIS_URL", cache_redis_url)
        if cache_redis_url
        else ("REDIS_URL", redis_url)
    )
    if not url:
        return []
    client = redis.Redis.from_url(url, socket_timeout=TIMEOUT, socket_connect_timeout=TIMEOUT)
    try:
        info = cast("Mapping[str, Any]", client.info())
    except redis.RedisError:
        return []
    finally:
        client.close()
    return [f"{name}: {problem}" for problem in missing_requirements(info)]


def missing_requirements(info: Mapping[str, Any]) -> list[str]:
    """What INFO says this Redis lacks for the bus."""
    problems = []
    version = str(info.get("redis_version", "0"))
    if _version(version) < MIN_VERSION:
        problems.append(f"Redis {version}; the event bus needs Redis 7 or later")
    if str(info.get("aof_enabled", "0")) != "1":
        problems.append(
            f"{APPENDONLY_OFF}; the event bus needs `appendonly yes` (events relayed but not "
            "yet handled would be lost with a restart)"
        )
    policy = str(info.get("maxmemory_policy", ""))
    if policy != "noeviction":
        problems.append(
            f"maxmemory-policy is {policy or 'unknown'}; the event bus needs `noeviction` "
            "(a full Redis would drop events instead of refusing writes)"
        )
    return problems


def about_persistence(problem: str) -> bool:
    """Whether a line of bus_redis_problems is the one on persistence (a warning)."""
    return problem.partition(": ")[2].startswith(APPENDONLY_OFF)


def _version(text: str) -> tuple[int, ...]:
    parts = []
    for part in text.split(".")[:2]:
        digits = "".join(c for c in part if c.isdigit()) or "0"
        parts.append(int(digits))
    return tuple(parts)
