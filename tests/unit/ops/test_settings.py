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
    ("name", "value", "said"),
    [
        ("BOUTIQUE_DB_POOL_SIZE", "abc", "Input should be a valid integer"),
        ("BOUTIQUE_LOG_LEVEL", "LOUD", "Input should be 'DEBUG', 'INFO', 'WARNING' or 'ERROR'"),
        ("BOUTIQUE_BUS_CLAIM_IDLE_SECONDS", "-1", "Input should be greater than 0"),
        ("DATABASE_URL", "mysql://db/shop", "unsupported scheme 'mysql'"),
    ],
)
def test_a_refused_setting_is_named_by_its_variable_alone(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, said: str
) -> None:
    """Not by the field behind it (`db_pool_size: ...`; QA), nor twice (`database_url:
    Value error, DATABASE_URL: ...`)."""
    with pytest.raises(SettingsError) as refused:
        load(monkeypatch, **{name: value})
    [line] = str(refused.value).splitlines()[1:]
    assert line.startswith(f"  {name}: {said}")


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


STRIPE_LIVE_KEYS = STRIPE_TEST_KEYS | {
    "BOUTIQUE_STRIPE_SECRET_KEY": "sk_live_51abc",
    "BOUTIQUE_STRIPE_PUBLISHABLE_KEY": "pk_live_51abc",
}
MIXED = "BOUTIQUE_STRIPE_*_KEY: the secret and publishable keys mix live and test mode"
NO_WHSEC = "BOUTIQUE_STRIPE_WEBHOOK_SECRET: set the endpoint's whsec_... signing secret"
NO_SECRET = (
    "BOUTIQUE_STRIPE_SECRET_KEY: not set, while the publishable key or webhook secret is; "
    "set the sk_... key (payments are off without it), or unset them"
)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            STRIPE_TEST_KEYS | {"BOUTIQUE_STRIPE_SECRET_KEY": "pk_test_51abc"},
            "BOUTIQUE_STRIPE_SECRET_KEY: expected a key starting sk_test_ or sk_live_",
        ),
        (
            STRIPE_TEST_KEYS | {"BOUTIQUE_STRIPE_PUBLISHABLE_KEY": ""},
            "BOUTIQUE_STRIPE_PUBLISHABLE_KEY: set the pk_... key that goes with the secret key",
        ),
        (STRIPE_TEST_KEYS | {"BOUTIQUE_STRIPE_WEBHOOK_SECRET": ""}, NO_WHSEC),
        (STRIPE_TEST_KEYS | {"BOUTIQUE_STRIPE_WEBHOOK_SECRET": "abc"}, NO_WHSEC),
        (STRIPE_TEST_KEYS | {"BOUTIQUE_STRIPE_SECRET_KEY": "sk_live_51abc"}, MIXED),
        (STRIPE_TEST_KEYS | {"BOUTIQUE_STRIPE_SECRET_KEY": "rk_live_51abc"}, MIXED),
        (STRIPE_TEST_KEYS | {"BOUTIQUE_STRIPE_PUBLISHABLE_KEY": "pk_live_51abc"}, MIXED),
        (
            {k: v for k, v in STRIPE_LIVE_KEYS.items() if k != "BOUTIQUE_STRIPE_SECRET_KEY"},
            NO_SECRET,
        ),
        (
            {"BOUTIQUE_STRIPE_WEBHOOK_SECRET": "whsec_abc", "BOUTIQUE_STRIPE_SECRET": "sk_live_x"},
            NO_SECRET,
        ),
        (
            STRIPE_LIVE_KEYS | {"BOUTIQUE_STRIPE_API_BASE": "http://127.0.0.1:8420"},
            "BOUTIQUE_STRIPE_API_BASE: live keys must talk to Stripe itself; unset it",
        ),
    ],
    ids=[
        "publishable-as-secret",
        "no-publishable",
        "no-webhook-secret",
        "webhook-secret-not-whsec",
        "live-secret-test-publishable",
        "live-restricted-test-publishable",
        "test-secret-live-publishable",
        "publishable-and-webhook-secret-without-secret-key",
        "webhook-secret-and-misspelt-secret-key",
        "live-keys-with-api-base",
    ],
)
def test_unsafe_stripe_settings_are_refused(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], message: str
) -> None:
    monkeypatch.delenv("BOUTIQUE_STRIPE_API_BASE", raising=False)
    monkeypatch.delenv("BOUTIQUE_STRIPE_SECRET_KEY", raising=False)
    with pytest.raises(SettingsError) as refused:
        load(monkeypatch, **env)
    # One line, named by its variable alone (a check of several fields said "settings: ...").
    assert str(refused.value).splitlines()[1:] == [f"  {message}"]


def test_a_time_zone_that_does_not_exist_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SettingsError) as refused:
        load(monkeypatch, BOUTIQUE_TIMEZONE="Europe/Pariss")
    assert "BOUTIQUE_TIMEZONE: 'Europe/Pariss' is not a time zone name" in str(refused.value)
    assert str(load(monkeypatch, BOUTIQUE_TIMEZONE="Europe/Paris").zone) == "Europe/Paris"


def test_live_keys_without_an_api_base_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BOUTIQUE_STRIPE_API_BASE", raising=False)
    settings = load(monkeypatch, **STRIPE_LIVE_KEYS)
    assert settings.payments_enabled
    assert not settings.payments_test_mode


@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("DATABASE_URL", "postgresql://boutique:se@cret@db.internal:5432/boutique"),
        ("REDIS_URL", "redis://:s3c@ret@redis.internal:6379/0"),
        ("BOUTIQUE_CACHE_REDIS_URL", "rediss://default:a@b@cache.internal:6380/0"),
        ("BOUTIQUE_SMTP_URL", "smtp://apikey:x@y@smtp.example.com:587"),
    ],
)
def test_a_raw_at_sign_in_a_password_is_refused_without_showing_it(
    monkeypatch: pytest.MonkeyPatch, name: str, url: str
) -> None:
    """Drivers would read the host from the password's tail (SQLAlchemy: 'cret@db...')."""
    with pytest.raises(SettingsError) as refused:
        load(monkeypatch, **{name: url})
    message = str(refused.value)
    assert f"{name}: the user or password holds a raw @; percent-encode it as %40" in message
    password = url.partition("://")[2].rpartition("@")[0].partition(":")[2]
    assert password not in message


def test_a_percent_encoded_at_sign_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load(
        monkeypatch,
        DATABASE_URL="postgresql://boutique:p%40ss@db.internal:5432/boutique",
        REDIS_URL="redis://:s3c%40ret@redis.internal:6379/0",
    )
    assert settings.redis_url == "redis://:s3c%40ret@redis.internal:6379/0"


@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("DATABASE_URL", "postgresql://boutique:s3cret@db.internal:5432x/boutique"),
        ("REDIS_URL", "redis://redis.internal:abc/0"),
        ("BOUTIQUE_CACHE_REDIS_URL", "redis://cache.internal:70000/0"),
        ("BOUTIQUE_SMTP_URL", "smtp://apikey:s3cret@smtp.example.com:abc"),
        ("BOUTIQUE_PUBLIC_URL", "https://shop.example.com:443x"),
        ("BOUTIQUE_STRIPE_API_BASE", "http://127.0.0.1:port"),
        ("BOUTIQUE_MEDIA_BASE_URL", "https://cdn.example.com:0"),
    ],
)
def test_a_port_that_is_not_a_number_is_refused_by_name(
    monkeypatch: pytest.MonkeyPatch, name: str, url: str
) -> None:
    with pytest.raises(SettingsError) as refused:
        load(monkeypatch, **{name: url})
    assert f"{name}: the port is not a number from 1 to 65535" in str(refused.value)


@pytest.mark.parametrize(
    "url", ["redis://redis.internal:6379/x", "redis://redis.internal/0/x", "redis://h/0?db=one"]
)
def test_a_redis_database_that_is_not_a_number_is_refused(
    monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    """redis-py would quietly use database 0."""
    with pytest.raises(SettingsError) as refused:
        load(monkeypatch, REDIS_URL=url)
    assert "REDIS_URL: the database must be a number, as in redis://host:6379/0" in str(
        refused.value
    )


@pytest.mark.parametrize(
    "url",
    [
        "redis://redis.internal:6379/3",
        "redis://redis.internal",
        "rediss://:pw@redis.internal:6380/",
        "redis://[::1]:6379/0",
        "unix:///run/redis/redis.sock?db=2",
    ],
)
def test_usual_redis_urls_pass(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    assert load(monkeypatch, REDIS_URL=url).redis_url == url


@pytest.mark.parametrize(
    "sender", ["shop", "Boutique <shop>", "Boutique <@example.com>", "a@example.com, b@example.com"]
)
def test_a_sender_without_one_address_is_refused(
    monkeypatch: pytest.MonkeyPatch, sender: str
) -> None:
    with pytest.raises(SettingsError) as refused:
        load(monkeypatch, BOUTIQUE_MAIL_FROM=sender)
    assert "BOUTIQUE_MAIL_FROM: one address with an @" in str(refused.value)


@pytest.mark.parametrize("sender", ["Boutique <shop@example.com>", "shop@example.com"])
def test_a_sender_with_an_address_passes(monkeypatch: pytest.MonkeyPatch, sender: str) -> None:
    assert load(monkeypatch, BOUTIQUE_MAIL_FROM=sender).mail_from == sender


def test_shoppers_write_to_the_senders_address_unless_a_contact_is_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sender = load(monkeypatch, BOUTIQUE_MAIL_FROM="Boutique <noreply@example.com>")
    assert sender.contact_address == "noreply@example.com"
    contact = load(monkeypatch, BOUTIQUE_CONTACT_EMAIL=" help@example.com ")
    assert contact.contact_address == "help@example.com"


@pytest.mark.parametrize(
    "contact",
    [
        "help",
        "@example.com",
        "Help <help@example.com>",
        "a@example.com b@example.com",
        "hélène@example.com",  # an answer to it would be unanswerable (review)
        "help@example.com?subject=Hi",  # would change the footer's mailto: link
    ],
)
def test_a_contact_that_is_not_one_bare_address_is_refused(
    monkeypatch: pytest.MonkeyPatch, contact: str
) -> None:
    with pytest.raises(SettingsError) as refused:
        load(monkeypatch, BOUTIQUE_CONTACT_EMAIL=contact)
    assert "BOUTIQUE_CONTACT_EMAIL: one address with an @" in str(refused.value)


def test_the_seller_on_invoices_is_required_and_its_vat_number_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert load(monkeypatch).seller_name == "Boutique Démo SAS"
    settings = load(monkeypatch, BOUTIQUE_SELLER_VAT_ID="fr 40 123456824")
    assert settings.seller_vat_id == "FR40123456824"
    with pytest.raises(SettingsError) as refused:
        load(monkeypatch, BOUTIQUE_SELLER_VAT_ID="123")
    assert "BOUTIQUE_SELLER_VAT_ID: '123' is not a VAT number" in str(refused.value)
    monkeypatch.setenv("BOUTIQUE_SELLER_VAT_ID", "FR40123456824")
    with pytest.raises(SettingsError) as refused:
        load(monkeypatch, BOUTIQUE_SELLER_NAME="   ")
    assert "BOUTIQUE_SELLER_NAME: empty" in str(refused.value)


def test_the_legal_notices_seller_details_are_optional_plain_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    facts = load(monkeypatch).policy_facts
    assert (facts.seller.name, facts.seller.phone, facts.seller.email) == (
        "Boutique Démo SAS",
        "",
        "shop@localhost",
    )
    settings = load(monkeypatch, BOUTIQUE_SELLER_PHONE=" +33 (0)1 23-45.67/89 ")
    assert settings.policy_facts.seller.phone == "+33 (0)1 23-45.67/89"
    for value in ("call us", "12 34", "+33\t1 23 45 67 89"):
        with pytest.raises(SettingsError) as refused:
            load(monkeypatch, BOUTIQUE_SELLER_PHONE=value)
        assert "BOUTIQUE_SELLER_PHONE: " in str(refused.value)
    with pytest.raises(SettingsError) as refused:
        load(monkeypatch, BOUTIQUE_HOSTING_PROVIDER="CHANGE-ME host | address")
    assert "BOUTIQUE_HOSTING_PROVIDER: still the example's placeholder" in str(refused.value)
    with pytest.raises(SettingsError) as refused:
        load(monkeypatch, BOUTIQUE_CONSUMER_MEDIATOR="CM2C\nwww.cm2c.net")
    assert "BOUTIQUE_CONSUMER_MEDIATOR: holds control characters" in str(refused.value)


@pytest.mark.parametrize(
    "url",
    ["postgresql://postgres@127.0.0.1:5432/", "postgresql://postgres@127.0.0.1", "postgres://db/"],
)
def test_a_postgresql_url_without_a_database_is_refused(
    monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    """libpq connected to the role's own database, and the shop was migrated into it (QA)."""
    with pytest.raises(SettingsError) as refused:
        load(monkeypatch, DATABASE_URL=url)
    assert str(refused.value) == (
        "Invalid Boutique settings:\n  DATABASE_URL: names no database; add it after the "
        "host, as in postgresql://user@host:5432/shop"
    )


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://db.internal/shop",
        "postgresql:///shop?host=/run/postgresql",
        "postgresql://db.internal/?dbname=shop",
        "postgresql://?service=shop",  # a pg_service.conf entry names its database
    ],
)
def test_a_postgresql_url_naming_its_database_passes(
    monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    assert load(monkeypatch, DATABASE_URL=url).database_url == url


def test_an_empty_database_url_is_the_default_as_other_empty_urls_are(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The README gives boutique.db as the default; `DATABASE_URL=` was refused as an
    unsupported scheme ''."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("BOUTIQUE_DATABASE_URL", raising=False)
    default = load_settings().database_url
    assert default.endswith("/boutique.db")
    assert load(monkeypatch, DATABASE_URL="").database_url == default
    assert load(monkeypatch, DATABASE_URL="  ").database_url == default


@pytest.mark.parametrize("value", ["notaurl", "127.0.0.1:8420", "ftp://stripe.example", "http://"])
def test_a_stripe_api_base_that_is_no_http_address_is_refused(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    """It was taken, and every payment then failed on it (QA)."""
    with pytest.raises(SettingsError) as refused:
        load(monkeypatch, BOUTIQUE_STRIPE_API_BASE=value)
    assert str(refused.value).splitlines()[1:] == [
        "  BOUTIQUE_STRIPE_API_BASE: not an http(s) address such as http://127.0.0.1:8420 "
        "(unset, the shop talks to Stripe itself)"
    ]


@pytest.mark.parametrize("value", ["http://127.0.0.1:8420", "https://stripe.internal/base", ""])
def test_a_stripe_api_base_over_http_passes(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    assert load(monkeypatch, BOUTIQUE_STRIPE_API_BASE=value).stripe_api_base == value


@pytest.mark.parametrize(
    ("port", "address"),
    [
        ("3350", "http://localhost:3350"),  # PORT=3350 scripts/shop
        (" 8080 ", "http://localhost:8080"),
        ("", "http://localhost:3000"),
        ("0", "http://localhost:3000"),  # no port a shopper could open
        ("70000", "http://localhost:3000"),
        ("eighty", "http://localhost:3000"),
    ],
)
def test_an_unset_shop_address_is_this_machine_on_the_port_it_is_given(
    monkeypatch: pytest.MonkeyPatch, port: str, address: str
) -> None:
    monkeypatch.delenv("BOUTIQUE_PUBLIC_URL", raising=False)
    settings = load(monkeypatch, PORT=port)
    assert settings.public_url == address
    assert "public_url" not in settings.model_fields_set  # still "not set" to check-settings


def test_a_shop_address_given_wins_over_the_port(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load(monkeypatch, PORT="3350", BOUTIQUE_PUBLIC_URL="https://shop.example.com/")
    assert settings.public_url == "https://shop.example.com"
