from state.admin.product_images import image_choices


def test_an_images_choices_are_its_products_values_named_by_option_when_it_has_several() -> None:
    colours = [("colour", "Navy"), ("colour", "Rust")]
    assert image_choices(colours, ["", "Navy"]) == [["Navy", "Navy"], ["Rust", "Rust"]]
    both = [("colour", "Navy"), ("size", "M")]
    assert image_choices(both, []) == [["Navy", "colour: Navy"], ["M", "size: M"]]


def test_a_value_an_image_shows_that_no_variant_has_stays_a_choice_once() -> None:
    """Its select says what the image shows rather than "(all)", until changed."""
    assert image_choices([("colour", "Navy")], ["Sage", "", "Sage"]) == [
        ["Navy", "Navy"],
        ["Sage", "Sage"],
    ]
    assert image_choices([], ["Sage"]) == [["Sage", "Sage"]]
