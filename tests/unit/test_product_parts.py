"""A product's rating line and variant picker as compiled for the browser: numbers and
punctuation as the reader's language writes them."""

from __future__ import annotations

import reflex as rx

from components.rating import rating_line
from components.variant_picker import _group, variant_picker
from state.product_view import OptionGroup


def test_a_rating_is_written_with_the_readers_decimal_mark() -> None:
    # It was the number's JavaScript text: "4.5" on a French page, where 4,5 is written.
    compiled = str(rating_line(rx.Var.create(4.5), rx.Var.create(3)))
    assert "new Intl.NumberFormat(" in compiled
    assert ".format(4.5)" in compiled
    assert '"4.5"' not in compiled
    assert "(4.5).toString()" not in compiled


def test_a_chosen_option_and_the_sku_have_a_space_before_their_colon_in_french() -> None:
    french_colon = 'case JSON.stringify("fr"):  return ("\\u202f: ")'
    group = str(_group(rx.Var.create(OptionGroup(name="size"))))  # type: ignore[arg-type]
    assert french_colon in group  # "Taille : M", not "Taille: M"
    assert '": "' not in group.replace('return (": ")', "")
    picker = str(variant_picker())
    assert picker.count(french_colon) == 2  # each option, the SKU
    assert '": "' not in picker.replace('return (": ")', "")
