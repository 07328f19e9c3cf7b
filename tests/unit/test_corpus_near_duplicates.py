"""Near-duplicates on the labelled corpora: the rewrites of one report on another site are
found, and no two other articles are taken for copies of each other."""

from __future__ import annotations

from pathlib import Path

import pytest

from connectors.documents import load_articles
from streams.analysis import Monitor

ROOT = Path(__file__).resolve().parents[2]

#: Articles their authors wrote as a light rewrite of an earlier one (the same report, other
#: wording on another site). Every other article of these corpora is a story of its own.
REWRITES = {
    "demo": {"demo-010": "demo-009"},
    "dev": {"b-011": "b-010"},
    "holdout": {},
    "holdout2": {"k-017": "k-016"},
    "holdout3": {},
}


@pytest.mark.parametrize("corpus", sorted(REWRITES))
def test_the_monitor_takes_exactly_the_rewrites_for_near_duplicates(corpus: str) -> None:
    monitor = Monitor()
    found = {}
    for article in load_articles(ROOT / "corpus" / corpus):
        analysis, _ = monitor.process(article)
        if analysis.duplicate_of is not None:
            found[article.article_id] = analysis.duplicate_of
    assert found == REWRITES[corpus]


def test_the_rewrites_are_what_their_authors_say() -> None:
    """The pairs above: same day or the next, same language, other site."""
    for corpus, pairs in REWRITES.items():
        articles = {a.article_id: a for a in load_articles(ROOT / "corpus" / corpus)}
        for copy, original in pairs.items():
            first, second = articles[original], articles[copy]
            assert first.url.split("/")[2] != second.url.split("/")[2]
            assert first.published is not None and second.published is not None
            assert 0 <= (second.published - first.published).days <= 1
