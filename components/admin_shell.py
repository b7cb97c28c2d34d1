"""The admin's frame: a side menu of sections, who is signed in, the last action's outcome,
and a refusal in place of a page its visitor may not open."""

from __future__ import annotations

import reflex as rx

from components.admin_badge import named_badge
from components.focus_note import focus_after
from components.header import language_switch
from components.i18n import pick, t, t_with
from components.layout import document_language, skip_link
from components.status_note import status_note
from models.admin import Role
from state.admin.guard import AdminState
from storefront.settings import get_settings

SECTIONS = (
    ("admin.nav.dashboard", "/admin", "chart-line"),
    ("admin.nav.products", "/admin/products", "package"),
    ("admin.nav.categories", "/admin/categories", "folder-tree"),
    ("admin.nav.stock", "/admin/stock", "boxes"),
    ("admin.nav.import", "/admin/import", "file-up"),
    ("admin.nav.orders", "/admin/orders", "receipt"),
    ("admin.nav.customers", "/admin/customers", "contact"),
    ("admin.nav.discounts", "/admin/discounts", "ticket-percent"),
    ("admin.nav.merchandising", "/admin/merchandising", "sparkles"),
    ("admin.nav.policies", "/admin/policies", "scale"),
    ("admin.nav.reviews", "/admin/reviews", "message-square-text"),
    ("admin.nav.team", "/admin/team", "users"),
    ("admin.nav.audit", "/admin/audit", "scroll-text"),
)
ADMINS_ONLY = {"/admin/team"}


def _section(key: str, href: str, icon: str) -> rx.Component:
    link = rx.link(
        rx.hstack(rx.icon(icon, size=16, aria_hidden="true"), rx.text(t(key))),
        href=href,
        underline="hover",
        color_scheme="gray",
        high_contrast=True,
        data_testid=f"admin-nav-{href.rsplit('/', 1)[-1] or 'dashboard'}",
    )
    # The team is the admins' alone: staff would find the page refused.
    return rx.cond(AdminState.is_admin, link) if href in ADMINS_ONLY else link


def _menu() -> rx.Component:
    # Beside the page, or on a phone's width above it, its links wrapping in rows
    # (assets/boutique.css, .admin-menu).
    return rx.el.nav(
        rx.link(
            rx.hstack(rx.icon("shopping-bag", size=20), rx.text("Boutique admin", weight="bold")),
            href="/admin",
            underline="none",
            high_contrast=True,
        ),
        *[_section(key, href, icon) for key, href, icon in SECTIONS],
        rx.separator(class_name="admin-menu-rule"),
        rx.link(t("admin.nav.storefront"), href="/", size="2"),
        aria_label=t("admin.nav.label"),
        class_name="admin-menu",
    )


def _outcome() -> rx.Component:
    return rx.fragment(
        # In a region drawn before it (a region drawn with its text is not always read; QA).
        status_note(
            AdminState.notice.contains("en"),
            rx.callout(
                pick(AdminState.notice),
                icon="check",
                color_scheme="green",
                high_contrast=True,  # green-11 on its tint read at 4.28:1 (axe)
                tab_index=-1,  # the focus lands here when the action's button went
                data_testid="admin-notice",
            ),
            changes=AdminState.notices,
            # An action whose button goes (a canceled order's Cancel, a published review's
            # Publish) left the focus on the page's body: the reader lands on what it did.
            data_step=focus_after(
                "admin_notice", AdminState.notices, '[data-testid="admin-notice"]'
            ),
        ),
        rx.cond(
            AdminState.problem.contains("en"),
            rx.callout(
                pick(AdminState.problem),
                icon="triangle-alert",
                color_scheme="red",
                high_contrast=True,  # as the notice: the tint's own text is near 4.5:1
                role="alert",
                data_testid="admin-problem",
            ),
        ),
    )


def _denied() -> rx.Component:
    by_role = AdminState.denied == "admin.error.role"  # staff, on a page for admins
    # In a <main>, as every page's content: a screen reader's "main" landmark finds it (QA).
    return rx.el.main(
        rx.center(
            rx.card(
                rx.cond(
                    by_role,
                    rx.vstack(
                        rx.heading(t("admin.denied.role_title"), size="5", as_="h1"),
                        rx.text(t("admin.denied.role_body")),
                        rx.link(t("admin.nav.dashboard"), href="/admin"),
                        spacing="3",
                    ),
                    rx.vstack(
                        rx.heading(t("admin.denied.title"), size="5", as_="h1"),
                        rx.text(t("admin.denied.body")),
                        rx.link(
                            t("account.sign_in"),
                            href="/account/sign-in",
                            data_testid="admin-sign-in",
                        ),
                        spacing="3",
                    ),
                ),
                max_width="420px",
                data_testid="admin-denied",
            ),
            min_height="80vh",
        ),
        id="main",
        lang=document_language(),
    )


def back_link(key: str, href: str) -> rx.Component:
    """ "← All orders": back from one item to its list (the arrow is in the text)."""
    return rx.link(t(key), href=href, size="2", class_name="tap-line", data_testid="admin-back")


def _zone_note() -> rx.Component:
    """Which clock the page's dates and times are read on: the shop's (components/money.py's
    shop_date), which a merchant reading from another zone would not guess."""
    return rx.text(
        t_with("admin.zone_note", zone=get_settings().timezone),
        size="1",
        color_scheme="gray",
        margin_top="1em",
        data_testid="admin-zone",
    )


def admin_shell(title_key: str, *children: rx.Component) -> rx.Component:
    return rx.cond(
        AdminState.denied != "",
        _denied(),
        rx.el.div(
            skip_link(),  # the shopper pages' own: past the menu, to the page
            _menu(),
            rx.el.main(
                rx.vstack(
                    rx.hstack(
                        rx.heading(t(title_key), size="6", as_="h1"),
                        rx.spacer(),
                        named_badge(
                            AdminState.staff_role, "admin.role", Role, data_testid="admin-role"
                        ),
                        rx.text(
                            AdminState.staff_email,
                            size="2",
                            color_scheme="gray",
                            class_name="line-1",
                            max_width="100%",
                        ),
                        language_switch(),
                        width="100%",
                        align="center",
                        wrap="wrap",
                    ),
                    _outcome(),
                    *children,
                    _zone_note(),
                    spacing="4",
                    width="100%",
                ),
                id="main",
                tab_index=-1,  # the skip link's target takes the focus, as the shop's
                class_name="admin-main",
            ),
            class_name="admin-frame",
            # The admin's language on its frame and, by the hook it carries, on <html>:
            # the page was declared English whatever language it was read in.
            lang=document_language(),
        ),
    )
