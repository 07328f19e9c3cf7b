"""Turning data-file phrases and patterns into compiled regular expressions."""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from streams.analysis.datafiles import ConfigError

__all__ = [
    "AliasTable",
    "GatedPatterns",
    "Mention",
    "TextCheck",
    "compile_patterns",
    "lowered_text",
    "phrase_regex",
    "required_text",
]

#: A literal shorter than this is too common to be worth checking first.
_MIN_GATE = 3


class Mention(NamedTuple):
    """Where an alias was found and what it stands for."""

    start: int
    end: int
    id: str


def phrase_regex(phrase: str) -> str:
    """A literal phrase as a regex: flexible spaces, either apostrophe, ``*`` for any ending."""
    wildcard = phrase.endswith("*")
    body = re.escape(_key(phrase.rstrip("*")))
    body = body.replace(r"\ ", r"\s+").replace("'", "['’]")
    return body + (r"\w*" if wildcard else "")


def _key(text: str) -> str:
    """How an alias is looked up: single spaces, straight apostrophes."""
    return " ".join(text.replace("’", "'").split())


def compile_patterns(patterns: Sequence[str], *, file: Path, field: str) -> re.Pattern[str]:
    """One case-insensitive regex matching any of ``patterns`` between word boundaries.

    Each pattern is checked on its own first, so a broken one is reported by its index.
    An empty list gives a regex that never matches.
    """
    for index, pattern in enumerate(patterns):
        try:
            re.compile(pattern)
        except re.error as exc:
            where = field if len(patterns) == 1 and field[-1].isdigit() else f"{field}.{index}"
            raise ConfigError(file, where, f"invalid pattern: {exc}") from None
    if not patterns:
        return re.compile(r"(?!)")
    ordered = sorted(patterns, key=len, reverse=True)
    body = "|".join(f"(?:{_either_apostrophe(p)})" for p in ordered)
    # Whole words: no word character just before the match, nor just after it unless the match
    # itself ends with punctuation, as "n'" does in "n'a".
    return re.compile(rf"(?<!\w)(?:{body})(?:(?<!\w)|(?!\w))", re.IGNORECASE)


def _either_apostrophe(pattern: str) -> str:
    """``'`` in a pattern (outside a character class) also matches the typographic ``’``."""
    out, in_class, escaped = [], False, False
    for char in pattern:
        if char == "'" and not in_class and not escaped:
            out.append("['’]")
        else:
            out.append(char)
            in_class = (in_class or char == "[") and not (char == "]" and not escaped and in_class)
        escaped = char == "\\" and not escaped
    return "".join(out)


def required_text(pattern: str) -> tuple[str, ...]:
    """Lower-case texts of which one must occur wherever ``pattern`` matches; () if unknown.

    Looks for the longest literal run the pattern cannot do without ("produc" in
    ``mass[- ]produc\\w*``), else a top-level choice whose branches all have one.
    """
    items = list(sre_parse.parse(pattern))
    options: list[tuple[str, ...]] = [(run,) for run in _literal_runs(items)]
    for op, value in items:
        if op is sre.BRANCH:
            options.append(tuple(max(_literal_runs(list(b)), key=_word_length) for b in value[1]))
    best = max(options, key=lambda gates: min(map(_word_length, gates)), default=())
    if not best or min(map(_word_length, best)) < _MIN_GATE:
        return ()
    return tuple(gate.lower() for gate in best)


def _word_length(text: str) -> int:
    """Length of the longest word in ``text``: how selective a required text is."""
    return max((len(word) for word in re.findall(r"\w+", text)), default=0)


def _literal_runs(items: list[tuple[Any, Any]]) -> Iterator[str]:
    """Runs of literal characters that every match of ``items`` contains."""
    run: list[str] = []
    for op, value in items:
        if op is sre.LITERAL:
            run.append(chr(value))
            continue
        if op is sre.SUBPATTERN and not any(o is sre.BRANCH for o, _ in value[3]):
            yield "".join(run)
            run = []
            yield from _literal_runs(list(value[3]))
            continue
        yield "".join(run)
        run = []
    yield "".join(run)


class GatedPatterns:
    """Patterns run one by one, each only when the text holds one of its required texts.

    Far faster than one big alternation when most patterns cannot match a given text.
    """

    def __init__(self, patterns: Sequence[str], *, file: Path, field: str) -> None:
        self._patterns = [
            (required_text(p), compile_patterns([p], file=file, field=f"{field}.{i}"))
            for i, p in enumerate(patterns)
        ]

    def finditer(self, text: str, holds: TextCheck) -> Iterator[re.Match[str]]:
        """Matches of every pattern in ``text``, pattern by pattern."""
        for gates, regex in self._patterns:
            if not gates or any(holds(gate) for gate in gates):
                yield from regex.finditer(text)


def lowered_text(text: str) -> str:
    """The text as required texts are looked for in it."""
    return text.lower().replace("’", "'")


class TextCheck:
    """Answers "does the text hold this required text?", each question once."""

    def __init__(self, text: str) -> None:
        self._lowered = lowered_text(text)
        self._answers: dict[str, bool] = {}

    def __call__(self, required: str) -> bool:
        answer = self._answers.get(required)
        if answer is None:
            answer = self._answers[required] = required in self._lowered
        return answer


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


class AliasTable:
    """Finds aliases in text and maps each to its id.

    Acronyms ("US", "USA", "HKEX") match only in capitals, so the pronoun "us" or the Italian
    verb "usa" do not count; other aliases ignore case. With ``names=True`` every alias is a
    proper name: it must match as written (or in capitals) and may carry a genitive ending
    ("Xiaomis", "Xiaomi's").
    """

    def __init__(self, table: Mapping[str, Iterable[str]], *, names: bool = False) -> None:
        self._ids: dict[str, str] = {}
        exact: set[str] = set()
        loose: set[str] = set()
        for id_, aliases in table.items():
            for alias in {id_, *aliases} if names else set(aliases):
                alias = _key(alias)
                if names or _is_acronym(alias):
                    exact.update({alias, alias.upper()})
                    self._ids.setdefault(alias, id_)
                    self._ids.setdefault(alias.upper(), id_)
                else:
                    loose.add(alias)
                    self._ids.setdefault(alias.casefold(), id_)
        branches = []
        if exact:
            branches.append("|".join(phrase_regex(a) for a in sorted(exact, key=len, reverse=True)))
        if loose:
            body = "|".join(phrase_regex(a) for a in sorted(loose, key=len, reverse=True))
            branches.append(f"(?i:{body})")
        suffix = r"(?:['’]?s)?" if names else ""
        self._regex = (
            re.compile(rf"(?<!\w)(?P<alias>{'|'.join(branches)}){suffix}(?!\w)")
            if branches
            else None
        )

    def find(self, text: str) -> list[Mention]:
        """All aliases in ``text``, left to right, longest first where they overlap."""
        if self._regex is None:
            return []
        found = []
        for match in self._regex.finditer(text):
            alias = _key(match["alias"])
            id_ = self._ids.get(alias) or self._ids.get(alias.casefold())
            if id_ is not None:
                found.append(Mention(match.start(), match.end(), id_))
        return found
