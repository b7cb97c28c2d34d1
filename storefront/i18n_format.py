"""Numbers, days, times and amounts written as the shop's pages write them in each language (Intl in
the browser: components/money.py), for what the server writes itself: mails, invoices, credit
notes, messages with an amount in them."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import Final

from models.money import format_major_amount

# Between groups of thousands: Intl's fr-FR writes a narrow no-break space.
THOUSANDS: Final = {"en": ",", "fr": "\u202f"}
# Between a French time's hours and minutes: 15 h 24, never broken across lines.
HOUR_MARK: Final = "\u202fh\u202f"
# Month names as Intl's long dates write them (components/money.py's long_date and long_day).
MONTHS: Final = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
}  # fmt: skip
# Intl's short months ({day: 'numeric', month: 'short'}), for a chart's days.
SHORT_MONTHS: Final = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
           "nov.", "déc."),
}  # fmt: skip


def format_number(locale: str, number: int) -> str:
    """A whole number with the locale's thousands separator, as Intl writes it."""
    grouped = f"{number:,}"
    return grouped.replace(",", THOUSANDS.get(locale, ","))


def format_date(locale: str, day: date) -> str:
    """A calendar day as the browser's long dates write it (components/money.py's long_day,
    Intl's long style): 4 December 2026, 4 décembre 2026."""
    months = MONTHS.get(locale, MONTHS["en"])
    return f"{_day_of_month(locale, day)} {months[day.month - 1]} {day.year}"


def _day_of_month(locale: str, day: date) -> str:
    """French writes a month's first day 1er, as the pages do (components/money.py)."""
    return "1er" if day.day == 1 and locale == "fr" else str(day.day)


def format_time(locale: str, moment: datetime, zone: tzinfo) -> str:
    """A time of day on `zone`'s clock, as the browser's times write it (components/money.py's
    date_time): 09:05 and 15:24 in English (Intl's en-GB), 9\u202fh\u202f05 and
    15\u202fh\u202f24 in French, as French typography writes hours (not 15:24), the
    narrow no-break spaces of the thousands and the percent sign."""
    local = moment.astimezone(zone)
    if locale == "fr":
        return f"{local.hour}{HOUR_MARK}{local.minute:02d}"
    return f"{local:%H:%M}"


def format_short_day(locale: str, day: date) -> str:
    """A day without its year, as a chart's axis names it: 5 Nov, 5 nov. (not "11-05",
    which a French reader takes for the 11th of May)."""
    month = SHORT_MONTHS.get(locale, SHORT_MONTHS["en"])[day.month - 1]
    return f"{_day_of_month(locale, day)} {month}"


def format_money(locale: str, amount_minor: int, currency: str) -> str:
    """An amount for mails and documents, as the browser's prices write euros (components/
    money.py's money, Intl): €1,234.56 and 1\u202f234,56\u00a0€, groups of thousands apart
    and the amount never broken from its currency; another currency by its code
    (USD\u00a01,234.56, where the browser may write its symbol, US$1,234.56)."""
    text = format_major_amount(abs(amount_minor), currency)
    whole, _, decimals = text.partition(".")
    grouped = format_number(locale, int(whole))
    sign = "-" if amount_minor < 0 else ""
    symbol = "€" if currency == "EUR" else currency
    if locale == "fr":
        return f"{sign}{grouped}{',' + decimals if decimals else ''}\u00a0{symbol}"
    amount = f"{grouped}{'.' + decimals if decimals else ''}"
    return f"{sign}€{amount}" if currency == "EUR" else f"{sign}{symbol}\u00a0{amount}"


def format_percent_change(locale: str, percent: Decimal) -> str:
    """A signed percentage as Intl writes one (signDisplay 'always'): +25.5% and +25,5 %
    (a narrow no-break space before % in French)."""
    text = f"{percent.normalize():+f}"
    if locale == "fr":
        return text.replace(".", ",") + "\u202f%"
    return text + "%"
