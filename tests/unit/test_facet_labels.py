"""The filter panel's option labels as compiled for the browser."""

from __future__ import annotations

import json
import re

import reflex as rx

from components.facets import _group, _option_label
from state.listing_view import FacetGroup, FacetOption


def test_the_lowest_rating_filter_reads_one_star_not_one_stars() -> None:
    group = rx.Var.create(FacetGroup(key="rating", kind="rating"))
    option = rx.Var.create(FacetOption({"en": "1"}, low=1))
    compiled = str(_option_label(group, option))  # type: ignore[arg-type]
    assert json.dumps("star") in compiled
    assert json.dumps("étoile") in compiled


def test_each_filter_group_is_named_by_its_heading() -> None:
    group = rx.Var.create(FacetGroup(key="brand", kind="value"))
    compiled = str(_group(group))  # type: ignore[arg-type]
    # An id holds no space (aria-labelledby is a list of ids): a key may ("Fabric type").
    named = r'\("facet-heading-"\+.*?\?\.\["key"\]\.replaceAll\(" ", "_"\)\)'
    labelled_by = re.search(rf'^jsx\("details",\{{"aria-labelledby":({named})', compiled)
    assert labelled_by is not None  # the group itself, by the id its heading has
    assert f'as:"span",id:{labelled_by.group(1)}' in compiled
