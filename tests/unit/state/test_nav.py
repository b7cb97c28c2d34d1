"""The header's departments and their categories: those holding an active product only."""

from __future__ import annotations

from models.views import CategoryNode
from state.nav import nav_items
from storefront.services.category_tree import CategoryTree

TREE = CategoryTree(
    [
        CategoryNode(1, None, "furniture", "Furniture"),
        CategoryNode(2, 1, "chairs", "Chairs"),
        CategoryNode(3, 1, "tables", "Tables", position=1),
        CategoryNode(4, None, "furnitur", "Furnitur", position=1),  # a typo, emptied since
    ]
)


def test_departments_and_categories_without_an_active_product_are_left_out() -> None:
    items = nav_items(TREE, {1, 2})
    assert [item.href for item in items] == ["/category/furniture"]
    assert [child.href for child in items[0].children] == ["/category/chairs"]
    assert nav_items(TREE, set()) == []
