"""The sitemap's reads of the catalog through the catalog cache, so that crawlers asking for
/sitemap.xml again and again do not read the product table each time. Every read depends on
the namespaces any product change or restructuring bumps (services/catalog_invalidation.py):
a product published, edited, archived or removed makes the next request read afresh.

Values stay in each process's memory (`local_only`): a file's products, read CHUNK at a time,
are big and cheap to rebuild, and kept out of the shared Redis as facet tables are. Keys
come from the sitemap's own walk (a file's start, each chunk's last id), never from a URL's
free text, so they stay as few as the catalog's chunks.

The policies' dates are not read here: the sitemap asks services.policies.Policies, whose
cached texts a policy's save or reset drops in every process (POLICIES_NAMESPACE)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from storefront.services.catalog import PRODUCTS, STRUCTURE
from storefront.services.ports import SitemapProduct, SitemapSource
from storefront.services.versioned_cache import VersionedCache

_DEPENDS_ON = [PRODUCTS, STRUCTURE]
T = TypeVar("T")


class CachedSitemapSource:
    """Implements services.ports.SitemapSource over another, through the cache."""

    def __init__(self, source: SitemapSource, cache: VersionedCache) -> None:
        self._source = source
        self._cache = cache

    def count_products(self) -> int:
        return self._read("sitemap:count", self._source.count_products)

    def products_after(self, after_id: int, limit: int) -> list[SitemapProduct]:
        return self._read(
            f"sitemap:after:{after_id}:{limit}",
            lambda: self._source.products_after(after_id, limit),
        )

    def product_id_before(self, position: int) -> int | None:
        return self._read(
            f"sitemap:before:{position}", lambda: self._source.product_id_before(position)
        )

    def category_updates(self) -> dict[int, datetime]:
        return self._read("sitemap:categories", self._source.category_updates)

    def _read(self, key: str, load: Callable[[], T]) -> T:
        return self._cache.read_through(key, _DEPENDS_ON, load, local_only=True)
