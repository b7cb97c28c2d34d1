"""The variant picker when not every combination of options exists (as a Shopify import
may give): a value leads to the variant a shopper can buy, and is marked by what it shows."""

from state.product_view import VariantItem, closest_variant, option_groups

VARIANTS = [
    VariantItem(sku="B40", options={"colour": "Black", "size": "40"}, stock=0),
    VariantItem(sku="B41", options={"colour": "Black", "size": "41"}, stock=4),
    VariantItem(sku="W42", options={"colour": "White", "size": "42"}, stock=2),
]
WHITE_42 = {"colour": "White", "size": "42"}


def test_a_value_without_the_exact_combination_leads_to_one_in_stock() -> None:
    shown = closest_variant(VARIANTS, WHITE_42, "colour", "Black")
    assert shown is not None
    assert shown.sku == "B41"


def test_the_exact_combination_wins_even_when_sold_out() -> None:
    shown = closest_variant(VARIANTS, {"colour": "Black", "size": "41"}, "size", "40")
    assert shown is not None
    assert shown.sku == "B40"


def test_a_value_is_marked_sold_out_only_when_what_it_shows_is() -> None:
    groups = option_groups(
        ["colour", "size"],
        {"colour": ["Black", "White"], "size": ["40", "41", "42"]},
        VARIANTS,
        WHITE_42,
    )
    marks = {g.name: {c.value: c.in_stock for c in g.choices} for g in groups}
    assert marks == {
        "colour": {"Black": True, "White": True},
        "size": {"40": False, "41": True, "42": True},
    }


def test_each_group_is_one_tab_stop_even_when_the_variant_lacks_its_option() -> None:
    """The chosen value is the group's Tab stop; a group with none chosen (this variant has
    no such option) offers its first, else the keyboard could not reach it at all."""
    groups = option_groups(
        ["colour", "size", "width"],
        {"colour": ["Black", "White"], "size": ["40", "41", "42"], "width": ["narrow", "wide"]},
        VARIANTS,
        WHITE_42,
    )
    stops = {g.name: [c.value for c in g.choices if c.tab_stop] for g in groups}
    assert stops == {"colour": ["White"], "size": ["42"], "width": ["narrow"]}
