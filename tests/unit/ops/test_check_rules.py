"""check-settings' rules on the settings alone: what live payments need (an https address
shoppers open, mail that leaves the machine) and the warnings (an address never set, a
BOUTIQUE_ variable no setting reads); test mode, the demo's, is never refused."""

from __future__ import annotations

import pytest

from storefront.cli.check_rules import (
    OTHER_VARIABLES,
    legal_notice_gaps,
    live_problems,
    proxy_host_warning,
    setting_warnings,
)
from storefront.settings import Settings

LIVE = {
    "stripe_secret_key": "sk_live_abc",
    "stripe_publishable_key": "pk_live_x",
    "stripe_webhook_secret": "whsec_x",
    # The merchant's own seller identity (the demo's is refused with live keys).
    "seller_name": "Atelier Martin SARL",
    "seller_address": "3 quai Rambaud | 69002 Lyon | France",
    "seller_vat_id": "FR83404833048",
    "seller_company_id": "RCS Lyon 404 833 048",
}
SMTP = "smtp://shop:s3cret@smtp.example.com:587"
# What the legal notice gives beyond the invoices' seller.
LEGAL = {
    "seller_legal_form": "SARL au capital de 8 000 €",
    "contact_email": "bonjour@atelier-martin.fr",
    "seller_phone": "+33 4 78 00 00 00",
    "seller_representative": "Claire Martin",
    "hosting_provider": "OVH SAS | 2 rue Kellermann | 59100 Roubaix | France",
    "consumer_mediator": "CM2C, www.cm2c.net",
}


@pytest.fixture(autouse=True)
def _no_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("BOUTIQUE_PUBLIC_URL", "BOUTIQUE_SMTP_URL", "BOUTIQUE_STRIPE_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)


def settings(**values: object) -> Settings:
    return Settings(_env_file=None, database_url="sqlite://", **values)  # type: ignore[arg-type,call-arg]


def test_live_payments_with_an_https_address_and_mail_pass() -> None:
    assert (
        live_problems(settings(**LIVE, public_url="https://shop.example.com", smtp_url=SMTP)) == []
    )


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        (None, "BOUTIQUE_PUBLIC_URL: not set, with live Stripe keys; set the https:// address"),
        ("http://127.0.0.1:8000", "BOUTIQUE_PUBLIC_URL: http://127.0.0.1:8000 with live Stripe"),
        (
            "http://shop.example.com",
            "BOUTIQUE_PUBLIC_URL: http://shop.example.com with live Stripe keys; it must be "
            "https:// (cookies are Secure, and HSTS sent, only then",
        ),
    ],
)
def test_live_payments_need_an_https_address_shoppers_open(
    address: str | None, problem: str
) -> None:
    values: dict[str, object] = {**LIVE, "smtp_url": SMTP}
    if address is not None:
        values["public_url"] = address
    (found,) = live_problems(settings(**values))
    assert found.startswith(problem)


def test_live_payments_need_mail_that_leaves_the_machine() -> None:
    assert live_problems(settings(**LIVE, public_url="https://shop.example.com")) == [
        "BOUTIQUE_SMTP_URL: not set, with live Stripe keys; order confirmations and password "
        "resets would only be written to the mail_outbox table"
    ]


def test_live_payments_need_the_merchants_own_seller_identity() -> None:
    values = {**LIVE, "public_url": "https://shop.example.com", "smtp_url": SMTP}
    values.pop("seller_vat_id")
    values["seller_name"] = Settings.model_fields["seller_name"].default
    found = live_problems(settings(**values))
    assert [problem.split(":")[0] for problem in found] == [
        "BOUTIQUE_SELLER_NAME",
        "BOUTIQUE_SELLER_VAT_ID",
    ]
    assert "every invoice names the seller" in found[0]


def test_test_mode_is_never_refused_here() -> None:
    assert live_problems(settings()) == []
    assert (
        live_problems(
            settings(
                stripe_secret_key="sk_test_1",
                **{k: v for k, v in LIVE.items() if k != "stripe_secret_key"}
                | {"stripe_publishable_key": "pk_test_1"},
            )
        )
        == []
    )


def test_an_address_never_set_is_warned_about_in_test_mode_only() -> None:
    assert setting_warnings(settings(), []) == [
        "BOUTIQUE_PUBLIC_URL is not set: links in mails point at http://localhost:3000 "
        "(this machine, on PORT when it is set)"
    ]
    assert setting_warnings(settings(public_url="http://localhost:8080"), []) == []
    assert setting_warnings(settings(**LIVE), []) == []  # refused instead


def test_a_boutique_variable_no_setting_reads_is_named_with_the_likely_one() -> None:
    found = setting_warnings(
        settings(public_url="https://shop.example.com"),
        [
            "BOUTIQUE_STRIPE_SECRET",
            "boutique_smtp_ulr",
            "BOUTIQUE_STRIPE_SECRET_KEY",
            "DATABASE_URL",
            "PATH",
            "BOUTIQUE_QWERTYUIOP",
            *OTHER_VARIABLES,
        ],
    )
    assert found == [
        "BOUTIQUE_QWERTYUIOP is not a Boutique setting and is ignored",
        "BOUTIQUE_SMTP_ULR is not a Boutique setting and is ignored "
        "(did you mean BOUTIQUE_SMTP_URL?)",
        "BOUTIQUE_STRIPE_SECRET is not a Boutique setting and is ignored "
        "(did you mean BOUTIQUE_STRIPE_SECRET_KEY?)",
    ]


def test_the_legal_notice_names_each_setting_it_lacks() -> None:
    """The default legal notice was a template to fill in (QA): it now lists the seller's
    settings, and names the ones it cannot list."""
    found = legal_notice_gaps(settings(), [])
    assert found.startswith(
        "BOUTIQUE_SELLER_LEGAL_FORM, BOUTIQUE_CONTACT_EMAIL, BOUTIQUE_SELLER_PHONE, "
        "BOUTIQUE_SELLER_REPRESENTATIVE, BOUTIQUE_HOSTING_PROVIDER, "
        "BOUTIQUE_CONSUMER_MEDIATOR: not set (shop@localhost is an address no shopper can "
        "write to); the legal notice (/policies/legal) leaves them out"
    )
    partly = {k: v for k, v in LEGAL.items() if k != "seller_phone"}
    assert legal_notice_gaps(settings(**partly), []).startswith(
        "BOUTIQUE_SELLER_PHONE: not set; the legal notice"
    )
    assert legal_notice_gaps(settings(**LEGAL), []) == ""


def test_a_legal_notice_the_merchant_wrote_in_every_language_lacks_nothing() -> None:
    assert legal_notice_gaps(settings(), ["en", "fr"]) == ""
    assert legal_notice_gaps(settings(), ["fr"]) != ""  # English readers get the default


def test_trusted_proxies_with_a_web_process_on_every_address_is_warned_about() -> None:
    """QA: .env said HOST=127.0.0.1, scripts/serve ignored it and listened on 0.0.0.0, and
    direct clients could name any address in X-Forwarded-For."""
    for host in (None, "", "0.0.0.0", "::"):
        found = proxy_host_warning(1, host)
        assert found is not None, host
        assert found.startswith("BOUTIQUE_TRUSTED_PROXIES is 1 but HOST"), host
    assert proxy_host_warning(1, "127.0.0.1") is None
    assert proxy_host_warning(0, None) is None  # no proxy trusted: nothing to defeat
