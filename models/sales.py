"""What the sales-stats handler derives from paid orders (analytics, best sellers)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger
from sqlmodel import Field, SQLModel


class ProductSalesDay(SQLModel, table=True):
    """Units and line revenue (before order-level discounts, shipping excluded) per product
    and day, counted once per paid order by the sales-stats consumer group."""

    __tablename__ = "product_sales_day"

    product_id: int = Field(primary_key=True)
    day: date = Field(primary_key=True)
    currency: str = Field(default="EUR", max_length=3, primary_key=True)
    orders: int = 0
    units: int = 0
    revenue_minor: int = Field(default=0, sa_type=BigInteger)
