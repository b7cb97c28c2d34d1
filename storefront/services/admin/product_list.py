"""The admin's product list: search, filters, sorting and server-side pages.

The form, bulk actions, stock and images live beside this module: product_form, product_writes,
bulk, stock, images.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import get_args

from models.catalog import ProductStatus
from storefront.services.admin.catalog_ports import (
    AdminCatalogStore,
    ProductFilter,
    ProductRow,
    SortKey,
)
from storefront.services.category_tree import CategoryTree
from storefront.services.paging import page_count

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
MAX_TEXT = 200
MAX_ID_DIGITS = 18  # within a 64-bit id, so the database compares it and never overflows
SORT_KEYS: tuple[SortKey, ...] = get_args(SortKey)
STATUSES = tuple(status.value for status in ProductStatus)


@dataclass(frozen=True, slots=True)
class ProductQuery:
    text: str = ""  # title, any variant's SKU or the external id, case-insensitive, or the id
    status: str = ""  # "" for all, else a ProductStatus value
    category_id: int | None = None  # this category and every one below it
    brand_id: int | None = None
    low_stock: int | None = None  # only products with a variant at or below this stock
    sort: SortKey = "updated"
    descending: bool = True
    page: int = 1
    page_size: int = PAGE_SIZE


@dataclass(frozen=True, slots=True)
class ProductPage:
    rows: tuple[ProductRow, ...]
    total: int
    page: int  # the page shown: the one asked for, clamped to 1..pages
    pages: int  # at least 1, even when nothing matches
    query: ProductQuery


def list_products(store: AdminCatalogStore, query: ProductQuery) -> ProductPage:
    """One page of products matching the query (COUNT, then LIMIT/OFFSET)."""
    query = normalised(query)
    where = ProductFilter(
        text=query.text,
        text_id=_as_id(query.text),
        status=query.status,
        category_ids=(
            CategoryTree(store.categories()).subtree_ids(query.category_id)
            if query.category_id is not None
            else None
        ),
        brand_id=query.brand_id,
        low_stock_at=query.low_stock,
    )
    total = store.count_products(where)
    pages = page_count(total, query.page_size)
    page = min(query.page, pages)
    rows = (
        store.product_rows(
            where, query.sort, query.descending, (page - 1) * query.page_size, query.page_size
        )
        if total
        else []
    )
    return ProductPage(tuple(rows), total, page, pages, replace(query, page=page))


def _as_id(text: str) -> int | None:
    """The id `text` is, if it is one: ASCII digits within a product id column's range."""
    if not (text.isascii() and text.isdigit()) or len(text) > MAX_ID_DIGITS:
        return None
    return int(text) or None


def normalised(query: ProductQuery) -> ProductQuery:
    """The query with values from a URL or a form made safe: unknown ones fall back to the
    defaults rather than failing, since a stale bookmark should still open the list."""
    return replace(
        query,
        text=query.text.strip()[:MAX_TEXT],
        status=query.status if query.status in STATUSES else "",
        low_stock=max(0, query.low_stock) if query.low_stock is not None else None,
        sort=query.sort if query.sort in SORT_KEYS else "updated",
        page=max(1, query.page),
        page_size=min(max(1, query.page_size), MAX_PAGE_SIZE),
    )
