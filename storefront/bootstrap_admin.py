"""Wires the merchandiser admin: its desks on the SQL adapters, sharing the shop's unit of
work, event publishing, media store, mailer and payment parts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from storefront.adapters.sql_admin_catalog import SqlAdminCatalog
from storefront.adapters.sql_admin_customers import SqlCustomerStore
from storefront.adapters.sql_admin_orders import SqlAdminOrders
from storefront.adapters.sql_audit import SqlAuditLog, SqlTeamStore
from storefront.adapters.sql_catalog_imports import SqlImportStaging
from storefront.adapters.sql_discounts import SqlDiscountAdmin
from storefront.adapters.sql_download_tickets import SqlTicketStore
from storefront.adapters.sql_merchandising import SqlMerchandisingStore
from storefront.adapters.sql_offline_refunds import SqlOfflineRefundStore
from storefront.adapters.sql_policies import SqlPolicyStore
from storefront.adapters.sql_reviews import SqlReviewStore
from storefront.adapters.sql_stock_admin import SqlStockAdmin
from storefront.services.accounts.ports import Mailer
from storefront.services.admin.access import NewMember, Team
from storefront.services.admin.analytics import Analytics
from storefront.services.admin.audit import AuditLog
from storefront.services.admin.catalog_desk import CatalogDesk
from storefront.services.admin.catalog_import import CatalogImports
from storefront.services.admin.categories import CategoryDesk
from storefront.services.admin.customers import CloseAccount, CustomerDesk, PersonalData
from storefront.services.admin.discounts import DiscountAdmin
from storefront.services.admin.exports import ExportDesk
from storefront.services.admin.merchandising_desk import MerchandisingDesk
from storefront.services.admin.offline_refund_desk import OfflineRefundDesk
from storefront.services.admin.order_desk import OrderDesk
from storefront.services.admin.orders import AdminOrders
from storefront.services.admin.policies import PolicyAdmin
from storefront.services.admin.reviews import ReviewModeration
from storefront.services.admin.stock import StockAdmin
from storefront.services.checkout.service import Checkout
from storefront.services.inventory import Inventory
from storefront.services.orders.ports import OrderStore
from storefront.services.orders.refunds import Refunds
from storefront.services.policies import Policies
from storefront.services.ports import MediaStore
from storefront.services.reviews import Reviews
from storefront.services.search.hybrid import HybridSearch
from storefront.services.use_cases import UseCaseRunner
from storefront.settings import Settings


@dataclass
class Admin:
    """The merchandiser's use cases; each takes the acting staff member and checks its
    permission itself (`team.make_admin`, for the command line, is the one exception)."""

    team: Team
    audit: AuditLog
    discounts: DiscountAdmin
    orders: OrderDesk
    offline_refunds: OfflineRefundDesk  # refunds made outside the payment provider
    catalog: CatalogDesk
    categories: CategoryDesk
    imports: CatalogImports
    policies: PolicyAdmin
    reviews: ReviewModeration
    customers: CustomerDesk
    exports: ExportDesk
    currency: str
    merchandising: MerchandisingDesk | None = None  # set once the shop (its index) exists


@dataclass(frozen=True)
class AdminParts:
    """What the admin takes from the shop's accounts, orders and payments."""

    session_account: Callable[[str, datetime], int | None]
    orders: OrderStore
    inventory: Inventory
    mailer: Mailer
    checkout: Checkout | None
    refunds: Refunds | None
    policies: Policies  # the shoppers' reads, dropped from the cache when a text is saved
    reviews: Reviews  # the product pages' reads, dropped when a review is shown or hidden
    personal_data: PersonalData  # what a shopper downloads of their account
    close_account: CloseAccount  # the shopper's own closing, for a merchant on request
    new_member: NewMember  # a shopper's account given a role chooses its password by mail
    # CustomerCancel.release: the merchant gives up a shopper's stuck cancel request.
    release_cancel: Callable[[int, datetime, int | None, str], None] | None = None
    # CustomerCancel.cancel_for_shop: the merchant cancels a paid order, refunded in full.
    cancel_paid: Callable[[int, datetime, int | None, str], object] | None = None


def build_admin(
    settings: Settings, engine: Engine, run: UseCaseRunner, media: MediaStore, parts: AdminParts
) -> Admin:
    audit = SqlAuditLog(engine)
    tickets = SqlTicketStore(engine)
    orders = AdminOrders(
        SqlAdminOrders(engine),
        parts.orders,
        parts.inventory,
        parts.mailer,
        public_url=settings.public_url,
        abandon=parts.checkout.abandon if parts.checkout else None,
        withdrawal_days=settings.withdrawal_days,
        zone=settings.zone,
    )
    return Admin(
        imports=CatalogImports(SqlImportStaging(engine), run, settings.currency),
        catalog=CatalogDesk(
            SqlAdminCatalog(engine),
            StockAdmin(SqlStockAdmin(engine), run.publish),
            media=media,
            run=run,
            currency=settings.currency,
        ),
        categories=CategoryDesk(run, base_locale=settings.catalog_locale),
        team=Team(SqlTeamStore(engine), parts.session_account, parts.new_member),
        audit=audit,
        policies=PolicyAdmin(SqlPolicyStore(engine), parts.policies),
        reviews=ReviewModeration(SqlReviewStore(engine), parts.reviews),
        customers=CustomerDesk(
            SqlCustomerStore(engine),
            audit,
            parts.personal_data,
            parts.close_account,
            tickets,
        ),
        exports=ExportDesk(tickets, run, orders, settings.zone),
        discounts=DiscountAdmin(SqlDiscountAdmin(engine), settings.currency, settings.zone),
        orders=OrderDesk(
            orders,
            parts.refunds,
            audit,
            staff_refund_limit_minor=settings.staff_refund_limit_minor,
            release_cancel=parts.release_cancel,
            cancel_paid=parts.cancel_paid,
        ),
        offline_refunds=OfflineRefundDesk(
            orders,
            SqlOfflineRefundStore(engine, settings.zone),
            staff_refund_limit_minor=settings.staff_refund_limit_minor,
        ),
        currency=settings.currency,
    )


def merchandising_desk(
    index: Callable[[], HybridSearch], engine: Engine, analytics: Analytics
) -> MerchandisingDesk:
    return MerchandisingDesk(index, SqlMerchandisingStore(engine), analytics)
