"""Cells of Shopify's format that Boutique's own does not have or writes otherwise."""

from __future__ import annotations

import json
from typing import Any

from storefront.services.catalog_csv import cells
from storefront.services.catalog_csv.html_text import html_to_text
from storefront.services.catalog_csv.problems import CellError, quoted
from storefront.services.catalog_limits import MAX_DESCRIPTION

_OPTION_SYNONYMS = {"color": "colour"}


def option_key(name: str) -> str:
    """Shopify's option label as a Boutique option key: 'Size' -> 'size', 'Color' -> 'colour'."""
    key = name.strip().casefold()
    return _OPTION_SYNONYMS.get(key, key)


def description(value: str) -> str:
    return cells.text(html_to_text(value), max_length=MAX_DESCRIPTION)


def option_name(value: str) -> str | None:
    key = option_key(value)
    if len(key) > cells.MAX_KEY:
        raise CellError(
            f"is longer than {cells.MAX_KEY} characters", "too_long", limit=cells.MAX_KEY
        )
    return key or None


def tags(value: str) -> tuple[str, ...]:
    tags = (t.strip() for t in value.split(","))
    found = tuple(dict.fromkeys(t for t in tags if t))
    for tag in found:
        if len(tag) > cells.MAX_OPTION_VALUE:
            raise CellError(
                f"tag {quoted(tag)} is longer than {cells.MAX_OPTION_VALUE} characters",
                "tag_too_long",
                name=quoted(tag),
                limit=cells.MAX_OPTION_VALUE,
            )
    return found


def attributes(value: str) -> dict[str, tuple[str, ...]]:
    """Boutique's attributes metafield: a JSON object of lists of text."""
    if not value.strip():
        return {}
    try:
        decoded: Any = json.loads(value)
    except ValueError:
        raise CellError("is not JSON", "not_json") from None
    if not isinstance(decoded, dict) or not all(
        isinstance(v, list) and all(isinstance(x, str) for x in v) for v in decoded.values()
    ):
        raise CellError(
            'is not a JSON object of lists of text, e.g. {"material": ["Oak"]}', "not_json_lists"
        )
    return {str(k): tuple(v) for k, v in decoded.items() if v}


def rating(value: str) -> float:
    """A plain number, or Shopify's rating value {"value": "4.5", "scale_max": "5.0"...}."""
    text = value.strip()
    if not text.startswith("{"):
        return cells.rating(text)
    try:
        decoded: Any = json.loads(text)
        scale_max = float(decoded.get("scale_max", 5))
        number = float(decoded["value"])
    except (ValueError, KeyError, TypeError, AttributeError):
        raise CellError(
            f"{quoted(text)} is not a rating", "not_a_rating", value=quoted(text)
        ) from None
    if scale_max <= 0:
        raise CellError(f"{quoted(text)} is not a rating", "not_a_rating", value=quoted(text))
    return cells.rating(str(round(number * 5 / scale_max, 4)))
