"""Text as every search compares it: whatever its case, accents, ligatures and special
letters. "cafe" finds "Café", "oeuf" finds "Œuf", "coeur" "cœur", "strasse" "Straße",
"orsted" "Ørsted", and the other way round: the text typed and the text searched are both
folded, by this one function. The shopper's search folds with it (search/analysis.py), the
admin's searches too, in SQL on PostgreSQL (adapters/sql_text.py writes the same folding out
from MARKS and SPELLED_OUT, and a test holds the two to agree on every Latin letter).

1. Unicode's compatibility decomposition (NFKD): "é" becomes "e" and a combining acute
   accent, the ligatures "ﬁ", "ﬂ" and "ĳ" become "fi", "fl" and "ij", "２５０" "250".
2. The combining diacritical marks (U+0300 to U+036F) are dropped.
3. Letters that are no accented letter, which NFKD keeps whole, are spelled out in Latin
   letters: œ oe, æ ae, ß ss, ø o, ł l, đ and ð d, þ th, ı i, ħ h.
4. Lowered.
"""

from __future__ import annotations

import unicodedata

# The marks dropped: the block of Combining Diacritical Marks (a PostgreSQL regular
# expression's class of one range, as cheap as the fold's other steps; a wider one of the
# other mark blocks made an unindexed scan a quarter slower, measured).
MARKS = range(0x300, 0x370)
# Each capital is spelled as its small letter is; lowering then has nothing of theirs to do
# (PostgreSQL lowers A to Z alone under LC_CTYPE "C").
SPELLED_OUT = {
    "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ẞ": "ss", "þ": "th", "Þ": "th",
    "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d",
    "ı": "i", "ħ": "h", "Ħ": "h",
}  # fmt: skip
_FOLDS = {**dict.fromkeys(MARKS), **{ord(letter): text for letter, text in SPELLED_OUT.items()}}


def fold(text: str) -> str:
    """'Crème BRÛLÉE, Cœur' -> 'creme brulee, coeur': NFKD, accents dropped, letters of their
    own spelled out, lowered."""
    return unicodedata.normalize("NFKD", text).translate(_FOLDS).lower()
