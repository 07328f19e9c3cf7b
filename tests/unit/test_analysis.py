"""The analyzer on small hand-written articles: topics, companies, claims, cues, boilerplate."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

import pytest

import streams.analysis
from streams.analysis import Analyzer, WatchConfig, news_topic_ids
from streams.records import Article, ArticleAnalysis, Claim

PUBLISHED = datetime(2023, 3, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def analyse(analyzer: Analyzer, title: str, text: str = "") -> ArticleAnalysis:
    article = Article(article_id="t-1", title=title, text=text, published=PUBLISHED)
    return analyzer.analyze(article)


def only(analysis: ArticleAnalysis, kind: str) -> Claim:
    (claim,) = [c for c in analysis.claims if c.kind == kind]
    return claim


def test_the_public_names_are_pinned() -> None:
    assert streams.analysis.__all__ == [
        "Analyzer",
        "ConfigError",
        "Decision",
        "LedgerEntry",
        "Monitor",
        "NearDuplicateIndex",
        "WatchConfig",
        "decide",
        "languages",
        "load_watch_config",
        "news_topic_ids",
    ]


def test_the_analysis_never_imports_faust() -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        "import streams.analysis as package\n"
        "for module in pkgutil.iter_modules(package.__path__):\n"
        "    importlib.import_module(f'streams.analysis.{module.name}')\n"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('faust', 'mode')]\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_news_topics_cover_lexicons_kinds_and_the_watch_config() -> None:
    watch = WatchConfig.model_validate(
        {"entities": [{"name": "Xiaomi"}], "topics": {"robotaxi": {"en": {"keywords": ["x"]}}}}
    )
    assert {"ev", "us_market", "ipo", "ads_partnership"} <= set(news_topic_ids())
    assert "robotaxi" in news_topic_ids(watch)
    assert Analyzer(watch).news_topics == news_topic_ids(watch)


def test_topics_carry_the_words_that_earned_them(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "Carmakers bet on electric vehicles",
        "Electric cars sold well this spring as automakers cut prices of their EVs.",
    )
    (ev,) = analysis.topics
    assert ev.topic == "ev" and ev.score >= 3
    assert {"electric vehicles", "electric cars", "evs"} <= set(ev.matched)


def test_an_article_about_nothing_we_watch_has_no_topics_or_claims(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "Home side wins the derby in extra time",
        "The striker scored twice and the coach praised the defence after the match.",
    )
    assert (analysis.topics, analysis.claims, analysis.entities) == ([], [], [])


def test_every_claim_topic_counts_for_the_article(analyzer: Analyzer) -> None:
    analysis = analyse(analyzer, "BYD plans to list its shares in Hong Kong")
    assert [t.topic for t in analysis.topics] == ["ipo"]
    assert only(analysis, "listing").object == "HKEX"


def test_each_claim_goes_to_the_company_that_makes_the_move(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "Carmakers' plans",
        "While NIO struggles with losses, Xiaomi will enter the US market in 2025. "
        "Tesla said BYD plans a Hong Kong listing worth $2 billion next year.",
    )
    assert only(analysis, "market_entry").entity == "Xiaomi"
    listing = only(analysis, "listing")
    assert (listing.entity, listing.value, listing.time) == ("BYD", "USD 2000000000", "2024")
    assert analysis.entities == ["NIO", "Xiaomi", "Tesla", "BYD"]


def test_a_partnership_between_watched_companies_is_recorded_on_both_sides(
    analyzer: Analyzer,
) -> None:
    analysis = analyse(analyzer, "Geely will build electric cars together with Baidu")
    pairs = {(c.entity, c.object) for c in analysis.claims}
    assert pairs == {("Geely", "Baidu"), ("Baidu", "Geely")}
    assert {c.kind for c in analysis.claims} == {"manufacturing_partnership"}


def test_a_partner_off_the_watch_list_is_still_an_object(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "Lordstown taps Foxconn to assemble its electric pickups",
        "The deal gives the start-up Lordstown a factory. Under the deal, Foxconn will "
        "work with suppliers to build the cars.",
    )
    claim = only(analysis, "manufacturing_partnership")
    assert (claim.entity, claim.object) == ("Foxconn", "Lordstown")


def test_a_capital_at_the_start_of_a_sentence_is_no_name(analyzer: Analyzer) -> None:
    analysis = analyse(analyzer, "Under the deal, Foxconn will build electric cars for partners")
    assert analysis.claims == []


def test_a_short_reference_stands_for_the_main_company(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "Xiaomi's car plans",
        "Xiaomi has hired engineers. The company expects mass production of its first car "
        "to start in the first half of 2024.",
    )
    claim = only(analysis, "first_car_target")
    assert (claim.entity, claim.time) == ("Xiaomi", "2024-H1")


HEDGES = {
    "en": ("Xiaomi reportedly plans to list in Hong Kong.", "Xiaomi plans to list in Hong Kong."),
    "it": (
        "Secondo indiscrezioni Xiaomi prepara la quotazione alla Borsa di Hong Kong.",
        "Xiaomi prepara la quotazione alla Borsa di Hong Kong.",
    ),
    "de": (
        "Xiaomi soll den Börsengang in Hongkong vorbereiten.",
        "Xiaomi bereitet den Börsengang in Hongkong vor.",
    ),
    "fr": (
        "Selon des sources, Xiaomi prépare son introduction en Bourse à Hong Kong.",
        "Xiaomi prépare son introduction en Bourse à Hong Kong.",
    ),
    "es": (
        "Según fuentes del sector, Xiaomi prepara su salida a bolsa en Hong Kong.",
        "Xiaomi prepara su salida a bolsa en Hong Kong.",
    ),
}


@pytest.mark.parametrize("lang", sorted(HEDGES))
def test_hedging_in_each_language(analyzer: Analyzer, lang: str) -> None:
    hedged, plain = HEDGES[lang]
    for title, expected in ((hedged, True), (plain, False)):
        analysis = analyse(analyzer, title)
        assert analysis.lang == lang
        claim = only(analysis, "listing")
        assert (claim.object, claim.hedged) == ("HKEX", expected), title


def test_a_hedged_headline_hedges_the_lead(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "Xiaomi said to prepare a Hong Kong listing",
        "Xiaomi will sell new shares on the Hong Kong stock exchange.",
    )
    assert only(analysis, "listing").hedged


@pytest.mark.parametrize(
    ("title", "status"),
    [
        ("Xiaomi confirms its Hong Kong IPO", "confirmed"),
        ("Xiaomi denies plans for a Hong Kong IPO", "denied"),
        ("Xiaomi has not confirmed its Hong Kong IPO", "reported"),
    ],
)
def test_confirmations_and_denials(analyzer: Analyzer, title: str, status: str) -> None:
    assert only(analyse(analyzer, title), "listing").status == status


def test_an_old_timeline_quoted_as_background_does_not_count(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "Xiaomi's first car",
        "Mass production of Xiaomi's first car will start in the first half of 2024. "
        "At the time, Xiaomi had spoken of a first car from 2023.",
    )
    claim = only(analysis, "first_car_target")
    assert (claim.time, claim.mod) == ("2024-H1", None)


def test_boilerplate_yields_no_topic_and_no_claim(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "A quiet week for phone makers",
        "Phone shipments were flat this week, analysts said.\n\n"
        "Sign up for our newsletter: Xiaomi IPO alerts in your inbox.\n\n"
        "Related articles\n\n"
        "Tesla to start mass production of electric cars in Germany in 2025\n\n"
        "Huawei unveils an electric SUV",
    )
    assert (analysis.topics, analysis.claims) == ([], [])


def test_the_analysis_is_deterministic(analyzer: Analyzer) -> None:
    title = "Xiaomi to invest $10 billion in electric cars over ten years"
    first, second = analyse(analyzer, title), analyse(Analyzer(), title)
    assert first == second
    claim = only(first, "investment")
    assert (claim.value, claim.time) == ("USD 10000000000", "P10Y")


def test_watched_companies_come_from_the_watch_config() -> None:
    watch = WatchConfig.model_validate(
        {"entities": [{"name": "Lucid", "aliases": ["Lucid Motors"]}]}
    )
    analysis = analyse(
        Analyzer(watch),
        "Lucid Motors and Xiaomi will bring their electric cars to the Japanese market in 2026",
    )
    assert analysis.entities == ["Lucid"]
    assert [(c.entity, c.object, c.topic) for c in analysis.claims] == [("Lucid", "JP", "ev")]


def test_watch_topics_extend_the_lexicon() -> None:
    watch = WatchConfig.model_validate(
        {
            "entities": [{"name": "Xiaomi"}],
            "topics": {"robotaxi": {"en": {"keywords": {"robotaxi": 2, "driverless": 2}}}},
        }
    )
    analysis = analyse(Analyzer(watch), "Driverless robotaxi fleets grow", "")
    assert [(t.topic, t.matched) for t in analysis.topics] == [
        ("robotaxi", ["driverless", "robotaxi"])
    ]


def test_a_reference_before_the_trigger_beats_a_name_after_it(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "Volkswagen bets on China",
        "The carmaker will invest $700 million in XPeng to build electric cars.",
    )
    assert only(analysis, "investment").entity == "Volkswagen"


def test_a_delivery_target_without_a_year_is_for_the_year_of_publication(
    analyzer: Analyzer,
) -> None:
    analysis = analyse(analyzer, "Xiaomi raises its delivery target to 120,000 cars")
    claim = only(analysis, "delivery_target")
    assert (claim.object, claim.value) == ("2023", "UNITS 120000")


def test_a_place_named_to_be_excluded_is_no_object(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer, "NIO will enter markets outside China with its electric cars, first Norway"
    )
    assert [c.object for c in analysis.claims if c.kind == "market_entry"] == ["NO"]
