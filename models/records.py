"""Write models: a product as the catalog writer saves it, variants and images included.

A record names its category and brand by id; slugs are settled by the services that save it
(`services.catalog_writer`, `services.product_edits`), and the store takes the product row's
roll-ups from `services.product_records.rollup`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from models.catalog import ProductStatus


@dataclass(frozen=True, slots=True)
class VariantRecord:
    sku: str
    price_minor: int
    stock: int
    options: Mapping[str, str] = field(default_factory=dict)
    title: str = ""
    compare_at_minor: int | None = None
    image_path: str | None = None


@dataclass(frozen=True, slots=True)
class ImageRecord:
    path: str
    alt: str = ""
    option_value: str | None = None


@dataclass(frozen=True, slots=True)
class ProductRecord:
    external_id: str
    slug: str
    title: str
    description: str
    category_id: int | None
    brand_id: int | None
    currency: str
    variants: tuple[VariantRecord, ...]
    # Product-level attributes (material, style...); variant options are merged in by roll-up.
    attributes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    images: tuple[ImageRecord, ...] = ()
    status: ProductStatus = ProductStatus.ACTIVE
    featured: bool = False
    rating: float = 0.0
    review_count: int = 0
    created_at: datetime | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class ProductRollup:
    """Figures a product row carries for its variants, so listings read one row."""

    price_minor: int
    compare_at_minor: int | None
    stock: int
    attributes: Mapping[str, tuple[str, ...]]
    image_path: str | None
