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
from models.orders import OrderLine, OrderStatus, SalesOrder
from models.search import ProductEmbedding, SearchLog, ShopperActivity

__all__ = [
    "Brand",
    "Category",
    "CategoryFacets",
    "OrderLine",
    "OrderStatus",
    "Product",
    "ProductEmbedding",
    "ProductImage",
    "ProductStatus",
    "SalesOrder",
    "SearchLog",
    "ShopperActivity",
    "Variant",
]
