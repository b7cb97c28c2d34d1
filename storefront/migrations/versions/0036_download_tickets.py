"""admin download tickets (a customer's data is downloaded by posting one, no longer by a
plain link), and no email left in the audit entries of accounts closed on request

Every step checks first, so a run stopped midway finishes on the next one.

Revision ID: 0036
Revises: 0035
Create Date: 2026-12-04 16:30:00
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0036"
down_revision: str | None = "0035"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "admin_download_ticket"
INDEX = "ix_admin_download_ticket_expires_at"
AUDIT = sa.table(
    "admin_audit",
    sa.column("id", sa.Integer()),
    sa.column("action", sa.String()),
    sa.column("before", sa.Text()),
)


def upgrade() -> None:
    if not sa.inspect(op.get_bind()).has_table(TABLE):
        op.create_table(
            TABLE,
            sa.Column("ticket_hash", sa.String(64), nullable=False),
            sa.Column("staff_id", sa.Integer(), nullable=False),
            sa.Column("subject", sa.String(120), nullable=False),
            sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
            sa.ForeignKeyConstraint(["staff_id"], ["account.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("ticket_hash"),
        )
    if INDEX not in {i["name"] for i in sa.inspect(op.get_bind()).get_indexes(TABLE)}:
        op.create_index(INDEX, TABLE, ["expires_at"])
    _forget_closed_emails()


def _forget_closed_emails() -> None:
    """The entries written before this revision when a merchant closed an account kept its
    email (GDPR: it must go with the account); the account id and the closing stay."""
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(AUDIT.c.id, AUDIT.c.before).where(AUDIT.c.action == "customer.close")
    ).all()
    for entry_id, before in rows:
        try:
            values = json.loads(before) if before else None
        except ValueError:
            values = None
        if not isinstance(values, dict) or "email" not in values:
            continue
        values.pop("email")
        kept = json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)
        connection.execute(sa.update(AUDIT).where(AUDIT.c.id == entry_id).values(before=kept))


def downgrade() -> None:
    # The emails taken out of the audit log are not put back.
    if INDEX in {i["name"] for i in sa.inspect(op.get_bind()).get_indexes(TABLE)}:
        op.drop_index(INDEX, table_name=TABLE)
    if sa.inspect(op.get_bind()).has_table(TABLE):
        op.drop_table(TABLE)
