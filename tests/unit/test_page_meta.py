from storefront.services.page_meta import DESCRIPTION_LIMIT, absolute_url, meta_description


def test_a_short_text_is_kept_whole_on_one_line() -> None:
    assert meta_description("  Solid oak.\n\nSeats four,\tdaily use. ") == (
        "Solid oak. Seats four, daily use."
    )


def test_no_break_spaces_stay_and_none_dangles_before_the_ellipsis() -> None:
    assert meta_description("Chaises\u202f: 12\u00a0€ \n pièce") == "Chaises\u202f: 12\u00a0€ pièce"
    assert meta_description("Chaises chez Boutique\u202f: parcourez", limit=24) == (
        "Chaises chez Boutique…"
    )


def test_a_long_text_is_cut_at_the_end_of_a_word_with_an_ellipsis() -> None:
    text = "A solid oak table, oiled by hand, " * 10
    cut = meta_description(text)
    assert len(cut) <= DESCRIPTION_LIMIT
    assert cut.endswith("…")
    words = cut[:-1].split(" ")
    assert all(word in text.split(" ") or word + "," in text for word in words)
    assert cut[:-1] == cut[:-1].rstrip(" ,")  # no dangling comma before the ellipsis
    assert text.startswith(cut[:-1])


def test_one_endless_word_is_cut_inside_it() -> None:
    cut = meta_description("x" * 500, limit=20)
    assert cut == "x" * 19 + "…"


def test_control_characters_and_markup_stay_text() -> None:
    # Markup is not stripped, nor escaped here: React writes it as an attribute value.
    assert meta_description('Say "hi"\x00 <b>now</b>') == 'Say "hi" <b>now</b>'


def test_urls_are_made_absolute_under_the_public_address() -> None:
    assert (
        absolute_url("https://shop.example/", "/media/a.jpg") == "https://shop.example/media/a.jpg"
    )
    assert absolute_url("https://shop.example", "media/a.jpg") == "https://shop.example/media/a.jpg"
    assert absolute_url("https://shop.example", "https://cdn.example/a.jpg") == (
        "https://cdn.example/a.jpg"
    )
    assert absolute_url("https://shop.example", "") == ""
