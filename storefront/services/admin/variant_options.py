"""A variant's options as the product form writes them: "size=M, colour=Blue" (or with
semicolons, the catalog file's way), read into a mapping and written back."""

from __future__ import annotations

from collections.abc import Mapping

from storefront.services.catalog_csv.cells import escape, split_escaped, unescape

MAX_OPTION = 120  # an option value may name an image (product_image.option_value)
MAX_OPTIONS_TEXT = 5_000  # all of a variant's options, "size=M, colour=Blue"
# Separate options ("size=M; colour=Blue" was one option: size, "M; colour=Blue"), or split
# one: a value holding one is written with a backslash before it.
_SPECIALS = ",;="


class OptionRepeated(ValueError):
    """A variant's options name one option twice ('size=M, size=L')."""


def parse_options(value: str | Mapping[str, str]) -> dict[str, str]:
    """'size=M, colour=Blue' or 'size=M; colour=Blue' (the catalog file's way), or a mapping,
    to {'size': 'M', 'colour': 'Blue'}; a backslash keeps the next character ('width=10\\,5
    cm', as format_options writes a value the catalog file gave). Raise ValueError on a part
    without '=' or with two, an empty name or value, a name given twice, or text longer than
    MAX_OPTIONS_TEXT."""
    if isinstance(value, str) and len(value.strip()) > MAX_OPTIONS_TEXT:
        raise ValueError("options too long")
    pairs = (
        list(value.items())
        if isinstance(value, Mapping)
        else [_split(part) for part in _pieces(value) if part.strip()]
    )
    options: dict[str, str] = {}
    for raw_name, raw_value in pairs:
        name, option = raw_name.strip(), raw_value.strip()
        if not name or not option or len(option) > MAX_OPTION or len(name) > MAX_OPTION:
            raise ValueError(f"bad option {name!r}={option!r}")
        if name in options:
            raise OptionRepeated(f"option {name!r} given twice")
        options[name] = option
    return options


def format_options(options: Mapping[str, str]) -> str:
    """The text form of options, as parse_options reads it back."""
    return ", ".join(f"{escape(n, _SPECIALS)}={escape(v, _SPECIALS)}" for n, v in options.items())


def _pieces(text: str) -> list[str]:
    return [piece for part in split_escaped(text, ";") for piece in split_escaped(part, ",")]


def _split(part: str) -> tuple[str, str]:
    name_value = split_escaped(part, "=")
    if len(name_value) != 2:
        raise ValueError(f"{part!r} is not name=value")
    return unescape(name_value[0]), unescape(name_value[1])
