"""Prices and numbers formatted in the browser with Intl, per the shopper's locale.

12,90 € in French and €12.90 in English, from integer minor units and an ISO currency;
the number of decimals is the one the amounts are stored in (models/money.py), not Intl's
own: for HUF, Intl shows none where the shop keeps two, and showed 100 times the price.
"""

from __future__ import annotations

import json
from typing import Any

import reflex as rx
from reflex.vars.function import FunctionVar

from models.money import EXPONENTS
from state.locale import LocaleState
from storefront.i18n_format import HOUR_MARK
from storefront.settings import get_settings

# The currencies whose minor unit is not the cent (2 decimals otherwise), as a JS object.
_DECIMALS = json.dumps({c: n for c, n in EXPONENTS.items() if n != 2}, separators=(",", ":"))


def _formatter(options_js: str, key: Any) -> str:
    """A JS expression for an Intl formatter, built once per locale and currency: building
    one costs more than formatting, and a listing formats dozens of prices."""
    return (
        f"((globalThis.__boutiqueFormats ??= {{}})[{key}] ??= new Intl.NumberFormat({options_js}))"
    )


def money(amount_minor: Any, currency: Any) -> rx.Var[str]:
    amount_minor, currency = rx.Var.create(amount_minor), rx.Var.create(currency)
    tag = LocaleState.intl_tag
    options = (
        f"{tag}, {{style: 'currency', currency: {currency}, "
        "minimumFractionDigits: d, maximumFractionDigits: d}"
    )
    fmt = _formatter(options, f"{tag} + '|' + {currency}")
    decimals = f"({_DECIMALS}[String({currency}).toUpperCase()] ?? 2)"
    return rx.Var(f"((d) => {fmt}.format(({amount_minor}) / 10 ** d))({decimals})").to(str)


def _first_of_month(formatted: str) -> str:
    """French writes a month's first day 1er (1er octobre), which Intl does not (QA)."""
    first = f"(({LocaleState.intl_tag}).startsWith('fr') ? '1er' : '1')"
    return f"({formatted}).replace(/^1(?=\\s)/, {first})"


def _in_zone(zone: str | None) -> str:
    """Intl's option for the clock a date is read on: `zone` (an IANA name: the shop's, for
    the admin), else the reader's own."""
    return f", timeZone: {json.dumps(zone)}" if zone else ""


def long_date(iso_text: Any, zone: str | None = None) -> rx.Var[str]:
    """An ISO timestamp as a date in the shopper's language: 3 March 2026 / 3 mars 2026
    (1er mars 2026), the day it is in `zone` (the reader's own without it)."""
    fmt = f"new Intl.DateTimeFormat({LocaleState.intl_tag}, {{dateStyle: 'long'{_in_zone(zone)}}})"
    shown = _first_of_month(f"({fmt}).format(new Date({iso_text}))")
    return rx.Var(f"(({iso_text}) ? {shown} : '')").to(str)


def long_day(iso_day: Any) -> rx.Var[str]:
    """A calendar day (YYYY-MM-DD: a discount's last day, in the shop's time zone) as
    `long_date` writes dates: 31 December 2026 / 31 décembre 2026. Read and written in UTC,
    so that it stays that day wherever the reader is (the browser's zone would make it the
    30th west of Greenwich)."""
    fmt = f"new Intl.DateTimeFormat({LocaleState.intl_tag}, {{dateStyle: 'long', timeZone: 'UTC'}})"
    shown = _first_of_month(f"({fmt}).format(new Date({iso_day}))")
    return rx.Var(f"(({iso_day}) ? {shown} : '')").to(str)


def _french_hours(formatted: str) -> str:
    """French writes a time 9 h 05 and 15 h 24 (storefront/i18n_format.py's format_time),
    where Intl's fr-FR writes 09:05 and 15:24."""
    french = f"({LocaleState.intl_tag}).startsWith('fr')"
    hours = json.dumps(f"$1{HOUR_MARK}$2")
    pattern = r"/\b0?(\d{1,2}):(\d\d)\b/"
    return f"((text) => {french} ? text.replace({pattern}, {hours}) : text)({formatted})"


def date_time(iso_text: Any, zone: str | None = None) -> rx.Var[str]:
    """An ISO timestamp as a date and time in the reader's language, on `zone`'s clock (the
    reader's own without it): 2 Dec 2026, 11:08 / 2 déc. 2026, 11 h 08 (not
    2026-12-02T11:08:36.309250+00:00); its time as format_time writes it."""
    options = f"{{dateStyle: 'medium', timeStyle: 'short'{_in_zone(zone)}}}"
    fmt = f"new Intl.DateTimeFormat({LocaleState.intl_tag}, {options})"
    shown = _french_hours(_first_of_month(f"({fmt}).format(new Date({iso_text}))"))
    return rx.Var(f"(({iso_text}) ? {shown} : '')").to(str)


def shop_date(iso_text: Any) -> rx.Var[str]:
    """`long_date` on the shop's clock (BOUTIQUE_TIMEZONE), as the admin reads every date:
    the merchant's day, wherever the laptop is."""
    return long_date(iso_text, get_settings().timezone)


def shop_date_time(iso_text: Any) -> rx.Var[str]:
    """`date_time` on the shop's clock (BOUTIQUE_TIMEZONE), as the admin reads every time."""
    return date_time(iso_text, get_settings().timezone)


def _number_format() -> str:
    tag = LocaleState.intl_tag
    return _formatter(str(tag), f"{tag} + '|n'")


def number(value: Any) -> rx.Var[str]:
    return rx.Var(f"({_number_format()}.format({value}))").to(str)


def number_formatter() -> FunctionVar:
    """`number` as a function, for what formats its own values: a chart axis's ticks
    (1,500; 1 500 in French)."""
    return rx.Var(f"((value) => {_number_format()}.format(value))").to(FunctionVar)
