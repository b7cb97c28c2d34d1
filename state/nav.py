"""Department navigation for the header and the home page."""

from __future__ import annotations

from collections.abc import Collection

import reflex as rx

from state.shop import call_cached, shop
from state.view_models import NavChild, NavItem, labels_of
from storefront.services.category_tree import CategoryTree


def nav_items(tree: CategoryTree, shown: Collection[int]) -> list[NavItem]:
    """The departments and their categories that hold an active product (`shown`)."""
    return [
        NavItem(
            labels=labels_of(root),
            href=f"/category/{root.slug}",
            slug=root.slug,
            children=[
                NavChild(labels=labels_of(child), href=f"/category/{child.slug}")
                for child in tree.children(root.id)
                if child.id in shown
            ],
        )
        for root in tree.roots()
        if root.id in shown
    ]


class NavState(rx.State):
    departments: list[NavItem] = []  # noqa: RUF012 (Reflex state vars are declared this way)

    @rx.event
    async def load(self) -> None:
        catalog = shop().catalog
        tree = await call_cached(catalog.tree)
        self.departments = nav_items(tree, set(await call_cached(catalog.shown_categories)))
