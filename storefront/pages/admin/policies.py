"""Admin: the shop's policies in each language, which are still the defaults, and the form
that edits one or resets it to the shop's default."""

from __future__ import annotations

import reflex as rx

from components.admin_badge import tinted_badge
from components.admin_form import admin_text_area, confirmed, edit_card
from components.admin_shell import admin_shell
from components.admin_table import table_head
from components.i18n import named, t
from state.admin.policies import AdminPoliciesState as S
from state.admin.policies import PolicyItem
from storefront.i18n import LANGUAGE_NAMES, LOCALES
from storefront.services.policies import KINDS


def _kind(kind: rx.Var[str]) -> rx.Var[str]:
    return named(kind, "policy.title", KINDS)


def _language(locale: rx.Var[str]) -> rx.Var[str]:
    return rx.match(locale, *[(loc, LANGUAGE_NAMES[loc]) for loc in LOCALES], locale)


def _row(item: PolicyItem) -> rx.Component:
    return rx.table.row(
        rx.table.cell(_kind(item.kind)),
        rx.table.cell(_language(item.locale)),
        rx.table.cell(
            rx.cond(
                item.is_default,
                tinted_badge(t("admin.policy.default"), color_scheme="orange"),
                tinted_badge(t("admin.policy.custom"), color_scheme="green"),
            ),
            data_testid="policy-state",
        ),
        rx.table.cell(
            rx.hstack(
                rx.button(
                    t("admin.edit"),
                    size="1",
                    variant="soft",
                    on_click=S.edit(item.kind, item.locale),
                    # Which one, for a list of the page's buttons: ten read "Edit" (QA).
                    aria_label=t("admin.edit").to(str)
                    + " "
                    + _kind(item.kind).to(str)
                    + " ("
                    + _language(item.locale).to(str)
                    + ")",
                    data_testid=f"policy-edit-{item.kind}-{item.locale}",
                ),
                rx.link(t("admin.policy.view"), href="/policies/" + item.kind, size="2"),
                align="center",
            )
        ),
        data_testid="policy-row",
    )


def _reset() -> rx.Component:
    """Back to the shop's default text, asked first: the merchant's text is deleted. Offered
    only for a text of the merchant's."""
    return rx.cond(
        ~S.editing_default,
        confirmed(
            rx.button(
                t("admin.policy.reset"),
                type="button",
                variant="soft",
                color_scheme="orange",
                data_testid="policy-reset",
            ),
            "admin.policy.reset_title",
            rx.button(
                t("admin.policy.reset"),
                color_scheme="orange",
                high_contrast=True,  # white on orange-9 reads at 2.9:1
                on_click=S.reset_to_default,
                data_testid="policy-reset-confirm",
            ),
            t("admin.policy.reset_body"),
        ),
    )


def _form() -> rx.Component:
    return rx.cond(
        S.editing_kind != "",
        edit_card(
            S,
            "policy",
            rx.heading(
                _kind(S.editing_kind), " · ", _language(S.editing_locale), size="4", as_="h2"
            ),
            admin_text_area("admin.policy.text", "body", S.errors, default=S.form_body, rows="18"),
            also=[_reset()],
        ),
    )


def policies_page() -> rx.Component:
    return admin_shell(
        "admin.nav.policies",
        rx.text(t("admin.policy.intro"), size="2"),
        rx.cond(
            S.defaults_left,
            rx.callout(
                t("admin.policy.defaults_left"),
                icon="info",
                color_scheme="orange",
                high_contrast=True,  # orange-11 on its tint reads at 3.98:1
                data_testid="policy-defaults-left",
            ),
        ),
        _form(),
        rx.table.root(
            table_head(
                "admin.policy.kind", "admin.policy.locale", "admin.policy.state", "admin.actions"
            ),
            rx.table.body(rx.foreach(S.items, _row)),
            width="100%",
        ),
    )
