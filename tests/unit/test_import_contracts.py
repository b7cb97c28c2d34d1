"""The import contracts name every module they should: the admin kept out of the shopper's
code, and the texts below the services. Listed one by one (the admin's state and pages sit
inside the same packages; the texts are modules of `storefront`), the lists would otherwise
miss a module added later without anyone noticing."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("state", "components", "storefront/pages")
CONTRACT = "The shopper's state, components and pages import nothing of the admin"


def _contract() -> dict[str, Any]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    [contract] = [c for c in config["tool"]["importlinter"]["contracts"] if c["name"] == CONTRACT]
    return contract


def _modules() -> set[str]:
    found = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def _admin(module: str) -> bool:
    return module.startswith(("state.admin", "storefront.pages.admin", "components.admin_"))


def test_every_shopper_state_component_and_page_module_is_a_source_of_the_contract() -> None:
    assert set(_contract()["source_modules"]) == {m for m in _modules() if not _admin(m)}


def test_every_admin_state_component_and_page_module_is_forbidden_to_the_shopper() -> None:
    forbidden = set(_contract()["forbidden_modules"])
    below = tuple(f.removesuffix("**") for f in forbidden if f.endswith(".**"))
    for module in filter(_admin, _modules()):
        assert module in forbidden or module.startswith(below), module
    assert {"storefront.services.admin", "storefront.services.admin.**"} <= forbidden


def test_the_contract_lists_modules_one_by_one() -> None:
    # As packages, "state" would take in state.admin, which imports the admin services.
    assert _contract()["as_packages"] is False


def test_every_text_module_is_a_layer_below_the_services() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    [layers] = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    named = {m.strip() for layer in layers["layers"] for m in layer.split("|")}
    texts = {f"storefront.{p.stem}" for p in (ROOT / "storefront").glob("i18n*.py")}
    assert texts <= named, texts - named
