"""The filter panel's option labels as compiled for the browser."""

from __future__ import annotations

import json

import reflex as rx

from components.facets import _option_label
from state.listing_view import FacetGroup, FacetOption


def test_the_lowest_rating_filter_reads_one_star_not_one_stars() -> None:
    group = rx.Var.create(FacetGroup(key="rating", kind="rating"))
    option = rx.Var.create(FacetOption({"en": "1"}, low=1))
    compiled = str(_option_label(group, option))  # type: ignore[arg-type]
    assert json.dumps("star") in compiled
    assert json.dumps("étoile") in compiled
