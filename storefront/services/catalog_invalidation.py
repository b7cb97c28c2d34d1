"""Which cached pages a catalog change makes stale."""

from __future__ import annotations

from collections.abc import Sequence

from models.events import CatalogRestructured, Event, ProductChanged
from storefront.services.catalog import (
    PRODUCTS,
    STRUCTURE,
    CatalogService,
    category_namespace,
    product_namespace,
)
from storefront.services.category_tree import CategoryTree


def _product_namespaces(event: ProductChanged, tree: CategoryTree) -> set[str]:
    """A product's pages, its categories up to the root, the home."""
    namespaces = {PRODUCTS, *(product_namespace(slug) for slug in event.slugs)}
    for category_id in event.category_ids:
        namespaces.update(category_namespace(cid) for cid in tree.chain_ids(category_id))
    return namespaces


def invalidate_catalog(event: Event, catalog: CatalogService) -> None:
    """Handler: bump every namespace the event makes stale."""
    invalidate_catalog_for([event], catalog)


def invalidate_catalog_for(events: Sequence[Event], catalog: CatalogService) -> None:
    """Handler for a batch: each stale namespace is bumped once, however many events
    name it."""
    namespaces: set[str] = set()
    tree: CategoryTree | None = None
    for event in events:
        if isinstance(event, CatalogRestructured):
            namespaces.add(STRUCTURE)
        elif isinstance(event, ProductChanged):
            if tree is None:
                tree = catalog.tree()
            namespaces |= _product_namespaces(event, tree)
    if namespaces:
        catalog.cache.invalidate(namespaces)
