"""Scale benchmark of the admin's customers list on PostgreSQL: a page of shopper accounts
with their paid orders summed, by each sort, with and without a search.

    python -m tests.bench.bench_customers --database-url postgresql://.../customers
        [--seed 100000] [--orders-per-account 3] [--repeat 15]

`--seed N` migrates the (empty) database and inserts N shopper accounts and about N times
`--orders-per-account` orders (generate_series: most paid, some refunded, some unpaid), then
ANALYZE. Medians in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from sqlalchemy import Engine, create_engine, text

from storefront.adapters.sql_admin_customers import SqlCustomerStore
from storefront.services.admin.customers import SORT_KEYS
from tests.e2e.conftest import ROOT

ACCOUNTS = """
insert into account (email, name, password_hash, role, created_at)
select 'shopper' || n || '@example.com', 'Shopper ' || n, 'x', 'shopper',
       now() - (n || ' minutes')::interval
from generate_series(1, :n) as n
"""
ORDERS = """
insert into sales_order (status, currency, total_minor, source, created_at, account_id, email,
    locale, ship_name, ship_line1, ship_line2, ship_postal_code, ship_city, ship_country,
    shipping_method, subtotal_minor, discount_minor, shipping_minor, vat_rate_bp, vat_minor,
    refunded_minor, paid_at, payment_error, stock_short)
select case when n % 10 = 0 then 'pending' when n % 17 = 0 then 'partially_refunded'
            else 'paid' end,
       'EUR', 1000 + (n * 37) % 50000, 'shop', now() - (n || ' seconds')::interval,
       (select min(id) from account) + (n::bigint * 7919) % :accounts, 'x@example.com', 'en',
       '', '', '', '', '', '', '', 0, 0, 0, 0, 0,
       case when n % 17 = 0 then 500 else 0 end,
       case when n % 10 = 0 then null else now() - (n || ' seconds')::interval end, '', false
from generate_series(1, :orders) as n
"""


def median_ms(call: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)


def seed(engine: Engine, database_url: str, count: int, per_account: int) -> None:
    env = {**os.environ, "DATABASE_URL": database_url}
    env.pop("REDIS_URL", None)
    subprocess.run(
        [sys.executable, "-m", "storefront.cli", "migrate"], cwd=ROOT, env=env, check=True
    )
    with engine.begin() as connection:
        connection.execute(text(ACCOUNTS), {"n": count})
        connection.execute(text(ORDERS), {"accounts": count, "orders": count * per_account})
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("analyze account"))
        connection.execute(text("analyze sales_order"))


def figures(store: SqlCustomerStore, repeat: int) -> dict[str, float]:
    found: dict[str, float] = {"count, all": median_ms(lambda: store.count(""), repeat)}
    found["count, search 'pper123'"] = median_ms(lambda: store.count("pper123"), repeat)
    for sort in SORT_KEYS:
        found[f"page 1 by {sort}"] = median_ms(
            lambda s=sort: store.rows("", s, True, 0, 25),
            repeat,  # type: ignore[misc]
        )
        found[f"page 40 by {sort}"] = median_ms(
            lambda s=sort: store.rows("", s, True, 975, 25),
            repeat,  # type: ignore[misc]
        )
        found[f"search 'pper123' by {sort}"] = median_ms(
            lambda s=sort: store.rows("pper123", s, True, 0, 25),
            repeat,  # type: ignore[misc]
        )
    found["detail"] = median_ms(lambda: store.detail(1, 200), repeat)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--orders-per-account", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    engine = create_engine(args.database_url)
    if args.seed:
        seed(engine, args.database_url, args.seed, args.orders_per_account)
    store = SqlCustomerStore(engine)
    for name, ms in figures(store, args.repeat).items():
        print(f"{name:40} {ms:8.1f} ms")
    engine.dispose()


if __name__ == "__main__":
    main()
