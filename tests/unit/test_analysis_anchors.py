"""Anchored matching finds what a plain regex scan finds; function words settle clear languages."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from streams.analysis import anchors
from streams.analysis.anchors import (
    AnchoredPattern,
    AnchoredTable,
    AnyPattern,
    Prefixes,
    SharedLookup,
    WordIndex,
    anchor_words,
    find_anchors,
    find_infixes,
)
from streams.analysis.entities import EntityCatalog
from streams.analysis.language import LanguageDetector
from streams.analysis.lexicon import Cues, languages, lexicon
from streams.analysis.patterns import compile_patterns
from streams.analysis.sentence import SentenceView
from streams.analysis.text import split_document

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


@pytest.mark.parametrize(
    ("pattern", "anchors"),
    [
        (r"invest(?:s|ed|ing)?", ("invest",)),
        (r"(?:start|begin)s? (?:\w+ ){0,2}production", ("begin", "start")),
        (r"(?:its |their )?first", ("first", "its", "their")),
        (r"s'all(?:ie|ient)", ("s",)),
        (r"\w*notierung", None),
    ],
)
def test_anchor_words_are_what_every_match_starts_with(
    pattern: str, anchors: tuple[str, ...] | None
) -> None:
    assert anchor_words(pattern, re.IGNORECASE) == anchors


@pytest.mark.parametrize(
    ("pattern", "anchors"),
    [
        (r"(?:in )?talks with", (("in", "talks"), ("talks", "with"))),
        (r"(?:its |their )?first", (("first", ""), ("its", "first"), ("their", "first"))),
        (r"s'all(?:ie|ient)", (("s", "allie"),)),
        (r"se(?:\s+|-)estrena(?:\s+|-)en", (("se", "estrena"),)),
        (r"ad\s*tech", (("ad", "tech"), ("adtech", ""))),
        (r"in (?:\w+ ){0,3}stecken", (("in", ""),)),
        (r"\s+in", None),
        # A repeated part may go on with itself: only its first time is sure.
        (r"(?:ad)+tech", (("ad", ""),)),
        (r"x{2,3}iaomi", (("x", ""),)),
        (r"(?:in )+talks", (("in", ""),)),
        (r"in[ -]+talks", (("in", "talks"),)),  # repeated, but no word character
        (r"a*b", None),
    ],
)
def test_anchors_take_the_next_word_when_every_match_names_it(
    pattern: str, anchors: tuple[tuple[str, str], ...] | None
) -> None:
    assert find_anchors(pattern, re.IGNORECASE) == anchors


@pytest.mark.parametrize(
    ("pattern", "infixes"),
    [
        (r"\w*notierung", ("notierung",)),
        (r"(?<!\w)\w+(?:bann|verbot)(?:s|e|en|es)?", ("bann", "verbot")),
        (r"(?:\w*Notiz|\w+listing)", ("listing", "notiz")),
        (r"invest\w*", None),  # anchored at its start instead
        (r"\w*", None),
        (r"\w*[ab]x", None),
        (r"\w* (?:x|y)", None),  # what follows is in the next word
    ],
)
def test_infixes_are_known_for_patterns_that_open_with_any_word_characters(
    pattern: str, infixes: tuple[str, ...] | None
) -> None:
    assert find_infixes(pattern, re.IGNORECASE) == infixes


TEXT = (
    "Xiaomi will start mass production in 2024. Investors said its first car, and their "
    "first SUV, would start selling; s'allient, S’ALLIENT. Börsennotierung! investing\n"
    "Verbot, EXPORTVERBOTE und das Importverbot; adadtech XXiaomi, in in talks; "
    "In talks with adtech and ad-tech firms, in\nproduction; in talks\nwith the investors talks "
    "in-talks with; Its investor started production, selling-s’"
)


@pytest.mark.parametrize(
    "pattern",
    [
        r"invest(?:s|ed|ing|ors)?",
        r"(?:start|begin)s? (?:\w+ ){0,2}(?:production|selling)",
        r"(?:its |their )?first",
        r"s'all(?:ie|ient)",
        r"\w*notierung",
        r"\w+(?:bann|verbot)(?:s|e|en|es)?",
        r"(?:ad)+tech",
        r"x{2,3}iaomi",
        r"(?:in )+talks",
        r"mass[- ]produc\w*",
        r"(?:in )?talks with",
        r"s['’]all(?:ie|ient)",
        r"(?:the|its) investors?",
        r"ad\s*tech\w*",
        r"(?:in|started) (?:mass )?production",
        r"selling(?:\s+|-)s['’]",
    ],
)
def test_anchored_matches_equal_a_plain_scan(pattern: str) -> None:
    regex = compile_patterns([pattern], file=Path("x.yaml"), field="p")
    anchored = AnchoredPattern(regex, find_anchors(pattern, re.IGNORECASE))
    found = [m.span() for m in anchored.finditer(WordIndex(TEXT))]
    assert found == [m.span() for m in regex.finditer(TEXT)]
    assert found  # every pattern occurs in the text, so the comparison is not vacuous


def _seed_texts() -> list[str]:
    if not SEEDS.is_dir():
        pytest.skip("no seeds next to the repository")
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir()) if p.is_file()]


def test_every_trigger_table_finds_what_its_patterns_find_one_by_one() -> None:
    texts = _seed_texts()
    for lang in languages():
        table = lexicon(lang).triggers
        for text in texts[:2]:
            index = WordIndex(text)
            anchored = sorted((kind, m.span()) for kind, m in table.finditer(index))
            plain = sorted(
                (kind, m.span())
                for kind, pattern in table._entries
                for m in pattern.regex.finditer(text)
            )
            assert anchored == plain, lang


def _plain_scan(table: AnchoredTable[Any], text: str) -> list[tuple[Any, tuple[int, int]]]:
    return sorted(
        ((key, m.span()) for key, pattern in table._entries for m in pattern.regex.finditer(text)),
        key=str,
    )


def _anchored_scan(table: AnchoredTable[Any], text: str) -> list[tuple[Any, tuple[int, int]]]:
    return sorted(((key, m.span()) for key, m in table.finditer(WordIndex(text))), key=str)


def test_every_topic_table_finds_what_its_phrases_find_one_by_one() -> None:
    texts = _seed_texts()
    for lang in languages():
        table = lexicon(lang).topics._phrases
        for text in texts:
            assert _anchored_scan(table, text) == _plain_scan(table, text), lang


def test_company_names_are_found_as_a_plain_scan_finds_them() -> None:
    names = EntityCatalog.build().names
    for text in [*_seed_texts(), TEXT]:
        assert names.find(text, WordIndex(text)) == names.find(text)


@pytest.mark.parametrize(
    "text",
    [
        "  İstanbul’s BYD-Auto: 12,5 % d’Über_gang\nnaïve…Ende",  # beyond Latin-1: a regex
        "Straße’s BYD-Auto: 12,5 % d’Über_gang\nnaïve…Ende – «µ²» ½ „x“ y",  # Latin-1
        "a",
        " b ",
    ],
)
def test_the_word_index_holds_every_word_where_a_scan_finds_it(text: str) -> None:
    index = WordIndex(text)
    found = list(re.finditer(r"\w+", anchors.lower(text)))
    assert index.words == [m.group() for m in found]
    assert index.offsets == [m.start() for m in found]
    assert WordIndex("").words == [] and WordIndex(" . ").offsets == []


def test_forgetting_the_words_seen_changes_no_match(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(anchors, "_CACHED_WORDS", 5)
    table: AnchoredTable[str] = AnchoredTable(
        [("invest", AnchoredPattern.of(r"(?i)invest\w*")), ("first", AnchoredPattern.of("first"))]
    )
    for _ in range(2):
        assert _anchored_scan(table, TEXT) == _plain_scan(table, TEXT)
        assert len(table.prefixes) <= 5


def test_any_pattern_checks_required_text_first() -> None:
    patterns = AnyPattern(
        [(("cookies",), re.compile(r"we use cookies", re.I)), ((), re.compile(r"©", re.I))]
    )
    page = "We use cookies.\n\nXiaomi sells phones. ©"
    within = patterns.within(page)
    assert within.search("WE USE COOKIES to measure")
    assert within.search("© 2024")
    assert not within.search("Xiaomi sells phones.")
    assert (
        not AnyPattern([(("cookies",), re.compile("we use cookies"))])
        .within("x")
        .search("we use cookies")
    )
    # A required text shared by two patterns; a pattern kept by the second of its texts.
    shared = AnyPattern(
        [
            (("cookies",), re.compile(r"we use cookies", re.I)),
            (("cookies",), re.compile(r"cookies settings", re.I)),
            (("consent", "preferences"), re.compile(r"your (?:consent|preferences)", re.I)),
        ]
    ).within("Cookies settings: your preferences")
    assert shared.search("cookies settings") and shared.search("your consent")
    assert not shared.within("no such words").search("cookies settings")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The company said that it would start selling its cars in Europe next year. " * 4),
        (
            "de",
            "Das Unternehmen sagte, dass es im nächsten Jahr seine Autos in Europa verkauft. " * 4,
        ),
        (
            "it",
            "Il gruppo ha detto che la produzione della sua prima auto elettrica inizierà nel "
            "2024 e che le consegne dei veicoli ai clienti della Cina partiranno dopo l'estate. "
            * 3,
        ),
    ],
)
def test_a_long_clear_text_is_told_by_its_function_words(lang: str, text: str) -> None:
    detector = LanguageDetector(languages(), lambda code: lexicon(code).stopwords)
    assert detector._clear(re.findall(r"\w+", text.casefold())) == lang
    assert detector.detect(text) == lang


def test_a_shared_lookup_gives_each_table_what_it_finds_alone() -> None:
    tables = [
        AnchoredTable(
            [
                ("invest", AnchoredPattern.of(r"(?i)invest\w*")),
                ("first", AnchoredPattern.of("first")),
            ]
        ),
        AnchoredTable(
            [
                ("talks", AnchoredPattern.of(r"(?i)in talks with")),
                ("first", AnchoredPattern.of("first car")),
            ]
        ),
    ]
    alone = [_anchored_scan(table, TEXT) for table in tables]
    index = WordIndex(TEXT, SharedLookup(table.prefixes for table in tables))
    assert set(index.found) == {id(table.prefixes) for table in tables}
    assert [
        sorted(((key, m.span()) for key, m in table.finditer(index)), key=str) for table in tables
    ] == alone
    assert all(alone)


def test_a_part_of_a_word_index_is_the_index_of_that_part() -> None:
    document = "Xiaomi plans a car.\nIts sales start in 2024.\n"
    index = WordIndex(document)
    start = document.index("Its")
    end = document.index("\n", start)
    part, alone = index.part(start, end), WordIndex(document[start:end])
    assert (part.text, part.lowered, part.words, part.offsets) == (
        alone.text,
        alone.lowered,
        alone.words,
        alone.offsets,
    )
    assert part.words == ["its", "sales", "start", "in", "2024"]


def test_an_anchored_pattern_may_match_only_where_its_words_are() -> None:
    said = AnchoredPattern.of(r"(?i)(?<!\w)(?:said|told) (?:reporters|analysts)")
    text = "Xiaomi will build cars.\nA spokesman told reporters so.\nNothing else."
    index = WordIndex(text, SharedLookup([said.prefixes]))
    second = text.index("A spokesman")
    assert said.may_match(index, second, text.index("\n", second))
    assert not said.may_match(index, 0, second)  # no "said" nor "told" in the first sentence
    assert not said.may_match(index, text.index("Nothing"), len(text))
    # An index whose lookup never saw the pattern's words, or a pattern without anchors:
    # only the regex can tell.
    assert said.may_match(WordIndex(text), 0, second)
    assert AnchoredPattern.of(r"\w*verbot").may_match(index, 0, second)


def test_cues_found_through_the_document_index_are_those_a_plain_scan_finds() -> None:
    for lang in languages():
        lex = lexicon(lang)
        cues = [getattr(lex.cues, f.name) for f in fields(Cues)]
        assert any(cue.anchors is not None for cue in cues), lang
        for page in _seed_texts():
            title, _, body = page.partition("\n")
            doc = split_document(title, body, lex)
            index = WordIndex(doc.text, SharedLookup(lex.cues.prefixes))
            for number, sentence in enumerate(doc.sentences):
                view = SentenceView(
                    sentence.text, lex, [], anchor=None, document=(index, doc.starts[number])
                )
                text, middle = sentence.text, len(sentence.text) // 2
                for cue in cues:
                    for start, end in ((0, len(text)), (0, middle), (middle, len(text))):
                        plain = [m.span() for m in cue.regex.finditer(text, start, end)]
                        assert [m.span() for m in view.finditer(cue, start, end)] == plain
                        found = view.search(cue, start, end)
                        assert (found.span() if found else None) == (plain[0] if plain else None)


def test_a_word_before_different_words_fits_the_patterns_each_pair_allows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "in" opens two-word anchors: what it fits depends on the word after it, and the table
    # remembers each pair it has seen (up to a bound), so the texts share pairs in other orders.
    monkeypatch.setattr(anchors, "_CACHED_WORDS", 3)
    table: AnchoredTable[str] = AnchoredTable(
        [
            ("talks", AnchoredPattern.of(r"(?i)in talks with")),
            ("production", AnchoredPattern.of(r"(?i)in (?:mass )?production")),
            ("in", AnchoredPattern.of(r"(?i)in 20\d\d")),
            # A one-letter beginning of the next word ("in", "e").
            ("electric", AnchoredPattern.of(r"(?i)in e\w+ cars")),
        ]
    )
    texts = [
        "In talks with Xiaomi, in production in 2024.",
        "In production in talks in 2025; in mass production in talks with BYD.",
        "in in talks with in production, in 2026 in",
        "In e cars, in electric cars, in EV cars and in ev cars in talks with",
        TEXT,
    ]
    for text in [*texts, *reversed(texts)]:
        assert _anchored_scan(table, text) == _plain_scan(table, text)
        assert len(table.prefixes._pairs) <= 3
    assert all(_plain_scan(table, text) for text in texts)


def _fits_at_every_length(table: Prefixes, word: str) -> list[tuple[str, int]]:
    """What a word fits, looked up at each of its prefix lengths (the reference)."""
    return [
        (following, number)
        for length in range(1, len(word) + 1)
        for following, number in table.by_word.get(word[:length], ())
        if not following or length == len(word)
    ]


def test_a_word_fits_what_a_lookup_at_every_prefix_length_finds() -> None:
    # The table compares a word with the anchor words that share its first characters; the
    # reference looks every prefix up. Words short and long, anchors of one to many letters.
    table = Prefixes(
        {
            "a": [("", 0)],
            "in": [("talks", 1), ("", 2)],
            "inv": [("", 3)],
            "invest": [("", 4), ("in", 5)],
            "investment": [("", 6)],
            "小米": [("", 7)],
        }
    )
    words = ["a", "an", "i", "in", "inv", "invest", "investments", "investor", "小米汽车", "b"]
    _assert_fits_as_the_reference(table, words)
    for lang in languages():
        # Each language's cue tables, on their own anchor words and words that extend them.
        for member in lexicon(lang).cues.prefixes:
            known = list(member.by_word)
            words = [*known, *(w + "s" for w in known), *(w[:-1] for w in known)]
            _assert_fits_as_the_reference(Prefixes(member.by_word), words)


def _assert_fits_as_the_reference(table: Prefixes, words: list[str]) -> None:
    for word in words:
        expected = _fits_at_every_length(table, word)
        assert table[word] == (anchors._fits(expected) if expected else None), word
