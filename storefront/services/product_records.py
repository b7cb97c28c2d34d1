"""The rules every save of a product record follows, whether an import's or an edit's: what
a record must hold to be sold, what its product row carries for its variants, and which
stored facet tables a save outdates."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from models.events import ProductChanged
from models.records import ProductRecord, ProductRollup
from storefront.services.catalog_limits import sku_key
from storefront.services.category_tree import CategoryTree
from storefront.services.errors import InvalidProduct
from storefront.services.ports import UnitOfWork


def rollup(record: ProductRecord) -> ProductRollup:
    """What the product row carries for its variants: lowest price, total stock, all values."""
    cheapest = min(record.variants, key=lambda v: (v.price_minor, v.sku))
    attributes: dict[str, list[str]] = {k: list(v) for k, v in record.attributes.items()}
    for variant in record.variants:
        for name, value in variant.options.items():
            values = attributes.setdefault(name, [])
            if value not in values:
                values.append(value)
    image = record.images[0].path if record.images else cheapest.image_path
    return ProductRollup(
        price_minor=cheapest.price_minor,
        compare_at_minor=cheapest.compare_at_minor,
        stock=sum(v.stock for v in record.variants),
        attributes={k: tuple(v) for k, v in attributes.items()},
        image_path=image,
    )


def variant_title(option_values: Mapping[str, str]) -> str:
    """'Navy / M': shops name a variant by its option values. Imports, the demo catalog and
    the admin's product form all name variants so."""
    return " / ".join(option_values.values())[:300]


def validate_record(record: ProductRecord) -> ProductRecord:
    """Refuse a product no shopper could buy correctly."""
    if not record.title.strip():
        raise InvalidProduct(f"product {record.external_id!r} has no title")
    if not record.variants:
        raise InvalidProduct(f"product {record.external_id!r} has no variant")
    # Whatever their capitals, as the database holds SKUs unique (migration 0056).
    skus = [sku_key(v.sku) for v in record.variants]
    if len(set(skus)) != len(skus):
        raise InvalidProduct(f"product {record.external_id!r} repeats a SKU")
    for variant in record.variants:
        if variant.price_minor < 0 or variant.stock < 0:
            raise InvalidProduct(f"variant {variant.sku!r} has a negative price or stock")
        if variant.compare_at_minor is not None and variant.compare_at_minor < 0:
            raise InvalidProduct(f"variant {variant.sku!r} has a negative compare-at price")
    return record


def bump_facets(uow: UnitOfWork, changes: Sequence[ProductChanged]) -> None:
    """Outdate the stored facet tables of the changed products' categories and ancestors."""
    if not changes:
        return
    tree = CategoryTree(uow.catalog.categories())
    chain = {cid for change in changes for c in change.category_ids for cid in tree.chain_ids(c)}
    uow.catalog.bump_facet_generations(chain)


def ids_of(category_id: int | None) -> tuple[int, ...]:
    """A category id as a ProductChanged names its categories: none, or that one."""
    return () if category_id is None else (category_id,)
