"""The benchmark corpus: seeded, 2–3 KB articles in five languages, claims for the analyzer."""

from __future__ import annotations

from collections import Counter

from streams.bench.corpus import (
    ENTITY,
    MAX_BYTES,
    MIN_BYTES,
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
    assert Counter(a.lang_hint for a in articles) == dict.fromkeys(
        ("it", "en", "de", "fr", "es"), 20
    )
    assert len({a.article_id for a in articles}) == 100


def test_articles_are_not_near_copies_of_each_other() -> None:
    """Filler varies: two articles share only a small part of their sentences (reprints aside)."""
    articles = [a for a in generate_articles(60, seed=5) if a.lang_hint == "en"]
    distinct = {a.text: a for a in articles}.values()
    sentence_sets = [set(a.text.replace("\n", " ").split(". ")) for a in distinct]
    for i, left in enumerate(sentence_sets):
        for right in sentence_sets[i + 1 :]:
            assert len(left & right) / len(left | right) < 0.5


def test_the_watched_company_is_in_every_article_and_absent_from_warmup_articles() -> None:
    assert all(ENTITY in a.text for a in generate_articles(50, seed=1))
    warmup = warmup_articles(5)
    assert {a.lang_hint for a in warmup} == {"it", "en", "de", "fr", "es"}
    assert not any(ENTITY in a.text or ENTITY in a.title for a in warmup)
    assert all(MIN_BYTES <= len(a.text.encode()) <= MAX_BYTES for a in warmup)
