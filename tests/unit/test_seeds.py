"""The five seed articles against hand-written labels (tests/unit/seeds_gold.yaml)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from connectors.documents import load_articles
from streams.analysis import Analyzer, Monitor
from streams.records import AlertType, Article, ArticleAnalysis
from tests.conftest import SEEDS

GOLD: dict[str, Any] = yaml.safe_load((Path(__file__).parent / "seeds_gold.yaml").read_text())
NOW = datetime(2024, 1, 1, tzinfo=UTC)
CLAIM_DEFAULTS = {
    "object": None,
    "time": None,
    "mod": None,
    "value": None,
    "hedged": False,
    "status": "reported",
}


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    articles = list(load_articles(SEEDS))
    assert [a.article_id for a in articles] == list(GOLD["articles"])
    return articles


@pytest.fixture(scope="module")
def analyses(seeds: list[Article]) -> dict[str, ArticleAnalysis]:
    analyzer = Analyzer()
    return {a.article_id: analyzer.analyze(a) for a in seeds}


@pytest.mark.parametrize("article_id", list(GOLD["articles"]))
def test_seed_analysis_matches_the_labels(
    analyses: dict[str, ArticleAnalysis], article_id: str
) -> None:
    gold = GOLD["articles"][article_id]
    analysis = analyses[article_id]
    assert analysis.lang == gold["lang"]
    assert sorted(t.topic for t in analysis.topics) == sorted(gold["topics"])
    found = {
        claim.key: {
            "object": claim.object,
            "time": claim.time,
            "mod": claim.mod,
            "value": claim.value,
            "hedged": claim.hedged,
            "status": claim.status,
        }
        for claim in analysis.claims
    }
    expected = {}
    for label in gold["claims"]:
        key = "|".join((label["entity"], label["topic"], label["kind"], label.get("object") or ""))
        details = {**CLAIM_DEFAULTS, **label}
        expected[key] = {field: details[field] for field in CLAIM_DEFAULTS}
    assert found == expected


def test_every_seed_claim_quotes_its_own_article(analyses: dict[str, ArticleAnalysis]) -> None:
    for article_id, analysis in analyses.items():
        for claim in analysis.claims:
            assert claim.article_id == claim.evidence.article_id == article_id
            assert claim.evidence.sentence
            assert claim.evidence.lang == analysis.lang


def test_backtest_of_the_seeds_raises_exactly_the_labelled_alerts(seeds: list[Article]) -> None:
    monitor = Monitor()
    raised = []
    for article in seeds:
        _, alerts = monitor.process(article, now=NOW)
        raised += [(article.article_id[:3], a.type.value, a.claim_key, a) for a in alerts]
    expected = [(a["article"], a["type"], a["key"]) for a in GOLD["alerts"]]
    assert [r[:3] for r in raised] == expected
    alerts = [r[3] for r in raised]
    assert {a.topic for a in alerts} == {"ev", "us_market", "ipo", "ads_partnership"}
    assert all(a.evidence and a.created_at == NOW for a in alerts)
    assert not any(a.type is AlertType.TIMELINE_CHANGED for a in alerts)


def test_replaying_the_seeds_raises_nothing_new(seeds: list[Article]) -> None:
    monitor = Monitor()
    first = [a.alert_id for article in seeds for a in monitor.process(article, now=NOW)[1]]
    again = [a for article in seeds for a in monitor.process(article, now=NOW)[1]]
    assert first and again == []
