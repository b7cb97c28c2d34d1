from storefront.services.paths import local_path


def test_only_a_path_of_this_shop_is_a_place_to_send_the_browser_back_to() -> None:
    for kept in ("/", "/account", "/product/oak-chair?sku=OAK-1", "/search?q=oak table"):
        assert local_path(kept) == kept
    for foreign in (
        "https://evil.example/",
        "//evil.example/x",
        "/\\evil.example",
        "/\t/evil.example",  # browsers drop the tab: "//evil.example"
        "/\n/evil.example",
        "\x00/account",
        "account",
        "",
        "/" + "a" * 2_000,
    ):
        assert local_path(foreign) == "/", foreign
    assert local_path("//evil.example", "/account") == "/account"
