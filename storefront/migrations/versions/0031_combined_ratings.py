"""combined ratings: the imported/seeded figures move to imported_rating and
imported_review_count; rating and review_count become those with the published reviews

Every step checks first, so a run stopped midway finishes on the next one (SQLite commits
each statement on its own); the copy and the combination are one statement.

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-11 10:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0031"
down_revision: str | None = "0030"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PUBLISHED = "from product_review r where r.product_id = product.id and r.status = 'published'"
COUNT = f"(select count(*) {PUBLISHED})"
TOTAL = f"(select coalesce(sum(r.rating), 0) {PUBLISHED})"
# The published reviews alone, as a product with no imported figures shows them once done.
ALONE = f"case when {COUNT} = 0 then 0.0 else cast({TOTAL} as double precision) / {COUNT} end"
# One statement: its SET clauses all read the row as it was, so the copy and the combination
# happen together or not at all. On a second run (one stopped before its stamp), a row already
# done has its imported columns set, or, with none imported, shows its published reviews
# alone: left as it is. (A row not yet done whose imported figures happen to equal both the
# count and the average of its published reviews would be taken for done: too unlikely to
# weigh against a copy that could count reviews twice.)
COPY_AND_COMBINE = f"""
update product set
  imported_rating = rating,
  imported_review_count = review_count,
  review_count = review_count + {COUNT},
  rating = case when review_count + {COUNT} = 0 then 0.0
    else (rating * review_count + {TOTAL}) / (review_count + {COUNT}) end
where imported_rating = 0 and imported_review_count = 0
  and not (review_count = {COUNT} and rating = {ALONE})
"""


def upgrade() -> None:
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("product")}
    if "imported_rating" not in columns:
        op.add_column(
            "product",
            sa.Column("imported_rating", sa.Float(), nullable=False, server_default="0"),
        )
    if "imported_review_count" not in columns:
        op.add_column(
            "product",
            sa.Column("imported_review_count", sa.Integer(), nullable=False, server_default="0"),
        )
    op.execute(COPY_AND_COMBINE)


def downgrade() -> None:
    op.execute("update product set rating = imported_rating, review_count = imported_review_count")
    op.drop_column("product", "imported_review_count")
    op.drop_column("product", "imported_rating")
