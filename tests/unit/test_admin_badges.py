"""The statuses and roles the admin shows in badges are named in every language."""

from __future__ import annotations

import json
from collections.abc import Iterable

import pytest
import reflex as rx

from components.admin_badge import named_badge
from models.admin import Role
from models.catalog import ProductStatus
from models.orders import REFUND_STATUSES
from storefront.i18n import LOCALES, MESSAGES
from storefront.services.admin.discounts import STATUSES as DISCOUNT_STATUSES

BADGES = [
    ("admin.product.status", ProductStatus),
    ("admin.discount.status", DISCOUNT_STATUSES),
    ("admin.refund.status", REFUND_STATUSES),
    ("admin.role", Role),
]


@pytest.mark.parametrize(("prefix", "values"), BADGES)
def test_every_status_and_role_in_a_badge_has_its_text_in_every_language(
    prefix: str, values: Iterable[str]
) -> None:
    for value in values:
        texts = MESSAGES.get(f"{prefix}.{value}", {})
        assert sorted(texts) == sorted(LOCALES), f"{prefix}.{value}"
        assert value not in texts.values()


def test_a_badge_shows_the_text_of_its_value_not_the_value() -> None:
    badge = str(named_badge(rx.Var.create("used_up"), "admin.discount.status", DISCOUNT_STATUSES))
    assert json.dumps("Used up") in badge
    assert json.dumps("Épuisé") in badge  # as the compiled page writes it: \u00c9puis\u00e9
