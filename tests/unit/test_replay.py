"""ReplayServer and replay(): documents → Atom on loopback → fetch → parse → sink, in order."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import connectors
from connectors import ListSink, ReplayServer, load_articles, render_atom, replay
from streams.records import Article
from tests.conftest import SEEDS

NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def test_public_api_is_pinned() -> None:
    assert connectors.__all__ == [
        "AddressRefused",
        "ArticleSink",
        "BodyTooLarge",
        "CacheValidators",
        "DocumentError",
        "FeedError",
        "FeedPoller",
        "FetchError",
        "FetchPolicy",
        "FetchResult",
        "FetchTimeout",
        "HTTPStatusRefused",
        "KafkaArticleSink",
        "ListSink",
        "NetworkError",
        "ParsedFeed",
        "RateLimited",
        "ReplayServer",
        "TooManyRedirects",
        "fetch_articles",
        "fetch_feed",
        "load_articles",
        "parse_feed",
        "render_atom",
        "replay",
    ]
    assert all(hasattr(connectors, name) for name in connectors.__all__)


def test_replay_server_serves_the_feed_on_loopback_then_stops() -> None:
    with ReplayServer(b"<feed/>", content_type="application/atom+xml") as server:
        url = server.url
        assert url.startswith("http://127.0.0.1:")
        with NO_PROXY.open(server.url, timeout=5) as response:
            assert response.read() == b"<feed/>"
            assert response.headers["Content-Type"] == "application/atom+xml"
        with pytest.raises(urllib.error.HTTPError) as caught:
            NO_PROXY.open(server.url.replace("/feed.xml", "/other"), timeout=5)
        caught.value.close()
    with pytest.raises(urllib.error.URLError):
        NO_PROXY.open(url, timeout=5)
    with pytest.raises(RuntimeError):
        _ = server.url


async def test_replaying_the_seeds_produces_the_loaded_articles_in_order() -> None:
    sink = ListSink()
    count = await replay(SEEDS, sink, rate=0, progress=False)
    expected = list(load_articles(SEEDS))
    assert count == len(sink.articles) == len(expected) == 5
    assert [a.article_id for a in sink.articles] == [p.stem for p in sorted(SEEDS.glob("*.txt"))]
    assert [a.model_copy(update={"fetched_at": None}) for a in sink.articles] == expected
    assert all(a.fetched_at is not None for a in sink.articles)


async def test_a_feed_file_is_served_as_it_is(tmp_path: Path) -> None:
    articles = [Article(article_id=f"id-{n}", title=f"T{n}", text="x") for n in range(3)]
    feed = tmp_path / "feed.atom"
    feed.write_bytes(render_atom(articles, feed_id="urn:f", title="f"))
    sink = ListSink()
    assert await replay(feed, sink, rate=0, progress=False) == 3
    assert [a.article_id for a in sink.articles] == ["id-0", "id-1", "id-2"]


async def test_jsonl_replay(tmp_path: Path) -> None:
    articles = [Article(article_id=f"j{n}", text=f"body {n}", source="s") for n in range(4)]
    path = tmp_path / "a.jsonl"
    path.write_text("".join(a.model_dump_json() + "\n" for a in articles), encoding="utf-8")
    sink = ListSink()
    await replay(path, sink, rate=0, progress=False)
    assert [a.model_copy(update={"fetched_at": None}) for a in sink.articles] == articles


async def test_rate_paces_the_articles() -> None:
    started = time.monotonic()
    await replay(SEEDS, ListSink(), rate=25, progress=False)
    assert time.monotonic() - started >= 4 / 25  # five articles, four gaps


async def test_negative_rate_is_refused() -> None:
    with pytest.raises(ValueError, match="rate"):
        await replay(SEEDS, ListSink(), rate=-1)
