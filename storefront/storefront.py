"""Builds the Reflex app: theme, pages with their load events, API routes. No logic here."""

from __future__ import annotations

import reflex as rx

from components.account_confirm import confirm_email_page
from components.account_email import email_link_page
from components.connection_notice import connection_overlay
from components.guest_orders import guest_orders_link_page
from components.i18n import page_title, page_title_with, pick
from components.page_meta import preview_tags
from components.restock_link import restock_link_page
from state.account import AccountState
from state.account_confirm import EmailConfirmState
from state.account_email import EMAIL_PATH, EmailChangeState
from state.account_security import AccountSecurityState
from state.address_book import AddressBookState
from state.admin.audit import AdminAuditState
from state.admin.catalog_io import AdminImportState
from state.admin.categories import AdminCategoriesState
from state.admin.customer_view import AdminCustomerState
from state.admin.customers import AdminCustomersState
from state.admin.dashboard import AdminDashboardState
from state.admin.discounts import AdminDiscountsState
from state.admin.guard import AdminState
from state.admin.merchandising import AdminMerchandisingState
from state.admin.orders import AdminOrdersState, AdminOrderState
from state.admin.policies import AdminPoliciesState
from state.admin.product_edit import AdminProductState
from state.admin.products import AdminProductsState
from state.admin.reviews import AdminReviewsState
from state.admin.stock import AdminStockState
from state.admin.team import AdminTeamState
from state.cart import CartState
from state.checkout import CheckoutState
from state.guest_orders import GuestOrdersState
from state.home import HomeState
from state.listing import ListingState
from state.nav import NavState
from state.order import OrderState
from state.order_history import OrderHistoryState
from state.policy import PolicyState
from state.product import ProductState
from state.restock import RestockState
from state.restock_link import RestockLinkState
from state.search_box import SearchBoxState
from state.wishlist import WishlistState
from state.withdraw_lookup import WithdrawLookupState
from storefront.api.routes import build_api
from storefront.event_failures import log_backend_exception
from storefront.lifespan import background_work
from storefront.logs import log_frontend_exception
from storefront.metrics import time_reflex_events
from storefront.pages.account import account_page, closed_page, reset_page, sign_in_page
from storefront.pages.admin.audit import audit_page
from storefront.pages.admin.catalog_io import catalog_io_page
from storefront.pages.admin.categories import categories_page
from storefront.pages.admin.customer_detail import customer_detail_page
from storefront.pages.admin.customers import customers_page
from storefront.pages.admin.dashboard import dashboard_page
from storefront.pages.admin.discounts import discounts_page
from storefront.pages.admin.merchandising import merchandising_page
from storefront.pages.admin.order_detail import order_detail_page
from storefront.pages.admin.orders import orders_page
from storefront.pages.admin.policies import policies_page
from storefront.pages.admin.product_edit import product_edit_page
from storefront.pages.admin.products import products_page
from storefront.pages.admin.reviews import reviews_page
from storefront.pages.admin.stock import stock_page
from storefront.pages.admin.team import team_page
from storefront.pages.cart import cart_page
from storefront.pages.category import category_page
from storefront.pages.checkout import checkout_page
from storefront.pages.home import home_page
from storefront.pages.not_found import not_found_page
from storefront.pages.order import order_page
from storefront.pages.policy import policy_page
from storefront.pages.product import product_page
from storefront.pages.withdraw import withdraw_page
from storefront.services.accounts.email_confirmation import CONFIRM_PATH as EMAIL_CONFIRM_PATH
from storefront.services.accounts.guest_orders import GUEST_ORDERS_PATH
from storefront.services.orders.withdrawal import WITHDRAW_PATH
from storefront.services.page_meta import HOME_TITLE, home_description
from storefront.services.policies import KINDS, policy_path
from storefront.services.restock_links import CONFIRM_PATH
from storefront.settings import get_settings
from storefront.socket_json import use_fast_json
from storefront.web_workers import respawn_dead_workers

STYLESHEETS = ["/boutique.css"]

app = rx.App(
    stylesheets=STYLESHEETS,
    # The pages' language until the browser knows the reader's (components/layout.py).
    html_lang=get_settings().language,
    head_components=[
        # Every page: a tab reloads itself once the shopper signs in or out in another one.
        rx.script(src="/session_watch.js"),
        # Arrow keys in option pickers, Escape in the search box (see there).
        rx.script(src="/keyboard.js"),
        # The focus on the new page's title after a link inside the shop (see there).
        rx.script(src="/page_focus.js"),
    ],
    api_transformer=build_api(),
    # A handler's crash goes to the shop's log (JSON, with the event's id), not Reflex's.
    backend_exception_handler=log_backend_exception,
    frontend_exception_handler=log_frontend_exception,
)
# The connection's notice in the page's language (components/connection_notice.py).
app.app_wraps[(5, "Overlay")] = connection_overlay
app.register_lifespan_task(background_work)
use_fast_json(app)
time_reflex_events()
respawn_dead_workers()  # see there for where this takes effect
# Pages of one shopper, the admin's, search results and the 404 page: never indexed. Written
# by the page's code; the server's answer for their paths says it too (api/robots_header.py).
NOINDEX = [{"name": "robots", "content": "noindex"}]
# What every page's header needs (department menu, cart count, the search box emptied off
# the results page), after the page's own data.
HEADER = [NavState.load, CartState.load, SearchBoxState.page_opened]
app.add_page(
    home_page,
    route="/",
    title=HOME_TITLE,
    description=home_description(get_settings().language),
    on_load=[HomeState.load, *HEADER],
)
app.add_page(
    category_page,
    route="/category/[slug]",
    # An unknown category's page says "Page not found" in the tab, as the 404 page does
    # (the server answers it with a 404 status: api/not_found.py).
    title=rx.cond(
        ListingState.not_found, page_title("title.not_found"), pick(ListingState.page_titles)
    ),
    description=pick(ListingState.descriptions),
    meta=preview_tags(pick(ListingState.page_titles), pick(ListingState.descriptions)),
    on_load=[ListingState.load, *HEADER],
)
app.add_page(
    category_page,
    route="/search",
    meta=NOINDEX,
    title=pick(ListingState.page_titles),
    description=pick(ListingState.descriptions),
    on_load=[ListingState.load, *HEADER],
)
app.add_page(
    product_page,
    route="/product/[slug]",
    title=rx.cond(ProductState.not_found, page_title("title.not_found"), ProductState.page_title),
    description=ProductState.meta_description,
    image=ProductState.og_image,  # type: ignore[arg-type]  # a Var works: it is a tag's content
    meta=preview_tags(ProductState.page_title, ProductState.meta_description, "product"),
    on_load=[ProductState.load, WishlistState.load_ids, *HEADER],
)
app.add_page(
    sign_in_page,
    route="/account/sign-in",
    meta=NOINDEX,
    title=page_title("title.sign_in"),
    on_load=[AccountState.load_sign_in_page, WishlistState.say_why_sign_in, *HEADER],
)
app.add_page(
    reset_page,
    route="/account/reset",
    meta=NOINDEX,
    title=page_title("title.reset"),
    on_load=[AccountState.load_reset_page, *HEADER],
)
app.add_page(
    email_link_page,
    route=EMAIL_PATH,
    meta=NOINDEX,
    title=page_title("title.email"),
    on_load=[EmailChangeState.load_link_page, *HEADER],
)
app.add_page(
    confirm_email_page,
    route=EMAIL_CONFIRM_PATH,
    meta=NOINDEX,
    title=page_title("title.confirm_email"),
    on_load=[EmailConfirmState.load_link_page, *HEADER],
)
app.add_page(
    guest_orders_link_page,
    route=GUEST_ORDERS_PATH,
    meta=NOINDEX,
    title=page_title("title.guest_orders"),
    on_load=[GuestOrdersState.load_link_page, *HEADER],
)
app.add_page(
    restock_link_page,
    route=CONFIRM_PATH,
    meta=NOINDEX,
    title=page_title("restock.link.title"),
    on_load=[RestockLinkState.load, *HEADER],
)
app.add_page(
    closed_page,
    route="/account/closed",
    meta=NOINDEX,
    title=page_title("title.closed"),
    on_load=[AccountSecurityState.load_closed, *HEADER],
)
app.add_page(
    account_page,
    route="/account",
    meta=NOINDEX,
    title=page_title("title.account"),
    on_load=[
        AccountState.load_account_page,
        OrderHistoryState.load,
        AddressBookState.load,
        WishlistState.load,
        RestockState.load,
        *HEADER,
    ],
)
app.add_page(
    cart_page,
    route="/cart",
    meta=NOINDEX,
    title=page_title("title.cart"),
    on_load=[CartState.load, NavState.load, SearchBoxState.page_opened],
)
app.add_page(
    checkout_page,
    route="/checkout",
    meta=NOINDEX,
    title=page_title("title.checkout"),
    on_load=[CheckoutState.load, NavState.load, SearchBoxState.page_opened],
)
app.add_page(
    order_page,
    route="/order/[reference]",
    title=rx.cond(
        OrderState.found,
        page_title_with("order.heading", reference=OrderState.reference),
        rx.cond(
            OrderState.loaded,
            page_title("order.not_found_title"),
            page_title("title.order"),
        ),
    ),
    # One shopper's order, found or not: never indexed. (A 404 status would need the
    # order's key or the visitor's session checked before the page is served: for
    # references that exist, it would tell a stranger so.)
    meta=NOINDEX,
    on_load=[OrderState.load, *HEADER],
)
# The withdrawal function for a guest without the order's link (the footer links it).
app.add_page(
    withdraw_page,
    route=WITHDRAW_PATH,
    title=page_title("withdraw.guest.title"),
    meta=NOINDEX,
    on_load=[WithdrawLookupState.load, *HEADER],
)
# The shop's policies, a page each (the footer links them all).
for kind in KINDS:
    app.add_page(
        policy_page(kind),
        route=policy_path(kind),
        title=page_title(f"policy.title.{kind}"),
        on_load=[PolicyState.load, *HEADER],
    )
app.add_page(
    not_found_page,
    route="404",
    title=page_title("title.not_found"),
    meta=NOINDEX,
    on_load=HEADER,
)

# The merchandiser admin: every page checks the role on the server before showing anything.
ADMIN_PAGES = [
    (dashboard_page, "/admin", "admin.nav.dashboard", AdminDashboardState.load_page),
    (discounts_page, "/admin/discounts", "admin.nav.discounts", AdminDiscountsState.load_page),
    (products_page, "/admin/products", "admin.nav.products", AdminProductsState.load_page),
    (product_edit_page, "/admin/products/[id]", "admin.product.page", AdminProductState.load_page),
    (
        categories_page,
        "/admin/categories",
        "admin.nav.categories",
        AdminCategoriesState.load_page,
    ),
    (stock_page, "/admin/stock", "admin.nav.stock", AdminStockState.load_page),
    (catalog_io_page, "/admin/import", "admin.nav.import", AdminImportState.load_page),
    (orders_page, "/admin/orders", "admin.nav.orders", AdminOrdersState.load_page),
    (order_detail_page, "/admin/orders/[id]", "admin.order.title", AdminOrderState.load_page),
    (
        merchandising_page,
        "/admin/merchandising",
        "admin.nav.merchandising",
        AdminMerchandisingState.load_page,
    ),
    (policies_page, "/admin/policies", "admin.nav.policies", AdminPoliciesState.load_page),
    (reviews_page, "/admin/reviews", "admin.nav.reviews", AdminReviewsState.load_page),
    (customers_page, "/admin/customers", "admin.nav.customers", AdminCustomersState.load_page),
    (
        customer_detail_page,
        "/admin/customers/[id]",
        "admin.customer.title",
        AdminCustomerState.load_page,
    ),
    (team_page, "/admin/team", "admin.nav.team", AdminTeamState.load_page),
    (audit_page, "/admin/audit", "admin.nav.audit", AdminAuditState.load_page),
]
for page, route, title_key, load in ADMIN_PAGES:
    app.add_page(
        page,
        route=route,
        title=page_title(title_key, "Boutique admin"),
        meta=NOINDEX,
        on_load=[AdminState.load, load],
    )
