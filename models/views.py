"""Read models: immutable snapshots the services return and the cache stores.

They carry no ORM state, so they pickle small and can be shared between requests.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class CategoryNode:
    id: int
    parent_id: int | None
    slug: str
    name: str
    name_i18n: Mapping[str, str] = field(default_factory=dict)
    position: int = 0
    facet_keys: tuple[str, ...] = ()
    description: str = ""

    def label(self, locale: str) -> str:
        return self.name_i18n.get(locale) or self.name


@dataclass(frozen=True, slots=True)
class BrandView:
    id: int
    slug: str
    name: str


@dataclass(frozen=True, slots=True)
class FacetVariant:
    """What the facet engine needs of one variant: its option values, whether it can be
    bought now, and its price (and "was" price, for a card priced as the filters matched)."""

    options: Mapping[str, str]
    in_stock: bool
    price_minor: int
    compare_at_minor: int | None = None
    variant_id: int = 0  # 0: none (a product without variants)


@dataclass(frozen=True, slots=True)
class FacetRow:
    """What the facet engine needs of one product; one row per active product.

    `attributes` are the product's own, which every variant shares; stock and option values
    are per variant, so that "size 42, in stock" can ask for one variant that is both."""

    product_id: int
    category_id: int | None
    brand_id: int | None
    price_minor: int
    rating: float
    review_count: int
    created_ts: float
    featured: bool
    attributes: Mapping[str, tuple[str, ...]]
    variants: tuple[FacetVariant, ...]


@dataclass(frozen=True, slots=True)
class ProductCard:
    id: int
    slug: str
    title: str
    brand_name: str
    price_minor: int
    compare_at_minor: int | None
    currency: str
    rating: float
    review_count: int
    image_path: str | None
    in_stock: bool
    # Some of its variants cost more than price_minor (the lowest): shown "from €X".
    price_varies: bool = False
    # The variant a listing's filters matched, priced so: its link opens on it.
    variant_id: int | None = None


@dataclass(frozen=True, slots=True)
class VariantView:
    id: int
    sku: str
    title: str
    options: Mapping[str, str]
    price_minor: int
    compare_at_minor: int | None
    stock: int
    image_path: str | None


@dataclass(frozen=True, slots=True)
class ImageView:
    path: str
    alt: str
    option_value: str | None


@dataclass(frozen=True, slots=True)
class ProductDetail:
    id: int
    slug: str
    title: str
    description: str
    brand: BrandView | None
    category_id: int | None
    currency: str
    price_minor: int
    compare_at_minor: int | None
    stock: int
    rating: float
    review_count: int
    attributes: Mapping[str, tuple[str, ...]]
    variants: tuple[VariantView, ...]
    images: tuple[ImageView, ...]
    image_path: str | None
    created_at: datetime
    updated_at: datetime
