"""The news topics a part of an article names, read off the article's phrases, are those the
part alone gives; where they might not be, the part is read on its own."""

from __future__ import annotations

from streams.analysis.anchors import WordIndex
from streams.analysis.claim_parts import Reading
from streams.analysis.entities import EntityCatalog
from streams.analysis.lexicon import kinds, lexicon
from streams.analysis.schema import TopicSpec
from streams.analysis.sentence import SentenceView
from streams.analysis.text import split_document
from streams.analysis.topics import TopicMatcher

MATCHER = TopicMatcher(
    {
        "ev": TopicSpec(threshold=1, keywords={"electric car*": 2, "car": 1}),
        "ipo": TopicSpec(threshold=1, keywords={"listing": 1, "S.A. Group": 1}),
    }
)


def test_a_part_names_what_it_alone_names() -> None:
    text = "The electric cars sold.\nA car, then a listing.\nNothing here.\nCar listing"
    phrases = MATCHER.phrases(text)
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        assert phrases.topics(start, end) == MATCHER.mentioned(line), line
        start = end + 1
    assert phrases.topics(0, len(text)) == phrases.every_topic() == {"ev", "ipo"}
    assert phrases.topics(len(text), len(text)) == set()


def test_a_phrase_across_the_edge_of_a_part_leaves_the_part_to_be_read_alone() -> None:
    text = "Its S.A.\nGroup listing and an electric\ncar."
    phrases = MATCHER.phrases(text)
    first, second = text.index("Group"), text.index("car.")
    assert phrases.topics(0, first - 1) is None  # "S.A. Group" ends after it
    assert phrases.topics(first, second - 1) is None  # ... starts before it
    assert phrases.topics(second, len(text)) is None  # "electric car" starts before it
    assert MATCHER.mentioned(text[second:]) == {"ev"}  # what the part alone gives
    assert phrases.topics(0, len(text)) == {"ev", "ipo"}


def _reading(title: str, body: str) -> Reading:
    lex = lexicon("en")
    doc = split_document(title, body, lex)
    index = WordIndex(doc.text)
    catalog = EntityCatalog.build()
    mentions = [catalog.find(s.text) for s in doc.sentences]

    def view(number: int) -> SentenceView:
        return SentenceView(doc.sentences[number].text, lex, mentions[number], anchor=None)

    phrases = lex.topics.phrases(doc.text, index)
    return Reading(
        lex, catalog, kinds(), doc, mentions, view, None, frozenset(), phrases, None, index
    )


def test_a_paragraph_that_repeats_a_sentence_is_read_whole() -> None:
    repeated = "Xiaomi builds an electric car."
    reading = _reading(
        "Xiaomi news",
        f"{repeated} Shares rose.\n\nThe board met on Monday. {repeated}\n\nNothing else.",
    )
    paragraphs = reading.doc.paragraphs
    # The second paragraph's copy of the sentence is not in the document's text, but the
    # paragraph names what the sentence names.
    assert sum(s.text == repeated for s in reading.doc.sentences) == 1
    for number, text in paragraphs.items():
        assert reading._topics_of_paragraph(number) == lexicon("en").topics.mentioned(text)
    assert "ev" in reading._topics_of_paragraph(2)
    for number, sentence in enumerate(reading.doc.sentences):
        expected = lexicon("en").topics.mentioned(sentence.text)
        assert reading._topics_of_sentence(number) == expected
