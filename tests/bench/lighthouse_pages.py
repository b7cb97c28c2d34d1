"""Lighthouse 13 on the production build: home, listing and product pages, mobile and desktop,
beside a blank Reflex page built and measured in the same run.

    python -m tests.bench.lighthouse_pages [--runs 3] [--products 5000]

Needs `npm install --prefix .tools lighthouse@13` and /usr/bin/chromium. Prints medians per page
and preset, and the gap to the blank page (targets: within 5 points, LCP within 1.2x, CLS <= 0.05).
Not a test: figures on a shared machine vary; compare only within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import httpx

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, shop_env
from tests.ports import free_port
from tests.shop_server import prod_command, start_logged

LIGHTHOUSE = ROOT / ".tools" / "node_modules" / ".bin" / "lighthouse"
BLANK_APP = textwrap.dedent(
    """
    import reflex as rx

    def index() -> rx.Component:
        return rx.text("Blank")

    app = rx.App()
    app.add_page(index, route="/")
    """
)


def wait(url: str, timeout: float = 300) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return time.monotonic() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"{url} did not answer in {timeout} s")


def blank_reflex_app(tmp: Path, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    app_dir = tmp / "blankapp"
    (app_dir / "blankapp").mkdir(parents=True)
    (app_dir / "blankapp" / "__init__.py").write_text("")
    (app_dir / "blankapp" / "blankapp.py").write_text(BLANK_APP)
    (app_dir / "rxconfig.py").write_text(
        'import reflex as rx\nconfig = rx.Config(app_name="blankapp", telemetry_enabled=False, '
        "plugins=[rx.plugins.RadixThemesPlugin()])\n"
    )
    port = free_port()
    proc = start_logged(
        prod_command(port),
        app_dir,
        env,
        tmp / "blank.log",
    )
    return proc, f"http://127.0.0.1:{port}"


def lighthouse(url: str, preset: str, out: Path) -> dict[str, float]:
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        "--only-categories=performance,accessibility,best-practices,seo",
        f"--chrome-flags={flags}",
    ]
    if preset == "desktop":
        cmd.append("--preset=desktop")
    subprocess.run(cmd, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=240)
    report = json.loads(out.read_text())
    audits, categories = report["audits"], report["categories"]
    return {
        "performance": categories["performance"]["score"] * 100,
        "accessibility": categories["accessibility"]["score"] * 100,
        "best_practices": categories["best-practices"]["score"] * 100,
        "seo": categories["seo"]["score"] * 100,
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "bytes_kib": audits["total-byte-weight"]["numericValue"] / 1024,
    }


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--products", type=int, default=5000)
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("lighthouse missing: npm install --prefix .tools lighthouse@13")
    tmp = Path(tempfile.mkdtemp(prefix="boutique-lh-"))
    env = shop_env(tmp)
    cli = [sys.executable, "-m", "storefront.cli"]
    subprocess.run([*cli, "migrate"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run(
        [*cli, "seed", "--demo-orders", "--count", str(args.products)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    port = free_port()
    shop = start_logged(
        prod_command(port),
        ROOT,
        env,
        tmp / "shop.log",
    )
    blank, blank_url = blank_reflex_app(tmp, env)
    shop_url = f"http://127.0.0.1:{port}"
    try:
        wait(shop_url + "/healthz")
        wait(blank_url)
        home = httpx.get(shop_url, timeout=10)
        assert home.status_code == 200
        category, product = pick_pages(env["DATABASE_URL"])
        pages = {
            "blank": blank_url,
            "home": shop_url + "/",
            "listing": shop_url + category,
            "product": shop_url + product,
        }
        results: dict[str, dict[str, dict[str, float]]] = {}
        for preset in ("mobile", "desktop"):
            for name, url in pages.items():
                runs = [
                    lighthouse(url, preset, tmp / f"{name}-{preset}-{i}.json")
                    for i in range(args.runs)
                ]
                results.setdefault(preset, {})[name] = median_of(runs)
                rounded = {k: round(v, 3) for k, v in results[preset][name].items()}
                print(f"{preset:8} {name:8} {json.dumps(rounded)}", flush=True)
        report(results)
    finally:
        for proc in (shop, blank):
            os.killpg(proc.pid, 15)


def pick_pages(database_url: str) -> tuple[str, str]:
    """The first department and the first product of the seeded catalog."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    with engine.connect() as connection:
        category = connection.execute(
            text("SELECT slug FROM category WHERE parent_id IS NULL ORDER BY position LIMIT 1")
        ).scalar_one()
        product = connection.execute(
            text("SELECT slug FROM product WHERE status = 'active' ORDER BY id LIMIT 1")
        ).scalar_one()
    engine.dispose()
    return f"/category/{category}", f"/product/{product}"


def report(results: dict[str, dict[str, dict[str, float]]]) -> None:
    print("\npreset   page      perf  a11y  LCP ms   CLS    vs blank: perf  LCP ratio")
    for preset, pages in results.items():
        blank = pages["blank"]
        for name, figures in pages.items():
            gap = figures["performance"] - blank["performance"]
            perf, a11y = figures["performance"], figures["accessibility"]
            print(
                f"{preset:8} {name:8} {perf:5.0f} {a11y:5.0f} "
                f"{figures['lcp_ms']:7.0f} {figures['cls']:6.3f}   {gap:+5.0f} "
                f"{figures['lcp_ms'] / blank['lcp_ms']:9.2f}"
            )
    print(json.dumps(results))


if __name__ == "__main__":
    main()
