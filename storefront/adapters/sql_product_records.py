"""Product records read back in SQL (storefront/adapters/sql_catalog.py): a batch of product
rows with their variants and images, as the catalog's writes and exports take them."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import RowMapping, select
from sqlalchemy.orm import Session

from models.catalog import ProductStatus
from models.records import ImageRecord, ProductRecord, VariantRecord
from storefront.adapters.sql_tables import IMAGE, VARIANT

_V, _I = VARIANT.c, IMAGE.c


def product_records_of(session: Session, rows: Sequence[RowMapping]) -> list[ProductRecord]:
    """Product rows with their variants and images: two more queries for the whole batch."""
    ids = [row["id"] for row in rows]
    variants: dict[int, list[VariantRecord]] = {pid: [] for pid in ids}
    for v in session.execute(
        select(VARIANT).where(_V.product_id.in_(ids)).order_by(_V.product_id, _V.position, _V.id)
    ).mappings():
        variants[v["product_id"]].append(
            VariantRecord(
                sku=v["sku"],
                price_minor=v["price_minor"],
                stock=v["stock"],
                options=dict(v["options"] or {}),
                title=v["title"],
                compare_at_minor=v["compare_at_minor"],
                image_path=v["image_path"],
            )
        )
    images: dict[int, list[ImageRecord]] = {pid: [] for pid in ids}
    for i in session.execute(
        select(_I.product_id, _I.path, _I.alt, _I.option_value)
        .where(_I.product_id.in_(ids))
        .order_by(_I.product_id, _I.position, _I.id)
    ):
        images[i[0]].append(ImageRecord(path=i[1], alt=i[2], option_value=i[3]))
    return [
        ProductRecord(
            id=row["id"],
            external_id=row["external_id"],
            slug=row["slug"],
            title=row["title"],
            description=row["description"],
            category_id=row["category_id"],
            brand_id=row["brand_id"],
            currency=row["currency"],
            variants=tuple(variants[row["id"]]),
            attributes={k: tuple(v) for k, v in (row["attributes"] or {}).items()},
            images=tuple(images[row["id"]]),
            status=ProductStatus(row["status"]),
            featured=row["featured"],
            # The imported figures (the form, import and export's), not the shown ones.
            rating=row["imported_rating"],
            review_count=row["imported_review_count"],
            created_at=row["created_at"],
        )
        for row in rows
    ]
