from state.admin.product_images import ImageChoice, image_choices


def _same(value: str) -> ImageChoice:
    return ImageChoice(value, {"en": value, "fr": value})


def test_an_images_choices_are_its_products_values_named_by_option_when_it_has_several() -> None:
    colours = [("colour", "Navy"), ("colour", "Rust")]
    assert image_choices(colours, ["", "Navy"]) == [_same("Navy"), _same("Rust")]
    both = [("colour", "Navy"), ("size", "M")]
    assert image_choices(both, []) == [
        ImageChoice("Navy", {"en": "Colour: Navy", "fr": "Couleur\u202f: Navy"}),
        ImageChoice("M", {"en": "Size: M", "fr": "Taille\u202f: M"}),
    ]


def test_an_option_is_named_by_the_shops_label_in_each_language_not_its_key() -> None:
    """As the product form and the stock page name it (storefront.i18n.attribute_lines)."""
    pairs = [("screen_size", '13"'), ("colour", "Red")]
    screen = image_choices(pairs, [])[0]
    assert screen.value == '13"'
    assert screen.labels["en"] == 'Screen size: 13"'
    assert screen.labels["fr"].startswith("Taille d’écran")
    assert "screen_size" not in "".join(screen.labels.values())


def test_a_value_an_image_shows_that_no_variant_has_stays_a_choice_once() -> None:
    """Its select says what the image shows rather than "(all)", until changed."""
    assert image_choices([("colour", "Navy")], ["Sage", "", "Sage"]) == [
        _same("Navy"),
        _same("Sage"),
    ]
    assert image_choices([], ["Sage"]) == [_same("Sage")]
