"""A policy's page (terms of sale, refunds...): its text in every language, cut into
paragraphs and lists, the language the shopper reads switched in the browser."""

from __future__ import annotations

from dataclasses import dataclass, field

import reflex as rx

from state.shop import call_cached, shop, with_database
from storefront.i18n import LOCALES
from storefront.services.policies import KINDS, blocks


@dataclass
class PolicyBlock:
    """A paragraph (one item) or a list of the text in `locale`."""

    locale: str = ""
    is_list: bool = False
    lines: list[str] = field(default_factory=list)


def policy_blocks(kind: str) -> list[PolicyBlock]:
    """The policy's text in every language (each page shows its reader's)."""
    policies = with_database(shop().policies, "policies")
    return [
        PolicyBlock(locale, block.is_list, list(block.items))
        for locale in LOCALES
        for block in blocks(policies.policy(kind, locale).body)
    ]


class PolicyState(rx.State):
    kind: str = ""
    blocks: list[PolicyBlock] = []  # noqa: RUF012

    @rx.event
    async def load(self) -> None:
        """The policy the path names (/policies/terms); every route is a kind's."""
        kind = self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
        if kind not in KINDS:
            self.kind, self.blocks = "", []
            return
        self.blocks = await call_cached(policy_blocks, kind)
        self.kind = kind
