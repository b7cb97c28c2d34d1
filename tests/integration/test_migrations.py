"""The migrations build exactly the schema the models describe, both ways, on both databases."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from models.types import UtcDateTime
from storefront.adapters.db import make_engine
from storefront.adapters.migrations import (
    Migrated,
    alembic_config,
    head_revisions,
    schema_state,
    upgrade_database,
)
from storefront.adapters.sql_admin_catalog import SqlAdminCatalog
from storefront.adapters.sql_refund_mail import SqlRefundMailStore
from storefront.adapters.sql_tables import PRODUCT, VARIANT
from storefront.services.admin.catalog_ports import ProductFilter
from storefront.services.orders.refund_mail import told_outside

ROOT = Path(__file__).resolve().parents[2]
# The product table as it was before 0031 (no imported_* columns), for rows written at an
# older revision: an insert through PRODUCT would name the head revision's columns.
OLD_PRODUCT = sa.Table(
    "product",
    sa.MetaData(),
    *(c._copy() for c in PRODUCT.c if not c.name.startswith("imported_")),
)
# A paid order as the schema before 0024 held it (its VAT rate in whole percents); written
# out, not through ORDER, which has the columns of the head revision.
ORDER_BEFORE_0024 = sa.text(
    "insert into sales_order (status, currency, total_minor, source, created_at, email,"
    " locale, ship_name, ship_line1, ship_line2, ship_postal_code, ship_city, ship_country,"
    " shipping_method, subtotal_minor, discount_minor, shipping_minor, vat_rate, vat_minor,"
    " refunded_minor, payment_error, carrier, tracking_number, updated_at) values ('paid',"
    " 'EUR', 2500, 'shop', :now, '', 'en', '', '', '', '', '', '', '', 2500, 0, 0, :rate,"
    " 400, 0, '', '', '', :now)"
)

# The same order as the schema from 0024 on holds it (its VAT rate in basis points).
ORDER_AT_0037 = sa.text(
    str(ORDER_BEFORE_0024).replace("vat_rate,", "vat_rate_bp,").replace(":rate", "2000")
)


def test_migrations_match_the_models_and_run_down_and_up(database_url: str) -> None:
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    command.check(config)  # raises when a model change has no migration
    command.downgrade(config, "base")
    command.upgrade(config, "head")
    command.check(config)


def test_account_emails_are_composed_unless_that_would_join_two_accounts(
    database_url: str,
) -> None:
    """0015: sign-in looks emails up composed (NFC); a decomposed one stored before is
    rewritten, except where the composed spelling already has an account."""
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    command.downgrade(config, "0014")
    engine = sa.create_engine(url)
    insert = sa.text(
        "insert into account (email, name, password_hash, role, created_at)"
        " values (:email, '', 'x', 'shopper', :now)"
    )
    emails = ("jose\u0301@example.com", "rene\u0301@example.com", "ren\u00e9@example.com")
    with engine.begin() as connection:
        for email in emails:
            connection.execute(insert, {"email": email, "now": datetime.now(UTC)})
    command.upgrade(config, "head")
    with engine.connect() as connection:
        stored = connection.execute(sa.text("select email from account order by id")).scalars()
        assert list(stored) == ["jos\u00e9@example.com", *emails[1:]]
    engine.dispose()


def test_stock_adjustments_take_their_variants_sku_and_product_and_outlive_it(
    database_url: str,
) -> None:
    """0016: adjustments made before it are given their variant's SKU and product, so a
    variant removed afterwards leaves them in place. Going back down drops only those the
    old schema cannot hold (their variant gone), as its CASCADE would have."""
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    command.downgrade(config, "0015")
    engine = make_engine(url)  # with SQLite's foreign keys on, as the shop runs
    now = datetime.now(UTC)
    with engine.begin() as connection:
        for slug in ("desk", "lamp"):
            connection.execute(
                sa.insert(OLD_PRODUCT).values(slug=slug, external_id=slug, title=slug)
            )
        products = dict(connection.execute(sa.select(PRODUCT.c.slug, PRODUCT.c.id)).all())
        for sku, slug in (("DESK-1", "desk"), ("DESK-2", "desk"), ("LAMP-1", "lamp")):
            connection.execute(
                sa.insert(VARIANT).values(sku=sku, product_id=products[slug], price_minor=100)
            )
        variants = dict(connection.execute(sa.select(VARIANT.c.sku, VARIANT.c.id)).all())
        for sku, delta in (("DESK-1", 4), ("DESK-2", 3), ("LAMP-1", 2), ("DESK-2", -1)):
            connection.execute(
                sa.text(
                    "insert into stock_adjustment (variant_id, delta, stock_after, reason, note,"
                    " at) values (:v, :d, 0, 'received', '', :at)"
                ),
                {"v": variants[sku], "d": delta, "at": now},
            )
    rows = sa.text("select variant_id, sku, product_id, delta from stock_adjustment order by id")
    desk, lamp = products["desk"], products["lamp"]
    command.upgrade(config, "head")
    with engine.begin() as connection:
        assert connection.execute(rows).all() == [
            (variants["DESK-1"], "DESK-1", desk, 4),
            (variants["DESK-2"], "DESK-2", desk, 3),
            (variants["LAMP-1"], "LAMP-1", lamp, 2),
            (variants["DESK-2"], "DESK-2", desk, -1),
        ]
        connection.execute(sa.text("delete from variant where sku = 'DESK-2'"))
        assert connection.execute(rows).all() == [
            (variants["DESK-1"], "DESK-1", desk, 4),
            (None, "DESK-2", desk, 3),
            (variants["LAMP-1"], "LAMP-1", lamp, 2),
            (None, "DESK-2", desk, -1),
        ]
    command.downgrade(config, "0015")
    old_rows = sa.text("select variant_id, delta from stock_adjustment order by id")
    with engine.begin() as connection:
        assert connection.execute(old_rows).all() == [
            (variants["DESK-1"], 4),
            (variants["LAMP-1"], 2),
        ]
    command.upgrade(config, "head")
    engine.dispose()


def test_browser_links_made_before_0018_end_with_their_accounts_open_sessions(
    database_url: str,
) -> None:
    """0018: which browser a session was opened in was not recorded before it, so a link
    made before ends when the last of its account's open sessions expires, or at the
    upgrade when none is open: what a browser does after that is left out of the download."""
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    command.downgrade(config, "0017")
    engine = make_engine(url)
    now = datetime.now(UTC)
    account = sa.table(
        "account",
        sa.column("id", sa.Integer),
        sa.column("email", sa.String),
        sa.column("name", sa.String),
        sa.column("password_hash", sa.String),
        sa.column("role", sa.String),
        sa.column("created_at", UtcDateTime()),
    )
    session = sa.table(
        "account_session",
        sa.column("token_hash", sa.String),
        sa.column("account_id", sa.Integer),
        sa.column("created_at", UtcDateTime()),
        sa.column("expires_at", UtcDateTime()),
    )
    visitor = sa.table(
        "account_visitor",
        sa.column("account_id", sa.Integer),
        sa.column("visitor_id", sa.String),
        sa.column("first_seen", UtcDateTime()),
    )
    days = [timedelta(days=n) for n in range(60)]
    with engine.begin() as connection:
        for number, email in ((1, "ann@example.com"), (2, "bob@example.com")):
            connection.execute(
                sa.insert(account).values(
                    id=number,
                    email=email,
                    name="",
                    password_hash="x",
                    role="shopper",
                    created_at=now - days[59],
                )
            )
        for token, owner, expires in (
            ("a-open", 1, now + days[10]),
            ("a-latest", 1, now + days[20]),
            ("a-expired", 1, now - days[1]),
            ("b-expired", 2, now - days[5]),
        ):
            connection.execute(
                sa.insert(session).values(
                    token_hash=token,
                    account_id=owner,
                    created_at=now - days[30],
                    expires_at=expires,
                )
            )
        for owner, browser, first in ((1, "a1", now - days[40]), (1, "a2", now - days[2]),
                                      (2, "b1", now - days[50])):  # fmt: skip
            connection.execute(
                sa.insert(visitor).values(account_id=owner, visitor_id=browser, first_seen=first)
            )
    command.upgrade(config, "head")
    upgraded = datetime.now(UTC)
    ends = sa.table(
        "account_visitor", sa.column("visitor_id", sa.String),
        sa.column("signed_in_until", UtcDateTime()),
    )  # fmt: skip
    with engine.connect() as connection:
        until = dict(connection.execute(sa.select(ends.c.visitor_id, ends.c.signed_in_until)).all())
        browsers = connection.execute(sa.text("select visitor_id from account_session")).all()
    assert until["a1"] == until["a2"] == now + days[20]
    assert now <= until["b1"] <= upgraded
    assert browsers == [(None,)] * 4
    engine.dispose()


UPGRADE_AT = """
import logging, sys, time
from storefront.adapters.migrations import upgrade_database
logging.basicConfig(level=logging.INFO)  # Alembic logs each migration it runs
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))
print("before:", ",".join(upgrade_database(sys.argv[1]).before))
"""


def test_order_lines_made_before_0023_take_their_variants_options(database_url: str) -> None:
    """0023: lines keep their variant's options from now on; those placed before take them
    from their variant, when it still exists, as the cart names them."""
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    command.downgrade(config, "0022")
    engine = make_engine(url)
    with engine.begin() as connection:
        product = connection.execute(
            sa.insert(OLD_PRODUCT).values(slug="tee", external_id="tee", title="Tee")
        ).inserted_primary_key[0]
        navy = connection.execute(
            sa.insert(VARIANT).values(
                sku="TEE-M", product_id=product, price_minor=100, options={"size": "M"}
            )
        ).inserted_primary_key[0]
        connection.execute(ORDER_BEFORE_0024, {"now": datetime.now(UTC), "rate": 20})
        order = connection.execute(sa.text("select max(id) from sales_order")).scalar_one()
        for variant_id in (navy, None):  # the second's variant was removed since
            connection.execute(
                sa.text(
                    "insert into order_line (order_id, product_id, variant_id, quantity,"
                    " unit_price_minor, sku, title) values (:o, :p, :v, 1, 100, 'TEE-M', 'Tee')"
                ),
                {"o": order, "p": product, "v": variant_id},
            )
    command.upgrade(config, "head")
    with engine.connect() as connection:
        options = connection.execute(sa.text("select options from order_line order by id"))
        assert list(options.scalars()) == ["M", ""]
    engine.dispose()


def test_orders_vat_rates_made_before_0024_are_held_in_basis_points(database_url: str) -> None:
    """0024: a rate stored in whole percents (20) becomes basis points (2000), so that 25.5 %
    can be held; going back down, one with decimals rounds half up (2550 to 26)."""
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    command.downgrade(config, "0023")
    engine = make_engine(url)
    with engine.begin() as connection:
        for rate in (20, 19, 0):  # 0: the demo history's
            connection.execute(ORDER_BEFORE_0024, {"now": datetime.now(UTC), "rate": rate})
        # A line points at the first order: SQLite's foreign keys refuse to drop its table.
        product = connection.execute(
            sa.insert(OLD_PRODUCT).values(slug="tee", external_id="tee", title="Tee")
        ).inserted_primary_key[0]
        connection.execute(
            sa.text(
                "insert into order_line (order_id, product_id, quantity, unit_price_minor, sku,"
                " title) select min(id), :p, 1, 2500, 'TEE-M', 'Tee' from sales_order"
            ),
            {"p": product},
        )
    command.upgrade(config, "head")
    with engine.begin() as connection:
        rates = connection.execute(sa.text("select vat_rate_bp from sales_order order by id"))
        assert list(rates.scalars()) == [2000, 1900, 0]
        finnish = "update sales_order set vat_rate_bp = 2550 where vat_rate_bp = 1900"
        connection.execute(sa.text(finnish))  # placed since, at 25.5 %
    command.downgrade(config, "0023")
    with engine.connect() as connection:
        rates = connection.execute(sa.text("select vat_rate from sales_order order by id"))
        assert list(rates.scalars()) == [20, 26, 0]
    command.upgrade(config, "head")
    engine.dispose()


def test_0024_stopped_after_its_rename_finishes_on_the_next_run(database_url: str) -> None:
    """SQLite commits a column's rename on its own: a run of 0024 stopped right after it
    left the column renamed, the rates in percents and the revision 0023; the next run
    converts the rates once."""
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    command.downgrade(config, "0023")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(ORDER_BEFORE_0024, {"now": datetime.now(UTC), "rate": 20})
        rename = "alter table sales_order rename column vat_rate to vat_rate_bp"
        connection.execute(sa.text(rename))  # as far as the stopped run went
    command.upgrade(config, "head")
    with engine.connect() as connection:
        rates = connection.execute(sa.text("select vat_rate_bp from sales_order"))
        assert list(rates.scalars()) == [2000]
    engine.dispose()


def test_processes_migrating_postgresql_at_once_take_turns(empty_postgres_url: str) -> None:
    url = empty_postgres_url.replace("postgresql://", "postgresql+psycopg://", 1)
    start_at = str(time.time() + 3)  # after all have imported the shop
    upgrades = [
        subprocess.Popen(
            [sys.executable, "-c", UPGRADE_AT, url, start_at],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [upgrade.communicate(timeout=120)[0] for upgrade in upgrades]
    assert [upgrade.returncode for upgrade in upgrades] == [0, 0, 0], "\n".join(outputs)
    command.check(alembic_config(url))  # at head, nothing missing
    # One applied every migration; the others waited, then found head and applied none.
    assert sorted(output.count("Running upgrade") > 0 for output in outputs) == [
        False,
        False,
        True,
    ]
    # And say so: each read the schema it started from under the lock (all three said
    # "migrated from no schema"; QA).
    said = sorted(line for output in outputs for line in output.splitlines() if "before:" in line)
    head = ",".join(sorted(head_revisions()))
    assert said == ["before: ", f"before: {head}", f"before: {head}"], "\n".join(outputs)


def index_names(engine: sa.Engine) -> set[str]:
    """Not the inspector's: SQLite's omits expression indexes."""
    listed = (
        "select indexname from pg_indexes"
        if engine.dialect.name == "postgresql"
        else "select name from sqlite_master where type = 'index'"
    )
    with engine.connect() as connection:
        return set(connection.execute(sa.text(listed)).scalars())


def test_0025_indexes_the_admin_lists_sorts_and_on_postgresql_its_search(
    database_url: str,
) -> None:
    """Its indexes come and go with it; one already there (a run stopped after it, on
    SQLite, which commits each CREATE INDEX on its own) is kept, not created twice."""
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    command.downgrade(config, "0024")
    engine = make_engine(url)
    added = {"ix_product_title_lower", "ix_product_price_id", "ix_product_category_updated"}
    trigram = {"ix_product_title_trgm", "ix_product_external_id_trgm", "ix_variant_sku_trgm"}

    def indexes() -> set[str]:
        return index_names(engine)

    assert not indexes() & (added | trigram)
    with engine.begin() as connection:
        connection.execute(sa.text("create index ix_product_price_id on product (price_minor, id)"))
    command.upgrade(config, "0025")  # 0052 replaces its trigram indexes
    postgresql = engine.dialect.name == "postgresql"
    assert indexes() & (added | trigram) == (added | trigram if postgresql else added)
    command.downgrade(config, "0024")
    assert not indexes() & (added | trigram)
    command.upgrade(config, "head")
    engine.dispose()


def test_0036_takes_the_email_out_of_the_audit_entries_of_accounts_closed_on_request(
    database_url: str,
) -> None:
    """Before 0036 a merchant's closing kept the closed account's email in its audit entry
    (GDPR: it must go with the account): 0036 takes it out, keeping the rest; other entries
    are left as they are."""
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    command.downgrade(config, "0035")
    engine = make_engine(url)
    insert = sa.text(
        "insert into admin_audit (actor_email, action, subject, before, after, at)"
        " values ('boss@example.com', :action, 'account:7', :before, '', :now)"
    )
    entries = [
        ("customer.close", '{"email": "zoe@example.com", "paid_orders": 3}'),
        ("customer.close", "not json"),
        ("product.update", '{"email": "kept@example.com"}'),
    ]
    with engine.begin() as connection:
        for action, before in entries:
            connection.execute(
                insert, {"action": action, "before": before, "now": datetime.now(UTC)}
            )
    command.upgrade(config, "head")
    with engine.connect() as connection:
        rows = connection.execute(sa.text("select action, before from admin_audit order by id"))
        assert [tuple(r) for r in rows] == [
            ("customer.close", '{"paid_orders": 3}'),
            ("customer.close", "not json"),
            ("product.update", '{"email": "kept@example.com"}'),
        ]
        assert sa.inspect(connection).has_table("admin_download_ticket")
    engine.dispose()


def test_0037_adds_refused_at_to_restock_alerts_and_its_downgrade_keeps_them(
    database_url: str,
) -> None:
    """0037 adds when the mail server refused an alert's address; alerts from before (waiting
    or done) keep what they were, and going back down drops only the column: a refused alert
    stays done, as refused ones were before 0037."""
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    command.downgrade(config, "0036")
    engine = make_engine(url)
    insert = sa.text(
        "insert into restock_alert (product_id, variant_id, email, locale, created_at,"
        " notified_at) values (1, :variant, 'ann@example.com', 'en', :now, :done)"
    )
    now = datetime.now(UTC)
    with engine.begin() as connection:
        connection.execute(insert, {"variant": 1, "now": now, "done": None})
        connection.execute(insert, {"variant": 2, "now": now, "done": now})
    command.upgrade(config, "0037")
    with engine.begin() as connection:
        rows = connection.execute(
            sa.text(
                "select variant_id, notified_at is null, refused_at from restock_alert"
                " order by variant_id"
            )
        )
        assert [tuple(r) for r in rows] == [(1, True, None), (2, False, None)]
        connection.execute(
            sa.text("update restock_alert set refused_at = notified_at where variant_id = 2")
        )
    command.downgrade(config, "0036")
    with engine.connect() as connection:
        columns = {c["name"] for c in sa.inspect(connection).get_columns("restock_alert")}
        assert "refused_at" not in columns
        done = connection.execute(
            sa.text("select variant_id from restock_alert where notified_at is not null")
        ).scalars()
        assert list(done) == [2]
    command.upgrade(config, "head")
    engine.dispose()


def test_0038_marks_cancels_released_before_it_as_told_and_its_downgrade_drops_the_columns(
    database_url: str,
) -> None:
    """0038 adds the claim and the sent time of the mail telling a shopper their cancel was
    given up. Cancels released before it were never mailed and are not now, days late (the
    catch-up would otherwise send them): they are marked told; the others are untold."""
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    command.downgrade(config, "0037")
    engine = make_engine(url)
    released = datetime.now(UTC) - timedelta(hours=2)
    with engine.begin() as connection:
        for _ in range(2):
            connection.execute(ORDER_AT_0037, {"now": released})
        connection.execute(
            sa.text(
                "update sales_order set cancel_released_at = :at"
                " where id = (select min(id) from sales_order)"
            ),
            {"at": released},
        )
    command.upgrade(config, "0038")
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text(
                "select cancel_release_mailed_at = cancel_released_at,"
                " cancel_release_mailed_at is null, cancel_release_mail_claimed_at is null"
                " from sales_order order by id"
            )
        )
        assert [tuple(r) for r in rows] == [(True, False, True), (None, True, True)]
        indexes = {i["name"] for i in sa.inspect(connection).get_indexes("sales_order")}
        assert "ix_sales_order_cancel_released_at" in indexes
    command.downgrade(config, "0037")
    with engine.connect() as connection:
        columns = {c["name"] for c in sa.inspect(connection).get_columns("sales_order")}
        assert not {"cancel_release_mailed_at", "cancel_release_mail_claimed_at"} & columns
        assert "cancel_released_at" in columns
        indexes = {i["name"] for i in sa.inspect(connection).get_indexes("sales_order")}
        assert "ix_sales_order_cancel_released_at" not in indexes
    command.upgrade(config, "head")
    engine.dispose()


def test_0040_adds_the_withdrawal_statements_and_its_downgrade_drops_them(
    database_url: str,
) -> None:
    """0040 creates the withdrawal statements (one per order and request key); run again it
    does nothing; its downgrade drops the table and nothing else."""
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    engine = make_engine(url)
    command.downgrade(config, "0039")
    with engine.connect() as connection:
        tables = set(sa.inspect(connection).get_table_names())
        assert "withdrawal_statement" not in tables
        assert "sales_order" in tables
    command.upgrade(config, "0040")
    with engine.connect() as connection:
        inspector = sa.inspect(connection)
        columns = {c["name"] for c in inspector.get_columns("withdrawal_statement")}
        assert {"order_id", "request_key", "items", "received_at", "ack_sent_at"} <= columns
        uniques = inspector.get_unique_constraints("withdrawal_statement")
        assert [u["column_names"] for u in uniques] == [["order_id", "request_key"]]
    command.upgrade(config, "head")
    engine.dispose()


def test_0041_adds_the_carts_discount_code_keeping_its_lines_and_its_downgrade_drops_it(
    database_url: str,
) -> None:
    """0041 adds the code applied at checkout to the cart; a cart stored before keeps its
    lines and has none; run again it does nothing; its downgrade drops the column alone."""
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    engine = make_engine(url)
    command.downgrade(config, "0040")
    with engine.begin() as connection:
        assert "discount_code" not in {
            c["name"] for c in sa.inspect(connection).get_columns("cart")
        }
        connection.execute(
            sa.text("insert into cart (token_hash, updated_at) values ('before', :now)"),
            {"now": datetime.now(UTC)},
        )
    command.upgrade(config, "0041")
    command.stamp(config, "0040")  # as a run stopped before it recorded its revision
    command.upgrade(config, "0041")
    with engine.connect() as connection:
        kept = connection.execute(
            sa.text("select discount_code from cart where token_hash = 'before'")
        ).one()
        assert kept == (None,)
    command.downgrade(config, "0040")
    with engine.connect() as connection:
        assert "discount_code" not in {
            c["name"] for c in sa.inspect(connection).get_columns("cart")
        }
        assert connection.execute(sa.text("select count(*) from cart")).scalar_one() == 1
    command.upgrade(config, "head")
    engine.dispose()


def test_0042_adds_the_email_changes_and_its_downgrade_drops_them(database_url: str) -> None:
    """0042 creates the email changes (a link's hash, its account and new address); run
    again it does nothing; its downgrade drops the table and nothing else."""
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    engine = make_engine(url)
    command.downgrade(config, "0041")
    with engine.connect() as connection:
        tables = set(sa.inspect(connection).get_table_names())
        assert "email_change" not in tables
        assert "account" in tables
    command.upgrade(config, "0042")
    command.stamp(config, "0041")  # as a run stopped before it recorded its revision
    command.upgrade(config, "0042")
    with engine.connect() as connection:
        inspector = sa.inspect(connection)
        columns = {c["name"] for c in inspector.get_columns("email_change")}
        assert {"token_hash", "account_id", "new_email", "expires_at", "used_at"} <= columns
        indexes = {i["name"] for i in inspector.get_indexes("email_change")}
        assert "ix_email_change_account_id" in indexes
    command.upgrade(config, "head")
    engine.dispose()


def test_0059_adds_the_guest_order_links_joining_nothing_and_its_downgrade_drops_them(
    database_url: str,
) -> None:
    """0059 creates the links adding an account's guest orders (a link's hash, its account
    and address); it joins no order (an order joins only when its link is used signed in);
    run again it does nothing; its downgrade drops the table and nothing else."""
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    engine = make_engine(url)
    command.downgrade(config, "0057")
    with engine.begin() as connection:
        assert "guest_order_link" not in sa.inspect(connection).get_table_names()
        connection.execute(
            sa.text(
                "insert into account (email, name, password_hash, role, created_at,"
                " email_confirmed_at) values ('ann@example.com', '', 'x', 'shopper', :now, :now)"
            ),
            {"now": datetime.now(UTC)},
        )
        connection.execute(ORDER_AT_0037, {"now": datetime.now(UTC)})
        connection.execute(sa.text("update sales_order set email = 'ann@example.com'"))
    command.upgrade(config, "0059")
    command.stamp(config, "0057")  # as a run stopped before it recorded its revision
    command.upgrade(config, "0059")
    with engine.connect() as connection:
        inspector = sa.inspect(connection)
        columns = {c["name"] for c in inspector.get_columns("guest_order_link")}
        assert {"token_hash", "account_id", "email", "expires_at", "used_at"} <= columns
        indexes = {i["name"] for i in inspector.get_indexes("guest_order_link")}
        assert "ix_guest_order_link_account_id" in indexes
        owners = connection.execute(sa.text("select account_id from sales_order")).scalars()
        assert list(owners) == [None]  # no backfill: the guest order stays a guest's
    command.downgrade(config, "0057")
    with engine.connect() as connection:
        tables = set(sa.inspect(connection).get_table_names())
        assert "guest_order_link" not in tables
        assert {"account", "sales_order"} <= tables
    command.upgrade(config, "head")
    engine.dispose()


def test_0060_marks_the_orders_kept_from_closed_accounts_and_its_downgrade_drops_it(
    database_url: str,
) -> None:
    """0060 marks an order closing kept (a checkout's, without its account and its cart) as
    a closed account's, not a guest's (with its cart) nor an account's; run again it does
    nothing; its downgrade drops the column alone."""
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    engine = make_engine(url)
    command.downgrade(config, "0059")
    with engine.begin() as connection:
        for email in ("closed@example.com", "guest@example.com"):
            connection.execute(ORDER_AT_0037, {"now": datetime.now(UTC)})
            connection.execute(
                sa.text("update sales_order set email = :email where email = ''"),
                {"email": email},
            )
        connection.execute(
            sa.text("update sales_order set cart_id = 7 where email = 'guest@example.com'")
        )
    command.upgrade(config, "0060")
    command.stamp(config, "0059")  # as a run stopped before it recorded its revision
    command.upgrade(config, "0060")
    with engine.connect() as connection:
        marked = connection.execute(
            sa.text("select email, account_closed from sales_order order by email")
        ).all()
    assert [tuple(row) for row in marked] == [
        ("closed@example.com", True),
        ("guest@example.com", False),
    ]
    command.downgrade(config, "0059")
    with engine.connect() as connection:
        columns = {c["name"] for c in sa.inspect(connection).get_columns("sales_order")}
        assert "account_closed" not in columns
        assert connection.execute(sa.text("select count(*) from sales_order")).scalar() == 2
    command.upgrade(config, "head")
    engine.dispose()


def test_looking_at_the_schema_logs_nothing_but_a_migration_logs_its_steps(
    sqlite_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """/readyz looks at the schema at every probe: alembic's two context lines each time
    were four lines in ten of a web process's log."""
    engine = make_engine(sqlite_url)
    with caplog.at_level(logging.INFO, logger="alembic"):
        with engine.connect() as connection:
            assert schema_state(connection)[0] == "ok"
        assert [r.getMessage() for r in caplog.records] == []
        upgrade_database(f"sqlite:///{tmp_path / 'fresh.db'}")
    messages = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("Running upgrade") for m in messages)
    assert not any(m.startswith(("Context impl", "Will assume")) for m in messages)
    engine.dispose()


def test_a_schema_of_a_newer_release_is_left_as_it_is_and_migrate_says_so(
    database_url: str,
) -> None:
    """A rolling deploy migrated ahead of this host, or a rollback: Alembic, which does not
    know the revision, failed with a traceback, and a web service restarting on it never
    came up again (QA). Migrating leaves the schema as it is and says so."""
    heads = tuple(sorted(head_revisions()))
    assert upgrade_database(database_url) == Migrated(heads, heads, newer=False)
    engine = make_engine(database_url)
    with engine.begin() as connection:
        connection.execute(sa.text("update alembic_version set version_num = 'f00dfeed0099'"))
    newer = ("f00dfeed0099",)
    assert upgrade_database(database_url) == Migrated(newer, newer, newer=True)
    with engine.connect() as connection:
        assert schema_state(connection)[0] == "newer"
    engine.dispose()
    url = database_url.replace("postgresql+psycopg://", "postgresql://", 1)
    done = subprocess.run(
        [sys.executable, "-m", "storefront.cli", "migrate"],
        check=False,
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "database schema is a newer release's (f00dfeed0099) and is left as it is" in (
        done.stdout
    )


def test_migrate_says_from_which_schema_to_which(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    config = alembic_config(url)
    command.upgrade(config, "0042")
    assert upgrade_database(url).before == ("0042",)
    env = {**os.environ, "DATABASE_URL": url}
    cli = [sys.executable, "-m", "storefront.cli", "migrate"]
    said = subprocess.run(cli, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert said.stdout.startswith("database is at the newest schema (")
    command.downgrade(config, "0042")
    said = subprocess.run(cli, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert said.stdout.startswith("database migrated from 0042 to ")


def test_0044_keeps_options_and_attributes_in_order_taking_the_options_from_the_titles(
    database_url: str,
) -> None:
    """On PostgreSQL, JSONB sorted a variant's options and a product's attributes by key
    length: 0044 makes them JSON, which keeps them as written, and puts the options back in
    the order their variant's title names them. Run again it does nothing; its downgrade
    goes back to JSONB, keeping the values."""
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    engine = make_engine(url)
    command.downgrade(config, "0043")
    options = {"shoe_size": "36", "colour": "Off-White"}  # JSONB: colour first
    with engine.begin() as connection:
        connection.execute(sa.insert(PRODUCT).values(slug="run", external_id="run", title="Run"))
        product = connection.execute(sa.select(PRODUCT.c.id)).scalar_one()
        for sku, title in (("RUN-36-OW", "36 / Off-White"), ("RUN-OTHER", "Limited edition")):
            connection.execute(
                sa.insert(VARIANT).values(
                    sku=sku, product_id=product, price_minor=100, title=title, options=options
                )
            )
    command.upgrade(config, "0044")
    command.stamp(config, "0043")  # as a run stopped before it recorded its revision
    command.upgrade(config, "0044")
    read = sa.select(VARIANT.c.sku, VARIANT.c.options).order_by(VARIANT.c.sku)
    with engine.begin() as connection:
        found = {sku: list(values) for sku, values in connection.execute(read)}
        assert found["RUN-36-OW"] == ["shoe_size", "colour"]
        written = {"width": ["80 cm"], "material": ["Oak"], "colour": ["Natural"]}
        connection.execute(sa.update(PRODUCT).values(attributes=written))
        kept = connection.execute(sa.select(PRODUCT.c.attributes)).scalar_one()
        assert list(kept) == ["width", "material", "colour"]
    command.downgrade(config, "0043")
    with engine.connect() as connection:
        assert connection.execute(read).all()[0][1] == options
        assert connection.execute(sa.select(PRODUCT.c.attributes)).scalar_one() == written
    command.upgrade(config, "head")
    engine.dispose()


def test_0046_confirms_the_alerts_asked_before_it_and_its_downgrade_drops_unconfirmed_ones(
    database_url: str,
) -> None:
    """0046 adds a guest's link confirmation to back-in-stock alerts. Alerts asked before it
    were accepted as asked: they stay waiting (confirmed when asked). Going back down drops
    the alerts still unconfirmed (they would then wait unconfirmed) and the columns."""
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    command.downgrade(config, "0045")
    engine = make_engine(url)
    asked = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    insert = (
        "insert into restock_alert (product_id, variant_id, email, locale, created_at)"
        " values (1, :variant, 'ann@example.com', 'en', :at)"
    )
    with engine.begin() as connection:
        connection.execute(sa.text(insert), {"variant": 1, "at": asked})
    command.upgrade(config, "0046")
    with engine.begin() as connection:
        confirmed = connection.execute(
            sa.text(
                "select count(*) from restock_alert"
                " where confirmed_at = created_at and confirm_hash is null"
            )
        ).scalar()
        assert confirmed == 1
        connection.execute(
            sa.text(insert.replace("created_at)", "created_at, confirm_hash)")
                    .replace(":at)", ":at, :hash)")),
            {"variant": 2, "at": asked, "hash": "a" * 64},
        )  # fmt: skip
    command.downgrade(config, "0045")
    with engine.connect() as connection:
        columns = {c["name"] for c in sa.inspect(connection).get_columns("restock_alert")}
        assert {"confirmed_at", "confirm_hash"}.isdisjoint(columns)
        kept = connection.execute(sa.text("select variant_id from restock_alert")).scalars()
        assert list(kept) == [1]
    command.upgrade(config, "head")
    engine.dispose()


def test_0047_writes_saved_postal_codes_one_way_and_keeps_an_address_once(
    database_url: str,
) -> None:
    """Checkout now keeps "1012lm" and "1012 LM" as one code; addresses saved before it in
    either form are rewritten, and an account's two that then read the same kept once."""
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    command.downgrade(config, "0046")
    engine = make_engine(url)
    now = datetime.now(UTC)
    with engine.begin() as connection:
        account = connection.execute(
            sa.text(
                "insert into account (email, name, password_hash, role, created_at)"
                " values ('jan@example.com', 'Jan', 'x', 'shopper', :now) returning id"
            ),
            {"now": now},
        ).scalar_one()
        other = connection.execute(
            sa.text(
                "insert into account (email, name, password_hash, role, created_at)"
                " values ('eva@example.com', 'Eva', 'x', 'shopper', :now) returning id"
            ),
            {"now": now},
        ).scalar_one()
        for owner, postal, country, line2 in (
            (account, "1012LM", "NL", ""), (account, "1012 LM", "NL", ""),
            (account, "1012lm", "NL", "2e etage"),  # another address: kept
            (other, "1012 LM", "NL", ""),  # another account's: kept
            (account, "12345", "SE", ""), (account, "D02X285", "IE", ""),
            (account, "L-1234", "LU", ""), (account, "75001", "FR", ""),
        ):  # fmt: skip
            connection.execute(
                sa.text(
                    "insert into saved_address (account_id, name, line1, line2, postal_code,"
                    " city, country, created_at) values (:a, 'Jan', 'Damrak 1', :l2, :p, 'X',"
                    " :c, :now)"
                ),
                {"a": owner, "p": postal.upper(), "c": country, "l2": line2, "now": now},
            )
    command.upgrade(config, "0047")
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text("select account_id, postal_code, country, line2 from saved_address order by id")
        ).all()
    assert [tuple(r) for r in rows] == [
        (account, "1012 LM", "NL", ""), (account, "1012 LM", "NL", "2e etage"),
        (other, "1012 LM", "NL", ""), (account, "123 45", "SE", ""),
        (account, "D02 X285", "IE", ""), (account, "1234", "LU", ""), (account, "75001", "FR", ""),
    ]  # fmt: skip
    command.upgrade(config, "head")
    engine.dispose()


def test_0049_values_the_withdrawal_statements_before_it_and_its_downgrade_drops_the_value(
    database_url: str,
) -> None:
    """Statements received before 0049 are valued from their order's lines as new ones are:
    1 × 60.00 of an order less a 10 % code, 54.00; then the rest (2 × 20.00), 36.00 and the
    standard delivery paid (4.90), the whole order being withdrawn. Run again it changes
    nothing; its downgrade drops the column and keeps the statements."""
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    command.downgrade(config, "0048")
    engine = make_engine(url)
    now = datetime.now(UTC)
    order_sql = (
        str(ORDER_AT_0037)
        .replace("'', 2500, 0, 0,", "'standard', 10000, 1000, 490,")
        .replace("'EUR', 2500,", "'EUR', 9490,")
    )
    with engine.begin() as connection:
        connection.execute(sa.insert(PRODUCT).values(slug="p", external_id="p", title="P"))
        product = connection.execute(sa.select(PRODUCT.c.id)).scalar_one()
        connection.execute(sa.text(order_sql), {"now": now})
        order = connection.execute(sa.text("select id from sales_order")).scalar_one()
        for sku, quantity, price in (("CHAIR", 2, 2_000), ("HEADSET", 1, 6_000)):
            connection.execute(
                sa.text(
                    "insert into order_line (order_id, product_id, quantity, unit_price_minor,"
                    " sku, title, options) values (:o, :p, :q, :u, :s, :s, '')"
                ),
                {"o": order, "p": product, "q": quantity, "u": price, "s": sku},
            )
        for key, items in (("k1", [(1, 1)]), ("k2", [(0, 2)])):
            connection.execute(
                sa.text(
                    "insert into withdrawal_statement (order_id, request_key, name, email, items,"
                    " received_at, locale) values (:o, :k, 'Gita', 'g@example.com', :i, :now,"
                    " 'en')"
                ),
                {
                    "o": order,
                    "k": key,
                    "now": now,
                    "i": json.dumps([{"line": n, "quantity": q} for n, q in items]),
                },
            )
    values = sa.text("select value_minor from withdrawal_statement order by id")
    command.upgrade(config, "0049")
    command.stamp(config, "0048")  # as a run stopped before it recorded its revision
    command.upgrade(config, "0049")
    with engine.connect() as connection:
        assert list(connection.execute(values).scalars()) == [5_400, 3_600 + 490]
    command.downgrade(config, "0048")
    with engine.connect() as connection:
        columns = {c["name"] for c in sa.inspect(connection).get_columns("withdrawal_statement")}
        assert "value_minor" not in columns
        assert (
            connection.execute(sa.text("select count(*) from withdrawal_statement")).scalar() == 2
        )
    command.upgrade(config, "head")
    engine.dispose()


def test_0050_confirms_only_addresses_proven_by_a_used_email_change_and_downgrades(
    database_url: str,
) -> None:
    """0050 records when an account's address was confirmed. Accounts from before start
    unconfirmed, but for one whose address came from an email change confirmed through its
    link (a used change naming its address now): confirmed at that use. A used password
    reset proves nothing (the store marks spent links used too). Going down drops the column
    and the links."""
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    command.downgrade(config, "0049")
    engine = make_engine(url)
    when = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    used = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    account = (
        "insert into account (email, name, password_hash, role, created_at)"
        " values (:e, '', 'x', 'shopper', :at)"
    )
    link = (
        "insert into {table} (token_hash, account_id, {extra}created_at, expires_at, used_at)"
        " values (:h, (select id from account where email = :e), {value}:at, :at, :used)"
    )
    change = link.format(table="email_change", extra="new_email, ", value=":new, ")
    reset = link.format(table="password_reset", extra="", value="")
    with engine.begin() as connection:
        for email in ("changed@example.com", "left@example.com", "reset@example.com"):
            connection.execute(sa.text(account), {"e": email, "at": when})
        rows = [
            # Changed to its address by a used link: proven.
            (change, "a", "changed@example.com", "changed@example.com", used),
            # A used change to an address the account no longer has, one never used.
            (change, "b", "left@example.com", "gone@example.com", used),
            (change, "c", "left@example.com", "left@example.com", None),
            (reset, "d", "reset@example.com", None, used),
        ]
        for statement, key, email, new, at in rows:
            values = {"h": key * 64, "e": email, "new": new, "at": when, "used": at}
            connection.execute(sa.text(statement), values)
    command.upgrade(config, "0050")
    command.upgrade(config, "0050")  # run again: nothing changes
    with engine.connect() as connection:
        found = connection.execute(
            sa.select(sa.column("email"), sa.column("email_confirmed_at", UtcDateTime()))
            .select_from(sa.table("account"))
            .order_by(sa.column("email"))
        ).all()
    assert [tuple(row) for row in found] == [
        ("changed@example.com", used),
        ("left@example.com", None),
        ("reset@example.com", None),
    ]
    command.downgrade(config, "0049")
    with engine.connect() as connection:
        inspector = sa.inspect(connection)
        assert "email_confirmed_at" not in {c["name"] for c in inspector.get_columns("account")}
        assert "email_confirmation" not in inspector.get_table_names()
        assert connection.execute(sa.text("select count(*) from account")).scalar() == 3
    command.upgrade(config, "head")
    engine.dispose()


def test_0051_names_cart_lines_by_their_variants_product_and_options_and_downgrades(
    database_url: str,
) -> None:
    """0051: a cart line keeps its variant's product and options, so a line whose variant is
    removed later is still named. Lines from before take them from their variant when it
    still exists (options in their stored order); one whose variant is gone already keeps
    none. Run again it changes nothing; its downgrade drops the columns, keeping the lines."""
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    engine = make_engine(url)
    command.downgrade(config, "0050")
    now = datetime.now(UTC)
    with engine.begin() as connection:
        product = connection.execute(
            sa.insert(PRODUCT).values(slug="shirt", external_id="shirt", title="Shirt")
        ).inserted_primary_key[0]
        connection.execute(
            sa.insert(VARIANT).values(
                sku="SH-M-W",
                product_id=product,
                price_minor=100,
                options={"size": "M", "colour": "White"},
            )
        )
        cart = connection.execute(
            sa.text("insert into cart (token_hash, updated_at) values ('t', :now) returning id"),
            {"now": now},
        ).scalar_one()
        for sku in ("SH-M-W", "GONE-1"):
            connection.execute(
                sa.text(
                    "insert into cart_line (cart_id, sku, quantity, price_seen_minor, added_at)"
                    " values (:c, :s, 1, 100, :now)"
                ),
                {"c": cart, "s": sku, "now": now},
            )
    command.upgrade(config, "0051")
    command.stamp(config, "0050")  # as a run stopped before it recorded its revision
    command.upgrade(config, "0051")
    named = sa.text("select sku, product_id, options from cart_line order by sku")
    with engine.connect() as connection:
        assert connection.execute(named).all() == [
            ("GONE-1", None, ""),
            ("SH-M-W", product, "M · White"),
        ]
    command.downgrade(config, "0050")
    with engine.connect() as connection:
        columns = {c["name"] for c in sa.inspect(connection).get_columns("cart_line")}
        assert {"product_id", "options"}.isdisjoint(columns)
        assert connection.execute(sa.text("select count(*) from cart_line")).scalar_one() == 2
    command.upgrade(config, "head")
    engine.dispose()


def test_0052_indexes_the_searches_folded_text_on_postgresql_and_its_downgrade_the_columns(
    database_url: str,
) -> None:
    """0052: the trigram indexes of 0025 and 0030 give way to ones on the text as the searches
    fold it, and come back on the way down; without pg_trgm there are none, and no error."""
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    engine = make_engine(url)
    columns = (
        "product_title",
        "product_external_id",
        "variant_sku",
        "account_email",
        "account_name",
    )
    on_columns = {f"ix_{c}_trgm" for c in columns}
    folded = {f"ix_{c}_fold_trgm" for c in columns}
    postgresql = engine.dialect.name == "postgresql"

    def trigram_indexes() -> set[str]:
        return {name for name in index_names(engine) if name.endswith("_trgm")}

    assert trigram_indexes() == (folded if postgresql else set())
    command.downgrade(config, "0051")
    assert trigram_indexes() == (on_columns if postgresql else set())
    command.upgrade(config, "0052")
    assert trigram_indexes() == (folded if postgresql else set())
    command.downgrade(config, "0051")
    if postgresql:  # a database where the extension could not be created
        with engine.begin() as connection:
            connection.execute(sa.text("drop extension pg_trgm cascade"))
        assert trigram_indexes() == set()
    command.upgrade(config, "head")
    assert trigram_indexes() == set()
    with engine.begin() as connection:  # the search reads the table instead
        connection.execute(
            sa.insert(PRODUCT).values(slug="mug", external_id="mug", title="Café crème mug")
        )
    assert SqlAdminCatalog(engine).count_products(ProductFilter(text="cafe", text_id=None)) == 1
    engine.dispose()


def test_0053_indexes_the_text_with_special_letters_spelled_out_and_its_downgrade_0052s(
    postgres_url: str,
) -> None:
    """0053: the admin searches' trigram indexes on the text as they fold it now, "Cœur" as
    "coeur", and back on 0052's folding on the way down."""
    url = postgres_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    engine = make_engine(url)

    def definitions() -> dict[str, str]:
        with engine.connect() as connection:
            rows = connection.execute(
                sa.text("select indexname, indexdef from pg_indexes where indexname like '%_trgm'")
            )
            return dict(rows.tuples().all())

    names = {
        "ix_product_title_fold_trgm",
        "ix_product_external_id_fold_trgm",
        "ix_variant_sku_fold_trgm",
        "ix_account_email_fold_trgm",
        "ix_account_name_fold_trgm",
    }
    spelled = "'œ'::text, 'oe'::text"
    now = definitions()
    assert (set(now), [n for n, d in now.items() if spelled not in d]) == (names, [])
    command.downgrade(config, "0052")
    before = definitions()
    assert (set(before), [n for n, d in before.items() if spelled in d]) == (names, [])
    command.upgrade(config, "head")
    assert definitions() == now
    engine.dispose()


def index_definition(engine: sa.Engine, name: str) -> str:
    """The index's CREATE statement as the database keeps it."""
    listed = (
        "select indexdef from pg_indexes where indexname = :name"
        if engine.dialect.name == "postgresql"
        else "select sql from sqlite_master where type = 'index' and name = :name"
    )
    with engine.connect() as connection:
        return str(connection.execute(sa.text(listed), {"name": name}).scalar_one())


def test_0056_refuses_skus_the_same_but_for_capitals_naming_them_then_makes_them_unique(
    database_url: str,
) -> None:
    """0056: with "AB-1" and "ab-1" both held, the upgrade is refused, naming them and their
    products, and nothing changes (the index stays as 0048 made it); once one is renamed it
    runs, and the database refuses such a SKU from then on. Other letters than A to Z are
    not folded, on PostgreSQL either ("É-1" and "é-1" are two SKUs, as the shop's check
    holds them). Its downgrade makes the index plain again."""
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    engine = make_engine(url)
    command.downgrade(config, "0055")
    with engine.begin() as connection:
        products = {}
        for slug in ("chair", "stool"):
            products[slug] = connection.execute(
                sa.insert(PRODUCT).values(slug=slug, external_id=f"ext-{slug}", title=slug)
            ).inserted_primary_key[0]
        for sku, slug in (("ab-1", "chair"), ("AB-1", "stool"), ("É-1", "chair"), ("é-1", "stool")):
            connection.execute(
                sa.insert(VARIANT).values(sku=sku, product_id=products[slug], price_minor=100)
            )
    plain = index_definition(engine, "ix_variant_sku_lower")
    assert "UNIQUE" not in plain
    skus = sa.text("select sku from variant order by id")
    with pytest.raises(RuntimeError) as refused:
        command.upgrade(config, "head")
    assert str(refused.value) == (
        "1 SKU(s) are held by several variants in different capitals, which the shop takes for"
        " one SKU: 'AB-1' (product 'ext-stool') and 'ab-1' (product 'ext-chair'). 0056 cannot"
        " make SKUs unique whatever their capitals while they are: rename all but one of each"
        " group in the admin (Products, edit the product, the variant's SKU), then migrate"
        " again; nothing was changed"
    )
    with engine.connect() as connection:
        assert connection.execute(sa.text("select version_num from alembic_version")).all() == [
            ("0055",)
        ]
        assert connection.execute(skus).scalars().all() == ["ab-1", "AB-1", "É-1", "é-1"]
    assert index_definition(engine, "ix_variant_sku_lower") == plain
    with engine.begin() as connection:
        connection.execute(sa.text("update variant set sku = 'AB-2' where sku = 'AB-1'"))
    command.upgrade(config, "head")
    command.check(config)
    assert "UNIQUE" in index_definition(engine, "ix_variant_sku_lower")
    with (
        pytest.raises(sa.exc.IntegrityError, match="ix_variant_sku_lower"),
        engine.begin() as connection,
    ):
        connection.execute(
            sa.insert(VARIANT).values(sku="Ab-1", product_id=products["stool"], price_minor=1)
        )
    command.downgrade(config, "0055")
    assert "UNIQUE" not in index_definition(engine, "ix_variant_sku_lower")
    with engine.begin() as connection:  # plain again: the shop's check alone refuses it
        connection.execute(
            sa.insert(VARIANT).values(sku="Ab-1", product_id=products["stool"], price_minor=1)
        )
        connection.execute(sa.text("delete from variant where sku = 'Ab-1'"))
    command.upgrade(config, "head")
    with engine.connect() as connection:
        assert connection.execute(skus).scalars().all() == ["ab-1", "AB-2", "É-1", "é-1"]
    engine.dispose()


def test_0058_records_when_offline_refunds_went_through_and_which_refunds_were_mailed(
    database_url: str,
) -> None:
    """0058: an offline refund before it went through when recorded; when a provider's went
    through is not known (None). The refunds of an order whose mails told what they make up
    are told; those of an order with a mail due (none sent yet, or some) are not, and the next
    mail there names no method (services/orders/refund_mail.py: told_outside). Run again it
    changes nothing; its downgrade drops both columns and keeps the refunds."""
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    command.downgrade(config, "0057")
    engine = make_engine(url)
    made = datetime.now(UTC) - timedelta(days=3)
    # order: (refunded, mailed), its refunds: (key, amount, status, method)
    orders = {
        1: ((1_500, 1_500), [("a", 1_000, "succeeded", ""), ("b", 500, "succeeded", "cheque")]),
        2: ((1_000, 0), [("c", 600, "succeeded", ""), ("d", 400, "succeeded", "cash")]),
        3: ((0, 0), [("e", 700, "failed", ""), ("f", 300, "pending", "")]),
        4: ((1_500, 1_000), [("g", 1_000, "succeeded", ""), ("h", 500, "succeeded", "")]),
    }
    ids = {}
    with engine.begin() as connection:
        for n, ((refunded, mailed), refunds) in orders.items():
            connection.execute(ORDER_AT_0037, {"now": made})
            order_id = connection.execute(sa.text("select max(id) from sales_order")).scalar()
            ids[n] = order_id
            connection.execute(
                sa.text(
                    "update sales_order set refunded_minor = :r, refund_mailed_minor = :m"
                    " where id = :o"
                ),
                {"r": refunded, "m": mailed, "o": order_id},
            )
            for key, amount, status, method in refunds:
                connection.execute(
                    sa.text(
                        "insert into order_refund (order_id, amount_minor, request_key, reason,"
                        " status, method, created_at) values (:o, :a, :k, '', :s, :m, :at)"
                    ),
                    {"o": order_id, "a": amount, "k": key, "s": status, "m": method, "at": made},
                )
    rows = sa.text(
        "select request_key, succeeded_at is not null, succeeded_at = created_at, refund_mailed"
        " from order_refund order by id"
    )
    expected = [
        ("a", False, None, True), ("b", True, True, True),  # told: all it made up
        ("c", False, None, False), ("d", True, True, False),  # a mail due
        ("e", False, None, False), ("f", False, None, False),  # never went through
        ("g", False, None, False), ("h", False, None, False),  # told some: which, not known
    ]  # fmt: skip

    def read() -> list[tuple[object, ...]]:
        with engine.connect() as connection:
            return [
                (key, bool(known), None if same is None else bool(same), bool(told))
                for key, known, same, told in connection.execute(rows)
            ]

    command.upgrade(config, "0058")
    assert read() == expected
    command.stamp(config, "0057")  # as a run stopped before it recorded its revision
    command.upgrade(config, "0058")
    assert read() == expected
    claims = SqlRefundMailStore(engine)
    for n in (2, 4):  # their mails due name no method: when the card's went is unknown
        claim = claims.claim_refund_mail(ids[n], datetime.now(UTC), datetime.now(UTC))
        assert claim is not None
        assert told_outside(claim) is None
    command.downgrade(config, "0057")
    with engine.connect() as connection:
        columns = {c["name"] for c in sa.inspect(connection).get_columns("order_refund")}
        assert not {"succeeded_at", "refund_mailed"} & columns
        assert connection.execute(sa.text("select count(*) from order_refund")).scalar() == 8
    command.upgrade(config, "head")
    engine.dispose()
