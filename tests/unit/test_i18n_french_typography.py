"""French typography: a (narrow) no-break space or a space goes before ":" "?" "!"."""

import re

from storefront.i18n import MESSAGES

# A ":" "?" or "!" preceded by something other than a space, that is not part of a URL
# ("https://"), a time ("14:05"), a format placeholder ("{x:.2f}") or a repeated mark.
_MISSING_SPACE = re.compile(r"(?<![\s\u00a0\u202f:?!/0-9{])[:?!](?![/0-9])")


def _offenders() -> list[str]:
    found = []
    for key, entry in MESSAGES.items():
        text = re.sub(r"\{[^}]*\}", "X", entry.get("fr", ""))
        if _MISSING_SPACE.search(text):
            found.append(f"{key}: {entry['fr']!r}")
    return found


def test_every_french_message_has_a_space_before_high_punctuation() -> None:
    assert _offenders() == []


def test_the_scan_catches_a_missing_space() -> None:
    assert _MISSING_SPACE.search("Votre panier:")
    assert not _MISSING_SPACE.search("Votre panier :")
    assert not _MISSING_SPACE.search("Votre panier\u202f:")
