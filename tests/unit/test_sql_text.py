"""The admin searches' folding of case, accents and special letters (storefront/adapters/
sql_text.py), the shop's one folding (storefront/services/text_folding.py)."""

from __future__ import annotations

import importlib.util
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from storefront.adapters.db import make_engine
from storefront.adapters.sql_text import folded, postgres_fold, sqlite_fold
from storefront.services.search import analysis
from storefront.services.text_folding import SPELLED_OUT, fold

VERSIONS = Path(__file__).resolve().parents[2] / "storefront/migrations/versions"
# Words with each special letter and ligature, written both ways, as shoppers type them.
WORDS = [
    ("Œuf", "oeuf"),
    ("cœur", "coeur"),
    ("CŒUR", "coeur"),
    ("Straße", "strasse"),
    ("STRAẞE", "strasse"),
    ("Ærø", "aero"),
    ("æble", "aeble"),
    ("Ørsted", "orsted"),
    ("Łódź", "lodz"),
    ("Đorđe", "dorde"),
    ("Þórður", "thordur"),
    ("ÐÓR", "dor"),
    ("Ĳssel", "ijssel"),
    ("ĳs", "ijs"),
    ("ﬁlet ﬂûte", "filet flute"),
    ("ıspanak", "ispanak"),
    ("Ħamrun", "hamrun"),
    ("oeuf coeur strasse", "oeuf coeur strasse"),
]
# Latin-1 Supplement, Latin Extended-A and B: the accented letters of European languages.
LATIN = [chr(c) for c in range(0xC0, 0x250) if unicodedata.category(chr(c)).startswith("L")]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Café crème", "cafe creme"),
        ("CAFÉ", "cafe"),
        ("SAUTÉ pan Ünal", "saute pan unal"),
        ("Cafe\u0301 cre\u0300me", "cafe creme"),  # accents as marks of their own (NFD)
        ("Ørsted Łódź Straße Cœur Æsir", "orsted lodz strasse coeur aesir"),  # spelled out
        ("Șuncă Țară Đorđe", "sunca tara dorde"),
        ("Phở Hà Nội", "pho ha noi"),
        ("ﬁne ２５０ g", "fine 250 g"),  # compatibility forms: ligature, full width
        ("100% _off_", "100% _off_"),
        ("Ἀθῆναι", "αθηναι"),
        ("", ""),
    ],
)
def test_fold_lowers_drops_accents_and_spells_out_special_letters(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_every_accented_latin_letter_folds_to_its_base_letter_as_the_shops_search_does() -> None:
    accented = [c for c in LATIN if len(unicodedata.normalize("NFD", c)) > 1]
    assert len(accented) > 200  # À to ɏ: the table's range is what it says
    for letter in accented:
        first = unicodedata.normalize("NFD", letter)[0]
        base = SPELLED_OUT.get(first, first).lower()  # "Ǣ": "Æ" and a macron, "ae"
        assert fold(letter) == fold(letter.upper()) == base, letter
        assert fold(letter) == analysis.fold(letter), letter
    # Letters of their own are spelled out in Latin letters.
    spelled = {letter: fold(letter) for letter in "øØłŁđĐðÐœŒæÆßẞþÞıħĦ"}
    assert spelled == {
        "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d",
        "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ẞ": "ss", "þ": "th",
        "Þ": "th", "ı": "i", "ħ": "h", "Ħ": "h",
    }  # fmt: skip


@pytest.mark.parametrize(("word", "spelled"), WORDS)
def test_the_shoppers_search_and_the_admins_fold_a_word_alike(word: str, spelled: str) -> None:
    """One folding: the shopper's lexical search (analysis.fold) and the admin's (sql_text,
    whose SQLite function is `fold`) read "Œuf" and "oeuf" as the same word."""
    assert fold(word) == spelled
    assert analysis.fold(word) == spelled
    assert sqlite_fold(word) == spelled
    assert fold(spelled) == spelled


def test_sqlite_folds_each_word_in_sql_as_the_search_folds_it() -> None:
    engine = make_engine("sqlite://")
    with engine.connect() as connection:
        in_sql = [
            connection.execute(sa.select(folded(sa.literal(w)))).scalar_one() for w, _ in WORDS
        ]
    engine.dispose()
    assert in_sql == [spelled for _, spelled in WORDS]


def test_the_postgresql_folding_spells_out_every_special_letter_the_python_one_does() -> None:
    """The SQL is written from the same table; its agreement with `fold`, letter by letter,
    on a real PostgreSQL: tests/integration/test_text_folding.py."""
    sql = postgres_fold("title")
    assert [letter for letter in SPELLED_OUT if letter not in sql] == []
    assert "'ŒÆẞÞøØłŁđĐðÐıħĦ', 'œæßþoollddddihh'" in sql
    for letter, text in (("œ", "oe"), ("æ", "ae"), ("ß", "ss"), ("þ", "th")):
        assert f"'{letter}', '{text}')" in sql


def test_a_search_folded_twice_is_folded_once() -> None:
    """The text searched and the column are both folded: folding must be settled after once."""
    for letter in LATIN:
        assert fold(fold(letter)) == fold(letter), letter


def test_the_sqlite_function_folds_text_and_passes_anything_else_through() -> None:
    assert sqlite_fold("CRÈME") == "creme"
    assert sqlite_fold(None) is None
    assert sqlite_fold(7) == 7


def _migration(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, VERSIONS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    return migration


def test_the_migrations_index_is_on_the_expression_the_searches_compare() -> None:
    """0053 writes the expression out (a migration does not follow later code): were
    postgres_fold to change, the indexes would serve no search until a new migration."""
    migration = _migration("0053_search_spells_out_letters")
    for column in ("title", "email"):
        assert migration._folded(column) == postgres_fold(column)
    assert "regexp_replace(normalize(title, NFKD)" in postgres_fold("title")


def test_the_migrations_downgrade_indexes_what_0052_indexed() -> None:
    before = _migration("0052_search_folds_accents")
    after = _migration("0053_search_spells_out_letters")
    assert after._folded_0052("name") == before._folded("name")
