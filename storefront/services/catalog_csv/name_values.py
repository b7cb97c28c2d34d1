"""The generic format's name=value cells: a variant's options and a product's attributes."""

from __future__ import annotations

from storefront.services.catalog_csv.cells import MAX_KEY, MAX_OPTION_VALUE, split_escaped, unescape
from storefront.services.catalog_csv.problems import CellError, quoted


def options(value: str) -> dict[str, str]:
    """'size=M; colour=Navy' -> {'size': 'M', 'colour': 'Navy'}."""
    found: dict[str, str] = {}
    for key, raw in _pairs(value):
        option = unescape(raw.strip())
        if not option:
            raise CellError(
                f"option {quoted(key)} has no value", "option_no_value", name=quoted(key)
            )
        if len(option) > MAX_OPTION_VALUE:
            raise CellError(
                f"value of {quoted(key)} is longer than {MAX_OPTION_VALUE} characters",
                "option_too_long",
                name=quoted(key),
                limit=MAX_OPTION_VALUE,
            )
        found[key] = option
    return found


def attributes(value: str) -> dict[str, tuple[str, ...]]:
    """'material=Oak|Walnut; style=Nordic' -> {'material': ('Oak', 'Walnut'), ...}."""
    found: dict[str, tuple[str, ...]] = {}
    for key, raw in _pairs(value):
        values = tuple(
            dict.fromkeys(v for v in (unescape(p.strip()) for p in split_escaped(raw, "|")) if v)
        )
        if not values:
            raise CellError(
                f"attribute {quoted(key)} has no value", "attribute_no_value", name=quoted(key)
            )
        found[key] = values
    return found


def _pairs(value: str) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for piece in split_escaped(value, ";"):
        if not piece.strip():
            continue
        parts = split_escaped(piece, "=")
        if len(parts) > 2 and "," in piece:  # the product form's way: "size=M, colour=Blue"
            raise CellError(
                f"{quoted(piece.strip())} holds several: separate them with ; in a catalog file",
                "pairs_with_commas",
                value=quoted(piece.strip()),
            )
        if len(parts) != 2:
            raise CellError(
                f"{quoted(piece.strip())} is not name=value",
                "not_pair",
                value=quoted(piece.strip()),
            )
        key = unescape(parts[0].strip())
        if not key:
            raise CellError(
                f"{quoted(piece.strip())} has no name before =",
                "pair_no_name",
                value=quoted(piece.strip()),
            )
        if len(key) > MAX_KEY:
            raise CellError(
                f"name {quoted(key)} is longer than {MAX_KEY} characters",
                "name_too_long",
                name=quoted(key),
                limit=MAX_KEY,
            )
        if any(key == seen for seen, _ in pairs):
            raise CellError(f"names {quoted(key)} twice", "name_twice", name=quoted(key))
        pairs.append((key, parts[1]))
    return pairs
