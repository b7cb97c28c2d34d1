"""Orders as far as the catalog needs them: what was bought together, and when.

Checkout (cart, payment, fulfilment) extends these tables; recommendations read only paid
orders' lines.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, String
from sqlmodel import Field, SQLModel

from models.types import UtcDateTime, utc_now


class OrderStatus(StrEnum):
    PENDING = "pending"
    PAID = "paid"
    FULFILLED = "fulfilled"
    CANCELED = "canceled"
    REFUNDED = "refunded"


# Orders whose lines count as "bought together".
PURCHASED = (OrderStatus.PAID, OrderStatus.FULFILLED)


class SalesOrder(SQLModel, table=True):
    __tablename__ = "sales_order"

    id: int | None = Field(default=None, primary_key=True)
    status: OrderStatus = Field(default=OrderStatus.PENDING, sa_type=String(24), index=True)
    currency: str = Field(default="EUR", max_length=3)
    total_minor: int = 0
    # "shop" for real checkouts, "demo" for the demo catalog's generated history.
    source: str = Field(default="shop", max_length=16)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime(), index=True)


class OrderLine(SQLModel, table=True):
    __tablename__ = "order_line"
    __table_args__ = (CheckConstraint("quantity > 0", name="ck_order_line_quantity"),)

    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="sales_order.id", index=True)
    product_id: int = Field(foreign_key="product.id", index=True)
    # Variants are replaced when a product is edited; the line keeps its product and price.
    variant_id: int | None = Field(default=None, foreign_key="variant.id", ondelete="SET NULL")
    quantity: int = 1
    unit_price_minor: int = 0
