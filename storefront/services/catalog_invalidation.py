"""Which cached pages a catalog change makes stale."""

from __future__ import annotations

from models.events import CatalogRestructured, Event, ProductChanged
from storefront.services.catalog import (
    PRODUCTS,
    STRUCTURE,
    CatalogService,
    category_namespace,
    product_namespace,
)


def stale_namespaces(
    event: ProductChanged | CatalogRestructured, catalog: CatalogService
) -> set[str]:
    """The namespaces to bump: a product's pages, its categories up to the root, the home."""
    if isinstance(event, CatalogRestructured):
        return {STRUCTURE}
    tree = catalog.tree()
    namespaces = {PRODUCTS, *(product_namespace(slug) for slug in event.slugs)}
    for category_id in event.category_ids:
        namespaces.update(category_namespace(cid) for cid in tree.chain_ids(category_id))
    return namespaces


def invalidate_catalog(event: Event, catalog: CatalogService) -> None:
    """Handler: bump every namespace the event makes stale."""
    if isinstance(event, ProductChanged | CatalogRestructured):
        catalog.cache.invalidate(stale_namespaces(event, catalog))
