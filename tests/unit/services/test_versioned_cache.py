"""Versioned read-through caching over the in-process cache: versions are bounded, and one
that is gone comes back as a number never used (never as 1, which it may have been)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from storefront.adapters.cache import InProcessCache
from storefront.services.ports import CacheUnavailable
from storefront.services.versioned_cache import NotInMemory, VersionedCache


def test_a_change_makes_every_dependent_entry_a_miss() -> None:
    cache = VersionedCache(InProcessCache(), ttl_seconds=60)
    assert cache.read_through("page", ["product:mug"], lambda: "old") == "old"
    assert cache.read_through("page", ["product:mug"], lambda: "unused") == "old"
    cache.invalidate(["product:mug"])
    assert cache.read_through("page", ["product:mug"], lambda: "new") == "new"


def test_pages_asked_for_once_do_not_grow_the_versions_for_good() -> None:
    local = InProcessCache(max_entries=50)
    cache = VersionedCache(local, ttl_seconds=60)
    for n in range(1_000):  # a crawler walking every product once
        cache.read_through(f"product:p-{n}", [f"product:p-{n}"], lambda: "page")
    assert len(local._ints) == 50


def two_level() -> tuple[VersionedCache, InProcessCache, InProcessCache]:
    """A versioned cache over a shared cache (Redis in production) with a local one."""
    shared, local = InProcessCache(), InProcessCache(max_entries=100)
    return VersionedCache(shared, ttl_seconds=60, local=local), shared, local


def test_made_up_keys_add_no_version_and_nothing_to_the_shared_cache() -> None:
    cache, shared, local = two_level()
    for n in range(1_000):  # a script asking for product URLs that do not exist
        slug = f"nope-{n}"
        assert cache.read_through(slug, ["structure", f"product:{slug}"], lambda: None) is None
    assert (len(shared), len(shared._ints), len(local)) == (0, 0, 0)
    assert cache.read_through("mug", ["structure", "product:mug"], lambda: "mug") == "mug"
    assert len(shared) == 1
    assert shared.get_ints(["boutique:v2:ver:structure", "boutique:v2:ver:product:mug"]) != [
        None,
        None,
    ]


def test_a_product_that_went_away_is_remembered_by_this_process_only() -> None:
    cache, shared, local = two_level()
    cache.invalidate(["structure", "product:gone"])  # it was archived: its version exists
    loads: list[int] = []

    def load() -> None:
        loads.append(1)

    assert cache.read_through("gone", ["structure", "product:gone"], load) is None
    assert cache.read_through("gone", ["structure", "product:gone"], load) is None
    assert (len(loads), len(shared), len(local)) == (1, 0, 1)
    assert len(shared._ints) == 2  # the two it had, no more


def test_a_value_not_shareable_stays_local() -> None:
    cache, shared, local = two_level()
    cache.invalidate(["cat:1"])
    page = cache.read_through("listing:odd", ["cat:1"], lambda: "odd", shareable=lambda _: False)
    assert page == "odd"
    assert cache.read_through("listing:odd", ["cat:1"], lambda: "unused") == "odd"
    assert (len(shared), len(local)) == (0, 1)


def test_missing_cards_are_not_shared() -> None:
    cache, shared, _ = two_level()

    def load(keys: list[str]) -> dict[str, str]:
        return {key: key.upper() for key in keys if key.startswith("card:1")}

    keys = [f"card:{n}" for n in (1, 10, 7_000_001, 7_000_002)]
    found = cache.read_through_many(keys, ["products"], load)
    assert found == {
        "card:1": "CARD:1",
        "card:10": "CARD:10",
        "card:7000001": None,
        "card:7000002": None,
    }
    assert len(shared) == 2
    assert cache.read_through_many(keys, ["products"], lambda _: {}) == found  # all cached


def test_a_change_while_loading_is_not_hidden_by_the_value_loaded_before_it() -> None:
    """A cold namespace is created after the load: a change made meanwhile wins."""
    cache = two_level()[0]

    def load_then_change() -> str:
        cache.invalidate(["product:mug"])  # the edit lands while the old row is in hand
        return "old"

    assert cache.read_through("mug", ["product:mug"], load_then_change) == "old"
    assert cache.read_through("mug", ["product:mug"], lambda: "new") == "new"


def test_a_read_nested_in_a_load_does_not_keep_the_outer_value_out() -> None:
    """A listing reads its facet table under the same cold namespaces while loading."""
    cache = two_level()[0]

    def listing() -> str:
        cache.read_through("facets:1", ["structure", "cat:1"], lambda: "table")
        return "listing"

    assert cache.read_through("listing:1", ["structure", "cat:1"], listing) == "listing"
    assert cache.read_through("listing:1", ["structure", "cat:1"], lambda: "unused") == "listing"


def test_a_version_that_is_gone_starts_again_at_a_number_never_used() -> None:
    local = InProcessCache()
    local.incr_many(["ver:a"], 1_000)
    local.incr_many(["ver:a", "ver:b"], 2_000)
    assert local.get_ints(["ver:a", "ver:b"]) == [1_001, 2_000]
    cache = VersionedCache(local, ttl_seconds=60)
    cache.invalidate(["product:mug"])  # gone: it starts at the clock, as a new version does
    [version] = local.get_ints(["boutique:v2:ver:product:mug"])
    assert version is not None
    assert version > 10**18


def test_a_value_kept_local_counts_versions_its_own_nested_reads_created() -> None:
    """An odd listing on a cold category is kept locally: its facet table, read while it
    loaded, created the versions."""
    cache, shared, _ = two_level()
    loads: list[int] = []

    def listing() -> str:
        loads.append(1)
        cache.read_through("facets:1", ["cat:1"], lambda: "table", local_only=True)
        return "odd"

    for _ in range(2):
        assert cache.read_through("l:odd", ["cat:1"], listing, shareable=lambda _: False) == "odd"
    assert (len(loads), len(shared)) == (1, 0)


def test_memory_only_reads_answer_a_warm_value_and_refuse_the_rest() -> None:
    """The state layer skips its thread hop when a read needs nothing but memory."""
    cache, _shared, _local = two_level()
    assert cache.read_through("mug", ["structure", "product:mug"], lambda: "mug") == "mug"
    loads: list[str] = []
    with cache.memory_only():
        assert cache.read_through("mug", ["structure", "product:mug"], loads.append) == "mug"
        with pytest.raises(NotInMemory):  # never loaded
            cache.read_through("cup", ["structure", "product:cup"], loads.append)
        with pytest.raises(NotInMemory):
            cache.read_through_many(["card:1"], ["products"], lambda keys: {})
    assert loads == []
    cache.invalidate(["product:mug"])
    with cache.memory_only(), pytest.raises(NotInMemory):  # changed: a load is due
        cache.read_through("mug", ["structure", "product:mug"], loads.append)
    assert cache.read_through("mug", ["structure", "product:mug"], lambda: "new mug") == "new mug"


class FlakyCache(InProcessCache):
    """The shared cache, which can be out of reach."""

    down = False

    def incr_many(self, keys: Sequence[str], start: int) -> None:
        if self.down:
            raise CacheUnavailable("down")
        super().incr_many(keys, start)

    def get_ints(self, keys: Sequence[str]) -> list[int | None]:
        if self.down:
            raise CacheUnavailable("down")
        return super().get_ints(keys)


def test_a_change_made_while_the_cache_was_down_is_not_hidden_when_it_returns() -> None:
    shared, local = FlakyCache(), InProcessCache(max_entries=100)
    cache = VersionedCache(shared, ttl_seconds=60, local=local)
    assert cache.read_through("page:mug", ["product:mug"], lambda: "old") == "old"
    assert cache.read_through("page:cup", ["product:cup"], lambda: "cup") == "cup"
    shared.down = True
    cache.invalidate(["product:mug"])  # the price changed; Redis did not hear it
    assert cache.read_through("page:mug", ["product:mug"], lambda: "new") == "new"  # the DB
    shared.down = False
    assert cache.read_through("page:mug", ["product:mug"], lambda: "new") == "new"
    assert cache.read_through("page:cup", ["product:cup"], lambda: "unused") == "cup"  # kept
