"""Passwords a guesser tries first, refused whatever their length (NIST SP 800-63B asks to
check new passwords against commonly used values): one character or two repeated, a short
run repeated, a keyboard or alphabet row, a common word with digits around it, the
address's own name, the address itself."""

from __future__ import annotations

import re

# Rows a hand runs along (forwards or backwards): digits, the alphabet, QWERTY and AZERTY.
_ROWS = (
    "01234567890",
    "abcdefghijklmnopqrstuvwxyz",
    "qwertyuiopasdfghjklzxcvbnm",
    "azertyuiopqsdfghjklmwxcvbn",
    "qwertzuiopasdfghjklyxcvbnm",
)
# The words most often found in leaked passwords (English and French), with digits or
# punctuation around them: "password123", "Motdepasse!", "2024soleil".
_WORDS = frozenset(
    {
        "password",
        "passw0rd",
        "motdepasse",
        "qwerty",
        "azerty",
        "iloveyou",
        "jetaime",
        "welcome",
        "bienvenue",
        "admin",
        "administrator",
        "letmein",
        "monkey",
        "dragon",
        "sunshine",
        "princess",
        "football",
        "baseball",
        "soleil",
        "doudou",
        "chocolat",
        "loulou",
        "marseille",
        "boutique",
        "shop",
        "shopping",
        "changeme",
        "secret",
        "trustno1",
        "superman",
        "batman",
        "starwars",
        "pokemon",
        "master",
        "hello",
        "bonjour",
        "coucou",
        "nicolas",
        "camille",
        "abc",
        "abcdef",
    }
)
_AROUND = re.compile(r"^[\d\W_]*(.*?)[\d\W_]*$")


def guessable(password: str, email: str = "") -> bool:
    lower = password.lower()
    if len(set(lower)) <= 3:  # "aaaaaaaaaa", "1212121212", "abcabcabca"
        return True
    if _repeats_a_short_run(lower) or _along_a_row(lower):
        return True
    core = _AROUND.match(lower)
    word = core[1] if core else lower
    if word in _WORDS or _along_a_row(word) or _repeats_a_short_run(word):
        return True  # only digits and signs around a common word or a row
    address = email.strip().lower()
    local, _, domain = address.partition("@")
    undotted = f"{local.replace('.', '')}@{domain}"  # marie.curie@ as mariecurie@ (QA)
    if address and {lower.strip(), word} & {address, undotted}:
        return True  # the whole address, the first a guesser who knows it tries (QA)
    name = email.split("@", 1)[0].lower()
    return bool(name) and len(name) >= 3 and word in (name, name.replace(".", ""))


def _repeats_a_short_run(text: str) -> bool:
    """ "1234512345", "azeazeazea": a run of at most five characters over and over."""
    return any(
        len(text) >= 2 * size and (text[:size] * (len(text) // size + 1)).startswith(text)
        for size in range(1, 6)
    )


def _along_a_row(text: str) -> bool:
    return len(text) >= 4 and any(text in row or text in row[::-1] for row in _ROWS)
