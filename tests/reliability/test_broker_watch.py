"""The worker's broker watch tells away from back from "came back empty" (memory storage lost)."""

from __future__ import annotations

import pytest

from streams.broker import EmbeddedBroker
from streams.broker_watch import BrokerWatch
from streams.kafka_topics import KafkaTopics, ensure_topics
from streams.settings import Settings

pytestmark = [pytest.mark.broker, pytest.mark.reliability]


async def test_watch_reports_away_then_lost_topics_after_an_empty_restart() -> None:
    """Pass: all topics present → []; broker down → None; restarted empty → every topic missing,
    and run() calls on_lost exactly once with them."""
    own = EmbeddedBroker().start()
    settings = Settings(broker=own.url, topic_prefix="watched")
    topics = KafkaTopics("watched")
    names = [topics.articles, topics.claims]
    lost: list[list[str]] = []
    watch = BrokerWatch(settings, names, on_lost=lost.append, interval=0.1)
    try:
        await ensure_topics(settings, [])
        assert await watch.check_once() == []
        own.stop()
        assert await watch.check_once() is None
        own.start()  # same port, memory storage: empty
        assert sorted(await watch.check_once() or []) == sorted(names)
        await watch.run()
        assert lost == [sorted(names)]
    finally:
        own.stop()
