"""What `check-settings` refuses in live mode and warns about in any mode, from the settings
alone (no service reached): kept apart from the command so each rule is tested on its own."""

from __future__ import annotations

import difflib
import ipaddress
from collections.abc import Iterable
from urllib.parse import urlsplit

from pydantic import AliasChoices, ValidationError

from storefront.i18n import LOCALES
from storefront.services.legal_notice import missing_details
from storefront.settings import Settings, SettingsError

PREFIX = "BOUTIQUE_"
# Read by the scripts, the tests or the admin command, not by the settings: not misspellings.
OTHER_VARIABLES = frozenset(
    {
        "BOUTIQUE_ADMIN_PASSWORD",
        "BOUTIQUE_EVAL_DATA",
        "BOUTIQUE_PRIVATE_SERVICES",
        "BOUTIQUE_SEED_COUNT",
        "BOUTIQUE_TESTS_REQUIRE_SERVICES",
        "BOUTIQUE_TRACE_EVENTS",
    }
)
SELLER_SETTINGS = ("seller_name", "seller_address", "seller_vat_id", "seller_company_id")
# The variable giving each of the legal notice's details (services/legal_notice.py).
LEGAL_NOTICE_VARIABLES = {
    "name": "BOUTIQUE_SELLER_NAME",
    "legal_form": "BOUTIQUE_SELLER_LEGAL_FORM",
    "address": "BOUTIQUE_SELLER_ADDRESS",
    "company_id": "BOUTIQUE_SELLER_COMPANY_ID",
    "vat_id": "BOUTIQUE_SELLER_VAT_ID",
    "email": "BOUTIQUE_CONTACT_EMAIL",
    "phone": "BOUTIQUE_SELLER_PHONE",
    "representative": "BOUTIQUE_SELLER_REPRESENTATIVE",
    "host": "BOUTIQUE_HOSTING_PROVIDER",
    "mediator": "BOUTIQUE_CONSUMER_MEDIATOR",
}


def live_problems(settings: Settings) -> list[str]:
    """With live Stripe keys: an address shoppers can open over https, mail that leaves the
    machine, and the seller's own identity on invoices. Test mode (the demo, no keys) is
    never refused here."""
    if settings.payments_test_mode:
        return []
    problems = []
    url = settings.public_url
    if "public_url" not in settings.model_fields_set:
        problems.append(
            "BOUTIQUE_PUBLIC_URL: not set, with live Stripe keys; set the https:// address "
            f"shoppers open (sign-in checks it, mails link to it; it says {url})"
        )
    elif local(url):
        problems.append(
            f"BOUTIQUE_PUBLIC_URL: {url} with live Stripe keys; set the address shoppers "
            "open (sign-in checks it, mails link to it)"
        )
    elif not url.startswith("https://"):
        problems.append(
            f"BOUTIQUE_PUBLIC_URL: {url} with live Stripe keys; it must be https:// (cookies "
            "are Secure, and HSTS sent, only then: sessions would travel in clear)"
        )
    if not settings.smtp_url:
        problems.append(
            "BOUTIQUE_SMTP_URL: not set, with live Stripe keys; order confirmations and "
            "password resets would only be written to the mail_outbox table"
        )
    problems.extend(
        f"BOUTIQUE_{name.upper()}: the demo's value, with live Stripe keys; every invoice "
        "names the seller: set the merchant's own"
        for name in SELLER_SETTINGS
        if getattr(settings, name) == Settings.model_fields[name].default
    )
    return problems


def legal_notice_gaps(settings: Settings, written: Iterable[str]) -> str:
    """What the default legal notice (/policies/legal) leaves out for want of a setting, in
    one line ("" when nothing): unless the merchant wrote the notice in every language
    (`written`), some shopper reads the default. A warning, live keys or not."""
    if set(LOCALES) <= set(written):
        return ""
    missing = missing_details(settings.policy_facts.seller)
    if not missing:
        return ""
    names = ", ".join(LEGAL_NOTICE_VARIABLES[field] for field in missing)
    email = (
        f" ({settings.contact_address} is an address no shopper can write to)"
        if "email" in missing
        else ""
    )
    return (
        f"{names}: not set{email}; the legal notice (/policies/legal) leaves them out of the "
        "seller's details it must give: set them, or write the notice in the admin "
        "(Policies) in every language"
    )


def with_live_problems(refused: SettingsError) -> SettingsError:
    """The settings' refusal with the live rules' problems added, when the one value refused
    was an API base beside live keys: the settings refuse that themselves (a live key never
    goes elsewhere), and the rest was said only once it was unset, one deploy later (QA)."""
    try:
        settings = Settings(stripe_api_base=None)
    except ValidationError:  # more is refused than the API base: those lines come first
        return refused
    lines = "".join(f"\n  {problem}" for problem in live_problems(settings))
    return SettingsError(f"{refused}{lines}")


def setting_warnings(settings: Settings, names: Iterable[str]) -> list[str]:
    """What runs but is likely a mistake: `names` are the variables set (environment and
    .env); a BOUTIQUE_ one no setting reads is ignored by the shop, often a misspelling."""
    found = []
    if "public_url" not in settings.model_fields_set and settings.payments_test_mode:
        found.append(
            f"BOUTIQUE_PUBLIC_URL is not set: links in mails point at {settings.public_url} "
            "(this machine, on PORT when it is set)"
        )
    known = setting_variables() | OTHER_VARIABLES
    # Compared without the prefix they all share, which would make any two look alike.
    tails = sorted(k.removeprefix(PREFIX) for k in known if k.startswith(PREFIX))
    for name in sorted({n.upper() for n in names if n.upper().startswith(PREFIX)}):
        if name not in known:
            close = difflib.get_close_matches(name.removeprefix(PREFIX), tails, n=1, cutoff=0.75)
            hint = f" (did you mean {PREFIX}{close[0]}?)" if close else ""
            found.append(f"{name} is not a Boutique setting and is ignored{hint}")
    return found


def setting_variables() -> frozenset[str]:
    """Every variable name the settings read."""
    names = set()
    for field_name, field in Settings.model_fields.items():
        alias = field.validation_alias
        if isinstance(alias, AliasChoices):
            names |= {str(choice) for choice in alias.choices}
        else:
            names.add(f"BOUTIQUE_{field_name.upper()}")
    return frozenset(names)


def local(url: str) -> bool:
    """An address only this machine reaches: localhost or a loopback IP."""
    host = urlsplit(url).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def proxy_host_warning(trusted_proxies: int, host: str | None) -> str | None:
    """With proxies trusted to name the client (X-Forwarded-For), a web process listening on
    every address (scripts/serve's HOST, unset: 0.0.0.0) lets a client reach it directly and
    name any address it likes, defeating the per-client limits (docs/operations.md)."""
    if trusted_proxies > 0 and (host or "0.0.0.0") in ("0.0.0.0", "::", ""):
        return (
            f"BOUTIQUE_TRUSTED_PROXIES is {trusted_proxies} but HOST is {host or 'unset'}: "
            "scripts/serve listens on every address, so clients reaching it directly, not "
            "through the proxy, can defeat the per-client limits; set HOST=127.0.0.1 (or the "
            "address the proxy connects to)"
        )
    return None
