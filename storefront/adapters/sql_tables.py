"""The catalog's SQL tables and what its read side, its write side and the search index share:
the dialect's upsert, categories and brands as views, facet values decoded."""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy import Engine, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlalchemy.sql.schema import Table
from sqlmodel import SQLModel

from models.catalog import Brand, Category, CategoryFacets, Product, ProductImage, Variant
from models.views import BrandView, CategoryNode

PRODUCT = SQLModel.metadata.tables[str(Product.__tablename__)]
VARIANT = SQLModel.metadata.tables[str(Variant.__tablename__)]
IMAGE = SQLModel.metadata.tables[str(ProductImage.__tablename__)]
BRAND = SQLModel.metadata.tables[str(Brand.__tablename__)]
CATEGORY = SQLModel.metadata.tables[str(Category.__tablename__)]
FACETS = SQLModel.metadata.tables[str(CategoryFacets.__tablename__)]
# Keeps IN (...) lists within SQLite's limit on bound parameters.
IN_CHUNK = 500


def upsert_into(engine: Engine, table: Table) -> Any:
    """INSERT ... ON CONFLICT for this engine's dialect (SQLite and PostgreSQL share the API)."""
    insert_for = sqlite_insert if engine.dialect.name == "sqlite" else postgresql_insert
    return insert_for(table)


def category_nodes(session: Session) -> list[CategoryNode]:
    rows = session.execute(select(CATEGORY)).mappings()
    return [
        CategoryNode(
            id=row["id"],
            parent_id=row["parent_id"],
            slug=row["slug"],
            name=row["name"],
            name_i18n=dict(row["name_i18n"] or {}),
            position=row["position"],
            facet_keys=tuple(row["facet_keys"] or ()),
            description=row["description"] or "",
        )
        for row in rows
    ]


def brand_views(session: Session) -> list[BrandView]:
    b = BRAND.c
    rows = session.execute(select(b.id, b.slug, b.name))
    return [BrandView(id=r[0], slug=r[1], name=r[2]) for r in rows]


def facet_values(value: str | dict[str, list[str]] | None) -> dict[str, tuple[str, ...]]:
    """A product's facet values from the JSON column, as text (SQLite) or decoded."""
    decoded = orjson.loads(value) if isinstance(value, str) else value
    return {key: tuple(values) for key, values in (decoded or {}).items()}
