"""Feed polling: fetch each feed URL every ``interval`` seconds and produce its new Articles."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field

import httpx

from connectors.feeds import MAX_ITEMS, FeedError, parse_feed
from connectors.fetch import (
    CacheValidators,
    FetchError,
    FetchPolicy,
    RateLimited,
    fetch_feed,
    new_client,
)
from connectors.sink import ArticleSink
from streams.records import Article

__all__ = ["FeedPoller", "fetch_articles"]

log = logging.getLogger(__name__)


async def fetch_articles(
    url: str,
    *,
    timeout_s: float = 20.0,
    max_bytes: int = 10_000_000,
    allow_private_networks: bool = False,
) -> list[Article]:
    """Fetch one feed once and return its Articles (raises FetchError or FeedError)."""
    policy = FetchPolicy(
        timeout_s=timeout_s, max_bytes=max_bytes, allow_private_networks=allow_private_networks
    )
    async with new_client(policy) as client:
        result = await fetch_feed(client, url, policy=policy, validators=None)
    parsed = await asyncio.to_thread(
        parse_feed,
        result.body,
        source=url,
        fetched_at=result.fetched_at,
        content_type=result.content_type,
    )
    for warning in parsed.warnings:
        log.warning("feed %s: %s", url, warning)
    return list(parsed.articles)


class _RecentIds:
    """The last ``capacity`` article ids seen, oldest forgotten first."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._ids: OrderedDict[str, None] = OrderedDict()

    def add(self, article_id: str) -> bool:
        """Remember ``article_id``; False when it was already remembered."""
        if article_id in self._ids:
            self._ids.move_to_end(article_id)
            return False
        self._ids[article_id] = None
        if len(self._ids) > self.capacity:
            self._ids.popitem(last=False)
        return True


@dataclass
class _FeedState:
    url: str
    validators: CacheValidators | None = None
    failures: int = 0
    due: float = 0.0
    produced: _RecentIds = field(default_factory=lambda: _RecentIds(2 * MAX_ITEMS))


class FeedPoller:
    """Polls feed URLs and sends each Article it has not produced before to a sink.

    Each feed keeps its own cache validators (conditional GET), error count and next due time:
    after an error it waits ``interval × 2^errors`` (with jitter, at most ``max_backoff_s``),
    or the server's Retry-After; one bad feed never stops the others. The article ids already
    produced are remembered per feed (the last ``2 × MAX_ITEMS``), in memory only. Feeds are
    parsed in a worker thread, so a large one does not stall the event loop.
    """

    def __init__(
        self,
        urls: Sequence[str],
        *,
        interval: float = 300.0,
        timeout_s: float = 20.0,
        max_bytes: int = 10_000_000,
        allow_private_networks: bool = False,
        max_backoff_s: float = 3_600.0,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        if not urls:
            raise ValueError("FeedPoller needs at least one feed URL")
        if interval <= 0:
            raise ValueError("interval must be positive")
        self.interval = interval
        self.max_backoff_s = max(max_backoff_s, interval)
        self.policy = FetchPolicy(
            timeout_s=timeout_s, max_bytes=max_bytes, allow_private_networks=allow_private_networks
        )
        self._feeds = [_FeedState(url) for url in dict.fromkeys(urls)]
        self._client = client

    async def run(self, sink: ArticleSink, *, once: bool = False) -> None:
        """Poll until cancelled; with ``once``, poll every feed one time and return.

        Feed problems are logged and retried later; an error from ``sink`` ends the run.
        """
        loop = asyncio.get_running_loop()
        owned = self._client is None
        client = self._client or new_client(self.policy)
        async with client if owned else contextlib.nullcontext(client):
            while True:
                now = loop.time()
                async with asyncio.TaskGroup() as polls:
                    for feed in self._feeds:
                        if once or feed.due <= now:
                            polls.create_task(self._poll(client, feed, sink))
                if once:
                    return
                next_due = min(feed.due for feed in self._feeds)
                await asyncio.sleep(max(0.0, next_due - loop.time()))

    async def _poll(self, client: httpx.AsyncClient, feed: _FeedState, sink: ArticleSink) -> None:
        loop = asyncio.get_running_loop()
        try:
            result = await fetch_feed(
                client, feed.url, policy=self.policy, validators=feed.validators
            )
            if not result.not_modified:
                parsed = await asyncio.to_thread(
                    parse_feed,
                    result.body,
                    source=feed.url,
                    fetched_at=result.fetched_at,
                    content_type=result.content_type,
                )
                for warning in parsed.warnings:
                    log.warning("feed %s: %s", feed.url, warning)
                for article in parsed.articles:
                    if feed.produced.add(article.article_id):
                        await sink.send(article)
        except RateLimited as exc:
            feed.failures += 1
            delay = self._retry_delay(feed.failures, exc.retry_after_s)
            log.warning("%s; next try in %.0f s", exc, delay)
        except (FetchError, FeedError) as exc:
            feed.failures += 1
            delay = self._retry_delay(feed.failures, None)
            log.warning("%s; next try in %.0f s", exc, delay)
        else:
            feed.validators = result.validators
            feed.failures = 0
            delay = self.interval
        feed.due = loop.time() + delay

    def _retry_delay(self, failures: int, retry_after_s: float | None) -> float:
        """Seconds to wait after the ``failures``-th error in a row."""
        if retry_after_s is not None:
            return min(retry_after_s, self.max_backoff_s)
        backoff = min(self.max_backoff_s, self.interval * 2.0 ** min(failures, 32))
        return backoff * random.uniform(0.5, 1.0)
