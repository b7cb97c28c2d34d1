"""The shop's days: a date as its merchant counts it, from midnight to midnight in the shop's
time zone (BOUTIQUE_TIMEZONE), and the instants that bound it. Instants stay UTC everywhere
else; only the cut into days is local."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo


def day_start(day: date, zone: tzinfo) -> datetime:
    """The UTC instant the shop's `day` begins."""
    return datetime.combine(day, time(), zone).astimezone(UTC)


def days_window(first: date, last: date, zone: tzinfo) -> tuple[datetime, datetime]:
    """[the start of `first`, the start of the day after `last`) in UTC."""
    return day_start(first, zone), day_start(last + timedelta(days=1), zone)


def shop_day(moment: datetime, zone: tzinfo) -> date:
    """The shop's day an aware instant falls on."""
    return moment.astimezone(zone).date()
