"""The migrations build exactly the schema the models describe, both ways, on both databases."""

from __future__ import annotations

from alembic import command

from storefront.adapters.migrations import alembic_config


def test_migrations_match_the_models_and_run_down_and_up(database_url: str) -> None:
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    config = alembic_config(url)
    command.check(config)  # raises when a model change has no migration
    command.downgrade(config, "base")
    command.upgrade(config, "head")
    command.check(config)
