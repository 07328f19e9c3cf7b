"""The per-language time grammar files (``data/<lang>/time.yaml``): schema, loading, validation.

A grammar file holds the words of one language (months, weekdays, seasons, ordinals, number
words, unit words), the modifier phrases that give a TIMEX3 mod ("by the end of" → ``END``),
the tense cues that tell whether a sentence looks back or ahead ("said" / "will"), and the
expression patterns. A pattern is a regular expression written with placeholders such as
``{year}``, ``{month}`` or ``{number}`` (so braces mean placeholders, never ``{2}`` repeats); a
space in a pattern stands for any run of whitespace (`` ?`` for an optional one), and ``'`` for
either apostrophe. Its
``type`` says how a match becomes a value (see :class:`TimePattern`). Files are read lazily,
once per language, and validated: a broken file raises :class:`TimeDataError` naming the file
and the field.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Annotated, Literal, Self

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

__all__ = [
    "CALENDAR_TYPES",
    "PLACEHOLDER_FIELDS",
    "Direction",
    "Mod",
    "PatternType",
    "Tense",
    "TimeData",
    "TimeDataError",
    "TimePattern",
    "load_time_data",
    "parse_time_data",
    "placeholders",
    "time_languages",
]

Mod = Literal["START", "MID", "END", "APPROX", "BEFORE", "AFTER", "ON_OR_AFTER", "ON_OR_BEFORE"]
PatternType = Literal[
    "year", "half", "quarter", "season", "month", "day", "weekday", "decade", "relative", "duration"
]
Direction = Literal["past", "past_or_current", "current_or_future", "future"]
Season = Literal["SP", "SU", "FA", "WI"]

#: Placeholder name → the field of the match it fills. Word placeholders (``{month}``...) match
#: the keys of the file's word lists; the others match digits (``{yyyy}``, ``{mm}``, ``{dd}`` are
#: bare fixed-width digits for numeric dates such as ``28.03.2024``; ``{yy}`` is a two-digit year
#: of this century as in "3Q24"; ``{index}`` is 1-4 as in "Q3"; ``{decade}`` is a decade's first
#: year as in "1990s", ``{decade_short}`` its last two digits as in "the '90s" (00-20 this century,
#: 30-90 the last), ``{decade_name}`` a word of the ``decades`` list). A pattern that names a field
#: twice is a range ("between {year} and {year}"): its first value counts, and a later value
#: smaller than the first makes the match no time.
PLACEHOLDER_FIELDS: dict[str, str] = {
    "year": "year",
    "yyyy": "year",
    "yy": "year",
    "mm": "month",
    "dd": "day",
    "day": "day",
    "month": "month",
    "season": "season",
    "weekday": "weekday",
    "decade": "decade",
    "decade_short": "decade",
    "decade_name": "decade",
    "ordinal": "index",
    "index": "index",
    "number": "number",
    "unit": "unit",
}

#: Types whose value is a calendar period; without a year in the text they need the anchor.
CALENDAR_TYPES = frozenset({"year", "half", "quarter", "season", "month", "day", "weekday"})

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_REQUIRED: dict[str, tuple[str, ...]] = {
    "half": ("index",),
    "quarter": ("index",),
    "season": ("season",),
    "month": ("month",),
    "day": ("day", "month"),
    "weekday": ("weekday",),
    "decade": ("decade",),
    "duration": ("unit",),
}


class TimeDataError(ValueError):
    """A time grammar file is missing, unreadable or invalid."""


def placeholders(regex: str) -> list[str]:
    """The placeholder names used in a pattern, in order."""
    return _PLACEHOLDER.findall(regex)


def _check_regex(regex: str) -> None:
    unknown = sorted({n for n in placeholders(regex) if n not in PLACEHOLDER_FIELDS})
    if unknown:
        raise ValueError(f"unknown placeholder(s) {unknown}; known: {sorted(PLACEHOLDER_FIELDS)}")
    try:
        compiled = re.compile(_PLACEHOLDER.sub("x", regex))
    except re.error as exc:
        raise ValueError(f"not a valid regular expression: {exc}") from None
    if compiled.fullmatch(""):
        raise ValueError("the regular expression matches an empty text")


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class TimePattern(_Model):
    """One expression pattern and how its matches become values.

    Calendar types (``year`` ... ``day``, ``weekday``) build a period from the placeholders. When
    the pattern has no year placeholder the year comes from the anchor: shifted by ``offset``
    years when given, else the occurrence chosen by ``direction`` around the anchor ("this
    summer" → ``current_or_future``); without a ``direction`` the sentence's tense chooses (see
    :class:`Tense`). A ``weekday`` with an ``offset`` is that day of the week ``offset`` weeks
    from the anchor's ("Friday of next week": 1). ``decade`` gives ``YYY`` ("1990s" → ``199``).
    ``relative`` moves the anchor by ``offset`` (or by
    ``{number}`` × ``sign``) ``unit``\\ s (or ``{unit}`` words) and gives the period at that
    unit's grain. ``duration`` gives ``P<n><unit>`` from ``{number}`` (default 1) × ``{unit}``.
    """

    type: PatternType
    regex: str = Field(min_length=1)
    unit: Literal["year", "half", "quarter", "month", "week", "day"] | None = None
    offset: int | None = Field(default=None, ge=-100, le=100)
    sign: Literal[1, -1] = 1
    direction: Direction | None = Field(
        default=None, description="Which occurrence around the anchor; None: the tense decides."
    )
    mod: Mod | None = Field(default=None, description="Mod given when no modifier phrase is.")
    requires_modifier: bool = Field(
        default=False, description="Only a time after a modifier phrase ('the year')."
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _check_regex(self.regex)
        names = {PLACEHOLDER_FIELDS[n] for n in placeholders(self.regex)}
        missing = [f for f in _REQUIRED.get(self.type, ()) if f not in names]
        if missing:
            raise ValueError(f"a {self.type!r} pattern needs placeholder(s) for {missing}")
        if self.type == "relative":
            if (self.unit is None) == ("unit" not in names):
                raise ValueError("a 'relative' pattern needs exactly one of `unit` or {unit}")
            if (self.offset is None) == ("number" not in names):
                raise ValueError("a 'relative' pattern needs exactly one of `offset` or {number}")
        elif self.unit is not None:
            raise ValueError("`unit` is only for 'relative' patterns")
        if self.type in CALENDAR_TYPES:
            self._check_calendar("year" in names)
        elif self.direction is not None:
            raise ValueError("`direction` is only for calendar patterns without a year")
        elif self.type == "decade" and self.offset is not None:
            raise ValueError("a 'decade' pattern takes no `offset`")
        return self

    def _check_calendar(self, has_year: bool) -> None:
        if has_year and (self.offset is not None or self.direction is not None):
            raise ValueError("a pattern with a year takes neither `offset` nor `direction`")
        if self.offset is not None and self.direction is not None:
            raise ValueError("give `offset` or `direction`, not both")
        if self.type == "year" and not has_year and self.offset is None:
            raise ValueError("a 'year' pattern without {year} needs an `offset`")


def _check_phrase(phrase: str) -> str:
    if placeholders(phrase):
        raise ValueError("a modifier phrase may not hold placeholders")
    if phrase.rstrip(")?").endswith(" "):
        raise ValueError("a modifier phrase may not end in a space (one is implied)")
    _check_regex(phrase)
    return phrase


Phrase = Annotated[str, Field(min_length=1), AfterValidator(_check_phrase)]


class Tense(_Model):
    """Cues of a sentence's tense, for calendar times given without a year.

    A time such as "in September" or "im ersten Quartal" is the latest such period on or before
    the anchor when the nearest cue is a past one, and the next on or after it when the cue
    looks ahead; without a cue, see :mod:`streams.analysis.timex`. Cues in the time's own
    clause count first; a clause ends at punctuation or at a ``clause_breaks`` word. A
    ``reporting`` verb ("said") dates the report, not what is reported: it is a past cue only for
    a time at most one word away in its clause ("said on Monday"), never for "deliveries start
    in March, the company said". Cues are regular expressions matched on whole words of the
    lowered sentence with its accents kept (Italian "sarà" is a future, "sara" a name).
    """

    past: list[Phrase] = Field(default_factory=list, description="Past tense: 'said', 'hat'...")
    future: list[Phrase] = Field(
        default_factory=list, description="Future or plans: 'will', 'wird', 'prevede'..."
    )
    reporting: list[Phrase] = Field(
        default_factory=list, description="Verbs of saying: 'said', 'sagte', 'ha detto'..."
    )
    clause_breaks: list[Phrase] = Field(
        default_factory=list, description="Words that start another clause: 'and', 'but'..."
    )


class TimeData(_Model):
    """The time grammar of one language."""

    lang: str = Field(pattern=r"^[a-z]{2,3}$")
    months: dict[str, Annotated[int, Field(ge=1, le=12)]] = Field(min_length=12)
    weekdays: dict[str, Annotated[int, Field(ge=1, le=7)]] = Field(
        min_length=7, description="ISO numbers: Monday = 1."
    )
    seasons: dict[str, Season] = Field(min_length=4)
    decades: dict[str, Annotated[int, Field(ge=180, le=210)]] = Field(
        default_factory=dict, description="Decade words → YYY: 'nineties' → 199."
    )
    ordinals: dict[str, Annotated[int, Field(ge=1, le=4)]] = Field(
        min_length=4, description="first → 1 ... fourth → 4."
    )
    numbers: dict[str, Annotated[int, Field(ge=1, le=100)]] = Field(
        description="Number words, 'one'..'twenty', 'a'..."
    )
    units: dict[str, Annotated[str, Field(pattern=r"^\d*[YMWD]$")]] = Field(
        description="Unit word → Y, M, W or D, with a factor: 10Y."
    )
    quantity_words: list[str] = Field(
        default_factory=list, description="Words after a number that make it a quantity."
    )
    modifiers: dict[Mod, list[Phrase]] = Field(
        description="Mod → regexes of phrases before a time."
    )
    neutral: list[Phrase] = Field(
        default_factory=list, description="Phrases before a time that are kept but add no mod."
    )
    tense: Tense = Field(default_factory=Tense)
    patterns: list[TimePattern] = Field(min_length=1)


def parse_time_data(text: str, source: str) -> TimeData:
    """Validate the YAML text of a grammar file; errors name ``source`` and the field."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise TimeDataError(f"{source}: not valid YAML: {exc}") from None
    try:
        return TimeData.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '<file>'}: {err['msg']}"
            for err in exc.errors()
        )
        raise TimeDataError(f"{source}: {problems}") from None


def _data_dir() -> Traversable:
    return resources.files("streams.analysis") / "data"


def time_languages() -> frozenset[str]:
    """The languages that have a time grammar file."""
    return frozenset(
        entry.name for entry in _data_dir().iterdir() if (entry / "time.yaml").is_file()
    )


@cache
def load_time_data(lang: str) -> TimeData:
    """The validated grammar of ``lang`` (read once, then cached)."""
    if not re.fullmatch(r"[a-z]{2,3}", lang):
        raise TimeDataError(f"not a language code: {lang!r}")
    path = _data_dir() / lang / "time.yaml"
    if not path.is_file():
        raise TimeDataError(f"no time grammar for {lang!r} (expected {path})")
    data = parse_time_data(path.read_text(encoding="utf-8"), str(path))
    if data.lang != lang:
        raise TimeDataError(f"{path}: lang: says {data.lang!r}, the folder says {lang!r}")
    return data
