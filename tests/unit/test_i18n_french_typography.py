"""French typography: a narrow no-break space (U+202F) before ":" ";" "?" "!" "»" and after
"«", so that a sign never starts a line on its own and the gap is the one Intl and French
printers use. An ordinary space, a wider no-break space or none at all fails. The apostrophe
is the typographic one (U+2019, "l’adresse"), not the typewriter's straight one."""

import ast
import re
from pathlib import Path

from storefront.i18n import MESSAGES
from storefront.services.policy_defaults import DEFAULTS

NARROW = "\u202f"
# What is not prose: format placeholders ("{x:.2f}"), times ("10:30") and URLs ("https://").
_NOT_PROSE = re.compile(r"\{[^}]*\}|[0-9]:[0-9]|[a-z]+://")
# A high sign not right after a narrow no-break space (a repeated sign, "?!", follows its
# first), or an opening guillemet not right before one.
_BADLY_SPACED = re.compile(rf"(?<![{NARROW}:;?!])[:;?!»]|«(?!{NARROW})")


def _badly_spaced(text: str) -> bool:
    return _BADLY_SPACED.search(_NOT_PROSE.sub("X", text)) is not None


def _offenders() -> list[str]:
    return [
        f"{key}: {entry['fr']!r}"
        for key, entry in MESSAGES.items()
        if _badly_spaced(entry.get("fr", ""))
    ]


def test_every_french_message_has_a_narrow_no_break_space_around_high_punctuation() -> None:
    assert _offenders() == []


def test_the_shipped_french_policies_have_a_narrow_no_break_space_around_high_punctuation() -> None:
    assert [kind for kind, texts in DEFAULTS.items() if _badly_spaced(texts["fr"])] == []


def test_the_scan_refuses_a_missing_or_ordinary_space() -> None:
    for sign in ":;?!»":
        assert _badly_spaced(f"Votre panier{sign}")
        assert _badly_spaced(f"Votre panier {sign}")
        assert _badly_spaced(f"Votre panier\u00a0{sign}")
        assert not _badly_spaced(f"Votre panier{NARROW}{sign}")
    assert _badly_spaced("le format «CSV»")
    assert _badly_spaced("le format « CSV\u202f»")
    assert not _badly_spaced("le format «\u202fCSV\u202f»")
    assert _badly_spaced(": au début")
    assert _badly_spaced("{label} : {amount}")


def test_the_scan_leaves_placeholders_times_and_urls_alone() -> None:
    assert not _badly_spaced("Total\u202f: {amount:.2f} à 10:30, voir https://example.com/a")
    assert not _badly_spaced("Vraiment\u202f?!")


def test_french_texts_use_the_typographic_apostrophe() -> None:
    straight = [key for key, entry in MESSAGES.items() if "'" in entry.get("fr", "")]
    assert straight == []
    assert [kind for kind, texts in DEFAULTS.items() if "'" in texts["fr"]] == []


def _whole_strings(tree: ast.AST) -> list[ast.Constant]:
    """The string literals of `tree`, but an f-string's pieces: those join data ("size: M")."""
    pieces = {
        id(part)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for part in node.values
    }
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in pieces
    ]


def test_no_page_writes_prose_punctuation_of_its_own() -> None:
    """A colon written into a component (`": "`) is English in French too ("Panier: 2"),
    and so are quotation marks (“canapé”, for « canapé »): pages take them from the
    catalogue (`punct.colon`, `punct.open_quote`), where the scan above sees them."""
    root = Path(__file__).resolve().parents[2]
    found = [
        f"{path.relative_to(root)}:{node.lineno}"
        for folder in ("components", "state", "storefront/pages")
        for path in sorted((root / folder).rglob("*.py"))
        for node in _whole_strings(ast.parse(path.read_text()))
        if re.fullmatch(r"\s*[:;?!]\s+|\s*[“”«»]\s*", node.value)
    ]
    assert found == []
