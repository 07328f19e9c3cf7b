"""One language's time grammar (``data/<lang>/time.yaml``) compiled, once: the scan regex that
finds where a time is and which pattern it is, each pattern's reader of modifiers and
placeholders, and the tense cues. What the matches mean is :mod:`streams.analysis.timex`'s.

Text is folded before matching (lower case, no accents, one apostrophe and one dash), one
character for one, so offsets in the folded text are the sentence's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from streams.analysis.timedata import (
    PLACEHOLDER_FIELDS,
    TimeData,
    TimePattern,
    load_time_data,
    placeholders,
)

__all__ = ["Grammar", "Pattern", "fold", "grammar_of", "plain", "prepare", "stacked_mod"]

#: When modifiers stack, the first of these wins.
_PRECEDENCE = ("ON_OR_AFTER", "AFTER", "START", "MID", "END", "BEFORE", "ON_OR_BEFORE", "APPROX")


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


def fold(text: str) -> str:
    """Lower case without accents, one apostrophe and one dash; as long as ``text``."""
    lowered = _lowered(text)
    return lowered if lowered.isascii() else lowered.translate(_FOLD)


def plain(text: str) -> str:
    """Lower case with accents kept, one apostrophe and one dash; as long as ``text``."""
    return _lowered(text).translate(_MARKS)


def _key(text: str) -> str:
    """How a matched word is looked up in a word list."""
    return " ".join(fold(text).split())


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
#: After a modifier: a space, or nothing after a hyphen or an apostrophe ("mid-2024", "dall'").
_JOIN = r"(?:\s+|(?<=['-]))"
#: Punctuation that ends a clause, not inside a number (tense cues; words come from the grammar).
_CLAUSE_MARKS = r"[,:](?!\d)|[;()\[\]\"«»“”]|\s-\s"


def _source(regex: str, lower: Callable[[str], str] = fold) -> str:
    """A data regex made for lowered text: letters lowered (escapes kept), spaces flexible.

    A space stands for any run of whitespace, and `` ?`` for an optional one.
    """
    chunks = re.findall(r"\\.|[^\\]+", regex)
    lowered = "".join(c if c[0] == "\\" else lower(c) for c in chunks)
    return lowered.replace(" ?", r"\s*").replace(" ", r"\s+")


def _any(regexes: Iterable[str]) -> str:
    """Cue regexes as one alternation on whole words of :func:`plain` text."""
    return "|".join(_source(r, plain) for r in regexes) or "(?!)"


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
class Pattern:
    spec: TimePattern
    detail: re.Pattern[str]  # the pattern alone, with a group per modifier and placeholder
    core: re.Pattern[str]  # the same without the modifiers: far smaller
    groups: tuple[tuple[str, str], ...]  # (placeholder name, group name in ``detail``)
    has_year: bool


class Grammar:
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
        self.patterns: dict[str, Pattern] = {}
        for i, spec in enumerate(ranked):
            names = placeholders(spec.regex)
            core = f"(?P<core>{self._expand(spec.regex, groups=True)})"
            detail = re.compile(f"{detail_mods}{core}")
            numbered = tuple((n, f"{n}_{names[: k + 1].count(n)}") for k, n in enumerate(names))
            has_year = any(PLACEHOLDER_FIELDS[n] == "year" for n in names)
            self.patterns[f"p{i}"] = Pattern(spec, detail, re.compile(core), numbered, has_year)
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
                return [(fold(branch[0]), self._expand(branch[1:]))]
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

    def read(self, pattern: Pattern, text: str, start: int, end: int) -> _Reading | None:
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
        return _Reading(bool(mods), stacked_mod(mods), fields, m.start("core"))


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


def stacked_mod(mods: Iterable[str | None]) -> str | None:
    """The mod of stacked modifiers: the first in :data:`_PRECEDENCE` ("NONE" adds nothing)."""
    present = set(mods)
    return next((mod for mod in _PRECEDENCE if mod in present), None)


def _unit(code: str) -> str:
    """``10Y`` → ``10Y``, ``M`` → ``1M``: factor and letter, always both."""
    return code if code[0].isdigit() else f"1{code}"


@cache
def grammar_of(lang: str) -> Grammar:
    """The grammar of ``lang``, compiled on first use and then kept."""
    return Grammar(load_time_data(lang))


def prepare(lang: str) -> None:
    """Compile the grammar of ``lang`` now (a few tenths of a second), not mid-stream at the
    first sentence that needs it."""
    grammar_of(lang)
