"""Editing products already in the catalog: one (the admin's product form, an image added, a
price changed) or a selection (the admin's bulk actions). An edit is a function of the
product's record; each call runs in one transaction and announces the products it changed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from models.events import ProductChanged
from models.records import ProductRecord
from storefront.services.errors import NotFound
from storefront.services.ports import UnitOfWork
from storefront.services.product_records import bump_facets, ids_of, validate_record


def edit_product(
    uow: UnitOfWork, product_id: int, edit: Callable[[ProductRecord], ProductRecord]
) -> ProductRecord:
    """Apply `edit` to one product in a transaction; raise NotFound or InvalidProduct."""
    [(_before, after)] = edit_products(uow, [product_id], edit, skip_unchanged=False)
    return after


def edit_products(
    uow: UnitOfWork,
    product_ids: Sequence[int],
    edit: Callable[[ProductRecord], ProductRecord],
    *,
    skip_unchanged: bool = True,
) -> list[tuple[ProductRecord, ProductRecord]]:
    """Apply `edit` to each product in one transaction; return (before, after) of those
    saved. Raise NotFound or InvalidProduct (nothing written) when any product fails."""
    with uow:
        pairs: list[tuple[ProductRecord, ProductRecord]] = []
        uow.catalog.lock_for_edit(product_ids)
        for product_id in dict.fromkeys(product_ids):
            before = uow.catalog.product_record(product_id)
            if before is None:
                raise NotFound(f"no product with id {product_id}")
            after = validate_record(replace(edit(before), id=before.id))
            if after != before or not skip_unchanged:
                pairs.append((before, after))
        saved_ids = uow.catalog.save_products([after for _, after in pairs]) if pairs else []
        # One event per product even in bulk (unlike save_drafts): open product pages are
        # pushed the change, and an admin bulk action is capped well below an import.
        changes = [
            ProductChanged(
                product_id,
                tuple(dict.fromkeys((before.slug, after.slug))),
                tuple(dict.fromkeys((*ids_of(before.category_id), *ids_of(after.category_id)))),
            )
            for product_id, (before, after) in zip(saved_ids, pairs, strict=True)
        ]
        bump_facets(uow, changes)
        for change in changes:
            uow.add_event(change)
        uow.commit()
    return pairs


def set_variant_price(uow: UnitOfWork, product_id: int, sku: str, price_minor: int) -> None:
    """Change one variant's price."""

    def edit(record: ProductRecord) -> ProductRecord:
        if sku not in {v.sku for v in record.variants}:
            raise NotFound(f"product {product_id} has no variant {sku!r}")
        variants = tuple(
            replace(v, price_minor=price_minor) if v.sku == sku else v for v in record.variants
        )
        return replace(record, variants=variants)

    edit_product(uow, product_id, edit)
