"""Ports of the catalog and stock admin: the product list, and stock moved by hand."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal, Protocol

from models.events import ProductChanged
from models.views import CategoryNode

if TYPE_CHECKING:
    from storefront.services.admin.audit import AuditRecord

SortKey = Literal["title", "price", "stock", "newest", "updated"]


@dataclass(frozen=True, slots=True)
class ProductFilter:
    """Which products a list page shows; categories already expanded to their subtrees."""

    text: str = ""
    # The product whose id the text is, when it is a whole number: it matches too, and is
    # listed first (a merchandiser typing an id wants that product, not titles holding it).
    text_id: int | None = None
    status: str = ""
    category_ids: frozenset[int] | None = None
    brand_id: int | None = None
    low_stock_at: int | None = None  # only products with a variant at or below this
    product_id: int | None = None  # just this one


@dataclass(frozen=True, slots=True)
class ProductRow:
    id: int
    title: str
    slug: str
    status: str
    category_name: str
    category_name_i18n: Mapping[str, str]  # its translations, e.g. {"fr": "Cuisine"}
    brand_name: str
    min_price_minor: int
    max_price_minor: int
    currency: str
    stock: int
    variant_count: int
    image_path: str | None
    updated_at: datetime


class AdminCatalogStore(Protocol):
    """Reads behind the admin's product list."""

    def categories(self) -> list[CategoryNode]: ...

    def count_products(self, where: ProductFilter) -> int: ...

    def product_rows(
        self, where: ProductFilter, sort: SortKey, descending: bool, offset: int, limit: int
    ) -> list[ProductRow]:
        """One page of rows, ties broken by id so pages never overlap."""
        ...


@dataclass(frozen=True, slots=True)
class StockEntry:
    """Why stock moved, as the stock_adjustment row keeps it."""

    reason: str
    note: str
    actor_id: int | None
    at: datetime


@dataclass(frozen=True, slots=True)
class StockMove:
    sku: str
    variant_id: int
    product_id: int
    delta: int
    stock_after: int
    changed: tuple[ProductChanged, ...]  # already in the outbox; publish in this process


# "below_owed": a recount found fewer units than are held or ordered and not shipped.
StockProblem = Literal["unknown_sku", "below_zero", "above_max", "below_owed"]
# The audit entries of a stock move, written in its transaction.
StockAudit = Callable[[StockMove], "Sequence[AuditRecord]"]


@dataclass(frozen=True, slots=True)
class LowStockRow:
    product_id: int
    product_title: str
    variant_id: int
    sku: str
    options: Mapping[str, str]
    stock: int


@dataclass(frozen=True, slots=True)
class StockHistoryRow:
    id: int
    sku: str
    delta: int
    stock_after: int
    reason: str
    note: str
    actor_id: int | None
    actor_email: str  # "" when no actor or the account is gone
    at: datetime


class StockStore(Protocol):
    def adjust(
        self, sku: str, delta: int, entry: StockEntry, audit: StockAudit | None = None
    ) -> StockMove | StockProblem:
        """Move one variant's stock by `delta` unless it would go below zero (or, adding, past
        MAX_STOCK: "above_max"), recording the
        adjustment, the product roll-up, facet generations, the event and the audit entries
        `audit` makes of the move in one transaction."""
        ...

    def recount(
        self, sku: str, counted: int, entry: StockEntry, audit: StockAudit | None = None
    ) -> StockMove | StockProblem:
        """Set the stock for sale from the units `counted` on the shelf: less those held
        for checkouts and those ordered but not shipped ("below_owed" when that is below
        zero), recorded as `adjust` records a move."""
        ...

    def low_stock(self, threshold: int, limit: int) -> list[LowStockRow]:
        """Variants of products not archived with stock <= threshold, lowest first."""
        ...

    def history(
        self, *, sku: str | None, product_id: int | None, limit: int
    ) -> list[StockHistoryRow]:
        """Adjustments of one SKU or of a product, newest first, those of variants removed
        since included (with the SKU they had)."""
        ...
