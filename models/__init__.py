"""Tables and value types. Importing this package registers every table on SQLModel.metadata."""

from models.catalog import (
    Brand,
    Category,
    CategoryFacets,
    Product,
    ProductImage,
    ProductStatus,
    Variant,
)

__all__ = [
    "Brand",
    "Category",
    "CategoryFacets",
    "Product",
    "ProductImage",
    "ProductStatus",
    "Variant",
]
