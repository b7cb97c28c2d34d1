"""The category tree: lookups by slug, ancestors for breadcrumbs, subtrees for listings."""

from __future__ import annotations

from collections.abc import Iterable

from models.views import CategoryNode


class CategoryTree:
    """An immutable index over all categories, built once and cached."""

    __slots__ = ("_by_id", "_by_slug", "_children", "_subtree")

    def __init__(self, nodes: Iterable[CategoryNode]) -> None:
        self._by_id = {node.id: node for node in nodes}
        self._by_slug = {node.slug: node for node in self._by_id.values()}
        children: dict[int | None, list[CategoryNode]] = {}
        for node in self._by_id.values():
            parent = node.parent_id if node.parent_id in self._by_id else None
            children.setdefault(parent, []).append(node)
        for siblings in children.values():
            siblings.sort(key=lambda n: (n.position, n.name.casefold()))
        self._children = {key: tuple(value) for key, value in children.items()}
        self._subtree: dict[int, frozenset[int]] = {}

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, category_id: int | None) -> CategoryNode | None:
        return None if category_id is None else self._by_id.get(category_id)

    def by_slug(self, slug: str) -> CategoryNode | None:
        return self._by_slug.get(slug)

    def roots(self) -> tuple[CategoryNode, ...]:
        """Top-level categories (departments), in display order."""
        return self._children.get(None, ())

    def children(self, category_id: int) -> tuple[CategoryNode, ...]:
        return self._children.get(category_id, ())

    def ancestors(self, category_id: int | None) -> tuple[CategoryNode, ...]:
        """From the root down to the category itself; empty for an unknown id."""
        path: list[CategoryNode] = []
        seen: set[int] = set()
        node = self.get(category_id)
        while node is not None and node.id not in seen:
            seen.add(node.id)
            path.append(node)
            node = self.get(node.parent_id)
        return tuple(reversed(path))

    def subtree_ids(self, category_id: int) -> frozenset[int]:
        """The category and all its descendants."""
        cached = self._subtree.get(category_id)
        if cached is not None:
            return cached
        ids: set[int] = set()
        stack = [category_id]
        while stack:
            current = stack.pop()
            if current in ids:
                continue
            ids.add(current)
            stack.extend(child.id for child in self.children(current))
        result = frozenset(ids)
        self._subtree[category_id] = result
        return result

    def chain_ids(self, category_id: int | None) -> tuple[int, ...]:
        """Ids of the category and its ancestors: what a product change there invalidates."""
        return tuple(node.id for node in self.ancestors(category_id))

    def facet_keys(self, category_id: int | None) -> tuple[str, ...]:
        """The nearest facet keys set on the category or one of its ancestors."""
        for node in reversed(self.ancestors(category_id)):
            if node.facet_keys:
                return node.facet_keys
        return ()
