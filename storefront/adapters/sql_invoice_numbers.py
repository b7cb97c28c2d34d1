"""Allocating an order's invoice number inside the transaction that makes it paid: the year's
counter row is raised by one atomic UPDATE ... RETURNING (on PostgreSQL it stays locked until
that transaction ends; on SQLite the transaction already holds the write lock), so concurrent
payments get consecutive numbers and a rolled-back payment gives its number back."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, tzinfo

from sqlalchemy import Connection, Table, insert, update
from sqlmodel import SQLModel

from models.orders import InvoiceCounter, SalesOrder
from storefront.adapters.sql_tables import upsert_into
from storefront.services.invoices.numbering import invoice_number
from storefront.services.shop_days import shop_day

COUNTER = SQLModel.metadata.tables[str(InvoiceCounter.__tablename__)]
ORDER = SQLModel.metadata.tables[str(SalesOrder.__tablename__)]
_C = COUNTER.c
_O = ORDER.c


def allocate_invoice(connection: Connection, order_id: int, now: datetime, zone: tzinfo) -> str:
    """Give the order the next number of `now`'s year, issued at `now`, dated that day of the
    shop's zone; the caller's transaction is the one moving it to paid, and has checked it
    had none."""
    day = shop_day(now, zone)  # its printed date, and the series it belongs to
    year = day.year
    number = invoice_number(year, next_in_series(connection, COUNTER, year))
    connection.execute(
        update(ORDER)
        .where(_O.id == order_id)
        .values(invoice_number=number, invoiced_at=now, invoice_date=day)
    )
    return number


def next_in_series(connection: Connection, counter: Table, year: int) -> int:
    """The next number of `year` in this counter table (`year`, `last_number`), raised in the
    caller's transaction: the row stays locked (PostgreSQL) or the database write-locked
    (SQLite) until it ends, and a rollback gives the number back."""
    columns = counter.c
    connection.execute(
        upsert_into(connection.engine, counter)
        .values(year=year, last_number=0)
        .on_conflict_do_nothing(index_elements=[columns.year])
    )
    return int(
        connection.execute(
            update(counter)
            .where(columns.year == year)
            .values(last_number=columns.last_number + 1)
            .returning(columns.last_number)
        ).scalar_one()
    )


def number_documents(
    connection: Connection,
    documents: Table,
    counter: Table,
    *,
    number_of: Callable[[int, int], str],
    order_id: int,
    due: Iterable[tuple[int, int]],
    now: datetime,
    zone: tzinfo,
) -> list[str]:
    """Number a document of `documents` (a credit note, a reversal invoice) for each refund
    of `due` ((refund id, amount), in that order), issued `now` and dated that day of the
    shop's `zone`, from `counter`'s series of that year (`number_of(year, n)` spells it)."""
    day, numbers = shop_day(now, zone), []
    for refund_id, amount_minor in due:
        number = number_of(day.year, next_in_series(connection, counter, day.year))
        connection.execute(
            insert(documents).values(
                number=number,
                order_id=order_id,
                refund_id=refund_id,
                amount_minor=amount_minor,
                issued_at=now,
                issue_date=day,
            )
        )
        numbers.append(number)
    return numbers
