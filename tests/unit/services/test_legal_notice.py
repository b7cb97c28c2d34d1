"""The default legal notice, written from the seller's settings, and the default shipping
policy, stating checkout's own delivery rates: both were left to the merchant to fill in (QA:
an unfilled template; costs "shown at checkout")."""

from __future__ import annotations

from storefront.adapters.cache import InProcessCache
from storefront.services.checkout.pricing import SHIPPING, ShippingMethod
from storefront.services.legal_notice import SellerDetails, missing_details, one_line
from storefront.services.policies import Policies, StoredPolicy, blocks
from storefront.services.policy_defaults import ShopFacts, default_text
from storefront.services.versioned_cache import VersionedCache
from tests.unit.services.test_policies import BOSS, FakePolicyStore, PolicyAdmin

SELLER = SellerDetails(
    name="Atelier Martin SARL",
    legal_form="SARL au capital de 8 000 €",
    address="3 quai Rambaud | 69002 Lyon\nFrance",
    company_id="RCS Lyon 404 833 048",
    vat_id="FR83404833048",
    email="bonjour@atelier-martin.fr",
    phone="+33 4 78 00 00 00",
    representative="Claire Martin",
    host="OVH SAS | 2 rue Kellermann | 59100 Roubaix | France",
    mediator="CM2C, www.cm2c.net",
)


def test_the_legal_notice_lists_every_detail_of_the_seller_in_english() -> None:
    text = default_text("legal", "en", ShopFacts(seller=SELLER))
    assert [block.items for block in blocks(text)] == [
        ("This shop is published by:",),
        (
            "Company name: Atelier Martin SARL",
            "Legal form: SARL au capital de 8 000 €",
            "Registered office: 3 quai Rambaud, 69002 Lyon, France",
            "Company registration: RCS Lyon 404 833 048",
            "VAT number: FR83404833048",
            "Email: bonjour@atelier-martin.fr",
            "Telephone: +33 4 78 00 00 00",
            "Legal representative and publication director: Claire Martin",
        ),
        ("The shop is hosted by OVH SAS, 2 rue Kellermann, 59100 Roubaix, France.",),
        (
            "In a dispute, you may refer it free of charge to our consumer mediator: "
            "CM2C, www.cm2c.net.",
        ),
        ("The shop runs on Boutique, an open-source shop.",),
    ]
    assert "must give here" not in text


def test_the_french_legal_notice_says_the_same_in_french() -> None:
    text = default_text("legal", "fr", ShopFacts(seller=SELLER))
    assert "Dénomination sociale\u202f: Atelier Martin SARL" in text
    assert "Numéro de TVA intracommunautaire\u202f: FR83404833048" in text
    assert "Adresse du siège social\u202f: 3 quai Rambaud, 69002 Lyon, France" in text
    assert "La boutique est hébergée par OVH SAS, 2 rue Kellermann" in text
    assert "médiateur de la consommation\u202f: CM2C, www.cm2c.net." in text


def test_a_detail_the_settings_lack_is_left_out_and_named() -> None:
    seller = SellerDetails(
        name="Boutique Démo SAS", address="12 rue de la Paix", email="shop@localhost"
    )
    assert missing_details(seller) == [
        "legal_form",
        "company_id",
        "vat_id",
        "email",
        "phone",
        "representative",
        "host",
        "mediator",
    ]
    text = default_text("legal", "en", ShopFacts(seller=seller))
    assert text.splitlines()[:4] == [
        "This shop is published by:",
        "- Company name: Boutique Démo SAS",
        "- Registered office: 12 rue de la Paix",
        "- Email: shop@localhost",  # the footer's contact, shown though only local
    ]
    assert "hosted" not in text
    assert "mediator" not in text
    assert missing_details(SELLER) == []
    assert missing_details(SellerDetails(**{**_fields(SELLER), "email": "a@shop.local"})) == [
        "email"
    ]


def test_an_address_is_one_line_in_the_notice() -> None:
    assert one_line(" 12 rue de la Paix |75002 Paris\n\nFrance | ") == (
        "12 rue de la Paix, 75002 Paris, France"
    )


def test_the_merchants_own_legal_notice_wins_over_the_settings() -> None:
    store = FakePolicyStore()
    policies = Policies(
        store, VersionedCache(InProcessCache(), ttl_seconds=60), ShopFacts(seller=SELLER)
    )
    assert "Atelier Martin SARL" in policies.policy("legal", "fr").body
    PolicyAdmin(store, policies).save(BOSS, "legal", "fr", "Nos mentions.", "")
    assert policies.policy("legal", "fr").body == "Nos mentions."
    assert "Atelier Martin SARL" in policies.policy("legal", "en").body
    assert isinstance(store.rows[("legal", "fr")], StoredPolicy)


def test_the_shipping_policy_states_checkouts_rates() -> None:
    standard = SHIPPING["EUR"][ShippingMethod.STANDARD]
    express = SHIPPING["EUR"][ShippingMethod.EXPRESS]
    assert (standard.price_minor, standard.free_from_minor, express.price_minor) == (
        490,
        5_000,
        1_290,
    )
    en = blocks(default_text("shipping", "en", ShopFacts()))
    assert en[1].items == ("Delivery costs, VAT included:",)
    assert en[2].items == (
        "Standard, 3–5 working days: €4.90, free for goods of €50.00 or more after discounts",
        "Express, next working day: €12.90",
    )
    fr = blocks(default_text("shipping", "fr", ShopFacts()))
    assert fr[2].items == (
        "Standard, 3 à 5 jours ouvrés\u202f: 4,90\u00a0€, offerte dès 50,00\u00a0€ d’achats "
        "après remise",
        "Express, le jour ouvré suivant\u202f: 12,90\u00a0€",
    )
    assert "shown at checkout" not in default_text("shipping", "en", ShopFacts())


def _fields(seller: SellerDetails) -> dict[str, str]:
    return {name: getattr(seller, name) for name in SellerDetails.__dataclass_fields__}
