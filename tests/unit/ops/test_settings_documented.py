"""Every setting the shop reads is documented, under each name it answers to."""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices

from storefront.settings import Settings

ROOT = Path(__file__).resolve().parents[3]


def variable_names() -> list[str]:
    names = []
    for field, info in Settings.model_fields.items():
        alias = info.validation_alias
        if isinstance(alias, AliasChoices):
            names += [str(choice) for choice in alias.choices]
        else:
            names.append(f"BOUTIQUE_{field.upper()}")
    return names


def test_every_setting_is_documented() -> None:
    docs = (ROOT / "README.md").read_text() + "".join(
        path.read_text() for path in sorted((ROOT / "docs").glob("*.md"))
    )
    assert [name for name in variable_names() if f"`{name}`" not in docs] == []
