"""`check-settings` refuses to start a shop its settings cannot run, one line per problem."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
import trustme
from alembic.script import ScriptDirectory

from storefront.adapters.db import make_engine
from storefront.adapters.mailer import SmtpMailer
from storefront.adapters.migrations import alembic_config, head_revisions
from storefront.adapters.sql_policies import SqlPolicyStore
from storefront.cli import check_commands
from storefront.services.admin.audit import AuditRecord
from tests.integration.cli_runs import ROOT, Done, cli, cli_here
from tests.ports import free_port
from tests.redis_process import PrivateRedis
from tests.smtp_server import Inbox, serving, starttls_context, trusting_context


@pytest.fixture
def check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., Done]:
    """`check-settings *args` (or `command`) run in this process, as `cli` runs it in a
    process of its own: the tests that call `cli` show the exit codes and output of a real
    process."""

    def run(*args: str, command: str = "check-settings", **env: str) -> Done:
        return cli_here(monkeypatch, capsys, tmp_path, command, *args, **env)

    return run


@pytest.fixture(autouse=True)
def _migrated(sqlite_url: str) -> str:
    """tmp_path/shop.db, the database of most tests here, migrated: a schema behind the
    release is refused (tests at the end)."""
    return sqlite_url


def test_a_reachable_database_passes(tmp_path: Path) -> None:
    done = cli(tmp_path, "check-settings", DATABASE_URL=f"sqlite:///{tmp_path / 'shop.db'}")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("settings ok: database sqlite:///")


def test_unreachable_services_and_workers_without_redis_are_refused(tmp_path: Path) -> None:
    done = cli(
        tmp_path,
        "check-settings",
        "--workers",
        "3",
        DATABASE_URL="postgresql://nobody@127.0.0.1:1/shop",
        BOUTIQUE_CACHE_REDIS_URL="redis://127.0.0.1:1/0",
    )
    assert done.returncode == 2
    lines = done.stdout.splitlines()
    assert lines[0] == "Boutique cannot start:"
    assert lines[1].startswith("  REDIS_URL: 3 web workers need Redis")
    assert lines[2].startswith("  DATABASE_URL: cannot reach postgresql://***@127.0.0.1:1/shop")
    assert len(lines) == 3
    # The cache/bus Redis only degrades the shop: warned of, not waited for (QA).
    assert "warning: BOUTIQUE_CACHE_REDIS_URL: cannot reach redis://127.0.0.1:1/0" in done.stderr


def test_a_cache_and_bus_redis_out_of_reach_does_not_stop_a_start(
    tmp_path: Path, postgres_url: str, redis_server: str
) -> None:
    done = cli(
        tmp_path,
        "check-settings",
        "--workers",
        "2",
        "--before-migrate",
        DATABASE_URL=postgres_url,
        REDIS_URL=redis_server,
        BOUTIQUE_CACHE_REDIS_URL="redis://127.0.0.1:1/0",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "warning: BOUTIQUE_CACHE_REDIS_URL: cannot reach redis://127.0.0.1:1/0" in done.stderr
    assert "starts degraded" in done.stderr


def test_a_database_or_redis_refusing_the_settings_is_a_refused_setting(
    tmp_path: Path, postgres_server: str, redis_server: str
) -> None:
    """The server answered that the database does not exist: a typo, not an outage (exit 3
    made scripts/serve wait, and the units restart, for ever)."""
    server = postgres_server.rsplit("/", 1)[0]
    done = cli(tmp_path, "check-settings", DATABASE_URL=f"{server}/no_such_database")
    assert done.returncode == 2, done.stdout + done.stderr
    assert 'database "no_such_database" does not exist' in done.stdout
    redis_999 = redis_server.rsplit("/", 1)[0] + "/999"
    done = cli(tmp_path, "check-settings", DATABASE_URL=postgres_server, REDIS_URL=redis_999)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "REDIS_URL: refused by redis://" in done.stdout


def test_ssl_options_the_server_or_libpq_refuses_are_refused_settings(
    check: Callable[..., Done], postgres_server: str
) -> None:
    """An sslmode libpq does not know, or SSL required of a server without it (the test
    server has none): no wait passes them, yet they exited 3 and scripts/serve waited (QA)."""
    for query, why in (
        ("sslmode=bogus", 'invalid sslmode value: "bogus"'),
        ("sslmode=require", "server does not support SSL, but SSL was required"),
    ):
        done = check(DATABASE_URL=f"{postgres_server}?{query}")
        assert done.returncode == 2, done.stdout + done.stderr
        assert "  DATABASE_URL: refused by postgresql://" in done.stdout
        assert why in done.stdout


def test_a_bus_worker_without_redis_is_refused_before_it_starts(
    check: Callable[..., Done], tmp_path: Path
) -> None:
    """scripts/worker's check said "settings ok", then the worker refused on its own."""
    database = f"sqlite:///{tmp_path / 'shop.db'}"
    done = check("--bus-worker", DATABASE_URL=database)
    assert done.returncode == 2
    assert "REDIS_URL: a bus worker shares the bus through Redis" in done.stdout
    assert check(DATABASE_URL=database).returncode == 0  # a web process without one: fine
    assert "--bus-worker" in (ROOT / "scripts" / "worker").read_text()


def test_a_port_that_is_no_number_is_refused(check: Callable[..., Done], tmp_path: Path) -> None:
    """It passed, and the web process then stopped on Reflex's usage text, after migrating."""
    database = f"sqlite:///{tmp_path / 'shop.db'}"
    for port in ("abc", "0", "70000", "80 80"):
        done = check(DATABASE_URL=database, PORT=port)
        assert done.returncode == 2, port
        assert f"PORT: {port!r} is not a port number (1 to 65535)" in done.stdout
    assert check(DATABASE_URL=database, PORT="8080").returncode == 0


def test_a_malformed_setting_is_named(check: Callable[..., Done]) -> None:
    done = check(DATABASE_URL="mysql://shop@db/shop")
    assert done.returncode == 2
    assert "DATABASE_URL: unsupported scheme 'mysql'" in done.stdout + done.stderr


def test_a_platforms_postgres_url_is_read_as_postgresql(check: Callable[..., Done]) -> None:
    """Heroku-style add-ons set DATABASE_URL=postgres://…, which the shop refused: it could
    not start there (QA). Read as postgresql://: here, a server out of reach (exit 3)."""
    done = check(DATABASE_URL="postgres://shop@127.0.0.1:1/shop")
    assert done.returncode == 3, done.stdout + done.stderr  # refused as a setting, it was 2
    assert "DATABASE_URL: cannot reach" in done.stdout + done.stderr


def test_a_shop_address_with_a_path_or_without_a_scheme_is_refused(
    check: Callable[..., Done], tmp_path: Path
) -> None:
    database = f"sqlite:///{tmp_path / 'shop.db'}"
    for address in ("shop.example.com", "https://shop.example.com/store", "ftp://shop.example"):
        done = check(DATABASE_URL=database, BOUTIQUE_PUBLIC_URL=address)
        assert done.returncode == 2, address
        assert "BOUTIQUE_PUBLIC_URL: the address shoppers open" in done.stdout + done.stderr
    done = check(
        DATABASE_URL=database,
        BOUTIQUE_PUBLIC_URL="https://shop.example.com/",
        BOUTIQUE_TRUSTED_PROXIES="1",
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_an_https_shop_must_count_its_proxy(check: Callable[..., Done], tmp_path: Path) -> None:
    """The server speaks http only: an https address has a proxy in front, whose address
    every shopper would share for the limits per client unless it is counted."""
    database = f"sqlite:///{tmp_path / 'shop.db'}"
    done = check(DATABASE_URL=database, BOUTIQUE_PUBLIC_URL="https://shop.example.com")
    assert done.returncode == 2
    assert "BOUTIQUE_TRUSTED_PROXIES: 0 with https://shop.example.com" in done.stdout
    done = check(
        DATABASE_URL=database,
        BOUTIQUE_PUBLIC_URL="https://shop.example.com",
        BOUTIQUE_TRUSTED_PROXIES="1",
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_currency_without_shipping_rates_is_refused(
    check: Callable[..., Done], tmp_path: Path
) -> None:
    """Rates are amounts in the currency's minor units: 4.90 EUR would be charged 4.90 SEK."""
    done = check(DATABASE_URL=f"sqlite:///{tmp_path / 'shop.db'}", BOUTIQUE_CURRENCY="sek")
    assert done.returncode == 2
    assert "BOUTIQUE_CURRENCY: no shipping rates in SEK" in done.stdout + done.stderr


# What the legal notice gives besides the invoices' seller: warned of when missing (with
# live keys too: never refused).
LEGAL_NOTICE = {
    "BOUTIQUE_SELLER_LEGAL_FORM": "SARL au capital de 8 000 €",
    "BOUTIQUE_CONTACT_EMAIL": "bonjour@atelier-martin.fr",
    "BOUTIQUE_SELLER_PHONE": "+33 4 78 00 00 00",
    "BOUTIQUE_SELLER_REPRESENTATIVE": "Claire Martin",
    "BOUTIQUE_HOSTING_PROVIDER": "OVH SAS | 2 rue Kellermann | 59100 Roubaix | France",
    "BOUTIQUE_CONSUMER_MEDIATOR": "CM2C, www.cm2c.net",
}
LIVE_KEYS = {
    "BOUTIQUE_STRIPE_SECRET_KEY": "sk_live_51abc",
    "BOUTIQUE_STRIPE_PUBLISHABLE_KEY": "pk_live_51abc",
    "BOUTIQUE_STRIPE_WEBHOOK_SECRET": "whsec_abc",
    # A live shop names its own seller on invoices (the demo's is refused with live keys).
    "BOUTIQUE_SELLER_NAME": "Atelier Martin SARL",
    "BOUTIQUE_SELLER_ADDRESS": "3 quai Rambaud | 69002 Lyon | France",
    "BOUTIQUE_SELLER_VAT_ID": "FR83404833048",
    "BOUTIQUE_SELLER_COMPANY_ID": "RCS Lyon 404 833 048",
    **LEGAL_NOTICE,
}


@pytest.fixture
def stripe_not_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Live keys would send the check to api.stripe.com: not from a test (its own test,
    at the end, asks localstripe)."""
    monkeypatch.setattr(check_commands, "key_problem", lambda *_args: None)


@pytest.fixture
def smtp_port() -> Iterator[int]:
    """A real SMTP server (aiosmtpd) on 127.0.0.1, without a login."""
    with serving(Inbox()) as port:
        yield port


@pytest.mark.usefixtures("stripe_not_asked")
def test_live_stripe_keys_with_a_local_shop_address_are_refused(
    check: Callable[..., Done], tmp_path: Path, smtp_port: int
) -> None:
    live = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shop.db'}",
        "BOUTIQUE_SMTP_URL": f"smtp://127.0.0.1:{smtp_port}",
        **LIVE_KEYS,
    }
    for address in ("http://localhost:3000", "http://127.0.0.1:8000", "http://[::1]:8000"):
        done = check(**live, BOUTIQUE_PUBLIC_URL=address)
        assert done.returncode == 2, address
        assert done.stdout.splitlines()[1] == (
            f"  BOUTIQUE_PUBLIC_URL: {address} with live Stripe keys; set the address shoppers "
            "open (sign-in checks it, mails link to it)"
        )
    done = check(
        **live,
        BOUTIQUE_PUBLIC_URL="https://shop.example.com",
        BOUTIQUE_TRUSTED_PROXIES="1",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "payments live" in done.stdout


@pytest.mark.usefixtures("stripe_not_asked")
def test_live_stripe_keys_need_https_and_mail_that_leaves_the_machine(
    check: Callable[..., Done], tmp_path: Path
) -> None:
    """Over http the session cookie is not Secure; without SMTP confirmations and resets
    stay in the mail_outbox table."""
    done = check(
        DATABASE_URL=f"sqlite:///{tmp_path / 'shop.db'}",
        BOUTIQUE_PUBLIC_URL="http://shop.example.com",
        **LIVE_KEYS,
    )
    assert done.returncode == 2
    assert done.stdout.splitlines()[1:] == [
        "  BOUTIQUE_PUBLIC_URL: http://shop.example.com with live Stripe keys; it must be "
        "https:// (cookies are Secure, and HSTS sent, only then: sessions would travel in clear)",
        "  BOUTIQUE_SMTP_URL: not set, with live Stripe keys; order confirmations and password "
        "resets would only be written to the mail_outbox table",
    ]


def test_live_keys_with_an_api_base_are_refused_with_every_other_live_problem(
    check: Callable[..., Done], tmp_path: Path
) -> None:
    """The API base's line was the only one; six more came once it was unset (QA)."""
    live = {k: v for k, v in LIVE_KEYS.items() if k.startswith("BOUTIQUE_STRIPE_")}
    done = check(
        DATABASE_URL=f"sqlite:///{tmp_path / 'shop.db'}",
        BOUTIQUE_STRIPE_API_BASE="http://127.0.0.1:8420",
        **live,
    )
    assert done.returncode == 2
    assert [line.split(":")[0] for line in done.stderr.splitlines()] == [
        "Invalid Boutique settings",
        "  BOUTIQUE_STRIPE_API_BASE",
        "  BOUTIQUE_PUBLIC_URL",
        "  BOUTIQUE_SMTP_URL",
        "  BOUTIQUE_SELLER_NAME",
        "  BOUTIQUE_SELLER_ADDRESS",
        "  BOUTIQUE_SELLER_VAT_ID",
        "  BOUTIQUE_SELLER_COMPANY_ID",
    ], done.stderr
    assert "live keys must talk to Stripe itself" in done.stderr
    # More refused than the API base: the settings' own lines, as before.
    done = check(BOUTIQUE_STRIPE_API_BASE="http://127.0.0.1:8420", BOUTIQUE_PAGE_SIZE="0", **live)
    assert done.returncode == 2
    assert [line.split(":")[0] for line in done.stderr.splitlines()] == [
        "Invalid Boutique settings",
        "  BOUTIQUE_PAGE_SIZE",
    ], done.stderr


def test_an_smtp_server_that_cannot_be_reached_is_warned_of_and_does_not_stop_the_start(
    tmp_path: Path,
) -> None:
    port = free_port()  # nothing listens there: the connection is refused
    done = cli(
        tmp_path,
        "check-settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'shop.db'}",
        BOUTIQUE_SMTP_URL=f"smtp://shop:s3cret@127.0.0.1:{port}",
    )
    assert done.returncode == 0  # the shop sells without mail; its orders' mails wait
    assert done.stdout.startswith("settings ok: ")
    assert [line for line in done.stderr.splitlines() if "SMTP" in line] == [
        f"warning: BOUTIQUE_SMTP_URL: cannot reach smtp://***@127.0.0.1:{port}: "
        "[Errno 111] Connection refused; the shop starts, orders' mails wait until it "
        "answers, account mails (password resets, address links) fail meanwhile"
    ]
    assert "s3cret" not in done.stdout + done.stderr


def test_an_smtp_server_refusing_the_login_is_a_refused_setting(
    check: Callable[..., Done], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wrong password, or a password the server could only get unencrypted: the answer
    will be the same after a restart, so the units must not restart for ever (exit 2)."""
    ca = trustme.CA()
    monkeypatch.setattr(
        check_commands, "SmtpMailer", functools.partial(SmtpMailer, tls=trusting_context(ca))
    )
    database = f"sqlite:///{tmp_path / 'shop.db'}"
    encrypted, plain = Inbox(), Inbox()
    with serving(encrypted, starttls_context(ca)) as port, serving(plain) as plain_port:
        done = check(DATABASE_URL=database, BOUTIQUE_SMTP_URL=f"smtp://shop:wrong@127.0.0.1:{port}")
        assert done.returncode == 2
        [line] = done.stdout.splitlines()[1:]
        assert line.startswith(
            f"  BOUTIQUE_SMTP_URL: refused by smtp://***@127.0.0.1:{port}: (535, "
        ), line
        done = check(
            DATABASE_URL=database, BOUTIQUE_SMTP_URL=f"smtp://shop:s3cret@127.0.0.1:{plain_port}"
        )
        assert done.returncode == 2
        assert done.stdout.splitlines()[1:] == [
            f"  BOUTIQUE_SMTP_URL: refused by smtp://***@127.0.0.1:{plain_port}: "
            f"127.0.0.1:{plain_port} offers no STARTTLS: the SMTP password is not sent "
            "unencrypted (use smtps://, or a server with STARTTLS)"
        ]
        done = check(
            DATABASE_URL=database, BOUTIQUE_SMTP_URL=f"smtp://shop:s3cret@127.0.0.1:{port}"
        )
        assert done.returncode == 0, done.stdout + done.stderr
    # smtplib tries each mechanism the server offers; the plain server got no password.
    assert set(encrypted.logins) == {(b"shop", b"wrong"), (b"shop", b"s3cret")}
    assert plain.logins == []


def test_stripe_keys_without_the_secret_key_are_refused(
    check: Callable[..., Done], tmp_path: Path
) -> None:
    """A missing or misspelt secret key turned payments off without a word."""
    done = check(
        DATABASE_URL=f"sqlite:///{tmp_path / 'shop.db'}",
        BOUTIQUE_STRIPE_SECRET="sk_live_x",
        BOUTIQUE_STRIPE_PUBLISHABLE_KEY="pk_live_x",
        BOUTIQUE_STRIPE_WEBHOOK_SECRET="whsec_x",
    )
    assert done.returncode == 2
    assert "BOUTIQUE_STRIPE_SECRET_KEY: not set, while the publishable key" in done.stderr


def test_unknown_variables_and_an_unset_address_are_warned_about(
    check: Callable[..., Done], tmp_path: Path
) -> None:
    done = check(DATABASE_URL=f"sqlite:///{tmp_path / 'shop.db'}", BOUTIQUE_PAGESIZE="48")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("settings ok:")
    assert done.stderr.splitlines() == [
        "warning: BOUTIQUE_PUBLIC_URL is not set: links in mails point at "
        "http://localhost:3000 (this machine, on PORT when it is set)",
        "warning: BOUTIQUE_PAGESIZE is not a Boutique setting and is ignored "
        "(did you mean BOUTIQUE_PAGE_SIZE?)",
        "warning: BOUTIQUE_SELLER_LEGAL_FORM, BOUTIQUE_CONTACT_EMAIL, BOUTIQUE_SELLER_PHONE, "
        "BOUTIQUE_SELLER_REPRESENTATIVE, BOUTIQUE_HOSTING_PROVIDER, BOUTIQUE_CONSUMER_MEDIATOR: "
        "not set (shop@localhost is an address no shopper can write to); the legal notice "
        "(/policies/legal) leaves them out of the seller's details it must give: set them, or "
        "write the notice in the admin (Policies) in every language",
    ]


@pytest.mark.usefixtures("stripe_not_asked")
def test_live_keys_are_warned_of_a_legal_notice_detail_unless_the_merchant_wrote_it(
    check: Callable[..., Done], tmp_path: Path, smtp_port: int
) -> None:
    """The default legal notice lists the seller's settings (QA: an unfilled template); with
    live keys one it cannot give is warned of, never refused (a live shop upgraded to this
    release would stay down for it), until the merchant's own notice stands in every
    language."""
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    live = {
        "DATABASE_URL": url,
        "BOUTIQUE_SMTP_URL": f"smtp://127.0.0.1:{smtp_port}",
        "BOUTIQUE_PUBLIC_URL": "https://shop.example.com",
        "BOUTIQUE_TRUSTED_PROXIES": "1",
        **{k: v for k, v in LIVE_KEYS.items() if k != "BOUTIQUE_SELLER_PHONE"},
    }
    warned = (
        "warning: BOUTIQUE_SELLER_PHONE: not set; the legal notice (/policies/legal) leaves "
        "them out of the seller's details it must give: set them, or write the notice in the "
        "admin (Policies) in every language"
    )
    done = check(**live)
    assert done.returncode == 0, done.stdout + done.stderr
    assert warned in done.stderr.splitlines()
    store = SqlPolicyStore(make_engine(url))
    for locale in ("en", "fr"):
        entry = AuditRecord(None, "cli", "policy.edit", f"policy:legal:{locale}", "", "")
        store.save("legal", locale, "Atelier Martin SARL, +33 4 78 00 00 00", entry, None)
        done = check(**live)
        assert done.returncode == 0, done.stdout + done.stderr
        assert (warned in done.stderr.splitlines()) == (locale == "en"), done.stderr


def test_a_worker_count_that_is_not_a_number_is_named(
    check: Callable[..., Done], tmp_path: Path
) -> None:
    database = f"sqlite:///{tmp_path / 'shop.db'}"
    done = check(DATABASE_URL=database, GRANIAN_WORKERS="four")
    assert done.returncode == 2
    assert "GRANIAN_WORKERS: 'four' is not a number of web workers (1 or more)" in done.stderr
    assert "Traceback" not in done.stderr
    # Other commands never read it.
    done = check(command="migrate", DATABASE_URL=database, GRANIAN_WORKERS="four")
    assert done.returncode == 0, done.stderr


def test_a_redis_url_with_a_bad_port_is_named(check: Callable[..., Done], tmp_path: Path) -> None:
    done = check(DATABASE_URL=f"sqlite:///{tmp_path / 'shop.db'}", REDIS_URL="redis://h:abc/0")
    assert done.returncode == 2
    assert "REDIS_URL: the port is not a number from 1 to 65535" in done.stderr
    assert "Traceback" not in done.stderr


def test_folders_the_processes_cannot_write_to_are_refused(
    check: Callable[..., Done], tmp_path: Path
) -> None:
    done = check(
        DATABASE_URL=f"sqlite:///{tmp_path / 'shop.db'}",
        BOUTIQUE_MEDIA_DIR=str(tmp_path / "media"),
        PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "metrics"),
    )
    assert done.returncode == 2
    assert done.stdout.splitlines()[1].startswith(
        f"  PROMETHEUS_MULTIPROC_DIR: {tmp_path / 'metrics'} does not exist;"
    )
    (tmp_path / "metrics").mkdir()
    done = check(
        DATABASE_URL=f"sqlite:///{tmp_path / 'shop.db'}",
        BOUTIQUE_MEDIA_DIR=str(tmp_path / "media"),
        PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "metrics"),
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_database_never_migrated_is_refused_unless_migrations_follow(
    check: Callable[..., Done], tmp_path: Path, empty_postgres_url: str
) -> None:
    """A worker on it would log the relay's traceback every second, a web process never be
    ready; scripts/serve migrates right after its check, so it says --before-migrate."""
    for database in (empty_postgres_url, f"sqlite:///{tmp_path / 'empty.db'}"):
        done = check(DATABASE_URL=database)
        assert done.returncode == 2, database
        assert done.stdout.splitlines()[1:] == [
            "  DATABASE_URL: no schema (never migrated); run `python -m storefront.cli migrate`"
        ]
        done = check("--before-migrate", DATABASE_URL=database)
        assert done.returncode == 0, done.stdout + done.stderr


def test_a_schema_behind_the_release_is_refused_and_one_ahead_accepted(
    check: Callable[..., Done], tmp_path: Path
) -> None:
    database = tmp_path / "shop.db"
    (head,) = head_revisions()
    previous = ScriptDirectory.from_config(alembic_config("sqlite://")).get_revision(head)
    behind = previous.down_revision
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (behind,))
    done = check(DATABASE_URL=f"sqlite:///{database}")
    assert done.returncode == 2
    assert done.stdout.splitlines()[1] == (
        f"  DATABASE_URL: the schema is at {behind}, this release needs {head}; "
        "run `python -m storefront.cli migrate`"
    )
    # A revision this release does not know is a newer release's, migrated by a rolling
    # deploy: this one keeps working beside it.
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    done = check(DATABASE_URL=f"sqlite:///{database}")
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_bus_redis_that_evicts_is_refused_and_one_that_does_not_persist_warned_of(
    check: Callable[..., Done],
    tmp_path: Path,
) -> None:
    server = PrivateRedis(tmp_path / "redis")  # appendonly yes, noeviction
    server.start()
    try:
        env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'shop.db'}", "REDIS_URL": server.url}
        env |= {"BOUTIQUE_PUBLIC_URL": "http://localhost:3000", **LEGAL_NOTICE}
        done = check(**env)
        assert (done.returncode, done.stderr) == (0, ""), done.stdout
        client = redis.Redis.from_url(server.url)
        client.config_set("appendonly", "no")
        done = check(**env)
        assert done.returncode == 0, done.stdout
        assert done.stderr.startswith("warning: REDIS_URL: appendonly is off")
        client.config_set("maxmemory-policy", "allkeys-lru")
        done = check(**env)
        assert done.returncode == 2
        assert "  REDIS_URL: maxmemory-policy is allkeys-lru" in done.stdout
    finally:
        server.stop()


def test_a_stripe_key_stripe_refuses_or_stripe_out_of_reach_is_warned_of(
    check: Callable[..., Done], tmp_path: Path, localstripe_url: str
) -> None:
    """A revoked or mistyped key was found only when the first shopper's payment failed
    (operator QA): the check asks Stripe (here localstripe, which takes only sk_ keys),
    and says so on stderr, as its warnings."""
    keys = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shop.db'}",
        "BOUTIQUE_STRIPE_SECRET_KEY": "sk_test_51abc",
        "BOUTIQUE_STRIPE_PUBLISHABLE_KEY": "pk_test_51abc",
        "BOUTIQUE_STRIPE_WEBHOOK_SECRET": "whsec_abc",
        "BOUTIQUE_STRIPE_API_BASE": localstripe_url,
    }
    taken = check(**keys)
    assert taken.returncode == 0, taken.stdout + taken.stderr
    assert "Stripe" not in taken.stderr
    # Warned of, not refused: the catalog still shows without payments, and a unit that
    # stops on a refused setting would stay down on its next restart (review).
    refused = check(**keys | {"BOUTIQUE_STRIPE_SECRET_KEY": "rk_test_revoked"})
    assert refused.returncode == 0, refused.stdout + refused.stderr
    assert "warning: BOUTIQUE_STRIPE_SECRET_KEY: refused by Stripe: " in refused.stderr
    assert "every payment fails until it is changed" in refused.stderr
    port = free_port()
    away = check(**keys | {"BOUTIQUE_STRIPE_API_BASE": f"http://127.0.0.1:{port}"})
    assert away.returncode == 0, away.stdout + away.stderr
    # Where and why, on one line: it said Stripe's boilerplate, cut at its first line (QA).
    assert (
        "warning: Stripe did not answer a check of the key (unreachable): "
        f"127.0.0.1:{port}: Connection refused\n"
    ) in away.stderr
