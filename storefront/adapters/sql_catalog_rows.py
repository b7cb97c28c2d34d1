"""The rows a product record writes: the product's, its variants' and its images' column
values, as SqlCatalogStore inserts and updates them in bulk."""

from __future__ import annotations

from typing import Any

from models.records import ImageRecord, ProductRecord, VariantRecord
from storefront.services.product_records import rollup


def prefixed(values: dict[str, Any]) -> dict[str, Any]:
    """Bind names apart from column names, as executemany UPDATE ... WHERE needs."""
    return {f"b_{key}": value for key, value in values.items()}


def product_values(record: ProductRecord, now: Any) -> dict[str, Any]:
    figures = rollup(record)
    return {
        "slug": record.slug,
        "external_id": record.external_id,
        "title": record.title,
        "description": record.description,
        "brand_id": record.brand_id,
        "category_id": record.category_id,
        "status": record.status.value,
        "featured": record.featured,
        "currency": record.currency,
        "price_minor": figures.price_minor,
        "compare_at_minor": figures.compare_at_minor,
        "stock": figures.stock,
        # The record carries the imported figures; the shown ones add the published reviews
        # (set right after, by combine_ratings: a new product has none yet).
        "imported_rating": record.rating,
        "imported_review_count": record.review_count,
        "rating": record.rating,
        "review_count": record.review_count,
        "attributes": {k: list(v) for k, v in record.attributes.items()},
        "facet_values": {k: list(v) for k, v in figures.attributes.items()},
        "image_path": figures.image_path,
        "updated_at": now,
    }


def variant_values(product_id: int, position: int, variant: VariantRecord) -> dict[str, Any]:
    return {
        "product_id": product_id,
        "sku": variant.sku,
        "title": variant.title,
        "options": dict(variant.options),
        "price_minor": variant.price_minor,
        "compare_at_minor": variant.compare_at_minor,
        "stock": variant.stock,
        "position": position,
        "image_path": variant.image_path,
    }


def image_values(product_id: int, position: int, image: ImageRecord) -> dict[str, Any]:
    return {
        "product_id": product_id,
        "path": image.path,
        "alt": image.alt,
        "position": position,
        "option_value": image.option_value,
    }
