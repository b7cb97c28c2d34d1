"""Tables and value types. Importing this package registers every table on SQLModel.metadata."""

from models.accounts import (
    Account,
    AccountSession,
    OutboxMail,
    PasswordReset,
    SavedAddress,
    SignInAttempt,
    WishlistItem,
)
from models.admin import AuditEntry, RecommendationEvent, Role, StockAdjustment
from models.carts import Cart, CartLine
from models.catalog import (
    Brand,
    Category,
    CategoryFacets,
    Product,
    ProductImage,
    ProductStatus,
    Variant,
)
from models.inventory import ReservationStatus, StockReservation
from models.messaging import OutboxMessage, ProcessedMessage
from models.orders import (
    DiscountCode,
    OrderLine,
    OrderRefund,
    OrderStatus,
    PaymentEvent,
    SalesOrder,
)
from models.sales import ProductSalesDay
from models.search import ProductEmbedding, SearchLog, ShopperActivity

__all__ = [
    "Account",
    "AuditEntry",
    "AccountSession",
    "Brand",
    "Cart",
    "CartLine",
    "Category",
    "CategoryFacets",
    "DiscountCode",
    "OrderLine",
    "OrderRefund",
    "OrderStatus",
    "OutboxMail",
    "OutboxMessage",
    "PasswordReset",
    "PaymentEvent",
    "RecommendationEvent",
    "Role",
    "StockAdjustment",
    "ProcessedMessage",
    "Product",
    "ProductEmbedding",
    "ProductImage",
    "ProductSalesDay",
    "ProductStatus",
    "ReservationStatus",
    "SalesOrder",
    "SavedAddress",
    "SearchLog",
    "ShopperActivity",
    "SignInAttempt",
    "StockReservation",
    "Variant",
    "WishlistItem",
]
