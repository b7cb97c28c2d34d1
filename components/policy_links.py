"""Links to the shop's policies: every one in the footer, and the terms and refund policy by
checkout's pay button."""

from __future__ import annotations

import reflex as rx

from components.i18n import t, t_with
from storefront.services.orders.withdrawal import WITHDRAW_PATH
from storefront.services.policies import KINDS, policy_path
from storefront.settings import get_settings


def policy_links() -> rx.Component:
    """Every policy's page, as the footer lists them."""
    return rx.el.nav(
        *[
            rx.link(
                t(f"policy.title.{kind}"),
                href=policy_path(kind),
                size="2",
                color_scheme="gray",
                high_contrast=True,
                data_testid=f"footer-policy-{kind}",
            )
            for kind in KINDS
        ],
        # The withdrawal function, reachable without an account or the order's link.
        rx.link(
            t("withdraw.footer"),
            href=WITHDRAW_PATH,
            size="2",
            color_scheme="gray",
            high_contrast=True,
            data_testid="footer-withdraw",
        ),
        aria_label=t("policy.footer"),
        class_name="policy-links",
    )


def _inline_link(key: str, kind: str) -> rx.Component:
    """A policy's link inside a sentence, opened in a new tab so the form stays filled."""
    return rx.link(
        t(key),
        href=policy_path(kind),
        is_external=True,
        underline="always",  # a link inside a sentence is told from it by more than colour
        data_testid=f"accept-{kind}",
    )


def acceptance_note() -> rx.Component:
    """By the pay button: placing the order accepts the terms of sale (no box to tick), with
    the terms and the refund policy a click away."""
    return rx.text(
        t("policy.accept.start"),
        " ",
        _inline_link("policy.accept.terms", "terms"),
        " ",
        t("policy.accept.and"),
        " ",
        _inline_link("policy.accept.refund", "refund"),
        " ",
        t_with("policy.accept.end", days=str(get_settings().withdrawal_days)),
        size="1",
        color_scheme="gray",
        data_testid="accept-note",
    )
