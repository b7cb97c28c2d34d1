from storefront.services.paging import page_count


def test_pages_round_up_and_an_empty_list_has_one() -> None:
    assert [page_count(n, 25) for n in (0, 1, 25, 26, 50, 51)] == [1, 1, 1, 2, 2, 3]
