"""Categories named by their path of names from the department down ("Home > Chairs"), and
brands by name, as drafts and catalog files name them: looked up, and created when missing."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from storefront.services.category_tree import CategoryTree
from storefront.services.ports import UnitOfWork
from storefront.services.slugs import slugify, unique_slug


@dataclass(frozen=True, slots=True)
class CategorySpec:
    """A category to exist, named by its path of names from the department down."""

    path: tuple[str, ...]
    name_i18n: Mapping[str, str] = field(default_factory=dict)
    facet_keys: tuple[str, ...] = ()
    description: str = ""


def category_paths(tree: CategoryTree) -> dict[tuple[str, ...], int]:
    """Every category's path of names, root first, mapped to its id."""
    paths: dict[tuple[str, ...], int] = {}
    stack = list(tree.roots())
    while stack:
        node = stack.pop()
        paths[tuple(n.name for n in tree.ancestors(node.id))] = node.id
        stack.extend(tree.children(node.id))
    return paths


def new_category_paths(
    known: Collection[tuple[str, ...]], paths: Iterable[tuple[str, ...]]
) -> tuple[tuple[str, ...], ...]:
    """The paths, and the paths of their parents, not among `known`: once each, parents first."""
    new: dict[tuple[str, ...], None] = {}
    for path in paths:
        for depth in range(1, len(path) + 1):
            if path[:depth] not in known:
                new.setdefault(path[:depth])
    return tuple(new)


def ensure_categories(uow: UnitOfWork, specs: Iterable[CategorySpec]) -> dict[tuple[str, ...], int]:
    """Create the categories that do not exist yet (parents first); return ids by path."""
    nodes = uow.catalog.categories()
    paths = category_paths(CategoryTree(nodes))
    taken = {node.slug for node in nodes}
    for spec in specs:
        for depth in range(1, len(spec.path) + 1):
            path = spec.path[:depth]
            if path in paths:
                continue
            leaf = depth == len(spec.path)
            slug = slugify(path[-1])
            if slug in taken and depth > 1:
                slug = slugify(f"{path[-2]} {path[-1]}")
            slug = unique_slug(slug, taken.__contains__)
            taken.add(slug)
            paths[path] = uow.catalog.add_category(
                slug=slug,
                name=path[-1],
                parent_id=paths[path[:-1]] if depth > 1 else None,
                position=len(paths),
                name_i18n=dict(spec.name_i18n) if leaf else {},
                facet_keys=list(spec.facet_keys) if leaf else [],
                description=spec.description if leaf else "",
            )
    return paths


def ensure_brands(uow: UnitOfWork, names: set[str]) -> dict[str, int]:
    """Create the brands that do not exist yet; return ids by name, case folded."""
    existing = uow.catalog.brands()
    brands = {b.name.casefold(): b.id for b in existing}
    taken = {b.slug for b in existing}
    for name in sorted(names):
        if name.casefold() in brands:
            continue
        slug = unique_slug(slugify(name), taken.__contains__)
        taken.add(slug)
        brands[name.casefold()] = uow.catalog.add_brand(slug=slug, name=name.strip())
    return brands
