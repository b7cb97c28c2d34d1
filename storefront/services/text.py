"""Control characters in text people send: no field may hold them.

PostgreSQL refuses NUL in text, so a query or a row holding one fails outright; the other C0
controls are never typed by a person either. Tab, line feed and carriage return are text.
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def has_control(text: str) -> bool:
    """Whether `text` holds a control character (a NUL, say) other than tab or newline."""
    return _CONTROL.search(text) is not None


def without_control(text: str) -> str:
    """`text` with its control characters (but tab and newline) dropped."""
    return _CONTROL.sub("", text)
