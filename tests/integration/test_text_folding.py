"""The admin searches fold text in the database as in Python (storefront/adapters/
sql_text.py, storefront/services/text_folding.py), on real SQLite and PostgreSQL: the column
is folded by SQL, the text searched by Python, and a letter folded differently on one side
would be a search that misses."""

from __future__ import annotations

import sqlalchemy as sa

from storefront.adapters.db import make_engine
from storefront.adapters.sql_text import folded
from storefront.services.text_folding import fold

# Every letter of Latin-1 Supplement, Latin Extended-A, B and Additional (Vietnamese, "ẞ"),
# on its own and in words, composed and decomposed (NFD), with ligatures, and texts of
# ASCII alone.
LETTERS = [chr(c) for c in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)) if chr(c).isalpha()]
TEXTS = [
    *LETTERS,
    "Café crème mug",
    "Cafe\u0301 cre\u0300me",
    "SAUTÉ pan Ünal",
    "ZOË@EXAMPLE.FR",
    "Ørsted Łódź Straße Cœur",
    "ŒUF Œuf œuf oeuf",
    "STRAẞE Þórður Ðór Ærø Ĳssel ĳs ıspanak Ħamrun",
    "ﬁlet ﬂûte ŒUVRE",
    "ﬁne ２５０ g",
    "Ἀθῆναι Йошкар-Ола",
    "Plain ASCII, 100% _off_",
]


def test_the_database_folds_every_latin_letter_as_python_does(database_url: str) -> None:
    engine = make_engine(database_url.replace("postgresql://", "postgresql+psycopg://", 1))
    texts = sa.Table(
        "texts",
        sa.MetaData(),
        sa.Column("n", sa.Integer, primary_key=True),
        sa.Column("t", sa.String),
        prefixes=["TEMPORARY"],
    )
    with engine.connect() as connection:
        texts.create(connection)
        connection.execute(sa.insert(texts), [{"n": n, "t": t} for n, t in enumerate(TEXTS)])
        in_sql = dict(connection.execute(sa.select(texts.c.n, folded(texts.c.t))).all())
        connection.rollback()
    engine.dispose()
    differing = {t: (in_sql[n], fold(t)) for n, t in enumerate(TEXTS) if in_sql[n] != fold(t)}
    assert differing == {}
    assert in_sql[TEXTS.index("Café crème mug")] == "cafe creme mug"
    assert in_sql[TEXTS.index("ŒUF Œuf œuf oeuf")] == "oeuf oeuf oeuf oeuf"
    assert in_sql[TEXTS.index("Ørsted Łódź Straße Cœur")] == "orsted lodz strasse coeur"
