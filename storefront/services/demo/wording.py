"""English grammar for the demo catalog's sentences: "is an eau de parfum", "is a USB hub",
"are espadrilles"."""

from __future__ import annotations

# Letters whose English names start with a vowel sound: "an LED", "an SD card", but "a USB hub".
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")
# Singular nouns that end in a single s.
_SINGULAR_S = frozenset({"lens", "canvas", "atlas", "iris", "bus"})
# Words said with a "you" or a consonant sound though they start with a vowel: "a utensil".
_CONSONANT_SOUND = ("uni", "use", "usu", "ute", "euro", "one")
# Names kept capitalised in a sentence: "a French press", "Chelsea boots".
_PROPER = frozenset({"french", "dutch", "chelsea", "oxford", "wellington", "scandinavian"})


def is_acronym(word: str) -> bool:
    """USB-C, LED, GPS, 3D: capitals only, kept as they are (not Slip-On)."""
    letters = [ch for ch in word if ch.isalpha()]
    return (len(letters) >= 2 or any(ch.isdigit() for ch in word)) and all(
        ch.isupper() for ch in letters
    )


def lower_noun(noun: str) -> str:
    """`noun` in a sentence: lower-cased but for its acronyms and names ("USB hub", "French
    press", "wireless charger")."""
    kept = [is_acronym(word) or word.lower() in _PROPER for word in noun.split()]
    return " ".join(w if keep else w.lower() for w, keep in zip(noun.split(), kept, strict=True))


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
    if is_acronym(first):
        vowel = first[0] in _VOWEL_LETTERS
    else:
        lowered = first.lower()
        vowel = lowered[0] in "aeiou" and not lowered.startswith(_CONSONANT_SOUND)
    return f"is {'an' if vowel else 'a'} {words}"
