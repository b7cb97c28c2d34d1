"""Settings refuse what cannot run a shop, with a message naming the variable."""

from __future__ import annotations

import pytest

from storefront.settings import Settings, SettingsError, load_settings

STRIPE_TEST_KEYS = {
    "BOUTIQUE_STRIPE_SECRET_KEY": "sk_test_51abc",
    "BOUTIQUE_STRIPE_PUBLISHABLE_KEY": "pk_test_51abc",
    "BOUTIQUE_STRIPE_WEBHOOK_SECRET": "whsec_abc",
}


def load(monkeypatch: pytest.MonkeyPatch, **env: str) -> Settings:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return load_settings()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("BOUTIQUE_STRIPE_SECRET_KEY", "sk_test_CHANGE-ME"),
        ("BOUTIQUE_STRIPE_PUBLISHABLE_KEY", "pk_test_changeme"),
        ("BOUTIQUE_STRIPE_WEBHOOK_SECRET", "whsec_ChangeMe"),
    ],
)
def test_a_placeholder_stripe_key_is_refused(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    with pytest.raises(SettingsError) as refused:
        load(monkeypatch, **(STRIPE_TEST_KEYS | {name: value}))
    assert f"{name}: still the example's placeholder (CHANGE-ME)" in str(refused.value)
    assert value not in str(refused.value)


@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("DATABASE_URL", "postgresql://boutique:CHANGE-ME@db.internal:5432/boutique"),
        ("BOUTIQUE_SMTP_URL", "smtp://apikey:changeme@smtp.example.com:587"),
    ],
)
def test_a_placeholder_password_in_a_url_is_refused(
    monkeypatch: pytest.MonkeyPatch, name: str, url: str
) -> None:
    with pytest.raises(SettingsError) as refused:
        load(monkeypatch, **{name: url})
    assert f"{name}: the password is the example's placeholder (CHANGE-ME)" in str(refused.value)


def test_real_looking_secrets_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load(
        monkeypatch,
        DATABASE_URL="postgresql://boutique:s3cret@changeme.internal:5432/boutique",
        BOUTIQUE_SMTP_URL="smtp://apikey:s3cret@smtp.example.com:587",
        **STRIPE_TEST_KEYS,
    )
    assert settings.payments_enabled
    assert settings.smtp_url == "smtp://apikey:s3cret@smtp.example.com:587"
