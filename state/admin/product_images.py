"""The admin product page's images as it draws them, and the choices of what each is shown
for."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from storefront.i18n import LOCALES, attribute_lines


@dataclass
class ImageItem:
    path: str = ""  # as the product stores it: what the image actions name
    src: str = ""  # its URL
    alt: str = ""
    shows: str = ""  # the option value it shows (a colour), if any


@dataclass
class ImageChoice:
    value: str = ""  # the option value saved for the image
    labels: dict[str, str] = field(default_factory=dict)  # how the select names it, by locale


def _as_it_is(value: str) -> ImageChoice:
    return ImageChoice(value, dict.fromkeys(LOCALES, value))


def image_choices(pairs: Sequence[tuple[str, str]], shown: Sequence[str]) -> list[ImageChoice]:
    """The images' select's choices: each option value, named with its option's label as
    the shop shows it when the product has more than one ("Colour: Navy", "Couleur : Navy"),
    then any value an image shows that no variant has any more (it stays what that image's
    select says)."""
    named = len({name for name, _ in pairs}) > 1
    choices = [
        ImageChoice(value, attribute_lines([(name, value)])) if named else _as_it_is(value)
        for name, value in pairs
    ]
    known = {c.value for c in choices}
    return choices + [_as_it_is(v) for v in dict.fromkeys(shown) if v and v not in known]
