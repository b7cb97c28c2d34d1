"""The policies as compiled for the browser: the text is written as text, the footer links
every policy, and checkout's note links the terms and the refund policy."""

from __future__ import annotations

from components.layout import footer
from components.policy_links import acceptance_note
from components.policy_text import policy_text
from storefront.services.policies import KINDS


def test_a_policys_text_is_never_written_as_html() -> None:
    compiled = str(policy_text())
    assert "dangerouslySetInnerHTML" not in compiled
    assert 'block_rx_state_?.["lines"]' in compiled  # the items, as React children


def test_the_footer_links_every_policy_by_its_title_in_both_languages() -> None:
    compiled = str(footer())
    for kind in KINDS:
        assert f'"/policies/{kind}"' in compiled
    assert '"Terms of sale"' in compiled
    assert '"Conditions g\\u00e9n\\u00e9rales de vente"' in compiled


def test_checkout_says_the_order_accepts_the_terms_with_no_box_to_tick() -> None:
    compiled = str(acceptance_note())
    assert '"/policies/terms"' in compiled
    assert '"/policies/refund"' in compiled
    assert "checkbox" not in compiled.lower()


def test_the_footer_links_the_withdrawal_function_in_both_languages() -> None:
    compiled = str(footer())
    assert '"/withdraw"' in compiled
    assert '"Withdraw from a contract"' in compiled
    assert '"Se r\\u00e9tracter d\\u2019un contrat"' in compiled
