"""Catalog tables: a category tree, brands, products and their variants and images.

Money is stored as integer minor units with the ISO currency beside it. A product carries
roll-ups of its variants (lowest price, total stock, attribute values) so that listing and
faceting read one row per product; `services.product_records.rollup` keeps them in step.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Column, Index, LargeBinary, String, Text, text
from sqlmodel import Field, SQLModel

from models.types import JsonType, OrderedJsonType, UtcDateTime, sql_sku_key, utc_now

# Product slugs appear in URLs; `services.slugs` refuses longer ones before any lookup.
PRODUCT_SLUG_MAX_LENGTH = 200


class ProductStatus(StrEnum):
    ACTIVE = "active"
    DRAFT = "draft"
    ARCHIVED = "archived"


class Category(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    parent_id: int | None = Field(default=None, foreign_key="category.id", index=True)
    slug: str = Field(max_length=160, unique=True)
    name: str = Field(max_length=160)
    # Translations of the name keyed by locale, e.g. {"fr": "Cuisine"}.
    name_i18n: dict[str, str] = Field(default_factory=dict, sa_type=JsonType)
    description: str = Field(default="", sa_type=Text)
    position: int = 0
    # Attribute keys offered as facets on this category's listing, in display order.
    facet_keys: list[str] = Field(default_factory=list, sa_type=JsonType)
    # Bumped with every change to a product in this category or below it; a stored facet
    # table is valid only for the generation it was built at.
    facet_generation: int = 0


class Brand(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=160, unique=True)
    name: str = Field(max_length=160, unique=True)


class Product(SQLModel, table=True):
    __table_args__ = (
        Index("ix_product_category_status", "category_id", "status"),
        # The admin list's sorts by title and by price (migration 0025).
        Index("ix_product_title_lower", text("lower(title)"), "id"),
        Index("ix_product_price_id", "price_minor", "id"),
        # The sitemap's latest update per category, one index descent each (migration 0025).
        Index("ix_product_category_updated", "category_id", "status", "updated_at"),
        CheckConstraint("price_minor >= 0", name="ck_product_price_nonneg"),
        CheckConstraint("stock >= 0", name="ck_product_stock_nonneg"),
    )

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=PRODUCT_SLUG_MAX_LENGTH, unique=True)
    # The merchant's own identifier (CSV product_id or Shopify handle): the import key.
    external_id: str = Field(max_length=255, unique=True)
    title: str = Field(max_length=500)
    description: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    brand_id: int | None = Field(default=None, foreign_key="brand.id", index=True)
    category_id: int | None = Field(default=None, foreign_key="category.id")
    # Stored as plain text (not a DB enum) so adding a status needs no type migration.
    status: ProductStatus = Field(default=ProductStatus.ACTIVE, sa_type=String(16), index=True)
    featured: bool = False
    currency: str = Field(default="EUR", max_length=3)
    price_minor: int = 0
    compare_at_minor: int | None = None
    stock: int = 0
    # Shown everywhere (cards, search, the rating filter, popularity, the product page): the
    # imported figures and the published reviews together, rewritten with every review that
    # is published, hidden, edited or deleted (storefront/adapters/sql_product_rating.py).
    rating: float = 0.0
    review_count: int = 0
    # The figures the merchant imported or typed (or the demo seeded): what the product form,
    # CSV import and export read and write.
    imported_rating: float = Field(default=0.0, sa_column_kwargs={"server_default": "0"})
    imported_review_count: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    # The product's own attributes, as the merchant gave them: {"material": ["Oak"]}.
    attributes: dict[str, list[str]] = Field(default_factory=dict, sa_type=OrderedJsonType)
    # Roll-up for facets and search: own attributes plus every variant option value.
    facet_values: dict[str, list[str]] = Field(default_factory=dict, sa_type=JsonType)
    image_path: str | None = Field(default=None, max_length=500)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime(), index=True)
    # Indexed: search follows catalog changes by polling for recently updated products.
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime(), index=True)


class Variant(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint("price_minor >= 0", name="ck_variant_price_nonneg"),
        CheckConstraint("stock >= 0", name="ck_variant_stock_nonneg"),
        # A SKU looked up whatever its capitals, "ab-1" being "AB-1" (migration 0048), and
        # unique so (0056): two saves at once could each pass the shop's check.
        Index("ix_variant_sku_lower", sql_sku_key(text("sku")), unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(foreign_key="product.id", index=True)
    sku: str = Field(max_length=120, unique=True)
    title: str = Field(default="", max_length=300)
    # Option values of this variant, e.g. {"size": "M", "colour": "Navy"}.
    options: dict[str, str] = Field(default_factory=dict, sa_type=OrderedJsonType)
    price_minor: int
    compare_at_minor: int | None = None
    stock: int = 0
    position: int = 0
    image_path: str | None = Field(default=None, max_length=500)


class ProductImage(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(foreign_key="product.id", index=True)
    path: str = Field(max_length=500)
    alt: str = Field(default="", max_length=300)
    position: int = 0
    # The option value this image shows (e.g. a colour), so picking a variant can switch it.
    option_value: str | None = Field(default=None, max_length=120)


class CategoryFacets(SQLModel, table=True):
    """Derived: a category's products as a columnar facet table (services.facet_table),
    stored so that a cold cache costs one read. Rebuilt on demand; safe to delete."""

    __tablename__ = "category_facets"

    category_id: int = Field(foreign_key="category.id", primary_key=True)
    generation: int
    data: bytes = Field(sa_type=LargeBinary)
    built_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime())
