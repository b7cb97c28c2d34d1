"""The import page's preview: Apply is offered only when the file would change something."""

from __future__ import annotations

from state.admin.catalog_io import AdminImportState
from storefront.pages.admin.catalog_io import catalog_io_page
from tests.unit.test_admin_labels import by_testid, walk


def test_a_file_that_changes_nothing_says_so_and_offers_no_apply() -> None:
    """Applying an unchanged export took seconds to write nothing: the Apply button is drawn
    only when the preview counts new or updated products, the note otherwise."""
    page = catalog_io_page()
    *_outer, choice = [  # the innermost: the preview's own is inside the page's
        c
        for c in walk(page)
        if type(c).__name__ == "Cond"
        and any(x.custom_attrs.get("data-testid") == "import-apply" for x in walk(c))
    ]
    condition = str(choice.cond)  # type: ignore[attr-defined]
    assert str(AdminImportState.created) in condition
    assert str(AdminImportState.updated) in condition
    assert str(AdminImportState.unchanged) not in condition
    assert by_testid(choice, "import-nothing") is not None


def test_price_slips_are_warned_in_the_preview_and_repeated_in_the_confirm_dialog() -> None:
    """A price falling by more than half must be acknowledged: the preview's warning and the
    confirm dialog both say so, and each row shows its change (QA: "9,90 €" for 259.99)."""
    page = catalog_io_page()
    dialog = next(c for c in walk(page) if type(c).__name__ == "AlertDialogContent")
    assert by_testid(dialog, "import-confirm-alarms") is not None
    assert by_testid(dialog, "import-confirm-categories") is not None  # "and creates 1 category"
    assert by_testid(page, "import-price-alarms") is not None
    assert by_testid(page, "import-sample-status") is not None
    assert by_testid(page, "import-stock-ignored") is not None
