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
from models.admin import (
    AuditEntry,
    CatalogImport,
    RecommendationEvent,
    Role,
    StockAdjustment,
)
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
    CreditNote,
    CreditNoteCounter,
    DiscountCode,
    InvoiceCounter,
    OrderLine,
    OrderRefund,
    OrderStatus,
    PaymentEvent,
    SalesOrder,
)
from models.policies import StorePolicy
from models.restock import RestockAlert
from models.reviews import ProductReview, ReviewStatus
from models.sales import ProductSalesDay
from models.search import ProductEmbedding, SearchLog, ShopperActivity
from models.withdrawals import WithdrawalStatement

__all__ = [
    "Account",
    "AccountSession",
    "AuditEntry",
    "Brand",
    "Cart",
    "CartLine",
    "CatalogImport",
    "Category",
    "CategoryFacets",
    "CreditNote",
    "CreditNoteCounter",
    "DiscountCode",
    "InvoiceCounter",
    "OrderLine",
    "OrderRefund",
    "OrderStatus",
    "OutboxMail",
    "OutboxMessage",
    "PasswordReset",
    "PaymentEvent",
    "ProcessedMessage",
    "Product",
    "ProductEmbedding",
    "ProductImage",
    "ProductReview",
    "ProductSalesDay",
    "ProductStatus",
    "RecommendationEvent",
    "ReservationStatus",
    "RestockAlert",
    "ReviewStatus",
    "Role",
    "SalesOrder",
    "SavedAddress",
    "SearchLog",
    "ShopperActivity",
    "SignInAttempt",
    "StockAdjustment",
    "StockReservation",
    "StorePolicy",
    "Variant",
    "WishlistItem",
    "WithdrawalStatement",
]
