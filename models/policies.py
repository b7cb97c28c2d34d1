"""The shop's policies (terms of sale, refunds, shipping, privacy, legal notice) as the
merchant wrote them, one row per kind and language. A kind and language without a row shows
the default text shipped with the code (storefront/services/policy_defaults.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Text
from sqlmodel import Field, SQLModel

from models.types import UtcDateTime, utc_now


class StorePolicy(SQLModel, table=True):
    __tablename__ = "store_policy"

    kind: str = Field(primary_key=True, max_length=16)  # services.policies.KINDS
    locale: str = Field(primary_key=True, max_length=8)  # storefront.i18n.LOCALES
    # Plain text: paragraphs split by blank lines, "- " items; never rendered as HTML.
    body: str = Field(sa_type=Text)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime())
