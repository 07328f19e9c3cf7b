"""Partners that are no known company: capitalised names such as "Fisker" or "Leapmotor"."""

from __future__ import annotations

import re
from functools import cache

from streams.analysis.entities import EntityCatalog
from streams.analysis.lexicon import Lexicon, objects
from streams.analysis.patterns import Mention
from streams.analysis.sentence import SentenceView, nearest

__all__ = ["UnknownNames", "is_institution"]

#: A run of capitalised words (a possible name), allowing "&" and inner punctuation.
_NAME = re.compile(r"(?<![\w.])[A-ZÀ-Þ][\w&'’.-]*(?:\s+(?:[A-ZÀ-Þ0-9][\w&'’.-]*|&))*")


class UnknownNames:
    """Finds the name of a party that is not on the list of known companies, in one article."""

    def __init__(self, lexicon: Lexicon, text: str, catalog: EntityCatalog) -> None:
        self._lexicon = lexicon
        self._text = text
        self._catalog = catalog

    def nearest(self, view: SentenceView, start: int, end: int) -> str | None:
        """The name nearest the trigger at ``start:end`` that stands in a partner slot ("with
        Fisker") or before the trigger in its clause ("Fisker taps"); a name the article
        repeats beats a capitalised word met once ("Californian")."""
        taken = [(m.start, m.end) for m in view.mentions] + [(t.start, t.end) for t in view.times()]
        taken += [(m.start, m.end) for m in self._catalog.find_models(view.text)]
        clause = view.clause_at(start)
        names = []
        for match in _NAME.finditer(view.text):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            # Where the name stands first, as it is cheaper to ask than what the name is.
            if not clause.start <= match.start() < start:
                floor = view.clause_at(match.start()).start
                if not self._lexicon.partner_slot.search(view.text, floor, match.start()):
                    continue
            words = match.group().rstrip(".").split()
            while words and words[0].casefold() in self._lexicon.stopwords:
                words.pop(0)
            name = self._repeated_tail(words)
            if len(name) < 2 or self._is_place(name):
                continue
            opens = view.text[: match.start()].strip() == ""
            if self._lexicon.nouns_capitalised and not _looks_named(
                # A word capitalised only as the sentence's first ("Beide Unternehmen") does
                # not make the rest a name.
                words[1:] if opens and not self._named_inside(words[0]) else words
            ):
                continue
            if opens and not self._named_inside(name):
                continue  # a capital that may only mark the sentence start: "Under", "His"
            names.append(Mention(match.start(), match.end(), name))
        if not names:
            return None
        counts = {m.id: self._text.count(m.id) for m in names}
        most = max(counts.values())
        found = nearest([m for m in names if counts[m.id] == most], start, end)
        return found.id if found else None

    def _repeated_tail(self, words: list[str]) -> str:
        """The name in "Werbeplattform AdLumen": the shortest tail the article repeats more
        often than the whole."""
        whole = " ".join(words)
        count = self._text.count(whole)
        for first in range(len(words) - 1, 0, -1):
            tail = " ".join(words[first:])
            if self._text.count(tail) > count:
                return tail
        return whole

    def _named_inside(self, name: str) -> bool:
        """Whether ``name`` also occurs capitalised inside a sentence of the article: after a
        word or a comma, semicolon or colon and a space, and before no word character (found
        with ``str.find``, as each new name would otherwise compile a regex)."""
        text, at = self._text, self._text.find(name, 2)
        while at != -1:
            before, after = text[at - 2], text[at + len(name) : at + len(name) + 1]
            opens = text[at - 1] == " " and (_word_character(before) or before in ",;:")
            if opens and not (after and _word_character(after)):
                return True
            at = text.find(name, at + 1)
        return False

    def _is_place(self, name: str) -> bool:
        lexicon = self._lexicon
        tables = (lexicon.markets, lexicon.venues, lexicon.venue_cities, lexicon.authorities)
        return any(m.end - m.start == len(name) for t in tables for m in t.find(name))


def _word_character(char: str) -> bool:
    """Whether ``char`` is what ``\\w`` matches in a ``str`` pattern."""
    return char.isalnum() or char == "_"


def _looks_named(words: list[str]) -> bool:
    """Where nouns are capitalised, a name needs two words, a digit or an inner capital (no
    words: no name)."""
    if len(words) != 1:
        return len(words) > 1
    return any(c.isdigit() or c.isupper() for c in words[0][1:])


@cache
def _institution_words() -> re.Pattern[str]:
    words = "|".join(f"(?:{w})" for w in objects().institutions)
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)


def is_institution(name: str) -> bool:
    """Whether ``name`` is a university, school, institute or ministry: no business partner."""
    return bool(objects().institutions) and _institution_words().search(name) is not None
