"""UI text through the one translation layer, switched in the browser by the locale var."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import reflex as rx
from reflex.vars import BooleanVar, ObjectVar, StringVar, var_operation, var_operation_return
from reflex.vars.base import CustomVarOperationReturn

from state.locale import LocaleState
from storefront.i18n import DEFAULT_LOCALE, LOCALES, MESSAGES, ONE, translations
from storefront.i18n_elision import APOSTROPHE, ELIDING, MUTE_H, PERSONS, VOWELS, Y

# storefront/i18n_elision.py's `elide` in the browser: in French, an eliding word before a
# {placeholder} naming a person (PERSONS) whose value starts with a vowel sound loses its
# vowel (qu’{email}): a vowel or h, or a y before a consonant (d’Yves, de Yasmine).
_HAS = "Object.prototype.hasOwnProperty.call(values, name)"
_SOUND = f"/^(?:[{VOWELS}{MUTE_H}]|[{Y}](?![{VOWELS}{Y}])\\p{{L}})/iu"
_ELIDE = (
    "((text, values, french) => french ? text.replace("
    "/(^|[^\\p{L}\\p{N}_’'])(" + "|".join(ELIDING) + ") \\{(\\w+)\\}/giu, "
    "(found, lead, word, name) => "
    + json.dumps(list(PERSONS))
    + ".includes(name) && "
    + _HAS
    + " && "
    + _SOUND
    + ".test(String(values[name])) ? lead + word.slice(0, -1) + "
    + json.dumps(APOSTROPHE)
    + " + '{' + name + '}' : found) : text)"
)


def in_page_language(key: str) -> str:
    """A JS expression: the text of `key` in the language the page is shown in (<html
    lang>, which the language switch keeps up to date: components/layout.py), for scripts
    and toasts outside the state's reach."""
    texts = translations(key)
    return (
        f'(document.documentElement.lang === "fr" ? {json.dumps(texts["fr"])} '
        f": {json.dumps(texts['en'])})"
    )


def t(key: str) -> Any:
    """The text of `key` in the shopper's language. Unknown keys fail at compile time."""
    entry = MESSAGES[key]
    cases = [(locale, entry[locale]) for locale in LOCALES if locale != DEFAULT_LOCALE]
    return rx.match(LocaleState.locale, *cases, entry[DEFAULT_LOCALE])


def plural(count: Any, key: str) -> Any:
    """`t(key)`, or its singular `t(key + ".one")` where the reader's language puts `count`
    in the singular (storefront.i18n.ONE): 1 product, 2 products; 0 produit, 2 produits."""
    count = rx.Var.create(count)

    def takes_one(locale: str) -> Any:
        singular = [count == n for n in sorted(ONE[locale])]
        either = singular[0]
        for other in singular[1:]:
            either = either | other
        return either

    others = [(loc, takes_one(loc)) for loc in LOCALES if loc != DEFAULT_LOCALE]
    one = rx.match(LocaleState.locale, *others, takes_one(DEFAULT_LOCALE))
    return rx.cond(one, t(f"{key}.one"), t(key))


def named(value: Any, key_prefix: str, values: Iterable[str]) -> Any:
    """`value` (a code: a status, a shipping method) as the text of `<key_prefix>.<value>`;
    a value not listed shows as it is."""
    return rx.match(value, *[(v, t(f"{key_prefix}.{v}")) for v in values], value)


def pick(labels: Any) -> Any:
    """The shopper's language out of a {"en": ..., "fr": ...} var."""
    return labels.to(dict)[LocaleState.locale].to(str)


def page_title(key: str, site: str = "Boutique") -> Any:
    """A page's title in the browser tab, in the reader's language: "Your cart · Boutique"."""
    return t(key).to(str) + f" · {site}"


def page_title_with(key: str, site: str = "Boutique", **params: Any) -> Any:
    """`page_title` of a text with {placeholders} (`t_with`): "Order ABC123 · Boutique"."""
    return t_with(key, **params).to(str) + f" · {site}"


def t_with(key: str, **params: Any) -> Any:
    """`t` with its {placeholders} filled by vars (an amount formatted in the browser), a
    French word elided before a value starting with a vowel sound (d’Hélène)."""
    return _filled(t(key).to(str), rx.Var.create(params), LocaleState.locale == "fr")


def lead_in(key: str, value: Any) -> Any:
    """The text of `key` as it runs into `value`, an e-mail address shown after it in markup
    of its own (in bold): "Signed in as " and "Connecté en tant que " before bob@…,
    "Connecté en tant qu’" before alice@…."""
    return _lead(t(key).to(str), rx.Var.create(value).to(str), LocaleState.locale == "fr")


@var_operation
def _filled(
    text: StringVar, values: ObjectVar, french: BooleanVar
) -> CustomVarOperationReturn[str]:
    # In one pass, each by a function: a value is shown as it is, even holding "$&" (a
    # pattern of String.replace) or another's {placeholder} (a reviewer's name). Not
    # Object.hasOwn, which Safari has only since 15.4 (review).
    return var_operation_return(
        js_expression=(
            f"((values) => {_ELIDE}({text}, values, {french})"
            ".replace(/\\{(\\w+)\\}/g, (found, name) =>"
            f" {_HAS} ? String(values[name]) : found))({values})"
        ),
        var_type=str,
    )


@var_operation
def _lead(text: StringVar, value: StringVar, french: BooleanVar) -> CustomVarOperationReturn[str]:
    # The sentence run into a placeholder, elided as `_filled` would, without it.
    return var_operation_return(
        js_expression=(
            f"({_ELIDE}({text} + ' {{email}}', {{email: {value}}}, {french})"
            ".slice(0, -'{email}'.length))"
        ),
        var_type=str,
    )
