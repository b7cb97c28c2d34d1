"""The bus's Redis requirements, as INFO reports them (adapters/redis_checks.py)."""

from __future__ import annotations

from storefront.adapters.redis_checks import missing_requirements

GOOD = {"redis_version": "7.2.4", "aof_enabled": 1, "maxmemory_policy": "noeviction"}


def test_redis_7_persisting_and_not_evicting_passes() -> None:
    assert missing_requirements(GOOD) == []
    assert missing_requirements(GOOD | {"redis_version": "8.0.0"}) == []
    assert missing_requirements(GOOD | {"redis_version": "7.0.15"}) == []


def test_an_older_redis_is_named_with_its_version() -> None:
    assert missing_requirements(GOOD | {"redis_version": "6.2.14"}) == [
        "Redis 6.2.14; the event bus needs Redis 7 or later"
    ]


def test_each_missing_requirement_is_one_line() -> None:
    problems = missing_requirements({"redis_version": "5.0.7", "aof_enabled": 0})
    assert [p.split(";")[0] for p in problems] == [
        "Redis 5.0.7",
        "appendonly is off",
        "maxmemory-policy is unknown",
    ]
