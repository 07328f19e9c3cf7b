"""Mechanisms that keep the analysis right on news it was not tuned on: the venue of this
listing, the nature of a deal, entries into new markets only, whose model a name is, and which
dates belong to the claim rather than to the report about it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from streams.analysis import Analyzer
from streams.records import Article, ArticleAnalysis

PUBLISHED = datetime(2023, 3, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def analyse(analyzer: Analyzer, title: str, text: str = "") -> ArticleAnalysis:
    article = Article(article_id="g-1", title=title, text=text, published=PUBLISHED)
    return analyzer.analyze(article)


def keys(analysis: ArticleAnalysis) -> set[str]:
    return {c.key for c in analysis.claims}


def test_a_named_exchange_beats_the_city_and_guesses_from_elsewhere(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "NIO to go public in New York",
        "NIO said its shares will trade on the Nasdaq once the deal closes.\n\n"
        "Its parent, listed in Hong Kong for years, backs the plan.\n\n"
        "The initial public offering is the largest of the year.",
    )
    assert keys(analysis) == {"NIO|ipo|listing|NASDAQ"}


def test_two_exchanges_named_outright_stay_two_listings(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "NIO adds a second listing",
        "NIO, whose shares trade on the New York Stock Exchange, will list on the Hong Kong "
        "Stock Exchange next month.",
    )
    assert "NIO|ipo|listing|HKEX" in keys(analysis)


def test_a_merger_agreement_is_no_partnership(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "NIO unit heads for the stock market",
        "NIO's battery arm signed a merger agreement with Apex Harbour Acquisition Corp, a "
        "blank-cheque company, to build a listed battery maker.",
    )
    assert not any(c.kind.endswith("partnership") for c in analysis.claims)


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "Xiaomi and The Trade Desk seal their deal",
            "It is now official: Xiaomi and The Trade Desk have signed the agreement. The "
            "programmatic platform will sell the advertising space of Xiaomi's phone apps.",
        ),
        (
            "Xiaomi e The Trade Desk firmano l'accordo",
            "Adesso è ufficiale: Xiaomi e The Trade Desk hanno firmato l'accordo. La piattaforma "
            "venderà gli spazi pubblicitari delle app dei telefoni Xiaomi.",
        ),
    ],
)
def test_a_deal_takes_its_nature_from_the_paragraph(
    analyzer: Analyzer, title: str, body: str
) -> None:
    analysis = analyse(analyzer, title, body)
    kinds = {c.kind for c in analysis.claims}
    assert kinds == {"partnership"}
    assert {c.status for c in analysis.claims} == {"confirmed"}
