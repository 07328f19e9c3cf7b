"""Connectors wired to Kafka: create the Kafka topics, then poll feeds or replay into them."""

from __future__ import annotations

from pathlib import Path

from connectors import FeedPoller, KafkaArticleSink, replay
from streams.analysis import WatchConfig, news_topic_ids
from streams.kafka_topics import KafkaTopics, ensure_topics
from streams.settings import Settings

__all__ = ["article_sink", "prepare_topics", "run_feeds", "run_replay"]


async def prepare_topics(settings: Settings, watch: WatchConfig | None = None) -> None:
    """Create every claimwatch Kafka topic before anything produces or subscribes."""
    await ensure_topics(settings, news_topic_ids(watch))


def article_sink(settings: Settings) -> KafkaArticleSink:
    return KafkaArticleSink(
        settings.bootstrap_servers,
        KafkaTopics(settings.topic_prefix).articles,
        security=settings.kafka_client_options(),
    )


async def run_feeds(settings: Settings, urls: list[str], *, interval: float, once: bool) -> None:
    await prepare_topics(settings)
    poller = FeedPoller(
        urls,
        interval=interval,
        timeout_s=settings.fetch_timeout_s,
        max_bytes=settings.fetch_max_bytes,
        allow_private_networks=settings.allow_private_networks,
    )
    async with article_sink(settings) as sink:
        await poller.run(sink, once=once)


async def run_replay(
    settings: Settings, source: Path, *, rate: float, progress: bool = True
) -> int:
    await prepare_topics(settings)
    async with article_sink(settings) as sink:
        return await replay(source, sink, rate=rate, progress=progress)
