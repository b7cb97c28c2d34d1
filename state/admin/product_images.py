"""The admin product page's images as it draws them, and the choices of what each is shown
for."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass
class ImageItem:
    path: str = ""  # as the product stores it: what the image actions name
    src: str = ""  # its URL
    alt: str = ""
    shows: str = ""  # the option value it shows (a colour), if any


def image_choices(pairs: Sequence[tuple[str, str]], shown: Sequence[str]) -> list[list[str]]:
    """The images' select's [value, label]s: each option value, named with its option when
    the product has more than one ("colour: Navy"), then any value an image shows that no
    variant has any more (it stays what that image's select says)."""
    named = len({name for name, _ in pairs}) > 1
    choices = [[value, f"{name}: {value}" if named else value] for name, value in pairs]
    known = {value for value, _ in choices}
    return choices + [[v, v] for v in dict.fromkeys(shown) if v and v not in known]
