"""The OrderPaid domain event of an order moving to paid: its lines' products, quantities and
amounts, and the shop day (in the shop's zone) the sale counts for."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy import Connection, select

from models.events import OrderPaid
from storefront.adapters.sql_order_records import LINE
from storefront.services.shop_days import shop_day

_L = LINE.c


def paid_event(
    connection: Connection, order_id: int, row: Any, now: datetime, zone: tzinfo
) -> OrderPaid:
    lines = connection.execute(
        select(_L.product_id, _L.quantity, _L.unit_price_minor)
        .where(_L.order_id == order_id)
        .order_by(_L.id)
    ).all()
    return OrderPaid(
        order_id,
        row.reference,
        row.currency,
        int(row.total_minor),
        tuple((int(p), int(q), int(q) * int(u)) for p, q, u in lines),
        shop_day(now, zone).isoformat(),
    )
