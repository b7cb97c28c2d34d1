"""ordered options and attributes: a variant's options and a product's attributes keep the
order the merchant gave them on PostgreSQL too (JSON rather than JSONB, which sorts an
object's keys by length). The product page listed attributes and option pickers in JSONB's
order, and a catalog export read back re-titled variants ("36 / Off-White" became
"Off-White / 36"), each counted as updated (QA). The options' order comes back from each
variant's title where it names them all; the attributes keep JSONB's until next saved.

Revision ID: 0044
Revises: 0043
Create Date: 2026-12-06 17:00:00
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0044"
down_revision: str | None = "0043"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (("variant", "options"), ("product", "attributes"))
BATCH = 1000


def _type(table: str, column: str) -> str:
    found = {c["name"]: c["type"] for c in sa.inspect(op.get_bind()).get_columns(table)}
    return type(found[column]).__name__.lower()


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return  # SQLite keeps JSON as the text written
    # Each table is rewritten under an exclusive lock (a second or two for 5,000 products):
    # waiting for it behind a long transaction would queue every page behind the ALTER, so
    # the migration gives up instead, and scripts/serve's next start tries again.
    op.execute("SET LOCAL lock_timeout = '10s'")
    for table, column in COLUMNS:
        if _type(table, column) == "jsonb":
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE json USING {column}::text::json")
    _options_in_title_order()


def _options_in_title_order() -> None:
    connection = op.get_bind()
    last = 0
    while True:
        rows = connection.execute(
            sa.text(
                "select id, title, options::text from variant where id > :last order by id"
                " limit :batch"
            ),
            {"last": last, "batch": BATCH},
        ).all()
        if not rows:
            return
        last = rows[-1][0]
        for variant_id, title, text in rows:
            options = json.loads(text or "{}")
            ordered = in_title_order(options, title or "")
            if list(ordered) != list(options):
                connection.execute(
                    sa.text("update variant set options = cast(:options as json) where id = :id"),
                    {"options": json.dumps(ordered), "id": variant_id},
                )


def in_title_order(options: dict[str, str], title: str) -> dict[str, str]:
    """The options in the order the title names their values ("36 / Off-White"), when it
    names each of them once; else as they are."""
    parts = title.split(" / ")
    values = list(options.values())
    if len(options) < 2 or not all(isinstance(v, str) for v in values):
        return options
    if sorted(parts) != sorted(values):
        return options
    left = dict(options)
    ordered = {}
    for part in parts:
        name = next(n for n, value in left.items() if value == part)
        ordered[name] = left.pop(name)
    return ordered


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in COLUMNS:
        if _type(table, column) == "json":
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE jsonb USING {column}::jsonb")
