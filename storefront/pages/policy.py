"""A shop policy's page (/policies/terms, ...): its title and its text."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

from components.i18n import t
from components.layout import page_shell
from components.policy_text import policy_text


def policy_page(kind: str) -> Callable[[], rx.Component]:
    """The page of the policy `kind` (services.policies.KINDS)."""

    def page() -> rx.Component:
        return page_shell(
            rx.el.article(
                rx.heading(t(f"policy.title.{kind}"), size="7", as_="h1"),
                policy_text(),
                max_width="72ch",
                display="flex",
                flex_direction="column",
                gap="1em",
                data_testid=f"policy-{kind}",
            )
        )

    page.__name__ = f"policy_{kind}_page"
    return page
