"""The SQL facts merchandising needs beyond the search index: candidate thin descriptions."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine, func, or_, select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import SQLModel

from models.catalog import Product
from storefront.services.admin.merchandising_descriptions import DescriptionRow

PRODUCT = SQLModel.metadata.tables[str(Product.__tablename__)]
_P = PRODUCT.c
_WHITESPACE = (" ", "\n", "\r", "\t")


def _without_whitespace(text: ColumnElement[str]) -> ColumnElement[str]:
    for character in _WHITESPACE:
        text = func.replace(text, character, "")
    return text


class SqlMerchandisingStore:
    """Implements services.admin.merchandising_descriptions.DescriptionStore."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def thin_candidates(
        self, statuses: Sequence[str], max_gaps: int, offset: int, limit: int
    ) -> list[DescriptionRow]:
        description = func.trim(func.coalesce(_P.description, ""))
        length = func.length(description)
        # Whitespace characters left after trimming: about one per word gap, in plain SQL.
        gaps = length - func.length(_without_whitespace(description))
        statement = (
            select(_P.id, _P.title, func.coalesce(_P.description, ""), _P.status)
            .where(
                _P.status.in_(list(statuses)),
                or_(gaps < max_gaps, func.lower(description) == func.lower(func.trim(_P.title))),
            )
            .order_by(gaps, length, _P.id)
            .offset(offset)
            .limit(limit)
        )
        with self._engine.connect() as connection:
            return [
                DescriptionRow(row[0], row[1], row[2], str(row[3]))
                for row in connection.execute(statement)
            ]
