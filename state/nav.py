"""Department navigation for the header and the home page."""

from __future__ import annotations

import reflex as rx

from state.shop import call_cached, shop
from state.view_models import NavChild, NavItem, labels_of
from storefront.services.category_tree import CategoryTree


def nav_items(tree: CategoryTree) -> list[NavItem]:
    return [
        NavItem(
            labels=labels_of(root),
            href=f"/category/{root.slug}",
            slug=root.slug,
            children=[
                NavChild(labels=labels_of(child), href=f"/category/{child.slug}")
                for child in tree.children(root.id)
            ],
        )
        for root in tree.roots()
    ]


class NavState(rx.State):
    departments: list[NavItem] = []  # noqa: RUF012 (Reflex state vars are declared this way)

    @rx.event
    async def load(self) -> None:
        tree = await call_cached(shop().catalog.tree)
        self.departments = nav_items(tree)
