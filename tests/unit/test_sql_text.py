"""The admin searches' folding of case and accents (storefront/adapters/sql_text.py)."""

from __future__ import annotations

import importlib.util
import unicodedata
from pathlib import Path

import pytest

from storefront.adapters.sql_text import fold, postgres_fold, sqlite_fold
from storefront.services.search import analysis

MIGRATION = (
    Path(__file__).resolve().parents[2]
    / "storefront/migrations/versions/0052_search_folds_accents.py"
)
# Latin-1 Supplement, Latin Extended-A and B: the accented letters of European languages.
LATIN = [chr(c) for c in range(0xC0, 0x250) if unicodedata.category(chr(c)).startswith("L")]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Café crème", "cafe creme"),
        ("CAFÉ", "cafe"),
        ("SAUTÉ pan Ünal", "saute pan unal"),
        ("Cafe\u0301 cre\u0300me", "cafe creme"),  # accents as marks of their own (NFD)
        ("Ørsted Łódź Straße Cœur Æsir", "ørsted łodz straße cœur æsir"),  # no accents
        ("Șuncă Țară Đorđe", "sunca tara đorđe"),
        ("Phở Hà Nội", "pho ha noi"),
        ("ﬁne ２５０ g", "fine 250 g"),  # compatibility forms: ligature, full width
        ("100% _off_", "100% _off_"),
        ("Ἀθῆναι", "αθηναι"),
        ("", ""),
    ],
)
def test_fold_lowers_and_drops_accents(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_every_accented_latin_letter_folds_to_its_base_letter_as_the_shops_search_does() -> None:
    accented = [c for c in LATIN if len(unicodedata.normalize("NFD", c)) > 1]
    assert len(accented) > 200  # À to ɏ: the table's range is what it says
    for letter in accented:
        base = unicodedata.normalize("NFD", letter)[0].lower()
        assert fold(letter) == fold(letter.upper()) == base, letter
        assert fold(letter) == analysis.fold(letter), letter
    # Letters of their own stay themselves, only lowered.
    for letter in "øØłŁđĐœŒæÆßðþıħ":
        assert fold(letter) == letter.lower(), letter


def test_a_search_folded_twice_is_folded_once() -> None:
    """The text searched and the column are both folded: folding must be settled after once."""
    for letter in LATIN:
        assert fold(fold(letter)) == fold(letter), letter


def test_the_sqlite_function_folds_text_and_passes_anything_else_through() -> None:
    assert sqlite_fold("CRÈME") == "creme"
    assert sqlite_fold(None) is None
    assert sqlite_fold(7) == 7


def test_the_migrations_index_is_on_the_expression_the_searches_compare() -> None:
    """0052 writes the expression out (a migration does not follow later code): were
    postgres_fold to change, the indexes would serve no search until a new migration."""
    spec = importlib.util.spec_from_file_location("migration_0052", MIGRATION)
    assert spec is not None
    assert spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    for column in ("title", "email"):
        assert migration._folded(column) == postgres_fold(column)
    assert "lower(regexp_replace(normalize(title, NFKD)" in postgres_fold("title")
