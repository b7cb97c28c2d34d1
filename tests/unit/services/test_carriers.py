"""Carriers: one list of the codes an order ships with, named as the shopper reads them."""

from __future__ import annotations

import pytest

from storefront.i18n import MESSAGES
from storefront.services.orders.carriers import CARRIERS, TRACKING_PAGES, carrier_name, tracking_url


@pytest.mark.parametrize(("locale"), ["en", "fr", "fr-FR", "de"])
def test_a_named_carrier_reads_the_same_in_every_locale(locale: str) -> None:
    assert carrier_name("la_poste", locale) == "La Poste"
    assert carrier_name("dhl", locale) == "DHL"


@pytest.mark.parametrize(
    ("locale", "name"),
    [("en", "another carrier"), ("fr", "autre transporteur"), ("fr-FR", "autre transporteur"),
     ("FR", "autre transporteur"), ("de", "another carrier"), ("", "another carrier")],
)  # fmt: skip
def test_the_other_carrier_is_named_in_the_shoppers_language(locale: str, name: str) -> None:
    assert carrier_name("other", locale) == name


def test_an_unknown_carrier_code_reads_as_another_carrier() -> None:
    assert carrier_name("pigeon", "fr") == "autre transporteur"


def test_every_carrier_the_admin_may_pick_has_a_label_in_every_language() -> None:
    for code in CARRIERS:
        assert set(MESSAGES[f"admin.carrier.{code}"]) == {"en", "fr"}


def test_a_known_carrier_links_to_its_page_following_the_parcel() -> None:
    assert tracking_url("ups", "1Z 999 AA1") == "https://www.ups.com/track?tracknum=1Z999AA1"
    assert tracking_url("chronopost", "XY12/3") == (
        "https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT=XY12%2F3"
    )


def test_another_carrier_or_no_number_links_nowhere() -> None:
    assert tracking_url("other", "6A123") == ""
    assert tracking_url("pigeon", "6A123") == ""
    assert tracking_url("dhl", "  ") == ""


def test_every_tracking_page_is_https_on_a_carrier_the_admin_may_pick() -> None:
    assert set(TRACKING_PAGES) < set(CARRIERS)
    assert all(page.startswith("https://") for page in TRACKING_PAGES.values())
