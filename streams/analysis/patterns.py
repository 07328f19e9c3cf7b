"""Turning data-file phrases and patterns into compiled regular expressions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from streams.analysis.anchors import AnchoredPattern, Prefixes, WordIndex, find_anchors
from streams.analysis.datafiles import ConfigError

__all__ = [
    "AliasTable",
    "Mention",
    "anchored",
    "compile_patterns",
    "phrase_regex",
]


class Mention(NamedTuple):
    """Where an alias was found and what it stands for."""

    start: int
    end: int
    id: str


def phrase_regex(phrase: str) -> str:
    """A literal phrase as a regex: flexible spaces, either apostrophe, ``*`` for any ending."""
    wildcard = phrase.endswith("*")
    body = re.escape(_key(phrase.rstrip("*")))
    body = body.replace(r"\ ", r"(?:\s+|-)").replace("'", "['’]")
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


def anchored(pattern: str, *, file: Path, field: str) -> AnchoredPattern:
    """One data-file pattern, compiled as :func:`compile_patterns` does, with its anchors."""
    return AnchoredPattern(
        compile_patterns([pattern], file=file, field=field), find_anchors(pattern, re.IGNORECASE)
    )


_WORD = re.compile(r"\w+")


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
        words = [_WORD.match(a.lower()) for a in exact | loose]
        self._pattern = (
            AnchoredPattern(self._regex, tuple({(w.group(), "") for w in words if w}))
            if self._regex is not None and all(words)
            else None
        )

    @property
    def prefixes(self) -> Prefixes | None:
        """The words the aliases start with, for a :class:`SharedLookup`; None when the table
        cannot use a word index."""
        return self._pattern.prefixes if self._pattern is not None else None

    def find(self, text: str, index: WordIndex | None = None) -> list[Mention]:
        """All aliases in ``text``, left to right, longest first where they overlap; ``index``,
        if given, is the word index of ``text``."""
        if self._regex is None:
            return []
        matches = (
            self._pattern.finditer(index)
            if index is not None and self._pattern is not None
            else self._regex.finditer(text)
        )
        found = []
        for match in matches:
            alias = _key(match["alias"])
            id_ = self._ids.get(alias) or self._ids.get(alias.casefold())
            if id_ is not None:
                found.append(Mention(match.start(), match.end(), id_))
        return found
