"""The discount form's messages: each says what its field takes, bounds included."""

from __future__ import annotations

import pytest

from state.admin.guard import field_messages
from storefront.services.admin.discounts import parse_terms
from storefront.services.errors import Refusal

FORM = {"code": "SPRING", "kind": "percent", "value": "10", "minimum": "", "limit": ""}


def messages_of(**changes: str) -> dict[str, dict[str, str]]:
    with pytest.raises(Refusal) as refused:
        parse_terms(FORM | changes, "EUR")
    return field_messages(refused.value)


def test_a_percentage_with_decimals_or_out_of_range_is_told_whole_percents_from_1_to_100() -> None:
    whole = {
        "en": "A whole percentage from 1 to 100, e.g. 15 (no decimals).",
        "fr": "Un pourcentage entier de 1 à 100, ex. 15 (sans décimales).",
    }
    # "1_0" and "١٠" were saved as 10 % (int() reads them; QA).
    for typed in ("12.5", "12,5", "0", "101", "ten", "1_0", "\u0661\u0660", "+10"):
        assert messages_of(value=typed) == {"value": whole}, typed
    assert parse_terms(FORM | {"value": "15"}, "EUR").value == 15


def test_a_fixed_amount_below_or_at_zero_is_told_an_amount_not_a_percentage() -> None:
    amount = {
        "en": "An amount above zero, e.g. 5 or 4.90.",
        "fr": "Un montant supérieur à zéro, ex. 5 ou 4,90.",
    }
    for typed in ("-5", "0", "five"):
        assert messages_of(kind="fixed", value=typed) == {"value": amount}, typed
    assert parse_terms(FORM | {"kind": "fixed", "value": "4,90"}, "EUR").value == 490


def test_a_usage_limit_out_of_range_is_told_its_bounds() -> None:
    assert messages_of(limit="0") == {
        "limit": {
            "en": "A whole number from 1 to 10,000,000.",
            "fr": "Un nombre entier de 1 à 10\u202f000\u202f000.",
        }
    }
