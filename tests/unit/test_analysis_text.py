"""Text handling: sentences, amounts, languages, near-duplicates."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from streams.analysis import Monitor, NearDuplicateIndex, anchors, dedup, language, text
from streams.analysis.language import OTHER, LanguageDetector
from streams.analysis.lexicon import languages, lexicon
from streams.analysis.text import split_document, split_sentences
from streams.records import Article


def test_sentences_do_not_end_at_abbreviations_initials_or_ordinals() -> None:
    abbreviations = lexicon("en").abbreviations
    text = "The U.S. market opened on 12. May. J. Smith said so! Did he? Yes.Then it rained."
    assert split_sentences(text, abbreviations) == [
        "The U.S. market opened on 12. May.",
        "J. Smith said so!",
        "Did he?",
        "Yes.",
        "Then it rained.",
    ]


@pytest.mark.parametrize("space", [" ", "\t", "\u00a0", "\u2009", "  "])
def test_the_word_a_period_ends_is_read_after_any_white_space(space: str) -> None:
    abbreviations = lexicon("en").abbreviations
    text = f"Talks went on with{space}Dr. Lee in{space}J. Smith's{space}U.S. office. Then{space}it ended."
    assert split_sentences(text, abbreviations) == [
        f"Talks went on with{space}Dr. Lee in{space}J. Smith's{space}U.S. office.",
        f"Then{space}it ended.",
    ]


def test_a_document_drops_furniture_and_repeated_sentences() -> None:
    doc = split_document(
        "Xiaomi plans a car",
        "Xiaomi plans a car\n\nIt will be electric. It will be electric.\n\n"
        "Leave a Reply\n\nXiaomi IPO in Hong Kong",
        lexicon("en"),
    )
    assert [s.text for s in doc.sentences] == ["Xiaomi plans a car", "It will be electric."]
    assert doc.lead == 2
    assert doc.sentences[doc.locate(doc.text.index("electric"))].paragraph == 2


@pytest.mark.parametrize(
    ("lang", "text", "values"),
    [
        (
            "en",
            "It will raise $10 billion, or 78bn Hong Kong dollars",
            ["USD 10000000000", "HKD 78000000000"],
        ),
        ("en", "a 6.1 billion listing, 10 m runs and 300 km", ["6100000000"]),
        ("it", "una IPO da 6 miliardi e 10 miliardi di dollari", ["6000000000", "USD 10000000000"]),
        ("de", "zehn Milliarden Dollar und 2,5 Mrd. Euro", ["USD 10000000000", "EUR 2500000000"]),
        ("fr", "6,1 milliards de dollars à 22 dollars de Hong Kong", ["USD 6100000000", "HKD 22"]),
        (
            "es",
            "10.000 millones de dólares y 5 mil millones de euros",
            ["USD 10000000000", "EUR 5000000000"],
        ),
        ("fr", "85 millions d'actions nouvelles pour 1,4 milliard", ["1400000000"]),
        ("en", "85 million new shares and 20 million units", []),
    ],
)
def test_money_amounts_in_each_language(lang: str, text: str, values: list[str]) -> None:
    assert [a.value for a in lexicon(lang).amounts.money(text)] == values


def test_unit_counts() -> None:
    assert [a.value for a in lexicon("en").amounts.units("to deliver 120,000 cars")] == [
        "UNITS 120000"
    ]
    assert [a.value for a in lexicon("it").amounts.units("consegnare 120.000 auto")] == [
        "UNITS 120000"
    ]


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector(languages(), lambda lang: lexicon(lang).stopwords)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The company said that it would start selling its cars in Europe next year."),
        ("it", "L'azienda ha detto che inizierà a vendere le sue auto in Europa il prossimo anno."),
        (
            "de",
            "Das Unternehmen sagte, dass es im nächsten Jahr seine Autos in Europa verkaufen will.",
        ),
        (
            "fr",
            "L'entreprise a déclaré qu'elle commencerait à vendre ses voitures en Europe l'an prochain.",
        ),
        ("es", "La empresa dijo que empezará a vender sus coches en Europa el próximo año."),
        (
            OTHER,
            "Firma powiedziała, że w przyszłym roku zacznie sprzedawać swoje samochody w Europie.",
        ),
        (OTHER, "该公司表示，明年将开始在欧洲销售其汽车。"),
        (OTHER, ""),
    ],
)
def test_language_detection_is_restricted_to_our_languages(
    detector: LanguageDetector, lang: str, text: str
) -> None:
    assert detector.detect(text) == lang


BODY = (
    "Xiaomi said on Tuesday that it will set up a wholly owned subsidiary to make smart electric "
    "vehicles and will invest ten billion dollars in it over the next ten years, with founder "
    "Lei Jun running the new unit himself and staking his reputation on the project."
)


def _words(text: str) -> list[str]:
    return anchors.WordIndex(text).words


def test_a_lightly_edited_reprint_is_a_near_duplicate() -> None:
    index = NearDuplicateIndex(capacity=8)
    assert index.check("a", _words(BODY)) is None
    assert index.check("b", _words(BODY.replace("Tuesday", "Wednesday"))) == "a"
    assert index.check("c", _words("Tesla cut prices again. " * 3 + BODY[:60])) is None


def test_asking_again_gives_the_same_answer_and_never_itself() -> None:
    index = NearDuplicateIndex(capacity=8)
    index.check("a", _words(BODY))
    index.check("b", _words(BODY))
    assert index.check("a", _words(BODY)) is None
    assert index.check("b", _words(BODY)) == "a"


def test_the_index_is_bounded() -> None:
    index = NearDuplicateIndex(capacity=2)
    index.check("a", _words(BODY))
    index.check("x", _words(" ".join(f"football{i} weather{i} cooking{i}" for i in range(20))))
    index.check("y", _words(" ".join(f"garden{i} music{i} holidays{i}" for i in range(20))))
    assert index.check("b", _words(BODY)) is None  # "a" was forgotten


def test_short_texts_are_never_duplicates() -> None:
    index = NearDuplicateIndex()
    assert index.check("a", _words("Xiaomi IPO")) is None
    assert index.check("b", _words("Xiaomi IPO")) is None


def test_language_detector_decodes_its_model_when_built_not_mid_stream() -> None:
    language._identifier.cache_clear()
    detector = LanguageDetector(languages(), lambda lang: lexicon(lang).stopwords)
    decoded = language._identifier.cache_info().misses
    assert decoded >= 2
    assert detector.detect("Xiaomi annuncia una nuova auto.") == "it"
    assert language._identifier.cache_info().misses == decoded


def _reference_words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower().replace("’", "'"))


def _reference_simhash(text: str) -> int:
    """SimHash written out plainly: each distinct shingle's hash, then a majority vote per
    bit."""
    hashes = [dedup._word_hash(w) for w in _reference_words(text)]
    mask = (1 << 64) - 1

    def rotate(value: int, bits: int) -> int:
        return ((value << bits) | (value >> (64 - bits))) & mask

    shingles = {
        a ^ rotate(b, 21) ^ rotate(c, 42)
        for a, b, c in zip(hashes, hashes[1:], hashes[2:], strict=False)
    }
    fingerprint = 0
    for k in range(64):
        # The fingerprint lists the shingles' bits byte by byte, the lowest byte first.
        bit = 8 * (k // 8) + 7 - k % 8
        ones = sum(s >> bit & 1 for s in shingles)
        fingerprint |= (ones * 2 > len(shingles)) << (63 - k)
    return fingerprint


@pytest.mark.parametrize(("groups", "numbers"), [(8, 8), (40, 40), (240, 240), (600, 7)])
def test_fingerprint_bits_are_a_majority_vote_of_the_shingles(groups: int, numbers: int) -> None:
    # Up to 1,800 shingles (bits are added 255 rows at a time); the last text repeats many.
    text = " ".join(f"word{n % 37} Other{n % 11} {n % numbers}" for n in range(groups))
    assert dedup.simhash(text) == _reference_simhash(text)
    # 3 words a group: 22 shingles are enough to judge, 19 are not.
    assert dedup.simhash(" ".join(text.split()[:21])) is None


def test_the_fast_paths_change_no_fingerprint() -> None:
    assert not any(re.match(r"\w", mark) for mark in anchors._PUNCTUATION)
    text = "".join(f"Foo_{n}, {n} BAZ-qux! " for n in range(12)) + "\tEnd.\n(Again) A_B c"
    for other in (text.replace("-", " — "), text.replace("-", " – ").replace("!", " «!»")):
        assert dedup.simhash(other) == dedup.simhash(text) is not None


@pytest.mark.parametrize(
    "sentence",
    ["Straße wird GEBAUT.", " Two  spaces ", "tab\there", "nbsp\xa0here", "line\u2028sep", "ǅ ß"],
)
def test_a_repeated_sentence_is_known_by_its_words_case_folded(sentence: str) -> None:
    assert text._key(sentence) == " ".join(sentence.casefold().split())


_FURNITURE = """We use cookies to improve your experience of our website, to show you personalised
content and to analyse our traffic. By clicking accept all cookies you agree to the storing of
cookies on your device, as described in our cookie policy and in our privacy notice.

Manage preferences | Accept all cookies | Reject all

Share this article on Facebook, on X, on LinkedIn, by email or with a link you copy

Sign up for our newsletter to get the best stories in your inbox every morning, with analysis
from our reporters in Asia, Europe and the Americas and a weekly briefing on markets.

Follow us on Facebook, X, Instagram and YouTube for the latest news from our newsroom, and on
our podcast for a weekly look at the business stories that matter.

Leave a reply. Your email address will not be published. Required fields are marked with a
star, and comments are moderated before they appear under the article.

© 2024 The Daily Example Media Group. All rights reserved. Reproduction in whole or in part
without written permission of the publisher is prohibited."""

_STORIES = [
    (
        "Xiaomi sets up an electric car unit with ten billion dollars",
        "Xiaomi said on Tuesday that it will set up a wholly owned subsidiary to make smart "
        "electric vehicles and will invest ten billion dollars in it over the next ten years.\n\n"
        "Founder Lei Jun will run the new unit himself and told an event in Beijing that the car "
        "would be the last big project of his working life.",
    ),
    (
        "Honor prepares a listing in Shenzhen after its shareholding reform",
        "Honor, the phone maker spun off from Huawei, said on Thursday that it has begun to "
        "prepare an initial public offering and will seek a listing in Shenzhen.\n\n"
        "The company completed a shareholding reform last month, a legal step that lets a "
        "Chinese firm with many investors apply for a listing on a domestic exchange.",
    ),
]


def _article(article_id: str, title: str, body: str) -> Article:
    return Article(
        article_id=article_id,
        url=f"https://news.example/{article_id}",
        title=title,
        text=body,
        published=datetime(2024, 1, 18, tzinfo=UTC),
    )


def test_the_monitor_finds_a_copy_on_another_site_but_not_a_story_with_the_same_furniture() -> None:
    """The fingerprint is taken of what the analysis reads: page furniture left out, so two
    stories of one site do not look alike for the banners they share."""
    monitor = Monitor()
    (title, body), (other_title, other_body) = _STORIES
    first, _ = monitor.process(_article("a", title, f"{body}\n\n{_FURNITURE}"))
    other, _ = monitor.process(_article("b", other_title, f"{other_body}\n\n{_FURNITURE}"))
    copy, _ = monitor.process(
        _article("c", f"{title} | Wire", body.replace("Tuesday", "Wednesday"))
    )
    assert (first.duplicate_of, other.duplicate_of, copy.duplicate_of) == (None, None, "a")
