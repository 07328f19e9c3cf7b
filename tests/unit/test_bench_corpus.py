"""The benchmark corpus: seeded, 2–3 KB articles in five languages, claims for the analyzer."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from streams.analysis import Monitor
from streams.bench.corpus import (
    ENTITY,
    MAX_BYTES,
    MIN_BYTES,
    WARMUP_ENTITY,
    generate_articles,
    warmup_articles,
)


def test_same_seed_gives_the_same_corpus_and_another_seed_another() -> None:
    first = generate_articles(40, seed=11)
    assert generate_articles(40, seed=11) == first
    other = generate_articles(40, seed=12)
    assert [a.text for a in other] != [a.text for a in first]


def test_articles_are_two_to_three_kilobytes_in_all_five_languages() -> None:
    articles = generate_articles(100, seed=5)
    sizes = [len(a.text.encode()) for a in articles]
    assert all(MIN_BYTES <= size <= MAX_BYTES for size in sizes), (min(sizes), max(sizes))
    languages = Counter(a.lang_hint for a in articles)
    assert set(languages) == {"it", "en", "de", "fr", "es"}
    assert min(languages.values()) >= 15
    assert len({a.article_id for a in articles}) == 100


def test_articles_are_not_near_copies_of_each_other() -> None:
    """Filler varies: two articles share only a small part of their sentences (reprints aside)."""
    articles = [a for a in generate_articles(60, seed=5) if a.lang_hint == "en"]
    distinct = {a.text: a for a in articles}.values()
    sentence_sets = [set(a.text.replace("\n", " ").split(". ")) for a in distinct]
    for i, left in enumerate(sentence_sets):
        for right in sentence_sets[i + 1 :]:
            assert len(left & right) / len(left | right) < 0.5


def test_claims_in_every_language_are_new_repeated_or_changed_along_the_stream() -> None:
    """The analysis finds claims in each language; the ledger sees new claims, changes of
    timeline and of amount, and repeats that raise nothing."""
    articles = generate_articles(80, seed=9)
    monitor = Monitor()
    alert_types: Counter[str] = Counter()
    languages_with_claims, silent_with_claims = set(), 0
    for article in articles:
        analysis, alerts = monitor.process(article)
        alert_types.update(alert.type.value for alert in alerts)
        if analysis.claims:
            languages_with_claims.add(analysis.lang)
            silent_with_claims += not alerts
    assert languages_with_claims == {"it", "en", "de", "fr", "es"}
    assert {"new_claim", "timeline_changed", "value_changed"} <= set(alert_types)
    assert silent_with_claims >= 5


def test_warmup_articles_are_about_another_company_and_start_with_briefs() -> None:
    assert all(ENTITY in a.text for a in generate_articles(50, seed=1))
    warmup = warmup_articles()
    assert all(WARMUP_ENTITY in a.text and ENTITY not in a.text for a in warmup)
    briefs, full = warmup[:5], warmup[5:]
    assert {a.lang_hint for a in briefs} == {"it", "en", "de", "fr", "es"}
    assert all(len(a.text.split()) < 30 for a in briefs)
    assert all(MIN_BYTES <= len(a.text.encode()) <= MAX_BYTES for a in full)


def test_the_monitor_without_its_near_duplicate_check_differs_only_in_duplicate_of() -> None:
    """What the bench measures as the pipeline's work: the same analyses and alerts."""
    now = datetime(2025, 1, 1, tzinfo=UTC)
    checked, unchecked = Monitor(), Monitor(near_duplicates=False)
    flagged = 0
    for article in generate_articles(60, seed=9):
        (analysis, alerts), (plain, plain_alerts) = (
            checked.process(article, now=now),
            unchecked.process(article, now=now),
        )
        assert plain_alerts == alerts
        assert plain.duplicate_of is None
        assert analysis.model_copy(update={"duplicate_of": None}) == plain
        flagged += analysis.duplicate_of is not None
    assert flagged
