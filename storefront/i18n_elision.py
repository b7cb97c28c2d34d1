"""French elision before a value the sentence does not know in advance: "Connecté en tant
que {email}" reads "Connecté en tant qu’alice@example.com", "l’avis de {reviewer}" reads
"l’avis d’Hélène". Only where a placeholder follows one of the eliding words: the texts'
own words are written elided already. Only before a person's name or an e-mail address
(PERSONS): a product's or a category's name may start with an aspirated h (Housse,
Hamac) or be English (Hand thrown mug), so the sentence keeps "de" before it. The
browser fills its sentences by the same rule (components/i18n.py, from the constants
here)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

# The words that lose their vowel before a vowel sound, as they precede placeholders.
ELIDING: Final = ("que", "de", "le", "la", "jusque")
# The placeholders elided before: the ones naming a person or an e-mail address (the
# reviewer of admin.reviews.*; the address components/i18n.py `lead_in` runs into). The
# browser elides before the same ones.
PERSONS: Final = ("reviewer", "email")
# A vowel sound's first letters. An h is taken as mute (qu’Hélène, d’Hugo): a name or an
# address gives no way to tell the few with an aspirated h. A y is a vowel sound before a
# consonant only (d’Yves, but de Yasmine, que yann@…). A digit elides nothing (de 11,
# le 8 décembre), nor a quoted value («…», "…"): those are read as they are.
VOWELS: Final = "aeiouàâäéèêëîïôöùûüæœ"
MUTE_H: Final = "h"
Y: Final = "yÿ"
APOSTROPHE: Final = "’"
_BEFORE_PLACEHOLDER = re.compile(rf"(?<![\w’'])({'|'.join(ELIDING)}) \{{(\w+)\}}", re.IGNORECASE)


def starts_with_vowel_sound(value: str) -> bool:
    """Whether French elides the word before `value` (alice@…, Hélène, Yves; not Yann)."""
    first, second = value[:1].lower(), value[1:2].lower()
    if first in Y:
        return second.isalpha() and second not in VOWELS + Y
    return first != "" and first in VOWELS + MUTE_H


def elided(word: str) -> str:
    """que -> qu’, de -> d’, le and la -> l’."""
    return word[:-1] + APOSTROPHE


def elide(locale: str, text: str, params: Mapping[str, object]) -> str:
    """`text` (a template) with each eliding word before a {placeholder} naming a person
    (PERSONS) elided where the value given for it starts with a vowel sound, in French; any
    other text as it is."""
    if locale != "fr":
        return text

    def cut(found: re.Match[str]) -> str:
        word, name = found.group(1), found.group(2)
        if name in PERSONS and name in params and starts_with_vowel_sound(str(params[name])):
            return f"{elided(word)}{{{name}}}"
        return found.group(0)

    return _BEFORE_PLACEHOLDER.sub(cut, text)
