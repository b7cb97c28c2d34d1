"""The product list's "select this page" box follows the page's rows (QA: it stayed ticked
on a page where nothing was, and showed unticked over a page wholly ticked)."""

from state.admin.products import page_ticked


def test_the_header_box_is_ticked_only_when_every_row_of_the_page_is() -> None:
    assert page_ticked([1, 2, 3], [3, 1, 2]) is True
    assert page_ticked([1, 2, 3], [1, 2, 3, 9]) is True


def test_the_header_box_is_half_ticked_when_some_rows_are() -> None:
    assert page_ticked([1, 2, 3], [2]) == "indeterminate"


def test_the_header_box_is_unticked_when_no_row_of_the_page_is() -> None:
    assert page_ticked([4, 5], [1, 2]) is False
    assert page_ticked([], []) is False
    assert page_ticked([], [1]) is False  # an empty page has nothing to tick
