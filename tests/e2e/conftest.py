"""The shop as shipped: migrated, seeded through the CLI, served by `reflex run --env prod`,
driven by Playwright in Debian's Chromium."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Locator, Page, expect

from tests.localstripe import PUBLISHABLE_KEY, SECRET_KEY, WEBHOOK_SECRET
from tests.missing import missing
from tests.ports import free_port
from tests.shop_server import ROOT, ShopDidNotStart, production_shop

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
E2E_PRODUCTS = 1000


def shop_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    env |= {
        "DATABASE_URL": f"sqlite:///{tmp / 'e2e.db'}",
        "BOUTIQUE_MEDIA_DIR": str(tmp / "media"),
        "REFLEX_TELEMETRY_ENABLED": "false",
    }
    return env


def product_slug(database_url: str, having: str) -> str:
    """The slug of the first active product whose variants (`v`) meet the `having` clause."""
    with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
        row = db.execute(
            "select p.slug from product p join variant v on v.product_id = p.id "
            f"where p.status = 'active' group by p.id having {having} order by p.id limit 1"
        ).fetchone()
    return str(row[0])


def set_stock(database_url: str, slug: str, stock: int) -> None:
    """Every variant of the product at `slug` has `stock` now (as if the admin set it)."""
    with sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=10) as db:
        product = "(select id from product where slug = ?)"
        db.execute(f"update variant set stock = ? where product_id = {product}", (stock, slug))


@pytest.fixture(scope="session")
def shop_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def shop_env_vars(
    tmp_path_factory: pytest.TempPathFactory, localstripe_url: str, shop_port: int
) -> dict[str, str]:
    """The environment of the shop under test (its DATABASE_URL, to look inside), paying
    through localstripe, which delivers signed webhooks to the shop."""
    env = shop_env(tmp_path_factory.mktemp("e2e"))
    env |= {
        "BOUTIQUE_STRIPE_SECRET_KEY": SECRET_KEY,
        "BOUTIQUE_STRIPE_PUBLISHABLE_KEY": PUBLISHABLE_KEY,
        "BOUTIQUE_STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "BOUTIQUE_STRIPE_API_BASE": localstripe_url,
        "BOUTIQUE_STRIPE_JS_URL": f"{localstripe_url}/js.stripe.com/v3/",
        # Every test signs up from 127.0.0.1: more than the 10 sign-ups an hour one client
        # gets. The limits themselves are tested in tests/unit and tests/integration; a
        # device's lockout after failed sign-ins (test_accounts.py) is not scaled.
        "BOUTIQUE_LIMITS_FACTOR": "10",
        "BOUTIQUE_CONTACT_EMAIL": "help@boutique.example",
    }
    httpx.post(
        f"{localstripe_url}/_config/webhooks/boutique",
        json={
            "url": f"http://127.0.0.1:{shop_port}/api/stripe/webhook",
            "secret": WEBHOOK_SECRET,
        },
    ).raise_for_status()
    return env


@pytest.fixture(scope="session")
def shop_url(shop_env_vars: dict[str, str], shop_port: int) -> Iterator[str]:
    if not Path(CHROMIUM).exists():
        missing(f"{CHROMIUM} missing (scripts/test installs it)")
    env = shop_env_vars
    tmp = Path(env["BOUTIQUE_MEDIA_DIR"]).parent
    cli = [sys.executable, "-m", "storefront.cli"]
    subprocess.run([*cli, "migrate"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run(
        [*cli, "seed", "--demo-orders", "--count", str(E2E_PRODUCTS)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    # As scripts/shop does: embed the catalog once, so the server only loads vectors.
    subprocess.run([*cli, "reindex"], cwd=ROOT, env=env, check=True, capture_output=True)
    try:
        with production_shop(env, tmp / "shop.log", port=shop_port) as url:
            yield url
    except ShopDidNotStart as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, shop_url: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=shop_url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def expect_underlined(page: Page, link: Locator) -> None:
    """`link`, inside a sentence, is told from its words by more than colour (WCAG 1.4.1)."""
    page.mouse.move(0, 0)  # hovered, any link is underlined
    expect(link).to_have_css("text-decoration-line", re.compile(r"\bunderline\b"))


def sign_up(page: Page, email: str) -> None:
    """A new account signed in from `page` (which ends on the account page)."""
    page.goto("/account/sign-in")
    form = page.get_by_test_id("sign-up-form")
    form.get_by_label("Email").fill(email)
    form.get_by_label("Password").fill("a long enough password")
    form.get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/account/?$"))  # a full page load adds the slash
