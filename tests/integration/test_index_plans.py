"""The admin product list's, the customer list's and the sitemap's statements on PostgreSQL
can use the indexes made for them (migrations 0025, 0030, 0048 and 0052). Plans are read
with sequential scans disabled, so that the answer does not hang on table sizes or
statistics: the question is whether the index can serve the statement at all (an OR with a
correlated EXISTS, as the search was, cannot)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from storefront.adapters.db import make_engine
from storefront.adapters.sql_admin_catalog import SqlAdminCatalog
from storefront.adapters.sql_admin_customers import SqlCustomerStore
from storefront.adapters.sql_catalog import SqlCatalogStore
from storefront.adapters.sql_sitemap import SqlSitemapSource
from storefront.services.admin.catalog_ports import ProductFilter, SortKey


def plans(postgres_url: str, where: ProductFilter, sort: SortKey) -> list[str]:
    """EXPLAIN of each statement the list runs for one page (count, page ids, rows...)."""

    def one_page(engine: Engine) -> None:
        store = SqlAdminCatalog(engine)
        store.count_products(where)
        store.product_rows(where, sort, descending=False, offset=50, limit=25)

    return plans_of(postgres_url, one_page)


def plans_of(postgres_url: str, run: Callable[[Engine], object]) -> list[str]:
    """EXPLAIN of each SELECT that `run` sends, with sequential scans disabled."""
    engine = make_engine(postgres_url.replace("postgresql://", "postgresql+psycopg://", 1))
    statements: list[tuple[str, Any]] = []

    @event.listens_for(engine, "before_cursor_execute")
    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    run(engine)
    event.remove(engine, "before_cursor_execute", record)
    found = []
    with engine.connect() as connection:
        connection.exec_driver_sql("SET enable_seqscan = off")
        for statement, parameters in statements:
            rows = connection.exec_driver_sql(f"EXPLAIN {statement}", parameters)
            found.append("\n".join(row[0] for row in rows))
    engine.dispose()
    return found


@pytest.mark.parametrize("typed", ["lamp", "Crème BRÛLÉE"])
def test_the_admin_search_reads_title_external_id_and_sku_through_trigram_indexes(
    postgres_url: str, typed: str
) -> None:
    """On the text folded as the search compares it (case and accents: sql_text.py)."""
    where = ProductFilter(text=typed, text_id=None)
    count_plan, page_plan = plans(postgres_url, where, "updated")[:2]
    for index in (
        "ix_product_title_fold_trgm",
        "ix_product_external_id_fold_trgm",
        "ix_variant_sku_fold_trgm",
    ):
        assert index in count_plan
        assert index in page_plan
    assert "Seq Scan" not in count_plan + page_plan


def test_the_customer_search_reads_email_and_name_through_trigram_indexes(
    postgres_url: str,
) -> None:
    """Among shoppers enough that their role does not narrow the search (a nearly empty
    table is read through the role's index, ix_account_role_created, whatever the text),
    vacuumed as autovacuum would (a trigram index's rows still pending cost more to read)."""
    engine = make_engine(postgres_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql(
            "insert into account (email, name, password_hash, role, created_at)"
            " select 'shopper' || n || '@example.com', 'Shopper ' || n, '', 'shopper', now()"
            " from generate_series(1, 5000) as n"
        )
        connection.exec_driver_sql("vacuum analyze account")
    engine.dispose()
    (plan,) = plans_of(postgres_url, lambda engine: SqlCustomerStore(engine).count("Zoë"))
    assert "ix_account_email_fold_trgm" in plan
    assert "ix_account_name_fold_trgm" in plan
    assert "Seq Scan" not in plan


def test_the_admin_lists_title_and_price_sorts_walk_their_indexes(postgres_url: str) -> None:
    title_page = plans(postgres_url, ProductFilter(), "title")[1]
    price_page = plans(postgres_url, ProductFilter(), "price")[1]
    assert "ix_product_title_lower" in title_page
    assert "ix_product_price_id" in price_page
    assert "Sort" not in title_page + price_page


def test_the_sitemap_dates_each_category_from_its_index_not_a_scan_of_products(
    postgres_url: str,
) -> None:
    (plan,) = plans_of(postgres_url, lambda engine: SqlSitemapSource(engine).category_updates())
    assert "ix_product_category_updated" in plan
    assert "(category_id = category.id)" in plan  # probed per category, not read whole


def test_a_sku_is_looked_up_whatever_its_capitals_through_an_index(postgres_url: str) -> None:
    """The form's and the import's check of SKUs other products hold (migration 0048)."""

    def lookup(engine: Engine) -> None:
        with Session(engine) as session:
            SqlCatalogStore(session).sku_owners(["ab-1", "AB-2"])

    (plan,) = plans_of(postgres_url, lookup)
    assert "ix_variant_sku_lower" in plan
    assert "Seq Scan" not in plan
