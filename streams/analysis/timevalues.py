"""TIMEX3-like values as day ranges: what a value covers, narrowed or widened by its mod, and
whether one value lies within another. The values are those :mod:`streams.analysis.timex` reads
from text; the claim ledger compares them to tell a changed timeline from a restatement."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

__all__ = ["Range", "contains", "granularity_days", "interval"]

Range = tuple[date, date]
_MODS = ("START", "MID", "END", "APPROX", "BEFORE", "AFTER", "ON_OR_AFTER", "ON_OR_BEFORE")


_VALUE = re.compile(
    r"(?P<decade>\d{3})|(?P<y>\d{4})(?:-(?:H(?P<h>[12])|Q(?P<q>[1-4])|(?P<s>SP|SU|FA|WI)|W(?P<w>\d\d)"
    r"|(?P<m>\d\d)(?:-(?P<d>\d\d))?))?"
)
_DURATION = re.compile(r"P\d+[YMWD]")
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` after ``day``'s."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, 1)


def _months(first: int, count: int, year: int) -> Range:
    start = date(year, first, 1)
    last = _add_months(start, count - 1)
    return start, _month_end(last.year, last.month)


def _plain_range(value: str) -> Range | None:
    if _DURATION.fullmatch(value):
        return None
    m = _VALUE.fullmatch(value)
    if m is None:
        raise ValueError(f"not a TIMEX3-like value: {value!r}")
    if m["decade"]:
        first = int(m["decade"]) * 10
        return date(first, 1, 1), date(first + 9, 12, 31)
    year = int(m["y"])
    if m["h"]:
        return _months(6 * int(m["h"]) - 5, 6, year)
    if m["q"]:
        return _months(3 * int(m["q"]) - 2, 3, year)
    if m["s"]:
        return _months(_SEASON_START[m["s"]], 3, year)
    if m["w"]:
        monday = date.fromisocalendar(year, int(m["w"]), 1)
        return monday, monday + timedelta(days=6)
    if m["d"]:
        day = date(year, int(m["m"]), int(m["d"]))
        return day, day
    if m["m"]:
        return _months(int(m["m"]), 1, year)
    return date(year, 1, 1), date(year, 12, 31)


def _third(whole: Range, which: int) -> Range:
    """The first (0), middle (1) or last (2) third; whole months when the range allows."""
    start, end = whole
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if start.day == 1 and end == _month_end(end.year, end.month) and months % 3 == 0:
        first = _add_months(start, which * months // 3)
        last = _add_months(first, months // 3 - 1)
        return first, _month_end(last.year, last.month)
    days = (end - start).days + 1
    if days < 3:
        return whole
    cuts = [0, round(days / 3), round(2 * days / 3), days]
    return start + timedelta(days=cuts[which]), start + timedelta(days=cuts[which + 1] - 1)


@lru_cache(maxsize=4096)  # values recur (a claim's time is compared at every report)
def interval(value: str, mod: str | None = None) -> Range | None:
    """The closed day range a value covers, narrowed or widened by its mod.

    START, MID and END keep the first, middle and last third (whole months when the range is a
    multiple of three months: a year's END is September to December). APPROX widens the range by
    a quarter of its length on each side. The other mods keep the value's own range (they are
    compared separately). Durations give None; a malformed value raises ValueError.
    """
    whole = _plain_range(value)
    if whole is None or mod is None:
        return whole
    if mod in ("START", "MID", "END"):
        return _third(whole, ("START", "MID", "END").index(mod))
    if mod == "APPROX":
        pad = timedelta(days=max(1, ((whole[1] - whole[0]).days + 1) // 4))
        return whole[0] - pad, whole[1] + pad
    if mod not in _MODS:
        raise ValueError(f"not a TIMEX3 mod: {mod!r}")
    return whole


def contains(outer: tuple[str, str | None], inner: tuple[str, str | None]) -> bool:
    """Whether ``inner`` (value, mod) lies within ``outer``; equal counts as contained.

    Durations have no range: one contains another only when both are equal.
    """
    big, small = interval(*outer), interval(*inner)
    if big is None or small is None:
        return outer == inner
    return big[0] <= small[0] and small[1] <= big[1]


def granularity_days(value: str) -> int | None:
    """How many days the value covers (a year: 365 or 366); None for durations."""
    whole = interval(value)
    return None if whole is None else (whole[1] - whole[0]).days + 1
