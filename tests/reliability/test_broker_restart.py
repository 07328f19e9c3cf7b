"""The broker stops and comes back empty (memory storage): connectors retry and re-create the Kafka
topics; the worker says so loudly and exits with code 3 instead of hanging."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from streams.broker import EmbeddedBroker
from streams.broker_watch import EXIT_BROKER_LOST
from streams.demo import WorkerProcess
from streams.kafka_topics import KafkaTopics
from streams.producing import article_sink, prepare_topics
from streams.records import Article
from streams.settings import Settings
from tests.conftest import isolated_settings
from tests.support import read_topic, wait_processed

pytestmark = [pytest.mark.broker, pytest.mark.reliability]


def _settings(broker: EmbeddedBroker, tmp_path: Path) -> Settings:
    return isolated_settings(broker.url, tmp_path)


async def test_a_send_during_an_outage_completes_when_the_broker_is_back(tmp_path: Path) -> None:
    """Pass: a send started while the broker is down neither fails nor hangs: it completes once the
    broker answers again, and the same sink goes on producing to the re-created Kafka topic. (What
    an empty broker does with a message sent before the topic was created again is its own affair.)"""
    own = EmbeddedBroker().start()
    settings = _settings(own, tmp_path)
    try:
        await prepare_topics(settings)
        async with article_sink(settings) as sink:
            await sink.send(Article(article_id="before", text="x"))
            own.stop()
            sending = asyncio.create_task(sink.send(Article(article_id="during", text="y")))
            await asyncio.sleep(3.0)
            assert not sending.done()
            own.start()
            await prepare_topics(settings)  # what any claimwatch process does at start-up
            await asyncio.wait_for(sending, timeout=60)
            await sink.send(Article(article_id="after", text="z"))
        topic = KafkaTopics(settings.topic_prefix).articles
        values = await read_topic(settings, topic, min_count=1, quiet=0.5)
        assert "after" in [Article.model_validate_json(v).article_id for v in values]
    finally:
        own.stop()


async def test_worker_exits_loudly_when_the_broker_comes_back_empty(tmp_path: Path) -> None:
    """Pass: worker up and processing; broker restarted empty → the worker exits by itself with
    code 3 within 60 s and its log names the lost Kafka topics."""
    own = EmbeddedBroker().start()
    settings = _settings(own, tmp_path)
    worker = WorkerProcess(settings, tmp_path / "worker.log")
    try:
        await prepare_topics(settings)
        worker.start()
        async with article_sink(settings) as sink:
            await sink.send(Article(article_id="a1", text="Nothing to see."))
        await wait_processed(worker, 1)
        own.stop()
        await asyncio.sleep(3.0)
        own.start()
        assert worker.process is not None
        deadline = time.monotonic() + 60
        while worker.process.poll() is None and time.monotonic() < deadline:
            await asyncio.sleep(0.5)
        assert worker.process.returncode == EXIT_BROKER_LOST
        log = (tmp_path / "worker.log").read_text()
        assert "lost claimwatch's Kafka topics" in log
        assert "unreachable" in log  # it said so while the broker was away
    finally:
        worker.stop()
        own.stop()
