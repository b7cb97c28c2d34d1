"""Categories named by their path of names from the department down ("Home > Chairs"), and
brands by name, as drafts and catalog files name them: looked up, and created when missing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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


def path_key(path: Iterable[str]) -> tuple[str, ...]:
    """A path of category names as it is matched: whatever its capitals and surrounding spaces
    ("lighting > table lamps" is "Lighting > Table Lamps"), as brands are matched."""
    return tuple(name.strip().casefold() for name in path)


def category_paths(tree: CategoryTree) -> dict[tuple[str, ...], int]:
    """Every category's path of names, root first, as matched (path_key), mapped to its id.
    Of two siblings named alike but for capitals (made before names were matched so), the
    older one (the lower id) is the one a path names."""
    paths: dict[tuple[str, ...], int] = {}
    stack = list(tree.roots())
    while stack:
        node = stack.pop()
        key = path_key(n.name for n in tree.ancestors(node.id))
        if key not in paths or node.id < paths[key]:
            paths[key] = node.id
        stack.extend(tree.children(node.id))
    return paths


def spelled_paths(tree: CategoryTree) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Every category's path as matched (path_key), mapped to its names as the shop has them."""
    return {
        key: tuple(n.name for n in tree.ancestors(category_id))
        for key, category_id in category_paths(tree).items()
    }


def new_category_paths(
    known: Mapping[tuple[str, ...], tuple[str, ...]], paths: Iterable[tuple[str, ...]]
) -> tuple[tuple[str, ...], ...]:
    """The paths, and the paths of their parents, whose keys (path_key) are not among `known`
    (spelled_paths): once each whatever their capitals, parents first. A parent is spelt as
    the shop has it, else as first written: "Lighting > Lamps" then "lighting > Desk" create
    "Lighting > Desk", as the save does."""
    new: dict[tuple[str, ...], tuple[str, ...]] = {}
    for path in paths:
        for depth in range(1, len(path) + 1):
            key = path_key(path[:depth])
            if key in known or key in new:
                continue
            parent = (known.get(key[:-1]) or new.get(key[:-1]) or ()) if depth > 1 else ()
            new[key] = (*parent, path[depth - 1].strip())
    return tuple(new.values())


def ensure_categories(uow: UnitOfWork, specs: Iterable[CategorySpec]) -> dict[tuple[str, ...], int]:
    """Create the categories that do not exist yet (parents first), matching paths whatever
    their capitals; return ids by path_key."""
    nodes = uow.catalog.categories()
    paths = category_paths(CategoryTree(nodes))
    taken = {node.slug for node in nodes}
    for spec in specs:
        for depth in range(1, len(spec.path) + 1):
            path = tuple(name.strip() for name in spec.path[:depth])
            key = path_key(path)
            if key in paths:
                continue
            leaf = depth == len(spec.path)
            slug = slugify(path[-1])
            if slug in taken and depth > 1:
                slug = slugify(f"{path[-2]} {path[-1]}")
            slug = unique_slug(slug, taken.__contains__)
            taken.add(slug)
            paths[key] = uow.catalog.add_category(
                slug=slug,
                name=path[-1],
                parent_id=paths[key[:-1]] if depth > 1 else None,
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
