"""One settings object for the whole shop, read from the environment (and `.env`).

Bad values fail at start-up with a message naming the variable, never later in a request.
"""

from __future__ import annotations

import functools
from email.utils import getaddresses, parseaddr
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AliasChoices,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

from storefront.services.legal_notice import SellerDetails
from storefront.services.policy_defaults import ShopFacts
from storefront.settings_payments import PaymentSettings
from storefront.settings_seller import SellerSettings
from storefront.settings_urls import (
    PLACEHOLDER,
    check_address,
    check_redis_database,
    local_shop_address,
    refuse_placeholder_password,
    variable,
    variable_named,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent

_DB_SCHEMES = {"sqlite", "postgresql", "postgresql+psycopg"}
_REDIS_SCHEMES = {"redis", "rediss", "unix"}


class SettingsError(RuntimeError):
    """Raised when the environment holds an unusable setting."""


class Settings(PaymentSettings, SellerSettings, BaseSettings):
    """Every knob an operator can turn; names are the environment variables. Those of
    payments and invoicing are in PaymentSettings (storefront/settings_payments.py), the
    legal notice's others in SellerSettings (storefront/settings_seller.py)."""

    model_config = SettingsConfigDict(
        env_file=PROJECT_ROOT / ".env", env_prefix="BOUTIQUE_", extra="ignore"
    )

    database_url: str = Field(
        default=f"sqlite:///{PROJECT_ROOT / 'boutique.db'}",
        validation_alias=AliasChoices("DATABASE_URL", "BOUTIQUE_DATABASE_URL"),
    )
    # PostgreSQL connections per process: kept open, and opened beyond them under load.
    db_pool_size: int = Field(default=10, ge=1, le=1000)
    db_max_overflow: int = Field(default=20, ge=0, le=1000)
    # Web processes on PostgreSQL: a statement running or waiting on a lock longer is
    # cancelled, so one stuck query cannot hold a worker thread for ever (0: no limit).
    # Commands and bus workers (migrations, imports, reindexing) have none.
    db_statement_timeout_seconds: float = Field(default=30.0, ge=0, le=86_400)
    redis_url: str | None = Field(
        default=None, validation_alias=AliasChoices("REDIS_URL", "BOUTIQUE_REDIS_URL")
    )
    # Cache and bus may live on a Redis other than the one holding Reflex state.
    cache_redis_url: str | None = None
    # The Redis stream carrying domain events (one per shop database).
    bus_stream: str = Field(default="boutique:events", min_length=1, max_length=120)
    # Web processes run the consumer groups too (set false to leave them to `worker`s).
    bus_consumers_in_web: bool = True
    # A message is dead-lettered after failing this many times (with backoff between).
    bus_max_attempts: int = Field(default=5, ge=1, le=100)
    # A message held this long by a consumer that never acknowledged it (it died) is
    # taken over by another; keep it above the slowest handler's run time.
    bus_claim_idle_seconds: float = Field(default=30.0, gt=0, le=3600)
    cache_ttl_seconds: int = Field(default=6 * 3600, ge=1)
    cache_max_entries: int = Field(default=50_000, ge=100)
    # With Redis, each web process's cache in front of it: every product page of a catalog
    # of about 5,000, their cards and the listings shoppers ask for, so that warm pages are
    # read from memory (at 2,000, recommendation cards pushed pages out). Per process.
    cache_local_entries: int = Field(default=20_000, ge=100)
    # Each web process reads this many product pages into its memory at start, the best
    # loved first (0: none); at most a quarter of cache_local_entries (a page and its card
    # each take an entry, and shoppers' listings need room too).
    cache_warm_products: int = Field(default=5_000, ge=0)
    media_dir: Path = PROJECT_ROOT / "media"
    # Prefix for media URLs: "" when the app serves /media itself (prod), a CDN or the
    # backend origin (dev mode, where the frontend port does not serve API routes).
    media_base_url: str = ""
    # Reverse proxies in front of the shop (a TLS proxy, a load balancer): with N, the client
    # whose attempts are limited is the N-th address from the right of X-Forwarded-For; with
    # 0 the header is ignored (a client could write anything in it) and the socket's peer
    # is the client. Too high lets clients choose their address; too low makes every
    # shopper one client, the proxy.
    trusted_proxies: int = Field(default=0, ge=0, le=10)
    # Multiplies every limit per client (services/throttle.py): above 1 for a sale expected
    # behind shared addresses, 0 to switch them off (a load test from one machine).
    limits_factor: float = Field(default=1.0, ge=0, le=1000)
    # Prefix for the admin's download links: "" when one port serves the app and its API
    # (prod), the backend origin in dev mode.
    api_base_url: str = ""
    # Logs: "text" for a terminal, "json" (one object a line, with request and event ids)
    # for a log pipeline.
    log_format: Literal["text", "json"] = "text"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # When set, /metrics and /api/cache-stats answer only requests that carry it
    # (`Authorization: Bearer <token>`, as Prometheus sends its scrape `authorization`);
    # empty, only requests straight from this machine or a private network, none passed on
    # by a proxy (api/monitoring_access.py).
    metrics_token: str = Field(default="", max_length=200)
    # The shop's own language ("en" or "fr"): the pages' text before they know the shopper's
    # (the HTML the server sends, so a French shop's pages never open in English), for a
    # shopper whose browser asks for neither, and of what the server writes for crawlers.
    # Read when the pages are built: restart the shop (`reflex run` builds them) to change it.
    language: Literal["en", "fr"] = "en"
    # The language the catalog is written in (titles, descriptions, option values), when it
    # is not the shop's: its text is marked so (`lang`), and a screen reader reads an English
    # title in English under the French interface. Empty: the shop's language. Read when the
    # pages are built, as `language` is.
    catalog_language: Literal["", "en", "fr"] = ""
    # The shop's time zone (an IANA name): its days, as the dashboard and the order list
    # count them, start at midnight there.
    timezone: str = "UTC"
    page_size: int = Field(default=24, ge=1, le=200)
    low_stock_threshold: int = Field(default=5, ge=0, le=10_000)
    # Days after the shopper receives an order during which they may withdraw through the
    # shop's withdrawal function (services/orders/withdrawal_period.py: the day of receipt
    # is the last its delivery promise gives after it shipped): the law's 14 at least. The
    # default returns policy says it; a merchant's own text must be changed with it.
    withdrawal_days: int = Field(default=30, ge=14, le=365)
    # Mail: smtp://user:password@host:587 (or smtps://); without it mail goes to the
    # `mail_outbox` table, readable in development and tests.
    smtp_url: str | None = None
    # The shop's address as shoppers reach it, for links in emails. Unset: this machine, on
    # the PORT the process is given, else 3000 (settings_urls.local_shop_address).
    public_url: str = Field(default_factory=local_shop_address)
    mail_from: str = "Boutique <shop@localhost>"
    # Where shoppers write to the shop: every page's footer shows it, and mails sent by SMTP
    # carry it as their Reply-To. By default the address of mail_from.
    contact_email: str = ""

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if not value.strip():  # set but empty: the default, as for the other URLs' empty values
            return str(cls.model_fields["database_url"].default)
        scheme = urlsplit(value).scheme
        if scheme == "postgres":  # as Heroku-style platforms set it, and cannot be told not to
            value, scheme = "postgresql" + value[len("postgres") :], "postgresql"
        if scheme not in _DB_SCHEMES:
            msg = f"DATABASE_URL: unsupported scheme {scheme!r}; use sqlite:/// or postgresql://"
            raise ValueError(msg)
        parts = check_address("DATABASE_URL", value)
        if (
            scheme != "sqlite"
            and not parts.path.strip("/")
            and not {"dbname", "service"} & parse_qs(parts.query).keys()
        ):
            # libpq would connect to the role's own database (postgres), and scripts/serve
            # migrate the shop into it. A pg_service.conf entry (?service=) names its own.
            msg = (
                "DATABASE_URL: names no database; add it after the host, as in "
                "postgresql://user@host:5432/shop"
            )
            raise ValueError(msg)
        refuse_placeholder_password("DATABASE_URL", value)
        return value

    @field_validator("redis_url", "cache_redis_url")
    @classmethod
    def _known_redis(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value in (None, ""):
            return None
        name = variable(info)
        scheme = urlsplit(value).scheme
        if scheme not in _REDIS_SCHEMES:
            msg = f"{name}: unsupported Redis URL scheme {scheme!r}; use redis:// or rediss://"
            raise ValueError(msg)
        parts = check_address(name, value)
        check_redis_database(name, parts)
        return value

    @field_validator("smtp_url")
    @classmethod
    def _known_smtp(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if urlsplit(value).scheme not in ("smtp", "smtps") or not urlsplit(value).hostname:
            msg = "BOUTIQUE_SMTP_URL: use smtp://user:password@host:port or smtps://..."
            raise ValueError(msg)
        check_address("BOUTIQUE_SMTP_URL", value)
        refuse_placeholder_password("BOUTIQUE_SMTP_URL", value)
        return value

    @field_validator("mail_from")
    @classmethod
    def _sender(cls, value: str) -> str:
        """One address with an @, and a name if wanted: every mail's From header."""
        value = value.strip()
        _name, address = parseaddr(value)
        local, _, domain = address.rpartition("@")
        if (
            not local
            or not domain
            or any(c.isspace() for c in address)
            or len(getaddresses([value])) != 1
            or "\n" in value
            or "\r" in value
        ):
            msg = "BOUTIQUE_MAIL_FROM: one address with an @, e.g. Boutique <shop@example.com>"
            raise ValueError(msg)
        return value

    @field_validator("contact_email")
    @classmethod
    def _contact(cls, value: str) -> str:
        """Empty (mail_from's address), or one bare address with an @: plain ASCII without
        what would break a Reply-To header or the footer's mailto: link."""
        value = value.strip()
        local, _, domain = value.rpartition("@")
        if value and (
            not local
            or not domain
            or "@" in local
            or any(not ("!" <= c <= "~") or c in '<>,;"()?#%&' for c in value)
        ):
            msg = "BOUTIQUE_CONTACT_EMAIL: one address with an @, e.g. help@example.com"
            raise ValueError(msg)
        return value

    @field_validator("media_base_url", "api_base_url")
    @classmethod
    def _addresses(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value and "://" in value:
            check_address(variable(info), value)
        return value

    @field_validator("metrics_token")
    @classmethod
    def _metrics_token(cls, value: str) -> str:
        value = value.strip()
        if value and PLACEHOLDER.search(value):
            msg = "BOUTIQUE_METRICS_TOKEN: still the example's placeholder (CHANGE-ME)"
            raise ValueError(msg)
        if value and (len(value) < 16 or not value.isprintable() or " " in value):
            msg = "BOUTIQUE_METRICS_TOKEN: at least 16 characters, no spaces (or empty: none)"
            raise ValueError(msg)
        return value

    @field_validator("public_url")
    @classmethod
    def _shop_address(cls, value: str) -> str:
        """An origin (https://shop.example.com): sign-in compares it with the browser's, and
        mails link to paths under it. A trailing slash is dropped."""
        parts = urlsplit(value.strip())
        if (
            parts.scheme not in ("http", "https")
            or not parts.hostname
            or parts.path not in ("", "/")
            or parts.query
            or parts.fragment
        ):
            msg = (
                "BOUTIQUE_PUBLIC_URL: the address shoppers open, without a path, "
                "e.g. https://shop.example.com"
            )
            raise ValueError(msg)
        check_address("BOUTIQUE_PUBLIC_URL", value.strip())
        return f"{parts.scheme}://{parts.netloc}"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            msg = f"BOUTIQUE_TIMEZONE: {value!r} is not a time zone name such as Europe/Paris"
            raise ValueError(msg) from None
        return value

    @property
    def contact_address(self) -> str:
        """The address shoppers write to: contact_email, or the sender's own."""
        return self.contact_email or parseaddr(self.mail_from)[1]

    @property
    def policy_facts(self) -> ShopFacts:
        """What the policies' default texts say of the shop: its legal notice's seller."""
        seller = SellerDetails(
            self.seller_name, self.seller_legal_form, self.seller_address,
            self.seller_company_id, self.seller_vat_id, self.contact_address,
            self.seller_phone, self.seller_representative, self.hosting_provider,
            self.consumer_mediator,
        )  # fmt: skip
        return ShopFacts(self.withdrawal_days, self.currency, seller)

    @property
    def catalog_locale(self) -> str:
        """The language the catalog's own text (product titles, category names) is written
        in: catalog_language, else the shop's."""
        return self.catalog_language or self.language

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def sqlalchemy_url(self) -> str:
        """The URL with an explicit driver: psycopg 3 for PostgreSQL."""
        if self.database_url.startswith("postgresql://"):
            return "postgresql+psycopg://" + self.database_url.removeprefix("postgresql://")
        return self.database_url

    @property
    def effective_cache_redis_url(self) -> str | None:
        return self.cache_redis_url or self.redis_url


def load_settings() -> Settings:
    """Read the settings, turning a validation error into one readable message."""
    try:
        return Settings()
    except ValidationError as exc:
        lines = [f"  {_refused(err['loc'], err['msg'])}" for err in exc.errors()]
        raise SettingsError("Invalid Boutique settings:\n" + "\n".join(lines)) from None


def _refused(where: tuple[int | str, ...], message: str) -> str:
    """One refused setting, named by its environment variable, which the operator sets
    (`db_pool_size: ...` named none; QA). The value is not repeated: it may be a secret."""
    # A check of ours names the variable itself: "Value error, DATABASE_URL: ..."
    message = message.removeprefix("Value error, ")
    if not where and message.startswith(("BOUTIQUE_", "DATABASE_URL: ", "REDIS_URL: ")):
        return message  # the model's own checks, of several fields (settings_payments.py)
    name = str(where[0]) if where else "settings"
    if name in Settings.model_fields:
        name = variable_named(name)
    return f"{name}: {message.removeprefix(f'{name}: ')}"


@functools.cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return load_settings()
