"""The listing page's parts as compiled for the browser (a search's title, its count)."""

from __future__ import annotations

import re

from storefront.pages.category import _title


def test_a_search_title_breaks_a_long_run_of_letters_rather_than_widen_the_page() -> None:
    # 600 letters without a space made a phone's page 3,789 px wide.
    assert re.search(r'"overflowWrap"\]\s*:\s*"anywhere"', str(_title()))


def test_the_count_waits_for_the_first_result() -> None:
    # It read "0 products" ("0 produits") while the listing was still loading.
    from storefront.pages.category import _summary

    compiled = str(_summary())
    assert re.search(r"loaded[^?]*\?", compiled), compiled
    assert compiled.index("loaded") < compiled.index("result-count")
