"""The ports services depend on. Adapters implement them; unit tests use in-memory fakes."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, Protocol

from models.events import Event
from models.records import ProductRecord
from models.views import (
    BrandView,
    CategoryNode,
    FacetRow,
    ProductCard,
    ProductDetail,
)

if TYPE_CHECKING:
    from storefront.services.admin.audit import AuditRecord

HomePick = Literal["featured", "newest", "best_rated"]


class CacheUnavailable(RuntimeError):
    """The cache backend cannot be reached; callers fall back to the source of truth."""


class Cache(Protocol):
    """A key-value cache of picklable values, and version numbers (`get_ints`, `init_int`,
    `incr_many`). Versions may be dropped (a shared cache expires them after days, a local
    one keeps a bounded number), so every page ever asked for cannot grow the cache for
    good; a version that is gone comes back as a number never used before."""

    def get_many(self, keys: Sequence[str]) -> list[Any | None]: ...

    def set(self, key: str, value: Any, ttl_seconds: int) -> None: ...

    def get_ints(self, keys: Sequence[str]) -> list[int | None]: ...

    def peek_ints(self, keys: Sequence[str]) -> list[int | None] | None:
        """`get_ints` when this process knows the answer without asking anyone (else None)."""
        ...

    def init_int(self, key: str, value: int) -> int:
        """Set `key` to `value` unless it exists; return the value it now holds."""
        ...

    def incr_many(self, keys: Sequence[str], start: int) -> None:
        """Add one to each key; a key that is gone is set to `start` instead (in one round
        trip where the cache is remote)."""
        ...

    def clear(self) -> None: ...


@dataclass(frozen=True, slots=True)
class FacetSnapshot:
    """A category's current facet generation and its stored facet table, if still valid."""

    generation: int
    data: bytes | None


class CatalogReader(Protocol):
    """Queries behind the shop's pages, each one short read. The only write is storing a
    derived facet table, which is optional and may fail quietly."""

    def categories(self) -> list[CategoryNode]: ...

    def categories_with_products(self) -> list[int]:
        """The categories an active product is in (not those above them)."""
        ...

    def brands(self) -> list[BrandView]: ...

    def facet_rows(self, category_ids: Collection[int] | None) -> list[FacetRow]:
        """Active products in these categories (all active products when None)."""
        ...

    def cards(self, product_ids: Sequence[int]) -> list[ProductCard]:
        """Cards of the active products among `product_ids`, in the order given."""
        ...

    def variant_pictures(self, variant_ids: Sequence[int]) -> dict[int, str]:
        """Each variant's own picture: its image, else its product's first one showing one
        of its option values (a colour's); variants with neither are left out."""
        ...

    def home_picks(self, pick: HomePick, limit: int) -> list[ProductCard]: ...

    def facet_snapshot(self, category_id: int) -> FacetSnapshot:
        """Read the generation first: a table built from rows read after it is never older."""
        ...

    def store_facet_snapshot(self, category_id: int, generation: int, data: bytes) -> None:
        """Keep a facet table (replacing one of the same generation: it may be of an older
        format), unless a newer generation is already stored."""
        ...

    def product_detail(self, slug: str) -> ProductDetail | None:
        """The active product with this slug, or None."""
        ...

    def product_id(self, slug: str) -> int | None:
        """The id of the product with this slug, on sale or not (a draft, archived), or
        None: nothing else of a product not on sale."""
        ...

    def skus_to_add(self, product_ids: Sequence[int]) -> dict[int, str]:
        """For each active product among `product_ids` that has variants: its one variant's
        SKU, or "" when it has several (options to choose). One statement for them all."""
        ...


@dataclass(frozen=True, slots=True)
class SitemapProduct:
    """An active product as the sitemap lists it."""

    id: int
    slug: str
    updated_at: datetime


class SitemapSource(Protocol):
    """What the sitemap reads of the catalog: active products only, by id, in pages."""

    def count_products(self) -> int: ...

    def products_after(self, after_id: int, limit: int) -> list[SitemapProduct]:
        """Up to `limit` active products with an id above `after_id`, by id."""
        ...

    def product_id_before(self, position: int) -> int | None:
        """The id of the active product just before `position` (0-based, by id), so that
        `products_after` starts a file there: 0 for the first position, None past the end."""
        ...

    def category_updates(self) -> dict[int, datetime]:
        """category id -> the latest update of an active product directly in it."""
        ...


@dataclass(frozen=True, slots=True)
class SkuOwner:
    """The product holding a SKU asked about, and that SKU as the shop writes it (the same
    letters, perhaps in other capitals)."""

    external_id: str
    sku: str


class CatalogStore(Protocol):
    """Writes to the catalog, inside a unit of work."""

    def lock_for_edit(self, product_ids: Collection[int]) -> None:
        """Hold these products' rows until the unit of work ends, so that stock taken by a
        checkout meanwhile is not written back over by the edit."""
        ...

    def categories(self) -> list[CategoryNode]: ...

    def held_skus(self, skus: Collection[str]) -> set[str]:
        """Those of the SKUs a checkout holds stock of (a reservation neither committed nor
        released yet: its payment may still go through)."""
        ...

    def add_category(
        self,
        *,
        slug: str,
        name: str,
        parent_id: int | None,
        position: int,
        name_i18n: dict[str, str],
        facet_keys: list[str],
        description: str,
    ) -> int: ...

    def update_category(
        self, category_id: int, *, name: str, name_i18n: dict[str, str], description: str
    ) -> None:
        """Rename, translate or describe a category (services/admin/categories.py)."""
        ...

    def delete_category(self, category_id: int) -> bool:
        """Delete the category (and its stored facet table) if no product and no category
        is in it, in one conditional statement; False, nothing deleted, if one is."""
        ...

    def category_product_counts(self) -> dict[int, int]:
        """How many products (whatever their status) each category holds itself, by id;
        categories without any are left out."""
        ...

    def brands(self) -> list[BrandView]: ...

    def add_brand(self, *, slug: str, name: str) -> int: ...

    def bump_facet_generations(self, category_ids: Collection[int] | None) -> None:
        """Mark stored facet tables of these categories (all when None) as outdated."""
        ...

    def product_keys(self) -> dict[str, tuple[int, str, int | None]]:
        """external_id -> (product id, slug, category id) of every product."""
        ...

    def product_record(self, product_id: int) -> ProductRecord | None: ...

    def product_records(self, product_ids: Collection[int]) -> dict[int, ProductRecord]:
        """Those of these products that exist, by id."""
        ...

    def save_products(self, records: Sequence[ProductRecord]) -> list[int]:
        """Insert records without id, replace those with one (variants and images included).
        A variant whose SKU the product has already keeps its stock as it stands: stock
        moves by sales, holds and adjustments, and a save (a form, an import of a file
        exported before some sales) must not undo them. New variants take theirs. A SKU
        another product holds, the same or in other capitals (taken by a save since the
        caller's check), raises SkuTaken with nothing of this call written and the
        transaction still usable."""
        ...

    def sku_owners(self, skus: Collection[str]) -> dict[str, SkuOwner]:
        """For each of `skus` the shop holds, the same or in other capitals (sku_key), the
        product holding it (one at most: the database holds SKUs unique so)."""
        ...

    def iter_product_records(self, batch_size: int = 500) -> Iterator[ProductRecord]:
        """Every product (all statuses) by id, read `batch_size` at a time."""
        ...


class UnitOfWork(Protocol):
    """One transaction. Events raised inside are handed out after a successful commit.

    A `with uow:` inside another joins it, and its commit waits for the outer one: a caller
    can wrap a use case and add to its transaction (the admin's audit entries)."""

    @property
    def catalog(self) -> CatalogStore: ...

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(self, *exc_info: object) -> None:
        """Roll back whatever was not committed."""
        ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

    def add_event(self, event: Event) -> None: ...

    def add_audit(self, entries: Sequence[AuditRecord]) -> None:
        """Audit entries, written in the same transaction as the change they describe."""
        ...

    def collect_events(self) -> Iterator[Event]: ...


class MediaStore(Protocol):
    """Files served to browsers under /media (product images)."""

    def write_text(self, relative_path: str, text: str) -> str:
        """Write a file and return the public path of it, e.g. '/media/products/x.svg'."""
        ...

    def write_bytes(self, relative_path: str, data: bytes) -> str:
        """Write a binary file (an uploaded image) and return its public path."""
        ...

    def exists(self, relative_path: str) -> bool: ...
