"""checkout orders payments discounts addresses wishlist

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 17:23:23.879566
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('discount_code',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.Column('min_subtotal_minor', sa.Integer(), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('usage_limit', sa.Integer(), nullable=True),
    sa.Column('used_count', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('used_count >= 0', name='ck_discount_used'),
    sa.CheckConstraint('value > 0', name='ck_discount_value'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code')
    )
    op.create_table('saved_address',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('line1', sa.String(length=200), nullable=False),
    sa.Column('line2', sa.String(length=200), nullable=False),
    sa.Column('postal_code', sa.String(length=16), nullable=False),
    sa.Column('city', sa.String(length=120), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('saved_address', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_saved_address_account_id'), ['account_id'], unique=False)

    op.create_table('order_refund',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('amount_minor', sa.Integer(), nullable=False),
    sa.Column('request_key', sa.String(length=80), nullable=False),
    sa.Column('provider_refund_id', sa.String(length=255), nullable=True),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('amount_minor > 0', name='ck_refund_amount'),
    sa.ForeignKeyConstraint(['order_id'], ['sales_order.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('provider_refund_id'),
    sa.UniqueConstraint('request_key', name='uq_refund_request')
    )
    with op.batch_alter_table('order_refund', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_order_refund_order_id'), ['order_id'], unique=False)

    op.create_table('payment_event',
    sa.Column('id', sa.String(length=255), nullable=False),
    sa.Column('type', sa.String(length=80), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['sales_order.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('payment_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payment_event_order_id'), ['order_id'], unique=False)

    op.create_table('wishlist_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('account_id', 'product_id', name='uq_wishlist_product')
    )
    with op.batch_alter_table('wishlist_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wishlist_item_account_id'), ['account_id'], unique=False)

    with op.batch_alter_table('order_line', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sku', sa.String(length=120), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('title', sa.String(length=300), nullable=False, server_default=''))

    with op.batch_alter_table('sales_order', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reference', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('access_key', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('account_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('cart_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('locale', sa.String(length=5), nullable=False, server_default='en'))
        batch_op.add_column(sa.Column('email', sa.String(length=254), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('ship_name', sa.String(length=120), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('ship_line1', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('ship_line2', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('ship_postal_code', sa.String(length=16), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('ship_city', sa.String(length=120), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('ship_country', sa.String(length=2), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('shipping_method', sa.String(length=16), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('subtotal_minor', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('discount_code', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('discount_minor', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('shipping_minor', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('vat_rate', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('vat_minor', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('refunded_minor', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('payment_intent_id', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('payment_error', sa.String(length=300), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('paid_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('confirmation_sent_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()))
        batch_op.create_index(batch_op.f('ix_sales_order_account_id'), ['account_id'], unique=False)
        batch_op.create_unique_constraint('uq_sales_order_reference', ['reference'])
        batch_op.create_unique_constraint('uq_sales_order_payment_intent', ['payment_intent_id'])
        batch_op.create_foreign_key('fk_sales_order_account', 'account', ['account_id'], ['id'])



def downgrade() -> None:
    with op.batch_alter_table('sales_order', schema=None) as batch_op:
        batch_op.drop_constraint('fk_sales_order_account', type_='foreignkey')
        batch_op.drop_constraint('uq_sales_order_payment_intent', type_='unique')
        batch_op.drop_constraint('uq_sales_order_reference', type_='unique')
        batch_op.drop_index(batch_op.f('ix_sales_order_account_id'))
        batch_op.drop_column('updated_at')
        batch_op.drop_column('confirmation_sent_at')
        batch_op.drop_column('paid_at')
        batch_op.drop_column('payment_error')
        batch_op.drop_column('payment_intent_id')
        batch_op.drop_column('refunded_minor')
        batch_op.drop_column('vat_minor')
        batch_op.drop_column('vat_rate')
        batch_op.drop_column('shipping_minor')
        batch_op.drop_column('discount_minor')
        batch_op.drop_column('discount_code')
        batch_op.drop_column('subtotal_minor')
        batch_op.drop_column('shipping_method')
        batch_op.drop_column('ship_country')
        batch_op.drop_column('ship_city')
        batch_op.drop_column('ship_postal_code')
        batch_op.drop_column('ship_line2')
        batch_op.drop_column('ship_line1')
        batch_op.drop_column('ship_name')
        batch_op.drop_column('email')
        batch_op.drop_column('cart_id')
        batch_op.drop_column('locale')
        batch_op.drop_column('account_id')
        batch_op.drop_column('access_key')
        batch_op.drop_column('reference')

    with op.batch_alter_table('order_line', schema=None) as batch_op:
        batch_op.drop_column('title')
        batch_op.drop_column('sku')

    with op.batch_alter_table('wishlist_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wishlist_item_account_id'))

    op.drop_table('wishlist_item')
    with op.batch_alter_table('payment_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payment_event_order_id'))

    op.drop_table('payment_event')
    with op.batch_alter_table('order_refund', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_order_refund_order_id'))

    op.drop_table('order_refund')
    with op.batch_alter_table('saved_address', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_saved_address_account_id'))

    op.drop_table('saved_address')
    op.drop_table('discount_code')
