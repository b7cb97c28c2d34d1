"""Control characters in text people send: no field may hold them; nor may a name hold the
invisible characters that disguise it.

PostgreSQL refuses NUL in text, so a query or a row holding one fails outright; the other C0
controls are never typed by a person either. Tab, line feed and carriage return are text.
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def has_control(text: str) -> bool:
    """Whether `text` holds a control character (a NUL, say) other than tab or newline."""
    return _CONTROL.search(text) is not None


# Invisible characters that change how the text around them shows (direction embeddings,
# overrides and isolates) or hide in it (zero-width space, word joiner, byte-order mark): a
# product's name holding them can pass for another's on the page. Joiners (U+200C, U+200D) and
# direction marks (U+200E, U+200F) are not among them: scripts and emoji need them.
_DISGUISING = re.compile("[\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]")


def has_disguise(text: str) -> bool:
    """Whether `text` holds one of the invisible characters a name must not (_DISGUISING)."""
    return _DISGUISING.search(text) is not None


def without_control(text: str) -> str:
    """`text` with its control characters (but tab and newline) dropped."""
    return _CONTROL.sub("", text)
