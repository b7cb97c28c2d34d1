"""email confirmed: an account records when its owner proved they receive mail at its
address (a link mailed to it and used), and the links mailed to confirm it

Existing accounts start unconfirmed, with one exception: an account whose address came from
an email change confirmed through its link (an email_change row used, naming the account's
address as it is now) was proven then. That row is such a proof and nothing else is: an
email becomes the new one only when its own link is used (services/accounts/
email_change.py), and while an account has an address no change to that same address can be
asked, so a used change naming the current address means its link was opened (a spent
sibling link naming it too is spent by that very use, or a later one). Such accounts are
confirmed at the latest use of those links. Used password resets prove nothing here: the
store marks a link "used" when it spends it (a password changed from the account page spends
the reset links still open), so a used row cannot tell a link opened from one never opened.

Revision ID: 0050
Revises: 0049
Create Date: 2026-12-09 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0050"
down_revision: str | None = "0049"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "email_confirmation"
COLUMN = "email_confirmed_at"
# Run each time (a run cut short after adding the column confirmed none): only accounts not
# confirmed yet are written.
PROVEN_BY_EMAIL_CHANGE = """
UPDATE account SET email_confirmed_at = (
    SELECT max(c.used_at) FROM email_change c
    WHERE c.account_id = account.id AND c.new_email = account.email AND c.used_at IS NOT NULL
)
WHERE email_confirmed_at IS NULL AND EXISTS (
    SELECT 1 FROM email_change c
    WHERE c.account_id = account.id AND c.new_email = account.email AND c.used_at IS NOT NULL
)
"""


def _columns() -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns("account")}


def upgrade() -> None:
    if COLUMN not in _columns():  # added in place, as 0046 adds restock's confirmed_at
        op.add_column("account", sa.Column(COLUMN, sa.DateTime(timezone=True), nullable=True))
    if TABLE not in sa.inspect(op.get_bind()).get_table_names():  # run again: made already
        op.create_table(
            TABLE,
            sa.Column("token_hash", sa.String(length=64), nullable=False),
            sa.Column("account_id", sa.Integer(), nullable=False),
            sa.Column("email", sa.String(length=254), nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
            sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("token_hash"),
        )
    op.create_index(
        "ix_email_confirmation_account_id", TABLE, ["account_id"], if_not_exists=True
    )
    op.execute(PROVEN_BY_EMAIL_CHANGE)


def downgrade() -> None:
    op.drop_table(TABLE, if_exists=True)
    if COLUMN in _columns():  # dropped in place (SQLite 3.35+ can), as 0046 drops its own
        op.execute(f"ALTER TABLE account DROP COLUMN {COLUMN}")
