"""The database's refusal of a SKU another variant holds, told apart from its other refusals:
as written, or in other capitals ("AB-1" beside "ab-1": the unique index ix_variant_sku_lower,
over models.types.sql_sku_key, migration 0056)."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

# The constraints a variant's SKU is unique by: as written (UNIQUE (sku): PostgreSQL names it
# variant_sku_key, SQLite says "variant.sku") and whatever its capitals.
_SKU_CONSTRAINTS = ("ix_variant_sku_lower", "variant_sku_key", "variant.sku")


def is_sku_clash(error: IntegrityError) -> bool:
    """Whether the database refused a variant because another holds its SKU, the same or in
    other capitals (not some other constraint)."""
    diagnosis = getattr(error.orig, "diag", None)  # psycopg's
    if diagnosis is not None:
        return getattr(diagnosis, "constraint_name", None) in _SKU_CONSTRAINTS
    text = str(error.orig)
    return text.startswith("UNIQUE constraint failed") and any(
        f"'{name}'" in text or text.endswith(name) for name in _SKU_CONSTRAINTS
    )
