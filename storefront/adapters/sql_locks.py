"""Holding rows for a read-then-write transaction, the same way on both databases."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import ColumnElement, Connection, Integer, any_, bindparam, false, select, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.sql.schema import Column, Table


def among(connection: Connection, column: Column[int], ids: Collection[int]) -> ColumnElement[bool]:
    """`column IN ids`, as one array parameter on PostgreSQL: its protocol caps a statement
    at 65,535 parameters, and a lock taken in chunks would lose its one order."""
    if connection.dialect.name == "postgresql":
        return column == any_(bindparam(None, list(ids), type_=ARRAY(Integer)))
    return column.in_(ids)


def hold_rows(
    connection: Connection, table: Table, where: ColumnElement[bool], *order_by: Any
) -> None:
    """Hold the rows `where` picks until commit; call it before reading what the change
    depends on.

    PostgreSQL locks the rows (SELECT ... FOR UPDATE, in `order_by`'s order: keep it the
    order other writers take them in, so none deadlock). SQLite has no row locks, and its
    driver begins a transaction only at the first write, so reads before that see other
    writers' commits: an update that matches no row takes the database's write lock now
    (touching none: updating a key, even to itself, would make SQLite check every table
    referring to it), and no other writer commits until this transaction ends.
    """
    key = table.primary_key.columns.values()[0]
    if connection.dialect.name == "postgresql":
        connection.execute(select(key).where(where).order_by(*order_by).with_for_update()).all()
    else:
        connection.execute(update(table).where(false()).values({key: key}))
