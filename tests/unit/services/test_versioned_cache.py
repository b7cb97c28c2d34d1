"""Versioned read-through caching over the in-process cache: versions are bounded, and one
that is gone comes back as a number never used (never as 1, which it may have been)."""

from __future__ import annotations

from storefront.adapters.cache import InProcessCache
from storefront.services.versioned_cache import VersionedCache


def test_a_change_makes_every_dependent_entry_a_miss() -> None:
    cache = VersionedCache(InProcessCache(), ttl_seconds=60)
    assert cache.read_through("page", ["product:mug"], lambda: "old") == "old"
    assert cache.read_through("page", ["product:mug"], lambda: "unused") == "old"
    cache.invalidate(["product:mug"])
    assert cache.read_through("page", ["product:mug"], lambda: "new") == "new"


def test_pages_asked_for_once_do_not_grow_the_versions_for_good() -> None:
    local = InProcessCache(max_entries=50)
    cache = VersionedCache(local, ttl_seconds=60)
    for n in range(1_000):  # a crawler asking for product URLs that do not exist
        cache.read_through(f"product:nope-{n}", [f"product:nope-{n}"], lambda: None)
    assert len(local._ints) == 50


def test_a_version_that_is_gone_starts_again_at_a_number_never_used() -> None:
    local = InProcessCache()
    local.incr_many(["ver:a"], 1_000)
    local.incr_many(["ver:a", "ver:b"], 2_000)
    assert local.get_ints(["ver:a", "ver:b"]) == [1_001, 2_000]
    cache = VersionedCache(local, ttl_seconds=60)
    cache.invalidate(["product:mug"])  # gone: it starts at the clock, as a new version does
    [version] = local.get_ints(["boutique:v1:ver:product:mug"])
    assert version is not None
    assert version > 10**18
