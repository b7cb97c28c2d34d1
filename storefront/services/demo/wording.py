"""English grammar for the demo catalog's sentences: "is an eau de parfum", "is a USB hub",
"are espadrilles"."""

from __future__ import annotations

# Letters whose English names start with a vowel sound: "an LED", "an SD card", but "a USB hub".
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")
# Singular nouns that end in a single s.
_SINGULAR_S = frozenset({"lens", "canvas", "atlas", "chaise", "iris", "bus"})


def is_acronym(word: str) -> bool:
    """USB-C, LED, GPS: capitals only, kept as they are (not Slip-On)."""
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def lower_noun(noun: str) -> str:
    """`noun` in a sentence: lower-cased but for its acronyms ("USB hub", "wireless charger")."""
    return " ".join(word if is_acronym(word) else word.lower() for word in noun.split())


def is_plural(noun: str) -> bool:
    """Espadrilles, Pruning Shears; not Maxi Dress, nor Chest of Drawers (a chest)."""
    words = noun.lower().split()
    last = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    return last.endswith("s") and not last.endswith(("ss", "us")) and last not in _SINGULAR_S


def is_a(noun: str) -> str:
    """'is a chair', 'is an ottoman bed', 'is a USB hub', 'are espadrilles'."""
    words = lower_noun(noun)
    if is_plural(noun):
        return f"are {words}"
    first = words.split()[0]
    vowel = first[0] in _VOWEL_LETTERS if is_acronym(first) else first[0] in "aeiou"
    return f"is {'an' if vowel else 'a'} {words}"
