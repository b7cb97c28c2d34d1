"""How a list of products can be bought from it, read in one statement for the whole list:
the wishlist showed each product's Add to cart by loading its whole page (some three
statements a product, six hundred for a full list), only to count its variants."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine, func, select

from models.catalog import ProductStatus
from storefront.adapters.sql_tables import PRODUCT, VARIANT

_P, _V = PRODUCT.c, VARIANT.c


def skus_to_add(engine: Engine, product_ids: Sequence[int]) -> dict[int, str]:
    """services.ports.CatalogReader.skus_to_add: one row per active product with variants,
    its variants counted and one SKU of theirs (the only one when they are one)."""
    if not product_ids:
        return {}
    stmt = (
        select(_V.product_id, func.count(_V.id), func.min(_V.sku))
        .join_from(VARIANT, PRODUCT, _V.product_id == _P.id)
        .where(_P.status == ProductStatus.ACTIVE.value, _P.id.in_(sorted(set(product_ids))))
        .group_by(_V.product_id)
    )
    with engine.connect() as connection:
        rows = connection.execute(stmt).all()
    return {int(pid): str(sku) if count == 1 else "" for pid, count, sku in rows}
