"""The Starlette app holding our routes; Reflex mounts itself inside it."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount, Route

from storefront.api.account_data import account_data
from storefront.api.admin_customer_data import customer_data
from storefront.api.admin_export import catalog_csv, orders_csv, refunds_csv
from storefront.api.body_limit import BodyLimit
from storefront.api.browser_ids import BrowserIds
from storefront.api.canonical_link import CanonicalLink
from storefront.api.health import cache_stats, healthz, readyz
from storefront.api.invoice import (
    admin_order_credit_note,
    admin_order_invoice,
    admin_order_reversal_invoice,
    order_credit_note,
    order_invoice,
    order_reversal_invoice,
)
from storefront.api.media import MediaFiles
from storefront.api.monitoring_access import monitoring_only
from storefront.api.not_found import NotFoundStatus
from storefront.api.observability import RequestObservation, metrics
from storefront.api.origin_check import OriginCheck
from storefront.api.outage_answer import OutageAnswer
from storefront.api.prerendered_paths import PrerenderedPaths
from storefront.api.robots_header import RobotsHeader
from storefront.api.route_preload import RoutePreload
from storefront.api.security_headers import SecurityHeaders
from storefront.api.session_cookie import end_session, start_session
from storefront.api.sitemap import robots_txt, sitemap_pages, sitemap_products, sitemap_xml
from storefront.api.stripe_webhook import stripe_webhook
from storefront.services.accounts.personal_data import DOWNLOAD_PATH
from storefront.services.admin.customers import CUSTOMER_DATA
from storefront.services.admin.exports import CATALOG_CSV
from storefront.services.admin.order_export import ORDERS_CSV
from storefront.services.admin.refund_export import REFUNDS_CSV
from storefront.services.invoices.credit_notes import ADMIN_CREDIT_NOTE_PATH, CREDIT_NOTE_PATH
from storefront.services.invoices.document import ADMIN_INVOICE_PATH, INVOICE_PATH
from storefront.services.invoices.reversal_invoices import (
    ADMIN_REVERSAL_INVOICE_PATH,
    REVERSAL_INVOICE_PATH,
)
from storefront.services.sitemap import INDEX_PATH, PAGES_PATH, PRODUCTS_PATH
from storefront.settings import get_settings


def build_api() -> Starlette:
    settings = get_settings()
    settings.media_dir.mkdir(parents=True, exist_ok=True)
    return Starlette(
        routes=[
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/robots.txt", robots_txt),
            Route(INDEX_PATH, sitemap_xml),
            Route(PAGES_PATH, sitemap_pages),
            Route(PRODUCTS_PATH.format(number="{number:int}"), sitemap_products),
            Route("/metrics", monitoring_only(metrics)),
            Route("/api/cache-stats", monitoring_only(cache_stats)),
            # Posted with a ticket, never a link (services/admin/exports.py).
            Route(CATALOG_CSV, catalog_csv, methods=["POST"]),
            Route(ORDERS_CSV, orders_csv, methods=["POST"]),
            Route(REFUNDS_CSV, refunds_csv, methods=["POST"]),
            Route(DOWNLOAD_PATH, account_data),
            Route(INVOICE_PATH, order_invoice),
            Route(ADMIN_INVOICE_PATH, admin_order_invoice),
            Route(CREDIT_NOTE_PATH, order_credit_note),
            Route(ADMIN_CREDIT_NOTE_PATH, admin_order_credit_note),
            Route(REVERSAL_INVOICE_PATH, order_reversal_invoice),
            Route(ADMIN_REVERSAL_INVOICE_PATH, admin_order_reversal_invoice),
            Route(CUSTOMER_DATA, customer_data, methods=["POST"]),
            Route("/api/stripe/webhook", stripe_webhook, methods=["POST"]),
            Route("/api/session", start_session, methods=["POST"]),
            Route("/api/session/end", end_session, methods=["POST"]),
            Mount(
                "/media", MediaFiles(directory=settings.media_dir, check_dir=False), name="media"
            ),
        ],
        middleware=[
            Middleware(RequestObservation),
            Middleware(SecurityHeaders),
            Middleware(OutageAnswer),  # inside those two: its 503 is counted and headed
            Middleware(BrowserIds),
            Middleware(RobotsHeader),
            Middleware(OriginCheck),
            Middleware(BodyLimit),
            Middleware(CanonicalLink),  # outside NotFoundStatus: a 404 names none
            Middleware(NotFoundStatus),  # outside RoutePreload: it sets the status
            Middleware(RoutePreload),
            Middleware(PrerenderedPaths),  # inside the rest: they see the path asked
        ],
    )
