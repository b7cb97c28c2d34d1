"""Shopping carts, held on the server so they survive reloads, restarts and new workers.

A guest cart is found by the hash of its cookie token; signing in attaches it to the account
(merging into the account's cart if there is one). Lines name the variant by SKU, so a line
whose variant was removed from the catalog says so instead of vanishing; each also keeps its
variant's product and options as last written, so such a line is still named by them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.types import UtcDateTime, utc_now


class Cart(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    token_hash: str | None = Field(default=None, max_length=64, unique=True)
    account_id: int | None = Field(
        default=None, foreign_key="account.id", unique=True, ondelete="CASCADE"
    )
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime())
    # The discount code applied at checkout, kept until an order is paid with it.
    discount_code: str | None = Field(default=None, max_length=40)


class CartLine(SQLModel, table=True):
    __tablename__ = "cart_line"
    __table_args__ = (
        UniqueConstraint("cart_id", "sku", name="uq_cart_line_sku"),
        CheckConstraint("quantity > 0", name="ck_cart_line_quantity"),
    )

    id: int | None = Field(default=None, primary_key=True)
    cart_id: int = Field(foreign_key="cart.id", index=True, ondelete="CASCADE")
    sku: str = Field(max_length=120)
    quantity: int
    # The unit price the shopper saw when adding, to tell them when it has changed since.
    price_seen_minor: int
    added_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime())
    # The variant's product and options ("M · White") when the line was last written: once
    # the merchant removes the variant, the line is still named by them (the SKU alone told
    # the shopper nothing, QA). SET NULL: a cart line must never stop a product's deletion.
    product_id: int | None = Field(default=None, foreign_key="product.id", ondelete="SET NULL")
    options: str = Field(default="", max_length=300, sa_column_kwargs={"server_default": ""})
