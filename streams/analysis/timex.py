"""Time expressions in a sentence → TIMEX3-like values, driven by per-language grammar files.

Values: ``YYYY``, ``YYYY-H1``, ``YYYY-Q3``, seasons ``YYYY-SU`` (northern: SP Mar-May, SU Jun-Aug,
FA Sep-Nov, WI Dec-Feb of the next year), ``YYYY-MM``, ``YYYY-MM-DD``, ISO weeks ``YYYY-Www``,
decades ``YYY`` (``199``: the 1990s) and durations ``P10Y``/``P6M``/``P2W``/``P3D``. Mods are TIMEX3's: START, MID, END, APPROX, BEFORE,
AFTER, ON_OR_AFTER, ON_OR_BEFORE.

All words live in ``data/<lang>/time.yaml`` (see :mod:`streams.analysis.timedata`); this module
turns one file into one compiled regular expression, once per language, and reads matches with
it. Matching ignores case, accents and the apostrophe's shape. At a given position the more
specific alternative is tried first (more placeholders, then the longer), and a match that
starts inside another and reaches further wins: "am 28. März 2024" gives 2024-03-28.

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
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from streams.analysis.timedata import (
    CALENDAR_TYPES,
    PLACEHOLDER_FIELDS,
    Direction,
    TimeData,
    TimePattern,
    load_time_data,
    placeholders,
)
from streams.analysis.timevalues import interval

__all__ = ["TimeMention", "find_times", "prepare"]

#: When modifiers stack, the first of these wins.
_PRECEDENCE = ("ON_OR_AFTER", "AFTER", "START", "MID", "END", "BEFORE", "ON_OR_BEFORE", "APPROX")


@dataclass(frozen=True, slots=True)
class TimeMention:
    """One time expression found in a sentence."""

    start: int
    end: int
    text: str
    value: str
    mod: str | None
    kind: str  # "date" or "duration"


# --- text folding: same length in and out, so offsets in the folded text are the sentence's ---


_MARKS = {ord(c): "'" for c in "’‘ʼ`´"} | {ord(c): "-" for c in "‐‑‒–—"}


def _fold_table() -> dict[int, str]:
    table = dict(_MARKS)
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base.isascii() and base != chr(code):
            table[code] = base.lower()
    return table


_FOLD = _fold_table()


def _lowered(text: str) -> str:
    """Lower case, as long as ``text``."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters (such as İ) lower to two
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered


def _lower(text: str) -> str:
    """Lower case without accents, one apostrophe and one dash; as long as ``text``."""
    lowered = _lowered(text)
    return lowered if lowered.isascii() else lowered.translate(_FOLD)


def _plain(text: str) -> str:
    """Lower case with accents kept, one apostrophe and one dash; as long as ``text``."""
    return _lowered(text).translate(_MARKS)


def _key(text: str) -> str:
    """How a matched word is looked up in a word list."""
    return " ".join(_lower(text).split())


# --- compiling a grammar file ---

# Placeholders that start with a digit or a letter, not a look-behind, so that the regex engine
# can skip a pattern on its first character; look-behinds come after the digits they guard.
_YEAR = r"(?:19\d\d|20\d\d|2100)"
_DIGITS: dict[str, str] = {
    # A year is not part of a longer number, a price, a percentage or a phone-like run.
    "year": rf"{_YEAR}(?<![\d+#$€£¥]\d{{4}})(?<!\d[.,/:-]\d{{4}})"
    r"(?!\d|[.,/:-]\d|\s\d{3}|\s?[%‰])",
    "yyyy": _YEAR,
    "yy": r"\d\d",
    "mm": r"(?:0[1-9]|1[0-2])",
    "dd": r"(?:0[1-9]|[12]\d|3[01])",
    "day": r"(?:[12]\d|3[01]|0[1-9]|[1-9])(?!\d)",
    "index": r"[1-4]",
    "decade": r"(?:1[89]|20)\d0(?!\d)",
    "decade_short": r"\d0(?!\d)",
}
_SMALL_NUMBER = r"(?:[1-9]\d(?<![\d.,]\d\d)|[1-9](?<![\d.,]\d))(?!\d|[.,]\d)"
_WORD_START = re.compile(r"(?<!\w)\w")
_CURRENCY_BEFORE = re.compile(r"[$€£¥]\s?$")
#: After a modifier: a space, or nothing after a hyphen or an apostrophe ("mid-2024", "dall'").
_JOIN = r"(?:\s+|(?<=['-]))"
#: Punctuation that ends a clause, not inside a number (tense cues; words come from the grammar).
_CLAUSE_MARKS = r"[,:](?!\d)|[;()\[\]\"«»“”]|\s-\s"


def _source(regex: str, lower: Callable[[str], str] = _lower) -> str:
    """A data regex made for lowered text: letters lowered (escapes kept), spaces flexible.

    A space stands for any run of whitespace, and `` ?`` for an optional one.
    """
    chunks = re.findall(r"\\.|[^\\]+", regex)
    lowered = "".join(c if c[0] == "\\" else lower(c) for c in chunks)
    return lowered.replace(" ?", r"\s*").replace(" ", r"\s+")


def _any(regexes: Iterable[str]) -> str:
    """Cue regexes as one alternation on whole words of :func:`_plain` text."""
    return "|".join(_source(r, _plain) for r in regexes) or "(?!)"


def _words(words: Iterable[str]) -> str:
    """A regex for any of ``words`` (already keyed), the longest first, ending a word."""
    alternatives = sorted(set(words), key=len, reverse=True)
    if not alternatives:
        return "(?!)"
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in alternatives)
    return rf"(?:{body})(?!\w)"


_TOKENS = re.compile(r"\\.|\[(?:\\.|[^\]\\])*\]|[()|]|[^\\\[()|]+")
_LEADING_WORDS = re.compile(r"\(\?:([\w' |]+)\)(\??)")
_LEADING_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _alternatives(regex: str) -> list[str]:
    """A data regex as plain alternatives, for the scan.

    Split at its top-level ``|``, with leading groups of words spelled out:
    ``(?:the |on )?X`` gives ``the X``, ``on X`` and ``X``; ``(?:this|next) X`` gives two.
    """
    parts, depth, current = [], 0, ""
    for token in _TOKENS.findall(regex):
        if token == "|" and depth == 0:
            parts.append(current)
            current = ""
            continue
        depth += (token == "(") - (token == ")")
        current += token
    parts.append(current)
    return [spelled for part in parts for spelled in _spell(part)]


def _spell(part: str) -> list[str]:
    lead = _LEADING_WORDS.match(part)
    if lead is None:
        return [part]
    rests = _spell(part[lead.end() :])
    words = [w + rest for w in lead[1].split("|") for rest in rests]
    return words + rests if lead[2] else words


def _modifiers(phrases: Iterable[str]) -> str:
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(_source(p) + _JOIN for p in ordered)


@dataclass(frozen=True, slots=True)
class _Pattern:
    spec: TimePattern
    detail: re.Pattern[str]  # the pattern alone, with a group per modifier and placeholder
    core: re.Pattern[str]  # the same without the modifiers: far smaller
    groups: tuple[tuple[str, str], ...]  # (placeholder name, group name in ``detail``)
    has_year: bool


class _Grammar:
    """One language's grammar compiled.

    ``scan`` is one regex for the whole grammar: up to two modifier phrases, then the patterns
    grouped by first character (see :meth:`_dispatch`), without capture groups. That tells
    where a time is and which pattern it is; the pattern's ``detail`` regex then reads the
    modifiers and the placeholders of the match. ``tense`` finds the tense cues of a sentence
    and ``clause_breaks`` where its clauses end.
    """

    def __init__(self, data: TimeData) -> None:
        words: dict[str, Mapping[str, int | str]] = {
            "month": data.months,
            "weekday": data.weekdays,
            "season": data.seasons,
            "decade": data.decades,
            "index": data.ordinals,
            "number": data.numbers,
            "unit": {k: _unit(v) for k, v in data.units.items()},
        }
        self.tables = {field: {_key(k): v for k, v in t.items()} for field, t in words.items()}
        self.word_lists = {
            name: sorted(self.tables[PLACEHOLDER_FIELDS[name]])
            for name in ("month", "season", "weekday", "decade_name", "ordinal", "number", "unit")
        }
        self.sub = {name: _words(keys) for name, keys in self.word_lists.items()} | _DIGITS
        self.sub["number"] = rf"(?:{self.sub['number']}|{_SMALL_NUMBER})"
        by_mod: list[tuple[str, list[str]]] = [*data.modifiers.items(), ("NONE", data.neutral)]
        groups = sorted(
            ((mod, ps) for mod, ps in by_mod if ps),
            key=lambda mp: -max(len(p) for p in mp[1]),
        )
        self.mod_groups = tuple(f"{slot}_{mod}" for slot in "ab" for mod, _ in groups)
        detail_mods = "".join(
            f"(?P<{slot}>"
            + "|".join(f"(?P<{slot}_{mod}>{_modifiers(ps)})" for mod, ps in groups)
            + ")?"
            for slot in "ab"
        )
        #: Any modifier phrase (the modifiers of ``detail``, without their groups).
        self.modifier = re.compile("|".join(f"(?:{_modifiers(ps)})" for _, ps in groups))
        ranked = sorted(data.patterns, key=lambda p: (-len(placeholders(p.regex)), -len(p.regex)))
        self.patterns: dict[str, _Pattern] = {}
        for i, spec in enumerate(ranked):
            names = placeholders(spec.regex)
            core = f"(?P<core>{self._expand(spec.regex, groups=True)})"
            detail = re.compile(f"{detail_mods}{core}")
            numbered = tuple((n, f"{n}_{names[: k + 1].count(n)}") for k, n in enumerate(names))
            has_year = any(PLACEHOLDER_FIELDS[n] == "year" for n in names)
            self.patterns[f"p{i}"] = _Pattern(spec, detail, re.compile(core), numbered, has_year)
        spelled = sorted({a for _, ps in groups for p in ps for a in _alternatives(p)}, key=len)
        phrases: list[tuple[str, str | None]] = [(a, None) for a in reversed(spelled)]
        # Each alternative ranks on its own: more placeholders first, then the longer.
        branches = sorted(
            ((a, f"p{i}") for i, spec in enumerate(ranked) for a in _alternatives(spec.regex)),
            key=lambda branch: (-len(placeholders(branch[0])), -len(branch[0])),
        )
        mods, times = self._dispatch(phrases), self._dispatch(branches)
        self.scan = re.compile(rf"(?<!\w)(?:(?:{mods})(?:{mods}|)|)(?:{times})(?!\w)")
        after = _words(map(_key, data.quantity_words)) if data.quantity_words else "(?!)"
        self.quantity_after = re.compile(rf"\s*(?:[%‰€$£¥]|{after})")
        cues = data.tense
        self.tense = re.compile(
            rf"(?<!\w)(?:(?P<reporting>{_any(cues.reporting)})|(?P<future>{_any(cues.future)})"
            rf"|(?P<past>{_any(cues.past)}))(?!\w)"
        )
        self.clause_breaks = re.compile(
            rf"{_CLAUSE_MARKS}|(?<!\w)(?:{_any(cues.clause_breaks)})(?!\w)"
        )

    def _dispatch(self, branches: Iterable[tuple[str, str | None]]) -> str:
        """Alternatives as one regex, grouped by the character they start with.

        The regex engine then tries, at each position, only the alternatives that can start
        there (it skips a group on its first character). A pattern's alternative ends with an
        empty group named ``p<i>_<n>`` that tells that pattern ``i`` matched; a modifier's (no
        name) with the space that joins it to the time. Digit-first alternatives come after the
        letter groups, and last those whose first character is not plain to see.
        """
        by_start: dict[str, list[str]] = {}
        for branch, name in branches:
            for start, body in self._starts(branch):
                end = f"(?P<{name}_{sum(map(len, by_start.values()))}>)" if name else _JOIN
                by_start.setdefault(start, []).append(body + end)
        digits, unknown = by_start.pop("digit", []), by_start.pop("", [])
        groups = [f"{re.escape(c)}(?:{'|'.join(alts)})" for c, alts in by_start.items()]
        groups += [rf"(?=\d)(?:{'|'.join(digits)})"] if digits else []
        return "|".join(groups + unknown)

    def _starts(self, branch: str) -> list[tuple[str, str]]:
        """(first character, rest of the regex) pairs that together match what ``branch`` does;
        the first character is "digit" for any digit, "" when not known."""
        lead = _LEADING_PLACEHOLDER.match(branch)
        if lead is None:
            plain = branch[:1].isalpha() and branch[1:2] not in ("?", "*", "+")
            if plain:
                return [(_lower(branch[0]), self._expand(branch[1:]))]
            return [("", self._expand(branch))]
        name, rest = lead[1], self._expand(branch[lead.end() :])
        if name not in self.word_lists:
            return [("digit", self._expand(branch))]
        starts: dict[str, list[str]] = {}
        for word in self.word_lists[name]:
            starts.setdefault(word[0], []).append(word[1:])
        pairs = [(c, f"{_words(tails)}{rest}") for c, tails in starts.items()]
        return pairs + ([("digit", f"(?:{_SMALL_NUMBER}){rest}")] if name == "number" else [])

    def _expand(self, regex: str, *, groups: bool = False) -> str:
        """The regex of a data pattern, placeholders filled in (as groups ``<name>_<n>``)."""
        seen: list[str] = []

        def sub(m: re.Match[str]) -> str:
            name = m.group(1)
            seen.append(name)
            if groups:
                return f"(?P<{name}_{seen.count(name)}>{self.sub[name]})"
            return f"(?:{self.sub[name]})"

        return "(?:" + re.sub(r"\{(\w+)\}", sub, _source(regex)) + ")"

    def read(self, pattern: _Pattern, text: str, start: int, end: int) -> _Reading | None:
        """The modifiers and the placeholder values of a match (numbers as ints).

        None when a range runs backwards ("between 2025 and 2024").
        """
        mods: list[str] = []
        # Most times open with no modifier: then the pattern's core alone reads them. (Its
        # regex is small; ``detail`` holds every modifier twice and costs more to run.)
        if self.modifier.match(text, start, end) is None:
            m = pattern.core.fullmatch(text, start, end)
        else:
            m = pattern.detail.fullmatch(text, start, end)
            if m is not None and m.start("a") >= 0:  # a modifier phrase, perhaps two
                mods = [g[2:] for g in self.mod_groups if m.start(g) >= 0]
        if m is None:  # the scan found this span with this pattern, so this does not happen
            return None
        fields: dict[str, int | str] = {}
        for name, group in pattern.groups:
            text_value = m.group(group)
            if text_value is None:
                continue
            field = PLACEHOLDER_FIELDS[name]
            value: int | str
            if text_value.isdigit():
                value = _number(name, int(text_value))
            else:
                value = self.tables[field][_key(text_value)]
            first = fields.setdefault(field, value)
            if isinstance(first, int) and isinstance(value, int) and value < first:
                return None
        return _Reading(bool(mods), _stack(mods), fields, m.start("core"))


def _number(name: str, digits: int) -> int:
    """The value of a digit placeholder: "24" as ``{yy}`` is 2024, "1990" as ``{decade}`` 199."""
    if name == "yy":
        return 2000 + digits
    if name == "decade":
        return digits // 10
    if name == "decade_short":
        return (200 if digits <= 20 else 190) + digits // 10
    return digits


@dataclass(frozen=True, slots=True)
class _Reading:
    has_modifier: bool
    mod: str | None
    fields: dict[str, int | str]
    core: int  # where the time proper starts, after its modifiers


def _stack(mods: Iterable[str | None]) -> str | None:
    """The mod of stacked modifiers: the first in :data:`_PRECEDENCE` ("NONE" adds nothing)."""
    present = set(mods)
    return next((mod for mod in _PRECEDENCE if mod in present), None)


def _unit(code: str) -> str:
    """``10Y`` → ``10Y``, ``M`` → ``1M``: factor and letter, always both."""
    return code if code[0].isdigit() else f"1{code}"


@cache
def _grammar(lang: str) -> _Grammar:
    return _Grammar(load_time_data(lang))


def prepare(lang: str) -> None:
    """Compile the grammar of ``lang`` now (a few tenths of a second), not mid-stream at the
    first sentence that needs it."""
    _grammar(lang)


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

    def __init__(self, grammar: _Grammar, sentence: str) -> None:
        self._grammar = grammar
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
            text = _plain(self._sentence)
            self._cues = [
                (m.start(), m.end(), str(m.lastgroup)) for m in self._grammar.tense.finditer(text)
            ]
            self._breaks = [m.span() for m in self._grammar.clause_breaks.finditer(text)]
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
    p: _Pattern, f: dict[str, int | str], anchor: date | None, tense: Callable[[], str | None]
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


def _is_quantity(grammar: _Grammar, text: str, start: int, end: int) -> bool:
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
    grammar: _Grammar, match: re.Match[str], text: str, anchor: date | None, tense: _SentenceTense
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
    return _Hit(start, end, (value, _stack([reading.mod, pattern.spec.mod]), kind))


def _longest_hit(
    grammar: _Grammar, match: re.Match[str], text: str, anchor: date | None, tense: _SentenceTense
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
    grammar = _grammar(lang)
    text = _lower(sentence)
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
