"""An article as the analysis reads it: title and body paragraphs, page furniture left out,
split into sentences."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from streams.analysis.anchors import lower
from streams.analysis.lexicon import Lexicon

__all__ = ["Document", "Sentence", "split_document", "split_sentences"]

#: End of a sentence: punctuation then space, or a period glued to a capitalised word.
#: (Opening with the punctuation lets the regex engine skip to it: many times faster.)
_BREAK = re.compile(
    r"[.!?…](?:[.!?…]*[\"'”’»)\]]*\s+|(?<=[a-zß-öø-ÿ]{2}[.!?])(?=[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]))"
)
#: "J." (an initial) or "12." (a German ordinal: "am 12. Mai") does not end a sentence. (At
#: most three characters long.)
_INITIAL_OR_ORDINAL = re.compile(r"(?:[A-ZÀ-Þ]|\d{1,2})\.")
_LINE_END = re.compile(r"[.!?…:;\"”»)]\s*$")
#: A paragraph this short may be a section heading such as "Related articles".
_TAIL_MAX_WORDS = 8


class Sentence(NamedTuple):
    text: str
    paragraph: int  # 0 is the title


@dataclass(frozen=True)
class Document:
    """The sentences worth reading, and the paragraphs they come from."""

    sentences: tuple[Sentence, ...]
    paragraphs: dict[int, str]
    lead: int | None  # number of the first body paragraph
    text: str = field(init=False)
    starts: tuple[int, ...] = field(init=False)

    def __post_init__(self) -> None:
        starts, position = [], 0
        for sentence in self.sentences:
            starts.append(position)
            position += len(sentence.text) + 1
        object.__setattr__(self, "text", "\n".join(s.text for s in self.sentences))
        object.__setattr__(self, "starts", tuple(starts))

    def locate(self, position: int) -> int:
        """Index of the sentence holding ``position`` of :attr:`text`."""
        return bisect_right(self.starts, position) - 1


def split_sentences(paragraph: str, abbreviations: frozenset[str] = frozenset()) -> list[str]:
    """Sentences of one paragraph; abbreviations, initials and ordinals do not end one."""
    sentences, start = [], 0
    for match in _BREAK.finditer(paragraph):
        end = match.end()
        if end >= len(paragraph) or paragraph[end].islower():
            continue
        stop = match.start()
        if paragraph[stop] == ".":
            # The word the period ends. Every white space but " " is unprintable: with none
            # such, it starts after the last space.
            word = paragraph[max(paragraph.rfind(" ", start, stop) + 1, start) : stop + 1]
            if not word.isprintable():
                word = paragraph[start : stop + 1].rsplit(maxsplit=1)[-1]
            if word in abbreviations or (len(word) <= 3 and _INITIAL_OR_ORDINAL.fullmatch(word)):
                continue
        sentences.append(paragraph[start:end].strip())
        start = end
    sentences.append(paragraph[start:].strip())
    return [s for s in sentences if s]


def _blocks(body: str) -> Iterator[str]:
    """Paragraphs: blank-line separated; lines wrapped mid-sentence are joined back."""
    for chunk in re.split(r"\n\s*\n", body):
        merged: list[str] = []
        for line in (line.strip() for line in chunk.splitlines()):
            if not line:
                continue
            if merged and not _LINE_END.search(merged[-1]) and line[0].islower():
                merged[-1] = f"{merged[-1]} {line}"
            else:
                merged.append(line)
        yield from merged


def _key(sentence: str) -> str:
    """The sentence case-folded, each run of white space one space."""
    if sentence.isprintable() and "  " not in sentence:
        # Its only white space is single spaces (any other is not printable): nothing to join.
        return sentence.strip(" ").casefold()
    return " ".join(sentence.casefold().split())


def split_document(title: str, body: str, lexicon: Lexicon) -> Document:
    """Title and body → sentences, without boilerplate paragraphs or repeated sentences."""
    seen: set[str] = set()
    sentences: list[Sentence] = []
    paragraphs: dict[int, str] = {}
    lead: int | None = None

    def add(paragraph: str, number: int) -> None:
        kept = False
        for text in split_sentences(paragraph, lexicon.abbreviations):
            key = _key(text)
            if key not in seen:
                seen.add(key)
                sentences.append(Sentence(text, number))
                kept = True
        if kept:
            paragraphs[number] = paragraph

    if title.strip():
        add(" ".join(title.split()), 0)
    boilerplate = lexicon.boilerplate.within(body, lower(body))
    for number, block in enumerate(_blocks(body), start=1):
        # Tail headings are short: the few short blocks are searched for all of them.
        if len(block.split(None, _TAIL_MAX_WORDS)) <= _TAIL_MAX_WORDS and lexicon.tail.search(
            block
        ):
            break
        # With no boilerplate pattern left for this body, no need to search.
        if boilerplate and boilerplate.search(block):
            continue
        add(block, number)
        if lead is None and number in paragraphs:
            lead = number
    return Document(tuple(sentences), paragraphs, lead)
