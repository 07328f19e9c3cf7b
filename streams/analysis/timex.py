"""Time expressions in a sentence → TIMEX3-like values, driven by per-language grammar files.

Values: ``YYYY``, ``YYYY-H1``, ``YYYY-Q3``, seasons ``YYYY-SU`` (northern: SP Mar-May, SU Jun-Aug,
FA Sep-Nov, WI Dec-Feb of the next year), ``YYYY-MM``, ``YYYY-MM-DD``, ISO weeks ``YYYY-Www``,
decades ``YYY`` (``199``: the 1990s) and durations ``P10Y``/``P6M``/``P2W``/``P3D``. Mods are TIMEX3's: START, MID, END, APPROX, BEFORE,
AFTER, ON_OR_AFTER, ON_OR_BEFORE.

All words live in ``data/<lang>/time.yaml`` (see :mod:`streams.analysis.timedata`);
:mod:`streams.analysis.timegrammar` turns one file into one compiled regular expression, once
per language, and this module reads its matches. Matching ignores case, accents and the
apostrophe's shape. At a given position the more specific alternative is tried first (more
placeholders, then the longer), and a match that starts inside another and reaches further
wins: "am 28. März 2024" gives 2024-03-28.

Choices:

- A relative time needs the anchor (the article's date) and is skipped without it.
- A month, day, season, quarter or weekday without a year ("in September", "el 28 de marzo")
  follows the sentence's tense (:class:`~streams.analysis.timedata.Tense`): after a past cue,
  the latest such period on or before the anchor; after a future cue, the next one on or
  after it (the period under way counts both ways). Without a cue it is the period under way
  or the next one too, unless the last one ended less than a quarter as long ago as the next
  one is ahead ("a record in September", said in October); a weekday without one looks back.
  A verb of saying is no cue for what is said ("sales start in March, the company said").
- A weekday named with its week ("on Friday this week", "am Freitag nächster Woche") is that
  day, not the week.
- Decades ("the late 1990s", "negli anni '90", "a finales de los noventa") are ``YYY`` values
  with the modifier's mod: ``199`` END.
- Up to two modifier phrases stack, and the one that bounds the time wins, in this order:
  ON_OR_AFTER, AFTER, START, MID, END, BEFORE, ON_OR_BEFORE, APPROX. "Dall'inizio del 2023" is
  2023 ON_OR_AFTER (when something starts is what the ledger tracks); "until the end of 2024"
  is 2024 END.
- A range ("2024-2025", "between March and May") gives its first period with ON_OR_AFTER, for
  the same reason. "Within two years" is the anchor's year + 2 with ON_OR_BEFORE; "over ten
  years" stays a duration. A fiscal year ("FY2025") is its calendar year.
- "This summer" is the summer under way or the next one; "later this year" is the anchor's
  year with no mod (a year's rest is no TIMEX3 range). Open-ended phrases ("in the coming
  months", "by the end of the decade") give no time.

Speed (CPU time): about 15 µs for a 100-character sentence without a time, 25 µs on average
over news sentences; the tense cues are read only when a time without a year needs them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from streams.analysis.timedata import CALENDAR_TYPES, Direction, TimePattern
from streams.analysis.timegrammar import Grammar, Pattern, fold, grammar_of, plain, stacked_mod
from streams.analysis.timevalues import interval

__all__ = ["TimeMention", "find_times"]


@dataclass(frozen=True, slots=True)
class TimeMention:
    """One time expression found in a sentence."""

    start: int
    end: int
    text: str
    value: str
    mod: str | None
    kind: str  # "date" or "duration"


_WORD_START = re.compile(r"(?<!\w)\w")
_CURRENCY_BEFORE = re.compile(r"[$€£¥]\s?$")


# --- matches → values ---


def _calendar_value(kind: str, f: dict[str, int | str], year: int) -> str | None:
    index = int(f.get("index", 0))
    if kind == "year":
        return f"{year:04d}"
    if kind == "half":
        return f"{year:04d}-H{index}" if index in (1, 2) else None
    if kind == "quarter":
        return f"{year:04d}-Q{index}"
    if kind == "season":
        return f"{year:04d}-{f['season']}"
    if kind == "month":
        return f"{year:04d}-{int(f['month']):02d}"
    try:
        return date(year, int(f["month"]), int(f["day"])).isoformat()
    except ValueError:
        return None


def _choose(candidates: Iterable[str], anchor: date, direction: Direction | None) -> str | None:
    """The candidate period the direction picks around the anchor.

    No direction (a sentence without tense cues): the period under way, else the next one,
    unless the last one ended less than a quarter as long ago as the next one is ahead ("sales
    hit a record in September", said in October, is last September).
    """
    ranges = sorted((r, v) for v in candidates if (r := interval(v)) is not None)
    if direction not in ("past", "future"):
        for (start, end), value in ranges:
            if start <= anchor <= end:
                return value
    before = [(end, v) for (_, end), v in ranges if end < anchor]
    after = [(start, v) for (start, _), v in ranges if start > anchor]
    if direction is None and before and after:
        (last_end, last), (next_start, upcoming) = before[-1], after[0]
        return last if 4 * (anchor - last_end) < next_start - anchor else upcoming
    if direction in ("past", "past_or_current"):
        return before[-1][1] if before else None
    return after[0][1] if after else None


def _shift(anchor: date, unit: str, n: int) -> str:
    """The period ``n`` units away from the anchor's, at that unit's grain."""
    per_year = {"year": 1, "half": 2, "quarter": 4, "month": 12}
    if unit in per_year:
        k = per_year[unit]
        total = anchor.year * k + (anchor.month - 1) * k // 12 + n
        year, part = divmod(total, k)
        tag = {1: "", 2: f"-H{part + 1}", 4: f"-Q{part + 1}", 12: f"-{part + 1:02d}"}[k]
        return f"{year:04d}{tag}"
    if unit == "week":
        iso = (anchor + timedelta(weeks=n)).isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    return (anchor + timedelta(days=n)).isoformat()


_UNIT_NAMES = {"Y": "year", "M": "month", "W": "week", "D": "day"}


#: Most words between a verb of saying and the time it dates ("told reporters on Monday").
_REPORTING_REACH = 1
_WORD = re.compile(r"\w+")


class _SentenceTense:
    """The tense cues and clause ends of one sentence, found on first use."""

    def __init__(self, grammar: Grammar, sentence: str) -> None:
        self.grammar = grammar
        self._sentence = sentence
        self._cues: list[tuple[int, int, str]] | None = None
        self._breaks: list[tuple[int, int]] = []

    def at(self, start: int, core: int, end: int) -> str | None:
        """The tense, "past" or "future", for the time at ``start:end`` (its words from ``core``).

        The nearest cue in the time's clause, else in the sentence; a cue among the time's own
        words ("may" in "in May") does not count, one in its modifier ("since") does. A verb of
        saying at most one word away in the time's clause dates it ("told reporters in March"):
        past; elsewhere it is no cue.
        """
        if self._cues is None:
            text = plain(self._sentence)
            self._cues = [
                (m.start(), m.end(), str(m.lastgroup)) for m in self.grammar.tense.finditer(text)
            ]
            self._breaks = [m.span() for m in self.grammar.clause_breaks.finditer(text)]
        first = max((e for s, e in self._breaks if e <= start), default=0)
        last = min((s for s, e in self._breaks if s >= end), default=len(self._sentence))
        if any(
            kind == "reporting" and first <= s and e <= last and self._beside(s, e, start, end)
            for s, e, kind in self._cues
        ):
            return "past"
        cues = [c for c in self._cues if c[2] != "reporting" and (c[1] <= core or c[0] >= end)]
        clause = [c for c in cues if first <= c[0] and c[1] <= last]

        def distance(cue: tuple[int, int, str]) -> int:
            return max(start - cue[1], cue[0] - end, 0)

        nearest = min(clause or cues, key=distance, default=None)
        return nearest[2] if nearest else None

    def _beside(self, cue_start: int, cue_end: int, start: int, end: int) -> bool:
        """Whether a cue lies outside the time at ``start:end``, at most one word away."""
        if cue_end <= start:
            gap = self._sentence[cue_end:start]
        elif cue_start >= end:
            gap = self._sentence[end:cue_start]
        else:
            return False
        return len(_WORD.findall(gap)) <= _REPORTING_REACH


def _direction(spec: TimePattern, tense: str | None) -> Direction | None:
    """Which occurrence of a calendar time without a year the sentence means (None: unmarked)."""
    if spec.direction is not None:
        return spec.direction
    if tense == "past" or (tense is None and spec.type == "weekday"):
        return "past_or_current"
    return "current_or_future" if tense == "future" else None


def _value(
    p: Pattern, f: dict[str, int | str], anchor: date | None, tense: Callable[[], str | None]
) -> tuple[str, str] | None:
    """(value, kind) of a match, or None when it cannot be resolved."""
    spec = p.spec
    if spec.type == "duration":
        unit = str(f["unit"])
        return f"P{int(f.get('number', 1)) * int(unit[:-1])}{unit[-1]}", "duration"
    if spec.type == "decade":
        return f"{int(f['decade']):03d}", "date"
    if spec.type in CALENDAR_TYPES and p.has_year:
        value = _calendar_value(spec.type, f, int(f["year"]))
        return (value, "date") if value else None
    if anchor is None:
        return None
    if spec.type == "relative":
        if spec.unit is not None:
            unit, steps = spec.unit, 1
        else:
            code = str(f["unit"])
            unit, steps = _UNIT_NAMES[code[-1]], int(code[:-1])
        count = spec.offset if spec.offset is not None else int(f["number"]) * spec.sign
        return _shift(anchor, unit, steps * count), "date"
    if spec.type == "weekday" and spec.offset is not None:
        monday = anchor - timedelta(days=anchor.weekday())
        day = monday + timedelta(weeks=spec.offset, days=int(f["weekday"]) - 1)
        return day.isoformat(), "date"
    if spec.offset is not None:
        value = _calendar_value(spec.type, f, anchor.year + spec.offset)
        return (value, "date") if value else None
    direction = _direction(spec, tense() if spec.direction is None else None)
    if spec.type == "weekday":
        days = (anchor + timedelta(days=d) for d in range(-7, 8))
        wanted = int(f["weekday"])
        candidates = [d.isoformat() for d in days if d.isoweekday() == wanted]
    else:
        years = (anchor.year - 1, anchor.year, anchor.year + 1)
        options = (_calendar_value(spec.type, f, y) for y in years)
        candidates = [v for v in options if v]
    value = _choose(candidates, anchor, direction)
    return (value, "date") if value else None


def _is_quantity(grammar: Grammar, text: str, start: int, end: int) -> bool:
    """A number followed by a unit of measure or money, or preceded by a currency sign."""
    if not text[end - 1].isdigit():
        return False
    before = _CURRENCY_BEFORE.search(text, max(0, start - 2), start)
    return bool(before or grammar.quantity_after.match(text, end))


@dataclass(frozen=True, slots=True)
class _Hit:
    """A time expression's span and what it means (None: a relative time without anchor)."""

    start: int
    end: int
    meaning: tuple[str, str | None, str] | None  # value, mod, kind


def _hit(
    grammar: Grammar, match: re.Match[str], text: str, anchor: date | None, tense: _SentenceTense
) -> _Hit | None:
    """What a scan match means, or None when it is not a time after all."""
    start, end = match.span()
    pattern = grammar.patterns[str(match.lastgroup).partition("_")[0]]
    reading = grammar.read(pattern, text, start, end)
    if (
        reading is None
        or (pattern.spec.requires_modifier and not reading.has_modifier)
        or _is_quantity(grammar, text, start, end)
    ):
        return None
    resolved = _value(pattern, reading.fields, anchor, lambda: tense.at(start, reading.core, end))
    if resolved is None:
        # A date with its year that does not exist (31 February) is no date; a relative one
        # without an anchor is a time we cannot place.
        return None if pattern.has_year else _Hit(start, end, None)
    value, kind = resolved
    return _Hit(start, end, (value, stacked_mod([reading.mod, pattern.spec.mod]), kind))


def _longest_hit(
    grammar: Grammar, match: re.Match[str], text: str, anchor: date | None, tense: _SentenceTense
) -> _Hit | None:
    """The hit of ``match``, or of a longer match that starts inside it.

    "am 28. März 2024": the scan first finds "am 28. März", but "28. März 2024" reaches further.
    """
    best = _hit(grammar, match, text, anchor, tense)
    reach = match.end()
    for inner in _WORD_START.finditer(text, match.start() + 1, match.end()):
        other = grammar.scan.match(text, inner.start())
        if other is not None and other.end() > reach:
            longer = _hit(grammar, other, text, anchor, tense)
            if longer is not None:
                best, reach = longer, other.end()
    return best


def find_times(sentence: str, lang: str, anchor: date | None) -> list[TimeMention]:
    """All time expressions in ``sentence``, left to right, not overlapping (longest wins).

    Relative expressions ("next year", "on Tuesday") resolve against ``anchor``, the article's
    publication date; without an anchor they are left out. Raises
    :class:`~streams.analysis.timedata.TimeDataError` when ``lang`` has no valid grammar.
    """
    grammar = grammar_of(lang)
    text = fold(sentence)
    tense = _SentenceTense(grammar, sentence)
    found: list[TimeMention] = []
    pos = 0
    while (match := grammar.scan.search(text, pos)) is not None:
        hit = _longest_hit(grammar, match, text, anchor, tense)
        if hit is None:
            pos = match.start() + 1
            continue
        if hit.meaning is not None:
            value, mod, kind = hit.meaning
            found.append(
                TimeMention(hit.start, hit.end, sentence[hit.start : hit.end], value, mod, kind)
            )
        pos = max(hit.end, match.start() + 1)
    return found
