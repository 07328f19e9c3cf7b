"""The labelled corpora (demo, dev) follow the corpus format and agree with themselves."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import get_args

import pytest

from streams.analysis.lexicon import kinds
from streams.analysis.schema import KindSpec
from streams.analysis.timedata import Mod
from streams.analysis.watch import load_watch_config
from streams.evaluation import (
    ExpectedAlert,
    GoldArticle,
    GoldClaim,
    load_expected_alerts,
    load_gold,
)
from streams.records import AlertType

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "corpus" / "demo"
DEV = ROOT / "corpus" / "dev"
SEEDS = ROOT / ".." / "shared" / "seeds"
CORPORA = [pytest.param(DEMO, id="demo"), pytest.param(DEV, id="dev")]

NEWS_TOPICS = {"ev", "us_market", "ipo", "ads_partnership"}
LANGUAGES = {"it", "en", "de", "fr", "es"}
FILE_NAME = re.compile(r"(?P<id>[a-z]+-\d{3})-(?P<lang>[a-z]{2})\.md")
DATE = re.compile(r"\d{4}(-(H[12]|Q[1-4]|SP|SU|FA|WI|\d{2}(-\d{2})?))?")
DURATION = re.compile(r"P\d+[YMWD]")
MONEY = re.compile(r"[A-Z]{3} \d+")
UNITS = re.compile(r"UNITS \d+")


@cache
def gold(corpus: Path) -> tuple[GoldArticle, ...]:
    return tuple(load_gold(corpus))


@cache
def expected(corpus: Path) -> tuple[ExpectedAlert, ...]:
    return tuple(load_expected_alerts(corpus))


@pytest.mark.parametrize("corpus", CORPORA)
def test_file_names_match_ids_and_languages(corpus: Path) -> None:
    articles = gold(corpus)

    assert articles, f"{corpus} has no articles"
    for article in articles:
        name = FILE_NAME.fullmatch(article.file)
        assert name, f"{article.file}: expected <prefix>-<NNN>-<lang>.md"
        assert name["id"] == article.article_id, article.file
        assert name["lang"] == article.gold.lang, article.file
        assert article.gold.lang in LANGUAGES, article.file
    duplicates = [i for i, n in Counter(a.article_id for a in articles).items() if n > 1]
    assert duplicates == []


@pytest.mark.parametrize("corpus", CORPORA)
def test_published_dates_increase_inside_each_part(corpus: Path) -> None:
    last: dict[str, GoldArticle] = {}
    for article in gold(corpus):
        part = article.article_id.split("-")[0]
        if part in last:
            assert article.published > last[part].published, article.file
        last[part] = article


@pytest.mark.parametrize("corpus", CORPORA)
def test_gold_labels_use_watched_companies_and_known_topics(corpus: Path) -> None:
    watched = {entity.name for entity in load_watch_config(corpus / "watch.yaml").entities}
    for article in gold(corpus):
        labels = article.gold
        assert set(labels.topics) <= NEWS_TOPICS, article.file
        assert set(labels.entities) <= watched, article.file
        for claim in labels.claims:
            assert claim.entity in labels.entities, (article.file, claim.key)
            assert claim.topic in labels.topics, (article.file, claim.key)
        keys = Counter(claim.key for claim in labels.claims)
        assert [k for k, n in keys.items() if n > 1] == [], article.file


@pytest.mark.parametrize("corpus", CORPORA)
def test_every_gold_claim_fits_its_kind(corpus: Path) -> None:
    for article in gold(corpus):
        for claim in article.gold.claims:
            assert claim.kind in kinds(), (article.file, claim.kind)
            problem = _kind_mismatch(claim, kinds()[claim.kind])
            assert problem is None, (article.file, claim.key, problem)


def _kind_mismatch(claim: GoldClaim, spec: KindSpec) -> str | None:
    """Why ``claim`` does not fit ``spec`` (data/kinds.yaml), or None."""
    if spec.object == "none" and claim.object is not None:
        return "this kind has no object"
    if spec.object != "none" and spec.object_required and claim.object is None:
        return "object missing"
    if isinstance(spec.topic, str):
        if claim.topic != spec.topic:
            return f"topic should be {spec.topic}"
    elif claim.topic != spec.topic.by_object.get(claim.object or "", claim.topic):
        return "topic does not follow the object"
    elif claim.object not in spec.topic.by_object and claim.topic not in spec.topic.from_context:
        return "topic not allowed for this object"
    # A kind without a time in kinds.yaml (a partnership) may still carry a dated gold time
    # ("from 2026"): the analysis does not extract it, but the label is not wrong.
    time_format = {"date": DATE, "duration": DURATION}.get(spec.time, DATE)
    if claim.time is None:
        if spec.time_required:
            return "time missing"
    elif not time_format.fullmatch(claim.time):
        return f"time {claim.time!r} is not a {spec.time}"
    if claim.mod is not None and (claim.time is None or claim.mod not in get_args(Mod)):
        return f"mod {claim.mod!r} without a time or unknown"
    value_format = {"money": MONEY, "units": UNITS}.get(spec.value)
    if claim.value is None:
        if spec.value_required:
            return "value missing"
    elif value_format is None or not value_format.fullmatch(claim.value):
        return f"value {claim.value!r} is not {spec.value}"
    return None


@pytest.mark.parametrize("corpus", CORPORA)
def test_expected_alerts_follow_the_gold_claims(corpus: Path) -> None:
    articles = gold(corpus)
    position = {a.article_id: i for i, a in enumerate(articles)}
    claims = {a.article_id: {c.key: c for c in a.gold.claims} for a in articles}
    last = 0
    for alert in expected(corpus):
        assert alert.article in position, f"unknown article {alert.article}"
        assert position[alert.article] >= last, f"{alert.article}: alerts out of stream order"
        last = position[alert.article]
        key = f"{alert.entity}|{alert.topic}|{alert.kind}|{alert.object or ''}"
        claim = claims[alert.article].get(key)
        assert claim is not None, f"{alert.article}: no gold claim {key}"
        problem = _alert_mismatch(alert, claim)
        assert problem is None, (alert.article, key, problem)


def _alert_mismatch(alert: ExpectedAlert, claim: GoldClaim) -> str | None:
    """Why ``alert`` does not agree with the gold ``claim`` of its article, or None."""
    if alert.type is AlertType.NEW_CLAIM:
        if (alert.time, alert.mod, alert.value) != (claim.time, claim.mod, claim.value):
            return "a new claim carries the claim's time, mod and value"
    elif alert.type is AlertType.TIMELINE_CHANGED:
        if alert.time != claim.time or alert.previous_time is None or alert.refinement is None:
            return "a timeline change needs the claim's time, previous_time and refinement"
    elif alert.type is AlertType.VALUE_CHANGED:
        if alert.value != claim.value or alert.previous_value is None:
            return "a value change needs the claim's value and previous_value"
    elif alert.status != claim.status or alert.previous_status is None:
        return "a status change needs the claim's status and previous_status"
    return None


@pytest.mark.parametrize("corpus", CORPORA)
def test_each_claim_key_is_announced_by_a_new_claim_where_it_first_appears(
    corpus: Path,
) -> None:
    first_seen: dict[str, str] = {}
    for article in gold(corpus):
        for claim in article.gold.claims:
            first_seen.setdefault(claim.key, article.article_id)
    announced = {
        f"{a.entity}|{a.topic}|{a.kind}|{a.object or ''}": a.article
        for a in reversed(expected(corpus))
        if a.type is AlertType.NEW_CLAIM
    }

    assert announced == first_seen


def test_the_demo_shows_every_alert_type_news_topic_and_language() -> None:
    articles, alerts = gold(DEMO), expected(DEMO)
    per_language = Counter(article.gold.lang for article in articles)

    assert 12 <= len(articles) <= 16
    assert {alert.type for alert in alerts} == set(AlertType)
    assert {a.topic for a in alerts if a.type is AlertType.NEW_CLAIM} == NEWS_TOPICS
    assert any(a.refinement for a in alerts if a.type is AlertType.TIMELINE_CHANGED)
    assert set(per_language) == LANGUAGES
    assert min(per_language.values()) >= 2


def test_dev_part_a_has_enough_articles_in_every_language() -> None:
    part_a = [article for article in gold(DEV) if article.article_id.startswith("a-")]
    per_language = Counter(article.gold.lang for article in part_a)

    assert len(part_a) >= 44
    assert set(per_language) == LANGUAGES
    assert min(per_language.values()) >= 8


def test_the_dev_watch_list_names_twenty_distinct_companies() -> None:
    names = [entity.name for entity in load_watch_config(DEV / "watch.yaml").entities]

    assert len(names) == len(set(names)) == 20


@pytest.mark.parametrize("corpus", CORPORA)
def test_no_article_copies_the_seed_pages(corpus: Path) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"no seed pages at {SEEDS}")
    seed_runs = set()
    for seed in SEEDS.iterdir():
        seed_runs |= _word_runs(seed.read_text(encoding="utf-8"))
    for path in sorted(corpus.glob("*.md")):
        copied = _word_runs(path.read_text(encoding="utf-8")) & seed_runs
        assert not copied, f"{path.name} repeats seed text: {sorted(copied)[0]!r}"


def _word_runs(text: str, length: int = 8) -> set[str]:
    """Every run of ``length`` consecutive words, lower-cased."""
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + length]) for i in range(len(words) - length + 1)}
