"""Every feed of feedparser's own test corpus through parse_feed: typed errors only, fast, bounded."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from connectors import FeedError, parse_feed
from streams.records import Article
from tests.conftest import FEEDPARSER_CORPUS

pytestmark = pytest.mark.reliability

SECONDS_PER_FEED = 1.0


def test_every_corpus_feed_parses_without_crash_quickly_and_bounded() -> None:
    paths = sorted(p for p in FEEDPARSER_CORPUS.rglob("*") if p.is_file() and p.name != "LICENSE")
    assert len(paths) > 2_000
    fetched_at = datetime.now(UTC)
    failures: list[str] = []
    worst = (0.0, "")
    parsed_count = 0
    for path in paths:
        data = path.read_bytes()
        started = time.perf_counter()
        articles: tuple[Article, ...] = ()
        try:
            articles = parse_feed(data, source=str(path), fetched_at=fetched_at).articles
            parsed_count += 1
        except FeedError:
            pass
        except Exception as exc:  # the point of the test: nothing else may escape
            failures.append(f"{path}: uncaught {type(exc).__name__}: {exc}")
        elapsed = time.perf_counter() - started
        worst = max(worst, (elapsed, str(path)))
        if elapsed > SECONDS_PER_FEED:
            failures.append(f"{path}: took {elapsed:.2f} s")
        size = sum(len(a.title) + len(a.text) + len(a.article_id) for a in articles)
        if size > 2 * len(data) + 1_000:
            failures.append(f"{path}: {size} characters out of {len(data)} bytes in")
    assert parsed_count > len(paths) // 2
    assert not failures, f"{len(failures)} failures; slowest {worst[1]} ({worst[0]:.2f} s):\n" + (
        "\n".join(failures[:20])
    )
